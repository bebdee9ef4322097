"""A linear model over TF-IDF features, stored as data: `model.json` (labels, vocabulary, idf and
provenance) and `weights.npz` (coefficients and intercepts; numpy arrays, never pickle)."""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np

from marsad.learned.features import char_grams, word_features, words

# how many words' n-gram indexes a model keeps
_GRAMS_KEPT = 1 << 15
# the sublinear term frequency 1 + log(n) of the counts a sentence has, as math.log gives it
_SUBLINEAR = np.array([0.0, *(1.0 + math.log(n) for n in range(1, 64))])


def _sublinear(counts: np.ndarray) -> np.ndarray:
    """1 + log(n) of each count."""
    if counts.max() < len(_SUBLINEAR):
        return _SUBLINEAR[counts]
    return np.array([1.0 + math.log(n) for n in counts.tolist()], dtype=np.float64)


MODEL_FILE = "model.json"
WEIGHTS_FILE = "weights.npz"
FORMAT = "marsad-linear-tfidf/1"


@dataclass
class LinearModel:
    """Multinomial logistic regression over sublinear, L2-normalised TF-IDF features."""

    name: str
    labels: tuple[str, ...]
    vocabulary: dict[str, int]
    idf: np.ndarray  # (features,)
    coef: np.ndarray  # (labels, features)
    intercept: np.ndarray  # (labels,)
    meta: dict[str, Any] = field(default_factory=dict)
    _grams: dict[str, tuple[int, ...]] = field(default_factory=dict, repr=False, compare=False)

    def vector(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """The text's TF-IDF vector, sparse: feature indexes and their weights."""
        # the counts of `features(text)` that are in the vocabulary, in the same order, by index: a
        # word's n-grams are looked up once per word
        ws = words(text)
        vocabulary = self.vocabulary
        counts = Counter(i for f in word_features(ws) if (i := vocabulary.get(f)) is not None)
        counts.update(chain.from_iterable(map(self._gram_indexes, ws)))
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
        idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        val = _sublinear(np.fromiter(counts.values(), dtype=np.int64, count=len(counts))) * self.idf[idx]
        norm = float(np.sqrt(val @ val))
        return idx, val / norm if norm else val

    def _gram_indexes(self, word: str) -> tuple[int, ...]:
        """The vocabulary indexes of a word's character n-grams, those it has (kept per word)."""
        found = self._grams.get(word)
        if found is None:
            if len(self._grams) >= _GRAMS_KEPT:
                self._grams.clear()
            vocabulary = self.vocabulary
            found = tuple(i for g in char_grams(word) if (i := vocabulary.get(g)) is not None)
            self._grams[word] = found
        return found

    def probabilities(self, text: str) -> dict[str, float]:
        """The probability of each label for the text (they sum to 1)."""
        idx, val = self.vector(text)
        logits = self.intercept + (self.coef[:, idx] @ val if len(idx) else 0.0)
        logits = logits - logits.max()
        p = np.exp(logits)
        p /= p.sum()
        return {label: float(x) for label, x in zip(self.labels, p, strict=True)}

    def save(self, directory: Path) -> None:
        """Write the model as `model.json` and `weights.npz` in `directory`."""
        directory.mkdir(parents=True, exist_ok=True)
        vocab = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        doc = {
            "format": FORMAT,
            "name": self.name,
            "labels": list(self.labels),
            "meta": self.meta,
            "vocabulary": vocab,
        }
        (directory / MODEL_FILE).write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n")
        # half-precision coefficients keep the packaged model small; scores change in the 3rd digit at most
        with open(directory / WEIGHTS_FILE, "wb") as fh:
            np.savez_compressed(
                fh,
                idf=self.idf.astype(np.float32),
                coef=self.coef.astype(np.float16),
                intercept=self.intercept.astype(np.float32),
            )

    @classmethod
    def load(cls, directory: Path) -> LinearModel:
        """Read a model written by `save`."""
        doc = json.loads((directory / MODEL_FILE).read_text())
        if doc.get("format") != FORMAT:
            raise ValueError(f"{directory}: not a marsad scorer model ({doc.get('format')!r})")
        with np.load(directory / WEIGHTS_FILE, allow_pickle=False) as npz:
            idf = npz["idf"].astype(np.float64)
            coef = npz["coef"].astype(np.float32)
            intercept = npz["intercept"].astype(np.float64)
        vocab = {f: i for i, f in enumerate(doc["vocabulary"])}
        return cls(doc["name"], tuple(doc["labels"]), vocab, idf, coef, intercept, doc.get("meta", {}))
