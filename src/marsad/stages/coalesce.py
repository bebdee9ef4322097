"""Coalescing (`coalesce.v1`): events are atomic per day and place, so one report's records of the
same type, actors, day and place become one record with all their evidence; then the tellings of
one event across the report (headline, lead, body) are joined (`marsad.events.narrative`)."""

from __future__ import annotations

from typing import Any

from marsad.events.narrative import join_tellings, told_apart
from marsad.model import Document, Event
from marsad.pipeline.registry import FunctionStage, register
from marsad.services.actors import ActorRoles, load_lexicon


def _key(event: Event) -> tuple[object, ...]:
    place = None
    if event.latitude is not None and event.longitude is not None:
        place = (round(event.latitude, 2), round(event.longitude, 2))
    return (event.sub_event_type, event.modality, event.event_date, place, tuple(event.actor1_keys[:1]))


def _absorb(keep: Event, other: Event) -> None:
    seen = {(e.start, e.end) for e in keep.evidence}
    keep.evidence += [e for e in other.evidence if (e.start, e.end) not in seen]
    for name in ("fatalities", "wounded", "captured"):
        a, b = getattr(keep, name), getattr(other, name)
        if b is not None and (a is None or b > a):
            setattr(keep, name, b)  # the same report telling one toll twice: keep the fuller figure
    keep.actor2_keys = keep.actor2_keys or other.actor2_keys
    keep.assoc1_keys += [k for k in other.assoc1_keys if k not in keep.assoc1_keys]
    keep.confidence = max(keep.confidence, other.confidence)


@register("coalesce.v1")
def _coalesce_stage(options: Any) -> FunctionStage:
    """The stage, with the sides' roles of the run's knowledge."""
    roles = load_lexicon(tuple(options.knowledge_dirs)).roles
    return FunctionStage(
        "coalesce.v1", ("events", "dates", "places"), ("coalesced",), lambda doc: coalesce(doc, roles)
    )


def coalesce(doc: Document, roles: ActorRoles | None = None) -> Document:
    """Merge a document's records that share type, modality, day, place and first actor."""
    kept: dict[tuple[object, ...], Event] = {}
    out: list[Event] = []
    for event in doc.events:
        key = _key(event)
        if (
            key in kept
            and event.event_date is not None
            and not event.another
            and not told_apart(kept[key], event)
        ):
            _absorb(kept[key], event)
            continue
        kept[key] = event
        out.append(event)
    doc.events = join_tellings(out, roles)
    return doc
