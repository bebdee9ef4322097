"""Boilerplate lines that web extraction leaves inside an article block, kept as data.

Each pattern matches a whole line (case-insensitive, whitespace collapsed). A *link-list lead*
("Read more....", "Read also:", "Related articles") starts a list of link headlines: the short
lines with no final punctuation that follow it are dropped with it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_FLAGS = re.IGNORECASE

# Single navigation items; a line of several of them joined by "|" or "•" is a menu.
NAV_ITEMS: tuple[str, ...] = (
    r"home(?: ?page)?",
    r"contact(?: us)?",
    r"about(?: us)?",
    r"privacy(?: policy)?",
    r"terms(?: (?:of use|of service|and conditions))?",
    r"cookie(?:s| policy)",
    r"site ?map",
    r"archives?",
    r"log ?in|sign ?in|sign ?up|register|log ?out",
    r"search",
    r"menu",
    r"advertise(?: with us)?",
    r"careers|jobs",
    r"newsletters?",
    r"rss|feeds?",
    r"faq|help",
    r"share|tweet|print|e-?mail|whatsapp|facebook|twitter|telegram|linkedin|pinterest|reddit|copy link",
)

# Lines that start a list of link headlines.
LINK_LIST_LEADS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, _FLAGS)
    for p in (
        r"(?:read|see) (?:more|also|next)\b.*",
        r"also read\b.*",
        r"(?:related|recommended|trending|popular|latest)"
        r"(?: (?:articles?|news|stories|posts|links|topics|coverage|reading|videos?|content))?\s*[:.…]*",
        r"more (?:on this(?: story| topic)?|from [\w .'-]+|news|stories|in [\w .'-]+)\s*[:.…]*",
        r"you (?:may|might) (?:also )?(?:like|be interested in|want to read)\b.*",
        r"most (?:read|popular|viewed|shared)(?: (?:articles?|stories|news))?\s*[:.…]*",
    )
)

# Lines that are boilerplate on their own.
BOILERPLATE_LINES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, _FLAGS)
    for p in (
        rf"(?:{'|'.join(NAV_ITEMS)})\s*:?",
        r"share (?:this|on|via|the)\b.{0,60}",
        r"(?:follow|like|join) us(?: on\b.{0,60})?",
        r"(?:copyright\b|©|\(c\) ).{0,120}",
        r".{0,100}\ball rights reserved\b.{0,100}",
        r"(?:subscribe|sign up|register)(?: (?:to|for|now))?(?: (?:our|the|a))? ?"
        r"(?:free )?(?:daily |weekly )?(?:newsletters?|mailing list|updates|channel|alerts)\b.{0,80}",
        r"(?:skip to (?:main )?content|toggle navigation|main menu|advertisement|sponsored(?: content)?)",
        r"(?:loading|please wait)\s*\.*",
        r"click here\b.{0,80}",
        r"(?:leave a (?:comment|reply)|\d+ comments?|no comments(?: yet)?|comments?|show comments)",
        r"(?:tags?|filed under|categories|category|topics|keywords)\s*:.{0,160}",
        r"(?:we use cookies|this (?:site|website) uses cookies|by continuing to (?:use|browse)).{0,240}",
        r"(?:back to top|scroll to top|go to top)",
    )
)

_MENU_SEP = re.compile(r"\s*[|•·›»]\s*")
_NAV = re.compile(rf"(?:{'|'.join(NAV_ITEMS)})", _FLAGS)
_FINAL = re.compile(r"[.!?;\"”’'»)\]]$")
_MAX_LINK_WORDS = 20


def normalise(line: str) -> str:
    """Collapse runs of whitespace (including no-break spaces) and strip the line."""
    return " ".join(line.split())


def is_menu(line: str) -> bool:
    """True for a menu line: short items without digits joined by '|' or '•', one a nav item."""
    items = [i for i in _MENU_SEP.split(normalise(line)) if i]
    if len(items) < 2 or not re.search(r"[|•·›»]", line):
        return False
    if any(len(i.split()) > 4 or re.search(r"\d", i) for i in items):
        return False
    return any(_NAV.fullmatch(i) for i in items)


def is_link_lead(line: str) -> bool:
    """True for a line that starts a list of link headlines ('Read more....', 'Related')."""
    text = normalise(line)
    return len(text.split()) <= 15 and any(p.fullmatch(text) for p in LINK_LIST_LEADS)


def is_boilerplate(line: str) -> bool:
    """True for a line that is site furniture, not article text."""
    text = normalise(line)
    return is_menu(text) or is_link_lead(text) or any(p.fullmatch(text) for p in BOILERPLATE_LINES)


def is_link_headline(line: str) -> bool:
    """True for a short line with no final punctuation, as in a list of links."""
    text = normalise(line)
    return 0 < len(text.split()) <= _MAX_LINK_WORDS and not _FINAL.search(text)


def trim_blocks(blocks: Sequence[str]) -> list[str]:
    """Drop boilerplate lines and link lists from paragraphs; drop paragraphs left empty."""
    out: list[str] = []
    in_links = False
    for block in blocks:
        kept: list[str] = []
        for line in block.split("\n"):
            keep, in_links = _judge(normalise(line), in_links)
            if keep:
                kept.append(normalise(line))
        if kept:
            out.append("\n".join(kept))
    return out


def _judge(line: str, in_links: bool) -> tuple[bool, bool]:
    """Return (keep the line, inside a link list after it)."""
    if not line:
        return False, in_links
    if is_link_lead(line):
        return False, True
    if in_links and is_link_headline(line):
        return False, True
    return not is_boilerplate(line), False
