"""RSS and Atom feeds: each entry is one document. Parsed from bytes, never fetched."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from marsad.errors import InputError
from marsad.ingest.boilerplate import normalise
from marsad.ingest.records import MAX_ID_CHARS
from marsad.ingest.webpage import fragment_text, join_blocks
from marsad.model import Document

FEED_ROOTS = frozenset({"rss", "feed", "rdf"})
_COMMENT = re.compile(rb"<!--.*?-->", re.S)
_FIRST_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")


def root_name(data: bytes) -> str | None:
    """Return the local name of an XML document's root element (lower case), if one is seen."""
    head = _COMMENT.sub(b"", data[:8192])
    match = _FIRST_TAG.search(head)
    return match.group(1).decode("ascii").lower() if match else None


def is_feed(data: bytes) -> bool:
    """True when the document's root element is <rss>, <feed> or <rdf:RDF>."""
    return root_name(data) in FEED_ROOTS


def read_feed(data: bytes, name: str, base: str) -> Iterator[Document | InputError]:
    """Yield one document per feed entry, or one error when the feed has none."""
    import feedparser

    parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False, sanitize_html=True)
    if not parsed.entries:
        problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
        detail = f" (not well-formed: {problem})" if problem else ""
        yield InputError(name, f"feed has no items{detail}")
        return
    feed_title = normalise(parsed.feed.get("title", "")) or None
    for n, entry in enumerate(parsed.entries, start=1):
        yield entry_document(entry, feed_title, name=f"{name}#{n}", fallback_id=f"{base}#{n}")


def entry_document(
    entry: Any, feed_title: str | None, *, name: str, fallback_id: str
) -> Document | InputError:
    """Build the document for one feed entry (its text from content, else summary)."""
    text = entry_text(entry)
    if not text:
        return InputError(name, "feed item has no text")
    doc_id = entry.get("id") or entry.get("link") or fallback_id
    doc = Document(text=text, id=str(doc_id)[:MAX_ID_CHARS], url=entry.get("link") or None, origin=name)
    doc.title = normalise(entry.get("title", "")) or None
    doc.source = feed_title
    doc.published = entry_date(entry)
    doc.provenance = {k: "metadata" for k in ("title", "source", "published") if getattr(doc, k)}
    return doc


def entry_text(entry: Any) -> str:
    """The entry's longest content, else its summary, as paragraph text."""
    parts = [c for c in entry.get("content", []) if c.get("value", "").strip()]
    if parts:
        best = max(parts, key=lambda c: len(c.get("value", "")))
        return _as_text(best.get("value", ""), best.get("type", "text/html"))
    detail = entry.get("summary_detail") or {}
    return _as_text(entry.get("summary", ""), detail.get("type", "text/html"))


def _as_text(value: str, mime: str) -> str:
    """Turn an entry's HTML (or plain text) into paragraph text."""
    if "html" in mime:
        return fragment_text(value)
    return join_blocks([b.strip() for b in re.split(r"\n\s*\n", value) if b.strip()])


def entry_date(entry: Any) -> date | None:
    """The entry's published (else updated) date, as feedparser parsed it."""
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if not stamp:
        return None
    try:
        return date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday)
    except ValueError:
        return None
