"""ACLED's own CSV layout: its column names, in its order, with the columns marsad derives.

Only records whose modality is `occurred` are ACLED events; the others are left out.
`disorder_type` follows from the event type, `region` from a small table of countries,
`source_scale` and `tags` stay empty, and `timestamp` is the time of the export.
"""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Iterable
from typing import Any, TextIO

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

# marsad's trailing columns for fused records, after ACLED's
FUSED_COLUMNS: tuple[str, ...] = ("claims", "conflicts")

DISORDER_TYPES: dict[str, str] = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
# sub-event types ACLED files under two disorder types at once
MIXED_DISORDER: dict[str, str] = {"Excessive force against protesters": "Political violence; Demonstrations"}

# ACLED's regions for the countries marsad meets most: region -> {ISO 3166 numeric: ACLED name}
REGIONS: dict[str, dict[int, str]] = {
    "Middle East": {
        760: "Syria",
        368: "Iraq",
        422: "Lebanon",
        400: "Jordan",
        792: "Turkey",
        364: "Iran",
        887: "Yemen",
        376: "Israel",
        275: "Palestine",
        682: "Saudi Arabia",
        414: "Kuwait",
        48: "Bahrain",
        634: "Qatar",
        784: "United Arab Emirates",
        512: "Oman",
    },
    "Northern Africa": {
        818: "Egypt",
        434: "Libya",
        788: "Tunisia",
        12: "Algeria",
        504: "Morocco",
        729: "Sudan",
    },
    "Caucasus and Central Asia": {51: "Armenia", 31: "Azerbaijan", 268: "Georgia"},
    "South Asia": {4: "Afghanistan", 586: "Pakistan", 356: "India", 50: "Bangladesh"},
    "Eastern Africa": {404: "Kenya", 231: "Ethiopia", 706: "Somalia", 728: "South Sudan"},
    "Europe": {804: "Ukraine", 643: "Russia"},
}
# other spellings of those countries (ISO and UN names)
_ALIASES: dict[str, str] = {
    "syrian arab republic": "Syria",
    "iran, islamic republic of": "Iran",
    "türkiye": "Turkey",
    "turkiye": "Turkey",
    "palestine, state of": "Palestine",
    "israel/palestine": "Palestine",
    "russian federation": "Russia",
}


def region_of(country: str, iso: int | None = None) -> str:
    """Return ACLED's region for a country (by ISO numeric code, else by name), or ''."""
    for region, members in REGIONS.items():
        if iso in members:
            return region
    name = _ALIASES.get(country.strip().lower(), country.strip())
    for region, members in REGIONS.items():
        if name.lower() in (member.lower() for member in members.values()):
            return region
    return ""


def disorder_type(event_type: str, sub_event_type: str) -> str:
    """Return ACLED's disorder type for an event type and sub-event type, or ''."""
    return MIXED_DISORDER.get(sub_event_type) or DISORDER_TYPES.get(event_type, "")


def acled_row(rec: dict[str, Any], timestamp: int) -> dict[str, Any]:
    """Return the ACLED row for one contract record."""
    row = {name: rec.get(name) for name in ACLED_COLUMNS}
    date = str(rec.get("event_date") or "")
    row.update(
        event_id_cnty=rec.get("event_id"),
        year=int(date[:4]) if date[:4].isdigit() else None,
        disorder_type=disorder_type(str(rec.get("event_type") or ""), str(rec.get("sub_event_type") or "")),
        assoc_actor_1=_joined(rec.get("assoc_actor_1")),
        assoc_actor_2=_joined(rec.get("assoc_actor_2")),
        region=region_of(str(rec.get("country") or ""), rec.get("iso")),
        source_scale="",
        fatalities=int(rec.get("fatalities") or 0),
        tags="",
        timestamp=timestamp,
    )
    return row


# what a spreadsheet reads as the start of a formula (OWASP, "CSV Injection")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(row: dict[str, Any]) -> dict[str, Any]:
    """The row with each text cell that a spreadsheet would run as a formula (one beginning with
    =, +, -, @, a tab or a carriage return) prefixed with a single quote, as OWASP advises.
    Numbers are not text: a longitude of -3.2 stays a number."""
    return {name: _neutral(value) for name, value in row.items()}


def _neutral(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _joined(value: Any) -> str:
    """Return associated actors as ACLED writes them: one string, '; ' between names."""
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    return str(value or "")


def write_acled_csv(records: Iterable[dict[str, Any]], out: TextIO, fused: bool = False) -> int:
    """Write the `occurred` records as ACLED CSV (header always); return the rows written.

    With `fused`, ACLED's columns come first and `claims` and `conflicts` follow as JSON text.
    """
    fields = ACLED_COLUMNS + FUSED_COLUMNS if fused else ACLED_COLUMNS
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    stamp = int(time.time())
    count = 0
    for rec in records:
        if rec.get("modality") != "occurred":
            continue
        row = acled_row(rec, stamp)
        if fused:
            row.update({name: json.dumps(rec.get(name) or [], ensure_ascii=False) for name in FUSED_COLUMNS})
        writer.writerow(csv_safe(row))
        count += 1
    return count
