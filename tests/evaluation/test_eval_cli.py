"""`marsad eval` end to end: with a stand-in pipeline for exact figures, and once with the real one."""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from marsad.cli import main as cli_main
from marsad.cli.main import main
from marsad.model import Document


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv)
    return status, out.getvalue(), err.getvalue()


class _Event:
    def __init__(self, record: dict[str, Any]) -> None:
        self.record = {"modality": "occurred"} | record

    def to_record(self) -> dict[str, Any]:
        return dict(self.record)


class StandIn:
    """A pipeline that gives each document the records listed for its id, and notes what it saw."""

    def __init__(self, records: dict[str, list[dict[str, Any]]]) -> None:
        self.records = records
        self.seen: list[Document] = []

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            self.seen.append(doc)
            doc.events = [_Event(r) for r in self.records.get(doc.id, [])]
            yield doc


CLASH = {
    "event_type": "Battles",
    "sub_event_type": "Armed clash",
    "actor1": "Military Forces of Syria (2000-2024)",
    "actor2": "Islamic State (Syria)",
    "event_date": "2020-03-03",
    "latitude": 34.56,
    "longitude": 38.28,
    "fatalities": 4,
}
# the protest coded as a violent demonstration, at the right place and date
RIOT = {
    "event_type": "Riots",
    "sub_event_type": "Violent demonstration",
    "actor1": "Rioters (Syria)",
    "event_date": "2020-03-04",
    "latitude": 35.93,
    "longitude": 36.63,
    "fatalities": 0,
}


@pytest.fixture
def stand_in(monkeypatch: pytest.MonkeyPatch) -> StandIn:
    pipeline = StandIn({"acled-TST1": [CLASH], "acled-TST2": [RIOT, CLASH | {"modality": "planned"}]})
    monkeypatch.setattr(cli_main, "_pipeline", lambda args: pipeline)
    return pipeline


def test_acled_json_exact(current_csv: Path, stand_in: StandIn) -> None:
    status, out, err = run(["eval", "--acled", str(current_csv), "--format", "json"])
    assert status == 0, err
    assert json.loads(out) == {
        "notes": 3,
        "accuracy": {
            "found": 0.667,
            "event_type": 0.333,
            "sub_event_type": 0.333,
            "actor1": 0.333,
            "actor2": 0.5,
            "date": 0.667,
            "location": 0.667,
            "fatalities": 0.667,
        },
        "weighted_f1": 0.333,
        "per_type": {
            "Air/drone strike": {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1},
            "Armed clash": {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 1},
            "Peaceful protest": {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1},
        },
        "confusion": [
            {"gold": "Air/drone strike", "predicted": "(none)", "count": 1},
            {"gold": "Armed clash", "predicted": "Armed clash", "count": 1},
            {"gold": "Peaceful protest", "predicted": "Violent demonstration", "count": 1},
        ],
    }


def test_notes_are_read_as_extract_reads_a_json_line(current_csv: Path, stand_in: StandIn) -> None:
    run(["eval", "--acled", str(current_csv), "--limit", "2", "--quiet"])
    assert [(d.id, d.published.isoformat() if d.published else None) for d in stand_in.seen] == [
        ("acled-TST1", "2020-03-03"),
        ("acled-TST2", "2020-03-04"),
    ]
    assert stand_in.seen[1].text.startswith("On 4 March 2020, hundreds")


def test_text_report(current_csv: Path, stand_in: StandIn) -> None:
    status, out, _ = run(["eval", "--acled", str(current_csv)])
    assert status == 0
    lines = out.splitlines()
    assert "3 gold events, 2 occurred records" in lines
    assert "sub_event_type       0.333       3" in lines
    assert "actor2               0.500       2" in lines
    assert "detection: precision 1.000  recall 0.667  F1 0.800" in lines
    assert "weighted F1 (types): 0.333" in lines
    assert "    1  Peaceful protest -> Violent demonstration" in lines
    assert "    1  Air/drone strike -> (none)" in lines


def test_older_schema_scores_event_types(old_csv: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pipeline = StandIn(
        {
            "acled-1OLD": [
                {"event_type": "Riots", "sub_event_type": "Mob violence", "actor1": "Rioters (Bangladesh)"}
            ],
            "acled-2OLD": [{"event_type": "Strategic developments", "sub_event_type": "Arrests"}],
        }
    )
    monkeypatch.setattr(cli_main, "_pipeline", lambda args: pipeline)
    status, out, _ = run(["eval", "--acled", str(old_csv), "--format", "json"])
    assert status == 0
    summary = json.loads(out)
    assert summary["accuracy"]["event_type"] == 0.5
    assert summary["accuracy"]["sub_event_type"] is None
    assert summary["accuracy"]["actor2"] is None
    assert summary["accuracy"]["actor1"] == 0.5
    assert summary["confusion"] == [
        {"gold": "Battle-No change of territory", "predicted": "Strategic developments", "count": 1},
        {"gold": "Riots/Protests", "predicted": "Riots/Protests", "count": 1},
    ]


def test_gold_lines_against_inputs(tmp_path: Path, stand_in: StandIn) -> None:
    inputs = tmp_path / "reports.jsonl"
    inputs.write_text(
        json.dumps({"id": "acled-TST1", "text": "A made-up report of a clash.", "published": "2020-03-03"})
        + "\n"
        + json.dumps({"id": "extra", "text": "A report the gold codes as holding no event."})
        + "\n",
        encoding="utf-8",
    )
    stand_in.records["extra"] = [RIOT]
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps(
            {
                "document": "acled-TST1",
                "event_date": "2020-03-03",
                "sub_event_type": "Armed clash",
                "actor1": "Military Forces of Syria (2000-)",
                "actor2": "Islamic State (Syria)",
                "latitude": 34.556,
                "longitude": 38.284,
                "fatalities": 4,
            }
        )
        + "\n"
        + json.dumps({"document": "never-read", "sub_event_type": "Arrests"})
        + "\n",
        encoding="utf-8",
    )
    status, out, err = run(["eval", "--gold", str(gold), str(inputs), "--format", "json"])
    assert status == 0
    assert "1 gold document(s) not among the inputs" in err and "never-read" in err
    summary = json.loads(out)
    assert summary["notes"] == 2
    assert summary["accuracy"] == {
        "found": 0.5,
        "event_type": 0.5,
        "sub_event_type": 0.5,
        "actor1": 1.0,
        "actor2": 1.0,
        "date": 1.0,
        "location": 1.0,
        "fatalities": 1.0,
    }
    assert {"gold": "(none)", "predicted": "Violent demonstration", "count": 1} in summary["confusion"]


def test_unreadable_input_is_named_and_the_rest_scored(tmp_path: Path, stand_in: StandIn) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"document": "a.txt", "sub_event_type": "Armed clash"}\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("A made-up report.", encoding="utf-8")
    status, out, err = run(
        [
            "eval",
            "--gold",
            str(gold),
            str(tmp_path / "a.txt"),
            str(tmp_path / "absent.txt"),
            "--format",
            "json",
        ]
    )
    assert status == 1
    assert "absent.txt: no such file or directory" in err
    assert json.loads(out)["notes"] == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--acled", "{d}/absent.csv"], "absent.csv: no such file"),
        (["--acled", "{d}/bad.csv"], "bad.csv: not an ACLED export"),
        (["--gold", "{d}/absent.jsonl", "x.txt"], "absent.jsonl: no such file"),
        (["--gold", "{d}/bad.jsonl", "x.txt"], "bad.jsonl:1: not valid JSON"),
        (["--gold", "{d}/bad.jsonl"], "--gold needs the documents"),
        (["--acled", "{d}/bad.csv", "x.txt"], "give no INPUT"),
        (["--gold", "{d}/bad.jsonl", "x.txt", "--limit", "3"], "use them with --acled"),
    ],
)
def test_bad_files_and_options_give_one_line_and_status_2(
    tmp_path: Path, stand_in: StandIn, argv: list[str], message: str
) -> None:
    (tmp_path / "bad.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text("{oops\n", encoding="utf-8")
    status, out, err = run(["eval", *[a.format(d=tmp_path) for a in argv]])
    assert status == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert message in err
    assert not stand_in.seen  # nothing coded


@pytest.mark.slow
def test_real_pipeline_on_made_up_notes(current_csv: Path) -> None:
    status, out, err = run(["eval", "--acled", str(current_csv), "--format", "json", "--quiet"])
    assert status == 0, err
    summary = json.loads(out)
    assert summary["notes"] == 3
    assert summary["accuracy"]["found"] == 1.0
    assert summary["accuracy"]["date"] == 1.0
    assert {"gold": "Armed clash", "predicted": "Armed clash", "count": 1} in summary["confusion"]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_and_not_with_quiet(current_csv: Path, stand_in: StandIn) -> None:
    for quiet, shown in ((False, True), (True, False)):
        err = _Terminal()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
            assert main(["eval", "--acled", str(current_csv), *(["--quiet"] if quiet else [])]) == 0
        assert ("/3 [" in err.getvalue() and "note/s" in err.getvalue()) is shown
