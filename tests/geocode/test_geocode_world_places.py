"""Places outside Syria and Iraq (issue 15): a province named alone is the province, not a far town
with a stray alternate name that folds like it; a loose spelling with no country is refused unless
spelled nearly alike; a facility named where an event happened ('outside the studios in X') is no
outlet's base; an organisation whose name ends in a venue word is no meeting."""

from __future__ import annotations

import pytest

from marsad.cli.lookup import geocode
from marsad.model import Event, Trigger
from marsad.pipeline import Options
from marsad.services.gazetteer import Gazetteer, Place
from marsad.stages.geocode import GeocodeStage


def _p(pid: str, name: str, lat: float, lon: float, country: str, admin1: str, kind: str = "town",
       aliases: tuple[str, ...] = (), population: int = 0) -> Place:  # fmt: skip
    return Place(pid, name, lat, lon, country, country, admin1=admin1, type=kind, aliases=aliases,
                 population=population, precision=3 if kind == "province" else 1)  # fmt: skip


PLACES = [
    # a province at its seat, and a town of it 280 km away with a garbled alternate name that folds
    # like the province's
    _p("z:prov", "Lupala", -11.20, 28.89, "ZM", "Lupala", "province"),
    _p("z:far", "Chiwengi", -8.66, 29.16, "ZM", "Lupala", "town", aliases=("lu pa la",), population=15_000),
    # a province and its capital sharing a name: the bare name is the city
    _p("k:prov", "Marovo", -1.52, 37.26, "KE", "Marovo", "province"),
    _p("k:city", "Marovo Town", -1.52, 37.27, "KE", "Marovo", "city", aliases=("Marovoh",), population=150_000),
    # a town abroad whose key folds like an unrelated word
    _p("s:kufa", "Kufah", 32.03, 44.40, "IQ", "Najaf", "city", population=110_000),
    _p("za:durb", "Durbania", -29.86, 31.03, "ZA", "Kwazulu-Natal", "city", population=3_000_000),
    _p("sd:zal", "Zalimbi", 12.91, 23.47, "SD", "Central Darfur", "town", population=40_000),
]  # fmt: skip


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_places(PLACES)


def test_a_province_named_alone_is_not_a_far_town_whose_odd_alias_folds_alike(gaz: Gazetteer) -> None:
    assert gaz.lookup("Lupala", country_hint="ZM")[0].id == "z:prov"
    # a town beside the province's seat that bears its name is still what the bare name means
    assert gaz.lookup("Marovoh", country_hint="KE")[0].id == "k:city"


def test_no_loose_spelling_across_countries_without_a_country(gaz: Gazetteer, monkeypatch) -> None:
    import marsad.services.gazetteer as g

    monkeypatch.setattr(g, "home_countries", lambda: frozenset({"IQ", "ZM", "KE", "ZA", "SD"}))
    # 'Kafa' folds like Kufah but is not spelled like it: nothing, with no country said
    assert geocode(gaz, "Kafa") == {}
    # the exact name is found anywhere; a near spelling of it too
    assert geocode(gaz, "Kufah")["country_code"] == "IQ"
    assert geocode(gaz, "Kufa")["country_code"] == "IQ"
    # the country said lets its own places be matched loosely
    assert geocode(gaz, "Kafa", "IQ")["country_code"] == "IQ"


@pytest.fixture(scope="module")
def stage(gaz: Gazetteer) -> GeocodeStage:
    return GeocodeStage(Options(), gazetteer=gaz)


def _place_of(parse, stage: GeocodeStage, text: str, trigger: str) -> Event:
    doc = parse(text)
    start = text.index(trigger)
    sent = doc.sentence_at(start)
    assert sent is not None
    event = Event("Protests", "Peaceful protest", document=doc.id)
    event.trigger = Trigger(start, start + len(trigger), trigger, "test", sent.index)
    doc.events = [event]
    stage(doc)
    return event


@pytest.mark.slow
def test_a_facility_where_people_gathered_is_no_outlet_base(parse, stage: GeocodeStage) -> None:
    text = "Journalists gathered outside the broadcaster's studios in Durbania to protest against censorship."
    assert _place_of(parse, stage, text, "gathered").location == "Durbania"
    told = "The broadcaster said from its studios in Durbania that journalists protested against censorship."
    assert _place_of(parse, stage, told, "protested").location != "Durbania"


@pytest.mark.slow
def test_an_organisation_named_with_a_venue_word_is_no_meeting(parse, stage: GeocodeStage) -> None:
    text = "Soldiers beat a member of the Independent Students' Conference in Zalimbi."
    event = _place_of(parse, stage, text, "beat")
    assert event.location == "Zalimbi"


@pytest.mark.slow
def test_an_event_with_no_place_in_a_report_of_a_known_country_is_the_country(parse) -> None:
    places = [*PLACES, Place("cc:KE", "Kenya", -1.28, 36.82, "KE", "Kenya", type="country", precision=3)]
    stage = GeocodeStage(Options(countries=("KE",)), gazetteer=Gazetteer.from_places(places))
    event = _place_of(
        parse, stage, "Teachers protested outside the Ministry of Finance over pay.", "protested"
    )
    assert (event.location, event.geo_precision, event.country) == ("Kenya", 3, "Kenya")
    # with no country known, no place at all
    unknown = GeocodeStage(Options(), gazetteer=Gazetteer.from_places(places))
    event = _place_of(
        parse, unknown, "Teachers protested outside the Ministry of Finance over pay.", "protested"
    )
    assert event.location in ("", None) and event.latitude is None


def test_a_national_party_named_tells_its_country(tmp_path) -> None:
    import json

    from marsad.stages.geocode import actor_countries

    (tmp_path / "actors.json").write_text(
        json.dumps(
            {
                "entries": [
                    {
                        "key": "TESTPARTY",
                        "name": "Test Party",
                        "inter": 6,
                        "country": "ZM",
                        "acronyms": ["TPZ"],
                    },
                    {"key": "TESTGROUP", "name": "Test Group", "inter": 2, "aliases": ["Test Group"]},
                ]
            }
        )
    )
    # one per actor, however often named; a group of no one country tells none
    assert actor_countries("TPZ members protest for the release of TPZ detainees.", [tmp_path]) == {"ZM": 1}
    assert actor_countries("The Test Group attacked a village.", [tmp_path]) == {}


@pytest.mark.slow
def test_a_town_written_after_an_unknown_place_stands_for_it_at_precision_2(parse, stage) -> None:
    event = _place_of(
        parse, stage, "Residents of Wentworthia, Durbania, protested against evictions.", "protested"
    )
    assert (event.location, event.geo_precision) == ("Durbania", 2)
    event = _place_of(parse, stage, "Residents of Durbania protested against evictions.", "protested")
    assert (event.location, event.geo_precision) == ("Durbania", 1)
