"""'Rioting', the noun, tells a riot as 'riots' does: ACLED's violent demonstration."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "text",
    ["Post-election rioting in Blantyre.", "Rioting broke out in Lahore after the verdict on Monday."],
)
def test_rioting_is_a_violent_demonstration(events_of, text) -> None:
    subs = [e.sub_event_type for e in events_of(text, published="2019-06-02") if e.modality == "occurred"]
    assert subs == ["Violent demonstration"]
