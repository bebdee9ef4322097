"""Calendar arithmetic: months, parts of months, weeks and ranges with ACLED's precision."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True, slots=True)
class DateRange:
    """A resolved time: first and last day, ACLED's time_precision and the day to code it on.

    `precision` is 1 for an exact day, 2 for a time within a week, 3 when only the month is known.
    `point` is the event_date: the day itself, the middle of a range, the 15th for a month.
    """

    start: date
    end: date
    precision: int
    point: date

    @property
    def key(self) -> str:
        """The mention key: 'YYYY-MM-DD/YYYY-MM-DD/p'."""
        return f"{self.start.isoformat()}/{self.end.isoformat()}/{self.precision}"

    def coarsened(self, precision: int) -> DateRange:
        """The same range with a precision no better than `precision`."""
        return DateRange(self.start, self.end, max(self.precision, precision), self.point)


def day(d: date, precision: int = 1) -> DateRange:
    """A single day."""
    return DateRange(d, d, precision, d)


def span(start: date, end: date, precision: int | None = None, point: date | None = None) -> DateRange:
    """A range of days; precision from its length unless given, point its middle unless given."""
    length = (end - start).days + 1
    if precision is None:
        precision = 1 if length <= 2 else 2 if length <= 8 else 3
    middle = start + timedelta(days=(length - 1) // 2)
    return DateRange(start, end, precision, point or middle)


def safe_date(year: int, month: int, dayno: int) -> date | None:
    """date(year, month, day), or None when that day does not exist."""
    try:
        return date(year, month, dayno)
    except ValueError:
        return None


def add_months(d: date, months: int) -> date:
    """`d` moved by whole months, clamped to the last day of the target month."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(d.day, last))


def month_span(year: int, month: int, part: str = "", cap: date | None = None) -> DateRange:
    """A month (or its early/mid/late third) at precision 3, coded on its middle (the 15th).

    `cap` (the reference date, for "this month") keeps the point from lying after it.
    """
    last = calendar.monthrange(year, month)[1]
    first_day, last_day = {"early": (1, 10), "mid": (11, 20), "late": (21, last)}.get(part, (1, last))
    start, end = date(year, month, first_day), date(year, month, last_day)
    point = date(year, month, 15) if not part else start + timedelta(days=(last_day - first_day) // 2)
    if cap is not None and start <= cap < end:
        end = cap
        point = min(point, cap)
    return DateRange(start, end, 3, point)


def week_of(d: date) -> tuple[date, date]:
    """Monday and Sunday of the week holding `d`."""
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6)


def latest_weekday(ref: date, weekday: int, strictly_before: bool = False) -> date:
    """The latest `weekday` on or before `ref` (strictly before when asked)."""
    back = (ref.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    return ref - timedelta(days=back)


def next_weekday(ref: date, weekday: int, strictly_after: bool = False) -> date:
    """The first `weekday` on or after `ref` (strictly after when asked)."""
    ahead = (weekday - ref.weekday()) % 7
    if ahead == 0 and strictly_after:
        ahead = 7
    return ref + timedelta(days=ahead)


def shift(d: date, amount: int, unit: str) -> date | None:
    """`d` moved by `amount` hours, days, weeks, months or years (hours count in whole days)."""
    if unit == "hour":
        return d + timedelta(days=amount // 24 if amount >= 0 else -((-amount) // 24))
    if unit == "day":
        return d + timedelta(days=amount)
    if unit == "week":
        return d + timedelta(days=7 * amount)
    if unit == "month":
        return add_months(d, amount)
    if unit == "year":
        return add_months(d, 12 * amount)
    return None


UNIT_PRECISION: dict[str, int] = {"hour": 1, "day": 1, "week": 2, "month": 2, "year": 3}
