"""The event record: ACLED's columns, marsad's own fields, and the evidence behind them."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

# The record contract (DESIGN.md, "The event record"), in output order.
CONTRACT_FIELDS: tuple[str, ...] = (
    "event_id",
    "event_date",
    "time_precision",
    # the range the date expression allows (issue on time): event_date lies in it
    "date_start",
    "date_end",
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
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "wounded",
    "captured",
    "modality",
    "claimant",
    "evidence",
    "confidence",
)


# the fields that place an event, which move together when one telling's place replaces another's
PLACE_FIELDS: tuple[str, ...] = tuple(
    CONTRACT_FIELDS[CONTRACT_FIELDS.index("iso") : CONTRACT_FIELDS.index("geo_precision") + 1]
)


@dataclass(frozen=True, slots=True)
class Evidence:
    """A sentence an event was read from: its document, its text and its offsets there."""

    document: str
    sentence: str
    start: int
    end: int

    def as_dict(self) -> dict[str, Any]:
        """Return the evidence as the record's JSON object."""
        return {"document": self.document, "sentence": self.sentence, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Trigger:
    """The words that made the extractor propose an event, and the rule that matched them."""

    start: int
    end: int
    text: str
    rule: str
    sentence: int


@dataclass(slots=True)
class Event:
    """One event record as stages build it: created by the event stage, completed by the others.

    Fields named like ACLED's columns are those columns. Stages after extraction fill the date
    (time), the place (geocode) and the canonical actors (actors); `to_record` renders the contract.
    """

    event_type: str
    sub_event_type: str
    document: str = ""
    trigger: Trigger | None = None
    event_date: date | None = None
    date_start: date | None = None
    date_end: date | None = None
    time_precision: int | None = None
    actor1: str = ""
    assoc_actor_1: list[str] = field(default_factory=list)
    inter1: int | None = None
    actor2: str = ""
    assoc_actor_2: list[str] = field(default_factory=list)
    inter2: int | None = None
    interaction: int | None = None
    civilian_targeting: str = ""
    iso: int | None = None
    country: str = ""
    admin1: str = ""
    admin2: str = ""
    admin3: str = ""
    location: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    source: str = ""
    notes: str = ""
    fatalities: int | None = None
    wounded: int | None = None
    captured: int | None = None
    modality: str = "occurred"
    claimant: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.5
    # the actors behind actor1/actor2 and the associated actors, as keys of the actor lexicon;
    # the actors stage turns them into names
    actor1_keys: list[str] = field(default_factory=list)
    actor2_keys: list[str] = field(default_factory=list)
    assoc1_keys: list[str] = field(default_factory=list)
    assoc2_keys: list[str] = field(default_factory=list)
    # document offsets of the phrase that names the event's place, when the parse tells it
    # ("liberated X and Y" gives one event per place); the geocoder looks there first
    place_span: tuple[int, int] | None = None
    # the trigger is a definite event noun ('the attack'): it may tell again an event told before
    anaphoric: bool = False
    # the trigger is an event noun told as one more ('another attack', 'a second blast'): an event
    # of its own, never a telling of one told before
    another: bool = False
    # the trigger is the support of another event of its sentence ('backed by Russian air strikes')
    supporting: bool = False
    event_id: str = ""
    # the learned scorer (stage `subtype.v1`): the rules' sub-event type, the model's best among the
    # types the rules' choice allows, the probability of the type kept, and the scorer's name
    rule_sub_event_type: str = ""
    model_sub_event_type: str = ""
    model_confidence: float | None = None
    scorer: str = ""

    def assign_id(self, content_hash: str = "", ordinal: int = 0) -> str:
        """Give the event a stable id from its document (its content hash and id), trigger and
        type; `ordinal` tells apart events of one document that share all three. Return it.

        Within a document, `assign_ids` picks the ordinals so that no two events share an id."""
        anchor = f"{self.document}|{self.trigger.start if self.trigger else -1}|{self.sub_event_type}"
        if content_hash:
            anchor = f"{content_hash}|{anchor}"
        if ordinal:
            anchor = f"{anchor}|{ordinal}"
        self.event_id = "MRS" + hashlib.sha1(anchor.encode("utf-8", "surrogatepass")).hexdigest()[:12].upper()
        return self.event_id

    def to_record(self) -> dict[str, Any]:
        """Return the contract record: exactly CONTRACT_FIELDS, JSON-ready."""
        rec: dict[str, Any] = {}
        for name in CONTRACT_FIELDS:
            value = getattr(self, name)
            if name in ("event_date", "date_start", "date_end"):
                value = value.isoformat() if value else None
            elif name in ("assoc_actor_1", "assoc_actor_2"):
                value = "; ".join(value)
            elif name == "evidence":
                value = [ev.as_dict() for ev in value]
            elif name == "fatalities":
                value = int(value or 0)
            elif name == "confidence":
                value = round(float(value), 3)
            rec[name] = value
        return rec


def assign_ids(events: list[Event], content_hash: str) -> list[Event]:
    """Give each event of one document its id: the content hash keeps apart documents that share a
    name (two report.txt in two folders), the ordinal events that share a trigger and a type (one
    trigger, two places). The ids are unique within the document, and so within a store."""
    seen: set[str] = set()
    for event in events:
        ordinal = 0
        while event.assign_id(content_hash, ordinal) in seen:
            ordinal += 1
        seen.add(event.event_id)
    return events
