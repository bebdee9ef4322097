"""Unarmed crowds who clash (refugees, fans, hawkers) commit ACLED's mob violence, not an armed
clash."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "text",
    [
        "Refugees from two camps clashed in the town of Kakuma on Tuesday, leaving five dead.",
        "Rival football fans clashed in the town of Lamu on Sunday.",
    ],
)
def test_crowds_who_clash_are_a_mob(events_of, text) -> None:
    events = [e for e in events_of(text, published="2019-12-11") if e.modality == "occurred"]
    assert [e.sub_event_type for e in events] == ["Mob violence"]
