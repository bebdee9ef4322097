"""One options object, passed explicitly to every stage that needs settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

DEFAULT_STAGES: tuple[str, ...] = (
    "segment.v1",
    "nlp.v1",
    "events.v1",
    "subtype.v1",
    "time.v1",
    "discourse.v1",
    "geocode.v1",
    "coalesce.v1",
    "actors.v1",
)


@dataclass(frozen=True)
class Options:
    """Settings for a pipeline run."""

    stages: tuple[str, ...] = DEFAULT_STAGES
    # spaCy model: None picks the official en_core_web_sm, else the pinned PyPI copy
    model: str | None = None
    batch_size: int = 32
    # given metadata overrides what the text says
    published: date | None = None
    source: str | None = None
    # the countries the reports are about (--country AF,PK): a prior in placing them, not a filter
    countries: tuple[str, ...] = ()
    # extra knowledge files the user adds (actors, places, triggers)
    knowledge_dirs: tuple[Path, ...] = field(default_factory=tuple)
    # the sub-event type scorer's model directory (`marsad train`); None: the user's trained model
    # when there is one, else the packaged default
    scorer_model: Path | None = None
    # a document longer than this (in characters) runs through the stages one section at a time,
    # so that memory holds one section's parse whatever the document's size
    section_chars: int = 50_000
