"""`marsad ingest` killed with SIGKILL partway, then run again, ends with exactly a clean run's store."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from marsad.cli.main import main
from marsad.model import Document
from marsad.store import Store

pytestmark = pytest.mark.slow

DOCUMENTS = 300
ACTORS = (
    "Syrian government forces",
    "Islamic State militants",
    "Syrian Democratic Forces",
    "Ahrar al-Sham fighters",
    "Turkish troops",
)
PLACES = (
    ("Kafr Nabl", "Idlib"),
    ("Maarat al-Numan", "Idlib"),
    ("Suran", "Hama"),
    ("Manbij", "Aleppo"),
    ("Al-Bab", "Aleppo"),
    ("Talbiseh", "Homs"),
    ("Busra al-Harir", "Daraa"),
    ("Mayadin", "Deir ez-Zor"),
    ("Tabqa", "Raqqa"),
)
VERBS = ("shelled", "attacked", "bombed", "stormed")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def dispatch(i: int) -> str:
    """A short made-up report, different for each `i`."""
    actor, other = ACTORS[i % 5], ACTORS[(i * 3 + 1) % 5]
    (town, province), near = PLACES[i % 9], PLACES[(i * 7 + 2) % 9][0]
    return (
        f"{actor.capitalize()} {VERBS[i % 4]} the town of {town} in {province} province on {DAYS[i % 7]}, "
        f"killing {i % 11 + 1} civilians, a local monitor said.\n\n"
        f"In a separate incident, {other} clashed with rebels near {near} on {DAYS[(i + 3) % 7]}; "
        f"{i % 5 + 2} fighters were wounded. Dispatch number {i}.\n"
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory of DOCUMENTS short reports, dated by their file names."""
    root = tmp_path_factory.mktemp("dispatches")
    for i in range(DOCUMENTS):
        (root / f"dispatch-2017-10-{i % 28 + 1:02d}-{i:04d}.txt").write_text(dispatch(i), encoding="utf-8")
    return root


def snapshot(db: Path) -> dict[str, Any]:
    """The store's counts, event ids and records (ingest times left out)."""
    with Store(db, read_only=True) as store:
        records = list(store.iter_records())
        counts = store.counts()
    return {"counts": counts, "ids": sorted(r["event_id"] for r in records), "records": records}


def wal_size(db: Path) -> int:
    """The size of the store's write-ahead log (0 when there is none)."""
    try:
        return os.path.getsize(f"{db}.wal")
    except OSError:
        return 0


def ingest_and_kill(corpus: Path, db: Path, log: Path, grow: int, *extra: str) -> None:
    """Start an ingest; SIGKILL it while it commits, once its log has grown by `grow` bytes."""
    start = wal_size(db)
    with log.open("wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "marsad", "ingest", str(corpus), "--db", str(db), "--quiet", *extra],
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
        deadline = time.monotonic() + 45
        try:
            # the log grows only while documents commit, so the kill lands inside a burst of commits
            while wal_size(db) < start + grow and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.002)
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
    assert proc.returncode == -signal.SIGKILL, log.read_text()


def partial_rows(db: Path) -> int:
    """Rows that hang from no stored document or event: what a half-written document would leave."""
    with Store(db, read_only=True) as store:
        row = store.con.execute(
            """SELECT
                 (SELECT count(*) FROM sentences WHERE content_hash NOT IN (SELECT content_hash FROM documents))
               + (SELECT count(*) FROM events WHERE content_hash NOT IN (SELECT content_hash FROM documents))
               + (SELECT count(*) FROM evidence WHERE event_id NOT IN (SELECT event_id FROM events))
               + (SELECT count(*) FROM documents d
                  WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.content_hash = d.content_hash))"""
        ).fetchone()
    return int(row[0]) if row else -1


def test_killed_ingest_resumes_to_a_clean_runs_store(corpus: Path, tmp_path: Path) -> None:
    clean_db, db = tmp_path / "clean.duckdb", tmp_path / "killed.duckdb"
    assert main(["ingest", str(corpus), "--db", str(clean_db), "--quiet"]) == 0
    clean = snapshot(clean_db)
    assert clean["counts"]["documents"] == DOCUMENTS and clean["counts"]["events"] >= DOCUMENTS

    ingest_and_kill(corpus, db, tmp_path / "first.log", 20_000)  # a few documents in
    first = snapshot(db)  # opening the store replays its log
    assert 0 < first["counts"]["documents"] < DOCUMENTS
    assert partial_rows(db) == 0

    ingest_and_kill(corpus, db, tmp_path / "second.log", 150_000, "--workers", "2")  # tens more
    second = snapshot(db)
    assert first["counts"]["documents"] < second["counts"]["documents"] < DOCUMENTS
    assert partial_rows(db) == 0

    rerun = subprocess.run(
        [sys.executable, "-m", "marsad", "ingest", str(corpus), "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert rerun.returncode == 0, rerun.stderr
    stored = second["counts"]["documents"]
    assert f"{DOCUMENTS - stored} new document(s), {stored} already stored" in rerun.stderr
    assert snapshot(db) == clean


# stores one document, then dies inside the transaction of the second, after its document row
KILLED_MID_TRANSACTION = """
import os, signal, sys
from marsad.model import Document
from marsad.store import Store

def die(*args):
    os.kill(os.getpid(), signal.SIGKILL)

with Store(sys.argv[1]) as store:
    store.add_document(Document("The first report.", "first.txt"), [])
    store._insert_sentences = die
    store.add_document(Document("The second report.", "second.txt"), [])
"""


def test_kill_inside_a_documents_transaction_leaves_none_of_its_rows(tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    proc = subprocess.run(
        [sys.executable, "-c", KILLED_MID_TRANSACTION, str(db)], capture_output=True, timeout=60
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    with Store(db) as store:  # writable: the log is replayed and the store can be written again
        assert store.has_document(Document("The first report.").content_hash)
        assert not store.has_document(Document("The second report.").content_hash)
        assert store.counts()["documents"] == 1
        assert store.add_document(Document("The second report.", "second.txt"), [])
        assert store.counts()["documents"] == 2
