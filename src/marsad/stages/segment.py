"""Paragraph segmentation: blocks between blank lines, and headings told apart from body text.

Paragraphs are split before sentence splitting because headlines, bylines and paragraphs that
start in lower case otherwise merge into the next sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from marsad.model import Document, Paragraph
from marsad.pipeline import function_stage

_BLANK = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")
_FINAL = re.compile(r"[.!?\"”’'»)\]]\s*$")
_LINK_LEAD = re.compile(r"^\s*(read (more|also)|related( articles| news)?|see also|more on)\b", re.I)
# a link list run into the text of a flattened page: 'Print Tweet Views 729 Related IS group
# claims ...', '... liberate Raqqa. ... 91 Related US Mistakes ...' (a count, 'Related', a title)
_INLINE_LINKS = re.compile(r"(?:\bViews\s+)?(?<![\w,.])\d[\d,]*\s+Related\s+(?=[A-Z0-9\"'])")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
_MENU = re.compile(r"^\s*\S[^|]{0,40}(\|[^|]{0,40}){1,}$")  # "Contact | About Us"
_MAX_HEADING_WORDS = 30
# where a long text may be cut, best first: a paragraph break, a line break, a sentence end, a space
_CUTS = (
    _BLANK,
    re.compile(r"\n"),
    re.compile(r"[.!?][\"'”’»)\]]*\s+"),
    re.compile(r"\s+"),
)


def iter_blocks(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each non-empty block between blank lines, trimmed of whitespace."""
    pos = 0
    for match in _BLANK.finditer(text):
        yield from _trimmed(text, pos, match.start())
        pos = match.end()
    yield from _trimmed(text, pos, len(text))


def split_units(text: str, start: int, end: int, size: int) -> Iterator[tuple[int, int]]:
    """Cut text[start:end] into consecutive (start, end) pieces of at most `size` characters that
    cover it exactly: each cut at the last paragraph break in the second half of the window, else
    the last line break, else the last sentence end, else the last space, else at `size`."""
    size = max(size, 2)
    while end - start > size:
        lo, hi = start + size // 2, start + size
        cut = hi
        for pattern in _CUTS:
            last = None
            for last in pattern.finditer(text, lo, hi):  # noqa: B007 - the last match is wanted
                pass
            if last is not None and last.end() > start:
                cut = last.end()
                break
        yield start, cut
        start = cut
    yield start, end


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        yield start + lead, start + lead + len(stripped)


def split_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a block at line breaks that end a paragraph, keeping hard-wrapped lines together."""
    block = text[start:end]
    if "\n" not in block:
        return [(start, end)]
    lines: list[tuple[int, int]] = []
    pos = start
    for line in block.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    lengths = [e - s for s, e in lines[:-1]]
    # a hard-wrapped paragraph: three or more lines of similar, typical wrap width
    if len(lines) >= 3 and all(55 <= n <= 100 for n in lengths):
        return [(start, end)]
    out: list[tuple[int, int]] = []
    cur_start, cur_end = lines[0]
    for s, e in lines[1:]:
        prev = text[cur_start:cur_end].rstrip()
        nxt = text[s:e].lstrip()
        continues = bool(prev) and not _FINAL.search(prev) and nxt[:1].islower()
        if continues or not nxt:
            cur_end = e
        else:
            out.append((cur_start, cur_end))
            cur_start, cur_end = s, e
    out.append((cur_start, cur_end))
    return [(s + _lead(text, s, e), e - _trail(text, s, e)) for s, e in out if text[s:e].strip()]


def _lead(text: str, s: int, e: int) -> int:
    seg = text[s:e]
    return len(seg) - len(seg.lstrip())


def _trail(text: str, s: int, e: int) -> int:
    seg = text[s:e]
    return len(seg) - len(seg.rstrip())


def is_heading(par: str, title: str | None = None) -> bool:
    """True for a line that reports no event: a headline, section title, byline, menu or link."""
    line = " ".join(par.split())
    if title and line.strip().lower() == " ".join(title.split()).lower():
        return True
    if _LINK_LEAD.match(line) or _MENU.match(line):
        return True
    words = line.split()
    return len(words) <= _MAX_HEADING_WORDS and not _FINAL.search(line)


def _is_menu_or_link(line: str) -> bool:
    return bool(_MENU.match(line) or _LINK_LEAD.match(line))


def segment(doc: Document) -> Document:
    """Split the text into paragraphs and mark the headings; everything after a 'Read more'
    line that looks like a heading is a link list."""
    paragraphs: list[Paragraph] = []
    in_links = False
    for b_start, b_end in iter_blocks(doc.text):
        for start, end in split_lines(doc.text, b_start, b_end):
            par_text = doc.text[start:end]
            inline = _INLINE_LINKS.search(par_text)
            if inline is not None and inline.start() > 0 and not _SENTENCE_END.search(par_text, inline.end()):
                # the text before the run-in link list is the report's; the list (titles, with no
                # sentence of the report after them) is no text
                cut = start + inline.start()
                text_end = start + len(par_text[: inline.start()].rstrip())
                paragraphs.append(Paragraph(start, text_end, index=len(paragraphs), is_heading=False))
                paragraphs.append(Paragraph(cut, end, index=len(paragraphs), is_heading=True))
                continue
            heading = is_heading(par_text, doc.title)
            if _LINK_LEAD.match(par_text):
                in_links = True
            elif in_links and not heading:
                in_links = False
            paragraphs.append(Paragraph(start, end, index=len(paragraphs), is_heading=heading or in_links))
    if paragraphs and all(p.is_heading for p in paragraphs):
        # a snippet or a one-line note: nothing but 'headings' means the lines are the report
        paragraphs = [
            Paragraph(
                p.start,
                p.end,
                index=p.index,
                is_heading=bool(_MENU.match(doc.span_text(p)) or _LINK_LEAD.match(doc.span_text(p))),
            )
            for p in paragraphs
        ]
    doc.paragraphs = paragraphs
    return doc


function_stage("segment.v1", needs=("text",), sets=("paragraphs",))(segment)
