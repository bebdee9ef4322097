"""`marsad geocode` and `marsad actor`: the command-line look-ups of places and actors."""

from __future__ import annotations

import io
import json
import math

import pytest

from marsad.cli.main import main

FIELDS = {
    "name",
    "latitude",
    "longitude",
    "country",
    "iso",
    "admin1",
    "admin2",
    "feature",
    "score",
    "alternatives",
}


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out = capsys.readouterr()
    return status, out.out, out.err


@pytest.mark.parametrize(
    ("spelling", "lat", "lon"),
    [
        ("Deir-ez-Zor", 35.336, 40.141),
        ("Dayr az Zawr", 35.336, 40.141),
        ("Deir al-Zour", 35.336, 40.141),
        ("al-Bokmal", 34.453, 40.919),
        ("Albu Kamal", 34.453, 40.919),
        ("al-BoKamal", 34.453, 40.919),
        ("Mayadeen", 35.020, 40.452),
        ("Palmyra", 34.560, 38.267),
    ],
)
def test_geocode_brings_transliterations_together(capsys, spelling, lat, lon):
    status, out, _ = run(capsys, "geocode", spelling, "--country", "SY", "--format", "jsonl")
    assert status == 0
    result = json.loads(out)
    assert set(result) >= FIELDS
    assert result["iso"] == 760 and result["country"] == "Syria"
    assert km(result["latitude"], result["longitude"], lat, lon) < 15, result
    assert 0 < result["score"] <= 1


def test_geocode_reads_names_from_stdin_in_order_with_empty_objects_for_misses(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("Raqqa\nQzxwvplk Jjjj\nal-Mayadeen\n"))
    status, out, _ = run(capsys, "geocode", "-", "--format", "jsonl")
    lines = [json.loads(line) for line in out.splitlines()]
    assert status == 0
    assert len(lines) == 3
    assert lines[0]["name"] == "Ar Raqqah" and lines[0]["feature"] == "city"
    assert lines[1] == {}
    assert lines[2]["admin1"] == "Deir-ez-Zor"


def test_geocode_json_is_one_array_with_alternatives(capsys):
    status, out, _ = run(capsys, "geocode", "Tadmur", "Hmeimim")
    results = json.loads(out)
    assert status == 0
    assert isinstance(results, list) and len(results) == 2
    assert results[1]["feature"] == "air base"
    for alt in results[0]["alternatives"]:
        assert {"name", "latitude", "longitude", "score"} <= set(alt)
        assert alt["score"] <= results[0]["score"]


def test_geocode_near_prefers_the_namesake_close_to_the_reference(capsys):
    # several Syrian villages share a name; --near picks the one in the reference place's province
    _, out, _ = run(capsys, "geocode", "Tall Abyad", "--format", "jsonl")
    plain = json.loads(out)
    _, out, _ = run(capsys, "geocode", "Tall Abyad", "--near", "Raqqa", "--format", "jsonl")
    near = json.loads(out)
    assert near["admin1"] == "Ar-Raqqa"
    assert plain  # found without --near too


def test_geocode_rejects_a_bad_country_and_an_unknown_near(capsys):
    status, _, err = run(capsys, "geocode", "Raqqa", "--country", "Syria")
    assert status == 2 and "--country 'Syria'" in err
    status, _, err = run(capsys, "geocode", "Raqqa", "--near", "Qzxwvplk Jjjj")
    assert status == 2 and "--near 'Qzxwvplk Jjjj'" in err


@pytest.mark.parametrize(
    ("name", "actor", "inter"),
    [
        ("Daesh", "Islamic State (Syria)", 2),
        ("SDF militias", "QSD: Syrian Democratic Forces", 2),
        ("QSD", "QSD: Syrian Democratic Forces", 2),
        ("Russian warplanes", "Military Forces of Russia (2000-)", 8),
        ("Hashd", "Popular Mobilization Forces", None),
    ],
)
def test_actor_names_the_canonical_actor(capsys, name, actor, inter):
    status, out, _ = run(capsys, "actor", name, "--format", "jsonl")
    result = json.loads(out)
    assert status == 0
    assert actor in result["actor"]
    if inter is not None:
        assert result["inter"] == inter
    assert result["aliases"]


def test_actor_country_bound_names_follow_the_country(capsys):
    _, out, _ = run(capsys, "actor", "Daesh", "--country", "IQ", "--format", "jsonl")
    assert json.loads(out)["actor"] == "Islamic State (Iraq)"
    _, out, _ = run(capsys, "actor", "nobody in particular", "--format", "jsonl")
    assert json.loads(out) == {}


def test_geocode_a_bare_name_is_the_city_and_a_named_province_the_province(capsys):
    _, out, _ = run(
        capsys, "geocode", "Raqqa", "Raqqa province", "the governorate of Idlib", "--format", "jsonl"
    )
    city, province, idlib = (json.loads(line) for line in out.splitlines())
    assert city["feature"] == "city" and city["geo_precision"] == 1
    assert province["feature"] == "province" and province["admin1"] == "Ar-Raqqa"
    assert idlib["feature"] == "province" and idlib["geo_precision"] == 3


def test_geocode_arabic_script_names(capsys):
    _, out, _ = run(capsys, "geocode", "دير الزور", "الميادين", "--format", "jsonl")
    deir, mayadin = (json.loads(line) for line in out.splitlines())
    assert km(deir["latitude"], deir["longitude"], 35.336, 40.141) < 15
    assert km(mayadin["latitude"], mayadin["longitude"], 35.020, 40.452) < 15


def test_a_loose_spelling_abroad_is_no_answer(capsys) -> None:
    # "Al-Hasrat" is no place marsad knows; a Turkish town that only shares its loose key is not it
    from marsad.cli.main import main

    assert main(["geocode", "Al-Hasrat", "Ankara", "--format", "jsonl"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "{}"
    assert '"Ankara"' in lines[1]  # a foreign place by its own name still answers
