"""An agreement is an event when it is made or takes effect, not when it is the backdrop or ends."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def agreements(events):
    return [e for e in events if e.modality == "occurred" and e.sub_event_type == "Agreement"]


@pytest.mark.parametrize(
    "text",
    [
        "The army and rebels reached a truce in Homs on Monday.",
        "A ceasefire took effect in Aleppo on Saturday.",
        "The evacuation deal was signed in Madaya on Tuesday.",
        "The agreement, reached late on Tuesday between rebel negotiators and Russian officers, covers Aleppo.",
    ],
)
def test_an_agreement_made_or_taking_effect_is_an_event(events_of, text) -> None:
    assert len(agreements(events_of(text, published="2016-09-20"))) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Atareb is inside a de-escalation zone under an agreement between Turkey and Russia.",
        "The Syrian army declared the week-long ceasefire over on Monday.",
        "Over 350 civilians have been killed in Aleppo since a ceasefire collapsed on September 19.",
        "The centre for monitoring the cessation of hostilities agreement said rebels shelled Aleppo.",
        "An airstrike destroyed an aid convoy shortly after the army announced the agreement had expired.",
        # an opinion shared is no accord
        "All of us agreed that the use of chemical weapons crosses a red line, the minister said on Monday.",
    ],
)
def test_an_agreement_told_as_backdrop_or_ending_is_not(events_of, text) -> None:
    assert agreements(events_of(text, published="2016-09-20")) == []
