"""Diagnostic: how the learned sub-event type scorer (`subtype.v1`) changes marsad's sub-event types.

usage: python tools/scorer_check.py snippets [--margins 0,0.1,0.2]
       python tools/scorer_check.py acled FILE.csv [--model DIR] [--from F] [--to F] [--sample N]

`snippets`: a model is trained on four fifths of the team's corpus (marsad/learned/corpus) and the
held-out fifth is read as news snippets; the prediction for a snippet is the sub-event type of its
first occurred record ('none' when there is none). `acled`: the notes of an ACLED export (rows
from F to T as fractions of the file), scored with the model in DIR (default: the packaged one).
Both print accuracy and weighted F1 of the rules alone and of rules plus scorer for each margin.
Nothing read here is stored.
"""

from __future__ import annotations

import argparse
import random
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

from marsad.events.triggers import load_triggers
from marsad.learned.model import LinearModel
from marsad.learned.scorer import PACKAGED_MODEL, TfidfScorer, evidence_text, proposal, resolve
from marsad.learned.train import acled_rows, corpus, fit, held_out
from marsad.model import Document
from marsad.pipeline import Options, Pipeline, function_stage
from marsad.pipeline.options import DEFAULT_STAGES
from marsad.stages.subtype import rules_read


def weighted_f1(gold: list[str], pred: list[str]) -> float:
    total = 0.0
    for label, n in Counter(gold).items():
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == p == label)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if p == label != g)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / n
        total += n * (2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return total / len(gold)


def run(
    texts: list[tuple[str, str]], scorer: TfidfScorer, margins: list[float], thresholds: list[float]
) -> None:
    triggers = load_triggers()
    found: dict[str, tuple[str, float, int] | None] = {}

    @function_stage("check-proposals.v0", needs=("events",))
    def _proposals(doc: Document) -> Document:  # while the parse is there
        found[doc.id] = proposal(scorer, doc, lambda i: rules_read(triggers, doc, i))
        return doc

    stages = [s for s in DEFAULT_STAGES if s != "subtype.v1"]
    stages.insert(stages.index("events.v1") + 1, "check-proposals.v0")
    pipe = Pipeline(Options(stages=tuple(stages)))
    docs = []
    for i, (text, _) in enumerate(texts):
        doc = Document(text=text, published=date(2024, 1, 15))
        doc.id = f"d{i}"
        docs.append(doc)
    done = list(pipe.pipe(docs))
    gold = [label for _, label in texts]
    proposals = [found[doc.id] for doc in done]
    for margin, threshold in [(None, 1.0)] + [(m, t) for m in margins for t in thresholds]:
        pred = []
        for doc, prop in zip(done, proposals, strict=True):
            occurred = [e for e in doc.events if e.modality == "occurred"]
            if not occurred:
                pred.append(prop[0] if margin is not None and prop and prop[1] >= threshold else "none")
                continue
            e = occurred[0]
            if margin is None:
                pred.append(e.sub_event_type)
            else:
                text = evidence_text(e, doc)
                pred.append(resolve(e, scorer.model.probabilities(text), text, margin))
        acc = sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold)
        name = "rules" if margin is None else f"margin {margin} propose {threshold}"
        print(f"{name:>26}: accuracy {acc:.3f}  weighted F1 {weighted_f1(gold, pred):.3f}  (n={len(gold)})")
        if margin == margins[0] and threshold == thresholds[0]:
            conf = Counter((g, p) for g, p in zip(gold, pred, strict=True) if g != p)
            print(
                "   commonest confusions:",
                ", ".join(f"{g} -> {p} ({n})" for (g, p), n in conf.most_common(8)),
            )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=("snippets", "acled"))
    ap.add_argument("csv", nargs="?")
    ap.add_argument("--model", type=Path, default=PACKAGED_MODEL)
    ap.add_argument("--from", dest="start", type=float, default=0.0)
    ap.add_argument("--to", dest="end", type=float, default=1.0)
    ap.add_argument("--sample", type=int, default=0)
    ap.add_argument("--margins", default="0,0.05,0.1,0.2,0.3")
    ap.add_argument("--propose", default="1.01,0.6", help="proposal thresholds (1.01: no proposals)")
    args = ap.parse_args()
    margins = [float(m) for m in args.margins.split(",")]
    thresholds = [float(t) for t in args.propose.split(",")]
    if args.mode == "snippets":
        train, test = held_out(corpus())
        with tempfile.TemporaryDirectory() as tmp:
            fit(train).save(Path(tmp))
            scorer = TfidfScorer(LinearModel.load(Path(tmp)))
        run(test, scorer, margins, thresholds)
        return
    rows = list(acled_rows(Path(args.csv)))
    rows = rows[int(len(rows) * args.start) : int(len(rows) * args.end)]
    if args.sample and args.sample < len(rows):
        rows = random.Random(7).sample(rows, args.sample)
    run(rows, TfidfScorer(LinearModel.load(args.model)), margins, thresholds)


if __name__ == "__main__":
    main()
