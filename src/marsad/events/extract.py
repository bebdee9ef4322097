"""From one parsed sentence to candidate events: triggers licensed, roles read, types refined."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from marsad.events import classify
from marsad.events.cues import cues
from marsad.events.discourse import going_on
from marsad.events.factuality import SPEECH_LEMMAS, claimant, modality
from marsad.events.forms import lemmas_in
from marsad.events.roles import (
    FORCE_NOUNS,
    LIGHT_VERBS,
    WORDS,
    arguments,
    associates,
    between_keys,
    keys_in,
    nearest_before,
    talks_between,
)
from marsad.events.triggers import TriggerMatch, load_triggers
from marsad.model.taxonomy import SUB_EVENT_TYPES
from marsad.services.actors import ActorMatch, ActorRoles, load_lexicon

BACKGROUND_PREPS = frozenset(("after", "following", "since", "before", "until", "despite", "amid", "ahead"))
BACKGROUND_MARKS = frozenset(("after", "since", "before", "until", "once"))
NOUN_LICENSE_DEPS = frozenset(
    ("nsubj", "nsubjpass", "dobj", "ROOT", "conj", "appos", "attr", "npadvmod", "oprd")
)
NOUN_LICENSE_PREPS = frozenset(
    ("on", "against", "in", "near", "at", "between", "by", "targeting", "of", "with")
)
PERSON_LEMMAS = frozenset(
    "mercenary fighter militant soldier member civilian man men woman people person terrorist "
    "element prisoner suspect child jihadist rebel officer commander leader vehicle vehicles "
    "weapon weapons".split()
)
PRIORITY = (
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Non-violent transfer of territory",
    "Suicide bomb",
    "Chemical weapon",
    "Air/drone strike",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Grenade",
    "Excessive force against protesters",
    "Protest with intervention",
    "Violent demonstration",
    "Mob violence",
    "Attack",
    "Sexual violence",
    "Abduction/forced disappearance",
    "Armed clash",
)


@dataclass
class Candidate:
    """An event proposed in one sentence, before it becomes a record."""

    sub_event_type: str
    head: Any
    tokens: tuple[int, ...]
    rule: str
    actor1: list[str]
    actor2: list[str]
    assoc1: list[str]
    modality: str
    claimant: str | None
    place_span: tuple[int, int] | None = None
    kill_only: bool = False
    merged_heads: list[Any] = field(default_factory=list)
    # the subject is a pronoun or 'our forces': the stage takes the actor from the narrative
    needs_antecedent: str = ""  # "pronoun", "our" or "generic" (a nameless force noun)

    @property
    def event_type(self) -> str:
        """The ACLED event type of the candidate's sub-event type."""
        return SUB_EVENT_TYPES[self.sub_event_type]

    @property
    def violent(self) -> bool:
        """True for battles, explosions and violence against civilians."""
        return SUB_EVENT_TYPES[self.sub_event_type] in (
            "Battles",
            "Explosions/Remote violence",
            "Violence against civilians",
            "Riots",
        ) or self.sub_event_type in ("Excessive force against protesters", "Protest with intervention")


def licensed(
    tm: TriggerMatch, head: Any, actors: list[ActorMatch], offset: int, protest_doc: bool = False
) -> bool:
    """Whether the parse lets this trigger report an event here, not name or background one."""
    rule = tm.rule
    kids = list(head.children)
    if rule.requires == "passive" and not any(c.dep_ in ("auxpass", "nsubjpass") for c in kids):
        return False
    if rule.requires == "from" and not any(c.dep_ == "prep" and c.lower_ == "from" for c in kids):
        return False
    if rule.requires == "target" and not _has_target(head):
        return False
    if rule.requires == "nonviolent" and not classify.NONVIOLENT.search(head.sent.text):
        return False
    if rule.requires == "protesters" and not (protest_doc or _protest_context(_around(head), actors)):
        return False
    if rule.requires == "protesters" and _gathers_things(head):
        return False  # "still gathering information": collecting something, not people assembling
    if rule.requires == "protesters" and _gathers_for_else(head):
        return False  # "people gathered to help the wounded": assembled for something else
    if rule.requires == "intransitive" and any(c.dep_ == "dobj" for c in kids):
        return False  # "demonstrating more desperation", "rallied the minorities": not protesting
    if rule.requires == "accord" and any(c.dep_ == "ccomp" for c in kids):
        return False  # "all of us agreed that ... crosses a red line": an opinion shared, no accord
    if rule.requires == "motion" and not _motion(head):
        return False
    if rule.requires == "conducted" and not (_motion(head) or _conducted(head)):
        return False
    if rule.requires == "concluded" and not _concluded(head):
        return False
    if rule.requires == "place" and not any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in head.sent):
        return False
    if rule.requires in ("weapon_obj", "weapon_use") and not _weapon_object(head):
        return False
    if rule.requires == "weapon_use" and head.tag_ == "VBG":
        return False  # "clashed using sharp weapons": the means of another event, not one of its own
    if head.dep_ == "pobj" and head.head.lower_ in BACKGROUND_PREPS and not _toll_of(head):
        return False
    if any(c.dep_ == "mark" and c.lower_ in BACKGROUND_MARKS for c in kids) and not _told_in_full(
        head, actors, offset
    ):
        return False
    if _recalled(head):
        return False  # "The strike came hours after ...": the strike told in the sentence before
    if head.pos_ in ("NOUN", "PROPN") and not _noun_licensed(head):
        return False
    if head.pos_ in ("NOUN", "PROPN") and _disarmed(head):
        return False  # "seized two car bombs": a weapon taken, not used
    if (
        head.pos_ == "VERB"
        and head.i + 1 < len(head.doc)
        and head.nbor(1).text == "-"
        and not head.whitespace_
    ):
        return False  # "hit-and-run attacks": a word inside a compound modifier (not "raided - 80 stolen")
    if len(tm.rule.lemmas) == 1 and _hyphenated_modifier(head):
        return False  # "the hunger-hit enclave", "anti-riot police": the end of a compound adjective
    if head.dep_ == "amod" and head.tag_ == "VBN" and _adjectival(head):
        return False  # "the kidnapped bishops", "10 bombed vehicles": a description, not a report
    if (
        head.dep_ in ("relcl", "acl")
        and head.tag_ in ("VBN", "VBD")
        and not names_a_date(head.sent)
        and not classify.headline_passive(head)
    ):
        return False  # "the dead who fought at the front": background, not a report
    if SUB_EVENT_TYPES.get(rule.cls) == "Strategic developments" and (
        _anaphoric(head) or _generic_plural(head)
    ):
        return False  # "the agreement also includes", "were holding agreements": no new dated event
    if head.pos_ in ("NOUN", "PROPN") and (_topic(head) or _bare_generic(head)):
        return False  # "statements on the battle of al-Deir", "prioritizing attack and defense"
    if _anaphoric(head, ("these", "those", "such")):
        return False  # "these strikes were conducted as part of ...": a summary of strikes told before
    if head.lemma_.lower() == "strike":
        return (rule.requires == "labour") == labour_strike(head)
    return True


def labour_strike(head: Any) -> bool:
    """'went on strike', 'a general strike', 'a three-day strike', 'teachers' strike', 'workers
    strike over pay': a withdrawal of labour (a protest for ACLED), not an attack."""
    if head.lemma_.lower() != "strike":
        return False
    if head.dep_ == "pobj" and head.head.lower_ == "on" and head.head.head.lemma_ != "carry":
        return True  # 'on strike' ('went on strike', 'are on strike'), not 'carried on strike missions'
    kids = list(head.children)
    if head.pos_ == "VERB":
        return not any(c.dep_ == "dobj" for c in kids) and any(
            c.dep_ == "nsubj" and c.lemma_.lower() in STRIKERS for c in kids
        )
    verb = head.head
    if head.dep_ == "dobj" and any(c.dep_ == "nsubj" and c.lemma_.lower() in STRIKERS for c in verb.children):
        return True  # 'doctors started a strike', 'workers staged a strike'
    for c in kids:
        word = c.lower_.rstrip("'").removesuffix("'s")
        if c.dep_ in ("amod", "compound", "nmod", "poss", "npadvmod") and (
            word in LABOUR_STRIKE_WORDS or c.lemma_.lower() in STRIKERS
        ):
            return True
        if c.dep_ in ("amod", "compound", "nmod") and _SPAN_WORD.search(c.lower_):
            return True  # 'a three-day strike', 'a 48-hour strike'
    return False


# a strike's length ('three-day', '48-hour'): a labour strike
_SPAN_WORD = re.compile(r"-(?:day|hour|week|month)s?$")
LABOUR_STRIKE_WORDS = WORDS["labour_strike_modifiers"]
STRIKERS = WORDS["strikers"]


WEAPON_NOUNS = frozenset(
    "bomb bombs barrel barrels explosive explosives charge charges device devices ied ieds mine "
    "mines landmine landmines belt vest drone drones missile missiles rocket rockets shell shells "
    "grenade grenades cache ammunition munitions weapon weapons mortar mortars".split()
)
STRIKE_NOUNS = frozenset(
    "strike strikes raid raids attack attacks bombardment shelling airstrike airstrikes".split()
)


def _hyphenated_modifier(tok: Any) -> bool:
    """A verb's participle joined by a hyphen to the word before it and modifying a noun
    ('the hunger-hit enclave', 'an army-held town', 'war-torn'): an adjective, not a happening
    (a hyphenated noun, 'a counter-attack', 'an air-strike', stays an event)."""
    if tok.dep_ != "amod" or tok.pos_ not in ("VERB", "ADJ") or tok.i < 2:
        return False
    hyphen = tok.doc[tok.i - 1]
    before = tok.doc[tok.i - 2]
    return hyphen.text == "-" and not hyphen.whitespace_ and not before.whitespace_


def _weapon_word(tok: Any) -> bool:
    return tok.lemma_.lower() in WEAPON_NOUNS or tok.lower_ in WEAPON_NOUNS


def _disarmed(tok: Any) -> bool:
    """The object (or a conjunct of it) of a verb that disrupts a weapon ('destroyed seven vehicles
    and two car bombs', 'two bombs were defused')."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    verb = tok.head
    if tok.dep_ not in ("dobj", "nsubjpass") or verb.pos_ != "VERB":
        return False
    return verb.lemma_.lower() in load_triggers().disarming_lemmas


def _weapon_object(head: Any) -> bool:
    """The verb's object is a weapon ('dropped a bomb', 'destroyed both drones'), and its subject is
    not itself an attack ('four strikes destroyed a weapons cache' is the strike's result)."""
    kids = list(head.children)
    objs = [c for c in kids if c.dep_ in ("dobj", "nsubjpass")]
    if any(c.dep_ == "nsubj" and c.lemma_.lower() in STRIKE_NOUNS for c in kids):
        return False
    return any(t.lemma_.lower() in WEAPON_NOUNS or t.lower_ in WEAPON_NOUNS for o in objs for t in o.subtree)


_DATE_WORD = re.compile(
    r"^(\d{1,4}|(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|"
    r"(mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today|tonight)$",
    re.I,
)


def names_a_date(span: Any, kinds: tuple[str, ...] = ("DATE", "TIME")) -> bool:
    """The span names a day, a month or a weekday ('on Sunday', 'September 13'), not just
    'the final day'."""
    return any(t.ent_type_ in kinds and _DATE_WORD.match(t.text) for t in span)


def _generic_plural(head: Any) -> bool:
    """A bare plural event noun with no date ('holding agreements with X') speaks of a kind."""
    if head.tag_ != "NNS":
        return False
    has_det = any(c.dep_ in ("det", "nummod", "poss") for c in head.children)
    return not has_det and not names_a_date(head.sent)


_TALK = frozenset("statement talk speak comment report news speech remark warn warning think thought".split())
_PROSPECT = frozenset(
    "near imminent upcoming coming expected possible likely future potential planned next".split()
)


def _topic(head: Any) -> bool:
    """An event noun that is what people talk about ('talking about a very near battle',
    'statements on the battle of al-Deir'), or one described as to come."""
    if any(c.dep_ == "amod" and c.lower_ in _PROSPECT for c in head.subtree if c.head.i == head.i):
        return True
    if head.dep_ != "pobj" or head.head.lower_ not in ("about", "on", "regarding", "concerning", "over"):
        return False
    host = head.head.head  # "statements on the battle", or "statements made ... on the battle"
    return host.lemma_.lower() in _TALK or (host.pos_ == "VERB" and host.head.lemma_.lower() in _TALK)


def _bare_generic(head: Any) -> bool:
    """A bare event noun (no article, number, possessor or phrase of its own) that is the object of
    an ordinary verb speaks of a kind ('prioritizing attack and defense'), not of an event."""
    if head.dep_ not in ("dobj", "conj", "pobj"):
        return False
    kids = list(head.children)
    if any(c.dep_ in ("det", "nummod", "poss", "prep", "compound", "amod") for c in kids):
        return False
    verb = head.head if head.dep_ != "conj" else head.head.head
    return verb.pos_ == "VERB" and verb.lemma_.lower() not in LIGHT_VERBS and not names_a_date(head.sent)


def _adjectival(tok: Any) -> bool:
    """A participle used as an adjective: after a determiner, number, adjective or possessive.
    After a subject or 'having' it is a verb the parser mislabelled ('SDF liberated sugar factory')."""
    if tok.i == tok.sent.start:
        return True
    prev = tok.doc[tok.i - 1]
    return prev.pos_ in ("DET", "NUM", "ADJ") or prev.tag_ in ("PRP$", "POS") or prev.dep_ in ("det", "poss")


def _has_target(head: Any) -> bool:
    """'fired on/at X', 'fired shells' or 'a man was shot': a shot with a target, not 'fired into
    the air'."""
    for c in head.children:
        if c.dep_ == "dobj":
            return True
        if (
            c.dep_ == "conj"
            and c.lemma_.lower() not in _DEATH_VERBS
            and any(g.dep_ == "dobj" for g in c.children)
        ):
            return True  # 'shot and injured 1 civilian' ('shot and killed' is the killing's)
        # 'fired on the convoy', not 'fired into the air on Monday' or 'at dawn'
        if c.dep_ == "prep" and c.lower_ in ("on", "at", "upon", "towards", "toward") and not _a_time(c):
            return True
        if (
            c.dep_ == "nsubjpass"
            and head.lemma_.lower() != "fire"
            and not _projectile(c)
            and not _told_as_toll(head)
        ):
            return True  # the one shot or beaten; what is fired is no target ('shots were fired')
    return False


def _a_time(prep: Any) -> bool:
    """A preposition whose object is a day or an hour ('on Monday', 'at dawn')."""
    return any(g.ent_type_ in ("DATE", "TIME") or _DATE_WORD.match(g.text) for g in prep.children)


def _told_as_toll(head: Any) -> bool:
    """'1 demonstrator was shot and killed': how the dead died, a toll that the killing tells."""
    return any(c.dep_ == "conj" and c.lemma_.lower() in _DEATH_VERBS for c in head.children)


_DEATH_VERBS = frozenset(("kill", "die"))


def _projectile(tok: Any) -> bool:
    """A weapon or what it fires ('shots', 'rockets', 'a missile')."""
    word = tok.lemma_.lower()
    return word in WEAPON_NOUNS or tok.lower_ in WEAPON_NOUNS or word in ("shot", "round", "bullet", "arrow")


def _anaphoric(
    head: Any, definite_articles: tuple[str, ...] = ("the", "this", "that", "these", "those")
) -> bool:
    """An event noun with a definite article and no parties of its own refers back."""
    if head.pos_ not in ("NOUN", "PROPN"):
        return False
    kids = list(head.children)
    definite = any(c.dep_ == "det" and c.lower_ in definite_articles for c in kids)
    parties = any(c.dep_ == "prep" and c.lower_ in ("between", "with", "among") for c in kids)
    return definite and not parties and not names_a_date(head.sent)


_TOLL_VERBS = frozenset("kill wound injure die hurt".split())


def _means_of_toll(head: Any) -> bool:
    """'five civilians were killed in a Russian air strike': the strike is the event the toll tells."""
    prep = head.head
    if not (
        head.dep_ == "pobj"
        and prep.lower_ in ("in", "by", "during")
        and prep.head.lemma_.lower() in _TOLL_VERBS
    ):
        return False
    # "killed in the fighting" points back to an event told before; "in a strike" tells a new one
    kids = list(head.children)
    told_before = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in kids)
    return not told_before or any(c.dep_ in ("amod", "compound", "poss", "nmod") for c in kids)


def _told_in_full(head: Any, actors: list[ActorMatch], offset: int) -> bool:
    """An 'after' clause that tells a happening in full, its own named doer and its object ('hours
    after Turkish-backed factions shelled villages west of Tal Tamr'), reports an event too."""
    if head.pos_ != "VERB" or head.tag_ != "VBD":
        return False
    subjects = [c for c in head.children if c.dep_ == "nsubj"]
    objects = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
    return bool(subjects and objects and keys_in(subjects, actors, offset))


def _recalled(head: Any) -> bool:
    """'The strike came hours after ...', 'the attack follows ...': an event noun with 'the' as the
    subject of a verb that places it in time refers to one told before."""
    return (
        head.pos_ == "NOUN"
        and head.dep_ == "nsubj"
        and head.head.lemma_.lower() in ("come", "follow", "precede")
        and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children)
    )


def _toll_of(head: Any) -> bool:
    """'3 soldiers were killed following an attack': the attack is the event the toll reports."""
    prep = head.head
    verb = prep.head
    return prep.lower_ in ("after", "following") and verb.lemma_.lower() in _TOLL_VERBS


def _gathers_things(head: Any) -> bool:
    """A transitive 'gather' whose object is no crowd of people ('gathering evidence'): people
    who assemble gather intransitively, or gather a crowd."""
    subjects = [c for c in head.children if c.dep_ == "nsubj"]
    if any(_crowd_like(c) for c in subjects):
        return False  # "hundreds of protesters gathered outside parliament", however it is parsed
    objects = [c for c in head.children if c.dep_ == "dobj"]
    if head.pos_ == "NOUN":
        objects = [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    return any(not _crowd_like(o) and o.ent_type_ not in ("PERSON", "NORP", "ORG") for o in objects)


def _gathers_for_else(head: Any) -> bool:
    """People who gather or march to do something that is no protest ('gathered to help the
    wounded', 'marched to collect water'); any other purpose ('to demand', 'to seek audience with')
    or none keeps it a protest."""
    for c in head.children:
        if (
            c.dep_ in ("xcomp", "advcl")
            and c.pos_ == "VERB"
            and any(a.lower_ == "to" for a in c.children if a.dep_ == "aux")
        ):
            return c.lemma_.lower() in cues().other_purposes
    return False


def _crowd_like(tok: Any) -> bool:
    """People in number: a crowd noun, or a count ('hundreds', 'some 300')."""
    if tok.lemma_.lower() in classify.CROWD_NOUNS or tok.lower_ in classify.CROWD_NOUNS or tok.like_num:
        return True
    return tok.ent_type_ == "CARDINAL" or tok.lower_ in ("hundreds", "thousands", "dozens", "scores")


def _around(head: Any) -> Any:
    """The words that may say a gathering is a protest: the trigger's sentence and the next."""
    sent = head.sent
    end = head.doc[sent.end].sent.end if sent.end < len(head.doc) else sent.end
    return head.doc[sent.start : end]


def _protest_context(sent: Any, actors: list[ActorMatch]) -> bool:
    if any(m.key == "PROTESTERS" for m in actors):
        return True
    return any(t.lemma_.lower() in ("protest", "demonstration", "demonstrate", "rally") for t in sent)


def _motion(head: Any) -> bool:
    verbs = {head.head.lemma_.lower(), *(c.lemma_.lower() for c in head.children)}
    return bool(verbs & {"march", "move", "head", "leave", "arrive", "enter", "reach", "travel", "depart"})


def _struck_near(head: Any, actors: list[ActorMatch], offset: int) -> list[str]:
    """The side whose patrol, convoy or post a blast went off near or at ('a bomb exploded near a
    patrol of the Popular Mobilization Forces')."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in ("near", "at", "by", "beside"):
            for noun in prep.children:
                if noun.dep_ == "pobj" and noun.lemma_.lower() in _ARMED_PLACES:
                    return keys_in([noun], actors, offset)
    return []


_ARMED_PLACES = frozenset(
    "patrol convoy checkpoint post outpost position base headquarters vehicle car barracks".split()
)


def _conducted(head: Any) -> bool:
    """An activity noun someone carries out ('carried out a joint patrol', 'conducted patrols')."""
    return head.dep_ == "dobj" and head.head.lemma_.lower() in _CONDUCT_VERBS


_CONDUCT_VERBS = frozenset("carry conduct run begin start launch hold resume stage organise organize".split())


def _concluded(head: Any) -> bool:
    """An agreement told as made or taking effect ('reached a truce', 'the deal was signed', 'a
    ceasefire took effect', 'agreed to a ceasefire'), not one named as a backdrop ('under an
    agreement', 'monitoring the cessation of hostilities agreement') or told ending ('declared the
    ceasefire over', 'since the truce collapsed')."""
    c = cues()
    noun = head.head if head.dep_ == "compound" else head  # "a ceasefire agreement"
    told = [k for k in noun.children if k.dep_ in ("acl", "relcl") and k.lemma_.lower() in c.concluding_verbs]
    if told and not any(w.lemma_.lower() in c.agreement_ends for k in told for w in k.subtree):
        return True  # "the agreement, reached late on Tuesday between ...", "a deal signed in Astana"
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head  # "agreed to a ceasefire", "agreed on a truce"
    if verb.pos_ not in ("VERB", "AUX") or noun is verb:
        return False
    words = [verb, *verb.children, *noun.children]
    if any(w.lemma_.lower() in c.agreement_ends or w.lower_ in c.agreement_ends for w in words):
        return False
    lemma = verb.lemma_.lower()
    if noun.dep_ == "nsubj":
        return lemma in c.effect_verbs
    return lemma in c.concluding_verbs and noun.dep_ in ("dobj", "nsubjpass", "pobj")


def _noun_licensed(head: Any) -> bool:
    if head.ent_type_ in ("ORG", "WORK_OF_ART", "EVENT", "LAW") and head.is_title:
        return False
    if head.dep_ in NOUN_LICENSE_DEPS or _means_of_toll(head):
        return True
    if head.dep_ == "pobj" and head.head.lower_ == "on" and labour_strike(head):
        return True  # 'doctors went on strike': the strike is what they did
    if not any(t.pos_ in ("VERB", "AUX") for t in head.sent):
        return True  # a sentence with no verb reports by its nouns ('Residents of X protest evictions')
    kids = list(head.children)
    if any(c.dep_ == "nummod" for c in kids):
        return True
    return any(c.dep_ == "prep" and c.lower_ in NOUN_LICENSE_PREPS for c in kids)


def _core(tok: Any) -> list[Any]:
    """A noun phrase's core: the noun, its modifiers and an 'of' complement, no clauses."""
    out = [tok]
    for c in tok.children:
        if c.dep_ in ("compound", "amod", "nmod", "appos", "conj"):
            out += list(c.subtree)
        elif c.dep_ == "prep" and c.lower_ == "of":
            out += [g for g in c.children if g.dep_ == "pobj"]
            out += [x for g in c.children if g.dep_ == "pobj" for x in g.children if x.dep_ == "compound"]
    return out


def _place_like(tok: Any, actors: list[ActorMatch], offset: int) -> bool:
    """A token heads a place-like phrase: a proper noun that is not an actor, or a place noun."""
    for t in _core(tok):
        start = offset + t.idx
        in_actor = any(m.start <= start < m.end for m in actors)
        if in_actor:
            continue
        if t.pos_ == "PROPN" or t.lemma_.lower() in classify.PLACE_NOUNS or t.lower_ in classify.PLACE_NOUNS:
            return True
    return False


def _takeover_targets(head: Any) -> list[Any]:
    """The phrases a takeover trigger says were taken."""
    kids = list(head.children)
    targets = [c for c in kids if c.dep_ in ("dobj", "nsubjpass")]
    for c in kids:
        if c.dep_ == "prep" and c.lower_ in ("of", "from", "to", "over", "on", "in"):
            targets += [g for g in c.children if g.dep_ == "pobj"]
    if head.pos_ in ("NOUN", "PROPN") and head.head.pos_ in ("VERB", "AUX"):
        targets += [c for c in head.head.children if c.dep_ == "prep" and c.lower_ in ("to", "of")]
    if not targets and head.dep_ == "amod":  # "the liberated town"
        targets = [head.head]
    return targets


def _split_places(targets: list[Any], actors: list[ActorMatch], offset: int) -> list[tuple[int, int] | None]:
    """One place span per coordinated place ('liberated X and Y'); [None] when there is one or none."""
    for t in targets:
        plural = _plural_agreement(t)
        conj = [
            t,
            *(
                c
                for c in t.subtree
                if c.dep_ == "conj" and (plural or c.head.dep_ in ("dobj", "nsubjpass", "conj"))
            ),
        ]
        places = [c for c in conj if _place_like(c, actors, offset) and c.lemma_.lower() not in PERSON_LEMMAS]
        if len(places) >= 2:
            return [_own_span(c, offset) for c in places[:4]]
    return [None]


def _plural_agreement(subject: Any) -> bool:
    """A singular passive subject with a plural verb ('the oil field east of X and the town of Y
    were taken'): the parser hung the second conjunct on a nearer noun, but the verb says the
    subject is coordinated."""
    if subject.dep_ != "nsubjpass" or subject.tag_ not in ("NN", "NNP"):
        return False
    return any(
        c.dep_ in ("auxpass", "aux") and c.lower_ in ("were", "are", "have") for c in subject.head.children
    )


def _own_span(tok: Any, offset: int) -> tuple[int, int]:
    """A conjunct's phrase without the conjuncts that hang on it."""
    words = [tok]
    for child in tok.children:
        if child.dep_ not in ("conj", "cc", "punct"):
            words += list(child.subtree)
    left = min(w.idx for w in words)
    right = max(w.idx + len(w.text) for w in words)
    return offset + left, offset + right


def candidates(
    matches: list[TriggerMatch],
    doc: Any,
    actors: list[ActorMatch],
    offset: int,
    has_date: bool,
    protest_doc: bool = False,
    snippet: bool = False,
    roles: ActorRoles | None = None,
) -> list[Candidate]:
    """Candidates for every licensed trigger of one sentence; `protest_doc` says the report is
    about protests, so 'a similar gathering' is one; `roles` are the sides' roles (air forces,
    alliances), the bundled packs' by default."""
    out: list[Candidate] = []
    done: set[int] = set()
    for tm in matches:
        head = doc[tm.head]
        if tm.head in done or not licensed(tm, head, actors, offset, protest_doc):
            continue
        built = _build(tm, head, actors, offset, has_date, snippet, roles)
        if built:
            done.add(tm.head)
        out += built
    return out


def _build(
    tm: TriggerMatch,
    head: Any,
    actors: list[ActorMatch],
    offset: int,
    has_date: bool,
    snippet: bool = False,
    roles: ActorRoles | None = None,
) -> list[Candidate]:
    agents, patients = arguments(head)
    if tm.rule.reverse:  # "the town fell to X"
        agents, patients = [g for c in head.children if c.dep_ == "prep" for g in c.children], agents
    a1 = keys_in(agents, actors, offset)
    a2 = [k for k in keys_in(patients, actors, offset) if k not in a1]
    claimer = _claimed_by(head)
    if not a1 and claimer is not None:  # "X claimed responsibility for an attack that ...": X did it
        a1 = [k for k in keys_in(arguments(claimer)[0], actors, offset) if k not in a2]
    # "declared the city liberated": the participle's subject is the place taken, not its taker
    small_clause = head.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in head.children)
    declarer = _declared_by(head) if tm.rule.cls == "takeover" and (not a1 or small_clause) else None
    if declarer is not None:  # "the army declared the city liberated": the army took it
        declared = [k for k in keys_in(arguments(declarer)[0], actors, offset) if k not in _UNARMED_KEYS]
        a1 = declared or a1
        a2 = [k for k in a2 if k not in a1]
    pair = between_keys(head, actors, offset)
    if len(pair) < 2 and tm.rule.cls == "Agreement":
        pair = talks_between(head, actors, offset)
    if len(pair) >= 2:  # "clashes between X and Y"
        a1, a2 = [pair[0]], pair[1:]
    elif len(a1) >= 2 and not a2 and tm.rule.cls == "Armed clash":
        a1, a2 = a1[:1], a1[1:]  # "X and Y exchanged fire", "X and Y clashed": one side each
    text = head.sent.text
    cls = tm.rule.cls
    explicit_targets = keys_in(_target_phrases(head), actors, offset)
    if len(a1) > 1:  # a side named after 'on' or 'against' is the target, not the attacker
        a1 = [k for k in a1 if k not in explicit_targets] or a1
        a2 = [*a2, *(k for k in explicit_targets if k not in a2 and k not in a1)]
    if not a2 and (cls in ("attack", "takeover") or SUB_EVENT_TYPES.get(cls) in _FIGHTS):
        a2 = _other_side(head, actors, a1, offset, roles)
    pronoun = any(getattr(a, "pos_", "") == "PRON" or _generic_force(a) for a in agents)
    if head.lemma_.lower() in _DEFENCE and a2 and cls != "Disrupted weapons use":
        # "X repelled an attack by Y": Y attacked
        a1, a2 = a2, a1
    generic = any(_generic_force(a) for a in agents) and not any(
        getattr(a, "pos_", "") == "PRON" or _possessive_pronoun(a) for a in agents
    )
    reacted = head.dep_ in ("dobj", "pobj") and head.head.lemma_.lower() in cues().reaction_verbs
    if not a1 and (not agents or pronoun) and cls not in ("protest", "kill") and not reacted:
        # a nameless 'the engineering teams' is never the side the source calls by a loaded label
        # ('killed a terrorist, and the teams dismantled his belt')
        named = [m for m in actors if m.kind != "label"] if generic else actors
        a1 = [k for k in nearest_before(head, named, offset, exclude=a2) if k not in ("CIV", "PROTESTERS")]
    if cls == "takeover":  # "liberated X from Daesh", "the siege imposed by Daesh": the loser is actor2
        losers = keys_in(_from_phrases(head), actors, offset) + keys_in(
            _takeover_targets(head), actors, offset
        )
        a1 = [k for k in a1 if k not in losers]
        a2 = [*a2, *(k for k in losers if k not in a2)]
    spans: list[tuple[int, int] | None] = [None]
    sub = _refine(cls, head, a1, a2, text, tm.rule.default, roles)
    if sub is None:
        return []
    if sub == "Other" and not a1 and head.pos_ == "NOUN":
        # "a convoy of IS militants marched": those it is made of moved
        members = [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
        starts = {offset + t.idx for g in members for t in g.subtree}
        a1 = [m.key for m in actors if m.start in starts and m.key not in ("CIV", "PROTESTERS")][:1]
    if sub == "Other" and not a1:
        return []  # "an aid convoy entered the besieged town": no armed side moved, no event ACLED codes
    if cls == "takeover" or sub in ("Non-violent transfer of territory",):
        targets = _takeover_targets(head)
        no_place = not any(_place_like(t, actors, offset) for t in targets)
        if no_place and head.lemma_.lower() not in ("storm", "enter") and "siege" not in tm.rule.lemmas:
            return []  # "handing over the bodies" transfers no territory
        if cls == "takeover" and targets and all(t.lemma_.lower() in PERSON_LEMMAS for t in targets):
            return []
        spans = _split_places(targets, actors, offset)
    if sub in (
        "Peaceful protest",
        "Protest with intervention",
        "Violent demonstration",
        "Excessive force against protesters",
    ):
        a1, a2 = _protest_sides(a1, a2, sub)
    if classify.is_crowd_violence(sub, head, a1, a2):
        sub = "Violent demonstration" if _protest_words(head.sent) else "Mob violence"
        if sub == "Violent demonstration":
            a1, a2 = _protest_sides(a1, a2, sub)
    if sub == "Mob violence":
        a1, a2 = ["RIOTERS"], [k for k in a2 if k != "RIOTERS"] or ["CIV"]
    if SUB_EVENT_TYPES[sub] == "Violence against civilians":
        # ACLED: the perpetrator is actor1 and the civilians actor2, whoever the sentence names first
        armed = [k for k in a1 + a2 if k not in _UNARMED_KEYS]
        a1 = [k for k in a1 if k not in _UNARMED_KEYS] or armed[:1]
        a2 = ["CIV", *(k for k in a2 if k != "CIV" and k not in a1)]
    if (
        not a2
        and SUB_EVENT_TYPES[sub] == "Explosions/Remote violence"
        and _civilian_target(head, patients, actors)
    ):
        a2 = ["CIV"]  # a market, a town or a car of civilians hit, and no armed side named
    if not a2 and SUB_EVENT_TYPES[sub] == "Explosions/Remote violence":
        a2 = [k for k in _struck_near(head, actors, offset) if k not in a1]
    if spans == [None]:
        struck = SUB_EVENT_TYPES[sub] in _TARGETED_TYPES
        target = _named_target(patients, actors, offset) if struck else None
        spans = [target or _locative_span(head, patients, offset)]
    mod = modality(head, text, has_date, snippet)
    stopper = _prevented(head)
    if stopper is not None and mod == "occurred":
        if SUB_EVENT_TYPES[sub] == "Explosions/Remote violence":
            # "police foiled a suicide attack on a mosque": the bomb was stopped, ACLED's
            # disrupted weapons use by the side that stopped it
            foilers = keys_in(arguments(stopper)[0], actors, offset)
            would_be = [k for k in a1 + a2 if k not in foilers and k not in _UNARMED_KEYS]
            sub, a1, a2 = "Disrupted weapons use", foilers, would_be[:1]
        elif stopper.lemma_.lower() in _AVERT:
            mod = "negated"  # "the army prevented an attack on the town": no attack took place
    claim = claimant(head)
    assoc = associates(head, actors, offset, a1 + a2)
    needs = ""
    if not a1:
        needs = "our" if _our_side(agents) else "generic" if generic else "pronoun" if pronoun else ""
    return [
        Candidate(
            sub,
            head,
            tm.tokens,
            tm.rule.name,
            list(a1),
            list(a2),
            list(assoc),
            mod,
            claim,
            span,
            kill_only=(cls == "kill"),
            needs_antecedent=needs,
        )
        for span in spans
    ]


_FIGHTS = ("Battles", "Explosions/Remote violence")
_UNARMED_KEYS = frozenset(("CIV", "PROTESTERS", "RIOTERS"))
_DEFENCE = frozenset("repel repulse thwart foil confront".split())
# verbs that stop an event before it happens; with foil and thwart a fight may still have been fought
_AVERT = frozenset("prevent avert preempt pre-empt forestall".split())
_STOP = _AVERT | frozenset("foil thwart frustrate abort defuse intercept".split())


def _prevented(head: Any) -> Any:
    """The verb that says the event was stopped ('foiled a suicide attack', 'an attack was
    prevented', 'prevented the militants from attacking'), or None."""
    tok = head
    for _ in range(3):
        if tok.head.i == tok.i:
            return None
        if tok.dep_ in ("dobj", "nsubjpass", "pcomp", "pobj", "xcomp") and tok.head.lemma_.lower() in _STOP:
            return tok.head
        if tok.dep_ not in ("pcomp", "pobj", "prep", "compound"):
            return None
        tok = tok.head
    return None


def _roles(roles: ActorRoles | None) -> ActorRoles:
    """The sides' roles (air forces, alliances) the rules read; the bundled packs' by default."""
    return roles if roles is not None else load_lexicon().roles


_DECLARE = frozenset(("declare", "announce", "proclaim"))
_DECLARED_DEPS = frozenset(("oprd", "ccomp", "xcomp", "dobj", "acomp", "advcl", "acl", "pobj", "prep"))


def _declared_by(head: Any) -> Any:
    """The verb of 'X declared the town liberated' or 'X announced the liberation of Y' when the
    takeover names no doer of its own: a side declares its own gains. None otherwise."""
    tok = head
    for _ in range(4):  # "declared the village of X liberated", parsed as a participle on X
        if tok.head.i == tok.i or tok.dep_ not in _DECLARED_DEPS:
            return None
        tok = tok.head
        if tok.lemma_.lower() in _DECLARE and tok.pos_ in ("VERB", "AUX"):
            return tok
    return None


def _claimed_by(head: Any) -> Any:
    """The verb of 'X claimed responsibility for the attack' or 'X claimed the bombing', or None."""
    tok = head.head if head.dep_ == "relcl" else head  # "... for an attack that killed three"
    if tok.dep_ == "pobj" and tok.head.lower_ == "for" and tok.head.head.lemma_.lower() == "responsibility":
        tok = tok.head.head
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in ("claim", "bear", "take", "assume"):
        return (
            tok.head if tok.lemma_.lower() == "responsibility" or tok.head.lemma_.lower() == "claim" else None
        )
    return None


def _generic_force(tok: Any) -> bool:
    """A subject that names no one: 'the warplanes', 'the detachments of the 16th Division'."""
    if not hasattr(tok, "lemma_") or not (tok.lemma_.lower() in FORCE_NOUNS or tok.lower_ in FORCE_NOUNS):
        return False
    # "Kurdish fighters", "Tribal Army units": a name-like modifier says whose they are
    return not any(c.dep_ in ("amod", "compound") and c.text[:1].isupper() and c.i > 0 for c in tok.children)


def _possessive_pronoun(tok: Any) -> bool:
    """'its detachments', 'their fighters': a force that belongs to someone named before."""
    return hasattr(tok, "children") and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in tok.children)


def _our_side(agents: list[Any]) -> bool:
    """'our forces', 'our fighters': the side the source speaks for."""
    return any(hasattr(a, "children") and any(c.lower_ == "our" for c in a.children) for a in agents)


def _civilian_target(head: Any, patients: list[Any], actors: list[ActorMatch]) -> bool:
    """Civilians are the target: named as such, or a town, market or vehicle hit with no armed
    actor in the sentence besides the attacker."""
    if any(m.key == "CIV" for m in actors):
        return True
    armed = {m.key for m in actors if m.key not in ("CIV", "PROTESTERS", "RIOTERS")}
    if len(armed) > 1:
        return False
    words = {t.lemma_.lower() for p in patients if hasattr(p, "subtree") for t in p.subtree}
    words |= {t.lemma_.lower() for t in head.subtree}
    return bool(words & classify.CIVILIAN_TARGETS)


def _other_side(
    head: Any, actors: list[ActorMatch], a1: list[str], offset: int, roles: ActorRoles | None = None
) -> list[str]:
    """In a fight, the other armed actor the sentence names nearest the trigger is the opponent
    ('took control of the district after three days of fighting with Islamic State militants')."""
    if not a1:
        return []
    roles = _roles(roles)
    others = [
        m
        for m in actors
        if m.key not in a1
        and m.key not in ("CIV", "PROTESTERS", "RIOTERS")
        and not _source_of_report(head.doc, m.start - offset)
        and not _in_event_phrase(head, m.start - offset)
        and not roles.allies(a1[0], m.key)
    ]
    if not others:
        return []
    at = offset + head.idx
    return [min(others, key=lambda m: abs(m.start - at)).key]


def _in_event_phrase(head: Any, char: int) -> bool:
    """True when the actor at `char` modifies the event noun itself ('the regime and Russian
    bombardment'): a doer of the event, never its opponent."""
    if head.pos_ != "NOUN":
        return False
    tok = _token_at(head.doc, char)
    return tok is not None and tok.i < head.i and head.is_ancestor(tok)


def _token_at(doc: Any, char: int) -> Any:
    """The token of a parsed paragraph that covers character `char`, or None."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _source_of_report(doc: Any, char: int) -> bool:
    """True when the actor named at `char` tells of the event rather than takes part: the subject
    of 'said' or 'announced', or the object of 'according to' ('..., the Syrian army said')."""
    tok = _token_at(doc, char)
    for _ in range(3):
        if tok is None or tok.dep_ not in ("compound", "amod", "det", "poss", "nmod"):
            break
        tok = tok.head
    if tok is None:
        return False
    if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in SPEECH_LEMMAS:
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according"


_LOCATIVE = frozenset(("in", "at", "near", "around", "outside", "inside", "on"))


def _named_target(patients: list[Any], actors: list[ActorMatch], offset: int) -> tuple[int, int] | None:
    """A target that is itself a named place ('shelled the village of X in the countryside of Y',
    'struck X near Y'): that place, without the phrases that locate it by another.

    What a strike or an attack hits is where it happened; the place told after it is its container
    or its neighbour. A target named by an actor ('IS positions') is not a place."""
    for p in patients:
        if not hasattr(p, "children") or p.dep_ not in ("dobj", "nsubjpass", "pobj"):
            continue
        name = p
        if p.pos_ != "PROPN":
            if p.lemma_.lower() not in _SETTLEMENT_NOUNS:
                continue
            of = [g for c in p.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
            name = next((g for g in of if g.dep_ == "pobj" and g.pos_ == "PROPN"), None)
            if name is None:
                continue
        if name.ent_type_ in _NOT_PLACE_ENTITIES:
            continue  # "burned the consulate on Wednesday": a day is no target
        words = [
            name,
            *(w for c in name.children if c.dep_ in ("compound", "amod", "det") for w in c.subtree),
        ]
        if any(m.start <= offset + w.idx < m.end for w in words for m in actors):
            continue
        start = min(w.idx for w in [p, *words] if w is p or w.i >= p.i)
        end = max(w.idx + len(w.text) for w in words)
        return offset + start, offset + end
    return None


# event types whose target, when a place, is where the event happened
_TARGETED_TYPES = frozenset({"Explosions/Remote violence", "Battles", "Violence against civilians"})
_NOT_PLACE_ENTITIES = frozenset(
    "DATE TIME NORP CARDINAL ORDINAL MONEY PERCENT QUANTITY EVENT LAW LANGUAGE WORK_OF_ART".split()
)


def _locative_span(head: Any, patients: list[Any], offset: int) -> tuple[int, int] | None:
    """The phrase that says where this event happened: 'in/at/near X' on the trigger, on the verb
    it is an argument of, or on its target ('attacked the points in the Jafra centre'); for the
    people an event took, where they were taken from ('abducted hunters from the town of X').

    A phrase that names its place outright ('in Hajin', 'from the town of al-Sukhnah') wins over
    one that only places it by another ('in the desert east of Palmyra')."""
    hosts = [(head, _LOCATIVE)]
    if head.dep_ in ("dobj", "nsubj", "nsubjpass") and head.head.pos_ in ("VERB", "AUX"):
        hosts.append((head.head, _LOCATIVE))
    hosts += [(p, _LOCATIVE | {"from"}) for p in patients if hasattr(p, "children")]
    found: list[Any] = []
    for host, preps in hosts:
        for c in host.children:
            if c.dep_ == "prep" and c.lower_ in preps:
                for g in c.children:
                    if g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME"):
                        continue  # "In October 24" says when, not where
                    if g.dep_ == "pobj" and any(t.pos_ == "PROPN" for t in g.subtree):
                        found.append(g)
                        continue
                    for gg in g.children:  # "on the SDF's points in the Jafra center"
                        if gg.dep_ == "prep" and gg.lower_ in _LOCATIVE:
                            found += [
                                x
                                for x in gg.children
                                if x.dep_ == "pobj" and any(t.pos_ == "PROPN" for t in x.subtree)
                            ]
    if not found:
        return None
    return _own_span(min(found, key=_indirect), offset)


def _indirect(phrase: Any) -> bool:
    """True when a place phrase locates by another place ('the desert east of Palmyra', 'the
    outskirts of X') rather than naming it ('Hajin', 'the town of X')."""
    if phrase.pos_ == "PROPN":
        return False
    named = [c for c in phrase.children if c.dep_ in ("compound", "amod", "nmod")]
    if any(g.pos_ == "PROPN" for c in named for g in c.subtree):
        return False  # "the Ain al-Asad air base": the name is the phrase's own
    return phrase.lemma_.lower() not in _SETTLEMENT_NOUNS


# nouns that name a place through "of X" ("the town of X"), as against those that locate by it
_SETTLEMENT_NOUNS = frozenset(
    "town city village hamlet district neighbourhood neighborhood quarter camp suburb municipality "
    "settlement subdistrict".split()
)


def _target_phrases(head: Any) -> list[Any]:
    """Objects of 'on', 'against' and 'targeting' on the trigger or on the verb it is the object of."""
    out = []
    hosts = [head]
    if head.dep_ in ("dobj", "nsubj", "nsubjpass") and head.head.pos_ in ("VERB", "AUX"):
        hosts.append(head.head)
    for host in hosts:
        for c in host.children:
            if c.dep_ == "prep" and c.lower_ in ("on", "against", "targeting", "upon"):
                out += [g for g in c.children if g.dep_ == "pobj"]
    return out


def _from_phrases(head: Any) -> list[Any]:
    """Objects of 'from' on the trigger or its verb ('liberation of X from the gangs of Daesh')."""
    out = []
    # "stormed al-Sousa and liberated it from the mercenaries": the 'from' of a coordinated verb
    verbs = [c for c in head.children if c.dep_ == "conj" and c.pos_ == "VERB"] if head.pos_ == "VERB" else []
    for tok in (head, *verbs, *(c for c in head.children if c.dep_ == "prep")):
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "from":
                out += [g for g in c.children if g.dep_ == "pobj"]
    if head.dep_ in ("dobj", "pobj") and head.head.pos_ in ("VERB", "AUX"):
        for c in head.head.children:
            if c.dep_ == "prep" and c.lower_ == "from":
                out += [g for g in c.children if g.dep_ == "pobj"]
    return out


def _protest_sides(a1: list[str], a2: list[str], sub: str) -> tuple[list[str], list[str]]:
    """Protesters are actor1, the force that intervenes actor2, as ACLED codes protests; the crowd
    of a violent demonstration is always 'Rioters', of any other protest 'Protesters', whatever
    the report calls it."""
    everyone = a1 + a2
    crowd = [k for k in everyone if k in ("PROTESTERS", "RIOTERS", "CIV")]
    force = [k for k in everyone if k not in crowd]
    if sub == "Peaceful protest":
        force = []  # no one intervened: what the crowd protests against ("against HTS") is no side
    return ["RIOTERS" if sub == "Violent demonstration" else "PROTESTERS"], force


def _refine(
    cls: str,
    head: Any,
    a1: list[str],
    a2: list[str],
    text: str,
    default: str = "",
    roles: ActorRoles | None = None,
) -> str | None:
    """The sub-event type for a trigger class in its context, or None when it is no event."""
    roles = _roles(roles)
    # a weapon disrupted in the clause was not the one used ('conducted 18 strikes and destroyed two car bombs')
    clause = _clause_tokens(head)
    not_used = {d.i for t in clause if t.i != head.i and _weapon_word(t) and _disarmed(t) for d in t.subtree}
    verb = head.head if head.dep_ == "nsubj" and head.pos_ == "NOUN" else head
    if verb.pos_ == "VERB" and any(
        c.dep_ == "nsubj" and c.lemma_.lower() in STRIKE_NOUNS for c in verb.children
    ):
        # what an attack hit is its target, not its weapon ('Israeli strikes hit a rocket launcher')
        hit = [c for c in verb.children if c.dep_ == "dobj"]
        not_used |= {d.i for c in hit for d in c.subtree}
    clause = [t for t in clause if t.i not in not_used]
    agents, _patients = arguments(head)
    weapon = classify.weapon_class(clause + [t for a in agents if hasattr(a, "subtree") for t in a.subtree])
    weapon = weapon or default or None
    crowd_acts = bool(a1) and a1[0] in ("PROTESTERS", "RIOTERS")
    if cls == "attack":
        dispersal = classify.crowd_control_fire(head)  # 'police fired tear gas': an intervention
        if dispersal is not None:
            return dispersal
        if not weapon and _protest_words(head.sent) and not crowd_acts:
            return classify.protest_type(text, protesters_act=False)
        planted = ("Remote explosive/landmine/IED", "Grenade")
        if (not weapon or weapon in planted) and head.pos_ == "NOUN" and head.lemma_.lower() == "strike":
            # 'strikes' as a noun, in war reporting, are air strikes; a bomb or a grenade named
            # beside them is what they hit or dropped ('18 strikes destroyed two car bombs')
            weapon = "Air/drone strike"
        if head.lemma_.lower() == "bombing" and weapon == default and a1 and roles.air_force(a1[0]):
            weapon = "Air/drone strike"  # "the regime's bombing of Douma": from the air
        if head.lemma_.lower() == "bombardment" and weapon == default and a1 and a1[0] in roles.air_only:
            weapon = "Air/drone strike"  # "Russian bombardment": Russia and the coalition strike from the air
        return classify.attack_type(weapon, a1, a2, text, head)
    if cls == "takeover":
        if crowd_acts:
            return "Violent demonstration"
        return classify.takeover_type(a1, text, cls, roles)
    if cls == "protest":
        if any(c.lemma_.lower() in ("peaceful", "peacefully") for c in head.subtree):
            return "Peaceful protest"
        # the civilians who protest ('farmers protest ..., engage in running battles') are its crowd
        return classify.protest_type(text, protesters_act=not a1 or crowd_acts or a1[0] == "CIV")
    if cls == "kill":
        if weapon in (
            "Remote explosive/landmine/IED",
            "Suicide bomb",
            "Air/drone strike",
            "Grenade",
            "Shelling/artillery/missile attack",
            "Chemical weapon",
        ):
            return weapon  # "a bomb planted by X killed two soldiers"
        return classify.kill_type(a1, a2, text, classify.crowd_acts(head), head)
    if cls == "Looting/property destruction" and (crowd_acts or _protest_words(head.sent)):
        # a crowd's destruction: a riot when it demonstrates, else mob violence ('a mob torched a bus')
        return "Violent demonstration" if _protest_words(head.sent) else "Mob violence"
    if cls == "Armed clash" and crowd_acts:
        return "Violent demonstration"
    if cls == "Remote explosive/landmine/IED" and _structure_object(head):
        return "Looting/property destruction"  # "blew up the theatre": a building destroyed
    if cls == "Remote explosive/landmine/IED" and weapon in (
        "Suicide bomb",
        "Grenade",
        "Air/drone strike",
        "Chemical weapon",
        "Shelling/artillery/missile attack",
    ):
        return weapon
    if cls == "Air/drone strike" and weapon == "Chemical weapon":
        return weapon
    return cls


def _structure_object(head: Any) -> bool:
    objs = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(o.lemma_.lower() in classify.STRUCTURES or o.lower_ in classify.STRUCTURES for o in objs)


def _protest_words(sent: Any) -> bool:
    words = ("protester", "demonstrator", "protest", "rioter", "sit", "demonstration", "rally")
    return any(lemma in words for lemma in lemmas_in(sent))


def _clause_tokens(head: Any) -> list[Any]:
    """The tokens of the clause a trigger sits in: the subtree of its nearest verb."""
    tok = head
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            break
        tok = tok.head
    return list(tok.subtree)


def merge_linked(cands: list[Candidate]) -> list[Candidate]:
    """Fold triggers of one happening into one candidate: a counter-attack with suicide bombers
    that retook the town is one takeover; a killing inside another violent event is its toll."""
    for c in cands:
        if c.event_type in ("Battles", "Explosions/Remote violence") and "CIV" in c.actor1:
            c.actor1 = [k for k in c.actor1 if k != "CIV"]
            c.actor2 = ["CIV", *(k for k in c.actor2 if k != "CIV")]
        armed = [k for k in c.actor2 if k not in _UNARMED_KEYS]
        if c.event_type == "Battles" and not c.actor1 and "CIV" in c.actor2 and armed:
            # 'clashes between herders and Seleka militiamen': the armed side fought
            c.actor1 = armed[:1]
            c.actor2 = [k for k in c.actor2 if k != armed[0]]
    # the fighting a killing happened amid ('killed 85 as fighting was underway') is not its event
    violent = [
        c
        for c in cands
        if c.violent and not c.kill_only and c.modality == "occurred" and not going_on(c.head)
    ]
    kills = [c for c in cands if c.kill_only and c.modality == "occurred"]
    for kill in kills:  # "IS committed a massacre ... blowing up a car": IS is the perpetrator
        for c in violent:
            if (
                kill.actor1
                and not set(kill.actor1) & set(c.actor1)
                and _verb_of(kill.head).i != _verb_of(c.head).i
            ) and (not c.actor1 or c.actor1[0] in c.actor2):
                c.actor1 = list(kill.actor1)
    if kills and violent and all(c.sub_event_type == "Abduction/forced disappearance" for c in violent):
        # "kidnapped and killed": the killing is the event; the abduction led to it
        keep = kills[0]
        keep.actor1 = keep.actor1 or violent[0].actor1
        return [c for c in cands if c not in violent and (c is keep or not c.kill_only)]
    # a killing folds into the violent event it is the toll of, but protesters shot by the police
    # while others set fires are an event of their own ("excessive force against protesters")
    out = [
        c
        for c in cands
        if not (c.kill_only and violent and c.sub_event_type != "Excessive force against protesters")
    ]
    changed = True
    while changed:
        changed = False
        for i, a in enumerate(out):
            for b in out[i + 1 :]:
                if _same_happening(a, b):
                    keep, drop = (a, b) if _rank(a) <= _rank(b) else (b, a)
                    keep.actor1 = keep.actor1 or drop.actor1
                    inherited = [k for k in drop.actor2 if not (k == "CIV" and keep.event_type == "Battles")]
                    keep.actor2 = keep.actor2 or inherited
                    keep.assoc1 = keep.assoc1 + [k for k in drop.assoc1 if k not in keep.assoc1]
                    keep.place_span = keep.place_span or drop.place_span
                    keep.merged_heads.append(drop.head)
                    out.remove(drop)
                    changed = True
                    break
            if changed:
                break
    return _fold_parts(out)


# ACLED codes one event for one happening. Where one sentence tells a happening with several
# trigger words, the parts fold into the event whose type names the whole:
# keep type -> {folded type: which side of the kept event the folded one's first actor must be on}
# ("actor1": the same actor1, or none; "either": actor1 or actor2 of the kept event, or none).
_TERRITORY = ("Government regains territory", "Non-state actor overtakes territory")
_EXPLOSIONS = (
    "Air/drone strike",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Suicide bomb",
    "Grenade",
)
_PROTEST_FORCE = ("Protest with intervention", "Excessive force against protesters")
SUBSUMES: dict[str, dict[str, str]] = {
    # the town was taken "after three days of fighting": the fighting is the taking
    **{t: {"Armed clash": "either"} for t in _TERRITORY},
    # "struck a convoy, destroying 12 vehicles", "shelled the hills and set fire to the fields"
    **{t: {"Disrupted weapons use": "actor1", "Looting/property destruction": "actor1"} for t in _EXPLOSIONS},
    # "fired tear gas to disperse the protesters and detained dozens": one intervention
    **{
        t: {"Arrests": "either", "Peaceful protest": "either", "Protest with intervention": "either"}
        for t in _PROTEST_FORCE
    },
    # "protesting against power cuts, they stormed the gate": one violent demonstration
    "Violent demonstration": {"Peaceful protest": "actor1"},
    # "raided the houses and arrested 11 young men": a raid that makes arrests is coded Arrests
    "Arrests": {"Attack": "actor1", "Armed clash": "actor1"},
    # "the Peshmerga withdrew and the army took over": with no fighting told, a transfer
    "Non-violent transfer of territory": {t: "either" for t in _TERRITORY},
}
# raids and searches: the attacks an arrest in the same sentence absorbs
_RAID_LEMMAS = frozenset(("raid", "storm", "search", "break", "comb", "round", "besiege"))


def _subsumes(keep: Candidate, drop: Candidate) -> bool:
    """`drop` tells part of the happening `keep` names (see SUBSUMES), in the same sentence."""
    if keep.modality != drop.modality or keep.kill_only or drop.kill_only:
        return False
    if keep.sub_event_type == "Arrests" and drop.sub_event_type in ("Attack", "Armed clash"):
        # the raid that made the arrests is their means, wherever the parse hung its place phrase
        return drop.head.lemma_.lower() in _RAID_LEMMAS
    if keep.place_span and drop.place_span and keep.place_span != drop.place_span:
        return False  # each trigger with its own place phrase: two happenings
    if keep.sub_event_type == drop.sub_event_type:
        # "stormed and burned the consulate"; "the Peshmerga withdrew and the army took over"
        if keep.head.i == drop.head.i or not _protest_or_transfer(keep.sub_event_type):
            return False
        side = "either"
    else:
        side = SUBSUMES.get(keep.sub_event_type, {}).get(drop.sub_event_type, "")
        if not side:
            return False
        if keep.sub_event_type == "Arrests":
            # the raid that made the arrests, whatever side the parse gave it ("arrested an IS
            # official in a raid on a house")
            return drop.head.lemma_.lower() in _RAID_LEMMAS
        if keep.sub_event_type == "Non-violent transfer of territory":
            # the side that withdrew is the side the other took the place from
            return not keep.actor1 or not drop.actor2 or bool(set(keep.actor1) & set(drop.actor2))
    if not drop.actor1:
        return True
    allowed = set(keep.actor1) | (set(keep.actor2) if side == "either" else set())
    return bool(allowed & set(drop.actor1)) or not keep.actor1


def _protest_or_transfer(sub_event_type: str) -> bool:
    """Types where two triggers of one sentence are one happening told twice."""
    return sub_event_type in (
        "Violent demonstration",
        "Peaceful protest",
        "Non-violent transfer of territory",
        "Disrupted weapons use",  # "police foiled a car bomb attack": the foiling, the bomb stopped
    )


def _fold_parts(out: list[Candidate]) -> list[Candidate]:
    """Fold the triggers that tell part of another's happening into it (SUBSUMES)."""
    fighting = any(c.sub_event_type == "Armed clash" and c.modality == "occurred" for c in out)
    for drop in list(out):
        for keep in out:
            if keep is drop or drop not in out:
                continue
            transfer = keep.sub_event_type == "Non-violent transfer of territory" != drop.sub_event_type
            if transfer and fighting:
                continue  # a withdrawal after fighting: the taking is the event
            if _subsumes(keep, drop) and not (
                keep.sub_event_type == drop.sub_event_type and _taker_first(drop, keep)
            ):
                if transfer and drop.actor1:  # the side that took over is the first actor
                    keep.actor1, keep.actor2 = list(drop.actor1), drop.actor2 or keep.actor1
                keep.actor1 = keep.actor1 or drop.actor1
                keep.actor2 = keep.actor2 or [k for k in drop.actor2 if k not in keep.actor1]
                keep.assoc1 = keep.assoc1 + [k for k in drop.assoc1 if k not in keep.assoc1]
                keep.merged_heads.append(drop.head)
                out.remove(drop)
                break
    return out


def _taker_first(a: Candidate, b: Candidate) -> bool:
    """Of two records of one type, `a` names the other side of `b` as its own second side: `a` is
    the fuller telling ('the army took over from the Peshmerga', not 'the Peshmerga withdrew')."""
    return bool(b.actor1) and set(b.actor1) <= set(a.actor2) and bool(a.actor1)


def _rank(c: Candidate) -> int:
    return PRIORITY.index(c.sub_event_type) if c.sub_event_type in PRIORITY else len(PRIORITY)


def _same_happening(a: Candidate, b: Candidate) -> bool:
    if a.place_span and b.place_span and a.place_span != b.place_span:
        return False  # 'X and Y were taken': one trigger, two places, two events
    if going_on(a.head) != going_on(b.head):
        return False  # 'strikes killed 85 as fighting was underway': the fighting is their backdrop
    if a.sub_event_type == b.sub_event_type:
        # "the warplanes targeted the market with three raids": one strike told twice on one verb;
        # so is an event noun that is the subject or object of its own kind of deed, by the same
        # doers ("regime and Russian airstrikes pounded the battlefronts")
        if _verb_of(a.head).i != _verb_of(b.head).i:
            return False
        if not a.actor1 or not b.actor1:
            return True
        return bool(set(a.actor1) & set(b.actor1)) and _argument_of(a.head, b.head)
    if not (a.violent and b.violent):
        return False
    if a.actor1 and b.actor1 and not set(a.actor1) & set(b.actor1):
        return False
    va, vb = _verb_of(a.head), _verb_of(b.head)
    return va.i == vb.i or _governs(va, vb) or _governs(vb, va)


def _argument_of(a: Any, b: Any) -> bool:
    """One of the two trigger words is the subject or object of the other, or joined to it ('the
    regime and Russian airstrikes pounded')."""
    for x, y in ((a, b), (b, a)):
        while x.dep_ == "conj" and x.head.i != x.i:
            x = x.head
        if x.dep_ in ("nsubj", "nsubjpass", "dobj") and x.head.i == y.i:
            return True
    return False


def _verb_of(tok: Any) -> Any:
    for _ in range(5):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            return tok
        tok = tok.head
    return tok


def _governs(top: Any, low: Any) -> bool:
    """`low` hangs on `top` through conjunction, control or adverbial clauses (two steps at most)."""
    tok = low
    for _ in range(2):
        if tok.head.i == tok.i or tok.dep_ not in ("conj", "xcomp", "advcl", "ccomp"):
            return False
        tok = tok.head
        if tok.i == top.i:
            return True
    return False
