"""Placeholder, replaced in this change."""

from marsad.model import Document
from marsad.pipeline import function_stage


@function_stage("time.v1", needs=("parse",), sets=("time",))
def _run(doc: Document) -> Document:
    return doc
