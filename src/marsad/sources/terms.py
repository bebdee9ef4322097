"""The words a source uses for each actor: loaded labels and loaded names, counted per actor."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from marsad.services.actors import ActorLexicon, ActorMatch
from marsad.stages.events import bind_labels, own_side

# names of the lexicon that carry a side's judgement ('Assad forces', 'the Syrian regime', 'Daesh')
_LOADED_NAME = re.compile(
    r"\b(regime|assad\w*|daesh|da'esh|daish|ba'?athists?|occupation|mercenar\w*|gangs?|terrorists?|"
    r"khawarij|takfiris?|separatists?)\b",
    re.I,
)
# actors that are not sides of the fighting: their names say nothing of a source's stance
_NOT_SIDES = ("CIV", "PROTESTERS", "RIOTERS")


@dataclass
class TermCounts:
    """One source's words for the actors: loaded terms, all names, and the sides it speaks for."""

    terms: dict[str, Counter[str]] = field(default_factory=dict)
    names: dict[str, Counter[str]] = field(default_factory=dict)
    own_sides: Counter[str] = field(default_factory=Counter)

    def add(self, actor: str, term: str, loaded: bool) -> None:
        """Count one use of `term` for `actor`."""
        self.names.setdefault(actor, Counter())[term] += 1
        if loaded:
            self.terms.setdefault(actor, Counter())[term] += 1


def is_loaded(match: ActorMatch) -> bool:
    """A loaded label ('mercenaries') or a name that takes a side ('Assad forces')."""
    return match.kind == "label" or bool(_LOADED_NAME.search(match.text))


def term_text(text: str, match: ActorMatch) -> str:
    """The term as the source wrote it, spaces collapsed; a singular label keeps its 'the', which
    makes it a name ('the regime'), while a plural one counts with its bare form ('mercenaries')."""
    term = re.sub(r"\s+", " ", match.text)
    if match.kind == "label":
        term = term.lower()
        singular = not term.endswith("s") or term.endswith("ss")
        if singular and re.search(r"\bthe\s+$", text[max(0, match.start - 4) : match.start], re.I):
            term = f"the {term}"
    return term


def count_terms(lexicon: ActorLexicon, text: str, counts: TermCounts) -> None:
    """Add one document's actor words to `counts`, each label bound as the document pairs it."""
    matches = bind_labels(lexicon, lexicon.find(text))
    for m in matches:
        if m.key in _NOT_SIDES:
            continue
        counts.add(lexicon.name(m.key, None), term_text(text, m), is_loaded(m))
    side = own_side(matches)
    if side:
        counts.own_sides[side] += 1
