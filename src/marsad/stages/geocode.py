"""Placeholder, replaced in this change."""

from marsad.model import Document
from marsad.pipeline import function_stage


@function_stage("geocode.v1", needs=("parse", "events"), sets=("places",))
def _run(doc: Document) -> Document:
    return doc
