"""Sub-event types re-ranked by a learned scorer (`subtype.v1`), after the rules (`events.v1`).

The rules' choice stays unless the model clearly prefers another sub-event type among those the
rules' choice can be confused with (`marsad.learned.scorer.CONFUSABLE`); each event keeps the rules'
choice, the model's and the model's confidence. The model is the packaged default, a model trained
with `marsad train` into the user's data directory, or the one `--model` names.
"""

from __future__ import annotations

from marsad.events.triggers import TriggerLexicon, load_triggers
from marsad.learned.scorer import PROPOSE_DECLINED, apply, find_model, load_scorer, propose
from marsad.model import Document
from marsad.pipeline import Options, register
from marsad.stages.nlp import parsed


def rules_read(triggers: TriggerLexicon, doc: Document, index: int) -> bool:
    """True when a trigger of the rules matches sentence `index`: they looked there and found no
    event, so the model does not propose one."""
    ps = parsed(doc, index)
    return ps is None or bool(triggers.match(ps.span))


def rules_decided(triggers: TriggerLexicon, doc: Document, index: int) -> frozenset[str]:
    """The sub-event types of the conditional rules (a trigger with a requirement, such as an
    agreement that must be made: 'under an agreement' makes none) matching sentence `index`:
    where they made no event, the rules judged that type there rather than missed it."""
    ps = parsed(doc, index)
    if ps is None:
        return frozenset()
    return frozenset(m.rule.cls for m in triggers.match(ps.span) if m.rule.requires)


class SubtypeStage:
    """Re-rank each event's sub-event type with the learned scorer."""

    name: str = "subtype.v1"
    needs: tuple[str, ...] = ("events",)
    sets: tuple[str, ...] = ("subtypes",)

    def __init__(self, options: Options) -> None:
        self.model_dir = find_model(options.scorer_model)
        self.scorer = load_scorer(str(self.model_dir))
        self.triggers = load_triggers(tuple(options.knowledge_dirs))

    def __call__(self, doc: Document) -> Document:
        apply(self.scorer, doc)
        # where the rules looked and declined the model proposes only when it is surer; a model
        # trained on the user's own notes as where they did not look
        skip = None if self.scorer.own_material else (lambda i: rules_read(self.triggers, doc, i))
        decided = None if self.scorer.own_material else (lambda i: rules_decided(self.triggers, doc, i))
        propose(self.scorer, doc, skip=skip, declined_min=PROPOSE_DECLINED, decided=decided)
        if doc.events:
            # which model coded the sub-event types: the packaged one, or the user's own
            doc.provenance["subtype_scorer"] = f"{self.scorer.name} ({self.model_dir})"
        return doc

    def process_batch(self, docs: list[Document]) -> list[Document]:
        return [self(doc) for doc in docs]


@register("subtype.v1")
def make_subtype(options: Options) -> SubtypeStage:
    """Build the scorer stage (loads the model once)."""
    return SubtypeStage(options)
