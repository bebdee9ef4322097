"""`marsad control` over a store (hand-filled, and filled by `marsad ingest`) and over reports."""

from __future__ import annotations

import contextlib
import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from marsad.cli.main import main
from marsad.model import Document, Event
from marsad.model.event import Evidence
from marsad.store import Store

GOV = "Military Forces of Syria (2000-2024)"
IS = "Islamic State (Syria)"
SDF = "QSD: Syrian Democratic Forces"
REPORT = """Government forces retake Albu Kamal

Syrian government forces captured the town of Albu Kamal from Islamic State fighters on November 8, 2017.

On November 9, Islamic State fighters recaptured Albu Kamal from government forces after a counter-attack.

The Syrian Democratic Forces took control of Markada from the Islamic State on November 9.
"""


def run(argv: list[str]) -> tuple[int, str, str]:
    """Run the CLI in-process; return its status, standard output and standard error."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv)
    return status, out.getvalue(), err.getvalue()


def _event(text: str, sub: str, actor1: str, actor2: str, day: str, modality: str = "occurred") -> Event:
    """An event of the hand-filled store, its evidence the report's one sentence."""
    d = date.fromisoformat(day)
    event = Event(
        event_type="Battles",
        sub_event_type=sub,
        document="r.txt",
        event_date=d,
        date_start=d,
        date_end=d,
        actor1=actor1,
        actor2=actor2,
        location="Albu Kamal",
        latitude=34.45226,
        longitude=40.91854,
        country="Syria",
        admin1="Deir-ez-Zor",
        modality=modality,
        evidence=[Evidence("r.txt", text, 0, len(text))],
    )
    event.event_id = f"MRS{sub[:3].upper()}{modality[:3].upper()}{day}"
    return event


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """A store holding one report with a takeover, a retake and a planned attack."""
    text = "Albu Kamal changed hands twice."
    db = tmp_path / "events.duckdb"
    events = [
        _event(text, "Government regains territory", GOV, IS, "2017-11-08"),
        _event(text, "Non-state actor overtakes territory", IS, GOV, "2017-11-09"),
        _event(text, "Government regains territory", GOV, IS, "2017-11-12", modality="planned"),
    ]
    with Store(db) as st:
        assert st.add_document(Document(text=text, id="r.txt"), events)
    return db


def test_control_over_a_store(store: Path) -> None:
    status, out, _ = run(["control", "--db", str(store)])
    assert status == 0
    [place] = json.loads(out)
    assert place["place"] == "Albu Kamal"
    assert [(c["date"], c["controller"]) for c in place["changes"]] == [
        ("2017-11-08", GOV),
        ("2017-11-09", IS),
    ]


def test_control_over_a_store_at_a_date_and_as_csv(store: Path) -> None:
    status, out, _ = run(["control", "--db", str(store), "--at", "2017-11-08"])
    assert status == 0
    assert [(p["place"], p["controller"]) for p in json.loads(out)] == [("Albu Kamal", GOV)]
    status, out, _ = run(["control", "--db", str(store), "--format", "csv"])
    assert status == 0
    assert [r["controller"] for r in csv.DictReader(io.StringIO(out))] == [GOV, IS]
    status, out, _ = run(["control", "--db", str(store), "--format", "geojson", "--at", "2017-12-01"])
    assert json.loads(out)["features"][0]["properties"]["controller"] == IS


def test_control_needs_inputs_or_a_store(tmp_path: Path) -> None:
    status, _, err = run(["control"])
    assert status == 2 and "--db" in err
    status, _, err = run(["control", "--db", str(tmp_path / "missing.duckdb")])
    assert status == 2 and "missing.duckdb" in err
    with pytest.raises(SystemExit):
        run(["control", "--db", "x.duckdb", "--at", "8 November"])


@pytest.mark.slow
def test_control_after_ingest(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    db = tmp_path / "events.duckdb"
    status, _, _ = run(["ingest", str(report), "--db", str(db), "--published", "2017-11-10", "--quiet"])
    assert status == 0
    status, out, _ = run(["control", "--db", str(db)])
    assert status == 0
    changes = {p["place"]: [(c["date"], c["controller"]) for c in p["changes"]] for p in json.loads(out)}
    assert changes["Albu Kamal"] == [("2017-11-08", GOV), ("2017-11-09", IS)]
    assert changes["Markadah"] == [("2017-11-09", SDF)]
    status, direct, _ = run(["control", str(report), "--published", "2017-11-10", "--quiet"])
    assert status == 0 and json.loads(direct) == json.loads(out)
