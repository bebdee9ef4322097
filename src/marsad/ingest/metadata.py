"""Title, source and publication date found in a report's opening lines.

Only the first few non-empty lines are read: a byline ("Levant Wire Staff | 18 June, 2018",
"By Ana Ruiz, Frontline Daily | March 4, 2019"), a dateline ("BAGHDAD, June 18 (Levant Wire) -")
or an outlet line ("Frontline Daily:") gives the source and the date; the first short line that
is none of these, nor boilerplate, is the title. A date without a year gives no date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from marsad.ingest.boilerplate import is_boilerplate, normalise
from marsad.ingest.dates import WEEKDAY, find_date, leftover_words
from marsad.model import Document

HEAD_LINES = 8
MAX_TITLE_WORDS = 25
MAX_BYLINE_WORDS = 20
MAX_NAME_WORDS = 6

_SEPS = " \t|,;:-–—•·/"
_BY = re.compile(r"^(?:(?:posted|written|reported)\s+)?by\s+", re.I)
_LEAD = re.compile(r"^(?:first\s+)?(?:posted|published|updated|last\s+updated|dated?)\b(?:\s+on)?", re.I)
_ROLE = re.compile(
    r"(?:^|\s+)(?:senior\s+|chief\s+)?(?:editors?|staff(?:\s+writers?)?|(?:news\s*)?desk|newsroom"
    r"|correspondents?|reporters?|team|writers?|bureau)$",
    re.I,
)
_TRAILING_ON = re.compile(r"\s+(?:on|at)$", re.I)
_SEPARATED = re.compile(r"[|•·]|\s[-–—]\s")
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][\w'’.-]*(?:[ -][A-Za-z][\w'’.-]*){0,3})"
    r"(?:,\s*(?P<when>[^()\n]{1,40}?))?\s*\((?P<outlet>[A-Z][^()\n]{0,40})\)\s*[-–—:]"
)
_OUTLET_LINE = re.compile(r"^(?P<name>[A-Z][\w'’.&-]*(?:\s+[\w'’.&-]+){0,5})\s*:$")
_SOURCE_FIELD = re.compile(r"^(?:source|via)\s*:\s*(?P<name>.+)$", re.I)
_NOT_OUTLETS = frozenset(
    {
        "update", "updated", "breaking", "breaking news", "note", "editor's note", "watch", "video",
        "photos", "photo", "tomorrow", "today", "summary", "correction", "warning", "exclusive",
        "analysis", "opinion", "comment", "background", "source", "sources", "read also", "related",
        "tags", "contact", "timeline", "live", "statement", "quote",
    }
)  # fmt: skip
_FINAL_PERIOD = re.compile(r"[.;]$")


@dataclass(slots=True)
class Found:
    """Metadata read from a text."""

    title: str | None = None
    source: str | None = None
    published: date | None = None


def head_lines(text: str, limit: int = HEAD_LINES) -> list[str]:
    """The first `limit` non-empty lines, whitespace collapsed."""
    lines: list[str] = []
    for raw in text.split("\n"):
        line = normalise(raw)
        if line:
            lines.append(line)
            if len(lines) == limit:
                break
    return lines


def looks_like_name(text: str) -> bool:
    """True for a short capitalised name with no final period: an outlet's name."""
    words = text.split()
    return 0 < len(words) <= MAX_NAME_WORDS and text[0].isupper() and not _FINAL_PERIOD.search(text)


def parse_byline(line: str) -> tuple[str | None, date] | None:
    """(source, date) from a byline such as 'X Editor | 19 May, 2017', else None."""
    found = find_date(line)
    if found is None or len(line.split()) > MAX_BYLINE_WORDS:
        return None
    when, (start, end) = found
    before, after = line[:start], line[end:]
    if not _is_byline_shape(line, before, (start, end)):
        return None
    who = before if before.strip(_SEPS + " ") else after
    return outlet_of(who), when


def _is_byline_shape(line: str, before: str, span: tuple[int, int]) -> bool:
    """True when a line holding a date is a byline, not a headline that mentions a date."""
    head = before.strip(_SEPS)
    if _BY.match(head) or _LEAD.match(head) or _ROLE.search(_TRAILING_ON.sub("", head)):
        return True
    if leftover_words(line, span) == 0:
        return True
    return bool(_SEPARATED.search(line)) and len(line.split()) <= 12


def outlet_of(who: str) -> str | None:
    """The outlet named in a byline's non-date part ('By A, Reuters' gives Reuters), if any."""
    text = WEEKDAY.sub(" ", who)
    text = _TRAILING_ON.sub("", normalise(text).strip(_SEPS)).strip(_SEPS)
    text = _LEAD.sub("", text).strip(_SEPS)
    by = _BY.match(text)
    if by:
        parts = [p for p in re.split(r"\s*(?:,|\||\s[-–—]\s|/)\s*", text[by.end() :]) if p]
        if len(parts) < 2:
            return None  # a person's name only
        text = parts[-1]
    text = _ROLE.sub("", text).strip(_SEPS)
    return text if looks_like_name(text) else None


def parse_dateline(line: str) -> tuple[str, date | None] | None:
    """(outlet, date or None) from a dateline 'PLACE, June 18 (Outlet) -', else None."""
    match = _DATELINE.match(line)
    if match is None:
        return None
    found = find_date(match["when"] or "")
    return normalise(match["outlet"]), found[0] if found else None


def parse_outlet_line(line: str) -> str | None:
    """The outlet from a line 'Frontline Daily:' or 'Source: Frontline Daily', else None."""
    match = _SOURCE_FIELD.match(line)
    if match and looks_like_name(match["name"]):
        return match["name"].strip()
    match = _OUTLET_LINE.match(line)
    if match is None or match["name"].lower() in _NOT_OUTLETS or is_boilerplate(line):
        return None
    return match["name"]


def find_metadata(text: str) -> Found:
    """Find title, source and date in the first lines of a text."""
    found = Found()
    lines = head_lines(text)
    for line in lines:
        source, when = _line_source_date(line)
        found.source = found.source or source
        found.published = found.published or when
    found.title = find_title(lines)
    return found


def _line_source_date(line: str) -> tuple[str | None, date | None]:
    """The (source, date) one opening line gives."""
    byline = parse_byline(line)
    if byline:
        return byline
    dateline = parse_dateline(line)
    if dateline:
        return dateline
    return parse_outlet_line(line), None


def _is_meta_line(line: str) -> bool:
    """True for a byline, an outlet line, a bare author line or a boilerplate line."""
    if is_boilerplate(line) or parse_byline(line) or parse_outlet_line(line):
        return True
    return bool(_BY.match(line)) and len(line.split()) <= MAX_NAME_WORDS + 1


def is_body(line: str) -> bool:
    """True for a line of running text: long, or ending in a period."""
    return len(line.split()) > MAX_TITLE_WORDS or bool(_FINAL_PERIOD.search(line))


def find_title(lines: list[str]) -> str | None:
    """The first short line before the body that is not metadata or boilerplate."""
    for line in lines:
        if _is_meta_line(line):
            continue
        if is_body(line) or parse_dateline(line):
            return None
        if len(line.split()) >= 2 and not line[0].islower() and re.search(r"[^\W\d_]", line):
            return line
    return None


def complete_metadata(doc: Document, *, published: date | None = None, source: str | None = None) -> Document:
    """Apply given metadata, then fill what is still missing from the text; record provenance."""
    if source:
        doc.source, doc.provenance["source"] = source, "given"
    if published is not None:
        doc.published, doc.provenance["published"] = published, "given"
    if doc.title is None or doc.source is None or doc.published is None:
        found = find_metadata(doc.text)
        for key in ("title", "source", "published"):
            value = getattr(found, key)
            if getattr(doc, key) is None and value is not None:
                setattr(doc, key, value)
                doc.provenance[key] = "text"
    if doc.published is None:
        named = date_in_name(doc.id)
        if named is not None:
            doc.published, doc.provenance["published"] = named, "filename"
    return doc


_NAME_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def date_in_name(name: str) -> date | None:
    """A YYYY-MM-DD date in a file name or id ('2017-11-10-abu-kamal.txt'), as crawlers often
    name what they fetch; used only when neither the caller nor the text gives a date."""
    match = _NAME_DATE.search(name or "")
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
