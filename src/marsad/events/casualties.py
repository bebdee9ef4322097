"""Casualties: deaths, wounded and captured, with numbers read by ACLED's conservative rules."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from marsad.words import NUMBER_WORDS

KILL_LEMMAS = frozenset(
    "kill killing die dead death martyr martyrdom martyred massacre behead execute execution "
    "slaughter fatality toll assassinate assassination body".split()
)
WOUND_LEMMAS = frozenset(["wound", "wounded", "wounding", "injure", "injured", "injury", "hurt"])
CAPTURE_LEMMAS = frozenset(("capture", "captured"))
PERSON_NOUNS = frozenset(
    "person people man men woman women child children civilian soldier fighter militant member "
    "mercenary terrorist policeman officer guard resident farmer shepherd reporter journalist "
    "worker student protester demonstrator elements element jihadist rebel combatant troop "
    "gunman attacker bomber citizen passenger villager victim teenager boy girl commander "
    "leader".split()
)
# number words, and the words that count people without a number
_UNITS = {**NUMBER_WORDS, "zero": 0, "single": 1, "dozen": 12, "couple": 2, "both": 2}
# vague quantities, coded conservatively as ACLED does
VAGUE = {
    "several": 3,
    "some": 3,
    "few": 3,
    "many": 3,
    "number": 3,
    "handful": 3,
    "numerous": 3,
    "dozens": 12,
    "scores": 12,
    "tens": 10,
    "hundreds": 100,
    "thousands": 1000,
}
_NUM = re.compile(r"^\(?(\d{1,3}(,\d{3})+|\d+)\)?$")


@dataclass(frozen=True)
class Casualty:
    """A count of people killed, wounded or captured, and the token that reports it."""

    kind: str  # "killed", "wounded", "captured"
    count: int | None
    token: int  # index of the casualty word in the spaCy doc


def parse_number(words: list[str]) -> int | None:
    """Read a number written as digits, words ('twenty-one', 'one hundred') or a vague quantity."""
    total, current, seen = 0, 0, False
    for raw in words:
        w = raw.lower().strip("()")
        if _NUM.match(w):
            return int(w.replace(",", ""))
        for part in w.split("-"):
            if part in _UNITS:
                current += _UNITS[part]
                seen = True
            elif part == "hundred":
                current = max(current, 1) * 100
                seen = True
            elif part == "thousand":
                total += max(current, 1) * 1000
                current = 0
                seen = True
            elif part in VAGUE:
                return VAGUE[part]
    return total + current if seen else None


def count_of(noun: Any) -> int | None:
    """How many people a noun phrase counts: its number, its vague quantity, or 1 for a singular."""
    nums = [c for c in noun.children if c.dep_ in ("nummod", "quantmod") or (c.like_num and c.dep_ != "prep")]
    if nums:
        words = [t.text for t in nums[0].subtree if t.like_num or t.lower_ in _UNITS or t.lower_ in VAGUE]
        value = parse_number(words or [nums[0].text])
        if value is not None:
            return value
    if noun.like_num or noun.lower_ in VAGUE:
        return parse_number([noun.text])
    for child in noun.children:  # "dozens of civilians", "one of the fighters"
        if child.dep_ == "prep" and child.lower_ == "of" and (noun.like_num or noun.lower_ in VAGUE):
            return parse_number([noun.text])
    if noun.lower_ in ("him", "her", "he", "she"):
        return 1
    if noun.tag_ in ("NN", "NNP") and (noun.lemma_.lower() in PERSON_NOUNS or noun.ent_type_ == "PERSON"):
        return 1
    return None


def _group_count(noun: Any) -> int | None:
    """Count a noun and its conjuncts ('two soldiers and a civilian'; 'reporters X and Y')."""
    total = count_of(noun)
    conj = [c for c in noun.children if c.dep_ == "conj"]
    appos = [c for c in noun.children if c.dep_ == "appos"]
    if total is None and appos:  # "reporters Delishan Ibish and Hogir Muhamad"
        names = [appos[0], *(c for c in appos[0].children if c.dep_ == "conj")]
        return len(names)
    if total is None and noun.pos_ == "PROPN":
        return 1 + len(conj)
    for c in conj:
        counted = any(g.dep_ == "nummod" or g.like_num for g in c.children) or c.like_num
        if total is not None and not counted and c.lemma_.lower() not in PERSON_NOUNS:
            continue  # "35 members of the army, Hezbollah and the militia": names, not more people
        extra = _group_count(c)
        if extra is not None:
            total = (total or 0) + extra
    return total


def _victims(word: Any) -> list[Any]:
    """The noun phrases a casualty word counts."""
    if word.lower_ == "death" and word.head.lower_ == "to":  # "beat a man to death"
        verb = word.head.head
        return [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if word.lemma_.lower() == "body":  # "the bodies of three of them were found"
        found = word.head.lemma_.lower() in ("find", "recover", "retrieve", "pull", "discover", "dump")
        return (
            [g for c in word.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
            if found
            else []
        )
    deps_passive = ("nsubjpass", "nsubj")
    kids = list(word.children)
    lemma = word.lemma_.lower()
    if word.pos_ == "VERB" or word.tag_ in ("VBN", "VBD", "VBG"):
        if word.tag_ == "VBN" and word.dep_ in ("acl", "amod") and word.head.pos_ in ("NOUN", "NUM", "PROPN"):
            return [word.head]  # "9 people killed", "the wounded civilians"
        objs = [c for c in kids if c.dep_ in ("dobj", "nsubjpass")]
        if lemma in ("die", "martyr") or word.lower_ in ("dead", "martyred", "died"):
            objs += [c for c in kids if c.dep_ in deps_passive]
        if objs:
            return objs
        if word.lower_ in ("dead", "injured", "wounded", "killed") and word.dep_ in ("acomp", "oprd", "amod"):
            return [c for c in word.head.children if c.dep_ in deps_passive] or [word.head]
        if lemma == "lose":  # "lost their lives"
            return [c for c in kids if c.dep_ == "nsubj"]
        return [c for c in kids if c.dep_ == "nsubj" and lemma in ("die",)]
    # nouns: "the killing of 156 mercenaries", "the wounding of 6 fighters", "18 dead", "two deaths"
    outs = []
    for c in kids:
        if c.dep_ == "prep" and c.lower_ == "of":
            outs += [g for g in c.children if g.dep_ == "pobj"]
    if not outs and any(c.like_num or c.dep_ == "nummod" for c in kids):
        outs = [word]
    if not outs and word.dep_ in ("nsubj", "dobj") and word.lower_ in ("dead", "wounded", "injured"):
        outs = [word]
    return outs


def find_casualties(sent: Any) -> list[Casualty]:
    """Every casualty statement in a sentence span."""
    out: list[Casualty] = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        low = tok.lower_
        if lemma in KILL_LEMMAS or low in ("killed", "dead", "martyred") or (lemma == "lose" and _lives(tok)):
            kind = "killed"
        elif lemma in WOUND_LEMMAS or low in ("wounded", "injured"):
            kind = "wounded"
        elif lemma in CAPTURE_LEMMAS and tok.dep_ in ("ROOT", "conj", "ccomp", "advcl") and _person_obj(tok):
            kind = "captured"
        else:
            continue
        if lemma in ("toll",):
            count = _toll(tok)
            out.append(Casualty(kind, count, tok.i))
            continue
        counts = [c for c in (_group_count(v) for v in _victims(tok)) if c is not None]
        out.append(Casualty(kind, sum(counts) if counts else None, tok.i))
    return out


def _lives(tok: Any) -> bool:
    return any(c.lemma_.lower() == "life" for c in tok.children)


def _person_obj(tok: Any) -> bool:
    objs = [c for c in tok.children if c.dep_ in ("nsubjpass", "dobj")]
    return any(o.lemma_.lower() in PERSON_NOUNS or o.like_num for o in objs)


def _toll(tok: Any) -> int | None:
    """'the death toll rose to 14'."""
    for anc in [tok.head, *tok.head.children]:
        for c in anc.subtree:
            if c.like_num:
                return parse_number([c.text])
    return None
