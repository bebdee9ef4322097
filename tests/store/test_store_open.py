"""Opening a store: schema creation and version, and files that cannot be a store."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from marsad.errors import StoreError
from marsad.store import Store
from marsad.store.schema import SCHEMA_VERSION


def test_new_store_has_the_schema_and_its_version(tmp_path: Path) -> None:
    path = tmp_path / "new.duckdb"
    with Store(path) as store:
        assert store.counts() == {"documents": 0, "sentences": 0, "events": 0, "evidence": 0}
        assert list(store.iter_records()) == []
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
    con.close()


@pytest.mark.parametrize("content", [b"not a database\n" * 20, b"PK\x03\x04" + bytes(5000)])
def test_a_file_that_is_not_duckdb_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_bytes(content)
    with pytest.raises(StoreError, match=r"notes\.duckdb.*not a DuckDB database"):
        Store(path).open()


def test_a_store_from_a_newer_marsad_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.duckdb"
    with Store(path):
        pass
    con = duckdb.connect(str(path))
    con.execute("UPDATE schema_version SET version = ?", [SCHEMA_VERSION + 1])
    con.close()
    with pytest.raises(StoreError, match="newer"):
        Store(path).open()


def test_a_store_locked_by_another_process_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "busy.duckdb"
    holder = (
        "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('ready', flush=True); sys.stdin.read()"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", holder, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match=r"busy\.duckdb.*locked by another process"):
            Store(path).open()
    finally:
        proc.communicate("", timeout=30)


def test_a_path_in_a_missing_directory_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="missing-dir"):
        Store(tmp_path / "missing-dir" / "x.duckdb").open()


def test_read_only_needs_an_existing_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store"):
        Store(tmp_path / "absent.duckdb", read_only=True).open()
    assert not (tmp_path / "absent.duckdb").exists()


def test_using_a_closed_store_is_a_store_error(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.duckdb")
    with pytest.raises(StoreError, match="not open"):
        store.counts()
