"""The review queue: the unreviewed events, least confident first, and what a reviewer chooses from.

`GET /review` is the page (keyboard: j/k move, a accept, r reject, e edit; static/queue.js),
`GET /api/queue.json` the events under the map's filters, `GET /api/vocabulary.json` the taxonomy
(each event type's sub-event types), the known actors (the knowledge packs' actors, named as ACLED
names them for each state and period, and every actor the store already holds) and the labels of
ACLED's codes. Reviews go through `POST /api/events/ID/review` like the event page's form.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from marsad.model.event import CONTRACT_FIELDS
from marsad.model.taxonomy import EVENT_TYPES, MODALITIES
from marsad.store.query import EventFilter, where
from marsad.store.reviews import REVIEWED_EVENTS
from marsad.web import pages

DEFAULT_QUEUE = 100
MAX_QUEUE = 500
CODED = ("inter1", "inter2", "interaction", "geo_precision", "time_precision")
_COLUMNS = tuple(name for name in CONTRACT_FIELDS if name != "evidence")
_EVIDENCE = """(SELECT list({'sentence': v.sentence, 'start': v."start", 'end': v."end"} ORDER BY v.ordinal)
               FROM evidence v WHERE v.event_id = e.event_id)"""


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def labelled(record: dict[str, Any]) -> dict[str, str]:
    """Each coded field of a record as its code and what the code means: inter1 2 -> '2 Rebel groups'."""
    out = {}
    for name in CODED:
        value = record.get(name)
        label = pages.code_label(name, value)
        if value is not None and value != "":
            out[name] = f"{value} {label}" if label else str(value)
    return out


def queue(con: Any, filters: EventFilter, limit: int = DEFAULT_QUEUE) -> dict[str, Any]:
    """The unreviewed events under the filters, least confident first (then by date and id), at most
    `limit`; with `total`, how many await review under those filters."""
    clause, params = where(filters)
    base = f"FROM {REVIEWED_EVENTS} e WHERE e.review_status IS NULL AND {clause}"
    total_row = con.execute(f"SELECT count(*) {base}", params).fetchone()
    cols = ", ".join(f'e."{name}"' for name in _COLUMNS)
    rows = con.execute(
        f"SELECT {cols}, e.content_hash, {_EVIDENCE} {base} "
        "ORDER BY e.confidence NULLS FIRST, e.event_date NULLS LAST, e.event_id LIMIT ?",
        [*params, max(1, min(MAX_QUEUE, limit))],
    ).fetchall()
    events = []
    for row in rows:
        record = {name: _jsonable(v) for name, v in zip(_COLUMNS, row[:-2], strict=True)}
        record["content_hash"] = row[-2]
        record["evidence"] = list(row[-1] or [])
        record["labels"] = labelled(record)
        events.append(record)
    return {"total": int(total_row[0]) if total_row else 0, "events": events}


def known_actors(con: Any, lexicon: Any) -> list[str]:
    """The actor names a reviewer may choose: every pack actor as ACLED names it (a state force for
    each state and period of the `states` table, a country's branch for each state), and every
    actor name the store holds; sorted, once each."""
    names: set[str] = set()
    states = getattr(lexicon, "states", {}) or {}
    for key, entry in getattr(lexicon, "entries", {}).items():
        if "{" not in entry.name:
            names.add(entry.name)
            continue
        codes = [entry.state] if entry.state else list(states)
        for code in codes:
            state = states.get(code)
            days: list[date | None] = list(state.periods) if state and "{period}" in entry.name else [None]
            for day in days or [None]:
                name = lexicon.name(key, code, day)
                if name and "{" not in name:
                    names.add(name)
    rows = con.execute(
        "SELECT DISTINCT name FROM (SELECT actor1 AS name FROM events UNION ALL SELECT actor2 FROM events) "
        "WHERE name IS NOT NULL AND name <> ''"
    ).fetchall()
    names.update(str(r[0]) for r in rows)
    return sorted(names, key=lambda n: (n.lower(), n))


def vocabulary(con: Any, lexicon: Any) -> dict[str, Any]:
    """What the queue's fields offer: the taxonomy, the known actors, the modalities, the code labels."""
    return {
        "event_types": {name: list(subs) for name, subs in EVENT_TYPES.items()},
        "actors": known_actors(con, lexicon),
        "modalities": list(MODALITIES),
        "codes": {
            "inter": {str(k): v for k, v in pages.INTER_LABELS.items()},
            "geo_precision": {str(k): v for k, v in pages.GEO_PRECISION_LABELS.items()},
            "time_precision": {str(k): v for k, v in pages.TIME_PRECISION_LABELS.items()},
        },
    }


def queue_page(total: int, writable: bool) -> str:
    """The review queue's page; its content comes from /api/queue.json (static/queue.js)."""
    return pages.render(
        "queue.html",
        title="Review",
        total=total,
        writable=writable,
        event_types=EVENT_TYPES,
        modalities=MODALITIES,
        current="/review",
        js=("/static/common.js", "/static/queue.js"),
    )
