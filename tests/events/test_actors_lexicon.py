"""The actor lexicon: aliases, acronyms, labels bound by the document, canonical names."""

from __future__ import annotations

import json

import pytest

from marsad.services.actors import ActorLexicon
from marsad.stages.actors import dominant_country
from marsad.stages.events import bind_labels


@pytest.fixture(scope="module")
def lexicon() -> ActorLexicon:
    return ActorLexicon.load()


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("fighters of Daesh", "IS"),
        ("the IS organization", "IS"),
        ("the Syrian Democratic Forces", "SDF"),
        ("the Deir ez-Zor Military Council", "SDF"),
        ("the Baathist regime", "SYR_GOV"),
        ("the Iraqi Popular Crowd", "PMF"),
        ("the Revolutionary Guards", "IRN"),
        ("Lebanese Hezbollah", "HZB"),
        ("the Global Coalition", "COAL"),
    ],
)
def test_aliases(lexicon, text, key) -> None:
    assert [m.key for m in lexicon.find(text)] == [key]


def test_acronyms_are_case_sensitive_and_modifiers_are_not_actors(lexicon) -> None:
    assert [m.key for m in lexicon.find("IS fighters")] == ["IS"]
    assert lexicon.find("it is quiet") == []
    # "US-backed" and "regime-held" describe someone else
    assert [m.key for m in lexicon.find("the US-backed SDF")] == ["SDF"]


def test_the_longest_alias_wins(lexicon) -> None:
    found = lexicon.find("Syrian Democratic Forces")
    assert [m.key for m in found] == ["SDF"]


def test_labels_take_the_actor_the_document_pairs_them_with(lexicon) -> None:
    text = "Daesh mercenaries fled. Later the mercenaries returned."
    keys = [m.key for m in bind_labels(lexicon, lexicon.find(text))]
    assert keys == ["IS", "IS", "IS"]


def test_unpaired_label_without_default_is_dropped(lexicon) -> None:
    assert bind_labels(lexicon, lexicon.find("The mercenaries fled.")) == []


def test_names_fill_the_country(lexicon) -> None:
    assert lexicon.name("IS", "SY") == "Islamic State (Syria)"
    assert lexicon.name("CIV", "IQ") == "Civilians (Iraq)"
    assert lexicon.name("GOV", None) == "Military Forces"


def test_user_file_adds_an_actor(tmp_path) -> None:
    (tmp_path / "actors.json").write_text(
        json.dumps(
            {"entries": [{"key": "LIWA", "name": "Liwa Test", "inter": 3, "aliases": ["Liwa Test Brigade"]}]}
        )
    )
    lex = ActorLexicon.load([tmp_path])
    assert [m.key for m in lex.find("the Liwa Test Brigade attacked")] == ["LIWA"]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Clashes in Mosul and Baghdad, Iraqi forces said.", "IQ"),
        ("Shelling on Idlib and Aleppo, Syria.", "SY"),
        ("", None),
    ],
)
def test_dominant_country(text, country) -> None:
    assert dominant_country(text) == country


def test_trie_pattern_takes_the_longest_phrase_and_falls_back_at_a_boundary() -> None:
    import re

    from marsad.services.actors import trie_pattern

    rx = re.compile(rf"(?<![\w-]){trie_pattern(['islamic state', 'islamic', 'isis', 'is'])}(?![\w])", re.I)
    assert [m.group(0) for m in rx.finditer("Islamic-State fighters and ISIS, not Islamics or this")] == [
        "Islamic-State",
        "ISIS",
    ]
    assert rx.search("the Islamic Statehood party").group(0) == "Islamic"  # boundary: the shorter one
    assert rx.search("IS attacked").group(0) == "IS"


def test_a_state_cue_written_in_capitals_is_an_acronym_matched_only_as_written() -> None:
    from marsad.services.actors import load_lexicon

    lexicon = load_lexicon()
    # Bangladesh's Rapid Action Battalion, not the first word of a Somali town's name
    assert lexicon.countries_in("RAB arrested three men")["BD"] == 1
    assert lexicon.countries_in("Al Shabaab takes control of Rab Dhuure")["BD"] == 0
