"""Events from contract records, so a timeline can be built over the store as over extracted events."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from marsad.model.event import Event, Evidence


def event_from_record(rec: dict[str, Any]) -> Event:
    """The `Event` a contract record describes (the fields a timeline reads)."""
    evidence = [_evidence(e) for e in rec.get("evidence") or []]
    return Event(
        event_type=rec.get("event_type") or "",
        sub_event_type=rec.get("sub_event_type") or "",
        document=evidence[0].document if evidence else "",
        event_date=_date(rec.get("event_date")),
        date_start=_date(rec.get("date_start")),
        date_end=_date(rec.get("date_end")),
        time_precision=rec.get("time_precision"),
        actor1=rec.get("actor1") or "",
        actor2=rec.get("actor2") or "",
        country=rec.get("country") or "",
        admin1=rec.get("admin1") or "",
        location=rec.get("location") or "",
        latitude=rec.get("latitude"),
        longitude=rec.get("longitude"),
        geo_precision=rec.get("geo_precision"),
        source=rec.get("source") or "",
        modality=rec.get("modality") or "occurred",
        evidence=evidence,
        event_id=rec.get("event_id") or "",
    )


def events_from_records(records: Iterable[dict[str, Any]]) -> Iterator[Event]:
    """Events from a stream of contract records."""
    return (event_from_record(rec) for rec in records)


def events_from_store(path: str | Path) -> list[Event]:
    """Every event of a store, read-only (StoreError when there is no store at `path`)."""
    from marsad.store import Store

    with Store(path, read_only=True) as store:
        return list(events_from_records(store.iter_records()))


def _date(value: Any) -> date | None:
    """A record's ISO date (or date) as a date; None when absent or malformed."""
    if isinstance(value, date) or value is None:
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def _evidence(raw: dict[str, Any]) -> Evidence:
    """Evidence from its JSON object."""
    return Evidence(
        document=str(raw.get("document") or ""),
        sentence=str(raw.get("sentence") or ""),
        start=int(raw.get("start") or 0),
        end=int(raw.get("end") or 0),
    )
