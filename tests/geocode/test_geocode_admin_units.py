"""Admin units named with their kind ('Kainuk location, Turkana county', 'Nawa district, Helmand
province', 'Tangi area of Laikipia'): the unit's kind word, the container the name must lie in, and
the container's point (ACLED's precision 2) when no place of that name lies in it (issue 15)."""

from __future__ import annotations

import pytest

from marsad.model import Event, Trigger
from marsad.pipeline import Options
from marsad.services.gazetteer import Gazetteer, Place
from marsad.stages.geocode import GeocodeStage, admin_kinds

pytestmark = pytest.mark.slow


def _ke(pid: str, name: str, lat: float, lon: float, admin1: str, kind: str = "town", **kw: object) -> Place:
    precision = 3 if kind == "province" else 1
    return Place(pid, name, lat, lon, "KE", "Kenya", admin1=admin1, type=kind, precision=precision, **kw)  # type: ignore[arg-type]


PLACES = [
    _ke("k:turkana", "Turkana", 3.12, 35.60, "Turkana", "province"),
    _ke("k:kainuk", "Kainuk", 1.77, 35.51, "Turkana", "village"),
    _ke("k:kainuk-m", "Kainuk", -1.40, 37.30, "Machakos", "village", population=900),
    _ke("k:laikipia", "Laikipia", 0.27, 36.54, "Laikipia", "province"),
    _ke("k:isiolo-p", "Isiolo", 0.35, 37.58, "Isiolo", "province"),
    _ke("k:isiolo", "Isiolo", 0.35, 37.58, "Isiolo", "town", population=78_000),
    _ke("k:oyugis", "Oyugis", -0.51, 34.73, "Homa Bay", population=20_000),
    _ke("k:homabay", "Homa Bay", -0.53, 34.46, "Homa Bay", population=45_000),
    Place("cc:KE", "Kenya", -1.28, 36.82, "KE", "Kenya", type="country", precision=3),
    Place("p:tangi", "Tangi", 34.30, 71.65, "PK", "Pakistan", "Khyber Pakhtunkhwa", type="town", population=30_000),
    Place("a:helmand", "Helmand", 31.59, 64.37, "AF", "Afghanistan", "Helmand", type="province", precision=3),
    Place("a:lashkar", "Lashkar Gah", 31.59, 64.37, "AF", "Afghanistan", "Helmand", type="city", population=200_000),
    Place("s:nawa", "Nawa", 32.89, 36.04, "SY", "Syria", "Dar'a", type="town", population=50_000),
]  # fmt: skip


@pytest.fixture(scope="module")
def stage() -> GeocodeStage:
    return GeocodeStage(Options(), gazetteer=Gazetteer.from_places(PLACES))


def place_of(parse, stage: GeocodeStage, text: str, trigger: str) -> Event:
    doc = parse(text)
    start = text.index(trigger)
    sent = doc.sentence_at(start)
    assert sent is not None
    event = Event("Battles", "Armed clash", document=doc.id)
    event.trigger = Trigger(start, start + len(trigger), trigger, "test", sent.index)
    doc.events = [event]
    stage(doc)
    return event


def test_the_kind_words_are_data() -> None:
    provinces, districts = admin_kinds()
    assert {"county", "province"} <= provinces and {"location", "ward", "sub-county", "district"} <= districts


def test_a_location_in_a_county_is_the_namesake_inside_it(parse, stage) -> None:
    event = place_of(parse, stage, "Raiders attacked herders in Kainuk location, Turkana county.", "attacked")
    assert (event.location, event.admin1, event.geo_precision) == ("Kainuk", "Turkana", 2)


def test_a_county_named_alone_is_the_county(parse, stage) -> None:
    event = place_of(parse, stage, "Two rival communities clashed in Isiolo County on Monday.", "clashed")
    assert (event.location, event.geo_precision) == ("Isiolo", 3)


def test_a_namesake_abroad_gives_way_to_the_container(parse, stage) -> None:
    event = place_of(parse, stage, "Raiders clashed with police in Tangi area of Laikipia.", "clashed")
    assert (event.country, event.admin1, event.geo_precision) == ("Kenya", "Laikipia", 2)
    event = place_of(
        parse, stage, "Taliban fighters attacked a checkpoint in Nawa district, Helmand province.", "attacked"
    )
    assert (event.country, event.admin1, event.geo_precision) == ("Afghanistan", "Helmand", 2)


def test_a_town_with_its_district_in_brackets_stays_the_town(parse, stage) -> None:
    text = "Armed gangsters raided a petrol station in Oyugis town (Homa Bay district) on Friday."
    event = place_of(parse, stage, text, "raided")
    assert (event.location, event.geo_precision) == ("Oyugis", 1)  # a petrol station is no outlet


def test_the_events_own_place_phrase_may_be_a_venue(parse, stage) -> None:
    place_span_text = "Nairobi"
    places = [*PLACES, _ke("k:nairobi", "Nairobi", -1.28, 36.82, "Nairobi", "city", population=4_000_000)]
    local = GeocodeStage(Options(), gazetteer=Gazetteer.from_places(places))
    text = "Gunmen attacked MPs meeting in Nairobi on Monday."
    doc = parse(text)
    event = Event("Battles", "Armed clash", document=doc.id)
    event.trigger = Trigger(7, 15, "attacked", "test", 0)
    start = text.index(place_span_text)
    event.place_span = (start, start + len(place_span_text))
    doc.events = [event]
    local(doc)
    assert event.location == "Nairobi"


def test_a_name_given_with_a_province_it_is_not_in_is_that_province() -> None:
    gaz = Gazetteer.from_places(PLACES)
    assert gaz.search("Nawa, Helmand")[0].place.id == "a:helmand"
    assert gaz.search("Nawa")[0].place.id == "s:nawa"
    assert gaz.search("Kainuk, Turkana")[0].place.id == "k:kainuk"


def test_where_the_attackers_came_from_is_not_the_place(parse, stage) -> None:
    places = [*PLACES, Place("cc:ET", "Ethiopia", 9.02, 38.75, "ET", "Ethiopia", type="country", precision=3)]
    local = GeocodeStage(Options(), gazetteer=Gazetteer.from_places(places))
    text = "Five people were killed by militias from Ethiopia in Isiolo County."
    assert place_of(parse, local, text, "killed").country == "Kenya"
    # when the report names no other place, the origin is all there is
    assert (
        place_of(parse, local, "Five people were killed by militias from Ethiopia.", "killed").country
        == "Ethiopia"
    )


def test_an_english_word_that_is_only_a_foreign_alias_is_no_place(parse, stage) -> None:
    places = [*PLACES, Place("e:granada", "Granada", 37.19, -3.61, "ES", "Spain", "Andalucia", type="city",
                             population=230_000, aliases=("Grenade",))]  # fmt: skip
    local = GeocodeStage(Options(), gazetteer=Gazetteer.from_places(places))
    assert place_of(parse, local, "Grenade attack on a police post; suspects unknown.", "attack").country in (
        "",
        None,
    )
    assert (
        place_of(parse, local, "A grenade attack hit a police post in Granada.", "attack").country == "Spain"
    )
