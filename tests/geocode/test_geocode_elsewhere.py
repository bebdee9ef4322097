"""Places told as elsewhere, and names read beside the unit they lie in (issue 15).

A country named as where the actors came from, where they went, a border's far side or a topic
('raiders from Ethiopia', 'a Mombasa-bound bus', 'the Lebanon-Israeli war') is no event place and
weak evidence of the report's country. A province outranks a village of its name in another
province. 'X Sub County' is X. An X that does not lie in the unit named beside it ('Lango la Simba
in Witu Division', 'Wentworth, Durban') is somewhere in that unit. A loose spelling or a foreign
alternate name never crosses borders."""

from __future__ import annotations

import pytest

from marsad.model import Event, Trigger
from marsad.pipeline import Options
from marsad.services.gazetteer import Gazetteer, Match, Place
from marsad.services.placekey import plain_key
from marsad.stages.geocode import GeocodeStage, _accept, document_countries


def _place(
    pid: str, name: str, lat: float, lon: float, cc: str, admin1: str, kind: str = "town", **kw: object
) -> Place:
    precision = 3 if kind in ("province", "country") else 2 if kind == "district" else 1
    country = {"KE": "Kenya", "ET": "Ethiopia", "ZA": "South Africa", "US": "United States", "DE": "Germany"}[
        cc
    ]
    return Place(pid, name, lat, lon, cc, country, admin1=admin1, type=kind, precision=precision, **kw)  # type: ignore[arg-type]


PLACES = [
    Place("cc:KE", "Kenya", -1.28, 36.82, "KE", "Kenya", type="country", precision=3),
    Place("cc:ET", "Ethiopia", 9.02, 38.75, "ET", "Ethiopia", type="country", precision=3),
    Place("cc:ZA", "South Africa", -25.7, 28.2, "ZA", "South Africa", type="country", precision=3),
    _place("k:samburu-p", "Samburu", 1.10, 36.70, "KE", "Samburu", "province"),
    _place("k:samburu-v", "Samburu", -3.79, 39.26, "KE", "Kwale", "village", population=4_000),
    _place("k:lamu", "Lamu", -2.27, 40.90, "KE", "Lamu", "town", population=25_000),
    _place("k:witu", "Witu", -2.39, 40.44, "KE", "Lamu", "village", population=6_000),
    _place("k:simba", "Simba", -2.16, 37.59, "KE", "Kajiado", "village", population=3_000),
    _place("k:mombasa", "Mombasa", -4.05, 39.66, "KE", "Mombasa", "city", population=800_000),
    _place("k:moyale", "Moyale", 3.53, 39.06, "KE", "Marsabit", "town", population=30_000),
    _place("k:wajirn", "Wajir North", 2.95, 40.10, "KE", "Wajir", "district"),
    _place("k:horr", "North Horr", 3.32, 37.07, "KE", "Marsabit", "village", population=5_000),
    _place("z:durban", "Durban", -29.86, 31.03, "ZA", "KwaZulu-Natal", "city", population=3_000_000),
    _place("u:wentworth", "Wentworth", 36.4, -79.8, "US", "North Carolina", "town", population=2_800),
]  # fmt: skip

pytestmark = pytest.mark.slow


def place_of(parse, text: str, trigger: str) -> Event:
    doc = parse(text)
    start = doc.text.index(trigger)
    sent = doc.sentence_at(start)
    assert sent is not None
    event = Event("Battles", "Armed clash", document=doc.id)
    event.trigger = Trigger(start, start + len(trigger), trigger, "test", sent.index)
    doc.events = [event]
    GeocodeStage(Options(), gazetteer=Gazetteer.from_places(PLACES))(doc)
    return event


def test_a_country_the_attackers_came_from_is_no_event_place(parse) -> None:
    event = place_of(parse, "Raiders from Ethiopia attack Kenyan village", "attack")
    assert (event.country, event.geo_precision) == ("Kenya", 3)


def test_a_country_told_as_elsewhere_weighs_little() -> None:
    told = document_countries("Raiders from Ethiopia attack a village.")
    named = document_countries("Raiders attack a village in Ethiopia.")
    assert 0 < told["ET"] < named["ET"]
    assert document_countries("Protests against the Lebanon-Israeli war.")["LB"] < 1


def test_a_destination_is_no_event_place(parse) -> None:
    event = place_of(
        parse, "Unidentified gunmen attack a Mombasa-bound bus outside of Witu, kill seven.", "attack"
    )
    assert event.location == "Witu"


def test_a_province_outranks_a_village_of_its_name_elsewhere() -> None:
    gaz = Gazetteer.from_places(PLACES)
    assert gaz.search("Samburu")[0].place.id == "k:samburu-p"
    inside = [*PLACES, _place("k:samburu-t", "Samburu", 1.2, 36.8, "KE", "Samburu", "town", population=9_000)]
    assert Gazetteer.from_places(inside).search("Samburu")[0].place.id == "k:samburu-t"  # the town inside


def test_a_sub_county_is_its_name() -> None:
    assert plain_key("Banisa Sub County") == plain_key("Banisa") == plain_key("Banisa Sub-County")


def test_a_name_not_in_the_division_beside_it_is_somewhere_in_that_division(parse) -> None:
    event = place_of(
        parse,
        "Officers in Lamu destroyed three Al-Shabaab hideouts at Lango la Simba in Witu Division of Lamu West.",
        "destroyed",
    )
    assert (event.location, event.admin1, event.geo_precision) == ("Witu", "Lamu", 2)


def test_a_namesake_abroad_beside_a_city_is_in_that_city(parse) -> None:
    event = place_of(parse, "About 500 people marched through the streets of Wentworth, Durban.", "marched")
    assert (event.country, event.location) == ("South Africa", "Durban")


def test_a_list_is_not_a_place_and_its_unit(parse) -> None:
    event = place_of(
        parse, "Police conducted the operation in Moyale, Wajir North and North Horr.", "conducted"
    )
    assert event.location == "Moyale"


def _match(place: Place, how: str, score: float = 1.0) -> Match:
    return Match(place, score, how)


def test_a_loose_spelling_never_crosses_borders() -> None:
    kitui = _place("k:kitui", "Kitui", -1.37, 38.01, "KE", "Kitui", "town", population=150_000)
    home = _accept([_match(kitui, "key")], "KE", "Kittui")
    assert home is not None and home.place is kitui  # in the report's own country, a loose key may
    assert _accept([_match(kitui, "key")], "ET", "Kittui") is None
    elsewhere = Place("t:kitwe", "Kitui", -6.0, 35.0, "TZ", "Tanzania", "Dodoma", population=20_000)
    assert _accept([_match(elsewhere, "key")], None, "Kittui") is None  # no report country, no pack's


def test_a_foreign_alternate_name_is_no_place_of_a_report_from_elsewhere() -> None:
    bonn = _place("d:bonn", "Bonn", 50.7, 7.1, "DE", "North Rhine-Westphalia", "city", population=300_000)
    assert _accept([_match(bonn, "alias")], "KE", "Boni") is None
    assert _accept([_match(bonn, "alias")], None, "Boni") is None
    assert _accept([_match(bonn, "name")], None, "Bonn") is not None
    big = _place("d:koeln", "Koeln", 50.9, 6.9, "DE", "North Rhine-Westphalia", "city", population=1_100_000)
    assert _accept([_match(big, "alias")], None, "Cologne") is not None


def test_a_spelling_of_a_towns_own_name_is_that_town_abroad_too() -> None:
    thembisa = _place("z:thembisa", "Thembisa", -26.0, 28.2, "ZA", "Gauteng", "city", population=460_000)
    assert _accept([_match(thembisa, "alias")], None, "Tembisa") is not None


def test_an_acronym_is_no_small_place_abroad(parse) -> None:
    sai = Place(
        "j:sai",
        "Sai",
        40.8,
        140.8,
        "JP",
        "Japan",
        "Aomori",
        type="village",
        population=4_000,
        aliases=("SAI",),
    )
    doc = parse("More than 3,000 students from the Higher Trades Institute (SAI) protested.")
    start = doc.text.index("protested")
    event = Event("Protests", "Peaceful protest", document=doc.id)
    event.trigger = Trigger(start, start + 9, "protested", "test", 0)
    doc.events = [event]
    GeocodeStage(Options(), gazetteer=Gazetteer.from_places([*PLACES, sai]))(doc)
    assert event.location in (None, "")


def test_one_side_of_a_named_war_is_no_event_place(parse) -> None:
    lebanon = Place("cc:LB", "Lebanon", 33.9, 35.5, "LB", "Lebanon", type="country", precision=3)
    doc = parse("Demonstrations against the Lebanon-Israeli war.")
    event = Event("Protests", "Peaceful protest", document=doc.id)
    event.trigger = Trigger(0, 14, "Demonstrations", "test", 0)
    doc.events = [event]
    GeocodeStage(Options(), gazetteer=Gazetteer.from_places([*PLACES, lebanon]))(doc)
    assert event.country in (None, "")


def test_a_home_country_place_spelled_nearly_alike_is_read_when_no_country_is_said() -> None:
    shashamane = Place(
        "e:shash", "Shashamane", 7.2, 38.6, "ET", "Ethiopia", "Oromiya", type="city", population=100_000
    )
    assert _accept([_match(shashamane, "key")], None, "Shashamene") is not None
    shabab = Place("i:shabab", "Shabab", 33.0, 47.0, "IR", "Iran", "Ilam", type="village", population=3_000)
    assert _accept([_match(shabab, "key")], None, "Shabaab") is None


def test_a_loose_spelling_of_a_far_town_told_in_a_city_is_that_city(parse) -> None:
    busia = _place("k:busia", "Busia", 0.46, 34.09, "KE", "Busia", "town", population=50_000)
    kampala = Place(
        "u:kampala", "Kampala", 0.32, 32.58, "KE", "Kenya", "Central", type="city", population=1_500_000
    )
    doc = parse("Boda boda riders clashed in Bwaise junction of Kampala.")
    start = doc.text.index("clashed")
    event = Event("Riots", "Violent demonstration", document=doc.id)
    event.trigger = Trigger(start, start + 7, "clashed", "test", 0)
    doc.events = [event]
    GeocodeStage(Options(), gazetteer=Gazetteer.from_places([*PLACES, busia, kampala]))(doc)
    assert event.location == "Kampala"


def test_the_key_keeps_w_and_y_as_consonants_outside_arabic_names() -> None:
    kitui = _place("k:kitui", "Kitui", -1.37, 38.01, "KE", "Kitui", "town", population=150_000)
    assert _accept([_match(kitui, "key")], "KE", "Kitawa") is None  # k-t-w is no k-t
    darayya = Place(
        "s:darayya",
        "Darayya",
        33.46,
        36.23,
        "SY",
        "Syria",
        "Rif Dimashq",
        population=78_000,
        aliases=("داريا",),
    )
    assert _accept([_match(darayya, "key")], "SY", "Daraya") is not None  # an Arabic name: y a long vowel


def test_a_local_government_area_is_an_admin_unit_not_a_government(parse) -> None:
    ikorodu = Place(
        "n:ikorodu", "Ikorodu", 6.62, 3.51, "NG", "Nigeria", "Lagos", type="city", population=500_000
    )
    doc = parse("Gunmen invaded Ishawo areas in Ikorodu Local Government Area of Lagos State.")
    start = doc.text.index("invaded")
    event = Event("Violence against civilians", "Attack", document=doc.id)
    event.trigger = Trigger(start, start + 7, "invaded", "test", 0)
    doc.events = [event]
    GeocodeStage(Options(), gazetteer=Gazetteer.from_places([*PLACES, ikorodu]))(doc)
    assert (event.location, event.geo_precision) == ("Ikorodu", 2)
