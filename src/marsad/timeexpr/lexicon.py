"""Words of time: month and weekday names, number words, and the regex fragments built from them.

Ambiguous words are guarded here once: "May" and "March" are months only when capitalised,
abbreviations ("Aug.", "Oct") only right before a number; "sun", "second", "now" are never dates.
"""

from __future__ import annotations

from marsad.words import MONTHS, NUMBER_WORDS

MONTH_NAMES: tuple[str, ...] = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
# vague amounts ("a few days later"): a reader's typical value; the result is only a week's precision
VAGUE_AMOUNTS: dict[str, int] = {"few": 3, "several": 3, "couple": 2, "some": 3}
UNITS: dict[str, str] = {
    "hour": "hour",
    "day": "day",
    "night": "day",
    "morning": "day",
    "evening": "day",
    "afternoon": "day",
    "week": "week",
    "weekend": "weekend",
    "month": "month",
    "year": "year",
}

# full names, case-insensitive except the two that are also ordinary words ("may", "march")
_FULL_MONTH = (
    r"(?:january|february|(?-i:March)|april|(?-i:May)|june|july|august|september|october|november|december)"
)
# abbreviations only before a number: "Aug. 31", "Oct 10", "Sept 2017"
_ABBR_MONTH = r"(?:(?-i:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?(?=\s*\d))"
# not the first half of a compound ("May-day")
MONTH = rf"(?:{_FULL_MONTH}\b(?!-[A-Za-z])|{_ABBR_MONTH})"
MONTH_FULL = rf"(?:{_FULL_MONTH}\b(?!-[A-Za-z]))"
WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
TIME_OF_DAY = r"(?:morning|afternoon|evening|night|dawn|noon|midnight)"
_UNIT_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine)"
NUMBER = (
    r"(?:\d{1,3}(?![\d,])|a\s+few|a\s+couple\s+of|couple\s+of|few|several|"
    rf"(?:twenty|thirty|forty|fifty|sixty)(?:[-\s]{_UNIT_WORD})?|"
    r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|an|a)"
)
PART = (
    r"(?:early|mid|late|the\s+end\s+of|end\s+of|the\s+beginning\s+of|beginning\s+of|"
    r"the\s+middle\s+of|middle\s+of|the\s+start\s+of|start\s+of)"
)


def day_pattern(name: str) -> str:
    """A day of the month (1-31, with an optional ordinal suffix) captured as group `name`."""
    return rf"(?P<{name}>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:]|[.,]\d)"


def year_pattern(name: str) -> str:
    """A year 1900-2099 captured as group `name`, not part of a longer number."""
    return rf"(?P<{name}>(?:19|20)\d\d)(?![\d:]|[.,]\d)"


def month_number(word: str) -> int:
    """The month (1-12) a month name or abbreviation names."""
    return MONTHS[word.strip().rstrip(".").lower()[:3]]


def weekday_number(word: str) -> int:
    """The weekday (Monday 0 .. Sunday 6) a weekday name names."""
    return WEEKDAYS[word.lower()]


def number_value(text: str | None) -> tuple[int, bool]:
    """Read an amount ('two', '24', 'a few', 'twenty-four', none) as (value, approximate)."""
    if not text:
        return 3, True
    words = text.lower().replace("-", " ").split()
    if words[0].isdigit():
        return int(words[0]), False
    vague = [VAGUE_AMOUNTS[w] for w in words if w in VAGUE_AMOUNTS]
    if vague:
        return vague[0], True
    return sum(NUMBER_WORDS.get(w, 0) for w in words) or 1, False


def part_key(text: str | None) -> str:
    """Normalise a part-of-month word ('the end of', 'mid') to 'early', 'mid' or 'late'."""
    if not text:
        return ""
    low = text.lower()
    if "end" in low or "late" in low:
        return "late"
    if "mid" in low:
        return "mid"
    return "early"
