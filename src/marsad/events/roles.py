"""Roles from the parse: who acted (actor1), on whom (actor2), and who took part alongside."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from marsad.events.cues import cues
from marsad.events.forms import tokens_with
from marsad.knowledge import load_json
from marsad.services.actors import ActorMatch


def _word_lists() -> dict[str, frozenset[str]]:
    """The named word lists of `roles.json` (core-en), read once."""
    lists: dict[str, set[str]] = {}
    for entry in load_json("roles.json"):
        lists.setdefault(str(entry["name"]), set()).update(str(w) for w in entry["words"])
    return {name: frozenset(words) for name, words in lists.items()}


# the words the role rules read a parse by (knowledge/packs/core-en/roles.json)
WORDS = _word_lists()
# verbs whose object or subject is the event noun, and whose subject is its actor
LIGHT_VERBS = WORDS["light_verbs"]
MUTUAL_VERBS = WORDS["mutual_verbs"]
MUTUAL_NOUNS = WORDS["mutual_nouns"]
ASSOC_NOUNS = WORDS["assoc_nouns"]
TARGET_PREPS = WORDS["target_preps"]
FORCE_NOUNS = WORDS["force_nouns"]
# nouns a nationality adjective may name a party by: a force, or the party to talks, and what a
# nation's military does ("Russian bombing") or holds ("Turkish positions")
PARTY_NOUNS = FORCE_NOUNS | WORDS["party_nouns"]
# how a passive casualty verb names what caused it: "were killed during clashes with X"
CAUSE_PREPS = WORDS["cause_preps"]
SUFFER_VERBS = WORDS["suffer_verbs"]
CAUSE_NOUNS = WORDS["cause_nouns"]


@dataclass
class Roles:
    """The actor keys on each side of an event, in order of mention."""

    actor1: list[str] = field(default_factory=list)
    actor2: list[str] = field(default_factory=list)
    assoc1: list[str] = field(default_factory=list)
    agent_tokens: list[Any] = field(default_factory=list)
    patient_tokens: list[Any] = field(default_factory=list)


def char_range(tok: Any, offset: int) -> tuple[int, int]:
    """Document character range of a token's phrase, without the conjuncts that hang on it."""
    words = [tok]
    for child in tok.children:
        if child.dep_ not in ("conj", "cc") or child.i < tok.i:
            words += list(child.subtree)
    left = min(w.idx for w in words)
    right = max(w.idx + len(w.text) for w in words)
    return offset + left, offset + right


def keys_in(tokens: Iterable[Any], actors: list[ActorMatch], offset: int, conj: bool = True) -> list[str]:
    """Actor keys mentioned in the phrases of `tokens` (and their conjuncts), in text order."""
    toks = [c for t in tokens for c in _conjuncts(t)] if conj else list(tokens)
    ranges = _joined(sorted(char_range(t, offset) for t in toks))
    keys: list[str] = []
    for m in actors:
        if any(s <= m.start and m.end <= e for s, e in ranges) and m.key not in keys:
            keys.append(m.key)
    return keys


def _joined(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted ranges with the ones a single space apart joined: the words of one phrase the parse
    gave as separate tokens ('Taliban' 'sniper' of 'a Taliban sniper')."""
    out: list[tuple[int, int]] = []
    for s, e in ranges:
        if out and s - out[-1][1] <= 1:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out


class _Single:
    """A token whose conjuncts are not part of the argument ('between X and Y': X alone)."""

    def __init__(self, tok: Any) -> None:
        self.tok = tok


def _conjuncts(tok: Any) -> list[Any]:
    if isinstance(tok, _Single):
        return [tok.tok]
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj":
            out += _conjuncts(c)
    return out


def _pobjs(tok: Any, preps: Iterable[str]) -> list[Any]:
    preps = set(preps)
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in preps:
            out += [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
    return out


def _subject(verb: Any, seen: int = 0) -> tuple[list[Any], bool]:
    """The agent tokens of a verb, following conjunction and control to a shared subject."""
    kids = list(verb.children)
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in kids)
    if passive:
        agents = _pobjs(verb, ("by",))
        for c in kids:  # "was shot and killed by X": the agent hangs on the last verb
            if not agents and c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"):
                agents = _pobjs(c, ("by",))
        return agents, True
    subj = [c for c in kids if c.dep_ in ("nsubj", "csubj", "expl")]
    if subj:
        return subj, False
    shared_passive = verb.dep_ == "conj" and any(
        c.dep_ in ("auxpass", "nsubjpass") for c in verb.head.children
    )
    if shared_passive and _pobjs(verb, ("by",)):
        return _pobjs(verb, ("by",)), True  # the second verb of "was shot and killed by X"
    if seen < 4 and verb.dep_ in ("conj", "xcomp", "advcl", "pcomp", "acl") and verb.head.i != verb.i:
        head = verb.head
        if head.pos_ in ("VERB", "AUX"):
            return _subject(head, seen + 1)[0], False
        if verb.dep_ == "acl":  # "the aircraft ... bombarding", "a convoy marching"
            return [head], False
        if verb.dep_ == "conj" and head.pos_ == "NOUN" and head.dep_ == "ROOT":
            # "a Taliban sniper shot and killed 1 soldier": the parse read the first verb as a
            # noun and its subject as the noun's compounds
            return [
                c for c in head.children if c.dep_ in ("compound", "nmod", "poss") and c.i < head.i
            ], False
    return [], False


def arguments(trigger: Any) -> tuple[list[Any], list[Any]]:
    """Agent and patient tokens of an event trigger (a verb or an event noun)."""
    if trigger.dep_ == "amod" and trigger.tag_ == "VBG":
        # "the aircraft renewed bombarding SDF's positions", parsed as an adjective on a noun below
        # the verb whose subject did the bombarding
        verb = trigger.head
        for _ in range(3):
            if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
                break
            verb = verb.head
        if verb.pos_ in ("VERB", "AUX"):
            return _subject(verb)[0], [trigger.head]
    if trigger.pos_ in ("VERB", "AUX") or trigger.tag_.startswith("VB"):
        agents, passive = _subject(trigger)
        kids = list(trigger.children)
        if passive:
            patients = [c for c in kids if c.dep_ == "nsubjpass"]
            if not patients and trigger.dep_ == "conj":  # "X was shot and killed": X, on "shot"
                patients = [c for c in trigger.head.children if c.dep_ == "nsubjpass"]
        else:
            patients = [c for c in kids if c.dep_ in ("dobj", "attr", "dative")]
        patients += _pobjs(trigger, TARGET_PREPS - {"in"})
        if trigger.lemma_.lower() in MUTUAL_VERBS:  # "clashed with X", "agreed with X"
            patients += _pobjs(trigger, ("with",))
        if not patients:
            patients = _pobjs(trigger, ("from",))  # "expelled ... from the city" names a place; actors rarely
        if passive and not agents and trigger.lemma_.lower() in SUFFER_VERBS:
            agents = _cause_authors(trigger)
        return agents, patients
    return _noun_arguments(trigger)


def _causes(verb: Any) -> list[Any]:
    """The event nouns that caused a casualty verb's toll: 'killed during clashes', '... were
    taken as hostages following an attack' (on the verb or a verb conjoined with it)."""
    verbs = [verb, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))]
    out = []
    for v in verbs:
        for c in v.children:
            if c.dep_ in ("prep", "advcl") and c.lower_ in CAUSE_PREPS:
                out += [
                    g
                    for g in c.children
                    if g.dep_ in ("pobj", "dobj")
                    and (g.lemma_.lower() in CAUSE_NOUNS or g.lower_ in CAUSE_NOUNS)
                ]
    return out


def _cause_authors(verb: Any) -> list[Any]:
    """Who caused a passive toll without a 'by': the author of the attack or the other side of
    the clashes it happened in ('soldiers were killed following an attack by X', 'during clashes
    with X', 'in a Taliban ambush')."""
    agents: list[Any] = []
    for noun in _causes(verb):
        agents += [c for c in noun.children if c.dep_ in ("poss", "compound")]
        agents += _pobjs(noun, ("by",))
        if noun.lemma_.lower() in MUTUAL_NOUNS or noun.lower_ in MUTUAL_NOUNS:
            agents += _pobjs(noun, ("with",))
    return agents


def _sufferers(noun: Any) -> list[Any]:
    """The passive subject of the casualty verb an event noun caused: '2 soldiers' in '2 soldiers
    were killed during clashes with X' (none when the noun is no such cause)."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ not in ("prep", "advcl") or prep.lower_ not in CAUSE_PREPS:
        return []
    verb = prep.head
    chain = [verb, verb.head] if verb.dep_ == "conj" else [verb]
    if not any(v.lemma_.lower() in SUFFER_VERBS for v in chain):
        return []
    return [c for v in chain for c in v.children if c.dep_ == "nsubjpass"]


def _noun_arguments(noun: Any) -> tuple[list[Any], list[Any]]:
    kids = list(noun.children)
    agents = [c for c in kids if c.dep_ in ("poss", "compound", "amod", "nmod")]
    by = _pobjs(noun, ("by",))
    # "the arrest of six men by the security services": with a 'by', 'of' names who suffered it
    of = _pobjs(noun, ("of",))
    agents += by if by else of
    undergone = of if by else []
    for clause in kids:  # "an attack planned by X", "the massacre committed by Y"
        if clause.dep_ == "acl" and clause.tag_ == "VBN":
            agents += _pobjs(clause, ("by",))
    patients = _pobjs(noun, TARGET_PREPS) + undergone
    between = _pobjs(noun, ("between", "among"))
    patients += _pobjs(noun, ("with",)) if noun.lemma_.lower() in MUTUAL_NOUNS else []
    head = noun.head
    sufferers = _sufferers(noun)
    if sufferers and noun.lemma_.lower() in MUTUAL_NOUNS:
        # "2 soldiers were killed during clashes with X": the soldiers' side suffered, X acted
        other = _pobjs(noun, ("with",))
        agents += other
        patients = [p for p in patients if p not in other] + sufferers
    elif sufferers:
        # "20 fighters were killed in air strikes": who was killed suffered the strikes
        patients += sufferers
    if not between and head.pos_ in ("VERB", "AUX"):
        between = _pobjs(head, ("between", "among"))
    if between:
        first = between[0]
        conj = _conjuncts(first)
        agents = [*agents, _Single(conj[0])]
        patients = [*patients, *conj[1:]] if len(conj) > 1 else [*patients, *between[1:]]
    if noun.dep_ in ("dobj", "nsubjpass", "attr", "pobj", "conj") and head.pos_ in ("VERB", "AUX"):
        subj, _passive = _subject(head)
        if head.lemma_.lower() not in cues().reaction_verbs:
            agents += subj  # who condemned or reported the bombing did not bomb
        if head.lemma_.lower() in ("repel", "repulse", "foil", "thwart", "respond"):
            # "X repelled an attack by Y": X defends, the attack's author attacks
            patients, agents = agents, [a for a in agents if a not in subj] + _pobjs(noun, ("by",))
        patients += _pobjs(head, TARGET_PREPS - {"in"})
        if noun.lemma_.lower() in MUTUAL_NOUNS:  # "reached an agreement with X"
            patients += _pobjs(head, ("with",))
    elif noun.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        patients += [c for c in head.children if c.dep_ == "dobj"]
    return agents, patients


def associates(trigger: Any, actors: list[ActorMatch], offset: int, main: list[str]) -> list[str]:
    """Actors taking part alongside actor1: 'with the participation of X', 'backed by Y'."""
    keys: list[str] = []
    for tok in tokens_with(trigger.sent, ASSOC_NOUNS, _BACKING):
        args = _pobjs(tok, ("of", "by", "from", "with"))
        for k in keys_in(args, actors, offset):
            if k not in main and k not in keys:
                keys.append(k)
    return keys


_BACKING = frozenset(("backed", "supported", "assisted", "aided"))


def between_keys(trigger: Any, actors: list[ActorMatch], offset: int) -> list[str]:
    """Actors named in 'between X and Y' on the trigger or its verb, in order (even when the
    parse attaches Y inside X's phrase)."""
    phrases = _pobjs(trigger, ("between",))
    if not phrases and trigger.head.pos_ in ("VERB", "AUX"):
        phrases = _pobjs(trigger.head, ("between",))
    if not phrases:  # "the agreement, reached on Tuesday between X and Y"
        for clause in trigger.children:
            if clause.dep_ in ("acl", "relcl"):
                phrases = _pobjs(clause, ("between",))
    ranges = [(offset + p.left_edge.idx, offset + p.right_edge.idx + len(p.right_edge.text)) for p in phrases]
    keys: list[str] = []
    for m in actors:
        if any(s <= m.start and m.end <= e for s, e in ranges) and m.key not in keys:
            keys.append(m.key)
    return keys


_TALK_NOUNS = WORDS["talk_nouns"]


def talks_between(trigger: Any, actors: list[ActorMatch], offset: int) -> list[str]:
    """The parties of 'negotiations between X and Y' elsewhere in the sentence of an agreement
    ('a truce began ... after negotiations between the rebel factions and an Iranian delegation')."""
    keys: list[str] = []
    for tok in tokens_with(trigger.sent, _TALK_NOUNS, _TALK_NOUNS):
        for p in _pobjs(tok, ("between",)):
            start, end = offset + p.left_edge.idx, offset + p.right_edge.idx + len(p.right_edge.text)
            text = trigger.doc.text
            for m in actors:
                # "... and an Iranian delegation in Turkey": a country after 'in' is a place
                place = re.search(r"\b(?:in|to|at|from)\s+(?:the\s+)?$", text[: m.start - offset])
                if start <= m.start and m.end <= end and m.key not in keys and not place:
                    keys.append(m.key)
    return keys


def nearest_before(trigger: Any, actors: list[ActorMatch], offset: int, exclude: list[str]) -> list[str]:
    """The actor mentioned last before the trigger in its sentence (the usual place of a subject
    the parse failed to attach), unless it is excluded."""
    start = offset + trigger.idx
    sent_start = offset + trigger.sent.start_char
    before = [m for m in actors if sent_start <= m.start and m.end <= start and m.key not in exclude]
    return [before[-1].key] if before else []
