"""The document and the offset spans that view its text.

A `Document` owns its text. Paragraphs, sentences and mentions are spans: character offsets into
that text, never copies, so `doc.text[span.start:span.end]` is always the span's text.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any


def content_id(text: str) -> str:
    """Return the content hash that identifies a document (same text, same document).

    Never raises: a lone surrogate (which readers refuse, but the API may be given) is hashed as
    its code point's bytes."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range [start, end) in a document's text."""

    start: int
    end: int

    def text_in(self, text: str) -> str:
        """Return the slice of `text` this span covers."""
        return text[self.start : self.end]

    def contains(self, other: Span) -> bool:
        """True when `other` lies entirely inside this span."""
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True, slots=True)
class Paragraph(Span):
    """A block of text between blank lines."""

    index: int = 0
    is_heading: bool = False  # a headline, section title, byline or link line: reports no event


@dataclass(frozen=True, slots=True)
class Sentence(Span):
    """One sentence, inside one paragraph."""

    index: int = 0
    paragraph: int = 0


@dataclass(frozen=True, slots=True)
class Mention(Span):
    """A typed mention found in the text: an actor, a place, a date or a quantity.

    `label` is the mention kind ("actor", "place", "date", "quantity"); `key` the canonical
    value it resolves to when known (an actor id, a gazetteer id, an ISO date); `sentence` the
    index of the sentence it sits in.
    """

    label: str = ""
    key: str = ""
    sentence: int = 0


@dataclass(slots=True)
class Document:
    """An input report: its text, its metadata and the annotations stages add to it."""

    text: str
    id: str = ""
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: date | None = None
    # where the metadata came from: "given", "text" (found in the text), "inferred"
    provenance: dict[str, str] = field(default_factory=dict)
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Any] = field(default_factory=list)  # list[Event]; Any avoids an import cycle
    # the reference date every deictic expression resolves against, and how it was found
    reference_date: date | None = None
    # what each stage set, so the runner can check a stage's needs
    done: set[str] = field(default_factory=set)
    # transient annotations that are not serialised (the spaCy parse per paragraph)
    parses: list[Any] = field(default_factory=list)
    # where the document was read: the full path (with ":line" for a JSON line, "#n" for a feed
    # item, "[i]" for a JSON list entry), or "stdin"; messages about the document name it
    origin: str = ""
    # why processing the document failed, when it did (the pipeline isolates each document)
    failure: str = ""
    # the countries the input says the report is about ("AF" or "AF,PK"): a prior for placing it
    country: str = ""

    @property
    def content_hash(self) -> str:
        """The hash of the text: two inputs with the same text are the same document."""
        return content_id(self.text)

    @property
    def label(self) -> str:
        """How messages name the document: where it was read, else its id."""
        return self.origin or self.id or self.content_hash

    def span_text(self, span: Span) -> str:
        """Return the text a span covers."""
        return self.text[span.start : span.end]

    def sentence_at(self, offset: int) -> Sentence | None:
        """Return the sentence holding character `offset`, if any."""
        for sent in self.sentences:
            if sent.start <= offset < sent.end:
                return sent
        return None
