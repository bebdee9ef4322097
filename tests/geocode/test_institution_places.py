"""An institution whose name opens with its place, told in a report with no other place, is there."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Students of Rongo University College staged a protest in Kenya on Monday.", "Rongo"),
        ("Kenyan students of Mosoriot Teachers Training College staged a protest on Monday.", "Mosoriot"),
    ],
)
def test_an_institution_named_by_its_place_is_at_it(events_of, text, place) -> None:
    events = [e for e in events_of(text, published="2017-04-14") if e.modality == "occurred"]
    assert [e.location for e in events] == [place]
