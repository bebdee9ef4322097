"""Discourse: which of a report's events are its news, and which are background or history.

A news article tells its news (the headline, the lead, what happened in the days before it was
published) inside older material: the war's beginning, a count of the dead since some start, a
town's earlier fall, a standing situation the news came "amid". An ACLED coder codes the news
only. This pass reads each `occurred` event against the document and gives the others their own
modality, so they stay visible (and exportable on request) without counting as events:

- `historical`: the event's date lies before the reporting window (`window_days` before the
  reference date). An old event the report tells as news today (a grave found today) is dated
  today and stays news.
- `background`: a cue in the event's own clause sets it as a standing situation or a count over
  time ("since the war began", "in the past", "for years"); or the event is the backdrop of another
  ("the raids came amid heavy clashes"); or its noun is put in the past ("previous bombings").

The cues are data (`knowledge/packs/core-en/discourse.json`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Any

from spacy.attrs import IDX

from marsad.events.cues import cues, window_start
from marsad.model import Document, Event
from marsad.model.taxonomy import TERRITORIAL, VIOLENT_EVENT_TYPES
from marsad.services.actors import is_country
from marsad.timeexpr.syntax import clause_of, is_ancestor, root_of, tokens_in

HISTORICAL = "historical"
BACKGROUND = "background"


# the parse of a document's sentence by index (`marsad.stages.nlp.parsed`), or None
ParseOf = Callable[[Document, int], Any]


def read_discourse(doc: Document, parsed: ParseOf) -> None:
    """Give each `occurred` event of `doc` that is not the report's news its own modality."""
    start = window_start(doc.reference_date)
    lead = lead_end(doc)
    for event in doc.events:
        if event.modality != "occurred":
            continue
        role = discourse_role(doc, event, start, parsed, lead)
        if role is not None:
            event.modality = role


def lead_end(doc: Document) -> int:
    """Index of the first sentence after the lead: the headline, then the body's first paragraph
    or, where the body is one block, its first two sentences."""
    body = [p for p in doc.paragraphs if not p.is_heading]
    if not body:
        return len(doc.sentences)
    inside = [s.index for s in doc.sentences if body[0].start <= s.start < body[0].end]
    return min(inside[-1] + 1, inside[0] + 2) if inside else len(doc.sentences)


def discourse_role(
    doc: Document, event: Event, start: date | None, parsed: ParseOf, lead: int = 0
) -> str | None:
    """`historical`, `background`, or None for the report's news."""
    last_day = event.date_end or event.event_date
    if start is not None and last_day is not None and last_day < start:
        return HISTORICAL
    trigger, offset = _trigger_token(doc, event, parsed)
    if trigger is None:
        return None
    year = _old_year(doc, event, trigger, offset, start) if start is not None else None
    if year is not None:
        # dated by the year alone: its range, the middle of the year as its point
        event.date_start, event.date_end, event.event_date = (
            date(year, 1, 1),
            date(year, 12, 31),
            date(year, 7, 1),
        )
        event.time_precision = 3
        return HISTORICAL
    event.anaphoric = definite(trigger)
    event.another = one_more(trigger)
    event.supporting = _supports(trigger)
    if event.anaphoric and _referred_to(doc, event, trigger):
        return BACKGROUND
    if _backdrop(trigger) or _characterises(trigger) or _describes_actor(trigger) or _named_as(trigger):
        return BACKGROUND
    if _weighed(trigger) or (event.sub_event_type == "Armed clash" and _modifier(trigger)):
        return BACKGROUND
    if _furniture(trigger):
        return BACKGROUND
    if _trend(trigger, bool(event.fatalities)):
        return BACKGROUND
    if event.event_type in VIOLENT_EVENT_TYPES and _names_by_deed(trigger):
        return BACKGROUND
    # a protest's head word may be its grievance ('protested against the prior assault'): the
    # cues on a noun speak of the event only where the noun is the violence itself
    if event.event_type in VIOLENT_EVENT_TYPES and (_past_noun(trigger) or _back_reference(trigger)):
        return BACKGROUND
    if _cause_of_a_state(trigger) or (event.event_type == "Battles" and _against_an_abstraction(trigger)):
        return BACKGROUND
    if event.trigger is not None and event.trigger.sentence >= lead and _generic_plural(trigger):
        return BACKGROUND
    if event.sub_event_type in TERRITORIAL and _amount_of_land(trigger):
        return BACKGROUND
    if _background_cue(doc, event, trigger):
        return BACKGROUND
    return None


def definite(trigger: Any) -> bool:
    """An event noun with a definite determiner ('the attack', 'this bombing'): a telling of an
    event the report has already told, unless it is the first."""
    kids = list(trigger.children)
    if any(c.dep_ in ("acl", "relcl") or (c.dep_ == "prep" and c.lower_ == "of") for c in kids):
        return False  # 'the abduction of a farmer from Qentere': a description that introduces one
    return trigger.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ in cues().definite_determiners for c in kids
    )


def one_more(trigger: Any) -> bool:
    """An event noun told as one more ('in another attack', 'a second blast hit'): its own event."""
    return trigger.pos_ == "NOUN" and any(
        c.dep_ in ("det", "amod") and c.lower_ in cues().another_modifiers for c in trigger.children
    )


def _referred_to(doc: Document, event: Event, trigger: Any) -> bool:
    """A definite event noun that a reaction is about, with no toll and no place finer than a
    country ('the opposition condemned the bombing', 'ministers who blamed the attack in Syria on
    the government'): an event the report refers to, told (if at all) elsewhere."""
    if event.fatalities or event.wounded:
        return False
    if event.place_span is not None:
        named = doc.text[event.place_span[0] : event.place_span[1]]
        if not is_country(named.removeprefix("the ").strip()):
            return False
    verb = trigger.head
    if trigger.dep_ == "pobj":
        verb = verb.head
    elif trigger.dep_ != "dobj":
        return False
    return verb.pos_ == "VERB" and verb.lemma_.lower() in cues().reaction_verbs


def _old_year(doc: Document, event: Event, trigger: Any, offset: int, start: date) -> int | None:
    """A year before the reporting window in the event's own clause ('In 1988, Saddam retaliated
    with a chemical attack'); a year alone dates no event but makes it history."""
    if event.trigger is None:
        return None
    sent = trigger.sent
    for m in doc.mentions:
        if m.label != "year" or m.sentence != event.trigger.sentence or int(m.key) >= start.year:
            continue
        tok = next((t for t in sent if t.idx + offset >= m.start), None)
        if tok is not None and _in_clause(_governor(tok), clause_of(trigger)):
            return int(m.key)
    return None


def _in_clause(governor: Any, own: Any) -> bool:
    """The governor is the clause `own`, a clause above it, or one below it outside a relative or
    reported clause."""
    return is_ancestor(governor, own) or _below(governor, own)


def _back_reference(trigger: Any) -> bool:
    """An event told in an 'after' clause measured back from another ('days after a bombing killed
    120', 'two weeks after IS seized the town'): an earlier event the report refers to."""
    for tok in [trigger, *trigger.ancestors]:
        if tok.lower_ == "after" and tok.dep_ in ("mark", "prep"):
            return any(c.lemma_.lower() in cues().back_reference_units for c in tok.children) or (
                tok.head.lemma_.lower() in cues().back_reference_units
            )
        mark = next((c for c in tok.children if c.dep_ == "mark" and c.lower_ == "after"), None)
        if mark is not None:
            return any(
                c.lemma_.lower() in cues().back_reference_units for c in [*mark.children, *tok.children]
            ) or any(
                c.dep_ == "npadvmod" and c.lemma_.lower() in cues().back_reference_units
                for c in mark.children
            )
    return False


def _cause_of_a_state(trigger: Any) -> bool:
    """An event told in an 'after' or 'since' clause of a state in the present ('most of the
    province is now under rebel control after the Army of Conquest seized its capital'), or in a
    'since' clause of a perfect ('has been hit twice since the strikes resumed'): the earlier event
    the state or the count came from, not the report's news."""
    verb = clause_of(trigger)
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    if not marks & {"after", "since"}:
        return False
    if verb.dep_ != "advcl" or verb.head.i == verb.i:
        return False
    state = verb.head
    auxes = [c for c in state.children if c.dep_ in ("aux", "auxpass")]
    if "since" in marks and any(a.lemma_.lower() == "have" for a in auxes):
        # 'has come under attack for the second time since airstrikes resumed on 15 November': the
        # start of a period counted up to the report, dated or not
        return True
    if any(t.ent_type_ in ("DATE", "TIME") for t in verb.subtree):
        return False  # 'the town is calm after rebels shelled it on Monday': dated news
    present = state.tag_ in ("VBZ", "VBP") and state.lemma_.lower() == "be"
    return present and not auxes


def _against_an_abstraction(trigger: Any) -> bool:
    """A fight whose adversary is an abstraction ('cooperation in fighting terrorism', 'the battle
    against corruption', 'to combat drug trafficking'): a policy, not a happening."""
    objects = [c for c in trigger.children if c.dep_ == "dobj"]
    objects += [
        g for c in trigger.children if c.dep_ == "prep" and c.lower_ in ("against", "on") for g in c.children
    ]
    adversaries = cues().abstract_adversaries
    return any(
        o.dep_ in ("dobj", "pobj")
        and o.lemma_.lower() in adversaries
        and not any(c.dep_ in ("nummod", "poss", "det") for c in o.children)
        for o in objects
    )


def _generic_plural(trigger: Any) -> bool:
    """A bare plural event noun in a present or present-perfect clause with no date, after the
    lead ('Western powers say the regime has been responsible for chlorine attacks', 'Russia is
    carrying out air strikes in Syria'): a generalisation, not a happening."""
    if trigger.tag_ != "NNS" or any(c.dep_ in ("det", "nummod", "poss") for c in trigger.children):
        return False
    if any(t.ent_type_ == "DATE" for t in trigger.sent):
        return False
    head = clause_of(trigger)
    while head.dep_ == "xcomp" and head.head.i != head.i:  # 'are continuing to kill': the finite verb
        head = head.head
    auxes = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
    present = head.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes)
    return present and not any(a.tag_ == "VBD" for a in auxes)


def _amount_of_land(trigger: Any) -> bool:
    """A takeover of an amount of land ('liberated vast spaces of the Jazira', 'captured large
    areas of territory', 'seized 1200 square kilometres'): a sum of gains over many places."""
    objects = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(
        o.lemma_.lower() in cues().territory_amounts or o.lower_ in cues().territory_amounts for o in objects
    )


def _supports(trigger: Any) -> bool:
    """An event noun that is the agent of a support verb ('retook the villages, backed by Russian
    air strikes'): part of the event it supports."""
    if trigger.pos_ != "NOUN":
        return False
    tok = trigger
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    by = tok.head
    return (
        tok.dep_ == "pobj"
        and by.lower_ == "by"
        and by.dep_ == "agent"
        and by.head.lemma_.lower() in cues().support_verbs
    )


def _describes_actor(trigger: Any) -> bool:
    """An event told in a present-tense relative clause of a noun ('Hezbollah, which is fighting
    alongside government forces'): it describes the noun, it does not report a happening."""
    head = clause_of(trigger)
    if head.dep_ != "relcl":
        return False
    auxes = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
    return head.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") and a.lemma_ == "be" for a in auxes)


def _trend(trigger: Any, toll: bool) -> bool:
    """An event told as a trend ('airstrikes on the province have intensified', 'the army had
    stepped up air strikes', 'much of the fighting has been marked by indiscriminate shelling')
    or as where one began ('have intensified since rebels launched a campaign', 'has intensified
    after regime troops seized the last supply route'): how much happens, not a happening. A
    trend told with a toll ('clashes have intensified and bombs killed 49') keeps its toll's
    event."""
    nominal = trigger.pos_ in ("NOUN", "PROPN") or trigger.dep_ in _NOMINAL
    clause = clause_of(trigger.head) if nominal and trigger.head.i != trigger.i else clause_of(trigger)
    if nominal and _trend_clause(
        clause, cues().characterising_verbs | (set() if toll else cues().trend_verbs)
    ):
        return True
    marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
    return (
        clause.dep_ == "advcl"
        and bool(marks & {"since", "after"})
        and clause.head.i != clause.i
        and _trend_clause(clause.head, cues().trend_verbs | cues().characterising_verbs)
    )


# the relations of an event word used as a noun, which the parser may tag as a verb ('airstrikes
# have intensified', 'indiscriminate shelling missile attacks')
_NOMINAL = frozenset(("nsubj", "nsubjpass", "dobj", "pobj", "compound", "amod"))


def _trend_clause(verb: Any, known: frozenset[str] | set[str]) -> bool:
    """A verb of `known` (a trend, or one that characterises the fighting) told in the present,
    the progressive or a perfect ('have intensified', 'is escalating', 'has been marked by')."""
    lemma = verb.lemma_.lower()
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    if lemma not in known and (particle is None or f"{lemma} {particle}" not in known):
        return False
    if any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in cues().count_nouns for c in verb.children
    ):
        return False  # 'the death toll has risen to 82': an updated figure
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lemma_.lower() == "have" for a in auxes):
        return True
    if verb.tag_ in ("VBZ", "VBP"):
        return True
    return verb.tag_ in ("VBG", "VBN") and any(a.tag_ in ("VBZ", "VBP") for a in auxes)


def _names_by_deed(trigger: Any) -> bool:
    """A present participle that says who a group is ('groups fighting under the banner of the
    FSA', 'militias fighting alongside the army said ...'): a description of the noun it follows,
    not a happening. An event noun before it ('an air strike killing five') is an event told once."""
    if trigger.tag_ != "VBG" or trigger.dep_ != "acl":
        return False
    noun = _group_of(trigger.head)
    if noun.pos_ not in ("NOUN", "PROPN") or noun.lemma_.lower() not in cues().group_nouns:
        return False
    # 'groups fighting', 'a coalition fighting': a group named in full; 'rebel shelling' is a
    # modifier and its event noun, which the parser may read the same way
    return noun.tag_ in ("NNS", "NNPS") or any(c.dep_ == "det" for c in noun.children)


def _group_of(noun: Any) -> Any:
    """The group a quantity of it stands for ('scores of soldiers', 'dozens of fighters'), where
    the parser hung a participle on the quantity; else the noun itself."""
    if noun.tag_ != "NNS" or noun.lemma_.lower() in cues().group_nouns:
        return noun
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    members = [g for g in of.children if g.dep_ == "pobj"] if of is not None else []
    return members[0] if members else noun


def _furniture(trigger: Any) -> bool:
    """A trigger in page furniture that a flattened web page left inside a sentence: after a list
    of links' lead ('... Related News Turkish warplanes hit ...') or in a video's title ('Air
    strikes on Atareb kill dozens - YouTube'); `furniture_after`, `furniture_before`."""
    sent = trigger.sent
    at = trigger.idx - sent.start_char
    text = sent.text
    after = any(m.start() < at for p in cues().furniture_after for m in p.finditer(text))
    return after or any(m.start() > at for p in cues().furniture_before for m in p.finditer(text))


def _weighed(trigger: Any) -> bool:
    """A gerund under an abstract noun of a present-tense statement ('the importance of capturing
    Leramun is to stop the missile fire'): what a deed means or would bring, analysis, not a
    happening."""
    if trigger.tag_ != "VBG" or trigger.dep_ != "pcomp" or trigger.head.lower_ != "of":
        return False
    noun = trigger.head.head
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in cues().abstract_nouns:
        return False
    verb = clause_of(noun)
    return verb.tag_ in ("VBZ", "VBP") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP") for c in verb.children
    )


def _named_as(trigger: Any) -> bool:
    """An event noun that only names what something was ('called it a massacre', 'described the
    raid as a massacre', 'termed the strike a war crime'): a judgement, not a second event."""
    if trigger.pos_ != "NOUN":
        return False
    if trigger.dep_ == "oprd":
        return True
    head = trigger.head
    return trigger.dep_ == "pobj" and head.lower_ == "as" and head.head.pos_ in ("NOUN", "VERB")


def _characterises(trigger: Any) -> bool:
    """An event noun inside a present-tense description ('Kurdish militias are key allies in the
    fight against IS'): a standing situation, not a happening."""
    if trigger.pos_ != "NOUN":
        return False
    head = clause_of(trigger)
    return head.lemma_ == "be" and head.tag_ in ("VBZ", "VBP") and head.dep_ == "ROOT"


def _trigger_token(doc: Document, event: Event, parsed: ParseOf) -> tuple[Any, int]:
    """The root token of the event's trigger and its parse's offset in the document."""
    trig = event.trigger
    ps = parsed(doc, trig.sentence) if trig is not None else None
    if trig is None or ps is None:
        return None, 0
    return root_of(tokens_in(ps.span, ps.offset, trig.start, max(trig.end, trig.start + 1))), ps.offset


def _governor(tok: Any) -> Any:
    """The clause a cue's first word modifies: the clause above a subordinate 'since ...' clause,
    the clause a prepositional phrase hangs on."""
    if tok.dep_ == "mark":
        return clause_of(tok.head.head) if tok.head.head.i != tok.head.i else tok.head
    return clause_of(tok.head) if tok.head.i != tok.i else tok


def _background_cue(doc: Document, event: Event, trigger: Any) -> bool:
    """A background cue whose clause is the trigger's own, one its clause lies inside, or one
    below it outside a relative clause ('have been killed and millions displaced since the war
    began', not 'an attack that was among the worst since the war began')."""
    sent = trigger.sent
    violent = event.event_type in VIOLENT_EVENT_TYPES
    text = sent.text
    any_cue = _any_background(violent)
    if any_cue is not None and not any_cue.search(text):
        return False
    own = clause_of(trigger)
    base = sent.start_char
    patterns = cues().background
    if violent:
        patterns += cues().violence_background
    starts: Any = None  # the sentence's token offsets, read (as one array) once a cue is found
    for pattern in patterns:
        for m in pattern.finditer(text):
            if starts is None:
                starts = sent.doc.to_array(IDX)[sent.start : sent.end]
            at = int(starts.searchsorted(base + m.start()))
            if at >= len(starts):
                continue
            if _in_clause(_governor(sent[at]), own):
                return True
    return False


@cache
def _any_background(violent: bool) -> re.Pattern[str] | None:
    """One pattern that matches a text where any background cue does (with `violent`, any
    violence cue too), searched first: a sentence of none of them has no cue to read, and one
    search is faster than each cue's. None when the cues cannot be joined as they are (one has a
    group, which another's references would then miscount, or flags of its own)."""
    patterns = cues().background + (cues().violence_background if violent else ())
    if not patterns or any(p.groups or p.flags != patterns[0].flags for p in patterns):
        return None
    try:
        return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), patterns[0].flags)
    except re.error:
        return None


_NESTED = frozenset(("relcl", "acl", "ccomp", "csubj", "parataxis"))


def _below(tok: Any, clause: Any) -> bool:
    """True when `tok` hangs under `clause` through no relative or reported clause."""
    while tok.i != clause.i:
        if tok.dep_ in _NESTED or tok.head.i == tok.i:
            return False
        tok = tok.head
    return True


def _backdrop(trigger: Any) -> bool:
    """The event is what another came amid ('the raids came amid heavy clashes', 'killed 85
    civilians as intense fighting was underway'), or what people fled ('trying to flee the
    fighting')."""
    if going_on(trigger):
        return True
    if trigger.dep_ in ("dobj", "pobj") and _governing_verb(trigger).lemma_.lower() in cues().flight_verbs:
        return True  # 'civilians trying to flee heavy fighting'
    for tok in [trigger, *trigger.ancestors]:
        if tok.dep_ == "prep" and tok.lower_ in cues().ongoing_preps:
            return True
        if tok.pos_ in ("VERB", "AUX") and tok.i != trigger.i:
            return False
    return False


def _governing_verb(tok: Any) -> Any:
    """The verb an object hangs on, through its preposition ('fled from the fighting')."""
    head = tok.head
    return head.head if tok.dep_ == "pobj" and head.dep_ == "prep" else head


def _modifier(trigger: Any) -> bool:
    """A participle that modifies a noun ('a fighting position', 'of fighting age'): for a fight, a
    kind of thing, not a happening (a riot's 'burning tyres' are burned)."""
    return trigger.tag_ == "VBG" and trigger.dep_ in ("amod", "compound") and trigger.head.pos_ == "NOUN"


def going_on(trigger: Any) -> bool:
    """An event noun that is the subject of an 'as' or 'while' clause saying it went on ('as
    intense fighting was underway', 'while clashes raged'), below another clause."""
    if trigger.pos_ not in ("NOUN", "PROPN") or trigger.dep_ != "nsubj":
        return False
    clause = trigger.head
    if clause.dep_ != "advcl" or not any(
        c.dep_ == "mark" and c.lower_ in ("as", "while") for c in clause.children
    ):
        return False
    states = cues().ongoing_states
    words = [clause, *(c for c in clause.children if c.dep_ in ("acomp", "advmod", "prt"))]
    return any(w.lemma_.lower() in states or w.lower_ in states for w in words)


def _past_noun(trigger: Any) -> bool:
    """An event noun put in the past by its modifier ('previous bombings', 'earlier attacks')."""
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return False
    return any(c.dep_ == "amod" and c.lower_ in cues().past_modifiers for c in trigger.children)
