"""Open the DuckDB file, waiting a moment while another process holds its lock.

DuckDB lets one process write a file, or any number read it, never both. The web view reads through
short-lived read-only connections (a request's worth of milliseconds), so a writer (`marsad ingest`)
that opens the file at that instant waits for the request to end instead of failing at once; a
reader likewise waits while a writer opens. A lock held longer than `wait` seconds (a whole ingest)
is still refused, with DuckDB's error.
"""

from __future__ import annotations

import time

import duckdb

# how long an open waits for another process's lock (a reader holds it for one request)
LOCK_WAIT = 2.0
_STEP = 0.05


def is_lock_error(exc: BaseException) -> bool:
    """True when DuckDB refused a file because another process holds its lock."""
    return "lock" in str(exc).lower()


def connect(path: str, *, read_only: bool = False, wait: float = LOCK_WAIT) -> duckdb.DuckDBPyConnection:
    """`duckdb.connect`, retried for up to `wait` seconds while the file is locked by another process."""
    deadline = time.monotonic() + max(0.0, wait)
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.Error as exc:
            if not is_lock_error(exc) or time.monotonic() >= deadline:
                raise
        time.sleep(_STEP)
