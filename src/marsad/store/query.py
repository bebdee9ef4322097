"""Filters over the reviewed events, shared by the web view's API and `marsad export`.

One `EventFilter` is parsed from query parameters (`country`, `from`, `to`, `type`, `sub-type`,
`actor`, `source`, `modality`, `bbox`, and the map's `place` and `review`), or from the export's
options turned into the same parameters, so a download and an export with the same filters select
the same rows. Values reach SQL only as parameters; column names come from this module.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from marsad.store.reviews import _EVIDENCE, _RECORD_COLUMNS, REVIEWED_EVENTS, record_of_row

REVIEW_STATES = ("unreviewed", "accepted", "edited", "rejected")
# each filter's parameter names: the first is the documented one, the others are accepted too
PARAMETERS: dict[str, tuple[str, ...]] = {
    "country": ("country",),
    "start": ("from", "start"),
    "end": ("to", "end"),
    "event_type": ("type", "event_type"),
    "sub_event_type": ("sub-type", "sub_event_type"),
    "actor": ("actor",),
    "source": ("source",),
    "modality": ("modality",),
    "bbox": ("bbox",),
    "place": ("place",),
    "review": ("review",),
}
_BATCH = 500


class FilterError(ValueError):
    """A filter value that cannot be used (the web view answers 400, the command line status 2)."""


@dataclass
class EventFilter:
    """Which reviewed events to read; an empty field does not filter."""

    bbox: tuple[float, float, float, float] | None = None
    start: date | None = None
    end: date | None = None
    event_type: list[str] = field(default_factory=list)
    sub_event_type: list[str] = field(default_factory=list)
    country: list[str] = field(default_factory=list)
    actor: str = ""
    source: list[str] = field(default_factory=list)
    place: str = ""
    modality: list[str] = field(default_factory=list)
    review: list[str] = field(default_factory=list)


def values(query: Mapping[str, Sequence[str]], *names: str) -> list[str]:
    """Every non-empty value of any of these parameters, in order."""
    return [v.strip() for name in names for v in query.get(name, []) if v and v.strip()]


def one(query: Mapping[str, Sequence[str]], *names: str) -> str:
    """The last non-empty value of these parameters, or ''."""
    found = values(query, *names)
    return found[-1] if found else ""


def parse_day(value: str, name: str) -> date | None:
    """A YYYY-MM-DD parameter."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise FilterError(f"{name}: {value[:40]!r} is not a date (YYYY-MM-DD)") from None


def parse_bbox(value: str) -> tuple[float, float, float, float] | None:
    """`west,south,east,north` in degrees (None for the whole world)."""
    if not value:
        return None
    try:
        parts = tuple(float(p) for p in value.split(","))
    except ValueError:
        raise FilterError(f"bbox: {value[:60]!r} is not west,south,east,north") from None
    if len(parts) != 4 or not all(math.isfinite(p) for p in parts):
        raise FilterError("bbox: give four numbers, west,south,east,north")
    west, south, east, north = parts
    if south > north:
        raise FilterError("bbox: south is above north")
    clamp = (max(-180.0, west), max(-90.0, south), min(180.0, east), min(90.0, north))
    if west < -180 or east > 180 or east - west >= 360:
        return None if east - west >= 360 else clamp
    return west, south, east, north


def filter_fields(query: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    """The EventFilter fields of query parameters (as `urllib.parse.parse_qs` gives them)."""
    p = PARAMETERS
    review = values(query, *p["review"])
    if any(r not in REVIEW_STATES for r in review):
        raise FilterError(f"review: choose among {', '.join(REVIEW_STATES)}")
    start = parse_day(one(query, *p["start"]), "from")
    end = parse_day(one(query, *p["end"]), "to")
    if start and end and start > end:
        raise FilterError(f"from ({start}) is after to ({end})")
    return {
        "bbox": parse_bbox(one(query, *p["bbox"])),
        "start": start,
        "end": end,
        "event_type": values(query, *p["event_type"]),
        "sub_event_type": values(query, *p["sub_event_type"]),
        "country": values(query, *p["country"]),
        "actor": one(query, *p["actor"])[:200],
        "source": values(query, *p["source"]),
        "place": one(query, *p["place"])[:200],
        "modality": values(query, *p["modality"]),
        "review": review,
    }


def parse_filter(query: Mapping[str, Sequence[str]]) -> EventFilter:
    """An EventFilter from query parameters."""
    return EventFilter(**filter_fields(query))


def _like(text: str) -> str:
    """A case-insensitive substring pattern with LIKE's wildcards taken literally."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def where(filters: EventFilter, *, dates: bool = True) -> tuple[str, list[Any]]:
    """The WHERE clause (over the reviewed events `e`) and its parameters."""
    clauses: list[str] = []
    params: list[Any] = []
    if filters.bbox:
        west, south, east, north = filters.bbox
        clauses.append("e.latitude BETWEEN ? AND ?")
        params += [south, north]
        if west <= east:
            clauses.append("e.longitude BETWEEN ? AND ?")
            params += [west, east]
        else:  # across the antimeridian
            clauses.append("(e.longitude >= ? OR e.longitude <= ?)")
            params += [west, east]
    if dates and filters.start:
        clauses.append("e.event_date >= ?")
        params.append(filters.start)
    if dates and filters.end:
        clauses.append("e.event_date <= ?")
        params.append(filters.end)
    for column, chosen in (
        ("event_type", filters.event_type),
        ("sub_event_type", filters.sub_event_type),
        ("source", filters.source),
        ("modality", filters.modality),
    ):
        if chosen:
            clauses.append(f"list_contains(?, e.{column})")
            params.append(chosen)
    if filters.country:  # a country's name, any case
        clauses.append("list_contains(?, lower(e.country))")
        params.append([c.lower() for c in filters.country])
    if filters.actor:
        pattern = _like(filters.actor)
        clauses.append(
            "(e.actor1 ILIKE ? ESCAPE '\\' OR e.actor2 ILIKE ? ESCAPE '\\' "
            "OR e.assoc_actor_1 ILIKE ? ESCAPE '\\' OR e.assoc_actor_2 ILIKE ? ESCAPE '\\')"
        )
        params += [pattern] * 4
    if filters.place:
        pattern = _like(filters.place)
        clauses.append(
            "(e.location ILIKE ? ESCAPE '\\' OR e.admin1 ILIKE ? ESCAPE '\\' OR e.admin2 ILIKE ? ESCAPE '\\')"
        )
        params += [pattern] * 3
    if filters.review:
        clauses.append("list_contains(?, coalesce(e.review_status, 'unreviewed'))")
        params.append(filters.review)
    return (" AND ".join(clauses) or "TRUE"), params


def iter_filtered_records(con: Any, filters: EventFilter) -> Iterator[dict[str, Any]]:
    """Yield the reviewed contract records that pass the filters, rejected events left out, by date
    then id (as `Store.iter_records`, whose modality is here `filters.modality`)."""
    clause, params = where(filters)
    sql = (
        "SELECT "
        + ", ".join(f'e."{name}"' for name in _RECORD_COLUMNS)
        + f", {_EVIDENCE} FROM {REVIEWED_EVENTS} e WHERE coalesce(e.review_status, '') <> 'rejected' "
        + f"AND {clause} ORDER BY e.event_date NULLS LAST, e.event_id"
    )
    cursor = con.cursor()
    try:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(_BATCH):
            yield from (record_of_row(row) for row in rows)
    finally:
        cursor.close()
