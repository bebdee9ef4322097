"""The dev pairs: two reports of one event from different sources fuse with the lower toll."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.cli.main import main
from marsad.store import Store

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
PAIRS = {("dev-05", "dev-06"): 9, ("dev-07", "dev-08"): 5}


@pytest.fixture(scope="module")
def fused(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    """The fused records of the four dev reports, ingested with `marsad ingest`."""
    reports = SHARED / "dev" / "reports.jsonl"
    if not reports.is_file():
        pytest.skip("../shared is absent")
    wanted = {doc for pair in PAIRS for doc in pair}
    tmp = tmp_path_factory.mktemp("dev_pairs")
    lines = [line for line in reports.read_text(encoding="utf-8").splitlines() if line.strip()]
    picked = [line for line in lines if json.loads(line).get("id") in wanted]
    assert len(picked) == len(wanted)
    (tmp / "pairs.jsonl").write_text("\n".join(picked) + "\n", encoding="utf-8")
    db = tmp / "s.duckdb"
    assert main(["ingest", str(tmp / "pairs.jsonl"), "--db", str(db), "-q"]) == 0
    with Store(db, read_only=True) as store:
        return list(store.iter_fused())


def _docs(rec: dict) -> set[str]:
    """The documents a fused record's claims come from (their ids, without any file prefix)."""
    return {str(c["document"]).rsplit("#", 1)[-1].rsplit("/", 1)[-1] for c in rec["claims"]}


@pytest.mark.slow
@pytest.mark.shared
@pytest.mark.parametrize(("pair", "toll"), list(PAIRS.items()))
def test_dev_pair_fuses_with_the_lower_toll(fused: list[dict], pair: tuple[str, str], toll: int) -> None:
    both = [rec for rec in fused if all(any(doc in d for d in _docs(rec)) for doc in pair)]
    assert len(both) == 1, f"{pair} did not fuse into one record"
    rec = both[0]
    assert len(rec["claims"]) == 2
    assert rec["fatalities"] == toll and "fatalities" in rec["conflicts"]
