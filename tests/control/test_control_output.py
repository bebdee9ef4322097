"""JSON, GeoJSON and CSV shapes of a control timeline, with and without --at."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

import pytest

from marsad.control import Timeline, build_timeline, write_control
from marsad.errors import OptionError
from marsad.model import Event
from marsad.model.event import Evidence

GOV = "Military Forces of Syria (2000-2024)"
IS = "Islamic State (Syria)"
SDF = "QSD: Syrian Democratic Forces"


def ev(sub: str, actor1: str, actor2: str, day: str, place: tuple[str, float, float], n: int) -> Event:
    """An occurred territorial event at a place."""
    d = date.fromisoformat(day)
    event = Event(
        event_type="Battles",
        sub_event_type=sub,
        event_date=d,
        date_start=d,
        date_end=d,
        actor1=actor1,
        actor2=actor2,
        location=place[0],
        latitude=place[1],
        longitude=place[2],
        country="Syria",
        admin1="Deir-ez-Zor",
        evidence=[Evidence("r.txt", "A sentence.", n * 100, n * 100 + 11)],
        event_id=f"E{n}",
    )
    return event


@pytest.fixture
def timeline() -> Timeline:
    kamal, markada = ("Albu Kamal", 34.452, 40.918), ("Markadah", 35.746, 40.753)
    return build_timeline(
        [
            ev("Government regains territory", GOV, IS, "2017-11-08", kamal, 1),
            ev("Non-state actor overtakes territory", IS, GOV, "2017-11-09", kamal, 2),
            ev("Non-state actor overtakes territory", SDF, IS, "2017-11-09", markada, 3),
        ]
    )


def render(timeline: Timeline, fmt: str, at: date | None = None) -> str:
    out = io.StringIO()
    write_control(timeline, fmt, out, at=at)
    return out.getvalue()


def test_json_is_a_list_of_places_with_their_changes(timeline: Timeline) -> None:
    places = json.loads(render(timeline, "json"))
    assert [p["place"] for p in places] == ["Albu Kamal", "Markadah"]
    kamal = places[0]
    assert set(kamal) >= {"place", "latitude", "longitude", "country", "admin1", "changes", "contested"}
    assert (kamal["latitude"], kamal["longitude"], kamal["country"]) == (34.452, 40.918, "Syria")
    change = kamal["changes"][0]
    assert set(change) >= {
        "date",
        "date_start",
        "date_end",
        "controller",
        "previous",
        "event_ids",
        "documents",
    }
    assert (change["date"], change["controller"], change["previous"]) == ("2017-11-08", GOV, IS)
    assert change["event_ids"] == ["E1"] and change["documents"] == ["r.txt"]
    assert "controller" not in kamal


def test_json_at_a_date_gives_the_controller_and_drops_unknown_places(timeline: Timeline) -> None:
    places = json.loads(render(timeline, "json", at=date(2017, 11, 8)))
    assert [(p["place"], p["controller"], p["since"]) for p in places] == [("Albu Kamal", GOV, "2017-11-08")]
    later = json.loads(render(timeline, "json", at=date(2017, 11, 20)))
    assert [(p["place"], p["controller"]) for p in later] == [("Albu Kamal", IS), ("Markadah", SDF)]
    assert json.loads(render(timeline, "json", at=date(2017, 1, 1))) == []


def test_geojson_has_one_point_per_place(timeline: Timeline) -> None:
    data: dict[str, Any] = json.loads(render(timeline, "geojson"))
    assert data["type"] == "FeatureCollection"
    kamal = data["features"][0]
    assert kamal["geometry"] == {"type": "Point", "coordinates": [40.918, 34.452]}
    props = kamal["properties"]
    assert props["place"] == "Albu Kamal" and props["controller"] == IS
    assert [c["controller"] for c in props["changes"]] == [GOV, IS]
    at = json.loads(render(timeline, "geojson", at=date(2017, 11, 8)))
    assert len(at["features"]) == 1
    assert at["features"][0]["properties"]["controller"] == GOV
    assert "changes" not in at["features"][0]["properties"]


def test_csv_has_one_row_per_change(timeline: Timeline) -> None:
    rows = list(csv.DictReader(io.StringIO(render(timeline, "csv"))))
    assert list(rows[0])[:7] == [
        "place",
        "latitude",
        "longitude",
        "date",
        "date_start",
        "date_end",
        "controller",
    ]
    assert [(r["place"], r["date"], r["controller"], r["previous"], r["event_ids"]) for r in rows] == [
        ("Albu Kamal", "2017-11-08", GOV, IS, "E1"),
        ("Albu Kamal", "2017-11-09", IS, GOV, "E2"),
        ("Markadah", "2017-11-09", SDF, IS, "E3"),
    ]
    at = list(csv.DictReader(io.StringIO(render(timeline, "csv", at=date(2017, 11, 8)))))
    assert [(r["place"], r["controller"]) for r in at] == [("Albu Kamal", GOV)]


def test_unknown_format_is_refused(timeline: Timeline) -> None:
    with pytest.raises(OptionError):
        render(timeline, "kml")
