"""Store errors say what happened (issue 18): a corrupt store is called corrupt, with DuckDB's
message and what to do, never "locked"; every command maps DuckDB's errors to exit 2."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
from pathlib import Path

import duckdb
import pytest

from marsad.cli.main import main
from marsad.errors import CorruptStoreError, LockedStoreError, StoreError
from marsad.store import Store
from marsad.store.store import store_error

BLOCK_MESSAGE = (
    "Corrupt database file: computed checksum 1 does not match stored checksum 2 in block at location 4096"
)


def run(argv: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv)
    return status, err.getvalue()


def test_a_corrupt_block_is_corrupt_not_locked() -> None:
    error = store_error("s.duckdb", duckdb.Error(BLOCK_MESSAGE))
    assert isinstance(error, CorruptStoreError) and error.code == "E042"
    text = str(error)
    assert "corrupt" in text and "locked" not in text and BLOCK_MESSAGE in text
    assert "backup" in text and "marsad export" in text


def test_a_lock_is_locked() -> None:
    message = 'IO Error: Could not set lock on file "s.duckdb": Conflicting lock is held in python (PID 7)'
    error = store_error("s.duckdb", duckdb.IOException(message))
    assert isinstance(error, LockedStoreError) and "locked by another process" in str(error)


@pytest.fixture(scope="module")
def healthy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store whose events table fills most of the file."""
    path = tmp_path_factory.mktemp("stores") / "healthy.duckdb"
    with Store(path) as store:
        store.con.execute(
            """INSERT INTO events (event_id, content_hash, event_date, modality, notes)
               SELECT 'MRS' || i, 'h' || (i % 100), DATE '2017-01-01' + CAST(i % 300 AS INTEGER), 'occurred',
                      md5(CAST(i AS VARCHAR)) || md5(CAST(i * 7 AS VARCHAR))
               FROM range(100000) t(i)"""
        )
        store.con.execute("CHECKPOINT")
    return path


def corrupted(healthy: Path, tmp_path: Path, offset: int, length: int) -> Path:
    path = tmp_path / "corrupt.duckdb"
    shutil.copy(healthy, path)
    with path.open("r+b") as f:
        f.seek(offset)
        f.write(os.urandom(length))
    return path


@pytest.mark.parametrize("command", ["export", "ingest", "serve", "sources"])
def test_commands_on_a_store_corrupt_at_its_header_exit_2(
    healthy: Path, tmp_path: Path, command: str
) -> None:
    db = corrupted(healthy, tmp_path, 4096, 4096)
    argv = {
        "export": ["export", "--db", str(db), "--format", "jsonl", "--all"],
        "ingest": ["ingest", str(tmp_path / "absent.txt"), "--db", str(db)],
        "serve": ["serve", "--db", str(db), "--port", "0"],
        "sources": ["sources", "--db", str(db)],
    }[command]
    status, err = run(argv)
    assert status == 2, err
    assert "corrupt" in err and "locked" not in err and "Traceback" not in err and "[E042]" in err


@pytest.mark.parametrize("command", ["export", "ingest", "serve"])
def test_commands_on_a_store_corrupt_further_in_exit_2(healthy: Path, tmp_path: Path, command: str) -> None:
    """The store opens; the corrupt block is found by export's read, or by the check ingest and
    serve run on opening (before writing beside it, or serving pages that would fail)."""
    db = corrupted(healthy, tmp_path, 12288 + 4 * 262144, 262144)  # the fifth data block
    report = tmp_path / "r.txt"
    report.write_text("Clashes in Homs killed 2.", encoding="utf-8")
    argv = {
        "export": ["export", "--db", str(db), "--format", "jsonl", "--all", "--out", str(tmp_path / "o")],
        "ingest": ["ingest", str(report), "--db", str(db), "-q"],
        "serve": ["serve", "--db", str(db), "--port", "0"],
    }[command]
    status, err = run(argv)
    assert status == 2, err
    assert "corrupt" in err and "locked" not in err and "Traceback" not in err


def test_a_healthy_store_passes_the_check(healthy: Path) -> None:
    with Store(healthy, read_only=True, verify=True) as store:
        assert store.counts()["events"] == 100_000


def test_serve_without_a_token_opens_the_store_read_only(
    healthy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import marsad.web.server as server

    opened: list[bool] = []

    def fake_make_server(store: object, *args: object, **kwargs: object) -> object:
        if isinstance(store, server.ReadOnlyStore):  # no token: a read-only connection per request
            opened.append(True)
            con = store.cursor()
            con.execute("SELECT count(*) FROM events").fetchone()  # a read-only store reads
            con.close()
        else:
            assert isinstance(store, Store)
            opened.append(store.read_only)
        raise StoreError("stop here")

    monkeypatch.setattr(server, "make_server", fake_make_server)
    monkeypatch.delenv("MARSAD_TOKEN", raising=False)
    db = tmp_path / "s.duckdb"
    shutil.copy(healthy, db)
    assert run(["serve", "--db", str(db), "--port", "0"])[0] == 2
    assert run(["serve", "--db", str(db), "--port", "0", "--token", "t"])[0] == 2
    assert opened == [True, False]
