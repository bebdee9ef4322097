"""The four shared Syria/Iraq gazetteer CSVs import as they are and their names resolve near their points.

The files are read in place from ../shared/gazetteers; nothing of them is copied into the repository.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from marsad.services.gazetteer import Gazetteer, distance_km
from marsad.services.gazetteer_import import import_file

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
GAZETTEERS = SHARED / "gazetteers"
FILES = (
    "geonames_cities500_sy_iq.csv",
    "ocha_codab_syr_admin_points.csv",
    "ocha_codab_irq_admin3_points.csv",
    "syrianarchive_locations_2015.csv",
)

pytestmark = pytest.mark.shared


def _rows(name: str) -> list[dict[str, str]]:
    """Every third row of a shared file."""
    with (GAZETTEERS / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))[::3]


def test_the_shared_gazetteers_import_and_resolve_within_15_km(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not all((GAZETTEERS / name).is_file() for name in FILES):
        pytest.skip("../shared/gazetteers is absent")
    monkeypatch.setenv("MARSAD_CACHE_DIR", str(tmp_path))
    results = {name: import_file(GAZETTEERS / name) for name in FILES}
    assert results["geonames_cities500_sy_iq.csv"].places == 477
    assert results["ocha_codab_irq_admin3_points.csv"].places == 294
    assert results["syrianarchive_locations_2015.csv"].places > 800  # each location is listed twice
    gaz = Gazetteer()
    for name in FILES:
        top = near = settlements = total = 0
        for row in _rows(name):
            found = gaz.lookup(row["name"], country_hint=row["country"] or None)
            close = [distance_km(p.lat, p.lon, float(row["lat"]), float(row["lon"])) <= 15 for p in found]
            total += 1
            near += any(close)
            if "not a settlement" in row["feature_type"]:  # a label point: an admin reference, not a town
                kinds = {
                    p.type for p, ok in zip(found, close, strict=True) if ok and p.source.endswith(name[:-4])
                }
                assert kinds & {"province", "district", "subdistrict", "country"}, row
            else:
                settlements += 1
                top += bool(close) and close[0]
        assert near / total >= 0.98, f"{name}: {near}/{total} have a candidate within 15 km"
        assert top >= 0.95 * settlements, f"{name}: {top}/{settlements} resolve within 15 km"
