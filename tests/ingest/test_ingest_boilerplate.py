"""Boilerplate patterns: site furniture is recognised, article text is not."""

from __future__ import annotations

import pytest

from marsad.ingest.boilerplate import is_boilerplate, is_link_lead, is_menu, trim_blocks


@pytest.mark.parametrize(
    "line",
    [
        "Contact | About Us",
        "Home | World | Middle East",
        "Share | Tweet",
        "Share • Print • Email",
        "Share this article on Facebook",
        "All rights reserved © 2021 The Northern Courier",
        "© 2020 Levant Wire",
        "Copyright 2019 Frontline Daily. All rights reserved.",
        "Subscribe to our newsletter",
        "Sign up for our daily newsletter and get the news first",
        "Follow us on Twitter",
        "Tags: Syria, Deir ez-Zor, SDF",
        "Advertisement",
        "Leave a comment",
        "Read more....",
        "Read also:",
        "Related articles",
        "You may also like",
    ],
)
def test_boilerplate_lines_are_recognised(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "Government forces shelled the village on Sunday, killing three civilians.",
        "Clashes erupt near Tal Hamra as militias advance",
        "Frontline Daily Staff | 4 March, 2019",
        "The spokesman said the share of displaced families had doubled.",
        "Contact with the besieged garrison was lost on Monday.",
    ],
)
def test_article_lines_are_kept(line: str) -> None:
    assert not is_boilerplate(line)


def test_menu_needs_a_navigation_item_and_no_digits() -> None:
    assert is_menu("Contact | About Us")
    assert not is_menu("Levant Wire Staff | 18 June, 2018")
    assert not is_menu("Aleppo | Idlib")


def test_link_lead_allows_an_inline_headline() -> None:
    assert is_link_lead("Read also: Drone strike hits convoy on the highway")
    assert not is_link_lead("Related fighting was reported across the province on Monday, officials said.")


def test_trim_drops_link_list_until_running_text() -> None:
    blocks = [
        "Militants attacked a checkpoint on Tuesday, police said.",
        "Share | Tweet",
        "Read more:",
        "Drone strike hits convoy on the highway",
        "Aid agencies warn of shortages in the north",
        "Officials later said two of the attackers had been arrested.",
        "Subscribe to our newsletter",
    ]
    assert trim_blocks(blocks) == [blocks[0], blocks[5]]


def test_trim_works_line_by_line_inside_a_block() -> None:
    assert trim_blocks(["First line of the report.\nShare | Tweet\nSecond   line."]) == [
        "First line of the report.\nSecond line."
    ]
