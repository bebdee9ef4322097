"""The discourse stage (`discourse.v1`): the report's news kept apart from its background and
history (see `marsad.events.discourse`). Runs once events are dated."""

from __future__ import annotations

from marsad.events.discourse import read_discourse
from marsad.model import Document
from marsad.pipeline import function_stage
from marsad.stages.nlp import parsed


@function_stage("discourse.v1", needs=("events", "dates"), sets=("discourse",))
def discourse(doc: Document) -> Document:
    """Give the events that are not the report's news the modality `background` or `historical`."""
    read_discourse(doc, parsed)
    return doc
