"""An armed group of another country found by common words alone ('rebels', 'the opposition') is
no side of an event elsewhere; named by its own name it still is."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _names(events) -> set[str]:
    return {n for e in events for n in (e.actor1, e.actor2, *e.assoc_actor_1, *e.assoc_actor_2) if n}


def test_the_opposition_in_kenya_is_not_syrias_rebels(events_of) -> None:
    events = events_of(
        "Supporters of the opposition clashed with police in the town of Kisumu in Kenya on Monday.",
        published="2017-08-15",
    )
    assert events
    assert not any("(Syria)" in n for n in _names(events))


def test_rebels_in_syria_stay_syrias_rebels(events_of) -> None:
    events = events_of(
        "Rebels shelled the town of Jisr al-Shughur in Idlib province on Monday.", published="2017-08-15"
    )
    assert "Opposition Rebels (Syria)" in _names(events)


def test_a_group_named_by_its_own_name_holds_abroad(events_of) -> None:
    events = events_of(
        "Free Syrian Army fighters clashed with Turkish border guards near the town of Kilis in Turkey on Monday.",
        published="2017-08-15",
    )
    assert "Opposition Rebels (Syria)" in _names(events)
