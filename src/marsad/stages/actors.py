"""Placeholder, replaced in this change."""

from marsad.model import Document
from marsad.pipeline import function_stage


@function_stage("actors.v1", needs=("parse",), sets=("actors",))
def _run(doc: Document) -> Document:
    return doc
