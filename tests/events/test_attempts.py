"""An attempt made is an act that happened ('tried to storm the chambers but were stopped'), with
no toll from its aim ('attempted to kill an officer'); an attempt still to come stays planned."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_an_attempt_in_the_simple_past_happened(events_of) -> None:
    events = events_of(
        "In Homa Bay town, demonstrators tried to storm the county assembly chambers on Monday "
        "but were stopped by police.",
        published="2014-02-13",
    )
    assert [e.modality for e in events if e.event_type in ("Riots", "Protests")] == ["occurred"]


def test_an_attempt_to_kill_kills_no_one(events_of) -> None:
    events = events_of(
        "Gunmen attempted to kill a police officer in Garissa town on Monday.", published="2015-06-02"
    )
    occurred = [e for e in events if e.modality == "occurred"]
    assert occurred
    assert all(not e.fatalities for e in occurred)


def test_what_they_went_on_to_do_has_its_toll(events_of) -> None:
    events = events_of(
        "The gunmen stormed a bus in Mandera town on Monday and went on to kill five passengers.",
        published="2015-06-02",
    )
    assert max(e.fatalities or 0 for e in events if e.modality == "occurred") == 5


def test_an_attempt_still_being_made_is_planned(events_of) -> None:
    events = events_of(
        "The rebels are trying to capture the town of Maarat al-Numan.", published="2019-05-02"
    )
    assert [e.modality for e in events] == ["planned"]


def test_a_retaken_enclave_is_territory_taken(events_of) -> None:
    events = events_of(
        "US-backed fighters in Syria retook the final enclave held by Islamic State on Saturday.",
        published="2019-03-24",
    )
    assert [e.event_type for e in events if e.modality == "occurred"] == ["Battles"]
