"""Dates, bylines, datelines and titles found in a report's opening lines."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.ingest.dates import find_date, parse_date
from marsad.ingest.metadata import complete_metadata, find_metadata, parse_byline, parse_dateline
from marsad.model import Document


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4 March, 2019", date(2019, 3, 4)),
        ("4 Mar 2019", date(2019, 3, 4)),
        ("March 4, 2019", date(2019, 3, 4)),
        ("Sept. 30, 2016", date(2016, 9, 30)),
        ("2019-03-04", date(2019, 3, 4)),
        ("2019-03-04T08:15:00Z", date(2019, 3, 4)),
        ("2019-03-04T08:15:00+03:00", date(2019, 3, 4)),
        ("04/03/2019", date(2019, 3, 4)),
        ("03/24/2019", date(2019, 3, 24)),
        ("Monday, 4 March 2019 10:32 GMT", date(2019, 3, 4)),
    ],
)
def test_parse_date_common_forms(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["March 4", "may", "31 February 2019", "we may go in 2019", "", "soon"])
def test_parse_date_rejects_non_dates(text: str) -> None:
    assert parse_date(text) is None


def test_find_date_returns_span() -> None:
    found = find_date("Posted on 12 July, 2018 by the desk")
    assert found is not None
    assert found[0] == date(2018, 7, 12)
    assert found[1] == (10, 23)


@pytest.mark.parametrize(
    ("line", "source", "published"),
    [
        ("Northern Courier Editor | 7 August, 2018", "Northern Courier", date(2018, 8, 7)),
        ("By Ana Ruiz, Frontline Daily | March 4, 2019", "Frontline Daily", date(2019, 3, 4)),
        ("By Ana Ruiz | March 4, 2019", None, date(2019, 3, 4)),
        ("Levant Wire Staff - 2020-01-15", "Levant Wire", date(2020, 1, 15)),
        ("Published: 15/01/2020", None, date(2020, 1, 15)),
        ("Tuesday, 9 April 2019", None, date(2019, 4, 9)),
        ("April 9, 2019 | Steppe Monitor", "Steppe Monitor", date(2019, 4, 9)),
    ],
)
def test_bylines(line: str, source: str | None, published: date) -> None:
    assert parse_byline(line) == (source, published)


@pytest.mark.parametrize(
    "line",
    [
        "Three killed in 9 April 2019 blast at Raqqa market as fighting spreads to the east",
        "Contact | About Us",
        "Government forces advanced on 9 April 2019 after a week of heavy shelling of the town.",
    ],
)
def test_not_bylines(line: str) -> None:
    assert parse_byline(line) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("MOSUL, June 18 (Levant Wire) - Gunmen attacked a checkpoint.", ("Levant Wire", None)),
        ("MOSUL, June 18, 2018 (Levant Wire) - Gunmen attacked.", ("Levant Wire", date(2018, 6, 18))),
        ("Beirut (Frontline Daily) — Shelling resumed overnight.", ("Frontline Daily", None)),
        ("NEWS DESK– After the agreement, forces advanced.", None),
    ],
)
def test_datelines(line: str, expected: tuple[str, date | None] | None) -> None:
    assert parse_dateline(line) == expected


def test_find_metadata_skips_menu_and_reads_byline_and_outlet_line() -> None:
    text = (
        "Home | Contact Us\n\nFighting Flares Along the Khabur River\n\n"
        "Northern Courier Editor | 7 August, 2018\n\nNorthern Courier:\n\nClashes continued on Monday."
    )
    found = find_metadata(text)
    assert (found.title, found.source, found.published) == (
        "Fighting Flares Along the Khabur River",
        "Northern Courier",
        date(2018, 8, 7),
    )


def test_outlet_line_alone_gives_source() -> None:
    found = find_metadata("Steppe Monitor:\n\nArmed men seized a truck near the crossing on Friday.")
    assert (found.source, found.title, found.published) == ("Steppe Monitor", None, None)


def test_no_title_when_text_starts_with_body() -> None:
    text = "Armed men seized a truck near the crossing on Friday.\nA Short Line Later\n"
    assert find_metadata(text).title is None


def test_metadata_only_looked_for_in_opening_lines() -> None:
    body = "\n".join(f"Paragraph {n} of the report says little." for n in range(10))
    assert find_metadata(body + "\nNorthern Courier Editor | 7 August, 2018").published is None


def test_complete_metadata_given_values_win_and_provenance_is_recorded() -> None:
    doc = Document(text="A Headline Here\n\nNorthern Courier Editor | 7 August, 2018\n\nBody text.")
    complete_metadata(doc, published=date(2020, 1, 1), source="Given Outlet")
    assert (doc.published, doc.source, doc.title) == (date(2020, 1, 1), "Given Outlet", "A Headline Here")
    assert doc.provenance == {"published": "given", "source": "given", "title": "text"}


@pytest.mark.parametrize(
    ("name", "expected"),
    [("05-wire-2017-11-10.txt", date(2017, 11, 10)), ("report.txt", None), ("2017-13-40.txt", None)],
)
def test_date_in_file_name_is_the_last_resort(name, expected) -> None:
    from marsad.ingest.metadata import date_in_name

    assert date_in_name(name) == expected


def test_file_name_date_is_used_only_when_the_text_has_none() -> None:
    from marsad.ingest.metadata import complete_metadata
    from marsad.model import Document

    doc = complete_metadata(Document(text="Clashes went on.", id="x-2017-11-10.txt"))
    assert doc.published == date(2017, 11, 10) and doc.provenance["published"] == "filename"
    given = complete_metadata(
        Document(text="Clashes went on.", id="x-2017-11-10.txt"), published=date(2018, 1, 1)
    )
    assert given.published == date(2018, 1, 1)
