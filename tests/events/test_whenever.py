"""What happens each time something does ('whenever students gathered') is habitual, and so is the
clause it qualifies; an event told beside it on its day is news."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_a_whenever_clause_and_its_main_clause_are_habitual(events_of) -> None:
    text = (
        "Police fired tear gas whenever students gathered at the gate. "
        "On Monday police shot dead two students at the gate of Moi University."
    )
    events = events_of(text, published="2018-01-30")
    first = [e for e in events if e.trigger is not None and e.trigger.start < text.index("On Monday")]
    later = [e for e in events if e.trigger is not None and e.trigger.start >= text.index("On Monday")]
    assert first and all(e.modality == "habitual" for e in first)
    assert later and all(e.modality == "occurred" for e in later)


def test_a_protest_told_as_what_happens_whenever_is_not_this_days_violence(events_of) -> None:
    text = (
        "Opposition supporters took to the streets on Tuesday to celebrate. The celebrations were "
        "peaceful, unlike the running battles seen whenever opposition backers are on the streets "
        "to demonstrate."
    )
    events = [e for e in events_of(text, published="2018-01-30") if e.modality == "occurred"]
    assert events and {e.sub_event_type for e in events} == {"Peaceful protest"}
