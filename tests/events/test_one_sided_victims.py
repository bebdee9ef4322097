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
