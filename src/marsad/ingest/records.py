"""JSON records: one per line (.jsonl), or a list of them (.json).

A record has `text` and optionally `id`, `title`, `source`, `published` and `url`. Its text is
kept unchanged, so offsets index the record's `text`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from marsad.errors import InputError
from marsad.ingest.dates import parse_date
from marsad.model import Document


class BadRecord(ValueError):
    """A record that cannot be a document; the message is the reason."""


def record_document(record: Any, fallback_id: str) -> Document:
    """Build a document from one decoded record, or raise BadRecord."""
    if not isinstance(record, dict):
        raise BadRecord("not a JSON object")
    if "text" not in record:
        raise BadRecord('record has no "text" field')
    text = record["text"]
    if not isinstance(text, str):
        raise BadRecord('"text" is not a string')
    if not text.strip():
        raise BadRecord('"text" is empty')
    doc = Document(text=text, id=_record_id(record.get("id")) or fallback_id)
    doc.title, doc.source, doc.url = (_string(record.get(k)) for k in ("title", "source", "url"))
    published = _string(record.get("published"))
    doc.published = parse_date(published) if published else None
    doc.provenance = {k: "metadata" for k in ("title", "source", "published") if getattr(doc, k)}
    return doc


def _record_id(value: Any) -> str | None:
    """A record's id as a string: strings and integers count, anything else does not."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    return str(value).strip() or None


def _string(value: Any) -> str | None:
    """A non-empty, stripped string field, or None."""
    return (value.strip() or None) if isinstance(value, str) else None


def parse_jsonl(text: str, name: str, base: str) -> Iterator[Document | InputError]:
    """Yield one document per non-blank line; a bad line yields an error named path:line."""
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            yield record_document(_loads(line), f"{base}:{lineno}")
        except BadRecord as err:
            yield InputError(f"{name}:{lineno}", str(err))


def parse_json(text: str, name: str, base: str) -> Iterator[Document | InputError]:
    """Yield the documents of a JSON list of records (or of a single record)."""
    try:
        data = _loads(text)
    except BadRecord as err:
        yield InputError(name, str(err))
        return
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        yield InputError(name, "JSON is neither a record nor a list of records")
        return
    for index, record in enumerate(data):
        try:
            yield record_document(record, f"{base}[{index}]")
        except BadRecord as err:
            yield InputError(f"{name}[{index}]", str(err))


def _loads(text: str) -> Any:
    """Decode JSON or raise BadRecord saying where it breaks."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise BadRecord(f"not valid JSON ({err.msg}, line {err.lineno} column {err.colno})") from None
    except RecursionError:
        raise BadRecord("not valid JSON (nested too deeply)") from None


def is_jsonl(text: str) -> bool:
    """True when every non-blank line is a JSON object with a "text" field."""
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        return False
    for line in lines:
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, RecursionError):
            return False
        if not isinstance(record, dict) or "text" not in record:
            return False
    return True
