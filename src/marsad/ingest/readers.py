"""Reading inputs: files, directories and standard input, into documents or input errors.

Every input that cannot be read gives one `InputError` and reading goes on with the others;
no exception escapes for bad input. The same text read twice is one document.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import BinaryIO, TextIO

from marsad.errors import InputError
from marsad.ingest.decode import NotText, decode_markup, decode_utf8
from marsad.ingest.feeds import is_feed, read_feed, root_name
from marsad.ingest.metadata import complete_metadata
from marsad.ingest.records import is_jsonl, parse_json, parse_jsonl
from marsad.ingest.webpage import extract_page
from marsad.model import Document

InputResult = Document | InputError
Reader = Callable[[bytes, str, str], Iterator[InputResult]]

STDIN_NAME = "stdin"
TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
FEED_SUFFIXES = frozenset({".rss", ".atom"})
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES | {"", ".jsonl", ".ndjson", ".json", ".xml"}
_HTML_STARTS = ("<!doctype html", "<html")


def read_inputs(
    paths: Sequence[str],
    *,
    published: date | None = None,
    source: str | None = None,
    stdin: TextIO | BinaryIO | None = None,
) -> Iterator[Document | InputError]:
    """Yield a document per document found in `paths` ('-' is standard input), or an error per
    input that cannot be read; `published` and `source`, when given, override what is found."""
    seen: set[str] = set()
    for item in _raw_inputs([paths] if isinstance(paths, str) else paths, stdin):
        if isinstance(item, InputError):
            yield item
        elif item.content_hash not in seen:
            seen.add(item.content_hash)
            yield complete_metadata(item, published=published, source=source)


def _raw_inputs(paths: Sequence[str], stdin: TextIO | BinaryIO | None) -> Iterator[InputResult]:
    """Documents and errors from each path in turn, before de-duplication and metadata."""
    for raw in paths:
        if raw == "-":
            yield from read_stdin(stdin)
        else:
            yield from read_path(Path(raw))


def read_path(path: Path) -> Iterator[InputResult]:
    """Read a file, or every visible file under a directory."""
    try:
        exists, is_dir = path.exists(), path.is_dir()
    except OSError as err:
        yield InputError(str(path), _os_reason(err))
        return
    if not exists:
        yield InputError(str(path), "no such file or directory")
    elif is_dir:
        for found in walk(path):
            if isinstance(found, InputError):
                yield found
            else:
                yield from found
    else:
        yield from read_file(path, explicit=True)


def walk(root: Path) -> Iterator[Iterator[InputResult] | InputError]:
    """For each visible regular file under `root`, sorted, the iterator that reads it."""
    errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append):
        yield from (InputError(str(e.filename or dirpath), _os_reason(e)) for e in errors)
        errors.clear()
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            file = Path(dirpath, name)
            if not name.startswith(".") and file.is_file():
                yield read_file(file, explicit=False)
    yield from (InputError(str(e.filename or root), _os_reason(e)) for e in errors)


def read_file(path: Path, *, explicit: bool) -> Iterator[InputResult]:
    """Read one file by its kind. In a directory walk a file with an unknown suffix is read only
    if it is text: its errors are dropped, so images and archives pass silently."""
    name, base = str(path), path.name
    try:
        data = path.read_bytes()
    except OSError as err:
        yield InputError(name, _os_reason(err))
        return
    reader = reader_for(path.suffix.lower(), data)
    if reader is None:
        yield InputError(name, f"not an RSS or Atom feed (root element <{root_name(data) or '?'}>)")
        return
    quiet = not explicit and path.suffix.lower() not in KNOWN_SUFFIXES
    for item in reader(data, name, base):
        if not (quiet and isinstance(item, InputError)):
            yield item


def reader_for(suffix: str, data: bytes) -> Reader | None:
    """The reader for a file's suffix (or, for an unknown suffix, its content); None for XML
    that is not a feed."""
    if suffix in TEXT_SUFFIXES:
        return read_text
    if suffix in HTML_SUFFIXES:
        return read_html
    if suffix in FEED_SUFFIXES:
        return read_feed
    if suffix in (".jsonl", ".ndjson"):
        return _decoded(parse_jsonl)
    if suffix == ".json":
        return _decoded(parse_json)
    if suffix == ".xml":
        return read_feed if is_feed(data) else None
    return sniff(data)


def sniff(data: bytes) -> Reader:
    """Pick a reader by content: an HTML page, a feed, else plain text."""
    head = data[:1024].removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    if head.startswith(tuple(s.encode() for s in _HTML_STARTS)):
        return read_html
    if head.startswith(b"<") and is_feed(data):
        return read_feed
    return read_text


def read_text(data: bytes, name: str, base: str) -> Iterator[InputResult]:
    """A text file: its UTF-8 text unchanged (a byte-order mark dropped) is the document."""
    try:
        text = decode_utf8(data)
    except NotText as err:
        yield InputError(name, str(err))
        return
    yield Document(text=text, id=base)


def read_html(data: bytes, name: str, base: str) -> Iterator[InputResult]:
    """An HTML page: its main text, paragraphs joined by a blank line, and its metadata."""
    try:
        page = extract_page(decode_markup(data))
    except NotText as err:
        yield InputError(name, str(err))
        return
    if not page.text.strip():
        yield InputError(name, "no article text found")
        return
    doc = Document(text=page.text, id=base, title=page.title, source=page.sitename, url=page.url)
    doc.published = _page_date(page.date)
    doc.provenance = {k: "metadata" for k in ("title", "source", "published", "url") if getattr(doc, k)}
    yield doc


def _page_date(value: str | None) -> date | None:
    """A page's YYYY-MM-DD date string as a date."""
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _decoded(parse: Callable[[str, str, str], Iterator[InputResult]]) -> Reader:
    """Wrap a text parser so it takes bytes: UTF-8 decoding errors become one InputError."""

    def reader(data: bytes, name: str, base: str) -> Iterator[InputResult]:
        try:
            text = decode_utf8(data)
        except NotText as err:
            yield InputError(name, str(err))
            return
        yield from parse(text, name, base)

    return reader


def read_stdin(stream: TextIO | BinaryIO | None) -> Iterator[InputResult]:
    """Standard input: JSON lines when every line is a record, an HTML page or feed, else text."""
    try:
        data = _stdin_bytes(stream)
    except (OSError, ValueError) as err:
        yield InputError(STDIN_NAME, f"cannot read: {err}")
        return
    if not data.strip():
        yield InputError(STDIN_NAME, "empty input")
        return
    try:
        text = decode_utf8(data)
    except NotText as err:
        yield InputError(STDIN_NAME, str(err))
        return
    if is_jsonl(text):
        yield from parse_jsonl(text, STDIN_NAME, STDIN_NAME)
    else:
        yield from sniff(data)(data, STDIN_NAME, STDIN_NAME)


def _stdin_bytes(stream: TextIO | BinaryIO | None) -> bytes:
    """Everything on the stream (sys.stdin by default) as bytes."""
    if stream is None:
        stream = getattr(sys.stdin, "buffer", sys.stdin)
    content = stream.read()
    return content.encode("utf-8", "surrogateescape") if isinstance(content, str) else content


def _os_reason(err: OSError) -> str:
    """A short, lower-case reason for an operating-system error."""
    if isinstance(err, FileNotFoundError):
        return "no such file or directory"
    if isinstance(err, PermissionError):
        return "cannot read: permission denied"
    return f"cannot read: {(err.strerror or str(err)).lower()}"
