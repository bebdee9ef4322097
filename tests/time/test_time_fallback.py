"""The dateparser fallback for DATE entities the grammar could not read."""

from __future__ import annotations

from dataclasses import dataclass

from marsad.timeexpr import Kind, TimeExpr
from marsad.timeexpr.fallback import entity_expressions, parse_isolated


@dataclass
class FakeEnt:
    """Just what the fallback reads from a spaCy entity."""

    text: str
    start_char: int
    label_: str = "DATE"


@dataclass
class FakeSpan:
    """A sentence span with entities."""

    ents: list[FakeEnt]


def test_isolated_spans_are_read_and_cached() -> None:
    parse_isolated.cache_clear()
    assert parse_isolated("March the 3rd") == (None, 3, 3)
    assert parse_isolated("the 3rd of March 2017") == (2017, 3, 3)
    assert parse_isolated("Sept 2017") == (2017, 9, None)
    assert parse_isolated("March the 3rd") == (None, 3, 3)
    assert parse_isolated.cache_info().hits == 1


def test_only_uncovered_entities_with_a_month_and_a_number_are_tried() -> None:
    text = "Forces entered on March the 3rd and left on 5 May, after two weeks."
    span = FakeSpan(
        [
            FakeEnt("March the 3rd", text.index("March the 3rd")),
            FakeEnt("5 May", text.index("5 May")),
            FakeEnt("two weeks", text.index("two weeks")),
            FakeEnt("Forces", 0, "ORG"),
        ]
    )
    at = 100 + text.index("5 May")
    known = [TimeExpr(at, at + 5, "5 May", Kind.DATE, month=5, day=5)]
    got = entity_expressions(span, 100, known, text)
    assert [(e.start - 100, e.text, e.kind, e.month, e.day) for e in got] == [
        (text.index("March the 3rd"), "March the 3rd", Kind.DATE, 3, 3)
    ]


def test_no_month_no_dateparser() -> None:
    span = FakeSpan([FakeEnt("three days", 0)])
    assert entity_expressions(span, 0, [], "three days of fighting") == []
