"""The pages' templates: hostile strings in every field a page shows come out escaped, a
`javascript:` URL is never a link, and a template naming a value the page was not given fails."""

from __future__ import annotations

import re
from typing import Any

import jinja2
import pytest

from marsad.web import pages, queue, routes

EVIL = '<script>alert("x")</script>\' onmouseover=alert(1) "><img src=x onerror=alert(2)>'
# a tag, or a quote that would end an attribute, left raw
RAW = ("<script>", "<img", "' onmouseover", '"><img')


def _assert_escaped(html: str) -> None:
    for raw in RAW:
        assert raw not in html, raw
    # the hostile text is shown, as text
    assert "&lt;script&gt;alert(" in html
    assert not re.search(r"""href=["']?\s*javascript:""", html, re.I)


def _event() -> dict[str, Any]:
    fields = {name: EVIL for name in pages.FORM_FIELDS}
    event = {**fields, "event_id": EVIL, "event_type": EVIL, "inter1": 1, "evidence": [{"sentence": EVIL}]}
    return {
        "event": event,
        "document": {"content_hash": EVIL, "title": EVIL, "doc_id": EVIL, "source": EVIL, "published": EVIL},
        "review_status": EVIL,
        "fused": {
            "fused_id": EVIL,
            "claims": [{"source": EVIL, "actor1": EVIL}],
            "members": [{"content_hash": EVIL, "event_id": EVIL}],
            "conflicts": [EVIL],
        },
        "machine_values": {"actor1": EVIL},
        "revisions": [
            {
                "action": EVIL,
                "reviewer": EVIL,
                "reviewed_at": EVIL,
                "revision": EVIL,
                "reason": EVIL,
                "changes": {EVIL: {"from": EVIL, "to": EVIL}},
            }
        ],
        "event_types": [EVIL],
        "modalities": [EVIL],
    }


def test_the_event_page_escapes_every_field() -> None:
    html = pages.event_page(_event())
    _assert_escaped(html)
    assert html.count("&lt;script&gt;") >= 20


def test_the_document_page_escapes_and_refuses_script_urls() -> None:
    doc = {"content_hash": EVIL, "title": EVIL, "doc_id": EVIL, "source": EVIL, "published": EVIL}
    event = {k: EVIL for k in ("event_id", "event_type", "sub_event_type", "event_date", "location")}
    event |= {"actor1": EVIL, "actor2": EVIL, "modality": EVIL, "review_status": EVIL}
    data = {"segments": [{"text": EVIL, "events": []}, {"text": EVIL, "events": [EVIL]}], "events": [event]}
    for url in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<b>x</b>"):
        html = pages.document_page({**data, "document": {**doc, "url": url}}, current=EVIL)
        _assert_escaped(html)
        assert "original</a>" not in html
    html = pages.document_page({**data, "document": {**doc, "url": 'https://example.org/"x'}})
    assert 'href="https://example.org/&#34;x"' in html


def test_the_other_pages_escape_every_field() -> None:
    place: dict[str, Any] = {
        "place": EVIL,
        "controller": EVIL,
        "since": EVIL,
        "previous": EVIL,
        "contested_at": EVIL,
    }
    place["changes"] = [{"date": EVIL, "controller": EVIL, "previous": EVIL, "event_ids": [EVIL]}]
    control = {"places": [place], "at": EVIL, "first": EVIL, "last": EVIL}
    profile: dict[str, Any] = {
        "source": EVIL,
        "documents": EVIL,
        "own_side": [EVIL],
        "terms": {EVIL: {EVIL: 2}},
        "verbs": {"own_side": {EVIL: 1}, "others": {EVIL: 1}},
        "disagreements": [{k: EVIL for k in ("fused_id", "event_date", "location", "field", "value")}],
        "summary": {"shared_events": EVIL},
    }
    profile["disagreements"][0]["others"] = {EVIL: EVIL}
    facets = {
        "event_type": [[EVIL, 1]],
        "source": [[EVIL, 1]],
        "modality": [[EVIL, 1]],
        "event_types": [EVIL],
        "first": EVIL,
        "last": EVIL,
        "located": EVIL,
        "events": EVIL,
    }
    settings = {"tiles": EVIL, "attribution": EVIL, "view": EVIL}
    listing = [
        {**r, "summary": EVIL, "parameters": [{"name": EVIL, "description": EVIL}]} for r in routes.listing()
    ]
    for html in (
        pages.control_page(control),
        pages.control_rows(control),
        pages.sources_page([profile]),
        pages.map_page({"facets": facets}, settings, vendor=True),
        pages.not_found(EVIL),
        pages.message_page(EVIL, EVIL),
        pages.api_page(listing),
    ):
        if "<tr>" in html and "<html" not in html:  # the control rows alone
            assert "&lt;script&gt;" in html and "<script>" not in html
            continue
        _assert_escaped(html)
    assert "<script>" not in queue.queue_page(0, writable=False)


def test_the_templates_are_strict_and_autoescaped() -> None:
    escape = pages.ENV.autoescape
    assert callable(escape) and escape("x.html") is True
    with pytest.raises(jinja2.UndefinedError):
        pages.render("message.html", title="t", message="m")  # no heading given
    for name in pages.ENV.list_templates():
        source = pages.ENV.loader.get_source(pages.ENV, name)[0]  # type: ignore[union-attr]
        assert "|safe" not in source.replace(" ", "") and "autoescape false" not in source, name
