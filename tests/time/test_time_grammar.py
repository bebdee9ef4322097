"""The time-expression grammar: what it finds, what it reads from it, and what it must not find."""

from __future__ import annotations

from typing import Any

import pytest

from marsad.timeexpr import Kind, TimeExpr, scan


def only(text: str) -> TimeExpr:
    """The single expression found in `text`."""
    found = scan(text)
    assert len(found) == 1, [e.text for e in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "span", "kind", "fields"),
    [
        ("in August 26, an agreement", "August 26", Kind.DATE, {"month": 8, "day": 26, "year": None}),
        ("26 August", "26 August", Kind.DATE, {"month": 8, "day": 26}),
        ("In September 9, 2017 the council", "September 9, 2017", Kind.DATE, {"year": 2017, "day": 9}),
        ("on 2 March by gunmen", "2 March", Kind.DATE, {"month": 3, "day": 2}),
        ("repelled in December 29 a wide attack", "December 29", Kind.DATE, {"month": 12, "day": 29}),
        ("on Aug. 31, 2017.", "Aug. 31, 2017", Kind.DATE, {"year": 2017, "month": 8, "day": 31}),
        ("BAGHDAD, Oct 10 (Tigris Wire)", "Oct 10", Kind.DATE, {"month": 10, "day": 10}),
        ("the 5th of May 2016", "5th of May 2016", Kind.DATE, {"year": 2016, "month": 5, "day": 5}),
        ("on 2017-09-09.", "2017-09-09", Kind.DATE, {"year": 2017, "month": 9, "day": 9}),
        ("on 09/10/2017", "09/10/2017", Kind.DATE, {"year": 2017, "month": 10, "day": 9}),
        ("On Monday, 18 April, a helicopter", "Monday, 18 April", Kind.DATE, {"weekday": 0, "day": 18}),
        (
            "at 1500 hours on Thursday, 24 May 2018, an air strike",
            "Thursday, 24 May 2018",
            Kind.DATE,
            {"weekday": 3, "year": 2018, "month": 5, "day": 24},
        ),
        (
            "entered at the night of Wednesday, September 12-13 after",
            "the night of Wednesday, September 12-13",
            Kind.DATE,
            {"month": 9, "day": 12, "day_end": 13, "night": True},
        ),
        ("on the night of December 30-31", "the night of December 30-31", Kind.DATE, {"day_end": 31}),
        ("between 12 and 14 May", "12 and 14 May", Kind.DATE, {"day": 12, "day_end": 14, "night": False}),
        ("on Sunday", "Sunday", Kind.WEEKDAY, {"weekday": 6, "lead": "on"}),
        ("Wednesday", "Wednesday", Kind.WEEKDAY, {"weekday": 2}),
        ("burned it late on Wednesday;", "late on Wednesday", Kind.WEEKDAY, {"weekday": 2}),
        ("on Saturday night", "Saturday night", Kind.WEEKDAY, {"weekday": 5, "night": True}),
        ("on Monday and Tuesday", "Monday and Tuesday", Kind.WEEKDAY, {"weekday": 0, "weekday_end": 1}),
        ("last Monday", "last Monday", Kind.WEEKDAY, {"rel": "last", "future": False}),
        ("today", "today", Kind.DEICTIC, {"amount": 0}),
        ("yesterday", "yesterday", Kind.DEICTIC, {"amount": -1}),
        ("tonight", "tonight", Kind.DEICTIC, {"amount": 0, "night": True}),
        ("last night", "last night", Kind.DEICTIC, {"amount": -1, "night": True}),
        ("the day before yesterday", "the day before yesterday", Kind.DEICTIC, {"amount": -2}),
        ("the day before", "the day before", Kind.ANAPHORIC, {"amount": 1, "direction": -1}),
        ("The next day, forces", "The next day", Kind.ANAPHORIC, {"amount": 1, "direction": 1}),
        ("the following day", "the following day", Kind.ANAPHORIC, {"amount": 1, "direction": 1}),
        ("on the same day", "the same day", Kind.ANAPHORIC, {"direction": 0, "lead": "on"}),
        ("On the evening of the same day,", "the evening of the same day", Kind.ANAPHORIC, {"direction": 0}),
        ("that night", "that night", Kind.ANAPHORIC, {"direction": 0, "night": True}),
        (
            "two days later, the",
            "two days later",
            Kind.ANAPHORIC,
            {"amount": 2, "unit": "day", "direction": 1},
        ),
        ("Fourteen days later", "Fourteen days later", Kind.ANAPHORIC, {"amount": 14}),
        (
            "twenty-four hours later",
            "twenty-four hours later",
            Kind.ANAPHORIC,
            {"amount": 24, "unit": "hour"},
        ),
        ("a week later", "a week later", Kind.ANAPHORIC, {"amount": 1, "unit": "week"}),
        ("three months later", "three months later", Kind.ANAPHORIC, {"amount": 3, "unit": "month"}),
        ("two days earlier", "two days earlier", Kind.ANAPHORIC, {"amount": 2, "direction": -1}),
        ("a few days later", "a few days later", Kind.ANAPHORIC, {"amount": 3, "approximate": True}),
        ("24 hours ago", "24 hours ago", Kind.AGO, {"amount": 24, "unit": "hour"}),
        ("two days ago", "two days ago", Kind.AGO, {"amount": 2, "unit": "day"}),
        ("two months ago", "two months ago", Kind.AGO, {"amount": 2, "unit": "month"}),
        ("In the past 24 hours,", "the past 24 hours", Kind.PAST, {"amount": 24, "unit": "hour"}),
        ("last week", "last week", Kind.CALENDAR, {"unit": "week", "rel": "last"}),
        ("this month", "this month", Kind.CALENDAR, {"unit": "month", "rel": "this"}),
        ("During last month, the", "last month", Kind.CALENDAR, {"unit": "month", "lead": "during"}),
        (
            "late last month, April, according",
            "late last month, April",
            Kind.CALENDAR,
            {"part": "late", "rel": "last", "month": 4},
        ),
        ("last February", "last February", Kind.MONTH, {"month": 2, "rel": "last"}),
        ("in January", "January", Kind.MONTH, {"month": 1, "lead": "in"}),
        ("early May", "early May", Kind.MONTH, {"month": 5, "part": "early"}),
        ("mid-October", "mid-October", Kind.MONTH, {"month": 10, "part": "mid"}),
        ("late April", "late April", Kind.MONTH, {"month": 4, "part": "late"}),
        ("January 2014", "January 2014", Kind.MONTH, {"month": 1, "year": 2014}),
        (
            "was in June last year 2016.",
            "June last year 2016",
            Kind.MONTH,
            {"month": 6, "year": 2016, "rel": "last-year"},
        ),
        ("in June last year", "June last year", Kind.MONTH, {"month": 6, "year": None, "rel": "last-year"}),
        (
            "On the first day of the new year, an",
            "the first day of the new year",
            Kind.NEW_YEAR,
            {"month": 1, "day": 1},
        ),
        ("in 2016", "2016", Kind.YEAR, {"year": 2016}),
        (
            "A month after the launch of the campaign, fronts met",
            "A month after the launch of the campaign",
            Kind.AFTER_EVENT,
            {"amount": 1, "unit": "month", "anchor_head": "launch", "anchor_of": "campaign"},
        ),
        (
            "two months after the Iraqi air strikes, militias came",
            "two months after the Iraqi air strikes",
            Kind.AFTER_EVENT,
            {"amount": 2, "anchor_head": "strikes"},
        ),
    ],
)
def test_expression_forms(text: str, span: str, kind: Kind, fields: dict[str, Any]) -> None:
    expr = only(text)
    assert expr.text == span
    assert text[expr.start : expr.end] == span
    assert expr.kind is kind
    for name, value in fields.items():
        assert getattr(expr, name) == value, name


@pytest.mark.parametrize(
    "text",
    [
        "In the coming few days, the council is expected to take hold of the countryside.",
        "the mercenaries will soon collapse in their so-called capital",
        "They plan to push in the coming days.",
        "next week",
        "tomorrow",
        "next Sunday",
        "The Monitor said it would publish a fuller report next month.",
        "in the near future",
        "the fighting is expected to end later this month",
    ],
)
def test_future_expressions_are_flagged(text: str) -> None:
    assert any(e.future for e in scan(text)), [e.text for e in scan(text)]


@pytest.mark.parametrize(
    "text",
    [
        "the next day",
        "two days later",
        "yesterday",
        "tonight",
        "soon after the attack",
        "on Sunday",
        "last month",
        "in January",
        "24 hours ago",
    ],
)
def test_past_and_present_expressions_are_not_future(text: str) -> None:
    assert scan(text) == [] or not any(e.future for e in scan(text))


@pytest.mark.parametrize(
    "text",
    [
        "We may march on the second sun now.",
        "they may attack again and now they march",
        "the march on Damascus",
        "more than 2,000 demonstrators and 313 fighters",
        "launched from 4 fronts; Force 313 and the 16th Division",
        "Article 4 of the anti-terrorism law",
        "at 1500 hours",
        "killing (36) terrorists and 25 explosive charges",
        "a 48-hour truce",
        "after three days of street fighting",
        "on the third consecutive day of protests",
        "They stayed in the desert for two weeks",
        "in the final day of clashes",
        "in the morning hours",
        "May God have mercy on them",
        "March on, the commander told the troops in May-day spirit",
    ],
)
def test_ordinary_words_make_no_date(text: str) -> None:
    found = scan(text)
    assert found == [], [(e.text, e.kind) for e in found]


def test_month_names_need_a_cue() -> None:
    assert scan("March") == []
    assert only("in March").kind is Kind.MONTH
    assert only("March 2017").kind is Kind.MONTH
    assert only("on 3 March").kind is Kind.DATE


@pytest.mark.parametrize(
    ("text", "lead", "point_like"),
    [
        ("since April", "since", False),
        ("since January 2014", "since", False),
        ("until 5 May", "until", False),
        ("every Friday", "every", False),
        ("for three years ago", "for", False),
        ("on Friday", "on", True),
        ("in August 26", "in", True),
        ("of January", "of", True),
    ],
)
def test_leading_words_mark_bounds_and_habits(text: str, lead: str, point_like: bool) -> None:
    expr = only(text)
    assert expr.lead == lead
    assert expr.point_like is point_like


def test_every_is_habitual() -> None:
    assert only("every Friday").habitual
    assert not only("on Friday").habitual


def test_offsets_are_shifted() -> None:
    text = "Forces entered the town on 2 March and left the next day."
    found = scan(text, offset=100)
    assert [(e.start - 100, e.end - 100) for e in found] == [(27, 34), (44, 56)]
    assert [text[e.start - 100 : e.end - 100] for e in found] == ["2 March", "the next day"]


def test_several_expressions_in_text_order() -> None:
    text = "In October 14, al-Sor axis met Mercada, two days later, the regime shelled the positions."
    assert [(e.kind, e.text) for e in scan(text)] == [
        (Kind.DATE, "October 14"),
        (Kind.ANAPHORIC, "two days later"),
    ]


def test_longest_reading_wins() -> None:
    assert only("on Thursday, 5 December 2019").kind is Kind.DATE
    assert only("late last month, April").kind is Kind.CALENDAR
    assert only("the day before yesterday").kind is Kind.DEICTIC


def test_invalid_ranges_are_not_dates() -> None:
    assert scan("September 13-12") == [] or all(e.day_end is None for e in scan("September 13-12"))
