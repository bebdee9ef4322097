"""Review of stored events: accept, edit or reject, each kept as a new revision row.

The machine's values stay untouched in `events`; every review appends a row to `revisions` with who
reviewed, when, what changed (`changes`: {field: {"from", "to"}}), why, the event's status after it
and `values`, every field edited so far with its reviewed value. An event's reviewed record is its
stored record with the `values` of its latest revision laid over it; `reviewed_events_sql` does that
in SQL so that the web view and the exports filter and read reviewed values alike. Rejected events
are left out of exports. Every function runs on the caller's connection (or cursor).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

from marsad.errors import MarsadError
from marsad.model.event import CONTRACT_FIELDS
from marsad.model.taxonomy import EVENT_TYPES, MODALITIES, SUB_EVENT_TYPES
from marsad.store.schema import EVENT_COLUMNS

ACTIONS: dict[str, str] = {"accept": "accepted", "edit": "edited", "reject": "rejected"}
# the fields a reviewer may change, with their DuckDB type
EDITABLE: dict[str, str] = {
    name: kind.split()[0]
    for name, kind in EVENT_COLUMNS
    if name not in ("event_id", "content_hash", "document")
}
MAX_TEXT = 2000
_BATCH = 500
_RECORD_COLUMNS = tuple(name for name in CONTRACT_FIELDS if name != "evidence")

# the latest revision of each reviewed event
REVIEW_STATE = """(SELECT event_id, max(revision) AS revision, arg_max(status, revision) AS status,
    arg_max("values", revision) AS vals FROM revisions GROUP BY event_id)"""


class ReviewError(MarsadError):
    """A review the store refuses: an unknown event, action or field, or a value of the wrong kind."""

    code = "E045"
    # True when the event itself is unknown (the web view answers 404)
    unknown_event = False


def _overlay(name: str, kind: str) -> str:
    """The SQL for one column's reviewed value: the revision's value when it edited the field."""
    path = f"$.{name}"
    return (
        f"CASE WHEN r.vals IS NOT NULL AND json_exists(r.vals, '{path}') "
        f'THEN CAST(json_extract_string(r.vals, \'{path}\') AS {kind}) ELSE e."{name}" END AS "{name}"'
    )


def reviewed_events_sql() -> str:
    """A subquery with the columns of `events`, reviewed values laid over the machine's, plus
    `review_status` (accepted, edited, rejected or NULL) and `review_revision`."""
    overlays = ", ".join(_overlay(name, kind) for name, kind in EDITABLE.items())
    return (
        f"(SELECT e.* REPLACE ({overlays}), r.status AS review_status, r.revision AS review_revision "
        f"FROM events e LEFT JOIN {REVIEW_STATE} r ON r.event_id = e.event_id)"
    )


REVIEWED_EVENTS = reviewed_events_sql()
_EVIDENCE = """(SELECT list({'document': v.document, 'sentence': v.sentence, 'start': v."start",
               'end': v."end"} ORDER BY v.ordinal) FROM evidence v WHERE v.event_id = e.event_id)"""
_SELECT_REVIEWED = (
    "SELECT "
    + ", ".join(f'e."{name}"' for name in _RECORD_COLUMNS)
    + f", {_EVIDENCE} FROM {REVIEWED_EVENTS} e"
    + """ WHERE coalesce(e.review_status, '') <> 'rejected' AND (CAST(? AS VARCHAR) IS NULL OR e.modality = ?)
       ORDER BY e.event_date NULLS LAST, e.event_id"""
)

# one event, rejected or not: its contract columns, evidence, status, content hash and document
SELECT_REVIEWED_ONE = (
    "SELECT "
    + ", ".join(f'e."{name}"' for name in _RECORD_COLUMNS)
    + f", {_EVIDENCE}, e.review_status, e.content_hash, e.document FROM {REVIEWED_EVENTS} e WHERE e.event_id = ?"
)


def _iso(value: Any) -> Any:
    """Dates as ISO strings; anything else unchanged."""
    return value.isoformat() if isinstance(value, date) else value


def record_of_row(row: tuple[Any, ...]) -> dict[str, Any]:
    """Turn a row of contract columns followed by the evidence list into a contract record."""
    rec: dict[str, Any] = {name: _iso(value) for name, value in zip(_RECORD_COLUMNS, row[:-1], strict=True)}
    rec["evidence"] = list(row[-1] or [])
    return {name: rec[name] for name in CONTRACT_FIELDS}


def iter_reviewed_records(con: Any, modality: str | None = None) -> Iterator[dict[str, Any]]:
    """Yield the reviewed contract records, rejected events left out, by date then id."""
    cursor = con.cursor()
    try:
        cursor.execute(_SELECT_REVIEWED, [modality, modality])
        while rows := cursor.fetchmany(_BATCH):
            yield from (record_of_row(row) for row in rows)
    finally:
        cursor.close()


def reviewed_fused_ids(con: Any) -> set[str]:
    """The fused records that have at least one reviewed member."""
    rows = con.execute(
        "SELECT DISTINCT m.fused_id FROM fused_members m JOIN revisions r ON r.event_id = m.event_id"
    ).fetchall()
    return {row[0] for row in rows}


def reviewed_members(con: Any, fid: str) -> list[dict[str, Any]]:
    """The reviewed records of a fused record's members not rejected, in the order they joined."""
    rows = con.execute(
        "SELECT "
        + ", ".join(f'e."{name}"' for name in _RECORD_COLUMNS)
        + f", m.document, {_EVIDENCE} FROM fused_members m JOIN {REVIEWED_EVENTS} e ON e.event_id = m.event_id"
        + " WHERE m.fused_id = ? AND coalesce(e.review_status, '') <> 'rejected' ORDER BY m.ordinal",
        [fid],
    ).fetchall()
    out = []
    for row in rows:
        rec = record_of_row((*row[:-2], row[-1]))
        rec["document"] = row[-2]
        out.append(rec)
    return out


def iter_reviewed_fused(con: Any) -> Iterator[dict[str, Any]]:
    """Yield the fused records; those with reviewed members are fused again from the reviewed members
    (rejected ones left out, and the record dropped when none is left)."""
    from marsad.fuse import fuse_records

    touched = reviewed_fused_ids(con)
    cursor = con.cursor()
    try:
        cursor.execute("SELECT fused_id, record FROM fused ORDER BY event_date NULLS LAST, fused_id")
        while rows := cursor.fetchmany(_BATCH):
            for fid, record in rows:
                if fid not in touched:
                    yield json.loads(record)
                    continue
                members = reviewed_members(con, fid)
                if members:
                    yield fuse_records(fid, members)
    finally:
        cursor.close()


def coerce(name: str, value: Any) -> Any:
    """Check and convert a reviewer's value for a field; raise ReviewError when it does not fit."""
    kind = EDITABLE.get(name)
    if kind is None:
        raise ReviewError(f"{name!r} is not a field a reviewer can change")
    if value is None or (isinstance(value, str) and not value.strip() and kind != "VARCHAR"):
        return None
    try:
        if kind == "DATE":
            return date.fromisoformat(str(value).strip()).isoformat()
        if kind == "INTEGER":
            if isinstance(value, float) and not value.is_integer():
                raise ValueError(value)
            number = int(str(value).strip()) if isinstance(value, str) else int(value)
            if isinstance(value, bool) or abs(number) > 2**31 - 1:
                raise ValueError(value)
            return number
        if kind == "DOUBLE":
            real = float(value)
            limit = {"latitude": 90.0, "longitude": 180.0}.get(name)
            if not math.isfinite(real) or (limit is not None and abs(real) > limit):
                raise ValueError(value)
            return real
    except (TypeError, ValueError):
        raise ReviewError(f"{name}: {str(value)[:80]!r} is not a valid {kind.lower()}") from None
    text = str(value)
    if len(text) > MAX_TEXT:
        raise ReviewError(f"{name}: at most {MAX_TEXT} characters")
    if name == "modality" and text not in MODALITIES:
        raise ReviewError(f"modality: choose one of {', '.join(MODALITIES)}")
    if name == "event_type" and text not in EVENT_TYPES:
        raise ReviewError(f"event_type: choose one of {', '.join(EVENT_TYPES)}")
    if name == "sub_event_type" and text and text not in SUB_EVENT_TYPES:
        raise ReviewError(f"sub_event_type: {text[:80]!r} is not one of ACLED's sub-event types")
    return text


def _current(con: Any, event_id: str) -> tuple[dict[str, Any], int]:
    """The event's reviewed field values and its latest revision number (0 when never reviewed)."""
    cols = ", ".join(f'e."{name}"' for name in EDITABLE)
    row = con.execute(
        f"SELECT {cols}, coalesce(e.review_revision, 0) FROM {REVIEWED_EVENTS} e WHERE e.event_id = ?",
        [event_id],
    ).fetchone()
    if row is None:
        error = ReviewError(f"no event {event_id!r} in the store")
        error.unknown_event = True
        raise error
    return {name: _iso(value) for name, value in zip(EDITABLE, row[:-1], strict=True)}, int(row[-1])


def add_review(
    con: Any,
    event_id: str,
    action: str,
    reviewer: str,
    *,
    changes: dict[str, Any] | None = None,
    reason: str = "",
) -> dict[str, Any]:
    """Store a review of an event as a new revision, in one transaction; return the revision.

    `action` is accept, edit or reject; `changes` ({field: new value}) may go with any of them and
    only fields whose value differs are recorded. An edit must change something.
    """
    if action not in ACTIONS:
        raise ReviewError(f"action: choose one of {', '.join(ACTIONS)}")
    reviewer = (reviewer or "").strip()
    if not reviewer or len(reviewer) > 200:
        raise ReviewError("reviewer: give your name (at most 200 characters)")
    reason = str(reason or "").strip()
    if len(reason) > MAX_TEXT:
        raise ReviewError(f"reason: at most {MAX_TEXT} characters")
    wanted = {name: coerce(name, value) for name, value in (changes or {}).items()}
    con.execute("BEGIN TRANSACTION")
    try:
        current, revision = _current(con, event_id)
        diff = {name: {"from": current[name], "to": v} for name, v in wanted.items() if current[name] != v}
        if action == "edit" and not diff:
            raise ReviewError("an edit must change at least one field")
        state = con.execute(f"SELECT vals FROM {REVIEW_STATE} WHERE event_id = ?", [event_id]).fetchone()
        values = json.loads(state[0]) if state and state[0] else {}
        values.update({name: change["to"] for name, change in diff.items()})
        now = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
        row: dict[str, Any] = {
            "event_id": event_id,
            "revision": revision + 1,
            "action": action,
            "status": ACTIONS[action],
            "reviewer": reviewer,
            "reviewed_at": now,
            "changes": diff,
            "values": values,
            "reason": reason,
        }
        con.execute(
            'INSERT INTO revisions (event_id, revision, action, status, reviewer, reviewed_at, changes, "values", '
            "reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                *(row[k] for k in ("event_id", "revision", "action", "status", "reviewer")),
                now,
                json.dumps(diff, ensure_ascii=False),
                json.dumps(values, ensure_ascii=False),
                reason,
            ],
        )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    row["reviewed_at"] = now.isoformat()
    return row


def revisions_of(con: Any, event_id: str) -> list[dict[str, Any]]:
    """An event's revisions, oldest first."""
    rows = con.execute(
        'SELECT revision, action, status, reviewer, reviewed_at, changes, "values", reason FROM revisions '
        "WHERE event_id = ? ORDER BY revision",
        [event_id],
    ).fetchall()
    out = []
    for rev, action, status, reviewer, at, changes, values, reason in rows:
        out.append(
            {
                "revision": rev,
                "action": action,
                "status": status,
                "reviewer": reviewer,
                "reviewed_at": at.isoformat() if isinstance(at, datetime) else at,
                "changes": json.loads(changes) if changes else {},
                "values": json.loads(values) if values else {},
                "reason": reason or "",
            }
        )
    return out
