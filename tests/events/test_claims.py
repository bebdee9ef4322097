"""Claims of completed events are events, a dated lead is no habit, and a claimant is a source."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

BODY = "\n\nThe town had been held by the militants for three years."


def occurred(events):
    return [e for e in events if e.modality == "occurred"]


@pytest.mark.parametrize(
    ("text", "sub", "actor1", "claim"),
    [
        (
            "Government troops declared victory over the Islamic State in the desert town of Sukhna.",
            "Government regains territory",
            "GOV",
            "Government troops",
        ),
        (
            "The army said on Tuesday it had reclaimed the town of Qaryatayn from Islamic State militants.",
            "Government regains territory",
            "GOV",
            "army",
        ),
        (
            "The Iraqi army declared the town of Rawa liberated on Friday.",
            "Government regains territory",
            "IRQ_GOV",
            "Iraqi army",
        ),
        (
            "The SDF declared the village of Hajin fully liberated from the Islamic State on Sunday.",
            "Non-state actor overtakes territory",
            "SDF",
            "SDF",
        ),
    ],
)
def test_a_claimed_takeover_is_an_event_with_its_claimant(events_of, text, sub, actor1, claim) -> None:
    events = [e for e in occurred(events_of(text + BODY)) if e.event_type == "Battles"]
    assert [e.sub_event_type for e in events] == [sub]
    assert events[0].actor1_keys == [actor1]
    assert events[0].claimant == claim


@pytest.mark.parametrize(
    "text",
    [
        # the tagger reads the irregular past 'retook' as a present
        "Kurdish-led fighters retook the last village held by the jihadists on Saturday in Hajin.",
        # a dated present in a lead reports one event
        "Rebels storm the town of Morek on Thursday after a night of heavy shelling.",
    ],
)
def test_a_dated_lead_is_not_habitual(events_of, text) -> None:
    events = [e for e in events_of(text + BODY) if e.event_type == "Battles"]
    assert events and all(e.modality == "occurred" for e in events)


def test_a_repeated_time_stays_habitual(events_of) -> None:
    events = events_of("Rebel fighters attack the army posts on Fridays." + BODY)
    assert events and all(e.modality == "habitual" for e in events)


def test_a_noun_tagged_as_a_verb_is_no_present_habit(events_of) -> None:
    text = "A monitoring group said the air strikes on the village on Tuesday killed at least nine people."
    events = occurred(events_of(text + BODY))
    assert [e.sub_event_type for e in events] == ["Air/drone strike"]
    assert events[0].fatalities == 9


def test_a_toll_since_the_war_began_is_a_tally(events_of) -> None:
    text = "More than 250,000 people have been killed since the uprising began in 2011." + BODY
    assert not occurred(events_of(text))


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        (
            "The London-based Syrian Observatory for Human Rights said jets struck a bakery in Ariha.",
            "London-based Syrian Observatory for Human Rights",
        ),
        ("Activists in northern Hama said jets struck a bakery in Ariha.", "Activists in northern Hama"),
        ("Tuesday 17 October 2017 State television said jets struck a bakery in Ariha.", "State television"),
        (
            "The Observatory, which relies on a network of sources, said jets struck a bakery in Ariha.",
            "Observatory",
        ),
        ("According to local sources and medics, jets struck a bakery in Ariha.", "local sources and medics"),
        ("A military source told the agency that jets struck a bakery in Ariha.", "military source"),
    ],
)
def test_a_claimant_is_the_source_phrase(events_of, text, claim) -> None:
    events = occurred(events_of(text + BODY))
    assert events and events[0].claimant == claim


@pytest.mark.parametrize(
    "text",
    [
        "Eleven people said the jets struck a bakery in Ariha.",
        "The bombardment, the monitor added, was the heaviest of the week; officials said jets struck a bakery in Ariha.",
    ],
)
def test_a_fragment_of_a_clause_is_no_claimant(events_of, text) -> None:
    for e in occurred(events_of(text + BODY)):
        assert e.claimant in (None, "officials")


def test_a_headline_with_a_count_is_a_report_not_a_habit(events_of) -> None:
    text = "Army units kill 40 militants in the countryside of Hama." + BODY
    events = occurred(events_of(text))
    assert events and events[0].fatalities == 40
