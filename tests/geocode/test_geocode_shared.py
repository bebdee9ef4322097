"""Names from the shared GeoNames extract resolve near their coordinates (read in place, never copied)."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from marsad.model import Document, Event, Trigger
from marsad.pipeline import Options, create
from marsad.services.gazetteer import Gazetteer, distance_km
from marsad.stages.geocode import GeocodeStage

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CITIES = SHARED / "gazetteers" / "geonames_cities500_sy_iq.csv"

pytestmark = pytest.mark.shared


@pytest.fixture
def session_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A gazetteer cache under this session's temporary directory, shared by the modules that use it."""
    return tmp_path_factory.getbasetemp() / "marsad-cache"


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    """Every seventh row of the extract."""
    if not CITIES.is_file():
        pytest.skip("../shared/gazetteers is absent")
    with CITIES.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))[::7]


def _hits(gaz: Gazetteer, rows: list[dict[str, str]], names_of) -> tuple[int, int]:
    """How many names resolve within 10 km of their row's point, out of how many."""
    hits = total = 0
    for row in rows:
        for name in names_of(row):
            top = gaz.lookup(name, country_hint=row["country"] or None)
            total += 1
            hits += (
                bool(top) and distance_km(top[0].lat, top[0].lon, float(row["lat"]), float(row["lon"])) <= 10
            )
    return hits, total


def test_sample_of_names_and_spellings_resolve(rows: list[dict[str, str]], session_cache: Path) -> None:
    gaz = Gazetteer(cache_dir=session_cache)
    hits, total = _hits(gaz, rows, lambda row: [row["name"]])
    assert total > 60 and hits >= total - 1
    latin = lambda row: [a for a in row["alt_names"].split("|") if a.isascii() and len(a) > 3][:3]  # noqa: E731
    hits, total = _hits(gaz, rows, latin)
    assert total > 100 and hits / total >= 0.95


def _find(text: str, phrase: str) -> tuple[int, int] | None:
    """Offsets of a gold evidence phrase in a text (whitespace and quotes as the scorer folds them)."""
    pattern = re.escape(" ".join(phrase.split())).replace(r"\ ", r"\s+").replace("'", "['’]")
    match = re.search(pattern, text, re.I)
    return (match.start(), match.end()) if match else None


@pytest.mark.slow
def test_dev_events_at_gold_phrases_get_gold_places(session_cache: Path) -> None:
    """Events put by hand on each gold evidence phrase of the dev set land within the gold radius."""
    reports = SHARED / "dev" / "reports.jsonl"
    if not reports.is_file():
        pytest.skip("../shared/dev is absent")
    stages = [create(name, Options()) for name in ("segment.v1", "nlp.v1")]
    geocode = GeocodeStage(Options(), gazetteer=Gazetteer(cache_dir=session_cache))
    hits = total = 0
    for line in reports.read_text(encoding="utf-8").splitlines():
        report = json.loads(line)
        gold = json.loads((SHARED / "dev" / "gold" / f"{report['id']}.gold.json").read_text(encoding="utf-8"))
        doc = Document(text=report["text"], id=report["id"], title=report["title"])
        for stage in stages:
            doc = stage(doc)
        placed = []
        for event in gold["events"]:
            span = _find(doc.text, event["evidence"])
            sent = doc.sentence_at(span[0]) if span else None
            if span is None or sent is None:
                continue
            made = Event(event["event_type"], event["sub_event_type"][0], document=doc.id)
            made.trigger = Trigger(span[0], span[1], doc.text[span[0] : span[1]], "gold", sent.index)
            placed.append((made, event["location"]))
        doc.events = [made for made, _ in placed]
        geocode(doc)
        for made, loc in placed:
            total += 1
            if made.latitude is not None and made.longitude is not None:
                hits += distance_km(made.latitude, made.longitude, loc["lat"], loc["lon"]) <= loc["radius_km"]
    assert total >= 90
    assert hits / total >= 0.9, f"location accuracy {hits}/{total}"
