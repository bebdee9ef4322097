"""A fallback for calendar dates the grammar missed: spaCy DATE entities read by dateparser.

Only entities that name a month and hold a number, and that overlap no expression the grammar
found, reach dateparser, one isolated span at a time, with results cached per text. Relative
expressions never come here: dateparser cannot anchor them to the narrative.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from marsad.timeexpr.expr import Kind, TimeExpr
from marsad.timeexpr.lexicon import MONTH

_HAS_MONTH = re.compile(MONTH, re.IGNORECASE)
_HAS_NUMBER = re.compile(r"\d")
_HAS_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def entity_expressions(span: Any, offset: int, known: list[TimeExpr], text: str) -> list[TimeExpr]:
    """Calendar dates in the sentence's DATE entities that no expression in `known` covers.

    `text` is the sentence's text: without a month name in it there is nothing to look for.
    """
    out: list[TimeExpr] = []
    if not (_HAS_NUMBER.search(text) and _HAS_MONTH.search(text)):
        return out
    for ent in span.ents:
        if ent.label_ != "DATE":
            continue
        start = offset + ent.start_char
        end = start + len(ent.text)
        if any(e.start < end and start < e.end for e in known):
            continue
        if not (_HAS_MONTH.search(ent.text) and _HAS_NUMBER.search(ent.text)):
            continue
        parts = parse_isolated(ent.text)
        if parts is not None:
            year, month, day = parts
            kind = Kind.DATE if day is not None else Kind.MONTH
            out.append(TimeExpr(start, end, ent.text, kind, year=year, month=month, day=day))
    return out


@lru_cache(maxsize=4096)
def parse_isolated(text: str) -> tuple[int | None, int, int | None] | None:
    """(year or None, month, day or None) of a date written in `text`, read by dateparser."""
    from dateparser.date import DateDataParser

    parser = _parser(DateDataParser)
    data = parser.get_date_data(text)
    when = data.date_obj
    if when is None or data.period not in ("day", "month"):
        return None
    year = when.year if _HAS_YEAR.search(text) else None
    return year, when.month, when.day if data.period == "day" else None


@lru_cache(maxsize=1)
def _parser(factory: Any) -> Any:
    """One English DateDataParser, built on first use."""
    return factory(languages=["en"], settings={"REQUIRE_PARTS": ["month"], "PREFER_DAY_OF_MONTH": "first"})
