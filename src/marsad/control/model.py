"""The control timeline: places, the changes of who held them, and the periods sources contest."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from marsad.services.gazetteer import distance_km
from marsad.services.placekey import fold, place_key, skeleton


@dataclass(frozen=True, slots=True)
class Site:
    """Where an event happened, as its record names and locates it."""

    name: str
    latitude: float | None = None
    longitude: float | None = None
    country: str = ""
    admin1: str = ""

    @property
    def key(self) -> str:
        """The loose name key that brings spellings of one place together."""
        return place_key(self.name) or fold(self.name)


@dataclass(frozen=True, slots=True)
class Observation:
    """One report that `controller` held a site from `day` on: a territorial event or a statement."""

    site: Site
    controller: str
    previous: str
    day: dt.date
    start: dt.date
    end: dt.date
    event_id: str
    document: str
    order: int
    basis: str


@dataclass(slots=True)
class Change:
    """A change of controller at a place, with the records and documents that report it."""

    date: dt.date
    date_start: dt.date
    date_end: dt.date
    controller: str
    previous: str
    event_ids: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    basis: list[str] = field(default_factory=list)

    def add(self, obs: Observation) -> None:
        """Count another report of this change (or of control confirmed) towards it."""
        for values, value in (
            (self.event_ids, obs.event_id),
            (self.documents, obs.document),
            (self.basis, obs.basis),
        ):
            if value and value not in values:
                values.append(value)

    def as_dict(self) -> dict[str, Any]:
        """The change as a JSON object."""
        return {
            "date": self.date.isoformat(),
            "date_start": self.date_start.isoformat(),
            "date_end": self.date_end.isoformat(),
            "controller": self.controller,
            "previous": self.previous or None,
            "event_ids": list(self.event_ids),
            "documents": list(self.documents),
            "basis": list(self.basis),
        }


@dataclass(slots=True)
class Contest:
    """A period in which sources disagree on who took a place: the competing changes as claims."""

    start: dt.date
    end: dt.date
    claims: list[Change] = field(default_factory=list)

    def covers(self, day: dt.date) -> bool:
        """True when `day` lies in the period."""
        return self.start <= day <= self.end

    def as_dict(self) -> dict[str, Any]:
        """The contested period as a JSON object."""
        claims = [
            {k: v for k, v in c.as_dict().items() if k in _CLAIM_KEYS}
            for c in sorted(self.claims, key=lambda c: (c.date, c.controller))
        ]
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "claims": claims}


_CLAIM_KEYS = ("controller", "date", "date_start", "date_end", "documents", "event_ids")


@dataclass(slots=True)
class PlaceTimeline:
    """One place and the ordered changes of who controlled it."""

    place: str
    latitude: float | None
    longitude: float | None
    country: str = ""
    admin1: str = ""
    changes: list[Change] = field(default_factory=list)
    contested: list[Contest] = field(default_factory=list)

    def change_at(self, day: dt.date) -> Change | None:
        """The change in force on `day`: the last one dated on or before it."""
        current = None
        for change in self.changes:
            if change.date > day:
                break
            current = change
        return current

    def controller_at(self, day: dt.date) -> str | None:
        """Who held the place on `day` by the ordered changes; None before the first one."""
        change = self.change_at(day)
        return change.controller if change else None

    def contested_at(self, day: dt.date) -> Contest | None:
        """The contested period covering `day`, if any."""
        return next((c for c in self.contested if c.covers(day)), None)

    def matches(self, name: str) -> bool:
        """True when `name` is a spelling of this place's name (loose key or consonant skeleton)."""
        key, mine = place_key(name), place_key(self.place)
        return bool(key) and (key == mine or (len(skeleton(key)) >= 3 and skeleton(key) == skeleton(mine)))

    def near(self, lat: float, lon: float, km: float) -> bool:
        """True when the place lies within `km` of (lat, lon)."""
        if self.latitude is None or self.longitude is None:
            return False
        return distance_km(self.latitude, self.longitude, lat, lon) <= km

    def as_dict(self, at: dt.date | None = None) -> dict[str, Any]:
        """The place as a JSON object; with `at`, also its controller then (and any contest)."""
        out: dict[str, Any] = {
            "place": self.place,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "country": self.country,
            "admin1": self.admin1,
            "changes": [c.as_dict() for c in self.changes],
            "contested": [c.as_dict() for c in self.contested],
        }
        if at is not None:
            out.update(self.state_at(at))
        return out

    def state_at(self, day: dt.date) -> dict[str, Any]:
        """`controller`, `since`, `previous` and `contested` (a period or None) on `day`."""
        change = self.change_at(day)
        contest = self.contested_at(day)
        return {
            "controller": change.controller if change else None,
            "since": change.date.isoformat() if change else None,
            "previous": (change.previous or None) if change else None,
            "contested_at": contest.as_dict() if contest else None,
        }


@dataclass(slots=True)
class Timeline:
    """The control timelines of all places, by place name."""

    places: list[PlaceTimeline] = field(default_factory=list)

    def find(
        self, name: str, near: tuple[float, float] | None = None, km: float = 10.0
    ) -> list[PlaceTimeline]:
        """Places whose name is a spelling of `name` or, with `near`, that lie within `km` of it."""
        found = [p for p in self.places if p.matches(name)]
        if near is not None:
            found += [p for p in self.places if p not in found and p.near(near[0], near[1], km)]
        return found

    def controller_at(self, place: str | PlaceTimeline, day: dt.date) -> str | None:
        """Who held a place (a timeline, or a name spelt any way) on `day`; None when unknown."""
        candidates = [place] if isinstance(place, PlaceTimeline) else self.find(place)
        for timeline in sorted(candidates, key=lambda p: -len(p.changes)):
            controller = timeline.controller_at(day)
            if controller:
                return controller
        return None

    def as_dicts(self, at: dt.date | None = None) -> list[dict[str, Any]]:
        """Every place as a JSON object; with `at`, only places with a known controller then."""
        places = self.places if at is None else [p for p in self.places if p.controller_at(at)]
        return [p.as_dict(at) for p in places]
