"""Main text and metadata from an HTML page or an HTML fragment (a feed entry's content).

Pages go through trafilatura; its XML output keeps paragraphs apart, which become blocks joined
by a blank line. If trafilatura is missing or fails, a plain lxml walk of <article>, <main> or
<body> stands in. Either way the boilerplate that is left is trimmed line by line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from marsad.ingest.boilerplate import normalise, trim_blocks

_SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "button", "svg"}
)
_BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3",
        "h4", "h5", "h6", "blockquote", "pre", "table", "tr", "figure", "figcaption", "hr", "address",
        "head", "item", "list", "quote", "code",
    }
)  # fmt: skip
_BREAK_TAGS = frozenset({"br", "lb"})


@dataclass(slots=True)
class Page:
    """The article text of a page and the metadata found in its markup."""

    text: str
    title: str | None = None
    date: str | None = None
    sitename: str | None = None
    url: str | None = None


def join_blocks(blocks: list[str]) -> str:
    """Trim boilerplate and join paragraphs with a blank line."""
    return "\n\n".join(trim_blocks(blocks))


def element_blocks(root: Any) -> list[str]:
    """Flatten an lxml element into paragraphs: block tags split them, <br> breaks a line."""
    pieces: list[str] = []
    _walk(root, pieces)
    blocks = "".join(pieces).split("\n\n")
    return [b for b in ("\n".join(normalise(x) for x in b.split("\n") if x.strip()) for b in blocks) if b]


def _walk(el: Any, out: list[str]) -> None:
    """Append an element's text to `out`, with "\\n\\n" around blocks and "\\n" for breaks."""
    tag = el.tag.rsplit("}", 1)[-1].lower() if isinstance(el.tag, str) else ""
    if tag in _SKIP_TAGS or not isinstance(el.tag, str):
        out.append(el.tail or "")
        return
    block = tag in _BLOCK_TAGS
    out.append("\n\n" if block else "")
    out.append("\n" if tag in _BREAK_TAGS else (el.text or "").replace("\n", " "))
    for child in el:
        _walk(child, out)
    out.append("\n\n" if block else "")
    out.append((el.tail or "").replace("\n", " "))


def fragment_text(html: str) -> str:
    """Turn an HTML fragment into paragraph text with boilerplate trimmed ("" if none)."""
    import lxml.html
    from lxml import etree

    if not html.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    return join_blocks(element_blocks(root))


def extract_page(html: str) -> Page:
    """Extract a page's main text and metadata; text is "" when there is no article."""
    try:
        page = _trafilatura_page(html)
    except Exception:  # a page trafilatura chokes on, or a broken install: use the plain walk
        page = None
    return page if page is not None and page.text else _plain_page(html)


def _trafilatura_page(html: str) -> Page | None:
    """Run trafilatura and read its XML output (paragraphs and <doc> metadata)."""
    import trafilatura
    from lxml import etree

    xml = trafilatura.extract(
        html,
        include_comments=False,
        include_tables=False,
        output_format="xml",
        with_metadata=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if not xml:
        return None
    doc = etree.fromstring(xml.encode("utf-8"))
    main = doc.find("main")
    text = join_blocks(_xml_blocks(main)) if main is not None else ""
    meta = {k: (doc.get(k) or "").strip() or None for k in ("title", "date", "sitename", "url")}
    return Page(text=text, **meta)


def _xml_blocks(main: Any) -> list[str]:
    """Paragraphs of trafilatura's <main>: each child, and each list item, is one."""
    blocks: list[str] = []
    for child in main:
        if child.tag == "list":
            blocks.extend(_xml_blocks(child))
        else:
            blocks.extend(element_blocks(child))
    return blocks


def _plain_page(html: str) -> Page:
    """Fallback: the text of <article>, <main> or <body>, and the <title>."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(html.encode("utf-8"), parser=_utf8_parser())
    except (etree.ParserError, ValueError):
        return Page(text="")
    body = next((found[0] for xp in ("//article", "//main", "//body") if (found := root.xpath(xp))), root)
    titles = root.xpath("//title")
    title = normalise(titles[0].text_content()) if titles else ""
    return Page(text=join_blocks(element_blocks(body)), title=title or None)


def _utf8_parser() -> Any:
    """An lxml HTML parser that reads UTF-8 bytes."""
    import lxml.html

    return lxml.html.HTMLParser(encoding="utf-8")
