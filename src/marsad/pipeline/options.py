"""One options object, passed explicitly to every stage that needs settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from marsad.knowledge import Knowledge

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
    # the knowledge folders a run reads, in order (`marsad.knowledge.select`): the chosen packs
    # and the user's own folders; empty or only plain folders means every bundled pack first
    knowledge_dirs: tuple[Path, ...] = field(default_factory=tuple)
    # the sub-event type scorer's model directory (`marsad train`); None: the user's trained model
    # when there is one, else the packaged default
    scorer_model: Path | None = None
    # a document longer than this (in characters) runs through the stages one section at a time,
    # so that memory holds one section's parse whatever the document's size
    section_chars: int = 50_000

    def __post_init__(self) -> None:
        from marsad.knowledge import resolve_dirs

        # one spelling of a selection, so that every stage's loaders share one cached copy
        object.__setattr__(self, "knowledge_dirs", resolve_dirs(self.knowledge_dirs))

    @property
    def knowledge(self) -> Knowledge:
        """The frozen knowledge every stage reads: the packs and folders of this run, in order."""
        from marsad.knowledge import Knowledge

        return Knowledge.of(self.knowledge_dirs)
