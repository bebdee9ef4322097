"""A linear model over TF-IDF features, stored as data: `model.json` (labels, vocabulary, idf and
provenance) and `weights.npz` (coefficients and intercepts; numpy arrays, never pickle)."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from marsad.learned.features import features

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

    def vector(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """The text's TF-IDF vector, sparse: feature indexes and their weights."""
        vocabulary = self.vocabulary
        known = [(i, n) for f, n in features(text).items() if (i := vocabulary.get(f)) is not None]
        if not known:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
        idx = np.array([i for i, _ in known], dtype=np.int64)
        val = np.array([1.0 + math.log(n) for _, n in known], dtype=np.float64) * self.idf[idx]
        norm = float(np.sqrt(val @ val))
        return idx, val / norm if norm else val

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
