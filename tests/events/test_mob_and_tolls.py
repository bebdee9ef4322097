"""Mob violence only where a crowd does the violence; a bare toll is typed by who was killed."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def occurred(events):
    return [e for e in events if e.modality == "occurred"]


@pytest.mark.parametrize(
    "text",
    [
        "The monitoring group said 19 people were killed and dozens more were hurt.",
        "A local council said that scores of residents had been killed.",
        "A car bomb went off in a crowd of shoppers in the town of Azaz on Monday, killing eight people.",
    ],
)
def test_a_toll_names_no_mob(events_of, text) -> None:
    events = occurred(events_of(text))
    assert events
    assert all(e.sub_event_type != "Mob violence" for e in events)
    assert all("RIOTERS" not in e.actor1_keys for e in events)


def test_people_killed_with_no_other_cue_is_an_attack(events_of) -> None:
    events = occurred(events_of("The monitoring group said 19 people were killed and dozens more were hurt."))
    assert [e.sub_event_type for e in events] == ["Attack"]
    assert events[0].actor2_keys == ["CIV"]
    assert events[0].fatalities == 19


@pytest.mark.parametrize(
    "text",
    [
        "Angry villagers beat a suspected cattle thief to death in Kitui on Sunday.",
        "A suspected pickpocket was lynched in the market of Nyeri on Friday.",
        "A man accused of witchcraft was killed by a mob in Kisii on Wednesday.",
        "A crowd attacked two men accused of stealing a motorbike in Thika on Monday.",
    ],
)
def test_a_crowd_that_does_the_violence_is_a_mob(events_of, text) -> None:
    events = occurred(events_of(text))
    assert [e.sub_event_type for e in events] == ["Mob violence"]
    assert events[0].actor1_keys == ["RIOTERS"]


def test_a_toll_after_a_clash_is_not_a_new_event(events_of) -> None:
    text = (
        "Rebels clashed with government troops near the town of Morek on Monday.\n\n"
        "A monitor said 23 people were killed."
    )
    events = occurred(events_of(text))
    assert [e.sub_event_type for e in events] == ["Armed clash"]
    assert events[0].fatalities == 23


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("An angry mob set fire to a minibus in Embu on Thursday after it hit a boy.", "Mob violence"),
        ("Students set fire to the dormitories of their school in Meru on Monday.", "Mob violence"),
        (
            "Protesters set fire to tyres during a demonstration against fuel prices in Embu on Thursday.",
            "Violent demonstration",
        ),
    ],
)
def test_a_crowd_destroying_property_riots_only_when_it_demonstrates(events_of, text, sub) -> None:
    assert sub in {e.sub_event_type for e in occurred(events_of(text))}


def test_a_grievance_told_with_since_is_no_tally(events_of) -> None:
    text = "Traders protested the closure (since March) of the cattle market in Narok on Tuesday."
    assert [e.sub_event_type for e in occurred(events_of(text))] == ["Peaceful protest"]


@pytest.mark.parametrize(
    "text",
    [
        "Rival jihadist groups fought each other in the villages east of Douma on Friday.",
        "Five people killed when gunmen target a bus station in the city.",
    ],
)
def test_armed_groups_and_headline_victims_make_no_mob(events_of, text) -> None:
    events = occurred(events_of(text))
    assert events and all(e.sub_event_type != "Mob violence" for e in events)


@pytest.mark.parametrize(
    "text",
    [
        "Two groups of rival traders clashed over market stalls in Jessore on Sunday.",
        "Dock workers and police clashed outside the port gates in Mongla on Friday.",
    ],
)
def test_counted_or_policed_crowds_still_riot(events_of, text) -> None:
    subs = {e.sub_event_type for e in occurred(events_of(text))}
    assert subs & {"Mob violence", "Violent demonstration"}
    assert "Armed clash" not in subs


def test_a_crowd_that_beats_a_suspect_is_a_mob(events_of) -> None:
    events = occurred(events_of("Residents beat a suspected burglar in Machakos on Monday night."))
    assert [e.sub_event_type for e in events] == ["Mob violence"]
