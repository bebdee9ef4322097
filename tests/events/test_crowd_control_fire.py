"""Police who fire tear gas, water cannon or warning shots attack no one: they intervene in a
protest (a riot where the crowd rioted, excessive force where live fire kills); firing on a
convoy is still an attack."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _subs(events_of, text: str) -> list[str]:
    return [e.sub_event_type for e in events_of(text, published="2016-08-09") if e.modality == "occurred"]


def test_tear_gas_is_an_intervention(events_of) -> None:
    assert _subs(events_of, "Police fired tear gas at the crowd in Harare.") == ["Protest with intervention"]
    assert _subs(events_of, "Officers fired warning shots into the air in Accra.") == [
        "Protest with intervention"
    ]


def test_at_a_crowd_that_rioted_it_is_a_riot(events_of) -> None:
    text = "Youths rioted in Kisumu and police fired tear gas to disperse them."
    assert set(_subs(events_of, text)) == {"Violent demonstration"}


def test_lethal_fire_and_fire_on_armed_targets_stay_violence(events_of) -> None:
    text = "Police fired tear gas and live bullets at the marchers in Conakry, killing two."
    assert "Excessive force against protesters" in _subs(events_of, text)
    assert _subs(events_of, "Soldiers fired on a rebel convoy near Bunia.") == ["Armed clash"]


def test_pelting_with_stones_is_a_riot(events_of) -> None:
    assert _subs(events_of, "Residents pelted motorists with stones in Thika.") == ["Violent demonstration"]


def test_a_dispersal_told_next_is_the_protests_intervention(events_of) -> None:
    text = "Traders protested in Kisumu on Monday. Police fired tear gas at the crowd."
    events = [e for e in events_of(text, published="2016-08-09") if e.modality == "occurred"]
    assert [e.sub_event_type for e in events] == ["Protest with intervention"]
    assert events[0].trigger is not None and events[0].trigger.text == "protested"
