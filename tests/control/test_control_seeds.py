"""Issue 6's done-when on the two seed reports: Abu Kamal, Markada and Deir ez-Zor city."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from marsad.control import PlaceTimeline, Timeline, build_timeline

pytestmark = [pytest.mark.shared, pytest.mark.slow]

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
GOV = "Military Forces of Syria"
IS = "Islamic State"
SDF = "QSD: Syrian Democratic Forces"


@pytest.fixture(scope="module")
def timeline(pipeline) -> Timeline:
    """The timeline of the seeds, extracted with the default pipeline."""
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    if not seeds:
        pytest.skip("../shared/seeds is absent")
    from marsad.ingest import read_inputs
    from marsad.model import Document

    docs = [d for d in read_inputs([str(p) for p in seeds]) if isinstance(d, Document)]
    assert len(docs) == len(seeds)
    return build_timeline(event for doc in pipeline.pipe(docs) for event in doc.events)


def place(timeline: Timeline, name: str, near: tuple[float, float], km: float) -> PlaceTimeline:
    """The one place with that name (spelt any way) or within `km` of `near`."""
    found = timeline.find(name, near=near, km=km)
    assert found, f"no place {name!r} in the timeline: {[p.place for p in timeline.places]}"
    return max(found, key=lambda p: len(p.changes))


def controller(p: PlaceTimeline, day: str) -> str:
    return p.controller_at(date.fromisoformat(day)) or ""


def test_abu_kamal_taken_by_the_government_then_retaken_by_islamic_state(timeline: Timeline) -> None:
    kamal = place(timeline, "Abu Kamal", (34.45, 40.92), 10)
    assert controller(kamal, "2017-11-07") == ""
    assert controller(kamal, "2017-11-08").startswith(GOV)
    assert controller(kamal, "2017-11-09").startswith(IS)
    dated = [(c.date.isoformat(), c.controller.split(" (")[0]) for c in kamal.changes]
    assert dated == [("2017-11-08", GOV), ("2017-11-09", IS)]


def test_markada_held_by_the_sdf_from_9_november(timeline: Timeline) -> None:
    markada = place(timeline, "Markada", (35.75, 40.78), 15)
    assert controller(markada, "2017-11-08") != SDF
    assert controller(markada, "2017-11-09") == SDF
    assert controller(markada, "2017-12-31") == SDF


def test_deir_ez_zor_city_held_by_the_government_from_september(timeline: Timeline) -> None:
    deir = place(timeline, "Deir ez-Zor", (35.336, 40.141), 5)
    first = next(c for c in deir.changes if c.controller.startswith(GOV))
    assert (first.date.year, first.date.month) == (2017, 9)
    assert controller(deir, "2017-09-30").startswith(GOV)
    assert controller(deir, "2017-12-31").startswith(GOV)
