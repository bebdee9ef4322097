"""Training the sub-event type scorer: the team's corpus, plus a user's own ACLED export.

    python -m marsad.learned.train            # rebuilds the packaged default model from the corpus
    marsad train --acled FILE.csv [--out DIR] # the corpus plus the user's ACLED notes

Training is deterministic: the same texts give the same model.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

from marsad.learned.features import features
from marsad.learned.model import LinearModel
from marsad.model.taxonomy import SUB_EVENT_TYPES

CORPUS_DIR = Path(__file__).parent / "corpus"
DEFAULT_DIR = Path(__file__).parent / "data" / "subtype-tfidf.v1"
NONE = "none"
LABELS: tuple[str, ...] = (*SUB_EVENT_TYPES, NONE)
MIN_DF = 2
C = 8.0
# ACLED's older schema: event types that name one sub-event type
_OLD_TYPES = {
    "Remote violence": "",
    "Violence against civilians": "Attack",
    "Riots/Protests": "",
    "Battle-No change of territory": "Armed clash",
    "Battle-Government regains territory": "Government regains territory",
    "Battle-Non-state actor overtakes territory": "Non-state actor overtakes territory",
    "Non-violent transfer of territory": "Non-violent transfer of territory",
    "Headquarters or base established": "Headquarters or base established",
}


def corpus(directory: Path = CORPUS_DIR) -> list[tuple[str, str]]:
    """The team's corpus: (text, label) pairs from every `*.jsonl` file, in a stable order."""
    rows: list[tuple[str, str]] = []
    for path in sorted(directory.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            rec = json.loads(line)
            label = rec["sub_event_type"]
            if label not in LABELS:
                raise ValueError(f"{path.name}:{n}: unknown sub_event_type {label!r}")
            rows.append((rec["text"], label))
    return rows


def held_out(
    rows: list[tuple[str, str]], every: int = 5
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Split rows into (train, test): every `every`-th text of each label, by a stable hash, is test."""
    train: list[tuple[str, str]] = []
    test: list[tuple[str, str]] = []
    for text, label in rows:
        h = int(hashlib.sha1(text.encode("utf-8")).hexdigest()[:8], 16)
        (test if h % every == 0 else train).append((text, label))
    return train, test


def acled_rows(path: Path) -> Iterator[tuple[str, str]]:
    """(notes, sub_event_type) from an ACLED export, current schema or the older one."""
    with open(path, newline="", encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            row = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
            notes = row.get("notes", "")
            sub = row.get("sub_event_type", "")
            if not sub:
                sub = _OLD_TYPES.get(row.get("event_type", ""), "")
            if notes and sub in SUB_EVENT_TYPES:
                yield notes, sub


def fit(
    rows: Iterable[tuple[str, str]], name: str = "subtype-tfidf.v1", meta: dict | None = None
) -> LinearModel:
    """Fit the model on (text, label) pairs."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    rows = list(rows)
    feats = [features(text) for text, _ in rows]
    df: Counter[str] = Counter()
    for f in feats:
        df.update(f.keys())
    vocab_list = sorted(k for k, n in df.items() if n >= MIN_DF)
    vocab = {k: i for i, k in enumerate(vocab_list)}
    n_docs = len(rows)
    idf = np.array([math.log((1 + n_docs) / (1 + df[k])) + 1.0 for k in vocab_list])
    data, indices, indptr = [], [], [0]
    for f in feats:
        pairs = sorted((vocab[k], 1.0 + math.log(n)) for k, n in f.items() if k in vocab)
        vals = np.array([v for _, v in pairs]) * idf[[i for i, _ in pairs]] if pairs else np.zeros(0)
        norm = float(np.sqrt(vals @ vals)) if len(vals) else 0.0
        indices += [i for i, _ in pairs]
        data += list(vals / norm if norm else vals)
        indptr.append(len(indices))
    x = csr_matrix(
        (np.array(data), np.array(indices, dtype=np.int64), np.array(indptr)), shape=(n_docs, len(vocab))
    )
    present = [label for label in LABELS if any(lab == label for _, lab in rows)]
    y = np.array([present.index(label) for _, label in rows])
    clf = LogisticRegression(C=C, max_iter=2000, tol=1e-5)
    clf.fit(x, y)
    coef = np.zeros((len(LABELS), len(vocab)))
    intercept = np.full(len(LABELS), -30.0)  # a label with no example is never chosen
    for j, label in enumerate(present):
        coef[LABELS.index(label)] = clf.coef_[j]
        intercept[LABELS.index(label)] = clf.intercept_[j]
    counts = Counter(label for _, label in rows)
    info = {
        "examples": n_docs,
        "features": len(vocab),
        "per_label": dict(sorted(counts.items())),
        **(meta or {}),
    }
    return LinearModel(name, LABELS, vocab, idf, coef, intercept, info)


def corpus_digest(rows: list[tuple[str, str]]) -> str:
    """A digest of the training texts and labels, kept in the model's provenance."""
    h = hashlib.sha256()
    for text, label in rows:
        h.update(f"{label}\t{text}\n".encode())
    return h.hexdigest()[:16]


def train_default(out: Path = DEFAULT_DIR) -> LinearModel:
    """Rebuild the packaged model from the team's corpus."""
    rows = corpus()
    model = fit(rows, meta={"trained_on": "marsad corpus", "corpus_sha256": corpus_digest(rows)})
    model.save(out)
    return model


def train_with_acled(csv_paths: Iterable[Path], out: Path) -> LinearModel:
    """Train on the team's corpus plus the notes of the user's ACLED exports; save to `out`."""
    rows = corpus()
    base = corpus_digest(rows)
    user: list[tuple[str, str]] = []
    for path in csv_paths:
        user += list(acled_rows(path))
    if not user:
        raise ValueError("no ACLED rows with notes and a known sub_event_type")
    meta = {"trained_on": "marsad corpus + ACLED export", "corpus_sha256": base, "acled_notes": len(user)}
    model = fit(rows + user, name="subtype-tfidf.v1+acled", meta=meta)
    model.save(out)
    return model


def stale(directory: Path = DEFAULT_DIR) -> bool:
    """True when the model in `directory` is missing or was trained on another corpus than the one
    in the repository now (a sentence added, changed or removed)."""
    meta = directory / "model.json"
    if not meta.is_file():
        return True
    trained_on = json.loads(meta.read_text(encoding="utf-8")).get("meta", {}).get("corpus_sha256")
    return trained_on != corpus_digest(corpus())


def main(argv: list[str]) -> int:
    """`python -m marsad.learned.train [DIR] [--if-stale]`: rebuild the packaged model (the build
    runs it with --if-stale, so a corpus change is never shipped with the old model)."""
    args = [a for a in argv if a != "--if-stale"]
    target = Path(args[0]) if args else DEFAULT_DIR
    if "--if-stale" in argv and not stale(target):
        print(f"{target}: trained on the corpus as it stands")
        return 0
    m = train_default(target)
    print(f"{target}: {m.meta['examples']} examples, {m.meta['features']} features")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
