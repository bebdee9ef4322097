"""Gold events to score marsad against: an ACLED export's rows (each with its note) or JSON lines.

An ACLED export is read in either of ACLED's schemas: the current one (lower-case headers with
`sub_event_type`) and the older one (no `sub_event_type`, older event-type names, upper- or
lower-case headers, `ally_actor_N`). A file without an `actor2` column is scored on actor1 only.
Nothing read here is kept: the export is the user's own, read in place.

A gold JSON line is `{"document": ID, "event_date": "YYYY-MM-DD", "event_type", "sub_event_type",
"actor1", "actor2", "latitude", "longitude", "geo_precision", "fatalities"}` ("id" may stand for
"document"); every field but the document is optional and a field left out is not scored.
"""

from __future__ import annotations

import csv
import json
import random
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from marsad.errors import InputError
from marsad.model.taxonomy import EVENT_TYPES, SUB_EVENT_TYPES

# ACLED's older event types, as the current event types they became
OLD_EVENT_TYPES: dict[str, frozenset[str]] = {
    "battle-no change of territory": frozenset({"Battles"}),
    "battle-government regains territory": frozenset({"Battles"}),
    "battle-non-state actor overtakes territory": frozenset({"Battles"}),
    "remote violence": frozenset({"Explosions/Remote violence"}),
    "riots/protests": frozenset({"Protests", "Riots"}),
    "strategic development": frozenset({"Strategic developments"}),
    "headquarters or base established": frozenset({"Strategic developments"}),
    "non-violent transfer of territory": frozenset({"Strategic developments"}),
}
_CURRENT = {name.lower(): name for name in EVENT_TYPES}

# the date forms ACLED exports are found in: '21 March 2020', '2016-07-02', '5-Aug-24', '31-12-19',
# '01-January-2015', '21/03/2020'
_DATE_FORMATS = (
    "%d %B %Y",
    "%Y-%m-%d",
    "%d-%b-%y",
    "%d-%m-%y",
    "%d-%B-%Y",
    "%d/%m/%Y",
    "%m/%d/%Y",
    "%d %b %Y",
)

# what ACLED appends to or puts before some notes: a size tag, and its own label ('Movement of
# forces: On ...'), which would give the answer away
_SIZE_TAG = re.compile(r"\s*\[size=[^\]]*\]\s*$")
_LABEL = re.compile(r"^[A-Z][A-Za-z /-]{2,60}:\s+(?=[Oo]n |Around |Between |As |During |From |In |Since )")

DEFAULT_SEED = 7


@dataclass(frozen=True)
class GoldEvent:
    """One hand-coded event. A field that is None is not scored."""

    document: str
    event_type: str | None = None
    sub_event_type: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    event_date: date | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    fatalities: int | None = None

    @property
    def event_types(self) -> frozenset[str]:
        """The current event types that count as this event's (an older type may stand for two)."""
        if self.sub_event_type in SUB_EVENT_TYPES:
            return frozenset({SUB_EVENT_TYPES[self.sub_event_type]})
        if not self.event_type:
            return frozenset()
        low = self.event_type.lower()
        if low in _CURRENT:
            return frozenset({_CURRENT[low]})
        if low in OLD_EVENT_TYPES:
            return OLD_EVENT_TYPES[low]
        if low.startswith("battle"):  # the older battle types, however spelt ('Battle-Non-state actors ...')
            return frozenset({"Battles"})
        return frozenset({self.event_type})

    @property
    def label(self) -> str | None:
        """The type the per-type scores are kept under: the sub-event type, else the event type."""
        return self.sub_event_type or self.event_type


@dataclass(frozen=True)
class Note:
    """An ACLED row: its note, to be coded as one document, and its coded fields as the gold."""

    text: str
    published: date | None
    gold: GoldEvent


def parse_acled_date(value: str) -> date | None:
    """A date in any of the forms ACLED exports are found in, or None."""
    value = (value or "").strip()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def note_text(notes: str) -> str:
    """The note as a report: ACLED's size tag and leading label (the answer itself) removed."""
    return _LABEL.sub("", _SIZE_TAG.sub("", notes).strip())


def read_acled(
    path: str | Path, *, limit: int | None = None, sample: int | None = None, seed: int = DEFAULT_SEED
) -> list[Note]:
    """The rows of an ACLED export that have a note, in file order: the first `limit` of them, then
    `sample` of those drawn at random with `seed` (as `random.Random(seed).sample` draws them).

    Raises InputError naming the file when it is missing, unreadable or not an ACLED export."""
    name = str(path)
    rows = _csv_rows(Path(path))
    notes = [row for row in rows if note_text(row.get("notes", ""))]
    if limit is not None:
        notes = notes[:limit]
    if sample is not None and len(notes) > sample:
        notes = random.Random(seed).sample(notes, sample)
    out: list[Note] = []
    used: set[str] = set()
    for index, row in enumerate(notes):
        event_id = row.get("event_id_cnty") or row.get("data_id") or str(index + 1)
        doc_id = f"acled-{event_id}"
        if doc_id in used:  # the same id twice in an export: keep each note apart
            doc_id = f"{doc_id}#{index + 1}"
        used.add(doc_id)
        event_date = parse_acled_date(row.get("event_date", ""))
        gold = GoldEvent(
            document=doc_id,
            event_type=row.get("event_type") or None,
            sub_event_type=row.get("sub_event_type") or None,
            actor1=row.get("actor1") or None,
            actor2=row.get("actor2") or None,
            event_date=event_date,
            latitude=_float(row.get("latitude")),
            longitude=_float(row.get("longitude")),
            geo_precision=_int(row.get("geo_precision")),
            fatalities=_int(row.get("fatalities")),
        )
        out.append(Note(text=note_text(row["notes"]), published=event_date, gold=gold))
    if not out:
        raise InputError(name, "no row has a note (the notes column is empty)")
    return out


def _csv_rows(path: Path) -> list[dict[str, str]]:
    """The rows of an ACLED CSV with lower-case keys, `ally_actor_N` read as `assoc_actor_N`."""
    name = str(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            headers = {(h or "").strip().lower() for h in reader.fieldnames or ()}
            if not headers:
                raise InputError(name, "empty file: expected an ACLED export (CSV with a header row)")
            missing = [col for col in ("notes", "event_type") if col not in headers]
            if missing:
                raise InputError(
                    name, f"not an ACLED export: no {' or '.join(missing)} column in the header row"
                )
            rows = []
            for raw in reader:
                row = {
                    (k or "").strip().lower(): (v or "").strip() for k, v in raw.items() if isinstance(v, str)
                }
                for side in ("1", "2"):
                    if f"ally_actor_{side}" in row and f"assoc_actor_{side}" not in row:
                        row[f"assoc_actor_{side}"] = row[f"ally_actor_{side}"]
                rows.append(row)
            return rows
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except IsADirectoryError:
        raise InputError(name, "is a directory, not an ACLED CSV file") from None
    except UnicodeDecodeError:
        raise InputError(name, "not UTF-8 text: expected an ACLED export (CSV)") from None
    except csv.Error as err:
        raise InputError(name, f"malformed CSV: {err}") from None
    except OSError as err:
        raise InputError(name, err.strerror or str(err)) from None


def read_gold(path: str | Path) -> list[GoldEvent]:
    """The gold events of a JSON-lines file, in file order.

    Raises InputError naming the file (and the line) when it is missing, unreadable or malformed."""
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except IsADirectoryError:
        raise InputError(name, "is a directory, not a JSON-lines file of gold records") from None
    except UnicodeDecodeError:
        raise InputError(name, "not UTF-8 text: expected JSON lines of gold records") from None
    except OSError as err:
        raise InputError(name, err.strerror or str(err)) from None
    golds = list(_gold_lines(text.split("\n"), name))
    if not golds:
        raise InputError(name, "no gold records (expected one JSON object per line)")
    return golds


def _gold_lines(lines: Iterable[str], name: str) -> Iterator[GoldEvent]:
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise InputError(where, f"not valid JSON ({err.msg})") from None
        try:
            yield gold_event(record)
        except ValueError as err:
            raise InputError(where, str(err)) from None


def gold_event(record: Any) -> GoldEvent:
    """A gold event from one decoded JSON record; ValueError says what is wrong with it."""
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    document = record.get("document", record.get("id"))
    if isinstance(document, bool) or not isinstance(document, str | int) or not str(document).strip():
        raise ValueError('no "document" (the id of the input document the event is coded from)')
    sub = _text(record, "sub_event_type")
    if sub is not None and sub not in SUB_EVENT_TYPES:
        raise ValueError(f'"sub_event_type" {sub!r} is not one of ACLED\'s sub-event types')
    event_type = _text(record, "event_type") or (SUB_EVENT_TYPES[sub] if sub else None)
    raw_date = _text(record, "event_date")
    event_date = None
    if raw_date is not None:
        try:
            event_date = date.fromisoformat(raw_date[:10])
        except ValueError:
            raise ValueError(f'"event_date" {raw_date!r} is not a date in YYYY-MM-DD form') from None
    lat, lon = _number(record, "latitude"), _number(record, "longitude")
    if (lat is None) != (lon is None):
        raise ValueError('"latitude" and "longitude" go together: give both or neither')
    precision, fatalities = _number(record, "geo_precision"), _number(record, "fatalities")
    return GoldEvent(
        document=str(document).strip(),
        event_type=event_type,
        sub_event_type=sub,
        actor1=_text(record, "actor1"),
        actor2=_text(record, "actor2"),
        event_date=event_date,
        latitude=lat,
        longitude=lon,
        geo_precision=int(precision) if precision is not None else None,
        fatalities=int(fatalities) if fatalities is not None else None,
    )


def _text(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f'"{key}" is not a string')
    return value.strip() or None


def _number(record: dict[str, Any], key: str) -> float | None:
    value = record.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(f'"{key}" is not a number')
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ValueError(f'"{key}" is not a number: {value!r}') from None


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    number = _float(value)
    return int(number) if number is not None else None
