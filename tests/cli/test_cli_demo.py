"""`marsad demo`: the bundled corpus ingested, exported as ACLED CSV and GeoJSON, and tabulated."""

from __future__ import annotations

import contextlib
import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from marsad.cli.main import main

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out_dir = tmp_path_factory.mktemp("demo-run") / "demo"
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        status = main(["demo", "--out", str(out_dir), "--quiet"])
    return {"status": status, "out": out_dir, "stdout": stdout.getvalue(), "stderr": stderr.getvalue()}


def test_demo_succeeds(demo: dict[str, Any]) -> None:
    assert demo["status"] == 0, demo["stderr"]
    assert "Traceback" not in demo["stderr"]


def test_demo_writes_both_files(demo: dict[str, Any]) -> None:
    out: Path = demo["out"]
    assert (out / "events.csv").is_file()
    assert (out / "events.geojson").is_file()


def test_demo_prints_a_table_of_the_events(demo: dict[str, Any]) -> None:
    lines = demo["stdout"].splitlines()
    assert lines
    header = lines[0]
    assert "event_date" in header
    assert "sub_event_type" in header
    rows = list(csv.DictReader((demo["out"] / "events.csv").open(encoding="utf-8")))
    # one table line per event: each event's date opens a line of the table
    for row in rows:
        assert any(line.startswith(row["event_date"]) for line in lines[2:]), row["event_id_cnty"]
    assert f"{len(rows)} events" in demo["stdout"]


def test_demo_csv_has_at_least_eight_events(demo: dict[str, Any]) -> None:
    with (demo["out"] / "events.csv").open(encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames and reader.fieldnames[0] == "event_id_cnty"
        rows = list(reader)
    assert len(rows) >= 8
    assert all(row["event_id_cnty"] and row["event_type"] for row in rows)


def test_demo_geojson_is_a_feature_collection(demo: dict[str, Any]) -> None:
    data = json.loads((demo["out"] / "events.geojson").read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    assert isinstance(data["features"], list)


def test_demo_geojson_has_located_features(demo: dict[str, Any]) -> None:
    """Needs the geocoder: every feature a point with coordinates in range."""
    data = json.loads((demo["out"] / "events.geojson").read_text(encoding="utf-8"))
    assert len(data["features"]) >= 1
    for feature in data["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
