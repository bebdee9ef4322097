"""Extraction quality against the hand-coded gold in ../shared: recall, precision, must-not hits.

FLOORS ONLY MOVE UP. tests/quality/floors.json holds the least each set must score. Raise a floor
when the pipeline improves; lowering one needs an explicit reason in the commit that lowers it
(which regression is accepted, and why).

`pytest -s tests/quality` prints the measured totals; they are also written to
test-artifacts/quality.json under the repository root.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from marsad.cli.main import main

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
FLOORS: dict[str, dict[str, float]] = json.loads(
    Path(__file__).with_name("floors.json").read_text(encoding="utf-8")
)
ARTIFACT = REPO / "test-artifacts" / "quality.json"

pytestmark = [
    pytest.mark.shared,
    pytest.mark.slow,
    pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is absent"),
]

# each set: its inputs, and its gold files (a glob under ../shared)
SETS: dict[str, tuple[Callable[[], list[Path]], str]] = {
    "seed": (lambda: sorted(SHARED.glob("seeds/*.txt")), "gold/*.gold.json"),
    "dev": (lambda: [SHARED / "dev" / "reports.jsonl"], "dev/gold/*.gold.json"),
}


def load_scorer() -> ModuleType:
    """../shared/tools/score_events.py as a module."""
    path = SHARED / "tools" / "score_events.py"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    spec = importlib.util.spec_from_file_location("marsad_shared_score_events", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def extract(paths: list[Path]) -> list[dict[str, Any]]:
    """Run `marsad extract` in-process on the inputs; return its JSON-lines records."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["extract", *map(str, paths), "--format", "jsonl", "--quiet"])
    assert status == 0, err.getvalue()
    return [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]


@pytest.fixture(scope="module")
def totals() -> dict[str, dict[str, Any]]:
    """The scorer's totals per set present in ../shared; printed and written to test-artifacts."""
    scorer = load_scorer()
    measured: dict[str, dict[str, Any]] = {}
    for name, (inputs_of, gold_glob) in SETS.items():
        inputs = inputs_of()
        gold_paths = sorted(SHARED.glob(gold_glob))
        if not inputs or not all(p.is_file() for p in inputs) or not gold_paths:
            continue
        golds = [json.loads(p.read_text(encoding="utf-8")) for p in gold_paths]
        measured[name] = scorer.score(extract(inputs), golds)["totals"]
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    ARTIFACT.write_text(json.dumps(measured, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    for name, t in measured.items():
        print(
            f"\nquality {name}: recall {t['recall']} precision {t['precision']} f1 {t['f1']} "
            f"fields {t['mean_field_accuracy']} must_not {t['must_not_hits']} "
            f"({t['required_found']}/{t['required']} required, {t['system_events']} events)"
        )
    return measured


@pytest.mark.parametrize("name", sorted(SETS))
def test_quality_meets_floors(name: str, totals: dict[str, dict[str, Any]]) -> None:
    if name not in totals:
        pytest.skip(f"the {name} set or its gold is absent from ../shared")
    measured, floor = totals[name], FLOORS[name]
    assert measured["required"] > 0
    assert measured["recall"] >= floor["recall"], (name, measured)
    assert measured["precision"] >= floor["precision"], (name, measured)
    assert measured["must_not_hits"] <= floor["must_not_max"], (name, measured)
    assert measured["mean_field_accuracy"] >= floor["fields"], (name, measured)
    for field, least in floor.get("field", {}).items():  # issue 4: places and actors, each >= 0.90
        assert measured["field_accuracy"][field] >= least, (name, field, measured)


def test_floors_cover_every_set() -> None:
    assert set(FLOORS) == set(SETS)
    for floor in FLOORS.values():
        assert set(floor) <= {"recall", "precision", "must_not_max", "fields", "field"}
        assert {"recall", "precision", "must_not_max", "fields"} <= set(floor)
        assert 0 < floor["fields"] <= 1
        assert 0 < floor["recall"] <= 1 and 0 < floor["precision"] <= 1
        assert floor["must_not_max"] >= 0
