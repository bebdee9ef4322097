"""The pipeline isolates each document: a stage failing on one leaves the others as they would be
without it; `Pipeline.extract` raises for the document that failed (issue 18)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from marsad.errors import DocumentFailedError
from marsad.model import Document
from marsad.pipeline import Pipeline
from marsad.stages.events import EventStage

TEXTS = [
    "Turkish warplanes bombed the town of Afrin on Monday, killing 4 civilians, a monitor said.",
    "BOOM. Russian jets struck the town of Saraqib on Tuesday, killing 6 civilians.",
    "Islamic State militants attacked an army post near Palmyra on Tuesday; four soldiers were killed.",
]


def docs() -> list[Document]:
    return [Document(text=t, id=f"d{i}.txt", published=date(2017, 10, 20)) for i, t in enumerate(TEXTS)]


@pytest.fixture
def crashing(monkeypatch: pytest.MonkeyPatch) -> None:
    original = EventStage.__call__

    def call(self: EventStage, doc: Any) -> Any:
        if "BOOM" in doc.text:
            raise RuntimeError("the extractor broke")
        return original(self, doc)

    monkeypatch.setattr(EventStage, "__call__", call)


def test_one_failing_document_leaves_the_batch_as_without_it(pipeline: Pipeline, crashing: None) -> None:
    out = list(pipeline.pipe(docs(), batch_size=3))
    assert [d.id for d in out] == ["d0.txt", "d1.txt", "d2.txt"]
    assert out[1].failure == "RuntimeError: the extractor broke" and not out[1].events
    good = [d for i, d in enumerate(docs()) if i != 1]
    alone = list(pipeline.pipe(good, batch_size=3))
    records = [[ev.to_record() for ev in d.events] for d in (out[0], out[2])]
    assert records == [[ev.to_record() for ev in d.events] for d in alone]
    assert all(records)


def test_extract_raises_for_a_document_that_fails(pipeline: Pipeline, crashing: None) -> None:
    doc = docs()[1]
    doc.origin = "/reports/boom.txt"
    with pytest.raises(DocumentFailedError, match=r"/reports/boom\.txt.*the extractor broke"):
        pipeline.extract(doc)
