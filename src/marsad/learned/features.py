"""The scorer's features: lower-cased word unigrams and bigrams, and character n-grams of words.

Written out here rather than borrowed from a library so that training (`marsad train`) and scoring
(`subtype.v1`) turn a text into exactly the same features, and scoring needs only numpy.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from itertools import chain, pairwise

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_DIGITS = re.compile(r"[0-9]+")
CHAR_SIZES = (3, 4, 5)


def words(text: str) -> list[str]:
    """The text's words, lower-cased, with digits folded ('14 combatants' -> '0 combatants')."""
    return [_DIGITS.sub("0", w) for w in _WORD.findall(text.lower())]


def features(text: str) -> Counter[str]:
    """Feature counts of a text: 'w:' words, 'b:' word pairs, 'c:' character n-grams of words, in
    the order they first occur: the word features, then each word's n-grams in turn."""
    ws = words(text)
    out = Counter(word_features(ws))
    out.update(chain.from_iterable(map(char_grams, ws)))
    return out


def word_features(ws: list[str]) -> Iterator[str]:
    """The 'w:' and 'b:' features of a text's words: each word, then each pair of words in a row."""
    yield from ("w:" + w for w in ws)
    yield from (f"b:{a} {b}" for a, b in pairwise(ws))


@lru_cache(maxsize=1 << 15)
def char_grams(word: str) -> tuple[str, ...]:
    """The 'c:' character n-grams of one word, padded with a space each side (words recur, so
    they are cut once)."""
    padded = f" {word} "
    return tuple("c:" + padded[i : i + size] for size in CHAR_SIZES for i in range(len(padded) - size + 1))
