"""A note written like a headline, which the parser reads with no verb ('Residents of a Mombasa
neighbourhood protest forced evictions'), reports by its event nouns."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "text",
    [
        "Teachers union protest occupation of primary schools by security forces.",
        "Students of Masinde Muliro University protest exam fees on 12/04.",
    ],
)
def test_a_verbless_note_reports_its_protest(events_of, text) -> None:
    events = [e for e in events_of(text, published="2016-04-12") if e.modality == "occurred"]
    assert [e.event_type for e in events] == ["Protests"]
