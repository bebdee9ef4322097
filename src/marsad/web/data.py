"""The data behind every page of the web view, as plain JSON-ready dicts.

Each page's HTML and its `.json` twin are rendered from the same function here. Every function takes
a DuckDB connection (a cursor of the server's store) and reads reviewed values
(`marsad.store.reviews`). Filter values reach SQL only as parameters; column names come from fixed
tables in this module, never from a request.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from marsad.model.taxonomy import EVENT_TYPES, MODALITIES

# the filters live in marsad.store.query, shared with `marsad export`; re-exported for the web view
from marsad.store.query import (  # noqa: F401
    REVIEW_STATES,
    EventFilter,
    FilterError,
    filter_fields,
    one,
    where,
)
from marsad.store.reviews import (
    EDITABLE,
    REVIEWED_EVENTS,
    iter_reviewed_fused,
    iter_reviewed_records,
    revisions_of,
)

DEFAULT_LIMIT = 20000
MAX_LIMIT = 100000
# the fields of each event listed beside a document, in order (review_status last)
_DOCUMENT_EVENT_KEYS = (
    "event_id",
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "location",
    "modality",
    "review_status",
)
# the properties of a map point, in order
POINT_COLUMNS = (
    "event_id",
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "location",
    "fatalities",
    "modality",
    "source",
    "review_status",
)


@dataclass
class Filters(EventFilter):
    """The map's filters, parsed and checked (`marsad.store.query`), and how many points to send."""

    limit: int = DEFAULT_LIMIT

    def as_dict(self) -> dict[str, Any]:
        """The filters in force, for the JSON answers."""
        return {
            "bbox": list(self.bbox) if self.bbox else None,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "country": self.country,
            "actor": self.actor or None,
            "source": self.source,
            "place": self.place or None,
            "modality": self.modality,
            "review": self.review,
            "limit": self.limit,
        }


def parse_filters(query: Mapping[str, Sequence[str]]) -> Filters:
    """Parse the map's query parameters (as `urllib.parse.parse_qs` gives them)."""
    limit_text = one(query, "limit")
    try:
        limit = int(limit_text) if limit_text else DEFAULT_LIMIT
    except ValueError:
        raise FilterError(f"limit: {limit_text[:20]!r} is not a whole number") from None
    return Filters(**filter_fields(query), limit=max(1, min(MAX_LIMIT, limit)))


def _jsonable(value: Any) -> Any:
    """Dates as ISO strings."""
    return value.isoformat() if isinstance(value, date) else value


# a map point as a GeoJSON Feature, written by DuckDB (no Python object per point): its id, its
# [longitude, latitude] and the POINT_COLUMNS as properties, dates as ISO strings
FEATURE_SQL = (
    "json_object('type', 'Feature', 'id', e.event_id, 'geometry', json_object('type', 'Point', "
    "'coordinates', [e.longitude, e.latitude]), 'properties', json_object("
    + ", ".join(f"'{c}', e.{c}" for c in POINT_COLUMNS)
    + "))"
)


def events_geojson_text(
    con: Any, filters: Filters, events: str = REVIEWED_EVENTS, feature: str = FEATURE_SQL
) -> str:
    """The located events matching the filters as a FeatureCollection (by date, at most `limit`,
    `truncated` true when more match), as JSON text.

    `events`: the relation of reviewed events read (the store's, or a snapshot's table of it);
    `feature`: the SQL of a point's Feature (FEATURE_SQL, or a snapshot's column of it)."""
    clause, params = where(filters)
    sql = (
        f"SELECT {feature} FROM {events} e "
        f"WHERE e.latitude IS NOT NULL AND e.longitude IS NOT NULL AND {clause} "
        "ORDER BY e.event_date NULLS LAST, e.event_id LIMIT ?"
    )
    rows = con.execute(sql, [*params, filters.limit + 1]).fetchall()
    truncated = "true" if len(rows) > filters.limit else "false"
    features = ",".join(row[0] for row in rows[: filters.limit])
    return f'{{"type": "FeatureCollection", "features": [{features}], "truncated": {truncated}}}'


def events_geojson(
    con: Any, filters: Filters, events: str = REVIEWED_EVENTS, feature: str = FEATURE_SQL
) -> dict[str, Any]:
    """`events_geojson_text` as a dict."""
    parsed: dict[str, Any] = json.loads(events_geojson_text(con, filters, events, feature))
    return parsed


def timeline_text(con: Any, filters: Filters, events: str = REVIEWED_EVENTS) -> str:
    """Events per day under every filter but the dates (the brush's histogram), as JSON text:
    `{"days": [["YYYY-MM-DD", n], ...]}`."""
    clause, params = where(filters, dates=False)
    rows = con.execute(
        f"SELECT json_array(e.event_date, count(*)) FROM {events} e "
        f"WHERE e.event_date IS NOT NULL AND {clause} GROUP BY e.event_date ORDER BY e.event_date",
        params,
    ).fetchall()
    return '{"days": [' + ",".join(row[0] for row in rows) + "]}"


def timeline(con: Any, filters: Filters, events: str = REVIEWED_EVENTS) -> dict[str, Any]:
    """`timeline_text` as a dict."""
    parsed: dict[str, Any] = json.loads(timeline_text(con, filters, events))
    return parsed


def facets(con: Any, events: str = REVIEWED_EVENTS) -> dict[str, Any]:
    """What the filters offer: event types, sources and modalities with counts, and the date span."""
    out: dict[str, Any] = {}
    for column in ("event_type", "source", "modality"):
        rows = con.execute(
            f"SELECT e.{column}, count(*) FROM {events} e WHERE e.{column} IS NOT NULL "
            f"AND e.{column} <> '' GROUP BY e.{column} ORDER BY count(*) DESC, e.{column}"
        ).fetchall()
        out[column] = [[value, int(n)] for value, n in rows]
    first, last, total, located = con.execute(
        f"SELECT min(e.event_date), max(e.event_date), count(*), count(e.latitude) FROM {events} e"
    ).fetchone()
    out.update(
        first=_jsonable(first),
        last=_jsonable(last),
        events=int(total),
        located=int(located),
        event_types=list(EVENT_TYPES),
        modalities=list(MODALITIES),
    )
    return out


def map_page(
    con: Any, filters: Filters, events: str = REVIEWED_EVENTS, feature: str = FEATURE_SQL
) -> dict[str, Any]:
    """The map page's data: the filters, what they offer, the histogram and the points."""
    return {
        "filters": filters.as_dict(),
        "facets": facets(con, events),
        "timeline": timeline(con, filters, events),
        "events": events_geojson(con, filters, events, feature),
    }


def _document_row(con: Any, where_sql: str, value: str) -> dict[str, Any] | None:
    """One document's metadata (no text)."""
    row = con.execute(
        f"SELECT content_hash, doc_id, title, source, url, published FROM documents WHERE {where_sql} LIMIT 1",
        [value],
    ).fetchone()
    if row is None:
        return None
    keys = ("content_hash", "doc_id", "title", "source", "url", "published")
    return {k: _jsonable(v) for k, v in zip(keys, row, strict=True)}


def _fused_of(con: Any, event_id: str) -> dict[str, Any] | None:
    """The fused record an event belongs to (reviewed), with its claims and conflicts."""
    row = con.execute("SELECT fused_id FROM fused_members WHERE event_id = ?", [event_id]).fetchone()
    if row is None:
        return None
    fid = row[0]
    members = con.execute(
        "SELECT event_id, content_hash, document, source FROM fused_members WHERE fused_id = ? ORDER BY ordinal",
        [fid],
    ).fetchall()
    record = None
    for rec in _fused_records(con, fid):
        record = rec
    if record is None:
        return {"fused_id": fid, "claims": [], "conflicts": [], "members": []}
    return {
        "fused_id": fid,
        "event_date": record.get("event_date"),
        "fatalities": record.get("fatalities"),
        "claims": record.get("claims", []),
        "conflicts": record.get("conflicts", []),
        "members": [
            {"event_id": m[0], "content_hash": m[1], "document": m[2], "source": m[3]} for m in members
        ],
    }


def _fused_records(con: Any, fid: str) -> list[dict[str, Any]]:
    """The reviewed fused record with this id (a list of at most one)."""
    from marsad.fuse import fuse_records
    from marsad.store.reviews import reviewed_fused_ids, reviewed_members

    if fid in reviewed_fused_ids(con):
        members = reviewed_members(con, fid)
        return [fuse_records(fid, members)] if members else []
    row = con.execute("SELECT record FROM fused WHERE fused_id = ?", [fid]).fetchone()
    return [json.loads(row[0])] if row else []


def event_page(con: Any, event_id: str) -> dict[str, Any] | None:
    """One event: its reviewed record, the machine's values it differs by, its document, evidence,
    revisions and the fused record's claims side by side; None when there is no such event."""
    from marsad.store.reviews import SELECT_REVIEWED_ONE, record_of_row

    row = con.execute(SELECT_REVIEWED_ONE, [event_id]).fetchone()
    if row is None:
        return None
    record = record_of_row(row[:-3])
    status, content_hash, document = row[-3], row[-2], row[-1]
    cols = ", ".join(f'"{name}"' for name in EDITABLE)
    machine_row = con.execute(f"SELECT {cols} FROM events WHERE event_id = ?", [event_id]).fetchone()
    machine = {name: _jsonable(v) for name, v in zip(EDITABLE, machine_row, strict=True)}
    changed = {name: machine[name] for name in EDITABLE if record.get(name) != machine[name]}
    return {
        "event": record,
        "review_status": status or "unreviewed",
        "machine_values": changed,
        "document": _document_row(con, "content_hash = ?", content_hash)
        or {"content_hash": content_hash, "doc_id": document},
        "revisions": revisions_of(con, event_id),
        "fused": _fused_of(con, event_id),
        "editable": list(EDITABLE),
        "event_types": {name: list(subs) for name, subs in EVENT_TYPES.items()},
        "modalities": list(MODALITIES),
    }


def _segments(text: str, spans: list[tuple[int, int, str]]) -> list[dict[str, Any]]:
    """Cut the text into pieces at evidence boundaries; each piece lists the events whose evidence
    covers it (none for plain text)."""
    cuts = {0, len(text)}
    for start, end, _ in spans:
        cuts.update((start, end))
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    out: list[dict[str, Any]] = []
    for a, b in itertools.pairwise(points):
        if a == b:
            continue
        ids = sorted({eid for s, e, eid in spans if s <= a and b <= e})
        if out and out[-1]["events"] == ids:
            out[-1]["text"] += text[a:b]
        else:
            out.append({"text": text[a:b], "events": ids})
    return out


def document_page(con: Any, document_id: str) -> dict[str, Any] | None:
    """A document's text cut into plain and evidence pieces, with its events; None when absent.

    The id is a content hash or, failing that, the document's own id (its file name)."""
    doc = _document_row(con, "content_hash = ?", document_id) or _document_row(con, "doc_id = ?", document_id)
    if doc is None:
        return None
    text_row = con.execute(
        "SELECT text FROM documents WHERE content_hash = ?", [doc["content_hash"]]
    ).fetchone()
    text = str(text_row[0]) if text_row else ""
    spans = [
        (int(s), int(e), str(eid))
        for eid, s, e in con.execute(
            'SELECT event_id, "start", "end" FROM evidence WHERE content_hash = ? AND "start" IS NOT NULL '
            'AND "end" > "start" ORDER BY "start"',
            [doc["content_hash"]],
        ).fetchall()
        if 0 <= int(s) < int(e) <= len(text)
    ]
    columns = ", ".join(f"e.{k}" for k in _DOCUMENT_EVENT_KEYS[:-1])
    events = con.execute(
        f"SELECT {columns}, coalesce(e.review_status, 'unreviewed') FROM {REVIEWED_EVENTS} e "
        "WHERE e.content_hash = ? ORDER BY e.event_date NULLS LAST, e.event_id",
        [doc["content_hash"]],
    ).fetchall()
    keys = _DOCUMENT_EVENT_KEYS
    return {
        "document": doc,
        "segments": _segments(text, spans),
        "events": [{k: _jsonable(v) for k, v in zip(keys, ev, strict=True)} for ev in events],
    }


def control_page(con: Any, lexicon: Any, at: date | None) -> dict[str, Any]:
    """The control timeline over the reviewed records, with each place's controller on `at`."""
    from marsad.control import build_timeline, events_from_records

    timeline_ = build_timeline(events_from_records(iter_reviewed_records(con)), lexicon=lexicon)
    places = [p.as_dict(at) for p in timeline_.places]
    days = sorted({c["date"] for p in places for c in p["changes"]})
    return {
        "at": at.isoformat() if at else None,
        "first": days[0] if days else None,
        "last": days[-1] if days else None,
        "places": places,
    }


def sources_page(con: Any, lexicon: Any) -> list[dict[str, Any]]:
    """Each source's profile: its loaded terms, its verbs and its disputed claims."""
    from marsad.sources import source_profiles

    cursor = con.cursor()
    try:
        docs = cursor.execute(
            "SELECT source, text FROM documents ORDER BY ingested_at, content_hash"
        ).fetchall()
    finally:
        cursor.close()
    profiles = source_profiles(docs, iter_reviewed_records(con), iter_reviewed_fused(con), lexicon)
    return [p.as_dict() for p in profiles]


# what /api/stats may group by (a request names one of these keys, never a column)
STAT_GROUPS = {
    name: f"e.{name}" for name in ("event_type", "sub_event_type", "actor1", "admin1", "country", "source")
}
STAT_INTERVALS = ("day", "week", "month")


def stats_check(group: str, interval: str) -> None:
    """FilterError unless `group` and `interval` are among those /api/stats offers."""
    if group not in STAT_GROUPS:
        raise FilterError(f"group: choose among {', '.join(STAT_GROUPS)}")
    if interval not in STAT_INTERVALS:
        raise FilterError(f"interval: choose among {', '.join(STAT_INTERVALS)}")


def stats(
    con: Any, filters: Filters, group: str, interval: str, events: str = REVIEWED_EVENTS
) -> list[dict[str, Any]]:
    """Events and fatalities per period and group, over the events the map shows for these filters
    (those with coordinates): `[{"period", "group", "events", "fatalities"}]`, by period then count.

    A period is the first day of its day, ISO week (from Monday) or month; undated events have none."""
    stats_check(group, interval)
    column = STAT_GROUPS[group]
    clause, params = where(filters)
    rows = con.execute(
        f"SELECT CAST(date_trunc('{interval}', e.event_date) AS DATE) AS period, coalesce({column}, '') AS grp, "
        f"count(*) AS n, coalesce(sum(e.fatalities), 0) FROM {events} e "
        f"WHERE e.latitude IS NOT NULL AND e.longitude IS NOT NULL AND {clause} "
        "GROUP BY period, grp ORDER BY period NULLS LAST, n DESC, grp",
        params,
    ).fetchall()
    return [
        {"period": _jsonable(period), "group": grp, "events": int(n), "fatalities": int(dead)}
        for period, grp, n, dead in rows
    ]
