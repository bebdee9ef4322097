"""Paragraphs on blank lines, headings told apart from body text, offsets kept."""

from __future__ import annotations

import pytest

from marsad.model import Document
from marsad.stages.segment import is_heading, segment

TEXT = (
    "Home | News | Contact\n\n"
    "Army retakes the town\n\n"
    "Desk Editor | 3 March, 2017\n\n"
    "Government forces retook the town on Friday. Residents fled.\n\n"
    "the fighting went on overnight.\n\n"
    "Read more:\n"
    "Militants attack convoy near the river\n"
)


def test_paragraph_offsets_index_the_text() -> None:
    doc = segment(Document(text=TEXT))
    for par in doc.paragraphs:
        assert doc.span_text(par) == doc.span_text(par).strip()
        assert doc.span_text(par) in TEXT
    assert [doc.span_text(p) for p in doc.paragraphs][3].startswith("Government forces")


def test_headings_menus_bylines_and_links_are_marked() -> None:
    doc = segment(Document(text=TEXT))
    flags = {doc.span_text(p)[:20]: p.is_heading for p in doc.paragraphs}
    assert flags["Home | News | Contac"]
    assert flags["Army retakes the tow"]
    assert flags["Desk Editor | 3 Marc"]
    assert not flags["Government forces re"]
    assert not flags["the fighting went on"]
    assert flags["Read more:"]
    assert flags["Militants attack con"]


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("Syrian forces enter the city", True),
        ("Syrian forces entered the city on Monday.", False),
        ("Contact | About Us", True),
        ("Read more....", True),
        ("“We will fight,” he said.”", False),
    ],
)
def test_is_heading(line: str, heading: bool) -> None:
    assert is_heading(line) is heading


def test_single_newlines_split_headline_from_body_but_not_wrapped_lines() -> None:
    text = "Headline without a stop\nThe body starts here and goes on.\nIt continues."
    doc = segment(Document(text=text))
    assert doc.span_text(doc.paragraphs[0]) == "Headline without a stop"
    assert doc.paragraphs[0].is_heading and not doc.paragraphs[1].is_heading


def test_a_link_list_run_into_the_last_paragraph_is_no_text() -> None:
    body = (
        "Coalition strikes killed 20 civilians in Raqqa on Monday. The offensive goes on. "
        "91 Related US-Led Coalition Bombs School in Raqqa Army Kills Dozens of Militants in Hama"
    )
    doc = segment(Document(text="Strikes kill 20 in Raqqa\n\n" + body))
    texts = [(doc.span_text(p), p.is_heading) for p in doc.paragraphs]
    assert texts[1] == (
        "Coalition strikes killed 20 civilians in Raqqa on Monday. The offensive goes on.",
        False,
    )
    assert texts[2][0].startswith("91 Related") and texts[2][1]


def test_a_link_list_the_report_goes_on_after_is_left_in_the_text() -> None:
    body = (
        "Wednesday 27 Jul 2016 Print Tweet Views 729 Related IS group claims attack on town "
        "A double bomb attack killed 31 people in Qamishli on Wednesday, state television reported."
    )
    doc = segment(Document(text="Double bomb attack kills 31\n\n" + body))
    assert [p.is_heading for p in doc.paragraphs] == [True, False]
