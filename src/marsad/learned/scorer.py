"""The learned scorer beside the rules (`../shared/docs/LAYOUT.md`, "A learned scorer beside the
rules"): the rules propose events with their sub-event type; a scorer gives each sub-event type a
probability; the resolver keeps the rule's choice unless the model clearly prefers another type
among those the rule's choice can be confused with. Each event keeps both choices."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from marsad.events.classify import (
    INTERVENTION,
    MOB,
    MOB_NOUNS,
    TWO_SIDED,
    UNARMED_VICTIMS,
    WEAPON_CUES,
    riot_deed,
)
from marsad.learned.model import LinearModel
from marsad.model import Document, Event, Evidence, Trigger
from marsad.model.taxonomy import SUB_EVENT_TYPES
from marsad.services.actors import base_key, load_lexicon

PACKAGED_MODEL = Path(__file__).parent / "data" / "subtype-tfidf.v1"

# the sub-event types a rule's choice may be confused with: the model re-ranks within the union of
# the groups that hold the rule's choice, never across (an arrest never becomes an air strike)
CONFUSABLE: tuple[frozenset[str], ...] = (
    frozenset(
        (
            "Peaceful protest",
            "Protest with intervention",
            "Excessive force against protesters",
            "Violent demonstration",
        )
    ),
    frozenset(("Violent demonstration", "Mob violence", "Looting/property destruction")),
    # 'protesters clashed with police': a violent demonstration the rules took for a clash
    frozenset(
        (
            "Armed clash",
            "Attack",
            "Mob violence",
            "Excessive force against protesters",
            "Violent demonstration",
        )
    ),
    frozenset(
        ("Attack", "Abduction/forced disappearance", "Sexual violence", "Looting/property destruction")
    ),
    frozenset(
        (
            "Government regains territory",
            "Non-state actor overtakes territory",
            "Non-violent transfer of territory",
        )
    ),
    frozenset(
        (
            "Chemical weapon",
            "Air/drone strike",
            "Suicide bomb",
            "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED",
            "Grenade",
        )
    ),
    # a bomb defused or a bomber stopped: never an air strike or shelling intercepted
    frozenset(("Remote explosive/landmine/IED", "Suicide bomb", "Grenade", "Disrupted weapons use")),
    frozenset(("Arrests", "Abduction/forced disappearance")),
    frozenset(("Agreement", "Change to group/activity", "Headquarters or base established", "Other")),
)
# how much more probable the model's type must be than the rule's before it replaces it; more
# among strategic developments, whose words ('agreement', 'base') are often background
MARGIN = float(os.environ.get("MARSAD_SCORER_MARGIN", "0.1"))
STRATEGIC_MARGIN = 0.3
_STRATEGIC = CONFUSABLE[-1]
_TERRITORY = CONFUSABLE[4]
_UNARMED = frozenset(("CIV", "PROTESTERS", "RIOTERS"))
IDENTITY_MILITIA = 4  # ACLED's inter code of ethnic, communal and clan militias
_WEAPON_WORDS = {
    sub: re.compile(r"\b(" + "|".join(sorted(map(re.escape, cues))) + r")\b", re.I)
    for sub, cues in WEAPON_CUES
}
_WEAPON_WORDS["Suicide bomb"] = re.compile(r"\b(suicide|blew (him|her|them)sel(f|ves)|explosive belt)", re.I)


def decisive(event: Event, text: str, own_material: bool = False) -> bool:
    """The rule's choice stands whatever the model says: a territorial type decided by the actor's
    side, a clash with an armed side or an attack on civilians named as such, a protest the rules
    saw suppressed, met with force or turned violent, a crowd's violence, or an explosion
    named by its weapon word. The model decides where the rules fell back on a default. A model
    trained on the user's own material (`own_material`) overrules the protest and crowd rules."""
    rule = event.sub_event_type
    if rule in _TERRITORY:
        return bool(event.actor1_keys)
    target = base_key(event.actor2_keys[0]) if event.actor2_keys else ""
    if rule == "Armed clash" and target and target not in _UNARMED:
        return True  # 'a commando was killed by the Taliban': two armed sides, whatever the wording
    if rule == "Attack" and target == "CIV":
        return True
    if own_material:
        # a model trained on the user's own coded material knows its coding of crowds and protests
        pattern = _WEAPON_WORDS.get(rule)
        return bool(pattern and pattern.search(text))
    if rule in ("Excessive force against protesters", "Protest with intervention", "Violent demonstration"):
        return True  # the rules saw force, intervention or rioting; a peaceful protest is their default
    if rule == "Mob violence":
        return True  # a crowd's violence the rules told by its subject
    pattern = _WEAPON_WORDS.get(rule)
    return bool(pattern and pattern.search(text))


def _default_clash(event: Event, text: str) -> bool:
    """The rules' clash was a default, for the model to decide: no fight, no armed target and no
    organised armed side in the evidence, its doers unnamed or an identity militia, which ACLED
    codes by whom they hit ('2 killed in a land dispute', 'Pokot raid Samburu area, 6 killed')."""
    if TWO_SIDED.search(text):
        return False
    doer = event.actor1_keys[0] if event.actor1_keys else ""
    return doer in ("", "UNID") or load_lexicon().inter(doer) == IDENTITY_MILITIA


def _names_a_crowd(text: str) -> bool:
    """A crowd word of the rules' (villagers, residents, a mob) in the evidence."""
    return any(w in MOB_NOUNS for w in re.findall(r"[a-z]+", text.lower()))


def allowed(rule_choice: str) -> frozenset[str]:
    """The sub-event types the model may choose instead of the rule's choice (including it)."""
    out = {rule_choice}
    for group in CONFUSABLE:
        if rule_choice in group:
            out |= group
    return frozenset(out)


class CandidateScorer(Protocol):
    """Scores the sub-event types of events the rules proposed."""

    name: str  # "subtype-tfidf.v1"
    labels: tuple[str, ...]  # the sub-event types it scores

    def score(self, drafts: Sequence[Event], doc: Document) -> list[Mapping[str, float]]: ...


def evidence_text(event: Event, doc: Document) -> str:
    """The text the model reads for an event: the sentence it was found in."""
    if event.evidence:
        return event.evidence[0].sentence
    if event.trigger is not None and 0 <= event.trigger.sentence < len(doc.sentences):
        sent = doc.sentences[event.trigger.sentence]
        return doc.text[sent.start : sent.end]
    return ""


class TfidfScorer:
    """TF-IDF and multinomial logistic regression, read from a model directory."""

    def __init__(self, model: LinearModel, source: str = "") -> None:
        self.model = model
        self.name = model.name
        self.labels = model.labels
        self.source = source
        # trained with `marsad train` on the user's ACLED export
        self.own_material = bool(model.meta.get("acled_notes"))

    def score_text(self, text: str) -> Mapping[str, float]:
        """One probability per label (and 'none') for a text."""
        return self.model.probabilities(text)

    def score(self, drafts: Sequence[Event], doc: Document) -> list[Mapping[str, float]]:
        """One probability per label for each draft, from its evidence sentence."""
        cache: dict[str, Mapping[str, float]] = {}
        out = []
        for event in drafts:
            text = evidence_text(event, doc)
            if text not in cache:
                cache[text] = self.model.probabilities(text)
            out.append(cache[text])
        return out


@lru_cache(maxsize=4)
def load_scorer(directory: str) -> TfidfScorer:
    """The scorer saved in `directory` (cached: stages are built once per process and run)."""
    return TfidfScorer(LinearModel.load(Path(directory)), source=directory)


def user_model_dir() -> Path:
    """Where `marsad train` puts a model by default: the user's data directory."""
    from platformdirs import user_data_path

    return user_data_path("marsad") / "model"


def find_model(explicit: Path | None = None) -> Path:
    """The model to use: the one named, else one trained into the user's data directory, else the
    packaged default."""
    if explicit is not None:
        return explicit
    trained = user_model_dir()
    if (trained / "model.json").is_file():
        return trained
    return PACKAGED_MODEL


def resolve(
    event: Event,
    probs: Mapping[str, float],
    text: str = "",
    margin: float = MARGIN,
    own_material: bool = False,
) -> str:
    """The sub-event type to keep: the model's best among those the rule's choice allows, when it
    beats the rule's choice by `margin` and the rule is not decisive; else the rule's choice."""
    rule = event.sub_event_type
    choices = [s for s in allowed(rule) if s in probs]
    if not choices or decisive(event, text, own_material):
        return rule
    # the model does not invent a weapon: an explosion type it picks must be named by its words
    choices = [s for s in choices if s == rule or s not in _WEAPON_WORDS or _WEAPON_WORDS[s].search(text)]
    if rule == "Armed clash" and not UNARMED_VICTIMS.search(text) and not _default_clash(event, text):
        choices = [s for s in choices if s != "Attack"]  # an attack needs someone unarmed to hit
    if rule == "Peaceful protest" and not own_material:
        # nor does it invent violence or an intervention at a protest the words tell as peaceful
        choices = [
            s
            for s in choices
            if not (s == "Violent demonstration" and not riot_deed(text))
            and not (s == "Protest with intervention" and not INTERVENTION.search(text))
        ]
    if not (own_material or MOB.search(text) or _names_a_crowd(text)):
        choices = [s for s in choices if s != "Mob violence"]  # ACLED's mob violence needs a mob
    best = max(sorted(choices), key=lambda s: probs[s])
    need = max(margin, STRATEGIC_MARGIN) if best in _STRATEGIC and rule in _STRATEGIC else margin
    if best != rule and probs[best] >= probs.get(rule, 0.0) + need:
        return best
    return rule


def apply(scorer: CandidateScorer, doc: Document, margin: float = MARGIN) -> None:
    """Score the document's events and let the resolver settle each sub-event type."""
    if not doc.events:
        return
    for event, probs in zip(doc.events, scorer.score(doc.events, doc), strict=True):
        if event.rule_sub_event_type:
            continue  # scored already
        rule = event.sub_event_type
        event.rule_sub_event_type = rule
        subs = [s for s in allowed(rule) if s in probs]
        total = sum(probs[s] for s in subs) or 1.0
        model_choice = max(sorted(subs), key=lambda s: probs[s]) if subs else rule
        event.model_sub_event_type = model_choice
        chosen = resolve(
            event, probs, evidence_text(event, doc), margin, getattr(scorer, "own_material", False)
        )
        event.model_confidence = round(probs.get(chosen, 0.0) / total, 3)
        if chosen != event.sub_event_type:
            event.sub_event_type = chosen
            event.event_type = SUB_EVENT_TYPES[chosen]
        event.scorer = scorer.name


# a report of which the rules made nothing: the model may propose one low-confidence event from its
# first sentences, when it is this sure that one of them reports an event; surer still for a
# sentence where the rules read a trigger and made no event of it (a headline the parser misread,
# 'Raiders attack village, steal cattle', or 'the kidnapped bishops were released')
PROPOSE_MIN = float(os.environ.get("MARSAD_SCORER_PROPOSE", "0.3"))
PROPOSE_DECLINED = float(os.environ.get("MARSAD_SCORER_PROPOSE_DECLINED", "0.6"))
PROPOSE_SENTENCES = 3


def proposal(
    scorer: TfidfScorer,
    doc: Document,
    skip: Callable[[int], bool] | None = None,
    declined_min: float | None = None,
    decided: Callable[[int], frozenset[str]] | None = None,
) -> tuple[str, float, int] | None:
    """The model's most probable event among the first sentences of a report the rules found no
    occurred event in, skipping sentences where they found a planned, denied or past one:
    (sub-event type, probability, sentence index), or None. `skip(i)`: the rules read a trigger
    in sentence i and found no event there; such a sentence is skipped, or with `declined_min`
    counts only when the model gives its type at least that probability. `decided(i)`: the
    sub-event types a conditional rule judged in sentence i and found not met ('under an
    agreement': no agreement made); the model never proposes those there."""
    if any(e.modality == "occurred" for e in doc.events):
        return None
    told = {e.trigger.sentence for e in doc.events if e.trigger is not None}
    best: tuple[str, float, int] | None = None
    for sent in doc.sentences[:PROPOSE_SENTENCES]:
        if sent.index in told:
            continue
        declined = skip is not None and skip(sent.index)
        if declined and declined_min is None:
            continue
        probs = scorer.score_text(doc.span_text(sent))
        label = max(sorted(probs), key=lambda k: probs[k])
        if declined and declined_min is not None and probs[label] < declined_min:
            continue
        if decided is not None and label in decided(sent.index):
            continue
        if label in SUB_EVENT_TYPES and (best is None or probs[label] > best[1]):
            best = (label, probs[label], sent.index)
    return best


def propose(
    scorer: TfidfScorer,
    doc: Document,
    threshold: float = PROPOSE_MIN,
    skip: Callable[[int], bool] | None = None,
    declined_min: float | None = None,
    decided: Callable[[int], frozenset[str]] | None = None,
) -> Event | None:
    """Add the model's proposal to a report the rules found no occurred event in; return it."""
    found = proposal(scorer, doc, skip, declined_min, decided)
    if found is None or found[1] < threshold:
        return None
    label, p, index = found
    sent = doc.sentences[index]
    text = doc.span_text(sent)
    first = text.split()[0] if text.split() else ""
    actors = [m.key for m in doc.mentions if m.label == "actor" and m.sentence == index and m.key]
    event = Event(
        event_type=SUB_EVENT_TYPES[label],
        sub_event_type=label,
        document=doc.id,
        trigger=Trigger(sent.start, sent.start + len(first), first, f"model:{scorer.name}", index),
        actor1_keys=actors[:1],
        actor2_keys=actors[1:2],
        evidence=[Evidence(doc.id, text, sent.start, sent.end)],
        confidence=round(0.5 * p, 3),  # below any rule's record
        model_sub_event_type=label,
        model_confidence=round(p, 3),
        scorer=scorer.name,
    )
    doc.events.append(event)
    return event
