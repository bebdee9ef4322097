"""Ids that cannot collide: same-named files in two folders, and one trigger read as two events,
all keep their events in the store, exactly as many as `extract` prints (issue 18)."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

import pytest

from marsad.cli.main import main
from marsad.store import Store

pytestmark = pytest.mark.slow

# the same words at the same offsets: the same trigger offset and sub-event type in both files
HAJIN = "Turkish warplanes bombed the town of Hajin on Monday, killing 4 civilians, a monitor said.\n"
RAQQA = "Turkish warplanes bombed the town of Raqqa on Monday, killing 4 civilians, a monitor said.\n"


def run(argv: list[str]) -> tuple[int, str, str]:
    """Run the CLI in-process; return its status, standard output and standard error."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv)
    return status, out.getvalue(), err.getvalue()


def parse(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def stored_records(db: Path) -> list[dict[str, Any]]:
    with Store(db, read_only=True) as store:
        return list(store.iter_records(None))


def test_same_named_files_in_two_folders_both_keep_their_events(tmp_path: Path) -> None:
    for folder, text in (("a", HAJIN), ("b", RAQQA)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(text, encoding="utf-8")
    paths = [str(tmp_path / "a"), str(tmp_path / "b")]
    status, out, _ = run(["extract", *paths, "--published", "2017-10-20", "-q"])
    printed = parse(out)
    assert status == 0 and len(printed) >= 2
    assert len({rec["location"] for rec in printed}) == 2
    assert len({rec["event_id"] for rec in printed}) == len(printed)
    db = tmp_path / "s.duckdb"
    status, _, err = run(["ingest", *paths, "--published", "2017-10-20", "--db", str(db)])
    assert status == 0, err
    stored = stored_records(db)
    assert sorted(r["event_id"] for r in stored) == sorted(r["event_id"] for r in printed)
    status, out, _ = run(["export", "--db", str(db), "--format", "jsonl", "--all"])
    assert status == 0 and len(parse(out)) == len(printed)
    # the evidence still names the input as the README says: the file's base name
    assert {ev["document"] for rec in printed for ev in rec["evidence"]} == {"report.txt"}


def test_seeds_store_exactly_what_extract_prints(shared_dir: Path, tmp_path: Path) -> None:
    """Seed 000 printed 37 records and stored 36 (one trigger, two places, one id)."""
    seeds = sorted(str(p) for p in (shared_dir / "seeds").glob("*.txt"))
    if not seeds:
        pytest.skip("no seeds in ../shared/seeds")
    status, out, _ = run(["extract", *seeds, "-q"])
    printed = parse(out)
    assert status == 0 and len(printed) == len({rec["event_id"] for rec in printed})
    db = tmp_path / "seeds.duckdb"
    assert run(["ingest", *seeds, "--db", str(db), "-q"])[0] == 0
    status, out, _ = run(["export", "--db", str(db), "--format", "jsonl", "--all"])
    exported = parse(out)
    assert status == 0 and len(exported) == len(printed)
    assert sorted(r["event_id"] for r in exported) == sorted(r["event_id"] for r in printed)
