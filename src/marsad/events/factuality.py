"""Factuality and attribution: did the report assert the event happened, and on whose word?

Decided from the parse around the trigger: the modal and negation words governing it, the verbs of
planning or expectation above it, conditional clauses, habitual cues, and speech verbs whose
complement holds it.
"""

from __future__ import annotations

import re
from typing import Any

from marsad.events.casualties import parse_number
from marsad.events.cues import cues
from marsad.events.forms import lowers_in, tokens_with
from marsad.services.actors import is_country

PLAN_LEMMAS = frozenset(
    "aim plan intend prepare preparation seek want try attempt decide threaten vow pledge "
    "promise hope order intention bid call goal purpose mean ready determine propose urge "
    "demand".split()
)
# plan verbs whose simple past tells an act made, not intended ('gunmen tried to kill him')
ATTEMPT_LEMMAS = frozenset(("try", "attempt"))
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
# a clause of what happens each time something does ('whenever they are on the streets')
GENERAL_MARKS = frozenset(("whenever",))
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
        if i < 2 and tok.dep_ in ("pobj", "pcomp") and _alternative(tok.head):
            return "negated"  # "withdrew without fighting", "rather than fighting it"
        if 0 < i < 4 and _absence(tok):
            return "negated"  # "made no mention of any strikes", "showed no sign of fighting"
        if any(c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS for c in kids):
            return "hypothetical"
        if i < 3 and any(c.dep_ in ("advmod", "mark") and c.lower_ in GENERAL_MARKS for c in kids):
            return "habitual"  # 'as has been the case whenever opposition backers demonstrate'
        if i < 2 and any(c.dep_ == "advcl" and _general(c) for c in kids):
            return "habitual"  # 'police fired tear gas whenever students gathered'
        if any(c.dep_ == "aux" and c.lower_ in MODAL_FUTURE for c in kids):
            return "hypothetical" if _is_conditional(tok) else "forecast"
        if i > 0 and tok.lemma_.lower() in EXPECT_LEMMAS:
            return "forecast"
        if any(c.dep_ in ("acomp", "attr") and c.lemma_.lower() in EXPECT_LEMMAS for c in kids):
            return "forecast"  # "a ceasefire is due to take effect", "the offensive is likely"
        if (
            i > 0
            and tok.lemma_.lower() in PLAN_LEMMAS
            and _purpose_link(chain[i - 1])
            and _plans(tok, chain[i - 1])
        ):
            return "planned"
        governor = chain[i + 1] if i + 1 < len(chain) else None
        if trigger.tag_ != "VBD" and _infinitive_purpose(tok, governor) and not _protest_act(tok, governor):
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
    if _spread_count(trigger) or _since_tally(trigger):
        return "habitual"
    return "occurred"


def _alternative(prep: Any) -> bool:
    """A preposition of what was not done: 'without', 'rather than', 'instead of'."""
    words = cues().alternative_preps
    if prep.lower_ in words:
        return True
    before = prep.doc[prep.i - 1] if prep.i > 0 else None
    return before is not None and f"{before.lower_} {prep.lower_}" in words


def _absence(tok: Any) -> bool:
    """A noun of what would show an event, with the determiner 'no' ('no mention', 'no sign')."""
    return (
        tok.pos_ == "NOUN"
        and tok.lemma_.lower() in cues().absence_nouns
        and any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children)
    )


def _general(clause: Any) -> bool:
    """A clause of what happens each time ('whenever students gathered')."""
    return any(c.dep_ in ("advmod", "mark") and c.lower_ in GENERAL_MARKS for c in clause.children)


def _since_tally(trigger: Any) -> bool:
    """A count over a period up to now ('more than 300,000 people have been killed since the war
    began', 'since then, hundreds have died'): a running tally of many events, not one event."""
    verb = trigger
    if verb.dep_ in ("acl", "amod") or verb.pos_ not in ("VERB", "AUX"):
        return False
    if not any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children):
        return False  # a tally up to now is told in the perfect; 'protested the closure (since July)'
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "since":
            return True
        if child.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ == "since" for g in child.children):
            # "since the conflict began", not "since" as a reason ("since he had fled")
            return any(g.lemma_.lower() in _ONSET_LEMMAS for g in [child, *child.children])
    return False


# the verbs of a period's start: "since the war began", "since the uprising erupted"
_ONSET_LEMMAS = frozenset("begin start erupt break outbreak launch start ignite".split())


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
    words = set(lowers_in(trigger.sent))
    return bool(words & _WIDE_UNITS) or any(is_country(e.text) for e in places)


_WIDE_UNITS = frozenset("provinces governorates countries regions".split())


def _present_simple(trigger: Any) -> bool:
    """The trigger's clause is in the simple present ('aircraft support our forces in the attack'):
    a standing or generic statement, not a report of a dated event."""
    if trigger.tag_ in ("VBP", "VBZ") and trigger.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "compound"):
        return False  # a noun the tagger took for a verb ('the air strikes on the town killed 12')
    verb = trigger
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        if verb.dep_ in ("nsubj", "nsubjpass"):
            return False  # "the agreement allows ...": the verb describes the event, it is not the event
        verb = verb.head
    if verb.lemma_.lower() in SPEECH_LEMMAS | {"be", "have"}:
        return False
    if verb.tag_ in ("VBG", "VBN"):
        return _present_standing(verb)
    if verb.tag_ not in ("VBP", "VBZ"):
        return False
    if _past_form(verb) or _dated(verb) or _counted(verb):
        # 'retook' tagged as a present; 'fighters retake the town on Saturday'; a headline's
        # 'IS kills 50 in Raqqa': a habit names no count of its victims
        return False
    return not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _present_standing(verb: Any) -> bool:
    """A present progressive or passive with no day named and no toll ('rebels are fighting
    alongside the Nusra Front', 'the strikes are conducted in support of ...'): a standing
    situation, not a report of an event. Told as a source's words ('a source said units are
    dismantling the mines') it is the report's news."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    present = [c for c in aux if c.lower_ in ("is", "are", "'re", "am")]
    if not present or len(aux) != len(present) or verb.dep_ not in ("ROOT", "conj"):
        return False
    return not (_dated(verb) or _counted(verb) or _toll_clause(verb))


def _toll_clause(verb: Any) -> bool:
    """The clause tells a toll ('are killing dozens', 'killing 12'): a report, not a standing state."""
    return any(t.like_num for t in verb.subtree if t.dep_ == "nummod" or t.dep_ == "dobj")


def _past_form(verb: Any) -> bool:
    """A past form the tagger took for a present ('retook', 'overran'): an '-ed' ending or an
    irregular past the lemmatiser left as it is."""
    word = verb.lower_
    return word.endswith("ed") or (word == verb.lemma_.lower() and word in IRREGULAR_PAST)


def _counted(verb: Any) -> bool:
    """The verb's object or subject is counted ('kill over 70 terrorists', 'two bombs kill 9')."""
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubj", "nsubjpass") and (
            child.like_num or any(g.dep_ == "nummod" and g.like_num for g in child.children)
        ):
            return True
    return False


def _dated(verb: Any) -> bool:
    """The clause names the day it happened ('on Saturday', 'on 3 March', 'yesterday'): a report of
    one event, not a habit; not a repeated time ('on Fridays', 'every week')."""
    for child in verb.children:
        dates = [child] if child.dep_ in ("npadvmod", "tmod") else []
        if child.dep_ == "prep" and child.lower_ in ("on", "in", "at"):
            dates = [g for g in child.children if g.dep_ == "pobj"]
        for d in dates:
            words = [t.lower_ for t in d.subtree]
            if (
                d.ent_type_ != "DATE"
                or "every" in words
                or d.tag_ in ("NNS", "NNPS")
                or d.lower_.endswith("s")
            ):
                continue
            return True
    return False


# irregular past forms that the small model's lemmatiser leaves as they are
IRREGULAR_PAST = frozenset(
    "retook overran took fought blew struck threw drove broke withdrew undertook began fell shot "
    "seized stormed overtook arose slew".split()
)


def _is_conditional(tok: Any) -> bool:
    """'would mean', 'would lead', or a clause with 'if'."""
    return tok.lemma_.lower() in ("mean", "lead", "cause", "result")


def _plans(verb: Any, below: Any) -> bool:
    """'Call' plans only what it calls for ('called for a strike', 'called on rebels to attack');
    'SANA called the attack a terrorist explosion; a blast killed six' names, it does not plan."""
    if verb.lemma_.lower() in ATTEMPT_LEMMAS:
        # 'tried to storm the chambers but were stopped': an attempt made is an act that happened
        return not _past(verb)
    if verb.lemma_.lower() != "call":
        return True
    return below.dep_ in ("xcomp", "pobj", "pcomp") or any(
        c.dep_ == "prep" and c.lower_ in ("for", "on") for c in verb.children
    )


def _past(verb: Any) -> bool:
    """A verb in the simple past ('tried', 'attempted'), not 'have tried' nor 'are trying'."""
    return verb.tag_ == "VBD" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


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


# protest verbs whose purpose infinitive names what the act it hangs on was ('blocked the road to
# protest the evictions', 'gathered to demonstrate'): the act is the protest, done, not intended
PROTEST_PURPOSE_LEMMAS = frozenset(("protest", "demonstrate"))


def _protest_act(tok: Any, governor: Any) -> bool:
    """'Residents blocked the road to protest X': a protest held by doing the governing act, not one
    planned ('they plan to protest', 'called on members to protest')."""
    if (
        governor is None
        or tok.lemma_.lower() not in PROTEST_PURPOSE_LEMMAS
        or tok.dep_ not in ("advcl", "xcomp")
    ):
        return False
    if governor.pos_ not in ("VERB", "AUX") or any(
        c.dep_ == "aux" and c.lower_ == "to" for c in governor.children
    ):
        return False  # 'plan to block the road to protest': the governing act is itself intended
    return governor.lemma_.lower() not in PLAN_LEMMAS | EXPECT_LEMMAS | SPEECH_LEMMAS | SUCCEED_LEMMAS


def _infinitive_purpose(tok: Any, governor: Any) -> bool:
    """A 'to'-infinitive of purpose ('launched a campaign to expel', 'coordinated ... to target')."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    has_to = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    if not has_to or tok.dep_ not in ("advcl", "acl", "xcomp", "relcl", "ccomp"):
        return False
    if any(c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children):
        return False  # 'were reported to have clashed': done, not intended
    if governor is None:
        return True
    if governor.lemma_.lower() in ATTEMPT_LEMMAS and _past(governor):
        return False  # 'tried to storm the chambers': attempted, so done
    return governor.lemma_.lower() not in SUCCEED_LEMMAS | EXPECT_LEMMAS


def claimant(trigger: Any) -> str | None:
    """Who asserts the event: the subject of a speech verb above the trigger, or 'according to X',
    when it is a source (an outlet, an agency, an official, a monitor, a named person or body);
    else None. A fragment of a clause ('the attack said', a toll the parser took for the subject)
    is no claimant."""
    chain = _chain(trigger)
    for tok in chain[1:]:
        if tok.lemma_.lower() in SPEECH_LEMMAS and tok.pos_ in ("VERB", "AUX"):
            # the subject nearest the verb: a dateline before it may parse as a second subject
            subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
            for child in sorted(subjects, key=lambda c: abs(tok.i - c.i)):
                if child.pos_ == "PRON":
                    return None
                phrase = source_phrase(child)
                if phrase:
                    return phrase
            if subjects:
                return None
    for tok in tokens_with(trigger.sent, lowers=_ACCORDING):
        if tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            to = tok.doc[tok.i + 1]
            objs = [c for c in to.children if c.dep_ == "pobj"]
            if objs:
                return source_phrase(objs[0])
    return None


_ACCORDING = frozenset(("according",))


# the common nouns that name a source: outlets, agencies, officials, monitors, witnesses
SOURCE_NOUNS = frozenset(
    """monitor monitors observatory group groups source sources activist activists media outlet outlets
    television tv channel station agency agencies newspaper paper website site network ministry ministries
    official officials spokesman spokesmen spokeswoman spokesperson spokespersons army military command
    government authorities authority police forces force troops coalition opposition rebels militants fighters
    governor minister president director head chief leader commander commanders resident residents witness
    witnesses correspondent correspondents reporter reporters journalist journalists doctor doctors medic
    medics worker workers volunteer volunteers coordinator envoy council committee committees
    organisation organization organisations organizations charity watchdog centre center office
    department directorate administration presidency embassy mission diplomats diplomat analyst analysts
    expert experts observer observers officer officers general spokespeople statement report reports
    inquiry investigators investigator""".split()
)
# nouns that name a document, a source only with its author ('a statement by the army')
_DOCUMENT_NOUNS = frozenset("statement report reports inquiry".split())
_NP_LEFT = frozenset(("det", "amod", "compound", "poss", "nmod", "case", "npadvmod", "punct", "advmod"))
_NP_PREPS = frozenset(("of", "for", "at", "in", "from", "by", "on"))
_NOT_NAMES = frozenset(("DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"))


def source_phrase(tok: Any) -> str | None:
    """The noun phrase `tok` heads when it names a source, trimmed to the phrase itself: no
    relative clause, apposition, leading dateline or article; None when it names no source."""
    if not _source_head(tok):
        return None
    words = sorted({t.i: t for t in _np_tokens(tok, depth=0)}.values(), key=lambda t: t.i)
    text = ""
    for a, b in zip(words, [*words[1:], None], strict=True):
        text += a.text + (a.whitespace_ if b is not None and b.i == a.i + 1 else " ")
    text = text.strip(" ,.;:-(")
    text = re.sub(r"^(the|a|an)\s+", "", text, flags=re.I)
    return text or None


def _source_head(tok: Any) -> bool:
    """A head noun that can name who speaks: a name, or a common noun of SOURCE_NOUNS; never a
    number, a date or a count of people ('six people', '1,102 people')."""
    if tok.ent_type_ in _NOT_NAMES or tok.like_num:
        return False
    if any(c.dep_ == "nummod" for c in tok.children):
        return False
    lemma = tok.lemma_.lower()
    if lemma in _DOCUMENT_NOUNS or tok.lower_ in _DOCUMENT_NOUNS:
        return any(c.dep_ == "poss" for c in tok.children) or any(
            c.dep_ == "prep" and c.lower_ in ("by", "from", "of", "on") for c in tok.children
        )
    if tok.pos_ == "PROPN" or tok.ent_type_ in ("ORG", "PERSON", "NORP", "GPE"):
        return True
    return lemma in SOURCE_NOUNS or tok.lower_ in SOURCE_NOUNS


def _np_tokens(tok: Any, depth: int) -> list[Any]:
    """The head, the modifiers right before it (at most seven, not a date or a number), and its
    'of'/'for'/'at'/'in' phrases and conjuncts; no relative clause, apposition or participle."""
    out = [tok]
    left = [t for t in tok.subtree if t.i < tok.i]
    run: list[Any] = []
    for t in sorted(left, key=lambda t: -t.i):
        if t.i != (run[-1].i - 1 if run else tok.i - 1):
            break
        if t.dep_ not in _NP_LEFT or t.ent_type_ in _NOT_NAMES or t.like_num or len(run) >= 7:
            break
        if t.dep_ == "punct" and t.text not in ("-", "'", "’", '"', "“", "”"):
            break
        run.append(t)
    while run and run[-1].dep_ in ("punct", "case"):
        run.pop()  # never start on a hyphen or a quotation mark
    for t in run:
        out += [t]
    if depth >= 2:
        return out
    for child in tok.children:
        if child.i < tok.i:
            continue
        if child.dep_ == "prep" and child.lower_ in _NP_PREPS:
            objs = [g for g in child.children if g.dep_ == "pobj"]
            if objs and objs[0].ent_type_ not in _NOT_NAMES:
                out += [child, *_np_tokens(objs[0], depth + 1)]
        elif child.dep_ == "conj" and _source_head(child):
            ccs = [c for c in tok.children if c.dep_ == "cc" and tok.i < c.i < child.i]
            out += [*ccs, *_np_tokens(child, depth + 1)]
        elif child.dep_ == "case":
            out.append(child)
    return out
