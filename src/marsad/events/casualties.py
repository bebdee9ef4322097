"""Casualties: deaths, wounded and captured, with numbers read by ACLED's conservative rules."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from marsad.events.forms import tokens_with
from marsad.knowledge import load_json
from marsad.words import MONTHS, NUMBER_WORDS


def _word_lists() -> dict[str, frozenset[str]]:
    lists: dict[str, set[str]] = {}
    for entry in load_json("tolls.json"):
        lists.setdefault(entry["name"], set()).update(w.lower() for w in entry["words"])
    return {name: frozenset(words) for name, words in lists.items()}


# the word lists that decide how a figure is read (knowledge/packs/core-en/tolls.json)
WORDS = _word_lists()

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
    "civilian": "civilian man men woman women child children resident villager farmer "
    "shepherd worker student passenger citizen boy girl teenager pilgrim worshipper family "
    "relative trader driver schoolchild schoolchildren pupil baby infant",
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
    sentence: int = -1  # the sentence that makes the statement (its first token's index)
    cumulative: bool = False  # a running total ('the war has killed 300,000', 'since March 2011')
    update: bool = False  # a figure that replaces the one told before ('the toll rose to 30')
    earlier: bool = False  # a figure the report gives as outdated ('had earlier reported 12')
    alternative: bool = False  # a figure given as a claim or a contrasting count ('claimed 12')
    narrow: bool = False  # people singled out among the dead ('three children'): part of a toll
    vague: bool = False  # a vague quantity ('dozens', 'several') rather than a figure


def parse_number(words: list[str]) -> int | None:
    """Read a number written as digits, words ('twenty-one', 'one hundred') or a vague quantity."""
    total, current, seen = 0, 0, False
    vague: int | None = None  # "some 20" is 20, "several" alone is 3
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
            elif part in VAGUE and vague is None:
                vague = VAGUE[part]
    return total + current if seen else vague


def count_of(noun: Any) -> int | None:
    """How many people a noun phrase counts: its number, its vague quantity, or 1 for a singular."""
    if noun.lower_ in QUANTITY_NOUNS:  # "a total of 7 soldiers"
        of = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
        if of and of[0].dep_ == "pobj":
            return count_of(of[0])
    nums = [c for c in noun.children if c.dep_ in ("nummod", "quantmod") or (c.like_num and c.dep_ != "prep")]
    nums = [c for c in nums if not c.like_num or countable(c)]
    if nums:
        words = [
            t.text
            for t in nums[0].subtree
            if (t.like_num and countable(t)) or t.lower_ in _UNITS or t.lower_ in VAGUE
        ]
        value = parse_number(words or [nums[0].text])
        if value is not None:
            return value
    if (noun.like_num and countable(noun)) or noun.lower_ in VAGUE:
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
    if (
        total is None and appos and noun.lemma_.lower() in PERSON_NOUNS
    ):  # "reporters Delishan Ibish and Hogir Muhamad"
        names = [appos[0], *(c for c in appos[0].children if c.dep_ == "conj")]
        return len(names)
    if total is None and noun.pos_ == "PROPN":
        return 1 + len(conj)
    if total is not None:  # "2 militants, 3 policemen and 1 soldier": a list the parser made appositions
        for a in appos:
            if any(g.dep_ == "nummod" for g in a.children):
                total += _group_count(a) or 0
    for c in conj:
        if any(_casualty_word(g) and g.lower_ != noun.head.lower_ for g in c.children):
            continue  # "50 martyrs and 200 others wounded": the others are the next word's
        counted = any(g.dep_ == "nummod" or g.like_num for g in c.children) or c.like_num
        if total is not None and not counted and c.lemma_.lower() not in PERSON_NOUNS:
            continue  # "35 members of the army, Hezbollah and the militia": names, not more people
        kin = c.lemma_.lower() in WORDS["kin_nouns"] or c.lower_ in WORDS["kin_nouns"]
        if (
            total is not None
            and not counted
            and not kin
            and not any(g.dep_ in ("det", "poss") for g in c.children)
        ):
            continue  # "1 religious scholar and teacher": one person's two roles, but "a woman and child"
        extra = _group_count(c)
        if extra is not None and extra == count_of(noun) and c.lemma_.lower() == noun.lemma_.lower():
            continue  # "kill at least 15 civilians ... At least 15 civilians were killed": told twice
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
        reduced = (
            word.tag_ == "VBN" and word.dep_ in ("acl", "amod") and word.head.pos_ in ("NOUN", "NUM", "PROPN")
        )
        if reduced and not any(c.dep_ == "dobj" for c in kids):
            return [word.head]  # "9 people killed", "the wounded civilians"; not "a blast killed 16 people"
        objs = [c for c in kids if c.dep_ in ("dobj", "nsubjpass")]
        if any(
            c.dep_ == "nsubjpass" for c in objs
        ):  # a passive has no object: "killed among them 4 children"
            objs = [c for c in objs if c.dep_ == "nsubjpass"]
        # "Two children killed 5 others injured": a number whose own casualty word follows is that word's
        objs = [c for c in objs if not any(_casualty_word(g) for g in c.children if g.dep_ == "acl")]
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
    if word.lower_ in ("life", "lives"):  # "claimed the lives of 18 civilians", "claiming two lives"
        of = [
            g for c in kids if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"
        ]
        return of or [word]
    if word.dep_ == "compound" and (word.head.like_num or word.head.lower_ in VAGUE):
        return [word.head]  # "killing scores of terrorists", parsed as one noun phrase
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
    for tok in tokens_with(sent, _CASUALTY_LEMMAS, _CASUALTY_FORMS):
        lemma = tok.lemma_.lower()
        low = tok.lower_
        if lemma in KILL_LEMMAS or low in _KILLED_FORMS or (lemma == "lose" and _lives(tok)):
            kind = "killed"
        elif low in _LIVES and tok.head.lemma_.lower() in _LIFE_TAKERS:
            kind = "killed"  # "claimed the lives of 18 civilians"
        elif lemma in WOUND_LEMMAS or low in _WOUNDED_FORMS:
            kind = "wounded"
        elif lemma in CAPTURE_LEMMAS and tok.dep_ in ("ROOT", "conj", "ccomp", "advcl") and _person_obj(tok):
            kind = "captured"
        else:
            continue
        if _aimed(tok):
            continue
        flags = {
            "sentence": sent.start,
            "cumulative": _cumulative(tok),
            "update": _update(tok),
            "earlier": _earlier(tok),
            "alternative": _alternative(tok),
        }
        if lemma in ("toll",):
            count = _toll(tok)
            flags["cumulative"] = flags["cumulative"] or (count or 0) > LARGEST_EVENT_TOLL
            out.append(Casualty(kind, count, tok.i, frozenset(), _attribution(tok), **flags))
            continue
        victims = _victims(tok)
        numbered = [
            v
            for v in victims
            if v.like_num
            or v.lower_ in QUANTITY_NOUNS | VAGUE.keys()
            or any(c.dep_ == "nummod" for c in v.children)
        ]
        if len(victims) > 1 and numbered:
            victims = numbered  # "Syria At least 45 civilians were killed": two subjects, one counted
        seen: set[tuple[str, int | None]] = set()
        once = []
        for v in victims:  # "kill at least 8 civilians ... At least 8 civilians were killed": told twice
            told_as = (v.lemma_.lower(), count_of(v))
            if told_as not in seen:
                once.append(v)
            seen.add(told_as)
        victims = once
        if len(victims) == 1 and _tally(victims[0]):
            # "bringing the number killed to 45": the number is a toll
            figure = victims[0]
            flags = {**flags, "update": flags["update"] or _update(figure)}
            out.append(Casualty(kind, _toll(figure), tok.i, frozenset(), _attribution(tok), **flags))
            continue
        # the casualty noun counted by its own number ('50 martyrs and 200 others wounded') counts
        # only itself; its conjuncts are other words' people
        counter = count_of if victims == [tok] else _group_count
        counts = [c for c in (counter(v) for v in victims) if c is not None]
        if not counts and kind == "killed":
            counts = [c for c in (_object_count(v) for v in victims) if c is not None]
        count = sum(counts) if counts else None
        groups = frozenset(g for v in victims for g in _groups(v))
        nouns = list(victims)
        vague = any(t.lower_ in VAGUE for v in victims for t in v.subtree) and not any(
            t.like_num for v in victims for t in v.subtree
        )
        near = _adjacent_count(tok)
        if near is not None:
            value, number, noun = near
            told = any(number.i in (t.i for t in v.subtree) for v in victims)
            if count is None or not told or count < value:  # the parse lost the number, or took another
                count = value
                nouns = [noun] if noun is not None else []
                groups = frozenset(g for n in nouns for g in _groups(n))
                vague = number.lower_ in VAGUE
        if kind == "killed" and _either_wounded(tok):
            count = None  # "1 soldier was killed or wounded": no death is reported
        if count is not None and count > LARGEST_EVENT_TOLL:
            flags["cumulative"] = True  # "more than 300,000 people have been killed"
        cas = Casualty(
            kind,
            count,
            tok.i,
            groups,
            _attribution(tok),
            _additional(tok, victims),
            _grievance(tok),
            _side(tok, victims),
            narrow=bool(nouns) and all(_narrow(n) for n in nouns),
            vague=vague,
            **flags,
        )
        out.append(cas)
    return out


# the words of a casualty statement (`find_casualties`): by lemma, and by form
_KILLED_FORMS = frozenset(("killed", "dead", "martyred"))
_LIVES = frozenset(("life", "lives"))
_WOUNDED_FORMS = frozenset(("wounded", "injured"))
_CASUALTY_LEMMAS = KILL_LEMMAS | WOUND_LEMMAS | CAPTURE_LEMMAS | {"lose"}
_CASUALTY_FORMS = _KILLED_FORMS | _LIVES | _WOUNDED_FORMS

# no one event, atomic by day and place, kills more: a larger figure is a running total, whatever
# the sentence says of its span ('more than 300,000 people have been killed')
LARGEST_EVENT_TOLL = 5000

# verbs whose object 'lives' counts the dead ("claimed the lives of", "took 5 lives", "cost 3 lives")
_LIFE_TAKERS = frozenset(("claim", "take", "cost", "end"))
_DATE_LIKE = re.compile(r"^\d{1,4}([-./]\d{1,2}){1,2}([-./]\d{2,4})?$|^\d{1,2}:\d{2}$")


def _aimed(tok: Any) -> bool:
    """A casualty verb in a 'to'-infinitive under a verb of aim, threat or attempt ('attempted to
    kill an officer', 'vowed to kill'): no one was hurt by it. Under 'went on to', 'managed to' it
    happened."""
    if tok.pos_ != "VERB" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    head = tok.head
    return (
        tok.dep_ in ("xcomp", "advcl", "ccomp", "acl") and head.lemma_.lower() not in WORDS["achieved_heads"]
    )


def _month(tok: Any) -> bool:
    """A month's name or abbreviation ('Jul', 'Sept.', 'March'), not the verb 'may'."""
    word = tok.text.rstrip(".")
    return word.isalpha() and word[:1].isupper() and word[:3].lower() in MONTHS and len(word) >= 3


def countable(tok: Any) -> bool:
    """A number that can count people: not a date, a time, a year, an age, a percentage or the number
    of a unit, a road or a weapon ('09-07-2015', 'at 0914', 'a 12-year-old', 'Division 30', 'Mi-8')."""
    if tok.ent_type_ in ("ORDINAL", "PERCENT", "MONEY") and not _number_word(tok):
        return False
    text = tok.text.strip("()")
    if _DATE_LIKE.match(text) or _in_date(tok):
        return False
    doc = tok.doc
    prev = doc[tok.i - 1] if tok.i > 0 else None
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if prev is not None and prev.text == "-" and tok.i > 1:
        prev = doc[tok.i - 2]  # "Mi-8", "F-16"
    day = text.isdigit() and (int(text) <= 31 or text.startswith("0") or len(text) > 4)
    if day and any(t is not None and _month(t) for t in (prev, nxt)):
        return False  # "Jul 11", "5 July", "Nov 022017"
    if (prev is not None and prev.lower_ in WORDS["unit_nouns"]) or (
        prev is not None and prev.lower_ == "aged"
    ):
        return False
    if nxt is not None and nxt.lower_ in WORDS["time_words"]:
        return False
    if text.isdigit() and len(text) == 4 and (text.startswith("19") or text.startswith("20")):
        return False  # a year; a toll of two thousand is written 2,000
    return not (text.isdigit() and len(text) >= 3 and text.startswith("0"))  # a time: "at 0914"


def _in_date(tok: Any) -> bool:
    """A number in a date the tokenizer split ('09 - 09 - 2014', '20.04.2017'): three numbers joined
    by separators, or two with a year; a range ('15-16 soldiers') is neither."""
    doc = tok.doc
    chain = [tok]
    i = tok.i
    while i - 2 >= 0 and _joined(doc[i - 2], doc[i - 1]):
        i -= 2
        chain.insert(0, doc[i])
    i = tok.i
    while i + 2 < len(doc) and _joined(doc[i], doc[i + 1]) and doc[i + 2].like_num:
        i += 2
        chain.append(doc[i])
    return len(chain) >= 3 or (len(chain) == 2 and any(_year(t) for t in chain))


_SEPARATORS = frozenset(("-", "/", "."))


def _joined(number: Any, separator: Any) -> bool:
    """A number and a separator written together with what follows ('09-09', not '2017. Five')."""
    return bool(
        number.like_num
        and separator.text in _SEPARATORS
        and not number.whitespace_
        and not separator.whitespace_
    )


def _number_word(tok: Any) -> bool:
    return tok.lower_ in _UNITS or tok.lower_ in VAGUE


def _number_at(doc: Any, i: int) -> bool:
    tok = doc[i]
    return (tok.like_num and countable(tok) and parse_number([tok.text]) is not None) or tok.lower_ in VAGUE


def _plural(tok: Any) -> bool:
    """A plural noun, the head of the people a number counts ('5 Militants', '3 'Arbakis'')."""
    return tok.tag_ in ("NNS", "NNPS") and tok.lower_ not in WORDS["time_words"]


def _person_word(tok: Any) -> bool:
    word = tok.lemma_.lower()
    if tok.tag_ in ("NNPS", "NNP") and word.endswith("s"):
        word = word[:-1]  # a title-case headline's 'Militants'
    low = tok.lower_
    return (
        word in PERSON_NOUNS
        or word in GROUP_OF
        or low in GROUP_OF
        or low in WORDS["generic_people"]
        or (word in WORDS["narrow_nouns"] or low in WORDS["narrow_nouns"])
    )


def _modifier(tok: Any) -> bool:
    """A word inside the noun phrase between a number and the people it counts ('7 Al-Nusra gunmen',
    '18 partner forces', '3 pro-government fighters')."""
    if tok.like_num or (tok.is_punct and tok.text != "-"):
        return False
    return (
        tok.pos_ in ("ADJ", "PROPN")
        or tok.dep_ in ("compound", "amod")
        or tok.text[:1].isupper()
        or tok.text == "-"
    )


_ACTIVE_TAGS = frozenset(("VB", "VBD", "VBZ", "VBP", "VBG", "NN", "NNS", "NNP"))  # NNP: title-case headlines


def _adjacent_count(tok: Any) -> tuple[int, Any, Any] | None:
    """The figure written right beside a casualty word, as headlines and leads write it ('2 Civilians
    Killed 9 Injured', 'Air Strikes Kill 7 Al-Nusra Gunmen', '15 people were killed'), which the
    parser often attaches elsewhere: (the count, its number token, the noun it counts or None)."""
    passive = tok.tag_ in ("VBN", "JJ") or tok.lower_ in ("dead", "died", "martyred")
    if passive:
        found = _count_left(tok)
        if found is not None:
            return found
    if tok.tag_ in _ACTIVE_TAGS or (tok.tag_ == "VBN" and tok.lower_ != "dead"):
        found = _count_right(tok)
        objects = [c for c in tok.children if c.dep_ == "dobj"]
        owned = [o for o in objects if not o.like_num and not any(_casualty_word(g) for g in o.children)]
        if found is None and tok.tag_ == "VBD" and not owned:
            return _count_left(tok)  # "2 Civilians Killed 9 Injured": a headline's passive, tagged active
        return found
    return None


def _count_left(tok: Any) -> tuple[int, Any, Any] | None:
    """'[at least] 15 [Syrian] people [were] killed', 'Four killed', 'dozens of civilians were killed'."""
    doc, start = tok.doc, tok.sent.start
    i = tok.i - 1
    while i >= start and (doc[i].lower_ in WORDS["auxiliaries"] or doc[i].text in _QUOTES):
        i -= 1
    noun = None
    j = i
    # the people counted: a word for people, or a name in the plural ("3 'Arbakis' were killed")
    named = (
        doc[j].tag_ in ("NNS", "NNPS", "NNP") and doc[j].lower_ not in WORDS["time_words"]
        if j >= start
        else False
    )
    if j >= start and (_person_word(doc[j]) or named) and not doc[j].like_num:
        noun = doc[j]
        j -= 1
        while (
            j >= start
            and j > i - 5
            and (_modifier(doc[j]) or doc[j].text in _QUOTES)
            and not _person_word(doc[j])
        ):
            j -= 1
        if j >= start and doc[j].lower_ == "of" and j - 1 >= start and doc[j - 1].lower_ in VAGUE:
            j -= 1  # "dozens of civilians"
    if j < start or not _number_at(doc, j):
        return None
    number = doc[j]
    k = j - 1
    if (k - 1 >= start and doc[k].lower_ == "including") or (
        k - 2 >= start and doc[k].lower_ in ("them", "whom") and doc[k - 1].lower_ == "among"
    ):
        # "11 civilians including two children were killed": the count is the whole's
        whole = _count_left_of(doc, k - 1 if doc[k].lower_ == "including" else k - 2, start)
        if whole is not None:
            return whole
    low = _range_start(doc, j, start)
    if low is not None:
        number = low
    value = parse_number([number.text])
    return (value, number, noun) if value is not None else None


_QUOTES = frozenset(("'", '"', "\u2018", "\u2019", "\u201c", "\u201d", "``", "''"))


def _count_left_of(doc: Any, i: int, start: int) -> tuple[int, Any, Any] | None:
    """A count and its noun ending at token i ('11 civilians' before 'including')."""
    if i < start or not _person_word(doc[i]):
        return None
    noun = doc[i]
    j = i - 1
    while j >= start and j > i - 5 and _modifier(doc[j]) and not _person_word(doc[j]):
        j -= 1
    if j < start or not _number_at(doc, j):
        return None
    value = parse_number([doc[j].text])
    return (value, doc[j], noun) if value is not None else None


def _range_start(doc: Any, j: int, start: int) -> Any:
    """The lower end of a range ending at token j ('10 to 15', '15-16', 'between 10 and 15')."""
    if j - 2 >= start and doc[j - 1].lower_ in ("-", "to", "and", "or") and _number_at(doc, j - 2):
        low, high = parse_number([doc[j - 2].text]), parse_number([doc[j].text])
        if low is not None and high is not None and low < high:
            return doc[j - 2]
    return None


def _count_right(tok: Any) -> tuple[int, Any, Any] | None:
    """'kills [at least] 16 in Hasaka', 'killing 40 attackers', 'killed scores of terrorists'."""
    doc, end = tok.doc, tok.sent.end
    k = tok.i + 1
    while k < end and doc[k].lower_ in WORDS["quantifiers"] and not _number_at(doc, k):
        k += 1
    if k >= end or not _number_at(doc, k):
        return None
    number = doc[k]
    if k + 2 < end and doc[k + 1].lower_ in ("-", "to", "or") and _number_at(doc, k + 2):
        k += 2  # a range: its lower end stands
    m = k + 1
    if m < end and doc[m].lower_ == "of":
        m += 1
        while m < end and doc[m].lower_ in ("the", "them", "its", "their", "those"):
            m += 1
    noun = None
    n = m
    while n < end and n < m + 4 and not _person_word(doc[n]) and not _plural(doc[n]) and _modifier(doc[n]):
        n += 1
    plural = n < end and _plural(doc[n])
    if n < end and (_person_word(doc[n]) or plural) and not doc[n].like_num:
        noun = doc[n]
        if n + 1 < end and _casualty_word(doc[n + 1]):
            return None  # "killed 5 others injured": the count is the next word's
    elif m < end and not (
        doc[m].pos_ in ("ADP", "PUNCT", "CCONJ", "SCONJ") or doc[m].lower_ in _BARE_FOLLOWERS
    ):
        return None  # "killed 3 tanks", "Killed 9 Injured": the number counts something else
    if doc[m - 1].lower_ == "them" and noun is None:
        return None
    value = parse_number([number.text])
    return (value, number, noun) if value is not None else None


# words that may follow a bare count of the dead ('kills 16 on Tuesday', 'killing 2 yesterday')
_BARE_FOLLOWERS = frozenset("on yesterday today overnight late early this last as while when after".split())


def _clause(tok: Any) -> Any:
    """The verb a casualty word's statement hangs on (the word itself when it is the verb)."""
    node = tok
    for _ in range(4):
        if node.pos_ in ("VERB", "AUX") or node.dep_ == "ROOT":
            return node
        node = node.head
    return node


def _cumulative(tok: Any) -> bool:
    """A running total rather than one event's toll: 'the war has killed 300,000', 'killed since
    March 2011', 'in three months of fighting', 'so far this year', 'during the month-long campaign'."""
    opening = [t for t in tok.sent[:3] if t.lower_ == "since"]
    if opening and any(_start_marker(g) or _month(g) for g in tok.sent[opening[0].i - tok.sent.start :][:6]):
        return True  # "Since Sept. 19 when the truce ended, at least 359 civilians have been killed"
    clause = _clause(tok)
    if clause.dep_ == "relcl" and clause.head.lemma_.lower() in WORDS["cumulative_nouns"]:
        return True  # "a conflict that has killed 280,000 people"
    words = list(clause.subtree)
    text = " ".join(t.lower_ for t in words)
    if any(f" {p} " in f" {text} " for p in WORDS["cumulative_phrases"]):
        return True
    nouns, periods = WORDS["cumulative_nouns"], WORDS["cumulative_periods"]
    for t in words:
        low = t.lower_
        if low not in ("since", "from") and low not in periods and t.lemma_.lower() not in nouns:
            continue  # no word of a running total (the superlative's frame is read only for those)
        if _superlative(t, clause):
            continue  # "the deadliest attack in almost a year", "the worst since 2013"
        named = t.head.subtree if t.dep_ == "mark" else t.subtree  # "since the war began", "since 2011"
        if low == "since" and any(_start_marker(g) for g in named if g.i != t.i):
            return True
        if low == "from" and any(_month(g) or _year(g) for g in t.subtree if g.i != t.i):
            return True  # "from March 2011 to June 2016"
        placed = t.dep_ in ("nsubj", "poss", "compound") or (
            t.dep_ == "pobj" and t.head.lower_ in ("in", "of", "during", "throughout", "from")
        )
        if (
            placed and t.lemma_.lower() in WORDS["cumulative_nouns"] and t.is_lower
        ):  # not 'Uprising militiamen'
            return True
        if low in WORDS["cumulative_periods"] and not _age(t) and _in_adjunct(t, clause):
            return True
    return False


def _superlative(tok: Any, clause: Any) -> bool:
    """A word inside a superlative's frame ('the deadliest such incident in almost a year', 'the
    worst attack since Moscow intervened in the war'), which dates the comparison, not the toll."""
    doc = tok.doc
    before = doc[max(tok.sent.start, tok.i - 12) : tok.i]
    return any(t.tag_ == "JJS" and t.lower_ not in ("least", "most") for t in before)


def _year(tok: Any) -> bool:
    return tok.text.isdigit() and len(tok.text) == 4 and tok.text[:2] in ("19", "20")


def _start_marker(tok: Any) -> bool:
    """What 'since' names when it starts a running total: a year, a month, the war's start."""
    low = tok.lower_
    if tok.text.isdigit() and len(tok.text) == 4:
        return True
    if _month(tok):
        return True
    starts = (
        "start",
        "beginning",
        "outbreak",
        "began",
        "begun",
        "started",
        "erupted",
        "broke",
        "intervened",
        "launched",
        "offensive",
    )
    return low in starts or tok.lemma_.lower() in WORDS["cumulative_nouns"]


def _age(tok: Any) -> bool:
    doc = tok.doc
    after = doc[tok.i + 1 : tok.i + 3]
    return any(t.lower_ in ("old", "-old") for t in after) or tok.lower_.endswith("-old")


def _in_adjunct(tok: Any, clause: Any) -> bool:
    """A period word inside a time phrase of the statement ('in three months', 'over the past two
    weeks', 'this year'), not one naming something else ('a two-year truce')."""
    node = tok
    for _ in range(4):
        if node.i == clause.i:
            return False
        head = node.head
        if head.dep_ == "prep" and head.lower_ in (
            "in",
            "over",
            "during",
            "within",
            "throughout",
            "for",
            "since",
        ):
            return True
        if head.i == node.i:
            return False
        node = head
    return False


def _update(tok: Any) -> bool:
    """A figure told as the toll's new value ('the toll rose to 30', 'bringing the number killed to
    45', 'has raised the death toll to 22')."""
    for node in [tok, *list(tok.ancestors)[:3]]:
        if node.lemma_.lower() in WORDS["update_words"] or node.lower_ in WORDS["update_words"]:
            # the toll moved to a figure ('rose to 30', 'reached 20'), not a page's 'Last updated at'
            to = any(c.dep_ == "prep" and c.lower_ == "to" for c in node.children)
            reached = node.lemma_.lower() == "reach" and any(
                c.dep_ in ("dobj", "attr") for c in node.children
            )
            return to or reached
    return False


def _earlier(tok: Any) -> bool:
    """A figure given as outdated ('had earlier reported 12 dead', 'an initial toll of 5')."""
    for node in [tok, *list(tok.ancestors)[:3]]:
        if any(c.lower_ in WORDS["earlier_words"] and c.dep_ in ("advmod", "amod") for c in node.children):
            return True
    return False


def _alternative(tok: Any) -> bool:
    """A figure given as a claim or set against another ('the militants claimed 12 were killed', 'gave a
    lower toll of 31')."""
    for node in [tok, *list(tok.ancestors)[:3]]:
        if node.lemma_.lower() in WORDS["alternative_words"] and node.pos_ == "VERB":
            return True
        if any(c.lower_ in WORDS["alternative_words"] and c.dep_ == "amod" for c in node.children):
            return True
    return False


def _casualty_word(tok: Any) -> bool:
    low = tok.lower_
    return (
        low in ("killed", "dead", "wounded", "injured", "died", "martyred")
        or tok.lemma_.lower() in WOUND_LEMMAS
    )


def _generic(noun: Any) -> bool:
    """A noun that counts people without saying who they are ('people', 'victims', 'others')."""
    return noun.lemma_.lower() in WORDS["generic_people"] or noun.lower_ in WORDS["generic_people"]


def _narrow(noun: Any) -> bool:
    """People a report singles out among the dead ('three children', 'two women and a child')."""
    if noun.lower_ in QUANTITY_NOUNS or noun.like_num or noun.lower_ in VAGUE:
        of = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
        if not of:
            return False
        noun = of[0]
    names = [noun, *(c for c in noun.conjuncts if c.i > noun.i)]
    return all(n.lemma_.lower() in WORDS["narrow_nouns"] or n.lower_ in WORDS["narrow_nouns"] for n in names)


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
        if lemma in UNSPECIFIED or head.pos_ == "PRON" or head.like_num or _generic(head):
            continue
        group = GROUP_OF.get(lemma) or GROUP_OF.get(head.lower_)
        if group or _person_word(head) or head.ent_type_ == "PERSON":
            out.append(group or lemma)  # not 'monitor' or 'blast', which the parser may take for victims
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
    words += [
        c.lower_
        for v in victims
        for c in v.children
        if c.dep_ in ("amod", "advmod", "det")
        and not (c.i + 1 < len(c.doc) and c.doc[c.i + 1].lower_ == "than")
    ]
    # "also 8 Taliban militants": the word may modify the number
    words += [
        g.lower_
        for v in victims
        for c in v.children
        if c.dep_ == "nummod"
        for g in c.children
        if not (g.i + 1 < len(g.doc) and g.doc[g.i + 1].lower_ == "than")
    ]
    return any(w in ADDITIVE for w in words)


def combine(statements: list[Casualty], kind: str) -> int | None:
    """One event's toll of a kind from every statement a report makes of it, by ACLED's rules.

    Within a sentence, counts of different people add up ('killed 5 soldiers and 3 civilians').
    Across sentences, the same toll told again (the headline, the lead, 'the 62 dead') is one
    figure, never summed; people told as more ('also', 'another', 'a further') or as another side
    add up; an updated figure ('the toll rose to 30') replaces the earlier one; people singled out
    among the dead ('three children') are part of the toll; a precise figure stands over a vague
    one ('dozens'); where a source gives another figure for the same people, the lowest stands.
    A running total ('the war has killed 300,000') is never an event's toll.
    """
    told = [s for s in statements if s.kind == kind and s.count is not None and not s.cumulative]
    told = [s for s in told if not s.earlier] or told  # an earlier figure stands only alone
    total: Casualty | None = None
    for sentence in _by_sentence(told):
        figure = _sentence_figure(sentence)
        total = figure if total is None else _next_figure(total, figure)
    return total.count if total is not None else None


def _by_sentence(statements: list[Casualty]) -> list[list[Casualty]]:
    out: list[list[Casualty]] = []
    for s in statements:
        if out and out[-1][0].sentence == s.sentence:
            out[-1].append(s)
        else:
            out.append([s])
    return out


def _sentence_figure(statements: list[Casualty]) -> Casualty:
    """The toll one sentence tells, as one statement: different people add up, the same people told
    twice are counted once, and where two sources differ the lowest stands."""
    kept: list[Casualty] = []
    for s in statements:
        same = [k for k in kept if k.side == s.side and (not k.groups or not s.groups or k.groups & s.groups)]
        if s.additional or not same:
            kept.append(s)
            continue
        told = sum(k.count or 0 for k in same)
        if any(k.count == s.count for k in same):
            continue  # the same people told again ('kills six ... killed six people')
        if s.narrow and not all(k.narrow for k in same):
            continue  # people singled out among those counted ('six children were among 19 killed')
        if all(k.narrow for k in same) and not s.narrow and (s.count or 0) >= told:
            kept = [k for k in kept if all(k is not x for x in same)] + [s]
            continue
        if s.source >= 0 and all(k.source != s.source for k in same):
            # another source's figure for the same people: the lowest stands
            if (s.count or 0) < told:
                kept = [k for k in kept if all(k is not x for x in same)] + [s]
            continue
        # the same people counted again, or more fully ('as well as the 10 killed, 21 others died',
        # which the parser reads as 31): the fuller count stands
        if (s.count or 0) > told:
            kept = [k for k in kept if all(k is not x for x in same)] + [s]
    first = kept[0]
    return replace(
        first,
        count=sum(k.count or 0 for k in kept),
        groups=frozenset(g for k in kept for g in k.groups),
        additional=all(k.additional for k in kept),
        update=any(k.update for k in statements),
        earlier=all(k.earlier for k in statements),
        alternative=any(k.alternative or k.source >= 0 for k in statements),
        narrow=all(k.narrow for k in kept),
        vague=all(k.vague for k in kept),
    )


# the sides a toll may count apart; other nouns ('rebels', 'members') may be anyone's
_SIDES = frozenset(_GROUPS)


def _next_figure(total: Casualty, s: Casualty) -> Casualty:
    """The event's toll after one more sentence's figure `s` (see `combine`)."""
    count, told = s.count or 0, total.count or 0
    if s.earlier:
        return total
    if s.update:
        return s
    added = replace(total, count=told + count, groups=total.groups | s.groups, vague=total.vague and s.vague)
    if s.additional or total.side != s.side:
        return added
    if total.vague != s.vague:
        return s if total.vague else total
    sides, other = total.groups & _SIDES, s.groups & _SIDES
    if sides == total.groups and other == s.groups and sides and other and not sides & other:
        return added  # another side's dead ('4 soldiers were killed ... 6 militants died')
    if s.narrow != total.narrow:
        return s if total.narrow and count >= told else total  # a part of the toll, or the whole after it
    if count == told:
        return total
    if s.groups and s.groups != total.groups:
        return s if count > told else total  # a part of the toll, or a fuller count of it
    if s.alternative:
        return s if count < told else total  # another figure for the same people: the lowest stands
    return s if count > told else total


def _lives(tok: Any) -> bool:
    return any(c.lemma_.lower() == "life" for c in tok.children)


def _person_obj(tok: Any) -> bool:
    objs = [c for c in tok.children if c.dep_ in ("nsubjpass", "dobj")]
    return any(o.lemma_.lower() in PERSON_NOUNS or o.like_num for o in objs)


def _toll(tok: Any) -> int | None:
    """'the death toll rose to 14', 'put the toll at 31', 'a toll of 6', 'the toll is 12'."""
    for node in (tok, tok.head):
        for prep in node.children:
            if prep.dep_ == "prep" and prep.lower_ in ("to", "at", "of"):
                for obj in prep.subtree:
                    value = _figure(obj)
                    if value is not None:
                        return value
        for obj in node.children:
            if obj.dep_ in ("attr", "dobj", "npadvmod") and obj.i != tok.i:
                value = _figure(obj)
                if value is not None:
                    return value
    for anc in [tok.head, *tok.head.children]:
        for c in anc.subtree:
            if c.like_num and countable(c) and c.i > tok.i:  # a toll's figure follows it
                return parse_number([c.text])
    return None


def _tally(noun: Any) -> bool:
    """'the number killed', 'the total dead': a count told as a figure, not as people."""
    of = any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)
    counted = any(c.like_num for c in noun.children)
    return noun.lower_ in ("number", "total") and noun.dep_ != "pobj" and not of and not counted


def _figure(tok: Any) -> int | None:
    """The number a toll's object gives: the number itself, or the number of its noun ('8 civilians')."""
    if tok.like_num and countable(tok):
        return parse_number([tok.text])
    return count_of(tok) if tok.pos_ in ("NOUN", "NUM") else None
