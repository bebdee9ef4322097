"""Who an attack hit decides Attack against Armed clash: victims counted, named or called by an
unarmed word are an Attack's, whoever the doers are; an armed victim, an armed target or a fight
word keeps a clash; a bare toll names no attack."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _subs(events_of, text: str) -> set[str]:
    return {e.sub_event_type for e in events_of(text, published="2012-05-02") if e.modality == "occurred"}


@pytest.mark.parametrize(
    "text",
    [
        "Zanu militia kill 3 in Chiredzi.",  # a count with doers named
        "A volunteer was shot dead by police in Goma.",  # the doers' word arms no target
        "Four fishermen were killed by gunmen on Lake Chad.",
        "Nine killed in a cattle raid near Rumbek.",  # the toll of a one-sided deed
        "Gunmen shot dead Mr Alberto Mendes outside his home in Beira.",
    ],
)
def test_unarmed_counted_or_named_victims_make_an_attack(events_of, text) -> None:
    assert _subs(events_of, text) == {"Attack"}


@pytest.mark.parametrize(
    "text",
    [
        "Two soldiers were killed by militants in Mopti.",  # armed victims
        "Insurgents killed 2 commandos in Sangin.",  # a count of an unknown noun is not disarmed
        "Gunmen attacked a police post in Garissa, killing four.",  # an armed target
        "Five people were killed in clashes in Jonglei.",  # a fight word
    ],
)
def test_armed_victims_targets_or_a_fight_keep_a_clash(events_of, text) -> None:
    assert "Attack" not in _subs(events_of, text)


@pytest.mark.parametrize(
    "text",
    [
        "Armed raid on a Dinka community near Bor.",  # a raid by no organised force
        "Top athlete Samuel Koros was killed by an arrow near Eldoret.",  # a name in the victim's phrase
    ],
)
def test_an_unorganised_raid_and_a_named_victim_are_attacks(events_of, text) -> None:
    assert _subs(events_of, text) == {"Attack"}


def test_an_organised_forces_counted_victims_are_not_disarmed(events_of) -> None:
    # the count of a rebel attack's dead names no civilians; a raid ending in a fight is a clash
    text = "1 was killed and 2 were wounded following an attack by Taliban militants in Balkh."
    assert "Attack" not in _subs(events_of, text)
    assert "Attack" not in _subs(events_of, "Forty warriors were killed in an attempted cattle raid.")
