"""`marsad eval` agrees with the independent scorer (../shared/tools/score_acled_notes.py) on the
shared Afghanistan notes, read in place (ACLED's terms: never copied into the repository).

The scorer's notes go through `marsad extract`, which reads a text repeated in the input once, so a
repeated note gets no record there; `marsad eval` codes every note. On the same notes the two
sub-event type accuracies may differ by the repeated notes alone, and `marsad eval --gold` on the
scorer's own files (read the same way) gives its figures exactly.
"""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from marsad.cli.main import main

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
NOTES = SHARED / "training" / "acled" / "acled_afghanistan_2020-03_dkoban.csv"
SCORER = SHARED / "tools" / "score_acled_notes.py"
LIMIT = 100

pytestmark = [
    pytest.mark.shared,
    pytest.mark.slow,
    pytest.mark.skipif(not (NOTES.is_file() and SCORER.is_file()), reason="../shared is absent"),
]


def run(argv: list[str]) -> str:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv)
    assert status == 0, err.getvalue()
    return out.getvalue()


def scorer(*args: str) -> str:
    done = subprocess.run([sys.executable, str(SCORER), *args], capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("acled-notes")
    scorer("build", str(NOTES), str(out), "--limit", str(LIMIT))
    return out


@pytest.fixture(scope="module")
def independent(built: Path) -> dict[str, Any]:
    events = built / "events.jsonl"
    events.write_text(
        run(["extract", str(built / "input.jsonl"), "--format", "jsonl", "--quiet"]), encoding="utf-8"
    )
    result: dict[str, Any] = json.loads(
        scorer("score", str(built / "gold.jsonl"), str(events)).splitlines()[0]
    )
    return result


def repeated(built: Path) -> int:
    texts = [
        json.loads(line)["text"] for line in (built / "input.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    return len(texts) - len(set(texts))


def test_eval_acled_agrees_with_the_scorer_on_sub_event_type(
    built: Path, independent: dict[str, Any]
) -> None:
    ours = json.loads(
        run(["eval", "--acled", str(NOTES), "--limit", str(LIMIT), "--format", "json", "--quiet"])
    )
    assert ours["notes"] == independent["notes"] == LIMIT
    ours_sub, theirs_sub = ours["accuracy"]["sub_event_type"], independent["accuracy"]["sub_event_type"]
    assert abs(ours_sub - theirs_sub) <= 0.03
    assert 0 <= round(ours_sub - theirs_sub, 3) <= round(repeated(built) / LIMIT, 3)


def test_eval_gold_on_the_scorers_files_gives_its_figures(built: Path, independent: dict[str, Any]) -> None:
    ours = json.loads(
        run(
            [
                "eval",
                "--gold",
                str(built / "gold.jsonl"),
                str(built / "input.jsonl"),
                "--format",
                "json",
                "--quiet",
            ]
        )
    )
    for name in ("found", "event_type", "sub_event_type", "date", "location", "fatalities"):
        assert ours["accuracy"][name] == independent["accuracy"][name], name
