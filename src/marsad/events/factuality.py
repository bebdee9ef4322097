"""Factuality and attribution: did the report assert the event happened, and on whose word?

Decided from the parse around the trigger: the modal and negation words governing it, the verbs of
planning or expectation above it, conditional clauses, habitual cues, and speech verbs whose
complement holds it.
"""

from __future__ import annotations

import re
from typing import Any

from marsad.events.casualties import parse_number
from marsad.services.actors import is_country

PLAN_LEMMAS = frozenset(
    "aim plan intend prepare preparation seek want try attempt decide threaten vow pledge "
    "promise hope order intention bid call goal purpose mean ready determine propose urge "
    "demand".split()
)
EXPECT_LEMMAS = frozenset(
    ["expect", "likely", "set", "predict", "anticipate", "forecast", "possible", "probable", "due"]
)
HYPOTHETICAL_MARKS = frozenset(("if", "unless", "whether"))
SPEECH_LEMMAS = frozenset(
    "say report announce state claim confirm declare tell add accuse allege assert insist note "
    "reveal affirm acknowledge explain quote publish".split()
)
DENY_LEMMAS = frozenset(["deny", "refute", "dismiss", "reject"])
SUCCEED_LEMMAS = frozenset(
    ["manage", "succeed", "begin", "start", "continue", "proceed", "go", "come", "resume", "help"]
)
MODAL_FUTURE = frozenset(("will", "would", "shall", "'ll", "may", "might", "could", "should", "must", "can"))
HABITUAL = re.compile(
    r"\b(many a time|many times|several times|repeatedly|frequently|often|regularly|routinely|"
    r"every (day|week|night|friday)|daily|constantly|continuously|time and again|similar attacks|"
    r"such attacks|such acts|in recent (months|weeks|years)|during (the )?(last|past) (week|month|year)|"
    r"over the (last|past) (\w+ )?(days|weeks|months|years?)|since the (start|beginning) of the year)\b",
    re.I,
)
FUTURE_CUES = re.compile(
    r"\b(in the coming (few )?(days|weeks|months|period|hours)|in the near future|soon|"
    r"next (week|month|year)|tomorrow)\b",
    re.I,
)
SUMMARY_FRAME = re.compile(r"^\W*(during|throughout|since the (start|beginning|launch) of)\b", re.I)


def _chain(tok: Any) -> list[Any]:
    """The token and its ancestors up to the sentence root."""
    out = [tok]
    while out[-1].head.i != out[-1].i:
        out.append(out[-1].head)
    return out


def modality(trigger: Any, sentence_text: str, has_date: bool, snippet: bool = False) -> str:
    """The event's modality: occurred, planned, forecast, hypothetical, negated or habitual."""
    chain = _chain(trigger)
    for i, tok in enumerate(chain):
        kids = list(tok.children)
        deps = {c.dep_ for c in kids}
        lowers = {c.lower_ for c in kids}
        if "neg" in deps or ({"no", "never"} & lowers and (tok.pos_ == "VERB" or i == 0)):
            return "negated"
        if i > 0 and tok.lemma_.lower() in DENY_LEMMAS:
            return "negated"
        if i < 2 and tok.dep_ in ("pobj", "pcomp") and tok.head.lower_ == "without":
            return "negated"  # "withdrew without fighting", "entered without a fight"
        if any(c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS for c in kids):
            return "hypothetical"
        if any(c.dep_ == "aux" and c.lower_ in MODAL_FUTURE for c in kids):
            return "hypothetical" if _is_conditional(tok) else "forecast"
        if i > 0 and tok.lemma_.lower() in EXPECT_LEMMAS:
            return "forecast"
        if any(c.dep_ in ("acomp", "attr") and c.lemma_.lower() in EXPECT_LEMMAS for c in kids):
            return "forecast"  # "a ceasefire is due to take effect", "the offensive is likely"
        if i > 0 and tok.lemma_.lower() in PLAN_LEMMAS and _purpose_link(chain[i - 1]):
            return "planned"
        if trigger.tag_ != "VBD" and _infinitive_purpose(tok, chain[i + 1] if i + 1 < len(chain) else None):
            return "planned"
        if tok.lemma_.lower() in SPEECH_LEMMAS and i > 0:
            # the event is reported speech: modality comes from inside the quote, which we walked,
            # unless the report itself is denied ("rebels denied reports that they had shelled")
            if any(t.lemma_.lower() in DENY_LEMMAS for t in chain[i + 1 : i + 3]):
                return "negated"
            break
    if FUTURE_CUES.search(sentence_text):
        return "forecast"
    if _present_simple(trigger) and not snippet:  # headlines and one-line notes use the present
        return "habitual"
    if HABITUAL.search(sentence_text) or (SUMMARY_FRAME.search(sentence_text) and not has_date):
        return "habitual"
    if _spread_count(trigger):
        return "habitual"
    return "occurred"


def _spread_count(trigger: Any) -> bool:
    """A count of events over several places ('14 strikes ... in Syria and Iraq', '27 shellings of
    settlements in the provinces of Latakia, Hama and Aleppo'): a tally of events that are told
    one by one or not at all, not one event; ACLED codes an event per place."""
    if trigger.tag_ != "NNS" or not any(
        c.dep_ == "nummod" and c.like_num and (parse_number([c.text]) or 0) >= 2 for c in trigger.children
    ):
        return False
    places = [e for e in trigger.sent.ents if e.label_ in ("GPE", "LOC")]
    listed = [e for e in places if e.root.dep_ == "conj" and e.root.head.ent_type_ in ("GPE", "LOC")]
    if not listed:
        return False
    # countries or provinces, not towns of one area ("30 airstrikes on Kafranbel, Hass and Maarat
    # al-Numan" are that day's strikes on each town)
    words = {t.lower_ for t in trigger.sent}
    return bool(words & _WIDE_UNITS) or any(is_country(e.text) for e in places)


_WIDE_UNITS = frozenset("provinces governorates countries regions".split())


def _present_simple(trigger: Any) -> bool:
    """The trigger's clause is in the simple present ('aircraft support our forces in the attack'):
    a standing or generic statement, not a report of a dated event."""
    verb = trigger
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        if verb.dep_ in ("nsubj", "nsubjpass"):
            return False  # "the agreement allows ...": the verb describes the event, it is not the event
        verb = verb.head
    if verb.tag_ not in ("VBP", "VBZ") or verb.lemma_.lower() in SPEECH_LEMMAS | {"be", "have"}:
        return False
    return not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _is_conditional(tok: Any) -> bool:
    """'would mean', 'would lead', or a clause with 'if'."""
    return tok.lemma_.lower() in ("mean", "lead", "cause", "result")


def _purpose_link(tok: Any) -> bool:
    """The token below a plan verb hangs on it as its complement or purpose."""
    # nsubjpass: "another agreement was being prepared", "an attack was planned for the spring"
    return tok.dep_ in (
        "xcomp",
        "ccomp",
        "advcl",
        "acl",
        "pobj",
        "pcomp",
        "dobj",
        "prep",
        "relcl",
        "nsubj",
        "nsubjpass",
    )


def _infinitive_purpose(tok: Any, governor: Any) -> bool:
    """A 'to'-infinitive of purpose ('launched a campaign to expel', 'coordinated ... to target')."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    has_to = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    if not has_to or tok.dep_ not in ("advcl", "acl", "xcomp", "relcl", "ccomp"):
        return False
    if governor is None:
        return True
    return governor.lemma_.lower() not in SUCCEED_LEMMAS | EXPECT_LEMMAS


def claimant(trigger: Any) -> str | None:
    """Who asserts the event: the subject of a speech verb above the trigger, or 'according to X'."""
    chain = _chain(trigger)
    for tok in chain[1:]:
        if tok.lemma_.lower() in SPEECH_LEMMAS and tok.pos_ in ("VERB", "AUX"):
            for child in tok.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ != "PRON":
                    return _phrase(child)
    sent = trigger.sent
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            to = tok.doc[tok.i + 1]
            objs = [c for c in to.children if c.dep_ == "pobj"]
            if objs:
                return _phrase(objs[0])
    return None


def _phrase(tok: Any) -> str:
    """The noun phrase a token heads, without trailing clauses, trimmed of articles."""
    words = [t for t in tok.subtree if t.dep_ not in ("relcl", "acl", "punct") or t is tok]
    left = min(t.i for t in words)
    right = max(t.i for t in words)
    span = tok.doc[left : right + 1]
    text = span.text.strip(" ,.;:")
    return re.sub(r"^(the|a|an)\s+", "", text, flags=re.I)
