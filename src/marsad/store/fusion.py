"""Fusion in the store: each stored occurred event joins the fused record of a matching report.

Candidates come from SQL (the other documents' occurred events in a day window and a lat/lon box,
or at the same location name), so adding a report costs a few indexed queries whatever the store's
size; `marsad.fuse` decides which candidate matches and builds the fused record. Every function
runs on the caller's connection, inside the caller's transaction.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from marsad.fuse import closeness, fuse_records, fused_id, same_event, search_window
from marsad.model.event import CONTRACT_FIELDS

_COLUMNS = tuple(name for name in CONTRACT_FIELDS if name != "evidence")
_MATCH_COLUMNS = (
    "event_id",
    "event_date",
    "date_start",
    "date_end",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "location",
    "latitude",
    "longitude",
)
_CANDIDATES = (
    "SELECT m.fused_id, "
    + ", ".join(f'e."{name}"' for name in _MATCH_COLUMNS)
    + """ FROM events e JOIN fused_members m ON m.event_id = e.event_id
    WHERE e.modality = 'occurred' AND e.content_hash <> ?
      AND coalesce(e.date_start, e.event_date) <= ? AND coalesce(e.date_end, e.event_date) >= ?
      AND ((e.latitude BETWEEN ? AND ? AND e.longitude BETWEEN ? AND ?)
           OR (? <> '' AND lower(trim(e.location)) = ?))
      AND m.fused_id NOT IN (SELECT fused_id FROM fused_members WHERE content_hash = ?)"""
)
_MEMBERS = (
    "SELECT "
    + ", ".join(f'e."{name}"' for name in _COLUMNS)
    + """, e.document, (SELECT list({'document': v.document, 'sentence': v.sentence, 'start': v."start",
               'end': v."end"} ORDER BY v.ordinal) FROM evidence v WHERE v.event_id = e.event_id)
    FROM fused_members m JOIN events e ON e.event_id = m.event_id
    WHERE m.fused_id = ? ORDER BY m.ordinal"""
)
_NO_BOX = (None, None, None, None)


def _iso(rec: dict[str, Any]) -> dict[str, Any]:
    """Turn a record's date values into ISO strings."""
    for name in ("event_date", "date_start", "date_end"):
        if isinstance(rec.get(name), date):
            rec[name] = rec[name].isoformat()
    return rec


def candidates(con: Any, content_hash: str, rec: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the other documents' stored occurred events near a record in time and place."""
    window = search_window(rec)
    if window is None:
        return []
    box = window["box"] or _NO_BOX
    params = [content_hash, window["last"], window["first"], box[0], box[1], box[2], box[3]]
    params += [window["location"], window["location"], content_hash]
    rows = con.execute(_CANDIDATES, params).fetchall()
    return [{"fused_id": row[0], **dict(zip(_MATCH_COLUMNS, row[1:], strict=True))} for row in rows]


def best_match(rec: dict[str, Any], found: list[dict[str, Any]]) -> str | None:
    """Return the fused id of the closest candidate describing the same happening, or None."""
    matches = [c for c in found if same_event(rec, c)]
    if not matches:
        return None
    return str(min(matches, key=lambda c: (closeness(rec, c), c["fused_id"]))["fused_id"])


def member_records(con: Any, fid: str) -> list[dict[str, Any]]:
    """Return the contract records of a fused record's members, in the order they joined."""
    rows = con.execute(_MEMBERS, [fid]).fetchall()
    out = []
    for row in rows:
        rec = _iso(dict(zip(_COLUMNS, row[:-2], strict=True)))
        rec["document"] = row[-2]
        rec["evidence"] = list(row[-1] or [])
        out.append(rec)
    return out


def fuse_event(con: Any, content_hash: str, rec: dict[str, Any]) -> str | None:
    """Join a stored occurred event to a matching fused record or found one; return the fused id."""
    if rec.get("modality") != "occurred":
        return None
    fid = best_match(rec, candidates(con, content_hash, rec))
    founding = fid is None
    fid = fid or _free_fused_id(con, str(rec["event_id"]))
    ordinal_row = con.execute("SELECT count(*) FROM fused_members WHERE fused_id = ?", [fid]).fetchone()
    ordinal = int(ordinal_row[0]) if ordinal_row else 0
    con.execute(
        "INSERT INTO fused_members VALUES (?, ?, ?, ?, ?, ?)",
        [rec["event_id"], fid, content_hash, rec.get("document"), rec.get("source"), ordinal],
    )
    fused = fuse_records(fid, member_records(con, fid))
    values = [
        fused["event_date"],
        fused["fatalities"],
        len(fused["claims"]),
        json.dumps(fused, ensure_ascii=False),
    ]
    if founding:
        con.execute("INSERT INTO fused VALUES (?, ?, ?, ?, ?)", [fid, *values])
    else:
        con.execute(
            "UPDATE fused SET event_date = ?, fatalities = ?, members = ?, record = ? WHERE fused_id = ?",
            [*values, fid],
        )
    return fid


def _free_fused_id(con: Any, event_id: str) -> str:
    """The id of the fused record this event founds: its own (`fused_id`), or, when a record kept
    that id after its founder was re-extracted away (`marsad reprocess`), the first free variant."""
    fid, n = fused_id(event_id), 0
    while con.execute("SELECT 1 FROM fused WHERE fused_id = ?", [fid]).fetchone() is not None:
        n += 1
        fid = fused_id(f"{event_id}|{n}")
    return fid


def fuse_document(con: Any, content_hash: str, records: list[dict[str, Any]]) -> list[str]:
    """Fuse a stored document's records in order; return the fused ids they joined or founded."""
    joined = (fuse_event(con, content_hash, rec) for rec in records)
    return [fid for fid in joined if fid is not None]


def fuse_all(con: Any) -> None:
    """Fuse every stored occurred event not fused yet, document by document in ingest order (migration)."""
    docs = con.execute("SELECT content_hash FROM documents ORDER BY ingested_at, content_hash").fetchall()
    for (content_hash,) in docs:
        ids = con.execute(
            """SELECT e.event_id FROM events e WHERE e.content_hash = ? AND e.modality = 'occurred'
               AND e.event_id NOT IN (SELECT event_id FROM fused_members) ORDER BY e.event_id""",
            [content_hash],
        ).fetchall()
        records = [_record_of(con, event_id) for (event_id,) in ids]
        fuse_document(con, content_hash, records)


def _record_of(con: Any, event_id: str) -> dict[str, Any]:
    """Return the matching fields of one stored event."""
    cols = ", ".join(f'"{name}"' for name in (*_MATCH_COLUMNS, "modality", "document", "source"))
    row = con.execute(f"SELECT {cols} FROM events WHERE event_id = ?", [event_id]).fetchone()
    return dict(zip((*_MATCH_COLUMNS, "modality", "document", "source"), row, strict=True))


def iter_fused_rows(con: Any) -> Any:
    """Return a cursor over the fused records' JSON, by event date then fused id."""
    cursor = con.cursor()
    cursor.execute("SELECT record FROM fused ORDER BY event_date NULLS LAST, fused_id")
    return cursor
