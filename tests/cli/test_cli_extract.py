"""`marsad extract` on a short report: the record contract, evidence offsets, modality, formats."""

from __future__ import annotations

import contextlib
import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from marsad.cli.main import main
from marsad.model.event import CONTRACT_FIELDS

pytestmark = pytest.mark.slow

HEADLINE = "Syrian army retakes al-Mayadin from Islamic State"
EVENT = (
    "DEIR EZ-ZOR, Oct 15 (Test Wire) – Syrian government forces took control of the town of "
    "al-Mayadin on Saturday after clashes with Islamic State fighters that killed 14 militants."
)
PLAN = "The army plans to advance toward Abu Kamal in the coming days."
# the en dash in the dateline makes character offsets and UTF-8 byte offsets differ
REPORT = f"{HEADLINE}\n\n{EVENT}\n\n{PLAN}\n"
NAME = "mayadin-report.txt"


def run(argv: list[str]) -> tuple[int, str, str]:
    """Run the CLI in-process; return its status, standard output and standard error."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("extract") / NAME
    path.write_bytes(REPORT.encode("utf-8"))
    return path


def extract(path: Path, fmt: str) -> str:
    status, out, err = run(["extract", str(path), "--format", fmt, "--published", "2017-10-16", "--quiet"])
    assert status == 0, err
    assert "Traceback" not in err
    return out


@pytest.fixture(scope="module")
def records(report: Path) -> list[dict[str, Any]]:
    out = extract(report, "jsonl")
    lines = [line for line in out.splitlines() if line.strip()]
    recs = [json.loads(line) for line in lines]
    assert recs, "no event extracted from the report"
    return recs


def test_every_record_has_exactly_the_contract_fields(records: list[dict[str, Any]]) -> None:
    for rec in records:
        assert set(rec) == set(CONTRACT_FIELDS)
        assert list(rec) == list(CONTRACT_FIELDS)


def test_evidence_sentence_is_the_text_at_its_offsets(report: Path, records: list[dict[str, Any]]) -> None:
    text = report.read_bytes().decode("utf-8")
    for rec in records:
        assert rec["evidence"], rec["event_id"]
        for ev in rec["evidence"]:
            assert isinstance(ev["start"], int) and isinstance(ev["end"], int)
            assert 0 <= ev["start"] < ev["end"] <= len(text)
            assert ev["sentence"] == text[ev["start"] : ev["end"]]


def test_evidence_document_is_the_file_base_name(records: list[dict[str, Any]]) -> None:
    for rec in records:
        assert {ev["document"] for ev in rec["evidence"]} == {NAME}


def test_the_takeover_is_an_occurred_government_regains_territory(records: list[dict[str, Any]]) -> None:
    found = [
        r
        for r in records
        if r["modality"] == "occurred"
        and r["sub_event_type"] == "Government regains territory"
        and r["event_type"] == "Battles"
    ]
    assert found, [(r["modality"], r["sub_event_type"]) for r in records]
    assert any("al-Mayadin" in ev["sentence"] for r in found for ev in r["evidence"])


def test_the_plan_is_not_an_occurred_event(records: list[dict[str, Any]]) -> None:
    for rec in records:
        if rec["modality"] != "occurred":
            continue
        for ev in rec["evidence"]:
            assert PLAN not in ev["sentence"], rec
            assert "plans to advance" not in ev["sentence"], rec


def test_headline_is_not_an_occurred_event(records: list[dict[str, Any]]) -> None:
    for rec in records:
        if rec["modality"] == "occurred":
            assert all(not ev["sentence"].startswith(HEADLINE) for ev in rec["evidence"]), rec


def test_csv_header_is_the_contract_and_rows_are_the_records(
    report: Path, records: list[dict[str, Any]]
) -> None:
    out = extract(report, "csv")
    reader = csv.DictReader(io.StringIO(out))
    assert tuple(reader.fieldnames or ()) == CONTRACT_FIELDS
    rows = list(reader)
    assert [row["event_id"] for row in rows] == [r["event_id"] for r in records]
    for row in rows:
        evidence = json.loads(row["evidence"])
        assert evidence and evidence[0]["document"] == NAME


def test_geojson_is_a_feature_collection_of_the_located_records(
    report: Path, records: list[dict[str, Any]]
) -> None:
    data = json.loads(extract(report, "geojson"))
    assert data["type"] == "FeatureCollection"
    assert isinstance(data["features"], list)
    located = [r["event_id"] for r in records if r["latitude"] is not None and r["longitude"] is not None]
    assert [f["properties"]["event_id"] for f in data["features"]] == located
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
