"""The stage registry and the runner's order check."""

from __future__ import annotations

import pytest

from marsad.errors import StageOrderError, UnknownStageError
from marsad.model import Document
from marsad.pipeline import Options, Pipeline, function_stage, registered


def test_builtin_stages_are_registered_under_versioned_names() -> None:
    names = registered()
    for name in ("segment.v1", "nlp.v1", "events.v1", "time.v1", "geocode.v1", "coalesce.v1", "actors.v1"):
        assert name in names


def test_unknown_stage_is_named_in_the_error() -> None:
    with pytest.raises(UnknownStageError, match=r"nosuch\.v9"):
        Pipeline(Options(stages=("segment.v1", "nosuch.v9")))


def test_stage_out_of_order_fails_with_what_it_needs() -> None:
    with pytest.raises(StageOrderError, match="needs parse"):
        Pipeline(Options(stages=("segment.v1", "events.v1")))


def test_custom_function_stage_runs_and_marks_what_it_sets() -> None:
    @function_stage("test-upper.v1", needs=("paragraphs",), sets=("shout",))
    def shout(doc: Document) -> Document:
        doc.title = doc.text.upper()
        return doc

    pipe = Pipeline(Options(stages=("segment.v1", "test-upper.v1")))
    doc = pipe(Document(text="one.\n\ntwo."))
    assert doc.title == "ONE.\n\nTWO."
    assert {"paragraphs", "shout"} <= doc.done


def test_pipe_streams_in_input_order() -> None:
    pipe = Pipeline(Options(stages=("segment.v1",), batch_size=2))
    texts = [f"Report {i}." for i in range(5)]
    out = [d.text for d in pipe.pipe(Document(text=t) for t in texts)]
    assert out == texts
