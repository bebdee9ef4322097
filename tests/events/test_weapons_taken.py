"""A weapon taken or destroyed was not used ('seized two car bombs'), and what an attack hit is
its target, not its weapon ('strikes hit a rocket launcher'), nor the bombs the strikes destroyed."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _occurred(events):
    return [e for e in events if e.modality == "occurred"]


def test_bombs_seized_are_no_explosion(events_of) -> None:
    events = _occurred(
        events_of("Soldiers seized two car bombs in Kirkuk on Monday.", published="2017-03-07")
    )
    assert [e.sub_event_type for e in events] == ["Disrupted weapons use"]


def test_strikes_that_destroyed_car_bombs_are_air_strikes(events_of) -> None:
    events = _occurred(
        events_of(
            "The coalition conducted 18 strikes near Manbij on Monday and destroyed two car bombs.",
            published="2016-07-05",
        )
    )
    types = {e.sub_event_type for e in events}
    assert "Air/drone strike" in types
    assert "Remote explosive/landmine/IED" not in types


def test_a_real_car_bomb_still_explodes(events_of) -> None:
    events = _occurred(
        events_of("A car bomb killed five people in Kirkuk on Monday.", published="2017-03-07")
    )
    assert [e.sub_event_type for e in events] == ["Remote explosive/landmine/IED"]


def test_explosives_used_to_destroy_a_mast_are_the_weapon(events_of) -> None:
    events = _occurred(
        events_of(
            "Al Shabaab militants struck the border town of Damasa on Monday and destroyed a telephone "
            "mast using explosives.",
            published="2016-06-24",
        )
    )
    assert "Remote explosive/landmine/IED" in {e.sub_event_type for e in events}
