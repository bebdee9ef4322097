"""The learned sub-event type scorer: its corpus, its packaged model, the resolver, the stage and
`marsad train`."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest

from marsad.learned.model import LinearModel
from marsad.learned.scorer import PACKAGED_MODEL, allowed, load_scorer, resolve
from marsad.learned.train import CORPUS_DIR, LABELS, corpus, corpus_digest, held_out
from marsad.model import Event
from marsad.model.taxonomy import SUB_EVENT_TYPES
from marsad.pipeline.options import DEFAULT_STAGES


def test_corpus_has_80_texts_a_type_and_no_repeats():
    rows = corpus()
    counts = Counter(label for _, label in rows)
    assert all(counts[sub] >= 80 for sub in SUB_EVENT_TYPES), counts
    assert counts["none"] >= 80
    texts = [t for t, _ in rows]
    assert len(set(texts)) == len(texts)
    assert (CORPUS_DIR / "README.md").is_file()


def test_held_out_split_is_stable_and_covers_every_type():
    train, test = held_out(corpus())
    assert held_out(corpus()) == (train, test)
    assert {label for _, label in test} == set(LABELS)
    assert 0.15 < len(test) / (len(train) + len(test)) < 0.25


def test_packaged_model_was_trained_on_the_corpus_as_it_stands():
    model = LinearModel.load(PACKAGED_MODEL)
    assert model.meta["corpus_sha256"] == corpus_digest(corpus()), (
        "the corpus changed: rebuild the model with `python -m marsad.learned.train`"
    )
    assert model.labels == LABELS
    # data, not pickle, and small
    assert {p.name for p in PACKAGED_MODEL.iterdir()} == {"model.json", "weights.npz"}
    assert sum(p.stat().st_size for p in PACKAGED_MODEL.iterdir()) < 5_000_000


def test_probabilities_are_deterministic_and_sum_to_one():
    scorer = load_scorer(str(PACKAGED_MODEL))
    text = "Riot police fired tear gas to disperse hundreds of traders protesting new taxes in Kisumu."
    p = scorer.score_text(text)
    assert p == scorer.score_text(text)
    assert sum(p.values()) == pytest.approx(1.0)
    assert max(p, key=p.get) == "Protest with intervention"


def _event(sub: str, actor1: list[str] | None = None) -> Event:
    return Event(event_type=SUB_EVENT_TYPES[sub], sub_event_type=sub, actor1_keys=actor1 or [])


def test_the_model_chooses_only_among_the_types_the_rule_allows():
    assert "Air/drone strike" not in allowed("Arrests")
    assert {"Peaceful protest", "Protest with intervention", "Violent demonstration"} <= allowed(
        "Peaceful protest"
    )
    probs = dict.fromkeys(LABELS, 0.0) | {"Air/drone strike": 0.9, "Arrests": 0.1}
    assert resolve(_event("Arrests"), probs) == "Arrests"
    probs = dict.fromkeys(LABELS, 0.0) | {"Abduction/forced disappearance": 0.8, "Arrests": 0.2}
    assert resolve(_event("Arrests"), probs) == "Abduction/forced disappearance"


def test_decisive_rules_stand():
    # a territorial type decided by the actor's side
    probs = dict.fromkeys(LABELS, 0.0) | {
        "Government regains territory": 0.9,
        "Non-state actor overtakes territory": 0.1,
    }
    assert (
        resolve(_event("Non-state actor overtakes territory", ["SDF"]), probs)
        == "Non-state actor overtakes territory"
    )
    assert resolve(_event("Non-state actor overtakes territory"), probs) == "Government regains territory"
    # an explosion named by its weapon word
    probs = dict.fromkeys(LABELS, 0.0) | {"Chemical weapon": 0.9, "Air/drone strike": 0.1}
    text = "A government helicopter dropped a barrel on the town."
    assert resolve(_event("Air/drone strike"), probs, text) == "Air/drone strike"


def test_the_model_invents_no_violence_at_a_peaceful_protest():
    probs = dict.fromkeys(LABELS, 0.0) | {
        "Violent demonstration": 0.6,
        "Protest with intervention": 0.3,
        "Peaceful protest": 0.1,
    }
    calm = "Students of the university protest exam fees."
    assert resolve(_event("Peaceful protest"), probs, calm) == "Peaceful protest"
    rough = "Students protest exam fees and vandalized a bus."
    assert resolve(_event("Peaceful protest"), probs, rough) == "Violent demonstration"
    probs = dict.fromkeys(LABELS, 0.0) | {"Protest with intervention": 0.7, "Peaceful protest": 0.3}
    assert resolve(_event("Peaceful protest"), probs, calm) == "Peaceful protest"
    dispersed = "Police fired tear gas to disperse students protesting exam fees."
    assert resolve(_event("Peaceful protest"), probs, dispersed) == "Protest with intervention"


def test_subtype_stage_runs_after_the_rules():
    assert DEFAULT_STAGES.index("subtype.v1") == DEFAULT_STAGES.index("events.v1") + 1


def test_records_keep_the_rules_choice_and_the_models(events_of):
    events = events_of(
        "On 3 May, protesters set fire to a police station in Kisumu after a man was shot dead by officers."
    )
    assert events
    for e in events:
        assert e.rule_sub_event_type in SUB_EVENT_TYPES
        assert e.model_sub_event_type in SUB_EVENT_TYPES
        assert 0.0 <= (e.model_confidence or 0.0) <= 1.0
        assert e.scorer == "subtype-tfidf.v1"
        assert "rule_sub_event_type" not in e.to_record()  # the contract does not change


def test_train_on_an_acled_export_and_extract_with_it(tmp_path: Path, capsys):
    from marsad.cli.main import main

    export = tmp_path / "acled.csv"
    with open(export, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["event_date", "sub_event_type", "notes"])
        for i in range(30):
            w.writerow(["2019-01-01", "Mob violence", f"Residents lynched a suspected thief in estate {i}."])
            w.writerow(["2019-01-01", "Attack", f"Unidentified gunmen shot dead a trader in village {i}."])
        w.writerow(["2019-01-01", "Not a type", "ignored"])
    out = tmp_path / "model"
    assert main(["train", "--acled", str(export), "--out", str(out)]) == 0
    model = LinearModel.load(out)
    assert model.meta["acled_notes"] == 60
    assert model.name == "subtype-tfidf.v1+acled"
    text = tmp_path / "note.txt"
    text.write_text("On 2 June 2019, a mob lynched a man suspected of stealing a goat in Kisumu.\n")
    capsys.readouterr()
    assert main(["extract", str(text), "--model", str(out), "--quiet", "--published", "2019-06-02"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert records and records[0]["sub_event_type"] == "Mob violence"


def test_train_refuses_a_file_without_usable_rows(tmp_path: Path):
    from marsad.cli.main import main

    export = tmp_path / "empty.csv"
    export.write_text("notes,sub_event_type\n,Attack\n")
    assert main(["train", "--acled", str(export), "--out", str(tmp_path / "m")]) == 2


class _FixedScorer:
    """A scorer that gives each sentence the probabilities the test names."""

    name = "fixed"
    own_material = False

    def __init__(self, by_text: dict[str, dict[str, float]]) -> None:
        self.by_text = by_text

    def score_text(self, text: str) -> dict[str, float]:
        return self.by_text.get(text, {"none": 1.0})


def _two_sentence_doc(first: str, second: str):
    from marsad.model import Document
    from marsad.model.document import Sentence

    doc = Document(text=f"{first} {second}", id="d")
    doc.sentences = [
        Sentence(0, len(first), index=0),
        Sentence(len(first) + 1, len(first) + 1 + len(second), index=1),
    ]
    return doc


def test_a_sentence_the_rules_declined_needs_a_surer_model():
    from marsad.learned.scorer import proposal

    head, tail = "Raiders attack village, steal cattle.", "Police are investigating."
    doc = _two_sentence_doc(head, tail)
    unsure = _FixedScorer({head: {"Attack": 0.5, "none": 0.5}})
    sure = _FixedScorer({head: {"Attack": 0.8, "none": 0.2}})
    declined = lambda i: i == 0  # noqa: E731 - the rules read a trigger in the first sentence
    # without a threshold for declined sentences, the rules' silence stands
    assert proposal(sure, doc, declined) is None  # type: ignore[arg-type]
    # with one, only a model sure enough proposes there
    assert proposal(unsure, doc, declined, declined_min=0.6) is None  # type: ignore[arg-type]
    assert proposal(sure, doc, declined, declined_min=0.6) == ("Attack", 0.8, 0)  # type: ignore[arg-type]
    # where the rules read no trigger the ordinary threshold is the caller's (propose's) to apply
    assert proposal(unsure, doc, None, declined_min=0.6) == ("Attack", 0.5, 0)  # type: ignore[arg-type]


def test_a_type_a_conditional_rule_judged_is_never_proposed_there():
    from marsad.learned.scorer import proposal

    head, tail = "Atareb lies in a zone under an agreement.", "Police are investigating."
    doc = _two_sentence_doc(head, tail)
    sure = _FixedScorer({head: {"Agreement": 0.9, "none": 0.1}})
    declined = lambda i: i == 0  # noqa: E731 - the rules read a trigger in the first sentence
    judged = lambda i: frozenset({"Agreement"}) if i == 0 else frozenset()  # noqa: E731
    assert proposal(sure, doc, declined, 0.6) is not None  # type: ignore[arg-type]
    # the agreement rule required one made and found none: the model does not overrule it
    assert proposal(sure, doc, declined, 0.6, judged) is None  # type: ignore[arg-type]
    other = _FixedScorer({head: {"Attack": 0.9, "none": 0.1}})
    assert proposal(other, doc, declined, 0.6, judged) is not None  # type: ignore[arg-type]


def test_a_default_clash_is_the_models_to_decide() -> None:
    """No fight, armed target or organised side named: the model may make the clash an attack;
    with a fight word, an armed victim or a rebel group as the doer, it may not without victims."""
    probs = {"Armed clash": 0.2, "Attack": 0.7, "Mob violence": 0.1}
    text = "Two killed in a land dispute near Kericho."
    assert resolve(_event("Armed clash"), probs, text) == "Attack"
    assert resolve(_event("Armed clash", ["UNID"]), probs, text) == "Attack"
    assert resolve(_event("Armed clash"), probs, "Two killed in fighting near Kericho.") == "Armed clash"
    assert resolve(_event("Armed clash"), probs, "Two commandos killed near Kericho.") == "Armed clash"
    assert resolve(_event("Armed clash", ["TALIBAN"]), probs, text) == "Armed clash"


def test_the_build_retrains_a_stale_model(tmp_path) -> None:
    """`make install` runs `python -m marsad.learned.train --if-stale`: a model trained on another
    corpus (or none) is stale, the packaged one is not."""
    import json

    from marsad.learned.scorer import PACKAGED_MODEL
    from marsad.learned.train import stale

    assert not stale(PACKAGED_MODEL)
    assert stale(tmp_path)
    (tmp_path / "model.json").write_text(json.dumps({"meta": {"corpus_sha256": "0" * 16}}), encoding="utf-8")
    assert stale(tmp_path)
