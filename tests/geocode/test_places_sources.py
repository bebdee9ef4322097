"""Every curated place names the source of its coordinate and lies inside its country."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

PLACES = (
    Path(__file__).resolve().parents[2]
    / "src"
    / "marsad"
    / "knowledge"
    / "packs"
    / "syria-iraq"
    / "places.json"
)

# generous (lat_min, lat_max, lon_min, lon_max) boxes around each country
BOXES = {
    "SY": (32.2, 37.4, 35.5, 42.5),
    "IQ": (29.0, 37.5, 38.7, 48.7),
    "LB": (33.0, 34.8, 35.0, 36.7),
    "JO": (29.1, 33.5, 34.9, 39.4),
    "TR": (35.8, 42.2, 25.6, 44.9),
    "IL": (29.4, 33.4, 34.2, 35.9),
}


def _entries() -> list[dict]:
    return json.loads(PLACES.read_text(encoding="utf-8"))["entries"]


def test_about_names_the_sources() -> None:
    about = json.loads(PLACES.read_text(encoding="utf-8"))["about"]
    assert "source" in about
    assert "own knowledge" not in about


@pytest.mark.parametrize("entry", _entries(), ids=lambda e: e["name"])
def test_entry_has_source_and_plausible_position(entry: dict) -> None:
    source = entry.get("source")
    assert isinstance(source, str) and source.strip(), f"{entry['name']} has no source"
    assert len(source) > 12, f"{entry['name']}: source too vague: {source!r}"
    if source.startswith("unverified"):
        # an unverified coordinate must say what was searched and why nothing citable was found
        assert source.startswith("unverified: ") and len(source) > 40, (
            f"{entry['name']}: unverified source gives no reason: {source!r}"
        )
    box = BOXES.get(entry["country"])
    assert box is not None, f"{entry['name']}: no bounding box for {entry['country']}"
    lat_min, lat_max, lon_min, lon_max = box
    assert lat_min <= entry["lat"] <= lat_max, (
        f"{entry['name']}: lat {entry['lat']} outside {entry['country']}"
    )
    assert lon_min <= entry["lon"] <= lon_max, (
        f"{entry['name']}: lon {entry['lon']} outside {entry['country']}"
    )


# entries whose coordinate no published source confirms; only ever lower this
MAX_UNVERIFIED = 7


def test_unverified_entries_are_few() -> None:
    unverified = [e["name"] for e in _entries() if e["source"].startswith("unverified")]
    assert len(unverified) <= MAX_UNVERIFIED, unverified


def test_names_are_unique() -> None:
    names = [e["name"] for e in _entries()]
    assert len(names) == len(set(names))


def test_seed_places_present() -> None:
    by_name = {e["name"]: e for e in _entries()}
    assert "Abu Khashab" in by_name
    hmeimim = by_name["Hmeimim air base"]
    for alias in ("Humimim", "Hmeimim", "Khmeimim", "Humaymim"):
        assert alias in hmeimim["aliases"]
