"""The two real articles in ../shared/seeds: metadata found in their opening lines."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from marsad.ingest import read_inputs
from marsad.model import Document

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


@pytest.mark.shared
@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is absent")
def test_seed_metadata() -> None:
    results = list(read_inputs([str(SEEDS)]))
    docs = {r.id: r for r in results if isinstance(r, Document)}
    assert len(docs) == len(results) >= 2
    first, second = docs["000_a94b38f155a9604f.txt"], docs["002_eb67284491b6955c.txt"]
    assert first.text == (SEEDS / first.id).read_text(encoding="utf-8")
    assert first.published is None
    assert first.title and "Contact" not in first.title
    assert second.published == date(2017, 5, 19)
    assert second.source is not None and second.source.lower() == "eldorar alshamia"
    assert second.provenance["published"] == "text"
