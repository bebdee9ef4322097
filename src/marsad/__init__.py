"""marsad: news reports about armed conflict in, ACLED event records out."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from marsad.model import Document, Event
from marsad.pipeline import Options, Pipeline

if TYPE_CHECKING:
    from collections.abc import Sequence

__version__ = "0.1.0"
__all__ = ["Document", "Event", "Options", "Pipeline", "__version__", "extract"]

_DEFAULT: dict[str, Pipeline] = {}


def extract(
    text: str,
    *,
    published: date | str | None = None,
    source: str | None = None,
    title: str | None = None,
    doc_id: str | None = None,
    stages: Sequence[str] | None = None,
) -> list[Event]:
    """Extract the events one report describes.

    The default pipeline is built on first use and reused; build a `Pipeline` yourself for batches.
    """
    if isinstance(published, str):
        published = date.fromisoformat(published)
    key = ",".join(stages) if stages else ""
    if key not in _DEFAULT:
        _DEFAULT[key] = Pipeline(Options(stages=tuple(stages)) if stages else Options())
    doc = Document(text=text, title=title, source=source, published=published)
    doc.id = doc_id or doc.content_hash
    return _DEFAULT[key].extract(doc)
