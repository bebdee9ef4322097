"""The resolver: deictic expressions from the reference date, anaphoric ones from the narrative."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from marsad.timeexpr import Context, DateRange, TimeExpr, resolve, scan
from marsad.timeexpr.calendar import add_months, day, month_span, span


def expr_of(text: str) -> TimeExpr:
    """The single expression in `text`."""
    found = scan(text)
    assert len(found) == 1, [e.text for e in found]
    return found[0]


def at(
    text: str, ref: date | None = None, anchor: DateRange | None = None, **ctx: object
) -> DateRange | None:
    """Resolve the expression in `text` against a reference date and a narrative date."""
    return resolve(expr_of(text), Context(reference=ref, anchor=anchor, **ctx))  # type: ignore[arg-type]


def point(text: str, ref: date | None = None, anchor: DateRange | None = None, **ctx: object) -> date | None:
    """The event_date the expression resolves to."""
    got = at(text, ref, anchor, **ctx)
    return got.point if got else None


WED_2019_11_27 = date(2019, 11, 27)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on Wednesday", date(2019, 11, 27)),  # the report's own weekday is the report's day
        ("on Tuesday", date(2019, 11, 26)),
        ("on Thursday", date(2019, 11, 21)),  # the latest Thursday on or before the reference
        ("late on Sunday", date(2019, 11, 24)),
        ("last Wednesday", date(2019, 11, 20)),
        ("next Friday", date(2019, 11, 29)),
        ("today", date(2019, 11, 27)),
        ("yesterday", date(2019, 11, 26)),
        ("the day before yesterday", date(2019, 11, 25)),
        ("tomorrow", date(2019, 11, 28)),
        ("last night", date(2019, 11, 26)),
        ("24 hours ago", date(2019, 11, 26)),
        ("two days ago", date(2019, 11, 25)),
        ("a week ago", date(2019, 11, 20)),
    ],
)
def test_deictic_days(text: str, expected: date) -> None:
    assert point(text, WED_2019_11_27) == expected


@pytest.mark.parametrize(
    ("text", "ref", "expected"),
    [
        ("December 30", date(2018, 1, 5), date(2017, 12, 30)),  # previous year: not after the report
        ("in December 29", date(2019, 1, 2), date(2018, 12, 29)),
        ("on 2 March", date(2019, 3, 14), date(2019, 3, 2)),
        ("March 15", date(2019, 3, 14), date(2019, 3, 15)),  # one day of tolerance (time zones)
        ("March 20", date(2019, 3, 14), date(2018, 3, 20)),
        ("September 9, 2017", date(2019, 3, 14), date(2017, 9, 9)),  # a written year is kept
    ],
)
def test_year_of_a_month_and_day(text: str, ref: date, expected: date) -> None:
    assert point(text, ref) == expected


def test_year_without_reference_comes_from_the_text() -> None:
    assert point("in August 26", year_hint=2017, reference_given=False) == date(2017, 8, 26)
    # with no year anywhere, nothing can be dated
    assert at("in August 26", reference_given=False) is None


def test_year_without_reference_keeps_the_narrative_in_order() -> None:
    dec = day(date(2017, 12, 30))
    assert point("On January 2", anchor=dec, year_hint=2017, reference_given=False) == date(2018, 1, 2)
    nov = day(date(2017, 9, 13))
    assert point("in November 8", anchor=nov, year_hint=2017, reference_given=False) == date(2017, 11, 8)


def test_paragraph_year_keeps_a_nearby_date_in_its_year() -> None:
    may = month_span(2015, 5)
    ref = date(2019, 6, 20)
    assert point("On May 21", ref, anchor=may, local_year=2015) == date(2015, 5, 21)
    # far from the narrative's date, the reference decides
    jan = month_span(2014, 1)
    assert point("on June 17", ref, anchor=jan, local_year=2014) == date(2019, 6, 17)


@pytest.mark.parametrize(
    ("text", "ref", "start", "end", "point_", "precision"),
    [
        ("last month", date(2019, 3, 14), date(2019, 2, 1), date(2019, 2, 28), date(2019, 2, 15), 3),
        ("late last month", date(2019, 5, 19), date(2019, 4, 21), date(2019, 4, 30), date(2019, 4, 25), 3),
        (
            "late last month, April",
            date(2017, 5, 19),
            date(2017, 4, 21),
            date(2017, 4, 30),
            date(2017, 4, 25),
            3,
        ),
        ("this month", date(2018, 9, 10), date(2018, 9, 1), date(2018, 9, 10), date(2018, 9, 10), 3),
        ("last February", date(2019, 3, 1), date(2019, 2, 1), date(2019, 2, 28), date(2019, 2, 15), 3),
        ("last February", date(2019, 2, 20), date(2018, 2, 1), date(2018, 2, 28), date(2018, 2, 15), 3),
        ("in January", date(2017, 3, 3), date(2017, 1, 1), date(2017, 1, 31), date(2017, 1, 15), 3),
        ("in December", date(2018, 1, 5), date(2017, 12, 1), date(2017, 12, 31), date(2017, 12, 15), 3),
        ("in June last year", date(2017, 5, 19), date(2016, 6, 1), date(2016, 6, 30), date(2016, 6, 15), 3),
        ("June last year 2016", date(2017, 5, 19), date(2016, 6, 1), date(2016, 6, 30), date(2016, 6, 15), 3),
        ("early May", date(2019, 6, 1), date(2019, 5, 1), date(2019, 5, 10), date(2019, 5, 5), 3),
        ("mid-October", date(2019, 12, 1), date(2019, 10, 11), date(2019, 10, 20), date(2019, 10, 15), 3),
        ("two months ago", date(2017, 5, 19), date(2017, 3, 1), date(2017, 3, 31), date(2017, 3, 15), 3),
        ("last week", WED_2019_11_27, date(2019, 11, 18), date(2019, 11, 24), date(2019, 11, 21), 2),
        (
            "In the past 24 hours",
            date(2019, 5, 13),
            date(2019, 5, 12),
            date(2019, 5, 13),
            date(2019, 5, 12),
            1,
        ),
        ("a few days ago", date(2017, 5, 19), date(2017, 5, 13), date(2017, 5, 19), date(2017, 5, 16), 2),
        ("3-7 May", date(2019, 6, 1), date(2019, 5, 3), date(2019, 5, 7), date(2019, 5, 5), 2),
        ("September 12-13", date(2017, 10, 1), date(2017, 9, 12), date(2017, 9, 13), date(2017, 9, 12), 1),
        (
            "on Monday and Tuesday",
            date(2017, 10, 18),
            date(2017, 10, 16),
            date(2017, 10, 17),
            date(2017, 10, 16),
            1,
        ),
    ],
)
def test_ranges_and_precision(
    text: str, ref: date, start: date, end: date, point_: date, precision: int
) -> None:
    assert at(text, ref) == DateRange(start, end, precision, point_)


def test_a_night_is_coded_on_its_second_day() -> None:
    got = at("the night of Wednesday, September 12-13", date(2017, 10, 1))
    assert got == DateRange(date(2017, 9, 12), date(2017, 9, 13), 1, date(2017, 9, 13))
    got = at("the night of December 30-31", date(2018, 1, 2))
    assert got == DateRange(date(2017, 12, 30), date(2017, 12, 31), 1, date(2017, 12, 31))


def test_a_weekday_night_is_coded_on_the_weekday() -> None:
    got = at("on Tuesday night", date(2016, 4, 20))
    assert got == DateRange(date(2016, 4, 19), date(2016, 4, 20), 1, date(2016, 4, 19))


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("the next day", date(2017, 11, 9), 1),
        ("The following day", date(2017, 11, 9), 1),
        ("the day before", date(2017, 11, 7), 1),
        ("on the same day", date(2017, 11, 8), 1),
        ("that night", date(2017, 11, 8), 1),
        ("two days later", date(2017, 11, 10), 1),
        ("Fourteen days later", date(2017, 11, 22), 1),
        ("a week later", date(2017, 11, 15), 2),
        ("a few days later", date(2017, 11, 11), 2),
        ("three days earlier", date(2017, 11, 5), 1),
    ],
)
def test_anaphoric_counts_from_the_narrative(text: str, expected: date, precision: int) -> None:
    got = at(text, date(2018, 1, 1), anchor=day(date(2017, 11, 8)))
    assert got is not None
    assert (got.point, got.precision) == (expected, precision)


def test_anaphoric_needs_a_narrative_date() -> None:
    assert at("the next day", date(2018, 1, 1)) is None


def test_anaphoric_is_no_more_precise_than_its_anchor() -> None:
    got = at("the next day", date(2017, 3, 3), anchor=month_span(2017, 1))
    assert got is not None and got.precision == 3


def test_the_following_month_is_a_whole_month() -> None:
    got = at("the following month", date(2018, 1, 1), anchor=day(date(2017, 10, 20)))
    assert got == month_span(2017, 11)


def test_after_an_earlier_happening() -> None:
    expr = expr_of("A month after the launch of the campaign")
    launched = day(date(2017, 9, 9))
    got = resolve(expr, Context(event_anchor=launched, anchor=day(date(2017, 9, 28))))
    assert got is not None and got.point == date(2017, 10, 9) and got.precision == 2
    # not found: the narrative's date stands in, a week's precision at best
    got = resolve(expr, Context(anchor=day(date(2017, 9, 28))))
    assert got is not None and got.point == date(2017, 10, 28) and got.precision == 2


@pytest.mark.parametrize(
    ("anchor", "ref", "expected"),
    [
        (day(date(2018, 12, 30)), date(2019, 1, 2), date(2019, 1, 1)),  # dev-17
        (day(date(2017, 12, 31)), date(2018, 1, 3), date(2018, 1, 1)),  # dev-18
        (None, date(2018, 1, 3), date(2018, 1, 1)),
        (None, date(2018, 6, 3), date(2018, 1, 1)),
    ],
)
def test_first_day_of_the_new_year(anchor: DateRange | None, ref: date, expected: date) -> None:
    assert point("the first day of the new year", ref, anchor=anchor) == expected


def test_future_expressions_resolve_forward() -> None:
    sunday = replace(expr_of("on Sunday"), future=True)
    assert resolve(sunday, Context(reference=WED_2019_11_27)).point == date(2019, 12, 1)  # type: ignore[union-attr]
    march = replace(expr_of("on 2 March"), future=True)
    assert resolve(march, Context(reference=date(2019, 3, 14))).point == date(2020, 3, 2)  # type: ignore[union-attr]
    assert point("next month", date(2019, 3, 14)) == date(2019, 4, 15)
    assert point("next week", WED_2019_11_27) == date(2019, 12, 5)


def test_vague_futures_and_bare_years_date_nothing() -> None:
    assert at("in the coming days", WED_2019_11_27) is None
    assert at("soon", WED_2019_11_27) is None
    assert at("in 2016", WED_2019_11_27) is None


def test_years_back_date_coarsely_rather_than_to_the_report_week() -> None:
    # an event "last year" or "three years ago" is not an event of the report's week
    last = at("last year", WED_2019_11_27)
    assert last is not None and (last.start, last.end, last.precision) == (
        date(2018, 1, 1),
        date(2018, 12, 31),
        3,
    )
    this = at("this year", WED_2019_11_27)
    assert this is not None and (this.start, this.end) == (date(2019, 1, 1), WED_2019_11_27)
    ago = at("three years ago", WED_2019_11_27)
    assert ago is not None and ago.precision == 3 and ago.start <= date(2016, 11, 27) <= ago.end
    exact = at("a year ago today", WED_2019_11_27)
    assert exact is not None and (exact.start, exact.end, exact.precision) == (date(2018, 11, 27),) * 2 + (1,)


def test_deictic_needs_a_reference() -> None:
    assert at("yesterday") is None
    assert at("on Sunday") is None


def test_weekday_without_reference_follows_the_narrative() -> None:
    anchor = day(date(2017, 9, 11))  # a Monday
    assert point("on Wednesday", anchor=anchor, reference_given=False) == date(2017, 9, 13)


def test_calendar_helpers() -> None:
    assert add_months(date(2017, 1, 31), 1) == date(2017, 2, 28)
    assert add_months(date(2017, 12, 15), 1) == date(2018, 1, 15)
    assert span(date(2019, 5, 1), date(2019, 5, 31)).precision == 3
    assert month_span(2019, 2).point == date(2019, 2, 15)
    assert (
        DateRange(date(2017, 9, 12), date(2017, 9, 13), 1, date(2017, 9, 13)).key == "2017-09-12/2017-09-13/1"
    )


@pytest.mark.parametrize(
    ("text", "start", "end", "point_"),
    [
        ("the night of December 31-January 1", date(2018, 12, 31), date(2019, 1, 1), date(2019, 1, 1)),
        ("31 December-1 January", date(2018, 12, 31), date(2019, 1, 1), date(2018, 12, 31)),
        ("28 February-2 March", date(2019, 2, 28), date(2019, 3, 2), date(2019, 3, 1)),
    ],
)
def test_ranges_across_months(text: str, start: date, end: date, point_: date) -> None:
    got = at(text, date(2019, 5, 1))
    assert got is not None and (got.start, got.end, got.point) == (start, end, point_)


def test_two_dates_joined_by_and_stay_two_dates() -> None:
    assert [e.text for e in scan("on 2 March and 3 April")] == ["2 March", "3 April"]


@pytest.mark.parametrize(
    ("text", "saturday"),
    [("last weekend", date(2019, 11, 23)), ("this weekend", date(2019, 11, 30))],
)
def test_weekends(text: str, saturday: date) -> None:
    got = at(text, WED_2019_11_27)
    assert got == DateRange(saturday, saturday + timedelta(days=1), 2, saturday)
