"""A small parser for the publication-date forms news pages print.

Handles `19 May, 2017`, `May 19, 2017`, `2017-05-19` (and ISO datetimes), and `19/05/2017`
(day first, unless the second number cannot be a month). A month and day without a year is
not a date: no year is invented.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime

from marsad.words import MONTHS

_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>(?:19|20)\d{2})"
WEEKDAY = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat)\b\.?,?",
    re.IGNORECASE,
)
_TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?|gmt|utc|[+-]\d{2}:?\d{2})?", re.I)

_Builder = Callable[[re.Match[str]], date]


def _named(m: re.Match[str]) -> date:
    """Build a date from a match with day, month-name and year groups."""
    return date(int(m["y"]), MONTHS[m["mon"][:3].lower()], int(m["d"]))


def _iso(m: re.Match[str]) -> date:
    """Build a date from a year-month-day match."""
    return date(int(m["y"]), int(m["m"]), int(m["d"]))


def _numeric(m: re.Match[str]) -> date:
    """Build a date from dd/mm/yyyy, or mm/dd/yyyy when the second number exceeds 12."""
    first, second = int(m["a"]), int(m["b"])
    day, month = (second, first) if second > 12 else (first, second)
    return date(int(m["y"]), month, day)


PATTERNS: tuple[tuple[re.Pattern[str], _Builder], ...] = (
    (re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I), _named),
    (re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I), _named),
    (
        re.compile(
            r"\b(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
            r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\w-])"
        ),
        _iso,
    ),
    (re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>(?:19|20)\d{2})\b"), _numeric),
)


def find_date(text: str) -> tuple[date, tuple[int, int]] | None:
    """Return the first valid date written in `text` and its (start, end) span, if any."""
    best: tuple[date, tuple[int, int]] | None = None
    for pattern, build in PATTERNS:
        for m in pattern.finditer(text):
            try:
                found = build(m)
            except ValueError:
                continue
            if best is None or m.start() < best[1][0]:
                best = (found, m.span())
            break
    return best


def leftover_words(text: str, span: tuple[int, int]) -> int:
    """Count the words around a date span that are not a weekday, a time or punctuation."""
    rest = text[: span[0]] + " " + text[span[1] :]
    rest = _TIME.sub(" ", WEEKDAY.sub(" ", rest))
    return len(re.findall(r"\w+", rest))


def parse_date(value: str) -> date | None:
    """Parse a string that is a date (ISO date or datetime, or a common written form)."""
    text = value.strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    found = find_date(text)
    if found is None or leftover_words(text, found[1]) > 0:
        return None
    return found[0]
