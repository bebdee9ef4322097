"""Who caused a passive toll, read from hand-built parses (no model): 'were killed during clashes
with X', 'following an attack by X', and a first verb the parse read as a noun."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from marsad.events.roles import arguments, keys_in
from marsad.services.actors import ActorMatch


def _doc(words: str, heads: list[int], deps: str, pos: str, lemmas: dict[int, str]) -> Doc:
    doc = Doc(spacy.blank("en").vocab, words=words.split(), heads=heads, deps=deps.split(), pos=pos.split())
    for i, tok in enumerate(doc):
        tok.lemma_ = lemmas.get(i, tok.lower_)
    return doc


def _match(doc: Doc, first: int, last: int, key: str) -> ActorMatch:
    start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
    return ActorMatch(start, end, key, "alias", doc.text[start:end])


def _clash_doc() -> Doc:
    # 2 soldiers were killed during clashes with Taliban militants in Logar .
    return _doc(
        "2 soldiers were killed during clashes with Taliban militants in Logar .",
        [1, 3, 3, 3, 3, 4, 5, 8, 6, 3, 9, 3],
        "nummod nsubjpass auxpass ROOT prep pobj prep compound pobj prep pobj punct",
        "NUM NOUN AUX VERB ADP NOUN ADP PROPN NOUN ADP PROPN PUNCT",
        {3: "kill", 5: "clash", 1: "soldier", 8: "militant"},
    )


def test_the_other_side_of_the_clashes_a_toll_happened_in_is_its_author() -> None:
    doc = _clash_doc()
    actors = [_match(doc, 1, 1, "GOV"), _match(doc, 7, 8, "TALIBAN")]
    agents, patients = arguments(doc[3])  # "killed"
    assert keys_in(agents, actors, 0) == ["TALIBAN"]
    assert keys_in(patients, actors, 0) == ["GOV"]


def test_the_clashes_a_toll_happened_in_have_the_sufferers_as_their_patient() -> None:
    doc = _clash_doc()
    actors = [_match(doc, 1, 1, "GOV"), _match(doc, 7, 8, "TALIBAN")]
    agents, patients = arguments(doc[5])  # "clashes"
    assert keys_in(agents, actors, 0) == ["TALIBAN"]
    assert keys_in(patients, actors, 0) == ["GOV"]


def test_a_toll_with_no_cause_named_has_no_author() -> None:
    # 2 soldiers were killed in Logar .
    doc = _doc(
        "2 soldiers were killed in Logar .",
        [1, 3, 3, 3, 3, 4, 3],
        "nummod nsubjpass auxpass ROOT prep pobj punct",
        "NUM NOUN AUX VERB ADP PROPN PUNCT",
        {3: "kill"},
    )
    agents, _patients = arguments(doc[3])
    assert agents == []


def test_the_author_of_the_attack_that_followed_a_toll() -> None:
    # 14 soldiers were killed following an attack by Taliban militants .
    doc = _doc(
        "14 soldiers were killed following an attack by Taliban militants .",
        [1, 3, 3, 3, 3, 6, 4, 6, 9, 7, 3],
        "nummod nsubjpass auxpass ROOT advcl det pobj prep compound pobj punct",
        "NUM NOUN AUX VERB VERB DET NOUN ADP PROPN NOUN PUNCT",
        {3: "kill", 6: "attack"},
    )
    actors = [_match(doc, 1, 1, "GOV"), _match(doc, 8, 9, "TALIBAN")]
    agents, _patients = arguments(doc[3])
    assert keys_in(agents, actors, 0) == ["TALIBAN"]


def test_a_first_verb_read_as_a_noun_keeps_its_subject() -> None:
    # the small model's parse of "a Taliban sniper shot and killed 1 soldier": 'shot' a noun root
    doc = _doc(
        "a Taliban sniper shot and killed 1 soldier .",
        [3, 3, 3, 3, 3, 3, 7, 5, 3],
        "det compound compound ROOT cc conj nummod dobj punct",
        "DET PROPN NOUN NOUN CCONJ VERB NUM NOUN PUNCT",
        {5: "kill"},
    )
    actors = [_match(doc, 1, 2, "TALIBAN"), _match(doc, 7, 7, "GOV")]
    agents, patients = arguments(doc[5])  # "killed"
    assert keys_in(agents, actors, 0) == ["TALIBAN"]
    assert keys_in(patients, actors, 0) == ["GOV"]


def test_a_clash_of_the_police_with_a_crowd_is_crowd_violence() -> None:
    from marsad.events.classify import is_crowd_violence

    assert is_crowd_violence("Armed clash", None, ["POLICE"], ["PROTESTERS"])
    assert is_crowd_violence("Armed clash", None, ["RIOTERS"], ["GOV"])
    # an armed organisation on a side keeps the battle a battle
    assert not is_crowd_violence("Armed clash", None, ["POLICE"], ["IS"])


def test_demonstrators_who_turn_violent_riot_whether_or_not_police_intervene() -> None:
    from marsad.events.classify import protest_type

    rioted = (
        "Residents protested and lit bonfires on the highway before police fired tear gas to disperse them."
    )
    assert protest_type(rioted, protesters_act=True) == "Violent demonstration"
    blocked = "Students staged a protest by blocking a road before police fired tear gas to disperse them."
    assert protest_type(blocked, protesters_act=True) == "Protest with intervention"


def test_who_was_killed_in_a_strike_suffered_the_strike_and_did_not_strike() -> None:
    # 20 Nusra fighters were killed in air strikes in Idlib .
    doc = _doc(
        "20 Nusra fighters were killed in air strikes in Idlib .",
        [2, 2, 4, 4, 4, 4, 7, 5, 4, 8, 4],
        "nummod compound nsubjpass auxpass ROOT prep compound pobj prep pobj punct",
        "NUM PROPN NOUN AUX VERB ADP NOUN NOUN ADP PROPN PUNCT",
        {4: "kill", 7: "strike", 2: "fighter"},
    )
    actors = [_match(doc, 1, 2, "HTS")]
    agents, patients = arguments(doc[7])  # "strikes"
    assert keys_in(agents, actors, 0) == []
    assert keys_in(patients, actors, 0) == ["HTS"]
