"""A protest whose crowd blocks a highway, goes on the rampage, destroys property or 'turns
violent' is ACLED's violent demonstration, whether or not police then intervene; riot police
name no riot."""

from __future__ import annotations

import pytest

from marsad.events.classify import protest_type


@pytest.mark.parametrize(
    "sentence",
    [
        "Traders blocked the highway at Kasama to protest new market fees.",
        "Students went on the rampage to protest the exam results.",
        "A farmers' protest in Thika turned violent.",
        "Residents destroyed property at the depot, protesting water cuts; police fired tear gas.",
        "The protest led to minor riots in the old town.",
    ],
)
def test_a_crowds_violence_makes_a_riot(sentence) -> None:
    assert protest_type(sentence, protesters_act=True) == "Violent demonstration"


def test_riot_police_are_no_riot() -> None:
    text = "Riot police dispersed the protesters with tear gas."
    assert protest_type(text, protesters_act=True) == "Protest with intervention"
