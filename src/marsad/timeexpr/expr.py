"""A time expression as read from the text, before it is resolved to calendar dates."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """What an expression is, which decides what it resolves against."""

    DATE = "date"  # month and day, maybe a year, maybe a day range ("September 12-13")
    MONTH = "month"  # a month, maybe a year or "last"/"next", maybe early/mid/late
    WEEKDAY = "weekday"  # a weekday name: the latest one on or before the reference date
    DEICTIC = "deictic"  # today, yesterday, tomorrow, last night: days from the reference date
    AGO = "ago"  # N units before the reference date
    PAST = "past"  # the past N units, up to the reference date
    CALENDAR = "calendar"  # last/this/next week or month, from the reference date
    ANAPHORIC = "anaphoric"  # the next day, two days later: units from the narrative's date
    AFTER_EVENT = "after_event"  # a month after the launch of the campaign: from an earlier happening
    NEW_YEAR = "new_year"  # the first day of the new year
    YEAR = "year"  # a year alone: too coarse to date an event
    FUTURE = "future"  # soon, in the coming days: a forecast with no precise date


# leading words that make an expression a bound or a habit, not the date something happened on
NON_POINT_LEADS = frozenset({"since", "until", "till", "every", "each", "by", "before", "after", "for"})
# leading words of a habit ("every Friday"): no single date at all
HABITUAL_LEADS = frozenset({"every", "each"})


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """One time expression: where it is, what kind, and the fields the grammar read from it.

    `start`/`end` are offsets in the text that was scanned (plus the offset given to `scan`).
    `amount`/`unit`/`direction` describe offsets ("two days later": 2, "day", +1); `rel` is
    "last", "this" or "next" for calendar words; `part` early/mid/late for parts of a month.
    """

    start: int
    end: int
    text: str
    kind: Kind
    year: int | None = None
    month: int | None = None
    day: int | None = None
    day_end: int | None = None
    month_end: int | None = None  # a range across months: "December 31-January 1"
    weekday: int | None = None
    weekday_end: int | None = None
    amount: int = 0
    unit: str = ""
    direction: int = 0
    rel: str = ""
    part: str = ""
    night: bool = False
    future: bool = False
    approximate: bool = False
    lead: str = ""  # the preposition before it ("in", "since"), lower case, or ""
    anchor_head: str = ""  # AFTER_EVENT: the happening's head noun ("launch")
    anchor_of: str = ""  # AFTER_EVENT: its of-complement ("campaign")

    @property
    def point_like(self) -> bool:
        """True when it names when something happened, not a bound ("since May") or a habit."""
        return self.lead not in NON_POINT_LEADS and self.kind is not Kind.YEAR

    @property
    def habitual(self) -> bool:
        """True for a repeated time ('every Friday'), which names no date."""
        return self.lead in HABITUAL_LEADS

    @property
    def has_explicit_year(self) -> bool:
        """True for a calendar date or month written with its year."""
        return self.year is not None and self.kind in (Kind.DATE, Kind.MONTH, Kind.YEAR)
