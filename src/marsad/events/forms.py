"""The forms of a parse's tokens as plain lists, read once per parsed paragraph.

Reading `tok.lower_` builds a Token object and decodes a string each time. The rules that scan a
whole sentence for a few words read these lists instead (a token's index `tok.i` is its place in
them), and build Token objects only where a word is found.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from weakref import WeakKeyDictionary

from spacy.attrs import LEMMA, LOWER, POS


@dataclass(frozen=True)
class Forms:
    """Each token's `lower_`, lower-cased `lemma_` and `pos_`, by token index."""

    lower: list[str]
    lemma: list[str]
    pos: list[str]


# the forms of the spaCy docs still alive (one per parsed paragraph)
_FORMS: WeakKeyDictionary[Any, Forms] = WeakKeyDictionary()


def forms(doc: Any) -> Forms:
    """The forms of every token of a spaCy doc, read once as one array of string ids."""
    found = _FORMS.get(doc)
    if found is None:
        strings = doc.vocab.strings
        lowers, lemmas, parts = doc.to_array([LOWER, LEMMA, POS]).T.tolist() if len(doc) else ([], [], [])
        found = Forms(
            [_string(strings, key) for key in lowers],
            [_lowered(strings, key) for key in lemmas],
            [_string(strings, key) for key in parts],
        )
        _FORMS[doc] = found
    return found


def tokens_with(
    span: Any, lemmas: frozenset[str] = frozenset(), lowers: frozenset[str] = frozenset()
) -> Iterator[Any]:
    """The tokens of a span, in order, whose lower-cased lemma is one of `lemmas` or whose lower
    form is one of `lowers`."""
    doc = span.doc
    words = forms(doc)
    for i in range(span.start, span.end):
        if words.lemma[i] in lemmas or words.lower[i] in lowers:
            yield doc[i]


def forms_of(tokens: list[Any]) -> tuple[list[str], list[str]]:
    """The `lower_` and the lower-cased `lemma_` of each of some tokens of one doc, in order."""
    if not tokens:
        return [], []
    words = forms(tokens[0].doc)
    indexes = [t.i for t in tokens]
    return [words.lower[i] for i in indexes], [words.lemma[i] for i in indexes]


def lowers_in(span: Any) -> list[str]:
    """The `lower_` of each token of a span, in order."""
    return forms(span.doc).lower[span.start : span.end]


def lemmas_in(span: Any) -> list[str]:
    """The lower-cased `lemma_` of each token of a span, in order."""
    return forms(span.doc).lemma[span.start : span.end]


@lru_cache(maxsize=1 << 16)
def _string(strings: Any, key: int) -> str:
    return str(strings[key])


@lru_cache(maxsize=1 << 16)
def _lowered(strings: Any, key: int) -> str:
    return str(strings[key]).lower()
