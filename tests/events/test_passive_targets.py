"""A passive shooting or beating names its target as its subject ('a man was shot by thieves');
what is fired is no target ('shots were fired into the air'), and 'was shot and killed' is how
the dead of an event died, told by its toll."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "text",
    [
        "A man was shot and injured by cattle thieves in the village of Sosian on Monday.",
        "A trader was shot by unknown gunmen at the market in Garissa on Monday.",
    ],
)
def test_a_passive_shooting_is_an_attack(events_of, text) -> None:
    events = [e for e in events_of(text, published="2015-03-04") if e.modality == "occurred"]
    assert [e.sub_event_type for e in events] == ["Attack"]


def test_shots_fired_into_the_air_hit_no_one(events_of) -> None:
    assert not events_of(
        "Shots were fired into the air in the town of Garissa on Monday.", published="2015-03-04"
    )


def test_gunned_down_is_a_killing(events_of) -> None:
    events = events_of(
        "Militants gunned down a man in the village of Katangini on Monday.", published="2015-03-04"
    )
    assert [e.sub_event_type for e in events if e.modality == "occurred"] == ["Attack"]


def test_shot_and_killed_is_the_toll_of_the_protest(events_of) -> None:
    text = (
        "Student demonstrators clashed with police in the city of Rangpur on Tuesday and set fire to a police box. "
        "One demonstrator was shot and killed."
    )
    events = [e for e in events_of(text, published="2024-07-17") if e.modality == "occurred"]
    assert len(events) == 1
    assert events[0].fatalities == 1
