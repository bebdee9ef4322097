"""Resolve a time expression to a `DateRange` against the reference date and the narrative.

Deictic expressions ("yesterday", "on Sunday", "last February", "24 hours ago") count from the
reference date, normally the publication date. Anaphoric ones ("the next day", "two days later",
"on the same day") count from the narrative's date: the last date the text resolved before them.
A month and day without a year take the year that puts them on or just before the reference date
(a 2 January report's "December 29" is the previous December); with no given reference date they
take the document's nearest written year, moved by one when that keeps the narrative in order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from marsad.timeexpr.calendar import (
    UNIT_PRECISION,
    DateRange,
    add_months,
    day,
    latest_weekday,
    month_span,
    next_weekday,
    safe_date,
    shift,
    span,
    week_of,
)
from marsad.timeexpr.expr import Kind, TimeExpr

# a date this far from the narrative's date is more likely in the neighbouring year
_HALF_YEAR = 183
# a date this close to the narrative's date keeps the paragraph's written year
_NEAR_DAYS = 62
# a report may date an event a day after its own publication date (time zones, datelines)
_TOLERANCE = timedelta(days=1)


@dataclass(slots=True)
class Context:
    """What an expression resolves against.

    `reference` is the reference date; `reference_given` is False when it was only inferred from
    the text (then years come from the text itself). `anchor` is the narrative's last date before
    the expression; `year_hint` the nearest year written in the document; `event_anchor` the date
    of the earlier happening an AFTER_EVENT expression refers to, when the caller found one;
    `local_year` the last year written earlier in the same paragraph ('in May 2015 ... on June 3').
    """

    reference: date | None = None
    reference_given: bool = True
    anchor: DateRange | None = None
    year_hint: int | None = None
    event_anchor: DateRange | None = None
    local_year: int | None = None


def resolve(expr: TimeExpr, ctx: Context) -> DateRange | None:
    """The dates `expr` stands for in this context, or None when it cannot be placed."""
    return _HANDLERS[expr.kind](expr, ctx)


def infer_year(month: int, dayno: int | None, ctx: Context, future: bool = False) -> int | None:
    """The year of a month (and day) written without one; a future one lies on or after the reference."""
    ref = ctx.reference
    if ref is not None and ctx.reference_given:
        if future:
            return _year_from(month, dayno, ref)
        return _local_year(month, dayno or 1, ctx) or _year_until(month, dayno, ref)
    return _year_from_text(month, dayno or 1, ctx)


def _year_until(month: int, dayno: int | None, ref: date) -> int | None:
    """The latest year that puts the date on or before the reference date (a day's tolerance)."""
    for year in (ref.year, ref.year - 1, ref.year - 2):
        d = safe_date(year, month, dayno or 1)
        if d is not None and d <= ref + _TOLERANCE:
            return year
    return None


def _year_from(month: int, dayno: int | None, ref: date) -> int | None:
    """The first year that puts the date (or the month's end) on or after the reference date."""
    for year in (ref.year, ref.year + 1):
        d = safe_date(year, month, dayno or 31) or safe_date(year, month, 28)
        if d is not None and d >= ref - _TOLERANCE:
            return year
    return None


def _year_from_text(month: int, dayno: int, ctx: Context) -> int | None:
    """With no given reference: the nearest written year, kept in order with the narrative."""
    anchor = ctx.anchor.point if ctx.anchor else None
    ref = ctx.reference
    base = ctx.year_hint or (anchor.year if anchor else None) or (ref.year if ref else None)
    if base is None or anchor is None:
        return base
    return _year_near(base, month, dayno, anchor)


def _local_year(month: int, dayno: int, ctx: Context) -> int | None:
    """The paragraph's own written year for a date near the narrative's ('In May 2015 ... On May 21').

    Only when the narrative's date is in that year, the date lies within two months of it and not
    after the reference date; else None, and the reference date decides.
    """
    if ctx.local_year is None or ctx.reference is None or ctx.anchor is None:
        return None
    anchor = ctx.anchor.point
    if anchor.year != ctx.local_year:
        return None
    d = safe_date(ctx.local_year, month, dayno)
    if d is None or abs((d - anchor).days) > _NEAR_DAYS or d > ctx.reference + _TOLERANCE:
        return None
    return ctx.local_year


def _year_near(base: int, month: int, dayno: int, anchor: date) -> int:
    """`base`, or the neighbouring year when `base` puts the date over half a year from `anchor`."""
    first = safe_date(base, month, dayno)
    if first is not None and abs((first - anchor).days) <= _HALF_YEAR:
        return base
    options = [(y, safe_date(y, month, dayno)) for y in (base - 1, base, base + 1)]
    valid = [(abs((d - anchor).days), y) for y, d in options if d is not None]
    return min(valid)[1] if valid else base


def _date(expr: TimeExpr, ctx: Context) -> DateRange | None:
    """A calendar date or day range."""
    assert expr.month is not None and expr.day is not None
    year = expr.year or infer_year(expr.month, expr.day, ctx, expr.future)
    if year is None:
        return None
    start = safe_date(year, expr.month, expr.day)
    if start is None:
        return None
    if expr.day_end is None:
        return DateRange(start, start + timedelta(days=1), 1, start) if expr.night else day(start)
    end_month = expr.month_end or expr.month
    end = safe_date(year + (1 if end_month < expr.month else 0), end_month, expr.day_end)
    if end is None or end < start:
        return None
    if expr.night:  # the night of 12-13: coded on the second day
        return DateRange(start, end, 1, end)
    return span(start, end)


def _month(expr: TimeExpr, ctx: Context) -> DateRange | None:
    """A month, maybe a part of it."""
    assert expr.month is not None
    year = expr.year or _month_year(expr.month, expr.rel if expr.rel or not expr.future else "next", ctx)
    if year is None:
        return None
    ref = ctx.reference
    cap = ref if ref is not None and (ref.year, ref.month) == (year, expr.month) else None
    return month_span(year, expr.month, expr.part, cap)


def _month_year(month: int, rel: str, ctx: Context) -> int | None:
    """The year of a month named without one: 'last February', 'in January', 'June last year'."""
    ref = ctx.reference
    if ref is None or (not ctx.reference_given and not rel):
        return infer_year(month, None, ctx)
    if rel.endswith("-year"):
        return ref.year + {"last-year": -1, "this-year": 0, "next-year": 1}[rel]
    if rel == "last":
        return ref.year if month < ref.month else ref.year - 1
    if rel in ("next", "coming"):
        return ref.year if month > ref.month else ref.year + 1
    if rel == "this":
        return ref.year
    local = _local_year(month, 1, ctx)
    if local is not None:
        return local
    return ref.year if month <= ref.month else ref.year - 1


def _weekday(expr: TimeExpr, ctx: Context) -> DateRange | None:
    """A weekday: the latest on or before the reference date, else the first from the narrative's date."""
    assert expr.weekday is not None
    ref, anchor = ctx.reference, ctx.anchor
    if ref is not None and (ctx.reference_given or anchor is None):
        if expr.rel == "next" or (expr.future and expr.rel != "last"):
            d = next_weekday(ref, expr.weekday, strictly_after=True)
        else:
            d = latest_weekday(ref, expr.weekday, strictly_before=expr.rel == "last")
    elif anchor is not None:
        d = next_weekday(anchor.point, expr.weekday)
    else:
        return None
    if expr.weekday_end is not None:
        return span(d, d + timedelta(days=(expr.weekday_end - expr.weekday) % 7))
    return DateRange(d, d + timedelta(days=1), 1, d) if expr.night else day(d)


def _deictic(expr: TimeExpr, ctx: Context) -> DateRange | None:
    """Today, yesterday, tomorrow, last night."""
    if ctx.reference is None:
        return None
    d = ctx.reference + timedelta(days=expr.amount)
    return DateRange(d, d + timedelta(days=1), 1, d) if expr.night else day(d)


def _ago(expr: TimeExpr, ctx: Context) -> DateRange | None:
    """N hours, days, weeks or months before the reference date."""
    if ctx.reference is None:
        return None
    d = shift(ctx.reference, -expr.amount, expr.unit)
    if d is None:
        return None
    if expr.rel == "exact":  # "a year ago today"
        return day(d)
    if expr.unit == "month":
        return month_span(d.year, d.month)
    return around(d, _unit_precision(expr))


def _unit_precision(expr: TimeExpr) -> int:
    """The precision an offset in this unit allows: 'a few days' only a week's, 'hours' a day's."""
    if expr.unit == "hour":
        return 1
    return 2 if expr.approximate else UNIT_PRECISION[expr.unit]


def _past(expr: TimeExpr, ctx: Context) -> DateRange | None:
    """The past N units: from N units before the reference date up to it."""
    ref = ctx.reference
    if ref is None:
        return None
    if expr.unit == "hour":
        start = ref - timedelta(days=max(1, -(-expr.amount // 24)))
    else:
        shifted = shift(ref, -expr.amount, expr.unit)
        if shifted is None:
            return None
        start = shifted
    return span(start, ref)


def _calendar(expr: TimeExpr, ctx: Context) -> DateRange | None:
    """Last/this/next week, weekend, month or year (a year at ACLED's coarsest precision, 3)."""
    ref = ctx.reference
    if ref is None:
        return None
    offset = {"last": -1, "this": 0, "next": 1}[expr.rel]
    if expr.unit == "weekend":
        saturday = latest_weekday(ref, 5)
        if offset == 1 or (offset == 0 and ref.weekday() < 5):
            saturday = next_weekday(ref, 5, strictly_after=True)
        elif offset == -1 and ref.weekday() >= 5:
            saturday -= timedelta(days=7)
        return span(saturday, saturday + timedelta(days=1), precision=2)
    if expr.unit == "week":
        monday, sunday = week_of(ref + timedelta(days=7 * offset))
        return span(monday, min(sunday, ref) if offset == 0 else sunday, precision=2)
    if expr.unit == "month":
        target = add_months(ref.replace(day=1), offset)
        if expr.month is not None and expr.month != target.month:  # "late last month, April"
            year = _month_year(expr.month, expr.rel, ctx) or target.year
            target = date(year, expr.month, 1)
        return month_span(target.year, target.month, expr.part, ref if offset == 0 else None)
    if expr.unit == "year":  # "last year": the whole year, no more than that is known
        year = ref.year + offset
        end = min(date(year, 12, 31), ref) if offset == 0 else date(year, 12, 31)
        return span(date(year, 1, 1), end, precision=3)
    return None


def _anaphoric(expr: TimeExpr, ctx: Context) -> DateRange | None:
    """The next day, two days later, on the same day: from the narrative's date."""
    return offset_from(ctx.anchor, expr)


def _after_event(expr: TimeExpr, ctx: Context) -> DateRange | None:
    """A month after the launch of the campaign: from the date of that earlier happening.

    When the caller found no such happening, the narrative's date stands in, a week's precision at best.
    """
    base = ctx.event_anchor or (ctx.anchor.coarsened(2) if ctx.anchor else None)
    return offset_from(base, expr)


def offset_from(base: DateRange | None, expr: TimeExpr) -> DateRange | None:
    """`base` moved by the expression's amount and unit, no more precise than `base`."""
    if base is None:
        return None
    if expr.direction == 0:
        return base
    if expr.rel == "whole" and expr.unit == "month":  # "the following month": that whole month
        moved = add_months(base.point, expr.direction)
        return month_span(moved.year, moved.month)
    d = shift(base.point, expr.direction * expr.amount, expr.unit)
    if d is None:
        return None
    precision = max(base.precision, _unit_precision(expr))
    if expr.night and precision == 1:
        return DateRange(d, d + timedelta(days=1), 1, d)
    return around(d, precision)


def around(d: date, precision: int) -> DateRange:
    """A day coded with a precision: itself, the week around it, or its month."""
    if precision <= 1:
        return day(d)
    if precision == 2:
        return DateRange(d - timedelta(days=3), d + timedelta(days=3), 2, d)
    span3 = month_span(d.year, d.month)
    return DateRange(span3.start, span3.end, 3, d)


def _new_year(expr: TimeExpr, ctx: Context) -> DateRange | None:
    """New Year's Day (or Eve) nearest the narrative's date, not after the reference date."""
    base = ctx.anchor.point if ctx.anchor else ctx.reference
    if base is None:
        return None
    month, dayno = expr.month or 1, expr.day or 1
    options = sorted(
        (date(y, month, dayno) for y in (base.year - 1, base.year, base.year + 1)),
        key=lambda d: abs((d - base).days),
    )
    ref = ctx.reference if ctx.reference_given else None
    for d in options:
        if ref is None or d <= ref + _TOLERANCE:
            return day(d)
    return None


def _none(expr: TimeExpr, ctx: Context) -> DateRange | None:
    """Years alone and vague futures date nothing."""
    return None


_HANDLERS: dict[Kind, Callable[[TimeExpr, Context], DateRange | None]] = {
    Kind.DATE: _date,
    Kind.MONTH: _month,
    Kind.WEEKDAY: _weekday,
    Kind.DEICTIC: _deictic,
    Kind.AGO: _ago,
    Kind.PAST: _past,
    Kind.CALENDAR: _calendar,
    Kind.ANAPHORIC: _anaphoric,
    Kind.AFTER_EVENT: _after_event,
    Kind.NEW_YEAR: _new_year,
    Kind.YEAR: _none,
    Kind.FUTURE: _none,
}
