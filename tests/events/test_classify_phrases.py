"""The classifier's word lists are phrases in core-en roles.json, compiled to whole-word patterns."""

from __future__ import annotations

import re

from marsad.events import classify
from marsad.events.classify import _phrase_regex
from marsad.events.roles import WORDS


def _match(phrase: str, text: str) -> bool:
    return bool(re.search(r"\b(?:" + _phrase_regex(phrase) + r")\b", text, re.I))


def test_a_phrase_has_alternatives_endings_and_gaps():
    assert _match("set {0,2} on fire", "they set two cars on fire")
    assert not _match("set {0,2} on fire", "they set the three cars on fire")
    assert _match("violent|violently protest*", "a violently protesting crowd")
    assert not _match("violent|violently protest*", "a violence")
    assert _match("exchanged fire", "they Exchanged  fire")
    assert not _match("burn", "a burner")  # whole words only


def test_the_word_lists_are_data_not_code():
    for name in ("riot_deeds", "unarmed_victims", "fight_words", "armed_targets", "crowd_nouns"):
        assert WORDS[name], name
    assert WORDS["crowd_nouns"] == classify.CROWD_NOUNS
    assert classify.RIOT.search("youths hurled stones at police")
    assert classify.UNARMED_VICTIMS.search("gunmen shot a trader")
    assert classify.TWO_SIDED.search("a gunfight broke out") and classify.TWO_SIDED.search("the convoy")
    assert not classify.TWO_SIDED.search("a man stabbed a trader")
