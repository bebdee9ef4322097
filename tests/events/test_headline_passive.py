"""A headline's reduced passive is its report ('Aid worker shot dead in Garissa'); a participle
that describes a noun inside a sentence with a verb of its own is not."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _subs(events_of, text: str) -> list[str]:
    return [e.sub_event_type for e in events_of(text, published="2014-03-01") if e.modality == "occurred"]


@pytest.mark.parametrize(
    "text", ["Aid worker shot dead in Garissa", "Opposition candidate attacked by gunmen near Bukavu"]
)
def test_a_headline_participle_reports(events_of, text) -> None:
    assert _subs(events_of, text) == ["Attack"]


def test_a_describing_participle_does_not(events_of) -> None:
    assert _subs(events_of, "The convoy attacked by rebels last year was carrying food.") == []


def test_a_spaced_dash_after_the_verb_is_no_compound(events_of) -> None:
    # 'hit-and-run' is one word; 'raided - 80 animals stolen' is a verb and a dash
    assert _subs(events_of, "Lokori village was raided - over 80 animals stolen.") == ["Attack"]
