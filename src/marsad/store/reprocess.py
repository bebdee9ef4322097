"""Re-extract stored documents with the current marsad and knowledge, keeping the reviews.

`marsad reprocess` reads each stored document's text back (the store keeps it), runs the pipeline
over it and replaces that document's events, evidence and fusion membership with the new ones, in
one transaction per document. A document is never half replaced.

Reviews follow their event. Each reviewed event of the old extraction is matched to at most one new
event of the same document, and its revisions move to that event:

1. the same event id (same document, trigger and sub-event type: `Event.assign_id`), else
2. the new event with the same sub-event type (the machine's old one, or the reviewer's edited one)
   whose evidence overlaps the old evidence, or whose location and event date are both the same;
   the best by evidence overlap in characters, then same location, then same date, then id.

A review with no such event is not dropped: its revisions move to the `reprocess_unmatched` table
with the old event's record (so no new event inherits a verdict meant for another), and the command
reports it. Edited values are laid over the new machine record as they were over the old one.

Runs are resumable: `reprocess_runs` holds each run, `reprocess_done` the documents a run has
finished (written in the document's own transaction). A run that was interrupted is continued by
the next `marsad reprocess` unless that asks for a new run (`restart`).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from marsad.fuse import fuse_records
from marsad.model.document import Document
from marsad.model.event import Event
from marsad.store.fusion import fuse_document, member_records

BOOKKEEPING = (
    """CREATE TABLE IF NOT EXISTS reprocess_runs (
        run_id VARCHAR PRIMARY KEY, started TIMESTAMP NOT NULL, finished TIMESTAMP, version VARCHAR
    )""",
    """CREATE TABLE IF NOT EXISTS reprocess_done (
        run_id VARCHAR NOT NULL, content_hash VARCHAR NOT NULL, events_before INTEGER,
        events_after INTEGER, PRIMARY KEY (run_id, content_hash)
    )""",
    """CREATE TABLE IF NOT EXISTS reprocess_unmatched (
        run_id VARCHAR NOT NULL, event_id VARCHAR NOT NULL, content_hash VARCHAR NOT NULL,
        document VARCHAR, status VARCHAR, reviewer VARCHAR, record JSON, revisions JSON
    )""",
)

_OLD_COLUMNS = ("event_id", "sub_event_type", "location", "event_date", "document", "actor1", "notes")
_REVISION_COLUMNS = ("revision", "action", "status", "reviewer", "reviewed_at", "changes", "values", "reason")


@dataclass
class Unmatched:
    """A review whose event the new extraction no longer has."""

    event_id: str
    document: str
    sub_event_type: str
    location: str
    event_date: str
    status: str
    reviewer: str


@dataclass
class DocumentResult:
    """What replacing one document's events did."""

    content_hash: str
    before: int
    after: int
    kept: dict[str, str] = field(default_factory=dict)  # old reviewed event id -> new event id
    unmatched: list[Unmatched] = field(default_factory=list)


def prepare(con: Any) -> None:
    """Create the bookkeeping tables when they are missing."""
    for statement in BOOKKEEPING:
        con.execute(statement)


def open_run(con: Any, version: str, *, restart: bool = False) -> tuple[str, bool]:
    """The run to work in: the unfinished one (unless `restart`), else a new one; and whether it resumes."""
    prepare(con)
    row = con.execute(
        "SELECT run_id FROM reprocess_runs WHERE finished IS NULL ORDER BY started DESC LIMIT 1"
    ).fetchone()
    if row and not restart:
        return str(row[0]), True
    if row:
        con.execute("UPDATE reprocess_runs SET finished = ? WHERE finished IS NULL", [_now()])
    run_id = uuid.uuid4().hex[:12]
    con.execute("INSERT INTO reprocess_runs VALUES (?, ?, NULL, ?)", [run_id, _now(), version])
    return run_id, False


def finish_run(con: Any, run_id: str) -> None:
    """Mark the run finished: the next reprocess starts a new one."""
    con.execute("UPDATE reprocess_runs SET finished = ? WHERE run_id = ?", [_now(), run_id])


def pending_documents(con: Any, run_id: str) -> list[str]:
    """The content hashes of the stored documents this run has not finished, in ingest order."""
    rows = con.execute(
        """SELECT content_hash FROM documents WHERE content_hash NOT IN
           (SELECT content_hash FROM reprocess_done WHERE run_id = ?) ORDER BY ingested_at, content_hash""",
        [run_id],
    ).fetchall()
    return [str(r[0]) for r in rows]


def done_count(con: Any, run_id: str) -> int:
    """How many documents the run has finished."""
    row = con.execute("SELECT count(*) FROM reprocess_done WHERE run_id = ?", [run_id]).fetchone()
    return int(row[0]) if row else 0


def load_documents(con: Any, hashes: Iterable[str]) -> Iterator[Document]:
    """The stored documents as they were read (text and metadata), one query each."""
    for content_hash in hashes:
        row = con.execute(
            "SELECT doc_id, title, source, url, published, text, provenance FROM documents WHERE content_hash = ?",
            [content_hash],
        ).fetchone()
        if row is None:
            continue
        doc_id, title, source, url, published, text, provenance = row
        doc = Document(text=text, id=doc_id or "", title=title, source=source, url=url, published=published)
        doc.provenance = json.loads(provenance) if provenance else {}
        doc.origin = doc_id or content_hash
        yield doc


def unmatched_of_run(con: Any, run_id: str) -> list[Unmatched]:
    """Every review the run could not attach, in the order they were set aside."""
    rows = con.execute(
        "SELECT event_id, document, status, reviewer, record FROM reprocess_unmatched WHERE run_id = ? "
        "ORDER BY document, event_id",
        [run_id],
    ).fetchall()
    out = []
    for event_id, document, status, reviewer, record in rows:
        rec = json.loads(record) if record else {}
        out.append(
            Unmatched(
                event_id,
                document or "",
                str(rec.get("sub_event_type") or ""),
                str(rec.get("location") or ""),
                str(rec.get("event_date") or ""),
                status or "",
                reviewer or "",
            )
        )
    return out


def replace_document(con: Any, run_id: str, doc: Document, events: list[Event]) -> DocumentResult:
    """Replace a stored document's events with `events` (the new extraction), moving its reviews;
    record the document as done in `run_id`. One transaction: all of it or nothing."""
    content_hash = doc.content_hash
    con.execute("BEGIN TRANSACTION")
    try:
        result = _replace(con, run_id, content_hash, doc, events)
        con.execute(
            "INSERT INTO reprocess_done VALUES (?, ?, ?, ?)",
            [run_id, content_hash, result.before, result.after],
        )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return result


def _replace(con: Any, run_id: str, content_hash: str, doc: Document, events: list[Event]) -> DocumentResult:
    from marsad.store.store import _event_row

    old = _old_events(con, content_hash)
    reviewed = _reviews(con, [o["event_id"] for o in old])
    with_reviewed_sub_types(old, reviewed)
    new_records = [{**ev.to_record(), "document": ev.document} for ev in events]
    mapping = match_reviews([o for o in old if o["event_id"] in reviewed], new_records)
    result = DocumentResult(content_hash, len(old), len(events))

    # set every reviewed event's revisions aside, then put them back under their new id
    for event_id in reviewed:
        con.execute("DELETE FROM revisions WHERE event_id = ?", [event_id])
    for item in old:
        old_id = item["event_id"]
        if old_id not in reviewed:
            continue
        revisions = reviewed[old_id]
        if old_id in mapping:
            new_id = mapping[old_id]
            result.kept[old_id] = new_id
            for rev in revisions:
                con.execute(
                    'INSERT INTO revisions (event_id, revision, action, status, reviewer, reviewed_at, changes, "values", '
                    "reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [new_id, *(rev[name] for name in _REVISION_COLUMNS)],
                )
            continue
        last = revisions[-1]
        con.execute(
            "INSERT INTO reprocess_unmatched VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                run_id,
                old_id,
                content_hash,
                item["document"],
                last["status"],
                last["reviewer"],
                json.dumps(_jsonable(item), ensure_ascii=False),
                json.dumps([_revision_json(r) for r in revisions], ensure_ascii=False),
            ],
        )
        result.unmatched.append(
            Unmatched(
                old_id,
                item["document"] or "",
                item["sub_event_type"] or "",
                item["location"] or "",
                _iso(item["event_date"]) or "",
                last["status"],
                last["reviewer"],
            )
        )

    touched = [
        r[0]
        for r in con.execute(
            "SELECT DISTINCT fused_id FROM fused_members WHERE content_hash = ?", [content_hash]
        ).fetchall()
    ]
    for table in ("evidence", "fused_members", "events"):
        con.execute(f"DELETE FROM {table} WHERE content_hash = ?", [content_hash])
    con.execute("DELETE FROM sentences WHERE content_hash = ?", [content_hash])
    _refuse(con, touched)

    rows = [[content_hash, s.index, s.start, s.end, s.paragraph] for s in doc.sentences]
    if rows:
        con.executemany("INSERT INTO sentences VALUES (?, ?, ?, ?, ?)", rows)
    if events:
        from marsad.store.store import _INSERT_EVENT

        con.executemany(_INSERT_EVENT, [_event_row(doc, ev) for ev in events])
        evidence = [
            [ev.event_id, content_hash, e.document, e.sentence, e.start, e.end, ordinal]
            for ev in events
            for ordinal, e in enumerate(ev.evidence)
        ]
        if evidence:
            con.executemany("INSERT INTO evidence VALUES (?, ?, ?, ?, ?, ?, ?)", evidence)
    fuse_document(con, content_hash, new_records)
    return result


def _refuse(con: Any, fused_ids: list[str]) -> None:
    """Fuse again the records that lost members; drop the ones left with none."""
    for fid in fused_ids:
        members = member_records(con, fid)
        if not members:
            con.execute("DELETE FROM fused WHERE fused_id = ?", [fid])
            continue
        con.execute(
            "UPDATE fused_members SET ordinal = o.n FROM (SELECT event_id, row_number() OVER (ORDER BY ordinal) - 1 "
            "AS n FROM fused_members WHERE fused_id = ?) o WHERE fused_members.event_id = o.event_id",
            [fid],
        )
        fused = fuse_records(fid, members)
        con.execute(
            "UPDATE fused SET event_date = ?, fatalities = ?, members = ?, record = ? WHERE fused_id = ?",
            [
                fused["event_date"],
                fused["fatalities"],
                len(fused["claims"]),
                json.dumps(fused, ensure_ascii=False),
                fid,
            ],
        )


def _old_events(con: Any, content_hash: str) -> list[dict[str, Any]]:
    """The document's stored events (machine values) with their evidence spans and reviewed sub-type."""
    cols = ", ".join(f'e."{name}"' for name in _OLD_COLUMNS)
    rows = con.execute(
        f"""SELECT {cols}, (SELECT list({{'start': v."start", 'end': v."end"}} ORDER BY v.ordinal)
               FROM evidence v WHERE v.event_id = e.event_id)
            FROM events e WHERE e.content_hash = ? ORDER BY e.event_id""",
        [content_hash],
    ).fetchall()
    out = []
    for row in rows:
        item = dict(zip(_OLD_COLUMNS, row[:-1], strict=True))
        item["evidence"] = list(row[-1] or [])
        out.append(item)
    return out


def _reviews(con: Any, event_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """The revisions of those events that have any, oldest first, by event id."""
    if not event_ids:
        return {}
    cols = ", ".join(f'"{name}"' for name in _REVISION_COLUMNS)
    rows = con.execute(
        f"SELECT event_id, {cols} FROM revisions WHERE list_contains(?, event_id) ORDER BY event_id, revision",
        [event_ids],
    ).fetchall()
    out: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        out.setdefault(row[0], []).append(dict(zip(_REVISION_COLUMNS, row[1:], strict=True)))
    return out


def _reviewed_sub_type(revisions: list[dict[str, Any]]) -> str | None:
    values = revisions[-1].get("values") if revisions else None
    if isinstance(values, str):
        values = json.loads(values or "{}")
    return (values or {}).get("sub_event_type") if isinstance(values, dict) else None


def match_reviews(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> dict[str, str]:
    """Map each reviewed old event id to a new event id (one to one), or leave it out: the same id
    first, then the same sub-event type with overlapping evidence or the same location and date."""
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    new_ids = {str(n["event_id"]) for n in new}
    for item in old:
        if item["event_id"] in new_ids:
            mapping[item["event_id"]] = item["event_id"]
            taken.add(item["event_id"])
    scored: list[tuple[tuple[int, int, int], str, str]] = []
    for item in old:
        if item["event_id"] in mapping:
            continue
        types = {item.get("sub_event_type"), item.get("reviewed_sub_event_type")} - {None, ""}
        for rec in new:
            if rec["event_id"] in taken or rec.get("sub_event_type") not in types:
                continue
            overlap = _overlap(item.get("evidence") or [], rec.get("evidence") or [])
            same_place = bool(item.get("location")) and item.get("location") == rec.get("location")
            same_day = _iso(item.get("event_date")) is not None and _iso(item.get("event_date")) == rec.get(
                "event_date"
            )
            if overlap or (same_place and same_day):
                scored.append(
                    ((overlap, int(same_place), int(same_day)), item["event_id"], str(rec["event_id"]))
                )
    for _, old_id, new_id in sorted(scored, key=lambda s: (-s[0][0], -s[0][1], -s[0][2], s[1], s[2])):
        if old_id in mapping or new_id in taken:
            continue
        mapping[old_id] = new_id
        taken.add(new_id)
    return mapping


def _overlap(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> int:
    """The characters two evidence lists share."""
    total = 0
    for x in a:
        for y in b:
            lo, hi = max(int(x["start"]), int(y["start"])), min(int(x["end"]), int(y["end"]))
            total += max(0, hi - lo)
    return total


def with_reviewed_sub_types(old: list[dict[str, Any]], reviewed: dict[str, list[dict[str, Any]]]) -> None:
    """Note on each old event the sub-event type its reviewer chose, if any (matching accepts either)."""
    for item in old:
        if item["event_id"] in reviewed:
            item["reviewed_sub_event_type"] = _reviewed_sub_type(reviewed[item["event_id"]])


def _iso(value: Any) -> str | None:
    if isinstance(value, date):
        return value.isoformat()
    return str(value) if value else None


def _jsonable(item: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in item.items():
        if isinstance(value, (date, datetime)):
            value = value.isoformat()
        out[key] = value
    return out


def _revision_json(rev: dict[str, Any]) -> dict[str, Any]:
    """A revision row as JSON: its `changes` and `values` as objects, not JSON text."""
    out = _jsonable(rev)
    for key in ("changes", "values"):
        if isinstance(out.get(key), str):
            out[key] = json.loads(out[key] or "{}")
    return out


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)
