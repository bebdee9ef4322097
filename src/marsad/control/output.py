"""Write a control timeline as JSON, GeoJSON or CSV."""

from __future__ import annotations

import csv
import json
from datetime import date
from typing import Any, TextIO

from marsad.control.model import Change, PlaceTimeline, Timeline
from marsad.errors import OptionError

FORMATS: tuple[str, ...] = ("json", "geojson", "csv")
CSV_COLUMNS: tuple[str, ...] = (
    "place",
    "latitude",
    "longitude",
    "date",
    "date_start",
    "date_end",
    "controller",
    "previous",
    "event_ids",
    "documents",
)


def write_control(timeline: Timeline, fmt: str, out: TextIO, at: date | None = None) -> int:
    """Write the timeline in `fmt` (one of FORMATS); return the places (or CSV rows) written."""
    if fmt == "json":
        return write_json(timeline, out, at)
    if fmt == "geojson":
        return write_geojson(timeline, out, at)
    if fmt == "csv":
        return write_csv(timeline, out, at)
    raise OptionError(f"unknown control format {fmt!r}; choose one of {', '.join(FORMATS)}")


def write_json(timeline: Timeline, out: TextIO, at: date | None = None) -> int:
    """A JSON list of places with their changes (and, with `at`, their controller then)."""
    places = timeline.as_dicts(at)
    json.dump(places, out, ensure_ascii=False, indent=2)
    out.write("\n")
    return len(places)


def _properties(place: PlaceTimeline, at: date | None) -> dict[str, Any]:
    """A place's GeoJSON properties: its changes, or its controller on `at`."""
    props = place.as_dict(at)
    for name in ("latitude", "longitude"):
        props.pop(name)
    if at is not None:
        props.pop("changes")
        props.pop("contested")
    else:
        last = place.changes[-1] if place.changes else None
        props["controller"] = last.controller if last else None
    return props


def write_geojson(timeline: Timeline, out: TextIO, at: date | None = None) -> int:
    """A FeatureCollection with one Point per located place."""
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [p.longitude, p.latitude]},
            "properties": _properties(p, at),
        }
        for p in timeline.places
        if p.latitude is not None and p.longitude is not None and (at is None or p.controller_at(at))
    ]
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)


def _row(place: PlaceTimeline, change: Change) -> dict[str, Any]:
    """One CSV row: a change at a place."""
    data = change.as_dict()
    return {
        "place": place.place,
        "latitude": place.latitude,
        "longitude": place.longitude,
        **{k: data[k] for k in ("date", "date_start", "date_end", "controller")},
        "previous": change.previous,
        "event_ids": ";".join(change.event_ids),
        "documents": ";".join(change.documents),
    }


def write_csv(timeline: Timeline, out: TextIO, at: date | None = None) -> int:
    """One row per change; with `at`, one row per place: the change in force that day."""
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for place in timeline.places:
        changes = place.changes if at is None else [c for c in [place.change_at(at)] if c]
        for change in changes:
            writer.writerow(_row(place, change))
            count += 1
    return count
