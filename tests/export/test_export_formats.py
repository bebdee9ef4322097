"""The exports: each format parses back to the records it was given."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from marsad.errors import OptionError
from marsad.export import FORMATS, write_records
from marsad.model.event import CONTRACT_FIELDS

HOSTILE = "He said \"stop, now\",\nthen <script>alert(1)</script> — دير الزور; 'x'"


def record(
    event_id: str, modality: str = "occurred", lat: float | None = 35.3, **extra: Any
) -> dict[str, Any]:
    """A contract record with every field set (coordinates optional)."""
    rec: dict[str, Any] = dict.fromkeys(CONTRACT_FIELDS, "")
    rec.update(
        event_id=event_id,
        event_date="2017-09-10",
        time_precision=1,
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1="Military Forces of Syria",
        assoc_actor_1="A; B",
        inter1=1,
        inter2=2,
        interaction=12,
        iso=760,
        country="Syria",
        latitude=lat,
        longitude=None if lat is None else 40.1,
        geo_precision=1,
        notes=HOSTILE,
        fatalities=3,
        wounded=None,
        captured=2,
        modality=modality,
        claimant=None,
        confidence=0.667,
        evidence=[{"document": "a.txt", "sentence": HOSTILE, "start": 0, "end": len(HOSTILE)}],
    )
    rec.update(extra)
    return rec


RECORDS = [record("MRS1"), record("MRS2", modality="planned", lat=None), record("MRS3", event_date=None)]


def test_jsonl_is_exactly_the_contract_per_line(tmp_path: Path) -> None:
    out = tmp_path / "e.jsonl"
    extra = {**RECORDS[0], "internal": "dropped"}
    assert write_records([extra, *RECORDS[1:]], "jsonl", out) == 3
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == RECORDS
    assert list(json.loads(lines[0])) == list(CONTRACT_FIELDS)
    assert "دير الزور" in lines[0]  # not \u-escaped


def test_csv_round_trips_hostile_text(tmp_path: Path) -> None:
    out = tmp_path / "e.csv"
    assert write_records(RECORDS, "csv", out) == 3
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(CONTRACT_FIELDS)
    assert [r["event_id"] for r in rows] == ["MRS1", "MRS2", "MRS3"]
    assert rows[0]["notes"] == HOSTILE
    assert json.loads(rows[0]["evidence"]) == RECORDS[0]["evidence"]
    assert rows[1]["latitude"] == "" and rows[0]["fatalities"] == "3"


@pytest.mark.parametrize("fmt", ["csv", "acled-csv"])
def test_csv_formats_write_a_header_for_no_records(fmt: str) -> None:
    buf = io.StringIO()
    assert write_records([], fmt, buf) == 0
    assert len(list(csv.reader(io.StringIO(buf.getvalue())))) == 1


def test_geojson_has_one_point_per_located_record() -> None:
    buf = io.StringIO()
    assert write_records(RECORDS, "geojson", buf) == 2
    data = json.loads(buf.getvalue())
    assert data["type"] == "FeatureCollection"
    first = data["features"][0]
    assert first["geometry"] == {"type": "Point", "coordinates": [40.1, 35.3]}
    assert set(first["properties"]) == set(CONTRACT_FIELDS) - {"latitude", "longitude"}
    assert first["properties"]["evidence"] == RECORDS[0]["evidence"]
    assert [f["properties"]["event_id"] for f in data["features"]] == ["MRS1", "MRS3"]


def test_geojson_with_no_records_is_valid() -> None:
    buf = io.StringIO()
    write_records([], "geojson", buf)
    assert json.loads(buf.getvalue()) == {"type": "FeatureCollection", "features": []}


@pytest.mark.parametrize("as_stream", [False, True])
def test_parquet_reads_back(tmp_path: Path, as_stream: bool) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "e.parquet"
    if as_stream:
        with out.open("wb") as handle:
            assert write_records(iter(RECORDS), "parquet", handle) == 3
    else:
        assert write_records(iter(RECORDS), "parquet", out) == 3
    table = pq.read_table(out)
    assert table.column_names == list(CONTRACT_FIELDS)
    rows = table.to_pylist()
    assert rows[0]["evidence"] == RECORDS[0]["evidence"]
    assert rows[0]["event_date"].isoformat() == "2017-09-10" and rows[2]["event_date"] is None
    assert rows[0]["notes"] == HOSTILE and rows[1]["latitude"] is None


def test_empty_parquet_keeps_its_columns(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    write_records([], "parquet", tmp_path / "e.parquet")
    assert pq.read_table(tmp_path / "e.parquet").column_names == list(CONTRACT_FIELDS)


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "geojson", "acled-csv"])
def test_text_formats_go_to_stdout(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert write_records(RECORDS[:1], fmt, sys.stdout) == 1
    assert "MRS1" in capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_text_formats_go_to_a_binary_stream_as_utf8(fmt: str) -> None:
    buf = io.BytesIO()
    write_records(RECORDS, fmt, buf)
    assert "دير الزور" in buf.getvalue().decode("utf-8")


@pytest.mark.parametrize(
    ("fmt", "out", "message"),
    [
        ("xml", io.StringIO(), "unknown export format"),
        ("parquet", io.StringIO(), "binary"),
        ("jsonl", Path("/nonexistent-dir/e.jsonl"), "cannot write"),
    ],
)
def test_bad_options_are_option_errors(fmt: str, out: Any, message: str) -> None:
    with pytest.raises(OptionError, match=message):
        write_records(RECORDS, fmt, out)


def test_formats_are_the_documented_ones() -> None:
    assert FORMATS == ("jsonl", "csv", "geojson", "acled-csv", "parquet")
