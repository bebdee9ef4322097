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
    "leader son daughter wife husband father mother brother sister relative elder official employee "
    "driver doctor teacher judge cleric scholar imam chief trader shopkeeper herder".split()
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


# the kinds of people a toll counts, so that two figures for the same people are told from two
# groups killed in one event ("3 soldiers and 5 militants" is 8; "2 soldiers (3 according to X)" is 2)
_GROUPS = {
    "security": "soldier police policeman policemen policewoman officer guard troop troops personnel "
    "commando serviceman servicemen trooper cop recruit army force forces security sergeant captain "
    "colonel general lieutenant major",
    "militant": "militant insurgent terrorist jihadist mercenary element elements extremist",
    "civilian": "civilian person people man men woman women child children resident villager farmer "
    "shepherd worker student passenger citizen boy girl teenager victim pilgrim worshipper family "
    "relative trader driver",
}
GROUP_OF = {w: g for g, words in _GROUPS.items() for w in words.split()}
# nouns that stand for the people of their "of" phrase
QUANTITY_NOUNS = frozenset(("total", "number", "group", "majority", "rest"))
# words that count a toll without saying whose it is ("11 fatalities", "the death toll")
UNSPECIFIED = frozenset("fatality fatalities death deaths dead toll casualty casualties body bodies".split())
# reporting verbs: a figure under one is a source's figure
REPORT_LEMMAS = frozenset("report claim say allege state tell announce confirm put estimate cite add".split())
# words that say people beyond those already counted ("also killed", "another 3", "3 more")
ADDITIVE = frozenset("also another more other additional further too".split())


@dataclass(frozen=True)
class Casualty:
    """A count of people killed, wounded or captured, and the token that reports it."""

    kind: str  # "killed", "wounded", "captured"
    count: int | None
    token: int  # index of the casualty word in the spaCy doc
    # who the count is of ('security', 'militant', 'civilian' or a noun's lemma); empty when the
    # statement does not say ('14 fatalities', '3 were killed')
    groups: frozenset[str] = frozenset()
    # the token that credits the figure to a source ('according to X', 'X reported', an opening
    # parenthesis), -1 when none does
    source: int = -1
    additional: bool = False  # people beyond those already counted: 'also killed', 'another 3'
    grievance: bool = False  # a death named as what people protest ('over the killing of a student')
    side: str = ""  # "own" for a partisan report's own dead ('martyred', 'our fighters')


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
    if noun.lower_ in QUANTITY_NOUNS:  # "a total of 7 soldiers"
        of = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
        if of and of[0].dep_ == "pobj":
            return count_of(of[0])
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
    if noun.tag_ == "NNS" and noun.lemma_.lower() in PERSON_NOUNS:
        return _number_before(noun)
    return None


def _number_before(noun: Any) -> int | None:
    """'5 IS militants', where the parser took the group's name for a verb and lost the number:
    a number right before the noun with only capitalised names between them."""
    i = noun.i - 1
    doc = noun.doc
    while i >= noun.sent.start and i > noun.i - 4 and doc[i].text[:1].isupper() and not doc[i].like_num:
        i -= 1
    if i < noun.i - 1 and i >= noun.sent.start and _NUM.match(doc[i].text):
        return parse_number([doc[i].text])
    return None


def _object_count(noun: Any) -> int | None:
    """A singular victim named by office or role ('killed the director', 'a tribal elder')."""
    named = noun.tag_ == "NN" and noun.lower_ not in UNSPECIFIED | QUANTITY_NOUNS
    victim = noun.dep_ in ("dobj", "nsubjpass", "pobj")
    if named and victim and any(c.dep_ in ("det", "poss") for c in noun.children):
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
    if total is not None:  # "2 militants, 3 policemen and 1 soldier": a list the parser made appositions
        for a in appos:
            if any(g.dep_ == "nummod" for g in a.children):
                total += _group_count(a) or 0
    for c in conj:
        counted = any(g.dep_ == "nummod" or g.like_num for g in c.children) or c.like_num
        if total is not None and not counted and c.lemma_.lower() not in PERSON_NOUNS:
            continue  # "35 members of the army, Hezbollah and the militia": names, not more people
        if total is not None and not counted and not any(g.dep_ in ("det", "poss") for g in c.children):
            continue  # "1 religious scholar and teacher": one person's two roles
        extra = _group_count(c)
        if extra is not None:
            total = (total or 0) + extra
    return total


def _victims(word: Any) -> list[Any]:
    """The noun phrases a casualty word counts."""
    bare = not any(c.dep_ in ("det", "prep", "poss") for c in word.children)  # not "led to the death of"
    if word.lower_ == "death" and word.head.lower_ == "to" and bare:  # "beat a man to death"
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
            objs += [c for c in kids if c.dep_ in deps_passive and c not in objs]
        if not objs and word.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in kids):
            # "were killed and three others wounded": the elided passive's subject is its victims
            objs = [c for c in kids if c.dep_ == "nsubj"]
        if not objs and word.dep_ == "conj" and word.head.pos_ == "VERB" and word.head.tag_ == word.tag_:
            # "1 policeman was shot and killed", "gunmen ambushed and killed a driver"
            objs = [c for c in word.head.children if c.dep_ in ("dobj", "nsubjpass")]
        if objs:
            return objs
        if word.lower_ in ("dead", "injured", "wounded", "killed") and word.dep_ in ("acomp", "oprd", "amod"):
            return [c for c in word.head.children if c.dep_ in deps_passive] or [word.head]
        if lemma == "lose":  # "lost their lives"
            return [c for c in kids if c.dep_ == "nsubj"]
        return [c for c in kids if c.dep_ == "nsubj" and lemma in ("die",)]
    if word.lower_ in ("dead", "wounded", "injured") and word.dep_ == "amod" and word.head.pos_ == "NOUN":
        return [word.head]  # "shot dead two protesters", parsed as "dead ... protesters"
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
            out.append(Casualty(kind, count, tok.i, frozenset(), _attribution(tok)))
            continue
        victims = _victims(tok)
        counts = [c for c in (_group_count(v) for v in victims) if c is not None]
        if not counts and kind == "killed":
            counts = [c for c in (_object_count(v) for v in victims) if c is not None]
        count = sum(counts) if counts else None
        if kind == "killed" and _either_wounded(tok):
            count = None  # "1 soldier was killed or wounded": no death is reported
        groups = frozenset(g for v in victims for g in _groups(v))
        cas = Casualty(
            kind,
            count,
            tok.i,
            groups,
            _attribution(tok),
            _additional(tok, victims),
            _grievance(tok),
            _side(tok, victims),
        )
        out.append(cas)
    return out


_GRIEVANCE_PREPS = frozenset("over against following after about".split())
_GRIEVANCE_VERBS = frozenset("condemn denounce protest demand mourn decry".split())


def _grievance(tok: Any) -> bool:
    """A death a protest is about: a kill noun under 'over', 'against', 'following', 'after' or
    'condemning' ('protested over the killing of a student', 'following the death of a man')."""
    if tok.pos_ != "NOUN":
        return False
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ in _GRIEVANCE_PREPS:
        return True
    return tok.dep_ == "dobj" and head.lemma_.lower() in _GRIEVANCE_VERBS


def _either_wounded(tok: Any) -> bool:
    """'killed or wounded', '7 soldiers were killed and wounded': one count of people who died or
    were hurt, which does not say how many died."""
    alts = [c for c in tok.children if c.dep_ == "conj"]
    if tok.dep_ == "conj":
        alts.append(tok.head)
    wound = [a for a in alts if a.lemma_.lower() in WOUND_LEMMAS or a.lower_ in ("wounded", "injured")]
    if not wound:
        return False
    if any(c.dep_ == "cc" and c.lower_ == "or" for c in [*tok.children, *tok.head.children]):
        return True
    subjects = ("nsubj", "nsubjpass")
    shared = not any(c.dep_ in subjects for a in wound for c in a.children)
    # "killed and wounded" side by side, sharing one subject ("were killed and 3 were wounded" has two)
    return shared and any(abs(a.i - tok.i) <= 2 for a in wound)


def _groups(noun: Any) -> list[str]:
    """Who a victim noun phrase (with its conjuncts) counts: 'security', 'militant', 'civilian',
    another noun's lemma, or nothing for a bare number or a toll word."""
    out = []
    appos = [a for a in noun.children if a.dep_ == "appos"]
    for n in [noun, *(c for c in noun.conjuncts if c.i > noun.i), *appos]:
        head = n
        if head.lower_ in QUANTITY_NOUNS:
            of = [g for c in n.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
            head = of[0] if of else head
        if n.like_num or n.lower_ in VAGUE:  # "one of the fighters"
            of = [g for c in n.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
            if not of:
                continue
            head = of[0]
        lemma = head.lemma_.lower()
        if lemma in UNSPECIFIED or head.pos_ == "PRON" or head.like_num:
            continue
        out.append(GROUP_OF.get(lemma) or GROUP_OF.get(head.lower_) or lemma)
    return out


def _attribution(tok: Any) -> int:
    """The token that credits a figure to a source: under a reporting verb ('VoJ reported 3
    fatalities', 'the army said 5 were killed'), a clause with 'according to', or an opening
    parenthesis; -1 when none does."""
    before = tok.doc[tok.sent.start : tok.i]
    opens = [t.i for t in before if t.text == "("]
    if len(opens) > sum(t.text == ")" for t in before):
        return opens[-1]
    for node in [tok, *tok.ancestors]:
        if any(c.lower_ == "according" for c in node.children) or node.lower_ == "according":
            return int(node.i)
        if node.i != tok.i and node.lemma_.lower() in REPORT_LEMMAS and node.pos_ == "VERB":
            return int(node.i)
    return -1


def _side(tok: Any, victims: list[Any]) -> str:
    """'own' for the dead a partisan report mourns as its own ('3 fighters were martyred', 'four of
    our fighters'), else ''."""
    if tok.lemma_.lower() in ("martyr", "martyrdom") or tok.lower_ == "martyred":
        return "own"
    near = [t for v in victims for t in v.subtree]
    return "own" if any(t.lower_ == "our" for t in near) else ""


def _additional(tok: Any, victims: list[Any]) -> bool:
    """'3 militants were also killed', 'another 2 soldiers', 'two more civilians'."""
    words = [c.lower_ for c in tok.children if c.dep_ == "advmod"]
    words += [c.lower_ for v in victims for c in v.children if c.dep_ in ("amod", "advmod", "det")]
    return any(w in ADDITIVE for w in words)


def combine(statements: list[Casualty], kind: str) -> int | None:
    """One event's toll of a kind from every statement a report makes of it, by ACLED's rules:
    counts of different people add up; the same people told again are counted once; where
    sources give different figures for the same people, the lowest stands."""
    kept: list[Casualty] = []
    for s in statements:
        if s.kind != kind or s.count is None:
            continue
        same = [k for k in kept if k.side == s.side and (not k.groups or not s.groups or k.groups & s.groups)]
        if s.additional or not same:
            kept.append(s)
            continue
        told = sum(k.count or 0 for k in same)
        if s.source >= 0 and all(k.source != s.source for k in same):
            # another source's figure for the same people: the lowest stands
            if s.count < told:
                kept = [k for k in kept if all(k is not x for x in same)] + [s]
            continue
        if not s.groups:  # a toll that does not say whose ('11 fatalities'): a total, told or updated
            if s.count > told:
                kept = [k for k in kept if all(k is not x for x in same)] + [s]
            continue
        if any(k.count == s.count and k.groups == s.groups for k in same):
            continue  # the same people told again
        kept.append(s)
    return sum(k.count or 0 for k in kept) if kept else None


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
