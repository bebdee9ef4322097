"""A place name that qualifies people ('Turkana raiders', 'a Samburu herdsman') says where they come
from, not where they acted: the place the sentence gives wins, and the name is the place only when
the report names no other. An English word that is some small town's name abroad ('Grenade',
'Jubilee') points the report to no country. A report that points to no country is read in its
feed's (the batch's clear majority) before one small place abroad it seems to name, unless the user gave --country (issue 15)."""

from __future__ import annotations

import pytest

from marsad.model import Document, Event, Trigger
from marsad.pipeline import Options
from marsad.services.gazetteer import Gazetteer, Place
from marsad.stages.geocode import GeocodeStage, feed_country

pytestmark = pytest.mark.slow


def _ke(pid: str, name: str, lat: float, lon: float, admin1: str, kind: str = "town", **kw: object) -> Place:
    precision = 3 if kind == "province" else 1
    return Place(pid, name, lat, lon, "KE", "Kenya", admin1=admin1, type=kind, precision=precision, **kw)  # type: ignore[arg-type]


PLACES = [
    _ke("k:turkana", "Turkana", 3.12, 35.60, "Turkana", "province"),
    _ke("k:samburu", "Samburu", 1.10, 36.70, "Samburu", "village", population=4_000),
    _ke("k:baragoi", "Baragoi", 1.78, 36.79, "Samburu", "town", population=4_000),
    _ke("k:githurai", "Githurai", -1.20, 36.91, "Nairobi", "town", population=40_000),
    _ke("k:mandera", "Mandera", 3.94, 41.86, "Mandera", "town", population=30_000),
    _ke("k:wajir", "Wajir", 1.75, 40.06, "Wajir", "town", population=40_000),
    _ke("k:garissa", "Garissa", -0.45, 39.65, "Garissa", "town", population=60_000),
    _ke("k:nairobi", "Nairobi", -1.28, 36.82, "Nairobi", "city", population=4_000_000),
    Place("cc:KE", "Kenya", -1.28, 36.82, "KE", "Kenya", type="country", precision=3),
    Place("f:grenade", "Grenade", 43.77, 1.29, "FR", "France", "Occitanie", type="town", population=6_500),
    Place("c:jubilee", "Jubilee", 49.0, -123.0, "CA", "Canada", "British Columbia", type="village", population=5_000),
    Place("g:orma", "Orma", 40.9, 22.3, "GR", "Greece", "Central Macedonia", type="village", population=300),
]  # fmt: skip


def _stage(**options: object) -> GeocodeStage:
    return GeocodeStage(Options(**options), gazetteer=Gazetteer.from_places(PLACES))  # type: ignore[arg-type]


def _with_event(doc: Document, trigger: str) -> Event:
    start = doc.text.index(trigger)
    sent = doc.sentence_at(start)
    assert sent is not None
    event = Event("Battles", "Armed clash", document=doc.id)
    event.trigger = Trigger(start, start + len(trigger), trigger, "test", sent.index)
    doc.events = [event]
    return event


def place_of(parse, text: str, trigger: str) -> Event:
    doc = parse(text)
    event = _with_event(doc, trigger)
    _stage()(doc)
    return event


def test_people_named_by_a_place_do_not_place_the_event(parse) -> None:
    event = place_of(
        parse,
        "On December 28, Turkana and Samburu raiders exchanged gunfire in the town of Baragoi and a "
        "Samburu herdsman was killed.",
        "exchanged",
    )
    assert event.location == "Baragoi"
    event = place_of(parse, "Jubilee supporters threw stones at their convoy in Githurai.", "threw")
    assert (event.location, event.country) == ("Githurai", "Kenya")


def test_where_the_people_come_from_is_the_place_when_no_other_is_named(parse) -> None:
    event = place_of(parse, "Turkana raiders attacked a village, killing 18 residents.", "attacked")
    assert (event.location, event.country) == ("Turkana", "Kenya")


def test_an_english_word_that_is_a_small_town_abroad_points_nowhere(parse) -> None:
    event = place_of(parse, "Grenade attack blamed on Al Shabaab injures civilians and kills one", "attack")
    assert event.country != "France" and event.location != "Grenade"


def test_the_feed_country_is_the_clear_majority() -> None:
    assert feed_country(["KE", "KE", "KE", None, "SO"]) == "KE"
    assert feed_country(["KE", "KE", None]) is None  # too few reports
    assert feed_country(["KE", "KE", "KE", "SO", "SO", "ET"]) is None  # no clear majority
    assert feed_country([None, None]) is None


FEED = [
    "Al Shabaab militants attacked a police post in Mandera on Monday.",
    "Bandits killed two herders near Wajir on Tuesday.",
    "Police shot dead a suspect in Garissa on Friday.",
]
LONE = "At least 48 people were killed as a Pokomo militia attacked an Orma village."


def test_a_report_pointing_nowhere_is_read_in_its_feeds_country(parse) -> None:
    docs = [parse(text, f"d{i}") for i, text in enumerate([*FEED, LONE])]
    events = [
        _with_event(doc, trigger)
        for doc, trigger in zip(docs, ["attacked", "killed", "shot", "attacked"], strict=True)
    ]
    stage = _stage()
    stage.process_batch(docs)
    assert [e.country for e in events[:3]] == ["Kenya"] * 3
    assert events[3].country != "Greece"  # among Kenya's reports, a Greek village's name is no place
    alone = parse(LONE, "alone")
    event = _with_event(alone, "attacked")
    stage.process_batch([alone])
    assert event.country == "Greece"  # alone, the report has only its own words


def test_a_fuzzy_match_must_look_like_the_words() -> None:
    from marsad.services.gazetteer import Match
    from marsad.stages.geocode import _plausible, load_cues

    cues = load_cues()
    county = _ke("k:tharaka", "Tharaka-Nithi", -0.3, 37.9, "Tharaka-Nithi", "province", aliases=("Tharaka",))
    assert not _plausible(Match(county, 1.0, "fuzzy"), "Tirioko Tiaty", [], "KE", cues)
    town = _ke("k:kafr", "Kafr Nubul", 35.6, 36.6, "Idleb", population=20_000)
    assert _plausible(Match(town, 1.0, "fuzzy"), "Kafr Nubl", [], "KE", cues)


def test_an_institution_named_by_its_place_is_at_that_place(parse) -> None:
    event = place_of(parse, "Students demonstrated at the University of Githurai on Monday.", "demonstrated")
    assert event.location == "Githurai"
    event = place_of(parse, "Guards of the Mandera Sugar Company shot two herders.", "shot")
    assert event.location != "Mandera"  # a company's name is no place's, as a person's is not


def test_a_capital_written_as_an_address_is_a_place_not_the_government(parse) -> None:
    event = place_of(
        parse, "Police at Integrity Centre, Nairobi have used teargas to disperse legislators.", "disperse"
    )
    assert event.location == "Nairobi"
