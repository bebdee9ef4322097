"""`marsad ingest` then `marsad export`: idempotent ingest, ACLED CSV, GeoJSON, Parquet, errors."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import shutil
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from marsad.cli.main import main
from marsad.store import Store

pytestmark = pytest.mark.slow

ACLED_HEADER_START = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1"
)


def run(argv: list[str]) -> tuple[int, str, str]:
    """Run the CLI in-process; return its status, standard output and standard error."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv)
    return status, out.getvalue(), err.getvalue()


def parse(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the bundled sample reports (text, HTML and JSON lines; not the README)."""
    root = tmp_path_factory.mktemp("corpus")
    sample = Path(str(resources.files("marsad") / "data" / "sample"))
    for path in sorted(sample.iterdir()):
        if path.suffix in (".txt", ".html", ".jsonl"):
            shutil.copy(path, root / path.name)
    assert len(list(root.iterdir())) >= 3
    return root


@pytest.fixture(scope="module")
def ingested(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Ingest the corpus twice into one store; keep the counts and messages of both runs."""
    db = tmp_path_factory.mktemp("store") / "events.duckdb"
    first = run(["ingest", str(corpus), "--db", str(db)])
    with Store(db, read_only=True) as store:
        after_first = store.counts()
    second = run(["ingest", str(corpus), "--db", str(db)])
    with Store(db, read_only=True) as store:
        after_second = store.counts()
    return {"db": db, "first": first, "second": second, "counts": (after_first, after_second)}


@pytest.fixture(scope="module")
def stored(ingested: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Every stored record, and the occurred ones, as the exporter's JSON lines give them."""
    status, out_all, err = run(["export", "--db", str(ingested["db"]), "--format", "jsonl", "--all"])
    assert status == 0, err
    status, out_occ, err = run(["export", "--db", str(ingested["db"]), "--format", "jsonl"])
    assert status == 0, err
    return {"all": parse(out_all), "occurred": parse(out_occ)}


def test_ingest_succeeds_and_stores_events(ingested: dict[str, Any]) -> None:
    for status, _, stderr in (ingested["first"], ingested["second"]):
        assert status == 0, stderr
        assert "Traceback" not in stderr
    first, _ = ingested["counts"]
    assert first["documents"] >= 3
    assert first["events"] > 0


def test_second_ingest_adds_nothing(ingested: dict[str, Any]) -> None:
    first, second = ingested["counts"]
    assert second["events"] == first["events"]
    assert second["documents"] == first["documents"]
    assert second == first
    _, _, stderr = ingested["second"]
    assert f"0 new document(s), {first['documents']} already stored" in stderr


def test_quiet_ingest_prints_nothing_on_stderr(ingested: dict[str, Any], corpus: Path) -> None:
    # the same run without --quiet reports on stderr, so this would fail if --quiet were ignored
    assert ingested["second"][2].strip()
    status, stdout, stderr = run(["ingest", str(corpus), "--db", str(ingested["db"]), "--quiet"])
    assert status == 0
    assert stderr == ""
    assert stdout == ""


def test_store_holds_other_modalities_too(stored: dict[str, list[dict[str, Any]]]) -> None:
    # the corpus has plans and forecasts: otherwise the "only occurred" checks below prove nothing
    modalities = {r["modality"] for r in stored["all"]}
    assert "occurred" in modalities
    assert modalities - {"occurred"}
    assert {r["modality"] for r in stored["occurred"]} == {"occurred"}


def test_export_acled_csv_header_and_only_occurred_rows(
    ingested: dict[str, Any], stored: dict[str, list[dict[str, Any]]]
) -> None:
    status, out, err = run(["export", "--db", str(ingested["db"]), "--format", "acled-csv"])
    assert status == 0, err
    assert out.startswith(ACLED_HEADER_START)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows
    occurred_ids = {r["event_id"] for r in stored["occurred"]}
    assert {row["event_id_cnty"] for row in rows} == occurred_ids
    assert len(rows) == len(stored["occurred"])


def test_export_acled_csv_all_still_only_occurred(
    ingested: dict[str, Any], stored: dict[str, list[dict[str, Any]]]
) -> None:
    status, out, err = run(["export", "--db", str(ingested["db"]), "--format", "acled-csv", "--all"])
    assert status == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {row["event_id_cnty"] for row in rows} == {r["event_id"] for r in stored["occurred"]}


def test_export_geojson_parses(ingested: dict[str, Any], stored: dict[str, list[dict[str, Any]]]) -> None:
    status, out, err = run(["export", "--db", str(ingested["db"]), "--format", "geojson"])
    assert status == 0, err
    data = json.loads(out)
    assert data["type"] == "FeatureCollection"
    located = {r["event_id"] for r in stored["occurred"] if r["latitude"] is not None}
    assert {f["properties"]["event_id"] for f in data["features"]} == located
    assert all(f["properties"]["modality"] == "occurred" for f in data["features"])


def test_export_parquet_needs_out(ingested: dict[str, Any]) -> None:
    status, out, err = run(["export", "--db", str(ingested["db"]), "--format", "parquet"])
    assert status == 2
    assert "--out" in err
    assert out == ""
    assert "Traceback" not in err


def test_export_parquet_to_file(
    ingested: dict[str, Any], stored: dict[str, list[dict[str, Any]]], tmp_path: Path
) -> None:
    import pyarrow.parquet as pq

    target = tmp_path / "events.parquet"
    status, _, err = run(["export", "--db", str(ingested["db"]), "--format", "parquet", "--out", str(target)])
    assert status == 0, err
    table = pq.read_table(target)
    assert table.num_rows == len(stored["occurred"])
    assert "event_id" in table.column_names
    assert set(table.column("event_id").to_pylist()) == {r["event_id"] for r in stored["occurred"]}


def test_export_from_missing_db(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.duckdb"
    status, out, err = run(["export", "--db", str(missing), "--format", "geojson"])
    assert status == 2
    assert str(missing) in err
    assert out == ""
    assert "Traceback" not in err
    assert not missing.exists()


def test_export_without_a_format_writes_acled_csv(ingested: dict[str, Any]) -> None:
    default = run(["export", "--db", str(ingested["db"])])
    explicit = run(["export", "--db", str(ingested["db"]), "--format", "acled-csv"])
    assert default[0] == 0 and explicit[0] == 0
    assert default[1].startswith(ACLED_HEADER_START)
    # `timestamp` is the time of each export (the runs may straddle a second), every other column agrees
    rows = [list(csv.DictReader(io.StringIO(out[1]))) for out in (default, explicit)]
    assert len(rows[0]) == len(rows[1]) > 0
    for a, b in zip(*rows, strict=True):
        assert abs(int(a.pop("timestamp")) - int(b.pop("timestamp"))) <= 60
        assert a == b


def test_one_text_dated_apart_is_two_records_to_extract_and_one_document_to_the_store(tmp_path: Path) -> None:
    text = "Police fired tear gas at protesters in Nairobi on Monday."
    notes = tmp_path / "notes.jsonl"
    notes.write_text(
        json.dumps({"id": "a1", "text": text, "published": "2016-05-03"})
        + "\n"
        + json.dumps({"id": "a2", "text": text, "published": "2016-06-07"})
        + "\n"
    )
    status, out, _ = run(["extract", str(notes), "--format", "jsonl", "--quiet"])
    assert status == 0
    assert sorted(r["evidence"][0]["document"] for r in parse(out)) == ["a1", "a2"]
    status, _, err = run(["ingest", str(notes), "--db", str(tmp_path / "s.duckdb")])
    assert status == 0
    assert "1 new document(s), 1 already stored" in err
