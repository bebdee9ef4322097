"""People who gather for something other than a protest hold no protest, even in a report that
speaks of protests elsewhere (a war that 'began with pro-democracy protests')."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

BACKGROUND = "The war began with pro-democracy protests in 2011. "


@pytest.mark.parametrize(
    "sentence",
    [
        "A second bomb went off when people gathered to help the wounded in the town of Jableh on Monday.",
        "Residents of the village of Kafr Nabl gathered to collect water from a tanker on Monday.",
    ],
)
def test_a_gathering_for_something_else_is_no_protest(events_of, sentence) -> None:
    events = events_of(BACKGROUND + sentence, published="2016-09-06")
    assert not [e for e in events if e.event_type == "Protests"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Hundreds of people gathered in the town of Kafr Nabl on Friday to demand the release of detainees.",
        "Hundreds of students marched in the town of Kafr Nabl on Friday to seek an audience with the governor.",
    ],
)
def test_a_gathering_to_demand_is_a_protest(events_of, sentence) -> None:
    events = events_of(BACKGROUND + sentence, published="2016-09-06")
    assert [e.sub_event_type for e in events if e.modality == "occurred"] == ["Peaceful protest"]


def test_a_gathering_in_a_long_article_needs_its_own_sentence_to_be_a_protest(events_of) -> None:
    # the war's protests, told far from it, do not make people who were gathered a protest
    filler = "The town lies on the road between Aleppo and Damascus. " * 6
    text = (
        BACKGROUND
        + filler
        + "Coalition planes struck water wells where a group of civilians were gathered north of Raqqa on Monday."
    )
    events = events_of(text, published="2016-09-06")
    assert not [e for e in events if e.event_type == "Protests"]


def test_rallying_someone_is_no_rally(events_of) -> None:
    events = events_of(
        BACKGROUND + "Assad has rallied the country's minorities behind his government.",
        published="2016-09-06",
    )
    assert not [e for e in events if e.event_type == "Protests"]
