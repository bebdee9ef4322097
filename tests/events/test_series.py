"""A report that tells a series: a tally over several places is no event, each place's strike is
its own event with the force the report named, and a country names less than the town beside it."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def occurred(events):
    return [e for e in events if e.modality == "occurred"]


def test_a_tally_over_several_places_is_not_one_event(events_of) -> None:
    events = events_of(
        "Coalition aircraft conducted 12 strikes against Islamic State targets in Syria and Iraq on Monday."
    )
    assert events and all(e.modality == "habitual" for e in events)
    one_place = events_of("Russian jets carried out 20 strikes on the town of Khan Shaykhun on Monday.")
    assert [e.sub_event_type for e in occurred(one_place)] == ["Air/drone strike"]


def test_each_place_of_a_series_is_its_own_event_by_the_named_force(events_of) -> None:
    events = occurred(
        events_of(
            "Russian warplanes struck Islamic State positions near Palmyra on Monday, the ministry said. "
            "Near al-Sukhnah, two strikes destroyed a tank and an ammunition depot."
        )
    )
    strikes = [e for e in events if e.sub_event_type == "Air/drone strike"]
    assert len(strikes) == 2, [(e.location, e.actor1) for e in events]
    assert all("RUS" in e.actor1_keys for e in strikes)
    assert {e.location for e in strikes} == {"Tadmur", "As Sukhnah"}


def test_a_town_beside_its_country_is_the_place(events_of) -> None:
    events = occurred(
        events_of(
            "In Iraq, near Tal Afar, coalition aircraft struck an Islamic State headquarters on Monday."
        )
    )
    assert [e.location for e in events if e.sub_event_type == "Air/drone strike"] == ["Tall Afar"]
