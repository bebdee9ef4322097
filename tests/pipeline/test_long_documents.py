"""Text of any size (issue 18): a long document runs through the stages a section at a time and a
long paragraph is parsed in units; offsets stay the whole text's, the records those of a whole run."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

import pytest

import marsad.stages.nlp as nlp
from marsad.model import Document
from marsad.pipeline import Options, Pipeline
from marsad.stages.segment import split_units

PARAGRAPHS = [
    "Government forces shelled the village of Kafr Nabl in Idlib province on Monday, killing three civilians.",
    "Islamic State militants attacked an army post near Palmyra on Tuesday; four soldiers were killed.",
    "Turkish warplanes bombed the town of Afrin on Wednesday, killing 4 civilians, a monitor said.",
    "Syrian government forces took control of the town of al-Mayadin on Thursday after clashes.",
]
TEXT = "\n\n".join(PARAGRAPHS) + "\n"


def records(doc: Document) -> list[dict[str, Any]]:
    return [ev.to_record() for ev in doc.events]


def check_offsets(doc: Document) -> None:
    for ev in doc.events:
        for e in ev.evidence:
            assert doc.text[e.start : e.end] == e.sentence
    for sent in doc.sentences:
        assert doc.text[sent.start : sent.end].strip()


@pytest.mark.parametrize(
    ("size", "cuts"),
    [
        (30, "a\n\nb"),
        (8, "one two three four five six"),
        (7, "abcdefghijklmnopqrstuvwxyz"),
        (12, "First one. Second one. Third one."),
    ],
)
def test_units_cover_the_text_exactly(size: int, cuts: str) -> None:
    units = list(split_units(cuts, 0, len(cuts), size))
    assert units[0][0] == 0 and units[-1][1] == len(cuts)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(units))
    assert all(0 < end - start <= size for start, end in units)


def test_units_prefer_paragraph_breaks_then_sentence_ends() -> None:
    text = "First one. Second one.\n\nThird paragraph here. And more."
    assert [text[s:e] for s, e in split_units(text, 0, len(text), 40)] == [
        "First one. Second one.\n\n",
        "Third paragraph here. And more.",
    ]
    text = "First one. Second one. Third one."
    assert [text[s:e] for s, e in split_units(text, 0, len(text), 25)] == [
        "First one. Second one. ",
        "Third one.",
    ]


def test_a_document_in_sections_gives_the_records_of_a_whole_run(pipeline: Pipeline) -> None:
    whole = pipeline(Document(text=TEXT, id="long.txt", published=date(2017, 10, 20)))
    sectioned = Pipeline(Options(section_chars=220))
    parts = sectioned(Document(text=TEXT, id="long.txt", published=date(2017, 10, 20)))
    assert not parts.failure and len(parts.events) >= 4
    assert records(parts) == records(whole)
    assert [(s.start, s.end) for s in parts.sentences] == [(s.start, s.end) for s in whole.sentences]
    assert [s.index for s in parts.sentences] == list(range(len(parts.sentences)))
    check_offsets(parts)


def test_a_long_paragraph_is_parsed_in_units(pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch) -> None:
    text = " ".join(PARAGRAPHS)  # one paragraph, no break
    whole = pipeline(Document(text=text, id="one.txt", published=date(2017, 10, 20)))
    monkeypatch.setattr(nlp, "MAX_UNIT_CHARS", 120)
    units = pipeline(Document(text=text, id="one.txt", published=date(2017, 10, 20)))
    assert not units.failure and len(units.events) >= 4
    check_offsets(units)
    assert [(r["sub_event_type"], r["evidence"]) for r in records(units)] == [
        (r["sub_event_type"], r["evidence"]) for r in records(whole)
    ]
