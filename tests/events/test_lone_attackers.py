"""One-sided attackers ('gunmen', 'bandits', 'an unknown group') with no other side and no armed
target commit ACLED's Attack, not an Armed clash; and the armed side the sentence names is its
author even where its victims are named ('raiders kill civilians')."""

from __future__ import annotations

import pytest

from marsad.events.classify import attack_type, kill_type, lone_attack

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "sentence",
    [
        "Gunmen kill Italian missionary near Marsabit",
        "Bandits strike Sololo area, steal cattle",
        "Politically motivated attack by unknown group in Kisumu",
    ],
)
def test_lone_attackers_with_no_other_side(sentence) -> None:
    assert lone_attack(sentence)
    assert attack_type(None, ["UNID"], [], sentence) == "Attack"
    assert kill_type(["UNID"], [], sentence) == "Attack"


@pytest.mark.parametrize(
    "sentence",
    [
        "Gunmen attacked a police post in Mandera, killing two officers.",
        "Bandits clashed with police reservists in Baringo.",
        "Militants stormed an army base near the border.",
    ],
)
def test_a_fight_or_an_armed_target_stays_a_clash(sentence) -> None:
    assert not lone_attack(sentence)
    assert attack_type(None, ["UNID"], [], sentence) == "Armed clash"


def test_raiders_who_kill_civilians_are_the_authors(events_of) -> None:
    events = events_of(
        "Pokot raiders killed four civilians in an attack on a village in Turkana county on Monday.",
        published="2015-03-04",
    )
    attacks = [e for e in events if e.sub_event_type == "Attack"]
    assert attacks and all(e.actor1.startswith("Pokot") for e in attacks)
    assert all(e.actor2.startswith("Civilians") for e in attacks)
