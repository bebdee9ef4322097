"""Whether two event records describe the same happening: pure functions over contract records.

Records are dicts shaped like `Event.to_record()` (dates as ISO strings or `date`s). Two records
match when their sub-event types are compatible, their dates agree within the dates' precision,
their places lie within `MAX_KM` (or share a location name) and their actors do not contradict.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any

MAX_KM = 25.0
_EARTH_KM = 6371.0
_KM_PER_DEGREE = 111.2
TERRITORIAL = frozenset(
    {
        "Government regains territory",
        "Non-state actor overtakes territory",
        "Non-violent transfer of territory",
    }
)
STRIKES = frozenset({"Air/drone strike", "Shelling/artillery/missile attack"})


def day(value: Any) -> date | None:
    """Return a record's date value as a `date` (from an ISO string or a date), or None."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        return date.fromisoformat(value[:10])
    return None


def date_range(rec: dict[str, Any]) -> tuple[date, date] | None:
    """Return the days a record's date allows (date_start..date_end, else the event date), or None."""
    when = day(rec.get("event_date"))
    start = day(rec.get("date_start")) or when
    end = day(rec.get("date_end")) or when
    if start is None or end is None:
        return None
    return (start, end) if start <= end else (end, start)


def dates_match(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """True when two day-precise dates lie within a day, or when the other dates' ranges overlap."""
    if a.get("time_precision") == 1 and b.get("time_precision") == 1:
        da, db = day(a.get("event_date")), day(b.get("event_date"))
        return da is not None and db is not None and abs((da - db).days) <= 1
    ra, rb = date_range(a), date_range(b)
    if ra is None or rb is None:
        return False
    return ra[0] <= rb[1] and rb[0] <= ra[1]


def types_match(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """True for the same event type, two territorial types, or a strike within a battle."""
    sa, sb = str(a.get("sub_event_type") or ""), str(b.get("sub_event_type") or "")
    ta, tb = str(a.get("event_type") or ""), str(b.get("event_type") or "")
    if ta and ta == tb:
        return True
    if sa in TERRITORIAL and sb in TERRITORIAL:
        return True
    return (ta == "Battles" and sb in STRIKES) or (tb == "Battles" and sa in STRIKES)


def distance_km(a: dict[str, Any], b: dict[str, Any]) -> float | None:
    """Return the great-circle distance between two records' points in km, or None without both."""
    coords = (a.get("latitude"), a.get("longitude"), b.get("latitude"), b.get("longitude"))
    if any(c is None for c in coords):
        return None
    lat1, lon1, lat2, lon2 = (math.radians(float(c)) for c in coords)  # type: ignore[arg-type]
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def places_match(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """True when the places are within MAX_KM of each other or carry the same location name."""
    name_a = str(a.get("location") or "").strip().casefold()
    if name_a and name_a == str(b.get("location") or "").strip().casefold():
        return True
    km = distance_km(a, b)
    return km is not None and km <= MAX_KM


def actor_set(rec: dict[str, Any]) -> frozenset[str]:
    """Return the side-1 actors of a record: actor1 and its associated actors, casefolded."""
    assoc = rec.get("assoc_actor_1") or []
    names = assoc.split(";") if isinstance(assoc, str) else list(assoc)
    names.append(rec.get("actor1") or "")
    # ACLED's 'Unidentified Armed Group (X)' says the report named no perpetrator: it contradicts no one
    return frozenset(
        n.strip().casefold() for n in names if n and n.strip() and not n.strip().startswith("Unidentified")
    )


def actors_match(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """True when the side-1 actors do not contradict: one side is unknown or they share an actor."""
    sa, sb = actor_set(a), actor_set(b)
    return not sa or not sb or bool(sa & sb)


def same_event(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """True when two occurred records describe the same happening."""
    return types_match(a, b) and dates_match(a, b) and places_match(a, b) and actors_match(a, b)


def closeness(a: dict[str, Any], b: dict[str, Any]) -> tuple[int, float, int]:
    """A sort key among matches: fewer days apart, then nearer, then same sub-event type first."""
    da, db = day(a.get("event_date")), day(b.get("event_date"))
    days = abs((da - db).days) if da and db else 99
    km = distance_km(a, b)
    same_sub = 0 if a.get("sub_event_type") == b.get("sub_event_type") else 1
    return days, km if km is not None else MAX_KM, same_sub


def search_window(rec: dict[str, Any]) -> dict[str, Any] | None:
    """Return the SQL search window of a record: a day range and a lat/lon box (None without a date)."""
    span = date_range(rec)
    if span is None:
        return None
    window: dict[str, Any] = {
        "first": span[0] - timedelta(days=1),
        "last": span[1] + timedelta(days=1),
        "location": str(rec.get("location") or "").strip().casefold(),
        "box": None,
    }
    lat, lon = rec.get("latitude"), rec.get("longitude")
    if lat is not None and lon is not None:
        dlat = MAX_KM / _KM_PER_DEGREE
        dlon = MAX_KM / (_KM_PER_DEGREE * max(0.01, math.cos(math.radians(float(lat)))))
        window["box"] = (float(lat) - dlat, float(lat) + dlat, float(lon) - dlon, float(lon) + dlon)
    return window
