"""A standing situation told in the present and an aid convoy are not events; news told the same way is."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

LEAD = (
    "Government aircraft bombed the town of Hass on Monday, killing 12 civilians, a monitor said.\n\n"
    "Elsewhere, clashes were reported near Hama.\n\nTalks in Geneva stalled.\n\n"
)


def _told(events, sentence_start: int):
    return [e for e in events if e.trigger is not None and e.trigger.start >= sentence_start]


@pytest.mark.parametrize(
    "text",
    [
        "Rebel forces are battling to push back regime advances.",
        "The rebels are fighting alongside the Nusra Front in Aleppo.",
    ],
)
def test_a_present_progressive_with_no_day_is_a_standing_situation(events_of, text) -> None:
    events = _told(events_of(LEAD + text, published="2016-04-07"), len(LEAD))
    assert events and all(e.modality == "habitual" for e in events)


@pytest.mark.parametrize(
    "text",
    [
        "Rebels are fighting government forces in Aleppo on Monday.",
        "Government forces are shelling Douma, killing 12 people.",
        "A military source said engineering units are dismantling the mines planted by IS in Palmyra.",
    ],
)
def test_a_present_progressive_with_a_day_a_toll_or_a_source_is_news(events_of, text) -> None:
    events = _told(events_of(LEAD + text, published="2016-04-07"), len(LEAD))
    assert [e.modality for e in events] == ["occurred"]


def test_an_aid_convoy_is_no_event_and_an_armed_convoy_is(events_of) -> None:
    aid = "An aid convoy carrying food entered the besieged area of al Houla in Homs province on Saturday."
    assert [e for e in events_of(aid, published="2016-07-12") if e.modality == "occurred"] == []
    armed = "A convoy of IS militants marched towards Deir ez-Zor on Monday."
    assert [
        e.sub_event_type for e in events_of(armed, published="2017-08-29") if e.modality == "occurred"
    ] == ["Other"]
