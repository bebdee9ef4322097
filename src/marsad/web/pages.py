"""HTML for the web view's pages, rendered from the dicts of `marsad.web.data` by the Jinja2
templates in `marsad/web/templates/` (one environment per process, `ENV`).

The environment autoescapes every value (titles, text, source and actor names, ids), so a `<script>`
in a report is shown as text and never run, and it is strict: a name a template uses that the page
was not given is an error, not an empty string. No template marks any value safe (no `|safe`, no
`Markup` of a stored value). The pages carry no inline script: behaviour comes from marsad's own files
under /static, which read data through textContent only. Links to another site (a document's
original) are given only for http(s) URLs, so a `javascript:` URL is never a link.
"""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined, Undefined, select_autoescape

from marsad import __version__

NAV = (("/", "Map"), ("/review", "Review"), ("/control", "Control"), ("/sources", "Sources"))
MAP_VENDOR_CSS = (
    "/static/vendor/leaflet/leaflet.css",
    "/static/vendor/markercluster/MarkerCluster.css",
    "/static/vendor/markercluster/MarkerCluster.Default.css",
)
MAP_VENDOR_JS = (
    "/static/vendor/leaflet/leaflet.js",
    "/static/vendor/markercluster/leaflet.markercluster.js",
    "/static/vendor/outlines/topojson-client.min.js",
)
# the fields the review form offers, in order
FORM_FIELDS = (
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "location",
    "latitude",
    "longitude",
    "fatalities",
    "modality",
    "notes",
)


def esc(value: Any) -> str:
    """Escape any value for HTML text or a quoted attribute; None is empty."""
    return html.escape("" if value is None else str(value), quote=True)


def path_part(value: Any) -> str:
    """A value as one URL path segment."""
    return quote(str(value or ""), safe="")


def event_href(event_id: Any) -> str:
    return "/events/" + path_part(event_id)


def document_href(document: Any, event_id: Any = None) -> str:
    href = "/documents/" + path_part(document)
    return href + ("?event=" + path_part(event_id) if event_id else "")


def type_class(event_type: Any) -> str:
    """A CSS class for an event type (letters, digits and dashes only)."""
    slug = "".join(c if c.isalnum() else "-" for c in str(event_type or "").lower()).strip("-")
    return "type-" + ("-".join(p for p in slug.split("-") if p) or "none")


def text(value: Any) -> str:
    """A value as the text a page shows: None (or a value the record lacks) is empty."""
    return "" if value is None or isinstance(value, Undefined) else str(value)


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("marsad.web", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters.update(text=text, type_class=type_class, event_href=event_href, document_href=document_href)
    env.globals.update(nav=NAV, version=__version__)
    return env


# built once per process: the templates are parsed on first use and kept
ENV = _environment()


def render(name: str, **context: Any) -> str:
    """A template of marsad's with the layout's defaults filled in."""
    context.setdefault("current", "")
    context.setdefault("css", ())
    context.setdefault("js", ())
    context.setdefault("body_attrs", {})
    context.setdefault("twin", "")
    return ENV.get_template(name).render(**context)


def message_page(title: str, message: str, heading: str = "") -> str:
    """A page that says one thing (an error, a busy store)."""
    return render("message.html", title=title, message=message, heading=heading)


def not_found(what: str) -> str:
    return message_page("Not found", what, heading="Not found")


def map_page(data: dict[str, Any], settings: dict[str, str], vendor: bool) -> str:
    """The map: filters, the map itself, the timeline brush and the event panel."""
    f = data["facets"]
    attrs = {
        "data-tiles": settings.get("tiles", ""),
        "data-attribution": settings.get("attribution", ""),
        "data-view": settings.get("view", ""),
        "data-first": str(f["first"] or ""),
        "data-last": str(f["last"] or ""),
        "data-vendor": "1" if vendor else "",
    }
    css = MAP_VENDOR_CSS if vendor else ()
    js = (*(MAP_VENDOR_JS if vendor else ()), "/static/common.js", "/static/map.js")
    return render(
        "map.html",
        title="Map",
        f=f,
        vendor=vendor,
        current="/",
        css=css,
        js=js,
        body_attrs=attrs,
        twin="/index.json",
    )


# ACLED's codes, as its codebook names them
INTER_LABELS = {
    0: "no actor",
    1: "State forces",
    2: "Rebel groups",
    3: "Political militias",
    4: "Identity militias",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/other forces",
}
GEO_PRECISION_LABELS = {
    1: "the place named",
    2: "near a named place or part of a region",
    3: "a larger region (its centre)",
}
TIME_PRECISION_LABELS = {1: "the day", 2: "within a week", 3: "within a month"}


def code_label(name: str, value: Any) -> str:
    """What an ACLED code means ('' when the field has no codes or the value is not one)."""
    if isinstance(value, bool) or not isinstance(value, int):
        return ""
    if name in ("inter1", "inter2"):
        return INTER_LABELS.get(value, "")
    if name == "interaction" and 10 <= value <= 88:
        first, second = INTER_LABELS.get(value // 10), INTER_LABELS.get(value % 10)
        if not first or not second:
            return ""
        return f"{first} alone" if value % 10 == 0 else f"{first} vs {second}"
    if name == "geo_precision":
        return GEO_PRECISION_LABELS.get(value, "")
    if name == "time_precision":
        return TIME_PRECISION_LABELS.get(value, "")
    return ""


CLAIM_FIELDS = ("event_date", "sub_event_type", "actor1", "actor2", "fatalities", "wounded")


def event_page(data: dict[str, Any]) -> str:
    """One event: the record, its evidence, the fused claims side by side, and the review."""
    ev = data["event"]
    fused = data.get("fused") or None
    claims = (fused or {}).get("claims") or []
    members = (fused or {}).get("members") or []
    title = f"{ev.get('sub_event_type') or ev.get('event_type')} · {ev.get('location') or 'unplaced'}"
    rows = [(name, value, code_label(name, value)) for name, value in ev.items() if name != "evidence"]
    return render(
        "event.html",
        title=title,
        ev=ev,
        doc=data["document"],
        status=data["review_status"],
        fused=fused,
        claims=claims,
        claim_members=list(zip(claims, members, strict=False)),
        conflicts=set((fused or {}).get("conflicts") or []),
        claim_fields=CLAIM_FIELDS,
        rows=rows,
        machine=data["machine_values"],
        revisions=data["revisions"],
        form_fields=FORM_FIELDS,
        event_types=list(data["event_types"]),
        modalities=list(data["modalities"]),
        js=("/static/common.js", "/static/review.js"),
        twin=event_href(ev["event_id"]) + ".json",
    )


def document_page(data: dict[str, Any], current: str = "") -> str:
    """A document's text, its evidence sentences highlighted, and its events."""
    doc = data["document"]
    segments = []
    anchored: set[str] = set()
    for seg in data["segments"]:
        ids = list(seg["events"])
        fresh = [i for i in ids if i not in anchored]
        anchored.update(fresh)
        segments.append(
            {
                "text": seg["text"],
                "ids": ids,
                "anchor": fresh[0] if fresh and ids else "",
                "cls": "evidence current" if current and current in ids else "evidence",
            }
        )
    title = doc.get("title") or doc.get("doc_id") or doc["content_hash"]
    return render(
        "document.html",
        title=str(title),
        doc=doc,
        url=doc["url"] if _safe_url(doc.get("url")) else "",
        segments=segments,
        events=data["events"],
        js=("/static/common.js", "/static/document.js"),
        twin=document_href(doc["content_hash"]) + ".json",
    )


def _safe_url(url: Any) -> bool:
    return isinstance(url, str) and url.lower().startswith(("http://", "https://"))


def control_rows(data: dict[str, Any]) -> str:
    """The control table's rows (also rebuilt in the browser by control.js)."""
    return ENV.get_template("control_rows.html").render(places=data["places"])


def control_page(data: dict[str, Any]) -> str:
    """Who held each place on the slider's date, with every change of control below."""
    attrs = {"data-first": data["first"] or "", "data-last": data["last"] or "", "data-at": data["at"] or ""}
    return render(
        "control.html",
        title="Control",
        places=data["places"],
        at=data["at"],
        current="/control",
        js=("/static/common.js", "/static/control.js"),
        body_attrs=attrs,
        twin="/control.json",
    )


def sources_page(profiles: list[dict[str, Any]]) -> str:
    """Each source: the loaded terms it uses per actor, its verbs, and its disputed claims."""
    return render(
        "sources.html", title="Sources", profiles=profiles, current="/sources", twin="/sources.json"
    )


def api_page(routes: list[dict[str, Any]]) -> str:
    """The routes of the route table, with their parameters (the OpenAPI description as a page)."""
    return render("api.html", title="API", routes=routes, current="/api", twin="/api/openapi.json")
