"""The store's DuckDB schema, its version and the migrations that bring an older file up to date.

Each entry of `MIGRATIONS` takes a store from the version before it to its own version; a new
schema version appends one entry and bumps `SCHEMA_VERSION`. `migrate` runs the missing ones in
one transaction, so a store is always at one version or the next, never in between.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

SCHEMA_VERSION = 3

# The event columns besides the evidence, in table order: (column, DuckDB type).
EVENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_id", "VARCHAR PRIMARY KEY"),
    ("content_hash", "VARCHAR NOT NULL"),
    ("document", "VARCHAR"),
    ("event_date", "DATE"),
    ("date_start", "DATE"),
    ("date_end", "DATE"),
    ("time_precision", "INTEGER"),
    ("event_type", "VARCHAR"),
    ("sub_event_type", "VARCHAR"),
    ("actor1", "VARCHAR"),
    ("assoc_actor_1", "VARCHAR"),
    ("inter1", "INTEGER"),
    ("actor2", "VARCHAR"),
    ("assoc_actor_2", "VARCHAR"),
    ("inter2", "INTEGER"),
    ("interaction", "INTEGER"),
    ("civilian_targeting", "VARCHAR"),
    ("iso", "INTEGER"),
    ("country", "VARCHAR"),
    ("admin1", "VARCHAR"),
    ("admin2", "VARCHAR"),
    ("admin3", "VARCHAR"),
    ("location", "VARCHAR"),
    ("latitude", "DOUBLE"),
    ("longitude", "DOUBLE"),
    ("geo_precision", "INTEGER"),
    ("source", "VARCHAR"),
    ("notes", "VARCHAR"),
    ("fatalities", "INTEGER"),
    ("wounded", "INTEGER"),
    ("captured", "INTEGER"),
    ("modality", "VARCHAR"),
    ("claimant", "VARCHAR"),
    ("confidence", "DOUBLE"),
)

Step = str | Callable[[Any], None]

_V1: tuple[Step, ...] = (
    """CREATE TABLE documents (
        content_hash VARCHAR PRIMARY KEY, doc_id VARCHAR, title VARCHAR, source VARCHAR,
        url VARCHAR, published DATE, text VARCHAR NOT NULL, provenance JSON, ingested_at TIMESTAMP
    )""",
    """CREATE TABLE sentences (
        content_hash VARCHAR NOT NULL, idx INTEGER NOT NULL, "start" INTEGER NOT NULL,
        "end" INTEGER NOT NULL, paragraph INTEGER, PRIMARY KEY (content_hash, idx)
    )""",
    "CREATE TABLE events (" + ", ".join(f'"{name}" {kind}' for name, kind in EVENT_COLUMNS) + ")",
    """CREATE TABLE evidence (
        event_id VARCHAR NOT NULL, content_hash VARCHAR NOT NULL, document VARCHAR,
        sentence VARCHAR, "start" INTEGER, "end" INTEGER, ordinal INTEGER NOT NULL,
        PRIMARY KEY (event_id, ordinal)
    )""",
    "CREATE INDEX events_by_date ON events (event_date, event_id)",
)


def _fuse_existing(con: Any) -> None:
    """Fuse the events a version-1 store already holds (once, during the migration)."""
    from marsad.store.fusion import fuse_all

    fuse_all(con)


# version 2: fusion across documents (the `fused` records and the events that belong to each)
_V2: tuple[Step, ...] = (
    """CREATE TABLE fused (
        fused_id VARCHAR PRIMARY KEY, event_date DATE, fatalities INTEGER, members INTEGER, record JSON
    )""",
    """CREATE TABLE fused_members (
        event_id VARCHAR PRIMARY KEY, fused_id VARCHAR NOT NULL, content_hash VARCHAR NOT NULL,
        document VARCHAR, source VARCHAR, ordinal INTEGER NOT NULL
    )""",
    "CREATE INDEX fused_members_by_fused ON fused_members (fused_id)",
    "CREATE INDEX fused_members_by_document ON fused_members (content_hash)",
    "CREATE INDEX events_by_place ON events (latitude, longitude)",
    "CREATE INDEX events_by_start ON events (date_start)",
    _fuse_existing,
)

# version 3: review (`marsad serve`): each accept, edit or reject of an event is a new revision row,
# never an update; the machine's values stay in `events`. `values` holds the reviewed values after
# the revision (every field edited so far), `changes` what this revision changed ({field: {from, to}}).
_V3: tuple[Step, ...] = (
    """CREATE TABLE IF NOT EXISTS revisions (
        event_id VARCHAR NOT NULL, revision INTEGER NOT NULL, action VARCHAR NOT NULL,
        status VARCHAR NOT NULL, reviewer VARCHAR NOT NULL, reviewed_at TIMESTAMP NOT NULL,
        changes JSON, "values" JSON, reason VARCHAR, PRIMARY KEY (event_id, revision)
    )""",
    "CREATE INDEX IF NOT EXISTS events_by_document ON events (content_hash)",
    "CREATE INDEX IF NOT EXISTS evidence_by_document ON evidence (content_hash)",
)

# MIGRATIONS[n] holds the steps that take a store from version n-1 to version n: SQL statements,
# or functions of the connection for the work SQL alone cannot do.
MIGRATIONS: dict[int, tuple[Step, ...]] = {1: _V1, 2: _V2, 3: _V3}


def current_version(con: Any) -> int:
    """Return the schema version a connection's database is at (0 for an empty database)."""
    found = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ? AND table_schema = 'main'",
        ["schema_version"],
    ).fetchone()
    if not found or not found[0]:
        return 0
    row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def pending(version: int, target: int = SCHEMA_VERSION) -> Sequence[int]:
    """Return the migration steps between `version` and `target`, oldest first."""
    return [step for step in sorted(MIGRATIONS) if version < step <= target]


def migrate(con: Any, version: int) -> None:
    """Apply every missing migration to the database, then record the new version, in one transaction."""
    steps = pending(version)
    if not steps:
        return
    con.execute("BEGIN TRANSACTION")
    try:
        if version == 0:
            con.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        for step in steps:
            for statement in MIGRATIONS[step]:
                if callable(statement):
                    statement(con)
                else:
                    con.execute(statement)
        con.execute("DELETE FROM schema_version")
        con.execute("INSERT INTO schema_version VALUES (?)", [steps[-1]])
    except Exception:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
