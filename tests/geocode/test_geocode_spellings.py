"""How coders spell Syrian and Iraqi places: the forms that must meet, and the ranking among namesakes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.cli.lookup import geocode
from marsad.services.gazetteer import Gazetteer, Place, split_context, split_quarter
from marsad.services.placekey import is_generic, place_key, plain_key, words

SAME_KEY = [
    # the first word of a compound name, however many vowels a speller writes
    ("Kafr Hamra", "Kfar Hamra"),
    ("Kafr Hamra", "Kafar Hamra"),
    ("Kafr Hamra", "Kefr Hamra"),
    ("Jisr al-Shughur", "Jisser al-Shughour"),
    ("Khirbet Ghazaleh", "Khirbat Ghazalah"),
    ("Khirbet Ghazaleh", "Kherbet Ghazala"),
    ("Sheikh Maqsoud", "Cheikh Maksoud"),
    ("Sheikh Maqsoud", "Shaykh Maqsud"),
    ("Tell Tamer", "Tall Tamer"),
    ("Ain Issa", "Ayn Isa"),
    ("Ain Issa", "Ein Issa"),
    ("Umm Batinah", "Om Batina"),
    # qualifiers: English ones first, Arabic ones after, in their spellings and genders
    ("Eastern Mleiha", "Mleiha Sharqiyah"),
    ("Eastern Mleiha", "al-Mleiha al-Sharqi"),
    ("Eastern Mleiha", "Mleiha ech Charqiye"),
    ("Little Sura", "Sura Saghira"),
    ("Little Sura", "al-Sura al-Sughra"),
    ("Upper Shyookh", "Shuyukh Fawqani"),
    ("Upper Shyookh", "Shyookh Fouqani"),
    ("Lower Shyookh", "Shuyukh Tahtani"),
    ("Northern Sirrin", "Sirrin Shamaliyah"),
    # leading kind words: a subdistrict's seat, a city district, "the village of"
    ("Markaz Hit", "Hit"),
    ("Nahiyat al-Fuhud", "al-Fuhud"),
    ("Hayy al-Waer", "al-Waer"),
    ("Hay al-Waer", "Waer"),
    ("Qaryat al-Tuwaymah", "Tuwaymah"),
    # articles written out or the French way
    ("Ath-Thawrah", "al-Thawrah"),
    ("Ej Janoudiye", "Janudiyeh"),
    ("Ett Tayba", "al-Tayba"),
    # Kurdish x, French c, Abul
    ("Zaxo", "Zakho"),
    ("Jacem", "Jasim"),
    ("Abul Thohur", "Abu al-Thohur"),
    # an article before a word means the word has no glued one of its own
    ("Al ‘Annāzah", "Anaza"),
]

DIFFERENT_KEY = [
    ("Eastern Mleiha", "Western Mleiha"),
    ("Upper Shyookh", "Lower Shyookh"),
    ("Little Sura", "Great Sura"),
    ("Kafr Hamra", "Hamra"),
    ("Tell Tamer", "Tamer"),
]


@pytest.mark.parametrize(("a", "b"), SAME_KEY)
def test_coders_spellings_share_a_key(a: str, b: str) -> None:
    assert place_key(a) == place_key(b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT_KEY)
def test_qualified_and_compound_names_stay_apart(a: str, b: str) -> None:
    assert place_key(a) != place_key(b)


def test_qualifiers_end_up_after_the_name_in_one_form() -> None:
    assert words("Eastern Bari") == words("Bari Sharqiyeh") == ["bari", "sharqi"]
    assert plain_key("Little Sura") == plain_key("Sura al-Saghirah") == "sura saghir"
    # a qualifier word first in an Arabic name is the name itself
    assert words("Jadida Khan") == ["jadida", "khan"]


def test_leading_kind_words_are_dropped_unless_nothing_else_is_left() -> None:
    assert plain_key("Markaz Baladruz") == plain_key("Baladruz")
    assert words("Markaz") == ["markaz"]
    assert words("Hayy") == ["hayy"]


def test_two_arabic_generic_words_make_a_name_but_english_ones_do_not() -> None:
    assert not is_generic("Umm Qasr")
    assert not is_generic("Ras al-Ain")
    assert is_generic("the town")
    assert is_generic("Tal")
    assert is_generic("old city")


def test_arabic_compound_names_match_joined_or_spaced() -> None:
    assert place_key("كفرنبل") == place_key("كفر نبل")
    assert place_key("مركز الحمدانية") == place_key("الحمدانية")
    assert place_key("سامراء") == place_key("سامرا")
    assert is_generic("كفر") and is_generic("جبل") and not is_generic("كفرنبل")


# ---------------------------------------------------------------------------------------------
# ranking, on a gazetteer of places made up for the tests


def _place(pid: str, name: str, lat: float, lon: float, country: str, admin1: str, kind: str = "town",
           aliases: tuple[str, ...] = (), population: int = 0) -> Place:  # fmt: skip
    return Place(pid, name, lat, lon, country, {"SY": "Syria", "IQ": "Iraq"}.get(country, country),
                 admin1=admin1, type=kind, aliases=aliases, population=population,
                 precision=3 if kind == "province" else 2 if kind in ("district", "subdistrict") else 1)  # fmt: skip


PLACES = [
    # a town and the subdistrict label point named after it, the label spelled exactly as asked
    _place("t:qalb", "Qalb al-Wadi", 36.10, 38.10, "SY", "Aleppo", "town"),
    _place("t:qalb-sd", "Qalb Al Wadi", 36.30, 38.30, "SY", "Aleppo", "subdistrict"),
    # a province and its capital sharing an Arabic name
    _place("t:zahra-p", "Zahra province", 34.0, 37.0, "SY", "Zahra", "province", aliases=("الزهراء",)),
    _place("t:zahra", "Az-Zahra", 34.3, 37.3, "SY", "Zahra", "city", aliases=("الزهراء",), population=50_000),
    # namesakes whose names fold to one key
    _place("t:darayma", "Darayma", 33.40, 36.20, "SY", "Rural Damascus", "town"),
    _place("t:darma", "Dar'ma", 32.60, 36.10, "SY", "Dar'a", "town"),
    _place("t:sarrim", "Sarrim", 36.70, 38.30, "SY", "Aleppo", "town"),
    _place("t:surim", "Surim", 35.30, 36.70, "SY", "Hama", "town"),
    # one village name in two provinces, and a town beside one of them
    _place("t:kafr-id", "Kafr Tilal", 35.60, 36.50, "SY", "Idleb", "village", aliases=("كفر تلال",)),
    _place("t:kafr-hm", "Kafr Tilal", 35.10, 36.60, "SY", "Hama", "village"),
    _place("t:marsa", "Marsa", 35.62, 36.55, "SY", "Idleb", "town"),
    _place("t:idleb", "Idleb province", 35.93, 36.63, "SY", "Idleb", "province", aliases=("Idleb", "Idlib")),
    _place("t:hama", "Hama province", 35.13, 36.75, "SY", "Hama", "province", aliases=("Hama",)),
    _place("t:syria", "Syria", 33.5, 36.3, "SY", "", "country"),
    # a city, a quarter of it, and a village of the quarter's name far away
    _place("t:halab", "Halab al-Kubra", 36.20, 37.15, "SY", "Aleppo", "city", population=2_000_000),
    _place("t:ashrafiyeh", "Ashrafiyeh", 36.22, 37.14, "SY", "Aleppo", "neighbourhood"),
    _place("t:ashrafiyeh-v", "Ashrafiyeh", 33.10, 36.10, "SY", "Dar'a", "village"),
    # a village, and another that once bore its name as an alternate
    _place("t:zayara", "Az Zayara", 35.40, 36.50, "SY", "Hama", "village"),
    _place("t:ezraa", "Izraa", 32.86, 36.25, "SY", "Dar'a", "village", aliases=("Zayara",)),
    # a town named by a generic word alone, and a village whose name starts with it
    _place("t:tall", "At Tall", 33.61, 36.31, "SY", "Rural Damascus", "town"),
    _place("t:tall-x", "Tall Kurdi", 33.70, 36.40, "SY", "Rural Damascus", "village"),
    # an exact name abroad, and the same place spelled otherwise in Iraq
    _place("t:ghit-sy", "Ghit", 35.0, 40.0, "SY", "Deir-ez-Zor", "village"),
    _place("t:ghit-iq", "Markaz Ghaet", 33.6, 42.8, "IQ", "Al-Anbar", "subdistrict"),
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_places(PLACES)


def test_a_bare_name_is_the_town_not_the_admin_unit_named_after_it(gaz: Gazetteer) -> None:
    assert gaz.lookup("Qalb Al Wadi", country_hint="SY")[0].id == "t:qalb"
    assert gaz.lookup("الزهراء", country_hint="SY")[0].id == "t:zahra"
    # the admin unit is still a candidate, and alone it is the answer
    assert "t:qalb-sd" in [p.id for p in gaz.lookup("Qalb Al Wadi")]
    assert gaz.lookup("Ghaet", country_hint="IQ")[0].id == "t:ghit-iq"


def test_namesakes_sharing_a_key_rank_by_consonants_then_spelling(gaz: Gazetteer) -> None:
    assert gaz.lookup("Daraymah", country_hint="SY")[0].id == "t:darayma"
    assert gaz.lookup("Darma", country_hint="SY")[0].id == "t:darma"
    assert gaz.lookup("Sarim", country_hint="SY")[0].id == "t:sarrim"
    assert gaz.lookup("Suriem", country_hint="SY")[0].id == "t:surim"


def test_a_place_own_name_outranks_an_old_alternate_of_the_same_key(gaz: Gazetteer) -> None:
    assert gaz.lookup("Zayyara", country_hint="SY")[0].id == "t:zayara"


def test_a_name_given_with_its_province_or_a_nearby_town(gaz: Gazetteer) -> None:
    assert gaz.lookup("Kafr Tilal, Idlib")[0].id == "t:kafr-id"
    assert gaz.lookup("Kafr Tilal, Hama")[0].id == "t:kafr-hm"
    assert gaz.lookup("Kafr Tilal (Hama province)")[0].id == "t:kafr-hm"
    assert gaz.lookup("Kfar Tilal, Marsa, Syria")[0].id == "t:kafr-id"
    assert gaz.lookup("كفرتلال, Idlib")[0].id == "t:kafr-id"
    assert gaz.lookup("Nowhere at all, Idlib") == []


def test_a_quarter_written_after_its_town_is_the_quarter_or_else_the_town(gaz: Gazetteer) -> None:
    assert gaz.lookup("Halab al-Kubra - Achrafieh")[0].id == "t:ashrafiyeh"
    assert gaz.lookup("Halab al-Kubra - Unknown Street")[0].id == "t:halab"
    assert split_quarter("Deir-ez-Zor") is None
    assert split_quarter("Mosul – Al Zanjili") == ("Mosul", "Al Zanjili")


def test_a_generic_word_alone_finds_the_place_named_just_that_in_any_spelling(gaz: Gazetteer) -> None:
    assert [p.id for p in gaz.lookup("Al-Tal")] == ["t:tall"]
    assert [p.id for p in gaz.lookup("Tell")] == ["t:tall"]
    assert gaz.lookup("Jabal") == []


def test_split_context() -> None:
    assert split_context("Kafr Nabl, Idlib") == ("Kafr Nabl", ["Idlib"])
    assert split_context("Hawija (Kirkuk)") == ("Hawija", ["Kirkuk"])
    assert split_context("Hawija") == ("Hawija", [])


def test_cli_country_favours_a_namesake_there_over_an_exact_name_abroad(gaz: Gazetteer) -> None:
    assert geocode(gaz, "Ghit")["country_code"] == "SY"
    assert geocode(gaz, "Ghit", "IQ")["country_code"] == "IQ"
    # a province written after a town gives its place, it does not ask for the province
    result = geocode(gaz, "Kafr Tilal, Hama province")
    assert result["feature"] == "village" and result["admin1"] == "Hama"


# ---------------------------------------------------------------------------------------------
# the cache fingerprint


def test_the_cache_is_keyed_by_content_not_by_where_the_files_are(tmp_path: Path) -> None:
    entries = {"entries": [{"name": "Tell Nowhere", "lat": 35.0, "lon": 40.0, "country": "SY"}]}
    first, second, other = tmp_path / "a", tmp_path / "b" / "nested", tmp_path / "c"
    for folder, data in ((first, entries), (second, entries), (other, {"entries": []})):
        folder.mkdir(parents=True)
        (folder / "places.json").write_text(json.dumps(data), encoding="utf-8")
    cache = tmp_path / "cache"
    path = Gazetteer(extra_dirs=(first,), cache_dir=cache).cache_path()
    assert Gazetteer(extra_dirs=(second,), cache_dir=cache).cache_path() == path
    assert Gazetteer(extra_dirs=(other,), cache_dir=cache).cache_path() != path
    assert Gazetteer(cache_dir=cache).cache_path() != path


def test_a_key_namesake_with_other_consonants_loses_to_the_right_spelling() -> None:
    # "Hawija" and "Hajiawa" share a loose key; the consonants h-w-j belong to al-Hawijah, even
    # where the namesake is a bigger town
    from marsad.services.gazetteer import Gazetteer

    best = Gazetteer().search("Hawija", country_hint="IQ")[0].place
    assert best.admin1 == "Kirkuk" and abs(best.lat - 35.33) < 0.2
