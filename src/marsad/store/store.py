"""The event store: one DuckDB file holding documents, their sentences, events and evidence.

The `Store` is the single writer: it keeps one connection open for its context and writes each
document with everything read from it in one transaction. Reads go through their own cursor, so
iterating records never disturbs a write in progress on the same store.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from marsad.errors import CorruptStoreError, DocumentStoreError, LockedStoreError, StoreError
from marsad.model.document import Document
from marsad.model.event import CONTRACT_FIELDS, Event
from marsad.store.connect import connect
from marsad.store.fusion import fuse_document, iter_fused_rows
from marsad.store.reviews import add_review, iter_reviewed_fused, iter_reviewed_records, revisions_of
from marsad.store.schema import EVENT_COLUMNS, SCHEMA_VERSION, current_version, migrate

_EVENT_NAMES = tuple(name for name, _ in EVENT_COLUMNS)
_INSERT_EVENT = (
    "INSERT INTO events ("
    + ", ".join(f'"{name}"' for name in _EVENT_NAMES)
    + ") VALUES ("
    + ", ".join("?" for _ in _EVENT_NAMES)
    + ")"
)
_RECORD_COLUMNS = tuple(name for name in CONTRACT_FIELDS if name != "evidence")
_SELECT_RECORDS = (
    "SELECT "
    + ", ".join(f'e."{name}"' for name in _RECORD_COLUMNS)
    + """, (SELECT list({'document': v.document, 'sentence': v.sentence, 'start': v."start",
               'end': v."end"} ORDER BY v.ordinal) FROM evidence v WHERE v.event_id = e.event_id)
       FROM events e WHERE (CAST(? AS VARCHAR) IS NULL OR e.modality = ?)
       ORDER BY e.event_date NULLS LAST, e.event_id"""
)
_TABLES = ("documents", "sentences", "events", "evidence")
_COUNTS = "SELECT " + ", ".join(f"(SELECT count(*) FROM {table})" for table in _TABLES)
_BATCH = 500


_LOCKED = re.compile(r"\b(could not set lock|conflicting lock|lock)\b", re.I)
_CORRUPT = re.compile(r"corrupt|does not match stored checksum", re.I)


def store_error(path: str, exc: BaseException) -> StoreError:
    """Turn a DuckDB error on the store at `path` into a coded StoreError that says what happened
    and what to do: corrupt (E042), locked by another process (E043), not a store, or other."""
    text = str(exc)
    if _CORRUPT.search(text):
        advice = (
            "restore it from a backup, or export what can still be read "
            f"(`marsad export --db {path} --all --format jsonl --out rescue.jsonl`) and re-ingest the reports"
        )
        return CorruptStoreError(f"{path}: the store is corrupt ({text}); {advice}")
    if "not a valid DuckDB database" in text:
        advice = "choose another store path, or move that file away"
        return StoreError(f"{path}: the file exists but is not a DuckDB database; {advice}")
    if _LOCKED.search(text):
        advice = "another process (an ingest, an export or the web view) has it open; wait for it or stop it"
        return LockedStoreError(f"{path}: the store is locked by another process ({text}); {advice}")
    return StoreError(
        f"{path}: the store failed ({type(exc).__name__}: {text}); check the path and its permissions"
    )


def _open_error(path: str, exc: Exception) -> StoreError:
    """Turn DuckDB's refusal to open a file into a StoreError that says what to do."""
    return store_error(path, exc)


def _doc_label(doc: Document) -> str:
    """Name a document in messages: its id and its content hash."""
    return f"document {doc.label} [{doc.content_hash}]"


class Store:
    """A DuckDB event store; use as a context manager, which opens it and creates its schema."""

    def __init__(self, path: str | Path, *, read_only: bool = False, verify: bool = False) -> None:
        self.path = str(path)
        self.read_only = read_only
        self.verify = verify  # read every block once on opening (`check`), so corruption is found first
        self._con: duckdb.DuckDBPyConnection | None = None

    def __enter__(self) -> Store:
        self.open()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def open(self) -> None:
        """Open the file (creating it unless read-only) and bring its schema up to date."""
        if self._con is not None:
            return
        if self.read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no store there; ingest reports first or choose another path")
        try:
            self._con = connect(self.path, read_only=self.read_only)  # waits a moment on a lock
        except duckdb.Error as exc:
            raise _open_error(self.path, exc) from exc
        try:
            self._check_schema()
            if self.verify:
                self.check()
        except BaseException:
            self.close()
            raise

    def check(self) -> None:
        """Read every row of every table once; raise CorruptStoreError (or another StoreError) if
        DuckDB cannot. A corrupt block deep in the file is otherwise found only by the query that
        reads it: an ingest would write beside it, the web view would fail page by page."""
        try:
            tables = self.con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"
            ).fetchall()
            for (table,) in tables:
                self.con.execute(f'SELECT count(*), sum(hash(t)) FROM "{table}" t').fetchone()
        except duckdb.Error as exc:
            raise store_error(self.path, exc) from exc

    def close(self) -> None:
        """Close the connection; the store can be opened again."""
        if self._con is not None:
            self._con.close()
            self._con = None

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The open connection; raise StoreError when the store is not open."""
        if self._con is None:
            raise StoreError(f"{self.path}: the store is not open; use `with Store(path) as store:`")
        return self._con

    def _check_schema(self) -> None:
        """Create or migrate the schema; refuse a store written by a newer marsad."""
        try:
            version = current_version(self.con)
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.path}: schema version {version} is newer than this marsad's "
                    f"({SCHEMA_VERSION}); upgrade marsad to use this store"
                )
            if version < SCHEMA_VERSION and self.read_only:
                raise StoreError(f"{self.path}: schema version {version} is out of date; open it writable")
            migrate(self.con, version)
        except duckdb.Error as exc:
            mapped = store_error(self.path, exc)
            if type(mapped) is StoreError:
                mapped = StoreError(f"{self.path}: cannot set up the store's schema ({exc})")
            raise mapped from exc

    def has_document(self, content_hash: str) -> bool:
        """True when a document with this content hash is stored."""
        row = self.con.execute("SELECT 1 FROM documents WHERE content_hash = ?", [content_hash]).fetchone()
        return row is not None

    def add_document(self, doc: Document, events: list[Event]) -> bool:
        """Store a document with its sentences, events and evidence in one transaction.

        Return False, adding nothing, when the document's content hash is already stored. An event
        whose id is already stored, or given twice, is refused with the whole document: nothing is
        ever skipped silently (`assign_ids` makes the ids unique). Each new occurred event then joins the fused record of a
        matching event of another document, or founds one (`marsad.store.fusion`). On any failure
        nothing is written and StoreError is raised.
        """
        if self.has_document(doc.content_hash):
            return False
        con = self.con
        try:
            con.execute("BEGIN TRANSACTION")
            self._insert_document(doc)
            self._insert_sentences(doc)
            kept = self._insert_events(doc, events)
            self._insert_evidence(doc, kept)
            fuse_document(con, doc.content_hash, [{**ev.to_record(), "document": ev.document} for ev in kept])
            con.execute("COMMIT")
        except Exception as exc:
            self._rollback()
            if isinstance(exc, duckdb.Error):
                mapped = store_error(self.path, exc)
                if isinstance(mapped, CorruptStoreError) or not self._sound():
                    raise mapped from exc  # the store failed, not this document
            message = f"{self.path}: could not store {_doc_label(doc)}; nothing was written ({exc})"
            raise DocumentStoreError(message) from exc
        return True

    def _sound(self) -> bool:
        """True when the store still answers (a document's failure left it usable)."""
        try:
            self.con.execute("SELECT count(*) FROM documents").fetchone()
        except duckdb.Error:
            return False
        return True

    def _rollback(self) -> None:
        """Roll back the open transaction, if there is one."""
        with contextlib.suppress(duckdb.Error):
            self.con.execute("ROLLBACK")

    def _insert_document(self, doc: Document) -> None:
        """Insert the document row."""
        self.con.execute(
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                doc.content_hash,
                doc.id,
                doc.title,
                doc.source,
                doc.url,
                doc.published,
                doc.text,
                json.dumps(doc.provenance, ensure_ascii=False),
                datetime.now(UTC).replace(tzinfo=None),
            ],
        )

    def _insert_sentences(self, doc: Document) -> None:
        """Insert the document's sentence offsets."""
        rows = [[doc.content_hash, s.index, s.start, s.end, s.paragraph] for s in doc.sentences]
        if rows:
            self.con.executemany("INSERT INTO sentences VALUES (?, ?, ?, ?, ?)", rows)

    def _insert_events(self, doc: Document, events: list[Event]) -> list[Event]:
        """Insert the events (each id new to the store and to the document); return them."""
        stored = self._existing_ids([ev.event_id for ev in events])
        seen: set[str] = set()
        kept: list[Event] = []
        for ev in events:
            if not ev.event_id:
                raise ValueError(f"an event ({ev.sub_event_type}) has no event_id; call assign_id() first")
            if ev.event_id in stored:
                raise ValueError(f"event id {ev.event_id} is already stored for another document")
            if ev.event_id in seen:
                raise ValueError(f"event id {ev.event_id} is given twice; give ids with assign_ids()")
            seen.add(ev.event_id)
            kept.append(ev)
        if kept:
            self.con.executemany(_INSERT_EVENT, [_event_row(doc, ev) for ev in kept])
        return kept

    def _existing_ids(self, ids: list[str]) -> set[str]:
        """Return which of these event ids are already stored."""
        if not ids:
            return set()
        query = "SELECT event_id FROM events WHERE list_contains(?, event_id)"
        return {row[0] for row in self.con.execute(query, [ids]).fetchall()}

    def _insert_evidence(self, doc: Document, events: list[Event]) -> None:
        """Insert the evidence sentences of these events, in order."""
        rows = [
            [ev.event_id, doc.content_hash, e.document, e.sentence, e.start, e.end, ordinal]
            for ev in events
            for ordinal, e in enumerate(ev.evidence)
        ]
        if rows:
            self.con.executemany("INSERT INTO evidence VALUES (?, ?, ?, ?, ?, ?, ?)", rows)

    def iter_records(self, modality: str | None = None, *, reviewed: bool = True) -> Iterator[dict[str, Any]]:
        """Yield contract records (evidence included), by event date then event id; filter on modality.

        With `reviewed` (the default) the records carry the reviewers' values and rejected events are
        left out (`marsad.store.reviews`); without it, the machine's records as stored.
        """
        if reviewed:
            yield from iter_reviewed_records(self.con, modality)
            return
        cursor = self.con.cursor()
        try:
            cursor.execute(_SELECT_RECORDS, [modality, modality])
            while rows := cursor.fetchmany(_BATCH):
                yield from (_record(row) for row in rows)
        finally:
            cursor.close()

    def iter_fused(self, *, reviewed: bool = True) -> Iterator[dict[str, Any]]:
        """Yield fused records (contract fields, `claims`, `conflicts`), by event date then fused id.

        With `reviewed` (the default) a fused record with reviewed members is fused again from their
        reviewed records, rejected members left out.
        """
        if reviewed:
            yield from iter_reviewed_fused(self.con)
            return
        cursor = iter_fused_rows(self.con)
        try:
            while rows := cursor.fetchmany(_BATCH):
                yield from (json.loads(row[0]) for row in rows)
        finally:
            cursor.close()

    def review(
        self,
        event_id: str,
        action: str,
        reviewer: str,
        *,
        changes: dict[str, Any] | None = None,
        reason: str = "",
    ) -> dict[str, Any]:
        """Accept, edit or reject an event: store a new revision and return it (ReviewError if refused)."""
        return add_review(self.con, event_id, action, reviewer, changes=changes, reason=reason)

    def revisions(self, event_id: str) -> list[dict[str, Any]]:
        """An event's review revisions, oldest first."""
        return revisions_of(self.con, event_id)

    def fused_count(self) -> int:
        """Return the number of fused records."""
        row = self.con.execute("SELECT count(*) FROM fused").fetchone()
        return int(row[0]) if row else 0

    def counts(self) -> dict[str, int]:
        """Return the number of stored documents, sentences, events and evidence rows."""
        row = self.con.execute(_COUNTS).fetchone() or (0, 0, 0, 0)
        return dict(zip(_TABLES, (int(n) for n in row), strict=True))


def _event_row(doc: Document, ev: Event) -> list[Any]:
    """Return an event's column values in EVENT_COLUMNS order."""
    values: dict[str, Any] = {"content_hash": doc.content_hash}
    for name in _EVENT_NAMES:
        if name == "content_hash":
            continue
        value = getattr(ev, name)
        if name in ("assoc_actor_1", "assoc_actor_2"):
            value = "; ".join(value)
        elif name == "fatalities":
            value = int(value or 0)
        elif name == "confidence":
            value = round(float(value), 3)
        values[name] = value
    return [values[name] for name in _EVENT_NAMES]


def _record(row: tuple[Any, ...]) -> dict[str, Any]:
    """Turn a records query row into the contract record."""
    rec: dict[str, Any] = dict(zip(_RECORD_COLUMNS, row[:-1], strict=True))
    for name in ("event_date", "date_start", "date_end"):
        if isinstance(rec[name], date):
            rec[name] = rec[name].isoformat()
    rec["evidence"] = list(row[-1] or [])
    return {name: rec[name] for name in CONTRACT_FIELDS}
