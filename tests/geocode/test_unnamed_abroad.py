"""A place in a country the report never names, outside its theatre, is a namesake abroad."""

from __future__ import annotations

from marsad.services.gazetteer import Match, Place
from marsad.stages.geocode import _unnamed_abroad


def _match(country: str, population: int, how: str = "name", kind: str = "city") -> Match:
    place = Place(
        id=f"t:{country}",
        name="Obama",
        lat=35.0,
        lon=135.0,
        country=country,
        country_name=country,
        type=kind,
        population=population,
    )
    return Match(place=place, score=1.0, how=how)


def test_a_town_of_a_country_never_named_is_no_place_of_the_report() -> None:
    assert _unnamed_abroad(_match("JP", 30_000), "SY", frozenset({"SY", "US"}))


def test_a_country_the_report_names_or_its_theatre_keeps_its_towns() -> None:
    assert not _unnamed_abroad(_match("JP", 30_000), "SY", frozenset({"SY", "JP"}))
    assert not _unnamed_abroad(_match("IQ", 30_000), "SY", frozenset({"SY"}))  # told with Syria
    assert not _unnamed_abroad(_match("JP", 30_000), None, frozenset())  # a report of no known country
    assert not _unnamed_abroad(_match("JP", 30_000), "SY", frozenset({"US"}))  # its country only guessed


def test_a_packs_country_stays_reachable_unless_the_report_is_placed_at_home() -> None:
    assert not _unnamed_abroad(_match("SY", 5_000), "RU", frozenset({"RU"}), at_home=False)
    assert _unnamed_abroad(_match("SY", 5_000), "AF", frozenset({"AF"}), at_home=True)


def test_a_world_city_by_its_own_name_is_kept() -> None:
    assert not _unnamed_abroad(_match("JP", 3_000_000), "SY", frozenset({"SY"}))
    assert _unnamed_abroad(_match("JP", 3_000_000, how="key"), "SY", frozenset({"SY"}))


def test_a_syria_report_does_not_place_a_strike_at_a_namesake_abroad(events_of) -> None:
    # Egypt's Zaafarana: a town of a country the report never names
    events = events_of(
        "Two civilians were killed in a regime rocket attack on the town of Bayanoun north of Aleppo "
        "on Sunday. Regime forces also pounded the towns of Ghanto Talbeesah Alsien and Zafarana with "
        "heavy artillery causing many civilian casualties.",
        published="2016-11-21",
    )
    assert len(events) == 2 and all(e.country == "Syria" for e in events)
