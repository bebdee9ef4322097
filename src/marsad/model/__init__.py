"""Typed records shared by every stage: documents, spans, mentions and events."""

from marsad.model.document import Document, Mention, Paragraph, Sentence, Span, content_id
from marsad.model.event import CONTRACT_FIELDS, Event, Evidence, Trigger

__all__ = [
    "CONTRACT_FIELDS",
    "Document",
    "Event",
    "Evidence",
    "Mention",
    "Paragraph",
    "Sentence",
    "Span",
    "Trigger",
    "content_id",
]
