"""A learned scorer beside the rules: a small TF-IDF model, trained from the team's corpus
(`corpus/`), that re-ranks the sub-event types a trigger allows (stage `subtype.v1`)."""

from marsad.learned.scorer import (
    CandidateScorer,
    TfidfScorer,
    allowed,
    apply,
    find_model,
    load_scorer,
    resolve,
)

__all__ = ["CandidateScorer", "TfidfScorer", "allowed", "apply", "find_model", "load_scorer", "resolve"]
