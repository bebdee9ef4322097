"""A common word that names one country's actor ('rebels', 'opposition': Syria's Opposition Rebels)
names it only in a report from that country, or one whose country is unknown; an actor's own
name ('Free Syrian Army') names it anywhere."""

from __future__ import annotations

import pytest

from marsad.services.actors import load_lexicon


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


def _keys(lexicon, text: str, country: str | None) -> list[str]:
    return [h.key for h in lexicon.find(text, country=country)]


def test_a_common_word_names_the_theatres_actor_only_at_home(lexicon) -> None:
    text = "The opposition leader's supporters and rebels clashed with police."
    assert "FSA" not in _keys(lexicon, text, "KE")
    assert "FSA" not in _keys(lexicon, text, "Kenya")
    assert "FSA" in _keys(lexicon, text, "SY")
    assert "FSA" in _keys(lexicon, text, None)  # no country known: the words as the packs read them


def test_an_actors_own_name_names_it_anywhere(lexicon) -> None:
    assert "FSA" in _keys(lexicon, "Free Syrian Army fighters crossed into Turkey.", "TR")
