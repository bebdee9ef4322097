"""A battle whose parse leaves civilians as the only doer is fought by the armed side it names."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _occurred(events):
    return [e for e in events if e.modality == "occurred"]


def test_clashes_between_civilians_and_an_armed_group_have_the_group_as_actor1(events_of) -> None:
    events = _occurred(
        events_of(
            "Clashes in Batangafo between Fulani herders and former Seleka militiamen left 16 dead.",
            published="2016-06-20",
        )
    )
    assert [e.actor1 for e in events if e.event_type == "Battles"] == ["Séléka Militia"]
