"""Reading inputs: files, directories and standard input, into documents or input errors.

Every input that cannot be read gives one `InputError` and reading goes on with the others;
no exception escapes for bad input. The same text read twice is one document, unless the two are
dated apart (one note text for two days' events is two reports) or are records the input names
apart by their ids (an ACLED export codes one note text once per place).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import BinaryIO, TextIO

from marsad.errors import DocumentTooLargeError, InputError
from marsad.ingest.decode import NotText, decode_markup, decode_utf8
from marsad.ingest.feeds import is_feed, read_feed, root_name
from marsad.ingest.metadata import complete_metadata
from marsad.ingest.records import is_jsonl, parse_json, parse_jsonl
from marsad.ingest.webpage import extract_page
from marsad.model import Document

InputResult = Document | InputError
Reader = Callable[[bytes, str, str], Iterator[InputResult]]

STDIN_NAME = "stdin"
# the largest document read unless the caller raises it (--max-document-mb)
DEFAULT_MAX_DOCUMENT_MB = 20.0
_MB = 1_000_000
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
    max_document_mb: float | None = DEFAULT_MAX_DOCUMENT_MB,
) -> Iterator[Document | InputError]:
    """Yield a document per document found in `paths` ('-' is standard input), or an error per
    input that cannot be read; `published` and `source`, when given, override what is found.

    A document of more than `max_document_mb` MB (of UTF-8 text; None for no limit) is refused.
    Each document is identified (hashed) and completed apart: a failure there is its own error."""
    seen: set[str] = set()
    texts: set[str] = set()  # every text read, with its date
    limit = None if max_document_mb is None else int(max_document_mb * _MB)
    for item in _raw_inputs([paths] if isinstance(paths, str) else paths, stdin, limit):
        if isinstance(item, InputError):
            yield item
            continue
        too_large = _over_limit(item, limit)
        if too_large:
            yield too_large
            continue
        try:
            doc = complete_metadata(item, published=published, source=source)
            # a record named by its own id is its own report; any other copy of a text already
            # read under the same date is a repeat
            dated = f"{doc.content_hash}|{doc.published or ''}"
            key = f"{dated}|{doc.id}" if doc.provenance.get("id") == "metadata" else None
            if (key in seen) if key is not None else (dated in texts):
                continue
            seen.add(key or dated)
            texts.add(dated)
            yield doc
        except Exception as exc:  # one document's failure is its own error
            yield InputError(item.label, f"cannot read its metadata ({type(exc).__name__}: {exc})")


def _over_limit(doc: Document, limit: int | None) -> InputError | None:
    """The error for a document larger than `limit` bytes of UTF-8, else None."""
    if limit is None or len(doc.text) * 4 <= limit:
        return None
    size = len(doc.text.encode("utf-8", "surrogatepass"))
    return _too_large(doc.label, size, limit) if size > limit else None


def _too_large(name: str, size: int, limit: int) -> DocumentTooLargeError:
    """The error for an input of `size` bytes over the limit of `limit` bytes."""
    return DocumentTooLargeError(
        name,
        f"the document is {size / _MB:.1f} MB, over the limit of {limit / _MB:g} MB "
        "(raise it with --max-document-mb)",
    )


def _raw_inputs(
    paths: Sequence[str], stdin: TextIO | BinaryIO | None, limit: int | None = None
) -> Iterator[InputResult]:
    """Documents and errors from each path in turn, before de-duplication and metadata."""
    for raw in paths:
        if raw == "-":
            yield from read_stdin(stdin)
        else:
            yield from read_path(Path(raw), limit)


def read_path(path: Path, limit: int | None = None) -> Iterator[InputResult]:
    """Read a file, or every visible file under a directory."""
    try:
        exists, is_dir = path.exists(), path.is_dir()
    except OSError as err:
        yield InputError(str(path), _os_reason(err))
        return
    if not exists:
        yield InputError(str(path), "no such file or directory")
    elif is_dir:
        for found in walk(path, limit):
            if isinstance(found, InputError):
                yield found
            else:
                yield from found
    else:
        yield from read_file(path, explicit=True, limit=limit)


def walk(root: Path, limit: int | None = None) -> Iterator[Iterator[InputResult] | InputError]:
    """For each visible regular file under `root`, sorted, the iterator that reads it."""
    errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append):
        yield from (InputError(str(e.filename or dirpath), _os_reason(e)) for e in errors)
        errors.clear()
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            file = Path(dirpath, name)
            if not name.startswith(".") and file.is_file():
                yield read_file(file, explicit=False, limit=limit)
    yield from (InputError(str(e.filename or root), _os_reason(e)) for e in errors)


def read_file(path: Path, *, explicit: bool, limit: int | None = None) -> Iterator[InputResult]:
    """Read one file by its kind. In a directory walk a file with an unknown suffix is read only
    if it is text: its errors are dropped, so images and archives pass silently. A text or HTML
    file (one document) over `limit` bytes is refused before it is read."""
    name, base = str(path), path.name
    suffix = path.suffix.lower()
    try:
        if limit is not None and suffix in TEXT_SUFFIXES | HTML_SUFFIXES:
            size = path.stat().st_size
            if size > limit:
                yield _too_large(name, size, limit)
                return
        data = path.read_bytes()
    except OSError as err:
        yield InputError(name, _os_reason(err))
        return
    reader = reader_for(suffix, data)
    if reader is None:
        yield InputError(name, f"not an RSS or Atom feed (root element <{root_name(data) or '?'}>)")
        return
    quiet = not explicit and suffix not in KNOWN_SUFFIXES
    for item in _guarded(reader(data, name, base), name):
        if not (quiet and isinstance(item, InputError)):
            yield item


def _guarded(items: Iterator[InputResult], name: str) -> Iterator[InputResult]:
    """The reader's results; should it fail unexpectedly, one error naming the input instead of
    an exception that would stop the run."""
    try:
        yield from items
    except Exception as exc:  # a reader's bug or a library's crash on hostile input
        yield InputError(name, f"cannot read ({type(exc).__name__}: {exc})")


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
    """Pick a reader by content: an HTML page, a feed, JSON lines, else plain text."""
    head = data[:1024].removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    if head.startswith(tuple(s.encode() for s in _HTML_STARTS)):
        return read_html
    if head.startswith(b"<") and is_feed(data):
        return read_feed
    if head.startswith(b"{") and _looks_like_jsonl(data):
        return _decoded(parse_jsonl)
    return read_text


def _looks_like_jsonl(data: bytes) -> bool:
    """True when the bytes are UTF-8 JSON lines (see `is_jsonl`)."""
    try:
        return is_jsonl(decode_utf8(data))
    except NotText:
        return False


def read_text(data: bytes, name: str, base: str) -> Iterator[InputResult]:
    """A text file: its UTF-8 text unchanged (a byte-order mark dropped) is the document."""
    try:
        text = decode_utf8(data)
    except NotText as err:
        yield InputError(name, str(err))
        return
    yield Document(text=text, id=base, origin=name)


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
    doc = Document(text=page.text, id=base, title=page.title, source=page.sitename, url=page.url, origin=name)
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
    """Standard input, checked as a file is: JSON lines (each line checked, a bad one named
    stdin:LINE), an HTML page or feed, else text."""
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
        yield from _guarded(sniff(data)(data, STDIN_NAME, STDIN_NAME), STDIN_NAME)


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
