"""JSON records: one per line (.jsonl), or a list of them (.json).

A record has `text` and optionally `id`, `title`, `source`, `published` and `url`. Its text is
kept unchanged, so offsets index the record's `text`.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from typing import Any

from marsad.errors import BadIdentifierError, InputError
from marsad.ingest.dates import parse_date
from marsad.model import Document

# an id longer than this is not an identifier but a mistake (or an attack on what stores it)
MAX_ID_CHARS = 512
# a number in a record with more digits than this is refused before Python converts it
MAX_NUMBER_DIGITS = 64
_SURROGATE = re.compile("[\ud800-\udfff]")


class BadRecord(ValueError):
    """A record that cannot be a document; the message is the reason."""

    error: type[InputError] = InputError


class BadIdentifier(BadRecord):
    """A record whose id or text is unusable: a wrong type, too long, not valid Unicode."""

    error = BadIdentifierError


def record_document(record: Any, fallback_id: str, origin: str = "") -> Document:
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
    if match := _SURROGATE.search(text):
        where = f"U+{ord(match.group()):04X} at character {match.start()}"
        raise BadIdentifier(f'"text" is not valid Unicode: a lone surrogate ({where})')
    doc = Document(text=text, id=record_id(record.get("id")) or fallback_id, origin=origin)
    doc.title, doc.source, doc.url = (_string(record.get(k)) for k in ("title", "source", "url"))
    doc.country = _string(record.get("country")) or ""
    published = _string(record.get("published"))
    doc.published = parse_date(published) if published else None
    doc.provenance = {k: "metadata" for k in ("title", "source", "published") if getattr(doc, k)}
    if record.get("id") not in (None, ""):
        doc.provenance["id"] = "metadata"  # a record the user named: its own report (see readers)
    return doc


def record_id(value: Any) -> str | None:
    """A record's id as a string: a string or a number of sane length; null or "" is none.

    Raise BadIdentifier for any other type, for an id over MAX_ID_CHARS characters, or for one
    that is not valid Unicode."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise BadIdentifier(f'"id" must be a string or a number, not {_json_type(value)}')
    if isinstance(value, float) and not math.isfinite(value):
        raise BadIdentifier(f'"id" must be a finite number, not {value}')
    ident = str(value).strip()
    if len(ident) > MAX_ID_CHARS:
        raise BadIdentifier(f'"id" is {len(ident)} characters long (at most {MAX_ID_CHARS})')
    if _SURROGATE.search(ident):
        raise BadIdentifier('"id" is not valid Unicode: it holds a lone surrogate')
    return ident or None


def _json_type(value: Any) -> str:
    """The JSON name of a decoded value's type."""
    return {dict: "an object", list: "a list", bool: "true or false"}.get(type(value), type(value).__name__)


def _string(value: Any) -> str | None:
    """A non-empty, stripped string field (a lone surrogate replaced by U+FFFD), or None."""
    if not isinstance(value, str):
        return None
    return _SURROGATE.sub("\ufffd", value.strip()) or None


def parse_jsonl(text: str, name: str, base: str) -> Iterator[Document | InputError]:
    """Yield one document per non-blank line; a bad line yields an error named path:line."""
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            yield record_document(_loads(line), f"{base}:{lineno}", f"{name}:{lineno}")
        except BadRecord as err:
            yield err.error(f"{name}:{lineno}", str(err))


def parse_json(text: str, name: str, base: str) -> Iterator[Document | InputError]:
    """Yield the documents of a JSON list of records (or of a single record)."""
    try:
        data = _loads(text)
    except BadRecord as err:
        yield err.error(name, str(err))
        return
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        yield InputError(name, "JSON is neither a record nor a list of records")
        return
    for index, record in enumerate(data):
        try:
            yield record_document(record, f"{base}[{index}]", f"{name}[{index}]")
        except BadRecord as err:
            yield err.error(f"{name}[{index}]", str(err))


def _number(kind: type[int] | type[float]) -> Any:
    """A JSON number parser that refuses a number of more than MAX_NUMBER_DIGITS digits before
    Python converts it (int() of 5,000 digits raises; of millions, it takes minutes)."""

    def parse(literal: str) -> int | float:
        if len(literal) > MAX_NUMBER_DIGITS:
            raise BadIdentifier(f"a number of {len(literal)} digits (at most {MAX_NUMBER_DIGITS})")
        return kind(literal)

    return parse


def _loads(text: str) -> Any:
    """Decode JSON or raise BadRecord saying where it breaks."""
    try:
        return json.loads(text, parse_int=_number(int), parse_float=_number(float))
    except BadRecord:
        raise
    except json.JSONDecodeError as err:
        raise BadRecord(f"not valid JSON ({err.msg}, line {err.lineno} column {err.colno})") from None
    except RecursionError:
        raise BadRecord("not valid JSON (nested too deeply)") from None
    except ValueError as err:
        raise BadRecord(f"not valid JSON ({err})") from None


def is_jsonl(text: str) -> bool:
    """True when the text is JSON lines: every non-blank line starts with "{" and at least one
    decodes to an object with a "text" field. Malformed lines are then reported one by one, as
    in a .jsonl file, rather than the whole input being read as plain text."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines or not all(line.startswith("{") for line in lines):
        return False
    for line in lines:
        try:
            record = _loads(line)
        except BadRecord:
            continue
        if isinstance(record, dict) and "text" in record:
            return True
    return False
