"""Three ways a report looks back or describes rather than tells: a standing fight 'for six
years', a look back in the present perfect ('has carried out such barrages before, including on
January 25'), and a participle joined by a hyphen to a noun ('the hunger-hit enclave')."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_a_fight_going_on_for_years_is_background(events_of) -> None:
    events = events_of(
        "Regime shelling hit the town of Douma on Tuesday, where rebels have been battling "
        "government troops for six years.",
        published="2017-10-31",
    )
    kinds = {(e.modality, e.sub_event_type) for e in events}
    assert ("occurred", "Shelling/artillery/missile attack") in kinds
    assert ("background", "Armed clash") in kinds
    assert ("occurred", "Armed clash") not in kinds


def test_a_look_back_in_the_present_perfect_does_not_date_what_follows(events_of) -> None:
    events = events_of(
        "At least 45 people were killed in government air strikes on the town of Douma on Thursday, "
        "a monitor said. The group has carried out such barrages before, including on January 25 when "
        "it fired dozens of rockets at the capital. Rescuers in Douma pulled bodies from the rubble "
        "after the air strikes destroyed a market.",
        published="2015-02-05",
    )
    strikes = [e for e in events if e.sub_event_type == "Air/drone strike" and e.modality == "occurred"]
    assert strikes
    assert all(str(e.event_date) >= "2015-01-29" for e in strikes)


def test_a_participle_joined_to_a_noun_by_a_hyphen_is_no_event(events_of) -> None:
    events = events_of(
        "Aid convoys reached the hunger-hit enclave of Madaya on Tuesday.",
        published="2016-01-12",
    )
    assert [e for e in events if e.modality == "occurred"] == []


def test_fighting_that_was_underway_as_strikes_killed_is_their_backdrop(events_of) -> None:
    events = events_of(
        "Air strikes on villages near Manbij killed at least 85 civilians on Tuesday as intense "
        "fighting was underway between the militants and US-backed fighters, activists said.",
        published="2016-07-20",
    )
    occurred = [e for e in events if e.modality == "occurred"]
    assert [e.sub_event_type for e in occurred] == ["Air/drone strike"]
    assert occurred[0].fatalities == 85


def test_a_capitalised_plural_trigger_the_tagger_took_for_a_name_still_triggers(events_of) -> None:
    events = events_of(
        "Published July 19 2016 Airstrikes on villages near Manbij killed at least 85 civilians on "
        "Tuesday as intense fighting was underway between the militants and US-backed fighters.",
        published="2016-07-20",
    )
    occurred = [e for e in events if e.modality == "occurred"]
    assert [(e.sub_event_type, e.fatalities) for e in occurred] == [("Air/drone strike", 85)]


def test_a_war_that_has_killed_hundreds_of_thousands_is_no_event(events_of) -> None:
    events = events_of(
        "Turkish jets struck the town of Afrin on Saturday. "
        "The war, which began with protests in 2011, has killed more than 360,000 people.",
        published="2019-03-24",
    )
    assert [e.sub_event_type for e in events if e.modality == "occurred"] == ["Air/drone strike"]


def test_the_event_a_present_state_came_after_is_background(events_of) -> None:
    events = events_of(
        "Most of the province is now under rebel control after rebels shelled the town of Ariha.",
        published="2015-07-02",
    )
    assert [e.modality for e in events] == ["background"]
    dated = events_of("The town is calm after rebels shelled it on Monday.", published="2015-07-02")
    assert [e.modality for e in dated] == ["occurred"]


def test_militants_backed_by_a_patron_are_its_proxy(events_of) -> None:
    events = events_of(
        "Turkish-backed militants seized the city of Jarablus in northern Syria on Wednesday.",
        published="2016-08-25",
    )
    assert [e.actor1_keys for e in events if e.modality == "occurred"] == [["SNA"]]
