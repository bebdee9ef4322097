"""`--workers`: worker processes give the same documents and events, in the same order, as one."""

from __future__ import annotations

import contextlib
import io
from datetime import date
from pathlib import Path

import pytest

from marsad.cli.main import main
from marsad.errors import OptionError
from marsad.model import Document
from marsad.pipeline import Options, Pipeline
from marsad.pipeline.parallel import ParallelPipeline, check_workers

ACTORS = ("Syrian government forces", "Islamic State militants", "Turkish troops", "Ahrar al-Sham fighters")
PLACES = (("Kafr Nabl", "Idlib"), ("Manbij", "Aleppo"), ("Talbiseh", "Homs"), ("Mayadin", "Deir ez-Zor"))
VERBS = ("shelled", "attacked", "bombed", "stormed")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def report(i: int) -> str:
    """A short made-up report, different for each `i`."""
    actor, other = ACTORS[i % 4], ACTORS[(i + 1) % 4]
    (town, province), near = PLACES[i % 4], PLACES[(i * 3 + 1) % 4][0]
    return (
        f"Report {i}\n\n{actor.capitalize()} {VERBS[i % 4]} the town of {town} in {province} province "
        f"on {DAYS[i % 7]}, killing {i % 9 + 1} civilians, a monitor said.\n\n"
        f"{other.capitalize()} clashed with rebels near {near} on {DAYS[(i + 2) % 7]}; "
        f"{i % 5 + 2} fighters were wounded."
    )


def documents(n: int) -> list[Document]:
    """`n` fresh documents with metadata, as the readers make them."""
    return [
        Document(report(i), f"r{i}.txt", source="Test Wire", published=date(2017, 10, i % 28 + 1))
        for i in range(n)
    ]


def outcome(docs: list[Document]) -> list[tuple[object, ...]]:
    """What a run produced, per document in order: metadata, sentences and event records."""
    return [(d.id, d.published, d.provenance, d.sentences, [e.to_record() for e in d.events]) for d in docs]


def test_workers_must_be_at_least_one() -> None:
    for bad in (0, -2):
        with pytest.raises(OptionError, match="at least 1"):
            ParallelPipeline(workers=bad)
    assert check_workers(3) == 3


@pytest.mark.parametrize("value", ["0", "-1", "two"])
def test_cli_rejects_workers_below_one(value: str, tmp_path: Path) -> None:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), pytest.raises(SystemExit) as exit_:
        main(["extract", str(tmp_path), "--workers", value])
    assert exit_.value.code == 2
    assert "--workers" in err.getvalue() and "1 or more" in err.getvalue()


@pytest.mark.slow
def test_two_workers_same_output_as_one() -> None:
    options = Options(batch_size=3)  # several batches in flight, returned out of order
    serial = outcome(list(Pipeline(options).pipe(documents(20))))
    parallel = outcome(list(ParallelPipeline(options, workers=2).pipe(documents(20))))
    assert sum(len(records) for *_, records in serial) >= 20
    assert parallel == serial


@pytest.mark.slow
def test_cli_extract_with_workers_prints_the_same_records(tmp_path: Path) -> None:
    for i in range(20):
        (tmp_path / f"report-2017-10-{i % 28 + 1:02d}-{i:02d}.txt").write_text(report(i), encoding="utf-8")
    outputs = []
    for workers in ("1", "2"):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert main(["extract", str(tmp_path), "--quiet", "--workers", workers]) == 0
        outputs.append(out.getvalue())
    assert outputs[0].count("\n") >= 20
    assert outputs[1] == outputs[0]
