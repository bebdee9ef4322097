"""A withdrawal of labour or a picket line ('went on strike', 'a general strike', 'workers strike over pay') is a
peaceful protest, as ACLED codes it; a strike from the air or by gunmen stays an attack."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _occurred(events):
    return [e for e in events if e.modality == "occurred"]


@pytest.mark.parametrize(
    "text",
    [
        "On 3 March 2023, doctors went on strike at a hospital in Nairobi over unpaid salaries.",
        "Teachers on strike over unpaid salaries in Juba.",
        "Transport workers staged a two-day strike in Lagos over fuel prices.",
        "Factory workers in Kabwe strike over pay.",
        "Over 18,000 doctors in Delhi started a strike against the government.",
        "A general strike shut shops and schools in Tunis on Monday.",
        "Nurses picketed outside the hospital in Kisumu on Monday.",
    ],
)
def test_a_labour_strike_is_a_peaceful_protest(events_of, text: str) -> None:
    events = _occurred(events_of(text, published="2023-03-03"))
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Protests", "Peaceful protest")]
    assert events[0].actor1.startswith("Protesters")


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("A US drone strike killed three militants in Jilib on Monday.", "Air/drone strike"),
        ("Israeli strikes hit Gaza City overnight, killing five.", "Air/drone strike"),
    ],
)
def test_a_strike_from_the_air_stays_one(events_of, text: str, sub: str) -> None:
    assert sub in [e.sub_event_type for e in _occurred(events_of(text, published="2023-03-03"))]


def test_a_police_picket_is_a_post_not_a_protest(events_of) -> None:
    events = _occurred(
        events_of(
            "Militants attacked a police picket in Bannu, killing two policemen.", published="2023-03-03"
        )
    )
    assert events and all(e.event_type != "Protests" for e in events)
