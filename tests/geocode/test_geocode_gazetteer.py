"""The gazetteer: sources, ranking with hints, the user's own places, and the cached index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.services.gazetteer import Gazetteer, Place, distance_km, offset_point

USER_PLACES = {
    "entries": [
        {"name": "Palmyra", "lat": 39.92, "lon": -75.03, "country": "US", "type": "city", "population": 2_000_000},
        {"name": "Qaryat al-Mukhtabar", "aliases": ["Mukhtabar"], "lat": 35.1, "lon": 40.2, "country": "SY",
         "admin1": "Deir-ez-Zor", "type": "village"},
    ]
}  # fmt: skip


@pytest.fixture(scope="module")
def knowledge(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A user knowledge directory with a places.json of its own."""
    folder = tmp_path_factory.mktemp("knowledge")
    (folder / "places.json").write_text(json.dumps(USER_PLACES), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the compiled index goes: never the user's real cache."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def gaz(knowledge: Path, cache_dir: Path) -> Gazetteer:
    """The real gazetteer plus the user's places, built once for the module."""
    gazetteer = Gazetteer(extra_dirs=(knowledge,), cache_dir=cache_dir)
    gazetteer.lookup("Damascus")
    return gazetteer


def near(place: Place, lat: float, lon: float, km: float = 5.0) -> bool:
    """True when a place lies within `km` of a point."""
    return distance_km(place.lat, place.lon, lat, lon) <= km


def test_syria_hint_ranks_tadmur_over_another_palmyra(gaz: Gazetteer) -> None:
    ranked = gaz.lookup("Palmyra", country_hint="SY")
    assert ranked[0].country == "SY"
    assert near(ranked[0], 34.5624, 38.28402)
    assert any(p.country == "US" for p in ranked), "the user's Palmyra competes"
    assert gaz.lookup("Palmyra", country_hint="US")[0].country == "US"


def test_user_file_adds_a_place(gaz: Gazetteer) -> None:
    found = gaz.lookup("Mukhtabar", country_hint="SY")
    assert found and found[0].name == "Qaryat al-Mukhtabar"
    assert found[0].admin1 == "Deir-ez-Zor" and found[0].iso == 760


@pytest.mark.parametrize("spelling", ["al-Bokmal", "al-BoKamal", "Albu Kamal", "Abu Kamal", "al-Bukamal"])
def test_abu_kamal_spellings_resolve_to_one_town(gaz: Gazetteer, spelling: str) -> None:
    top = gaz.lookup(spelling, country_hint="SY")[0]
    assert near(top, 34.45226, 40.91854)
    assert top.admin1 == "Deir-ez-Zor"


@pytest.mark.parametrize(
    ("spelling", "lat", "lon"),
    [
        ("Deir al-Zour", 35.33588, 40.14084),
        ("Mayadeen", 35.01982, 40.45154),
        ("Muhradah", 35.2479, 36.5725),
        ("Mhardeh", 35.2479, 36.5725),
        ("Khan Sheikhoun", 35.44208, 36.65095),
        ("Jindires", 36.39496, 36.6889),
        ("Sweida", 32.70896, 36.56951),
        ("Baquba", 33.75403, 44.60518),
        ("Sulaimaniya", 35.56496, 45.4329),
        ("Marcada", 35.74607, 40.75304),
    ],
)
def test_transliterations_resolve(gaz: Gazetteer, spelling: str, lat: float, lon: float) -> None:
    assert near(gaz.lookup(spelling)[0], lat, lon)


def test_admin1_uses_acled_names_and_iso_numbers(gaz: Gazetteer) -> None:
    deir = gaz.lookup("Deir ez-Zor", country_hint="SY")[0]
    assert (deir.admin1, deir.country_name, deir.iso) == ("Deir-ez-Zor", "Syria", 760)
    assert deir.admin2 == "Deir-ez-Zor"
    baquba = gaz.lookup("Baqubah", country_hint="IQ")[0]
    assert (baquba.admin1, baquba.country_name, baquba.iso) == ("Diyala", "Iraq", 368)


def test_supplement_entries_load(gaz: Gazetteer) -> None:
    omar = gaz.lookup("al-Omar oil field", country_hint="SY")[0]
    assert omar.type == "oil field" and near(omar, 35.0, 40.55, km=10)
    conoco = gaz.lookup("Conico", country_hint="SY")[0]
    assert conoco.type == "gas field"
    tanf = gaz.lookup("al-Tanf", country_hint="SY")[0]
    assert tanf.type == "crossing" and tanf.admin1 == "Homs"
    qalamoun = gaz.lookup("al-Qalamoon", country_hint="SY")[0]
    assert qalamoun.precision == 3 and "pprox" in qalamoun.note


def test_countries_and_provinces_are_region_places(gaz: Gazetteer) -> None:
    syria = gaz.lookup("Syria")[0]
    assert syria.type == "country" and syria.precision == 3 and syria.iso == 760
    assert near(syria, 33.5102, 36.29128, km=20), "a country sits at its capital"
    province = [p for p in gaz.lookup("Deir-ez-Zor province", country_hint="SY") if p.type == "province"]
    assert province and province[0].precision == 3


def test_generic_word_alone_matches_nothing_loose(gaz: Gazetteer) -> None:
    assert all(m.how in ("name", "alias") for m in gaz.search("Jabal", country_hint="SY"))
    top = gaz.lookup("Jabayla", country_hint="SY", admin1_hint="Deir-ez-Zor")[0]
    assert top.name == "Jubaylah"


def test_names_of_people_and_actors_find_no_place(gaz: Gazetteer) -> None:
    assert gaz.lookup("Hassan Nasrallah") == []
    assert all(m.how not in ("name", "alias") for m in gaz.search("Daesh"))


def test_cache_is_built_once_and_reused(gaz: Gazetteer, knowledge: Path, cache_dir: Path) -> None:
    path = gaz.cache_path()
    assert path.exists() and path.parent == cache_dir
    mtime, builds = path.stat().st_mtime_ns, Gazetteer.builds
    again = Gazetteer(extra_dirs=(knowledge,), cache_dir=cache_dir)
    assert again.lookup("Hajin", country_hint="SY")[0].admin1 == "Deir-ez-Zor"
    assert Gazetteer.builds == builds, "a second gazetteer loads the cached index"
    assert path.stat().st_mtime_ns == mtime


def test_cache_key_follows_the_sources(tmp_path: Path, knowledge: Path, cache_dir: Path) -> None:
    base = Gazetteer(cache_dir=cache_dir).cache_path()
    extra = tmp_path / "more"
    extra.mkdir()
    (extra / "places.json").write_text(json.dumps({"entries": []}), encoding="utf-8")
    assert Gazetteer(extra_dirs=(extra,), cache_dir=cache_dir).cache_path() != base


def test_cache_dir_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARSAD_CACHE_DIR", str(tmp_path))
    assert Gazetteer().cache_path().parent == tmp_path


def test_nothing_is_built_at_construction(tmp_path: Path) -> None:
    builds = Gazetteer.builds
    Gazetteer(cache_dir=tmp_path)
    assert Gazetteer.builds == builds and not list(tmp_path.iterdir())


def test_offset_point_moves_east() -> None:
    lat, lon = offset_point(35.0, 40.0, 10.0, 90.0)
    assert abs(lat - 35.0) < 0.01 and lon > 40.0
    assert 9.9 < distance_km(35.0, 40.0, lat, lon) < 10.1


def test_in_memory_gazetteer_for_tests() -> None:
    place = Place("t:x", "Testville", 1.0, 2.0, "SY", "Syria", type="town")
    gaz = Gazetteer.from_places([place])
    assert gaz.lookup("testville") == [place]
    assert gaz.get("t:x") is place


def test_a_loose_match_abroad_is_refused_when_the_report_is_about_another_country() -> None:
    from marsad.services.gazetteer import Gazetteer

    gaz = Gazetteer()  # the session's index (conftest's gazetteer_cache)
    assert all(p.country == "SY" for p in gaz.lookup("al-Salihiyah", country_hint="SY"))
    assert any(p.country == "IQ" for p in gaz.lookup("Baghdad", country_hint="SY"))
