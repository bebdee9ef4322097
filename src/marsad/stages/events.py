"""The event stage (`events.v1`): actor mentions, triggers, roles, factuality and casualties.

Works sentence by sentence over the parse, then joins what one report tells across sentences:
a toll given in the next sentence, or an attack told twice.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from marsad.events.casualties import LARGEST_EVENT_TOLL, Casualty, combine, find_casualties
from marsad.events.classify import INTERVENTION, kill_type, riot_deed
from marsad.events.extract import Candidate, candidates, merge_linked, names_a_date
from marsad.events.factuality import claimant, modality
from marsad.events.roles import PARTY_NOUNS
from marsad.events.roles import WORDS as ROLE_WORDS
from marsad.events.triggers import load_triggers
from marsad.model import Document, Event, Evidence, Mention, Sentence, Trigger
from marsad.model.taxonomy import SUB_EVENT_TYPES, TERRITORIAL, event_type_of
from marsad.pipeline import Options, register
from marsad.services.actors import ActorLexicon, ActorMatch, base_key, load_lexicon
from marsad.stages.nlp import ParsedSentence, parsed

# the sentences of a report short enough that a protest it names is its gatherings' context
_SHORT_REPORT = 6
_PROTEST_WORDS = re.compile(r"\b(protest\w*|demonstrat\w+|rall(y|ies)|sit-ins?)\b", re.I)


class EventStage:
    """Find the events each sentence reports."""

    name: str = "events.v1"
    needs: tuple[str, ...] = ("parse",)
    sets: tuple[str, ...] = ("events", "actors")

    def __init__(self, options: Options) -> None:
        dirs = tuple(options.knowledge_dirs)
        self.triggers = load_triggers(dirs)
        self.lexicon: ActorLexicon = load_lexicon(dirs)
        self._roles = self.lexicon.roles
        self._tolls: Tolls = {}

    def __call__(self, doc: Document) -> Document:
        found = self.lexicon.find(doc.text, country=self.lexicon.dominant_country(doc.text))
        actors = bind_labels(self.lexicon, found, doc.text)
        # a short report that speaks of a protest makes its gatherings protests; in a long article
        # a gathering needs its own sentence or the next to say so ('civilians were gathered')
        self._protest_doc = bool(_PROTEST_WORDS.search(doc.text)) and len(doc.sentences) <= _SHORT_REPORT
        self._our_side = own_side(actors)
        # a one-paragraph note of a few sentences: its present tense reports rather than generalises
        self._snippet = sum(1 for p in doc.paragraphs if not p.is_heading) <= 1 and len(doc.sentences) <= 3
        events: list[Event] = []
        self._tolls = {}
        for sent in doc.sentences:
            ps = parsed(doc, sent.index)
            if ps is None:
                continue
            sent_actors = confirm_adjectives([m for m in actors if sent.start <= m.start < sent.end], ps)
            doc.mentions += [Mention(m.start, m.end, "actor", m.key, sent.index) for m in sent_actors]
            self._sentence(doc, sent, ps, sent_actors, events)
        _denied_claims(doc, events)
        _fill_from_narrative(doc, events)
        _interventions(doc, events)
        doc.events = events
        return doc

    def process_batch(self, docs: list[Document]) -> list[Document]:
        return [self(doc) for doc in docs]

    def _sentence(
        self, doc: Document, sent: Sentence, ps: ParsedSentence, actors: list[ActorMatch], events: list[Event]
    ) -> None:
        span = ps.span
        has_date = names_a_date(span, ("DATE",))
        matches = self.triggers.match(span)
        cands = merge_linked(
            candidates(
                matches, span.doc, actors, ps.offset, has_date, self._protest_doc, self._snippet, self._roles
            )
        )
        # a running total ('the war has killed 300,000') is no event's toll and starts no event
        found = find_casualties(span)
        totals = {c.token for c in found if c.cumulative and (c.count or 0) > LARGEST_EVENT_TOLL}
        cands = [c for c in cands if not (c.kill_only and c.head.i in totals)]
        casualties = [c for c in found if not c.cumulative]
        evidence = Evidence(doc.id, doc.span_text(sent), sent.start, sent.end)
        if not cands:
            target = _continuing_event(doc, sent, events)
            casualties = [c for c in casualties if _asserted(span.doc[c.token], span.text)]
            if target is not None and casualties:
                _add_casualties(target, casualties, self._tolls)
                target.evidence.append(evidence)
            elif _kill_statement(casualties):
                cand = _kill_candidate(span, casualties, events)
                if cand is not None:
                    new = _to_event(doc, sent, ps, cand, evidence)
                    _add_casualties(new, casualties, self._tolls)
                    events.append(new)
            return
        new_events = [_to_event(doc, sent, ps, c, evidence) for c in cands]
        for ev, cand in zip(new_events, cands, strict=True):
            # 'our forces', and a nameless 'the engineering teams' in a report that speaks for a side
            if cand.needs_antecedent in ("our", "generic") and self._our_side:
                if self._our_side not in ev.actor2_keys:  # never the side the event struck
                    ev.actor1_keys = [self._our_side]
            elif cand.needs_antecedent:
                ev.actor1_keys = [k for k in _antecedent(events, ev) if k not in ev.actor2_keys]
            _previous_holder(ev, events)
        for cas in casualties:
            owner = _owner(cas, cands, span)
            _add_casualties(new_events[owner], [cas], self._tolls)
        for ev, cand in zip(new_events, cands, strict=True):
            prev = _continuing_event(doc, sent, events)
            if (
                prev is not None
                and _continues(prev, ev, cand, has_date, self.lexicon)
                and not (not cand.kill_only and _names_another_place(doc, ps, prev, actors))
            ):
                _fold(prev, ev, self._tolls)
            else:
                events.append(ev)


def bind_labels(lexicon: ActorLexicon, matches: list[ActorMatch], text: str = "") -> list[ActorMatch]:
    """Give loaded labels ('mercenaries', 'the regime') the actor the document pairs them with."""
    named = [m for m in matches if m.kind != "label"]
    labels = [m for m in matches if m.kind == "label" and not _civil_body(m, text)]
    bound: dict[int, str] = {}
    votes: dict[str, Counter[str]] = {}
    for lab in labels:
        key = _adjacent_actor(lab, named, text)
        if key:
            bound[id(lab)] = key
            votes.setdefault(_label_word(lab.text), Counter())[key] += 1
    out = list(named)
    for lab in labels:
        key = bound.get(id(lab))
        if key is None:
            word = _label_word(lab.text)
            key = votes[word].most_common(1)[0][0] if word in votes else _sole_owner(lexicon, word, named)
            key = key or _default_label(lexicon, word)
        if key:
            out.append(ActorMatch(lab.start, lab.end, key, "label", lab.text))
    out.sort(key=lambda m: m.start)
    return out


def own_side(actors: list[ActorMatch]) -> str | None:
    """The side a partisan source speaks for ('our forces'): the armed actor it names most often
    that it never calls by a loaded label ('mercenaries', 'the regime')."""
    labelled = {m.key for m in actors if m.kind == "label"}
    counts = Counter(
        m.key
        for m in actors
        if m.kind != "label"
        and m.key not in labelled
        and m.key not in ("CIV", "PROTESTERS", "RIOTERS", "GOV")
    )
    return counts.most_common(1)[0][0] if counts else None


def _civil_body(label: ActorMatch, text: str) -> bool:
    """A loaded label right after a word of civil life ('a Britain-based monitoring group', 'the
    rights organisation'): a civil body, no armed actor."""
    if not text:
        return False
    before = text[max(0, label.start - 40) : label.start].split()
    return bool(before) and before[-1].lower().strip(",.;:") in ROLE_WORDS["civil_body_modifiers"]


def _label_word(text: str) -> str:
    word = text.lower()
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _sole_owner(lexicon: ActorLexicon, word: str, named: list[ActorMatch]) -> str | None:
    """The one actor named in the report whose loaded labels include `word`, if only one is."""
    present = {m.key for m in named}
    owners = [
        e.key
        for e in lexicon.entries.values()
        if e.key in present and any(_label_word(x) == word for x in e.labels)
    ]
    return owners[0] if len(owners) == 1 else None


def _default_label(lexicon: ActorLexicon, word: str) -> str | None:
    for entry in lexicon.entries.values():
        if any(_label_word(d) == word for d in entry.default_labels):
            return entry.key
    return None


def _adjacent_actor(lab: ActorMatch, named: list[ActorMatch], text: str = "") -> str | None:
    """The actor named right before a label ('Daesh mercenaries') or after it ('gangs of Daesh'),
    not one listed beside it ('the regime and Russian bombardment' names two sides)."""
    for m in named:
        if 0 <= lab.start - m.end <= 3 or (0 <= m.start - lab.end <= 9):
            gap = text[min(lab.end, m.end) : max(lab.start, m.start)] if text else ""
            if _LISTED.search(gap):
                continue
            return m.key
    return None


_LISTED = re.compile(r"\band\b|\bor\b|,|&")


def confirm_adjectives(matches: list[ActorMatch], ps: ParsedSentence) -> list[ActorMatch]:
    """Keep a nationality adjective only when it modifies a force noun ('Russian warplanes')."""
    if not any(m.kind == "adjective" for m in matches):
        return list(matches)
    by_char = {ps.char(t): t for t in ps.span}
    out = []
    for m in matches:
        if m.kind != "adjective":
            out.append(m)
            continue
        tok = by_char.get(m.start)
        if tok is None:
            continue
        head = tok
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
        noun = head.head if head.dep_ in ("amod", "compound", "nmod") else None
        if noun is not None and (noun.lower_ in PARTY_NOUNS or noun.lemma_.lower() in PARTY_NOUNS):
            out.append(m)
    return out


def _to_event(doc: Document, sent: Sentence, ps: ParsedSentence, cand: Candidate, ev: Evidence) -> Event:
    head = cand.head
    start = ps.char(head)
    trigger = Trigger(start, start + len(head.text), head.text, cand.rule, sent.index)
    event = Event(
        event_type=SUB_EVENT_TYPES[cand.sub_event_type],
        sub_event_type=cand.sub_event_type,
        document=doc.id,
        trigger=trigger,
        actor1_keys=list(cand.actor1),
        actor2_keys=list(cand.actor2),
        assoc1_keys=list(cand.assoc1),
        modality=cand.modality,
        claimant=cand.claimant,
        evidence=[ev],
        place_span=cand.place_span,
    )
    event.confidence = 0.45 + 0.2 * bool(cand.actor1) + 0.1 * bool(cand.actor2)
    return event


_RETAKE = re.compile(r"^re(take|capture|gain)")


def _antecedent(earlier: list[Event], event: Event) -> list[str]:
    """The actor a pronoun or a nameless 'the detachments' stands for: the last actor the report
    named as acting, other than this event's target."""
    for prev in reversed(earlier):
        keys = [k for k in prev.actor1_keys if k not in event.actor2_keys and k not in _UNARMED]
        if keys:
            return keys[:1]
    return []


def _previous_holder(event: Event, earlier: list[Event]) -> None:
    """'Retook the city': whoever took it last in the report is the side that lost it."""
    if event.actor2_keys or event.trigger is None or not _RETAKE.match(event.trigger.rule):
        return
    for prev in reversed(earlier):
        if prev.event_type == "Battles" and prev.sub_event_type != "Armed clash" and prev.actor1_keys:
            if set(prev.actor1_keys) & set(event.actor1_keys):
                return
            event.actor2_keys = [*prev.actor1_keys, *prev.assoc1_keys]
            return


def _owner(cas: Casualty, cands: list[Candidate], span: Any) -> int:
    """The candidate a casualty statement belongs to: the trigger above it, else the nearest before."""
    doc = span.doc
    tok = doc[cas.token]
    heads = [c.head.i for c in cands]
    for anc in [tok, *tok.ancestors]:
        for i, c in enumerate(cands):
            if anc.i == heads[i] or any(anc.i == h.i for h in c.merged_heads):
                return i
    # the event the statement names as the cause: "43 people were killed in a car bomb attack"
    told = {t.i for t in tok.subtree}
    causes = [i for i, h in enumerate(heads) if h in told]
    if causes:
        return min(causes, key=lambda i: abs(heads[i] - cas.token))
    before = [i for i, h in enumerate(heads) if h <= cas.token]
    if before:
        return max(before, key=lambda i: heads[i])
    return min(range(len(heads)), key=lambda i: abs(heads[i] - cas.token))


# each event's casualty statements, in the order the report makes them (keyed by the event's id
# while the document is read)
Tolls = dict[int, list[Casualty]]
_FORCE = frozenset(("Excessive force against protesters", "Mob violence"))
_KINDS = (("fatalities", "killed"), ("wounded", "wounded"), ("captured", "captured"))


def _add_casualties(event: Event, casualties: list[Casualty], tolls: Tolls) -> None:
    """Add statements to an event's toll: different people add up, a figure told again or by
    another source does not (see `combine`)."""
    told = tolls.setdefault(id(event), [])
    # a protest over a killing does not carry its toll ('protested the killing of a student')
    grievance_ok = event.event_type in ("Protests", "Riots") and event.sub_event_type not in _FORCE
    told += [c for c in casualties if not (grievance_ok and c.grievance)]
    for name, kind in _KINDS:
        setattr(event, name, combine(told, kind))


def _continuing_event(doc: Document, sent: Sentence, events: list[Event]) -> Event | None:
    """The last violent event of this paragraph or the body paragraph just before it."""
    if not events:
        return None
    last = events[-1]
    # a strategic development told in the same sentence as an attack ('an attack on a patrol')
    # leaves the attack the one a following toll belongs to
    for prev in reversed(events[:-1]):
        if not _strategic(last) or last.trigger is None or prev.trigger is None:
            break
        if prev.trigger.sentence != last.trigger.sentence:
            break
        last = prev
    if last.trigger is None or _strategic(last):
        return None
    last_par = doc.sentences[last.trigger.sentence].paragraph
    body = [p.index for p in doc.paragraphs if not p.is_heading and p.index <= sent.paragraph]
    recent = body[-2:] if len(body) >= 2 else body
    return last if last_par in recent and last.modality == "occurred" else None


def _strategic(event: Event) -> bool:
    return SUB_EVENT_TYPES[event.sub_event_type] == "Strategic developments"


def _continues(
    prev: Event, new: Event, cand: Candidate, has_date: bool, lexicon: ActorLexicon | None = None
) -> bool:
    """A sentence that goes on telling the previous event: the same type with no new date or
    actors, or bare fighting with no actors of its own."""
    if new.modality != "occurred":
        return False
    if cand.kill_only and not cand.actor1:  # a toll that goes on telling the previous event
        return True
    if has_date:
        return False
    named = [k for k in cand.actor1 if k != "UNID"]  # 'the attackers' names no one new
    if new.sub_event_type == "Armed clash" and not named and not cand.actor2:
        return True
    if new.sub_event_type == "Armed clash" == prev.sub_event_type:
        # "army units clashed with the terrorists" after "the army repelled an attack by X": the
        # same fight, its sides in either order
        lex = lexicon or load_lexicon()
        sides = {_state(k, lex) for k in prev.actor1_keys + prev.actor2_keys}
        told = {_state(k, lex) for k in named + [k for k in cand.actor2 if k != "UNID"]}
        if told and told <= sides:
            return True
    if new.sub_event_type != prev.sub_event_type or (new.event_type == "Battles" and cand.place_span):
        return False
    if new.sub_event_type in TERRITORIAL:  # another place taken is another event
        return False
    same1 = not named or set(named) <= set(prev.actor1_keys)
    same2 = not cand.actor2 or set(cand.actor2) & set(prev.actor2_keys or cand.actor2)
    return bool(same1 and same2)


def _names_another_place(doc: Document, ps: ParsedSentence, prev: Event, actors: list[ActorMatch]) -> bool:
    """The sentence names a place the previous event's sentences do not ('Near Abu Kamal, one
    strike ...' after a strike near Raqqa): ACLED codes an event per place, so it is a new one."""
    told = " ".join(doc.text[e.start : e.end] for e in prev.evidence).lower()
    named = [
        (ps.char(ent[0]), ent.text)
        for ent in ps.span.ents
        if ent.label_ in ("GPE", "LOC", "FAC") and _locative(ent.root)
    ]
    # 'Near Abu Kamal, one strike ...', which the tagger may take for a person
    base = ps.char(ps.span[0])
    for m in _LOCATIVE_NAME.finditer(ps.span.text):
        if m.group(1).split()[0].lower() not in _TIME_WORDS:
            named.append((base + m.start(1), m.group(1)))
    for start, text in named:
        if any(m.start <= start < m.end for m in actors):
            continue  # 'Iraqi forces': a group named after a place
        if text.lower() not in told:
            return True
    return False


_LOCATIVE_PREPS = frozenset(("in", "near", "at", "around", "outside", "inside", "on"))


def _locative(tok: Any) -> bool:
    """A place named where something happens ('in X', 'near X'), not where one goes or comes from
    ('fleeing towards X', 'returned from X')."""
    for _ in range(4):
        if tok.dep_ == "prep":
            return tok.lower_ in _LOCATIVE_PREPS
        if tok.head.i == tok.i:
            return True
        tok = tok.head
    return True


# a capitalised name after a locative preposition: 'near Abu Kamal', 'In Deir ez-Zor'
_LOCATIVE_NAME = re.compile(
    r"\b(?:[Ii]n|[Nn]ear|[Aa]t|[Aa]round|[Oo]utside|[Ii]nside|on)\s+(?:the\s+)?"
    r"((?:al-|el-|as-|ad-|ar-)?[A-Z][\w'’-]*(?:\s+(?:al-|el-|ez-|az-)?[A-Z][\w'’-]*)*)"
)
_TIME_WORDS = frozenset(
    "january february march april may june july august september october november december monday "
    "tuesday wednesday thursday friday saturday sunday".split()
)


def _state(key: str, lexicon: ActorLexicon) -> str:
    """A state's forces under one key: the generic 'GOV' is the report's own government."""
    return "GOV" if lexicon.home_military(key) or base_key(key) == "GOV" else key


def _fold(prev: Event, new: Event, tolls: Tolls) -> None:
    prev.evidence += new.evidence
    _add_casualties(prev, tolls.pop(id(new), []), tolls)


_CLAIM_VERB = re.compile(r"\b(claim(s|ed|ing)?|alleg(e|es|ed|ing)|rumou?r(s|ed)?)\b", re.I)
_DENIAL = re.compile(
    r"\b(den(y|ies|ied)|false|baseless|fabricat\w+|untrue|refut\w+|lies|no \w+ (took|has taken) place|"
    r"did not (take place|happen)|never happened)\b",
    re.I,
)


_UNARMED = frozenset(("CIV", "PROTESTERS", "RIOTERS"))


def _fill_from_narrative(doc: Document, events: list[Event]) -> None:
    """Sides a sentence leaves out, as a reader of the whole report fills them: 'then X and Y were
    also taken' by whoever took the last place; 'the SDF liberated the mill' from the enemy the
    report has it fight."""
    opponents: dict[str, Counter[str]] = {}
    for ev in events:
        if ev.event_type == "Battles" and ev.actor1_keys and ev.actor2_keys:
            for key in ev.actor2_keys:
                if key not in _UNARMED:
                    opponents.setdefault(ev.actor1_keys[0], Counter())[key] += 1
    last: Event | None = None
    for ev in events:
        if ev.event_type != "Battles" or ev.modality != "occurred":
            continue
        if not ev.actor1_keys and last is not None and _near(doc, last, ev):
            ev.actor1_keys = list(last.actor1_keys[:1])
        if not ev.actor2_keys and ev.actor1_keys and ev.actor1_keys[0] in opponents:
            enemy = opponents[ev.actor1_keys[0]].most_common(1)[0][0]
            if enemy not in ev.actor1_keys:
                ev.actor2_keys = [enemy]
        if ev.actor1_keys:
            last = ev
    # 'the coalition conducted 14 strikes ... Near Raqqa, nine strikes engaged ...': strikes and
    # shelling told one after another without their force are the force's the report last named
    teller: dict[str, Event] = {}
    for ev in events:
        if ev.sub_event_type not in _ARMED_FORCE_ONLY:
            continue
        prev = teller.get(ev.sub_event_type)
        if not ev.actor1_keys and ev.modality == "occurred" and prev is not None and _near(doc, prev, ev):
            ev.actor1_keys = list(prev.actor1_keys[:1])
        if ev.actor1_keys:
            teller[ev.sub_event_type] = ev


# sub-event types only armed forces carry out, whose force a report names once for a series
_ARMED_FORCE_ONLY = frozenset(("Air/drone strike", "Shelling/artillery/missile attack"))


def _interventions(doc: Document, events: list[Event]) -> None:
    """A protest that the next sentences of its paragraph say was dispersed ('Teachers protested
    over pay. Police fired tear gas.') is a protest with intervention; one whose crowd they say
    turned to violence ('... The protesters lit bonfires on the highway.') a violent demonstration."""
    merged: set[int] = set()  # the dispersals folded into a protest, by identity
    for ev in events:
        if (
            ev.sub_event_type not in _CALM
            or ev.trigger is None
            or ev.modality != "occurred"
            or id(ev) in merged
        ):
            continue
        index = ev.trigger.sentence
        par = doc.sentences[index].paragraph
        following = [s for s in doc.sentences[index + 1 : index + 3] if s.paragraph == par]
        told = {s.index for s in following}
        later = [e for e in events if e.event_type == "Protests" and e.trigger and e.trigger.sentence in told]
        # 'Police fired tear gas.' after a protest is its dispersal, no protest of its own
        dispersals = [e for e in later if _dispersal(e)]
        if len(dispersals) < len(later):
            continue  # another protest, told next
        merged.update(id(d) for d in dispersals)
        if any(_crowd_riots(doc.span_text(s)) for s in following):
            ev.sub_event_type = "Violent demonstration"
            ev.event_type = event_type_of(ev.sub_event_type)
            ev.actor1_keys = ["RIOTERS" if k == "PROTESTERS" else k for k in ev.actor1_keys]
        elif ev.sub_event_type == "Peaceful protest" and (
            dispersals or any(INTERVENTION.search(doc.span_text(s)) for s in following)
        ):
            ev.sub_event_type = "Protest with intervention"
        if dispersals and ev.sub_event_type != "Peaceful protest":
            ev.actor2_keys = ev.actor2_keys or [k for d in dispersals for k in d.actor2_keys][:1]
    events[:] = [e for e in events if id(e) not in merged]


def _dispersal(event: Event) -> bool:
    """An attack trigger the rules read as a force's intervention in a crowd ('police fired tear
    gas'): a protest's dispersal, not a protest told by its crowd."""
    return event.trigger is not None and event.trigger.rule == "attack" and event.event_type == "Protests"


_CALM = frozenset(("Peaceful protest", "Protest with intervention"))
# the forces that may do what a rioting crowd does ('police stormed the campus'): their acts are no riot
_FORCE_WORDS = re.compile(r"\b(police\w*|officers?|security|soldiers?|troops|army|military|guards?)\b", re.I)


def _crowd_riots(sentence: str) -> bool:
    """A sentence that tells of a riot's acts (fires lit, roads blocked, stones thrown) before it
    names any state force: the crowd's violence, not the police's."""
    m = riot_deed(sentence)
    return m is not None and not _FORCE_WORDS.search(sentence[: m.start()])


def _near(doc: Document, a: Event, b: Event) -> bool:
    """Two events told in the same paragraph or in consecutive ones."""
    if a.trigger is None or b.trigger is None:
        return False
    pa = doc.sentences[a.trigger.sentence].paragraph
    pb = doc.sentences[b.trigger.sentence].paragraph
    body = [p.index for p in doc.paragraphs if not p.is_heading and pa <= p.index <= pb]
    return len(body) <= 2


def _denied_claims(doc: Document, events: list[Event]) -> None:
    """A claim the report cites and then denies ('news claiming that clashes took place ... We
    confirm that no clashes took place') did not happen on the report's word."""
    for event in events:
        if event.trigger is None or event.modality != "occurred":
            continue
        index = event.trigger.sentence
        sentence = doc.span_text(doc.sentences[index])
        if not _CLAIM_VERB.search(sentence[: event.trigger.start - doc.sentences[index].start]):
            continue
        following = " ".join(doc.span_text(s) for s in doc.sentences[index + 1 : index + 3])
        if _DENIAL.search(following):
            event.modality = "negated"


def _asserted(tok: Any, sentence_text: str) -> bool:
    """A toll the sentence asserts ('14 were killed'), not one it expects ('the toll may rise')."""
    return modality(tok, sentence_text, has_date=True) == "occurred"


def _kill_statement(casualties: list[Casualty]) -> bool:
    return any(c.kind == "killed" and c.count for c in casualties)


def _kill_candidate(span: Any, casualties: list[Casualty], events: list[Event]) -> Candidate | None:
    """A toll with no trigger and no event to join ('resulting in the killing of 156 fighters')."""
    kill = next(c for c in casualties if c.kind == "killed" and c.count)
    tok = span.doc[kill.token]
    if any(c.dep_ == "mark" for c in tok.children) or tok.dep_ in ("advcl", "relcl"):
        return None  # "after the man had died": background to another event
    actor1 = list(events[-1].actor1_keys) if events else []
    mod = modality(tok, span.text, any(t.ent_type_ == "DATE" for t in span))
    if mod != "occurred":
        return None
    # by ACLED's rules, from who was killed: unarmed people an attack, armed sides a clash; never
    # a mob's violence, since a toll names no crowd that did it
    sub = kill_type([k for k in actor1 if k not in _UNARMED], [], span.text)
    return Candidate(sub, tok, (tok.i,), "toll", actor1, [], [], mod, claimant(tok), kill_only=True)


@register("events.v1")
def make_events(options: Options) -> EventStage:
    """Build the event stage (loads the trigger and actor lexicons once)."""
    return EventStage(options)
