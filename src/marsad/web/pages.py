"""HTML for the web view's pages, rendered from the dicts of `marsad.web.data`.

Every value from the store (titles, text, source and actor names, ids) goes through `esc`, so a
`<script>` in a report is shown as text and never run. The pages carry no inline script: behaviour
comes from marsad's own files under /static, which read data through textContent only.
"""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import quote

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


def layout(
    title: str,
    body: str,
    *,
    current: str = "",
    css: tuple[str, ...] = (),
    js: tuple[str, ...] = (),
    body_attrs: dict[str, str] | None = None,
    twin: str = "",
) -> str:
    """A whole page: head with marsad's own styles, the navigation, the body and the scripts."""
    links = "".join(f'<link rel="stylesheet" href="{esc(href)}">' for href in (*css, "/static/marsad.css"))
    scripts = "".join(f'<script src="{esc(src)}"></script>' for src in js)
    nav = "".join(
        f'<a href="{href}"{" aria-current=page" if href == current else ""}>{esc(label)}</a>'
        for href, label in NAV
    )
    attrs = "".join(f' {name}="{esc(value)}"' for name, value in (body_attrs or {}).items())
    twin_link = f'<a class="twin" href="{esc(twin)}">JSON</a>' if twin else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)} · marsad</title>{links}</head>"
        f"<body{attrs}><header class=top><span class=brand>marsad</span><nav>{nav}</nav>{twin_link}</header>"
        f"{body}<footer>marsad {esc(__version__)}</footer>{scripts}</body></html>\n"
    )


def not_found(what: str) -> str:
    return layout("Not found", f"<main class=page><h1>Not found</h1><p>{esc(what)}</p></main>")


def _options(values: list[list[Any]], placeholder: str) -> str:
    opts = [f'<option value="">{esc(placeholder)}</option>']
    opts += [f'<option value="{esc(v)}">{esc(v)} ({esc(n)})</option>' for v, n in values]
    return "".join(opts)


def map_page(data: dict[str, Any], settings: dict[str, str], vendor: bool) -> str:
    """The map: filters, the map itself, the timeline brush and the event panel."""
    f = data["facets"]
    legend = "".join(
        f'<li><span class="swatch {type_class(t)}"></span>{esc(t)}</li>' for t in f["event_types"]
    )
    notice = (
        ""
        if vendor
        else "<p class=notice>The map libraries are not installed (run <code>make web-assets</code>); "
        "the events are listed below instead.</p>"
    )
    body = f"""<main class=mappage>
<aside class=filters><button type=button id=filters-toggle class=filters-toggle aria-expanded=false
aria-controls=filters>Filters</button><form id=filters autocomplete=off>
<h2>Filters</h2>
<label>Event type<select name=event_type>{_options(f["event_type"], "any type")}</select></label>
<label>Actor<input name=actor type=search placeholder="any actor"></label>
<label>Source<select name=source>{_options(f["source"], "any source")}</select></label>
<label>Place<input name=place type=search placeholder="any place"></label>
<label>Modality<select name=modality>{_options(f["modality"], "any modality")}</select></label>
<label>From<input name=start type=date value="{esc(f["first"])}" min="{esc(f["first"])}" max="{esc(f["last"])}"></label>
<label>To<input name=end type=date value="{esc(f["last"])}" min="{esc(f["first"])}" max="{esc(f["last"])}"></label>
<label class=check><input name=rejected type=checkbox> show rejected</label>
<button type=reset>Clear</button>
</form>
<p id=count class=count>{esc(f["located"])} located events of {esc(f["events"])}</p>
<p class=downloads>Download these filters' events (occurred unless a modality is chosen):
<a id=dl-csv download href="/api/events?format=csv">ACLED CSV</a> ·
<a id=dl-geojson download href="/api/events?format=geojson">GeoJSON</a> ·
<a id=dl-parquet download href="/api/events?format=parquet">Parquet</a></p>
<p><a id=review-link href="/review">Review these events, least confident first →</a></p>
<h3>Event types</h3><ul class=legend>{legend}</ul></aside>
<section class=mapcol>{notice}<div id=map></div><div id=timeline title="drag to choose dates"></div>
<div id=charts class=charts title="click a bar to filter by it"><div data-chart=time></div><div data-chart=actors></div>
<div data-chart=admin1></div></div></section>
<aside id=panel class=panel><p class=hint>Click a marker to see the event and its evidence.</p></aside>
</main>"""
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
    return layout("Map", body, current="/", css=css, js=js, body_attrs=attrs, twin="/index.json")


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


def _field_rows(event: dict[str, Any], machine: dict[str, Any]) -> str:
    rows = []
    for name, value in event.items():
        if name == "evidence":
            continue
        was = f' <del title="machine value">{esc(machine[name])}</del>' if name in machine else ""
        label = code_label(name, value)
        meaning = f" <small class=code>{esc(label)}</small>" if label else ""
        rows.append(f"<tr><th>{esc(name)}</th><td>{esc(value)}{meaning}{was}</td></tr>")
    return "".join(rows)


def _claims_table(fused: dict[str, Any] | None, event_id: str) -> str:
    if not fused:
        return "<p>Not part of a fused record (only occurred events are fused).</p>"
    claims = fused.get("claims") or []
    conflicts = set(fused.get("conflicts") or [])
    members = fused.get("members") or []
    fields = ("event_date", "sub_event_type", "actor1", "actor2", "fatalities", "wounded")
    head = "".join(
        f'<th><a href="{esc(document_href(m.get("content_hash")))}">{esc(c.get("source") or "unknown")}</a>'
        f'<br><small><a href="{esc(event_href(m.get("event_id")))}">{esc(m.get("event_id"))}</a>'
        f"{' (this event)' if m.get('event_id') == event_id else ''}</small></th>"
        for c, m in zip(claims, members, strict=False)
    )
    rows = "".join(
        f"<tr{' class=conflict' if name in conflicts else ''}><th>{esc(name)}</th>"
        + "".join(f"<td>{esc(c.get(name))}</td>" for c in claims)
        + "</tr>"
        for name in fields
    )
    conflict_text = ", ".join(sorted(conflicts)) or "none"
    return (
        f"<p>Fused record <code>{esc(fused['fused_id'])}</code>: {len(claims)} report(s); "
        f"sources disagree on: {esc(conflict_text)}.</p>"
        f"<div class=scroll><table class=claims><thead><tr><th></th>{head}</tr></thead>"
        f"<tbody>{rows}</tbody></table></div>"
    )


def _revisions(revisions: list[dict[str, Any]]) -> str:
    if not revisions:
        return "<p>Not reviewed yet.</p>"
    items = []
    for r in reversed(revisions):
        changes = "".join(
            f"<li>{esc(name)}: {esc(c.get('from'))} → {esc(c.get('to'))}</li>"
            for name, c in (r.get("changes") or {}).items()
        )
        reason = f"<p class=reason>{esc(r['reason'])}</p>" if r.get("reason") else ""
        items.append(
            f"<li><strong>{esc(r['action'])}</strong> by {esc(r['reviewer'])} at {esc(r['reviewed_at'])} "
            f"(revision {esc(r['revision'])}){reason}<ul>{changes}</ul></li>"
        )
    return f"<ol class=revisions>{''.join(items)}</ol>"


def _review_form(data: dict[str, Any]) -> str:
    event = data["event"]
    inputs = []
    for name in FORM_FIELDS:
        value = event.get(name)
        if name in ("event_type", "modality"):
            choices = list(data["event_types"]) if name == "event_type" else data["modalities"]
            opts = "".join(
                f'<option value="{esc(c)}"{" selected" if c == value else ""}>{esc(c)}</option>'
                for c in choices
            )
            control = f"<select name={name}>{opts}</select>"
        elif name == "event_date":
            control = f'<input name={name} type=date value="{esc(value)}">'
        elif name == "notes":
            control = f"<textarea name={name} rows=2>{esc(value)}</textarea>"
        else:
            control = f'<input name={name} value="{esc(value)}">'
        inputs.append(f"<label>{esc(name)}{control}</label>")
    return f"""<form id=review class=review data-event="{esc(event["event_id"])}" autocomplete=off>
<div class=row><label>Your name<input name=reviewer required maxlength=200></label>
<label>Token<input name=token type=password required></label></div>
<fieldset class=fields><legend>Values (change any to edit)</legend>{"".join(inputs)}</fieldset>
<label>Why<textarea name=reason rows=2 maxlength=2000></textarea></label>
<div class=row><button type=submit name=action value=accept>Accept</button>
<button type=submit name=action value=edit>Save edit</button>
<button type=submit name=action value=reject class=danger>Reject</button></div>
<p id=review-status role=status></p></form>"""


def event_page(data: dict[str, Any]) -> str:
    """One event: the record, its evidence, the fused claims side by side, and the review."""
    ev = data["event"]
    doc = data["document"]
    status = data["review_status"]
    evidence = "".join(
        f"<li><blockquote><mark class=evidence>{esc(e.get('sentence'))}</mark></blockquote>"
        f'<a href="{esc(document_href(doc.get("content_hash"), ev["event_id"]))}">in the document</a></li>'
        for e in ev.get("evidence") or []
    )
    title = f"{ev.get('sub_event_type') or ev.get('event_type')} · {ev.get('location') or 'unplaced'}"
    doc_link = esc(document_href(doc.get("content_hash"), ev["event_id"]))
    doc_title = esc(doc.get("title") or doc.get("doc_id"))
    body = f"""<main class=page>
<h1><span class="swatch {type_class(ev.get("event_type"))}"></span>{esc(title)}</h1>
<p class=meta><code>{esc(ev["event_id"])}</code> · {esc(ev.get("event_date"))} · {esc(ev.get("modality"))}
 · <span class="status {esc(status)}">{esc(status)}</span></p>
<p class=meta>From <a href="{doc_link}">{doc_title}</a>
 ({esc(doc.get("source") or "unknown source")}, {esc(doc.get("published"))})</p>
<section><h2>Evidence</h2><ol class=evidence-list>{evidence or "<li>No evidence stored.</li>"}</ol></section>
<section><h2>Claims of the fused record</h2>{_claims_table(data.get("fused"), ev["event_id"])}</section>
<section><h2>Record</h2><table class=record>{_field_rows(ev, data["machine_values"])}</table></section>
<section><h2>Review</h2>{_revisions(data["revisions"])}{_review_form(data)}</section>
</main>"""
    twin = event_href(ev["event_id"]) + ".json"
    return layout(title, body, js=("/static/common.js", "/static/review.js"), twin=twin)


def document_page(data: dict[str, Any], current: str = "") -> str:
    """A document's text, its evidence sentences highlighted, and its events."""
    doc = data["document"]
    pieces = []
    anchored: set[str] = set()
    for seg in data["segments"]:
        ids = seg["events"]
        if not ids:
            pieces.append(esc(seg["text"]))
            continue
        fresh = [i for i in ids if i not in anchored]
        anchored.update(fresh)
        anchor = f' id="ev-{esc(fresh[0])}"' if fresh else ""
        cls = "evidence current" if current and current in ids else "evidence"
        pieces.append(
            f'<mark class="{cls}"{anchor} data-events="{esc(" ".join(ids))}" '
            f'title="{esc(", ".join(ids))}">{esc(seg["text"])}</mark>'
        )
    events = "".join(
        f'<li><span class="swatch {type_class(e["event_type"])}"></span>'
        f'<a href="{esc(event_href(e["event_id"]))}">{esc(e["sub_event_type"] or e["event_type"])}</a> '
        f"{esc(e['event_date'])} · {esc(e['location'])} · {esc(e['actor1'])}"
        f"{' vs ' + esc(e['actor2']) if e['actor2'] else ''} · {esc(e['modality'])} · "
        f'<span class="status {esc(e["review_status"])}">{esc(e["review_status"])}</span></li>'
        for e in data["events"]
    )
    title = doc.get("title") or doc.get("doc_id") or doc["content_hash"]
    link = (
        f' · <a href="{esc(doc["url"])}" rel="noreferrer nofollow">original</a>'
        if _safe_url(doc.get("url"))
        else ""
    )
    body = f"""<main class=page>
<h1>{esc(title)}</h1>
<p class=meta>{esc(doc.get("source") or "unknown source")} · {esc(doc.get("published"))} ·
 <code>{esc(doc.get("doc_id"))}</code>{link}</p>
<div class=docgrid><article class=doctext>{"".join(pieces)}</article>
<aside><h2>Events</h2><ul class=events>{events or "<li>None</li>"}</ul></aside></div>
</main>"""
    twin = document_href(doc["content_hash"]) + ".json"
    return layout(str(title), body, js=("/static/common.js", "/static/document.js"), twin=twin)


def _safe_url(url: Any) -> bool:
    return isinstance(url, str) and url.lower().startswith(("http://", "https://"))


def control_rows(data: dict[str, Any]) -> str:
    """The control table's rows (also rebuilt in the browser by control.js)."""
    rows = []
    for p in data["places"]:
        contested = p.get("contested_at")
        rows.append(
            f"<tr><td>{esc(p['place'])}</td><td>{esc(p.get('controller') or '')}</td>"
            f"<td>{esc(p.get('since') or '')}</td><td>{esc(p.get('previous') or '')}</td>"
            f"<td>{'contested' if contested else ''}</td><td>{len(p['changes'])}</td></tr>"
        )
    return "".join(rows)


def control_page(data: dict[str, Any]) -> str:
    """Who held each place on the slider's date, with every change of control below."""
    changes = "".join(
        f"<li><strong>{esc(p['place'])}</strong><ul>"
        + "".join(
            f"<li>{esc(c['date'])}: {esc(c['controller'])}"
            f"{' (from ' + esc(c['previous']) + ')' if c.get('previous') else ''} — "
            + ", ".join(f'<a href="{esc(event_href(i))}">{esc(i)}</a>' for i in c.get("event_ids", []))
            + "</li>"
            for c in p["changes"]
        )
        + "</ul></li>"
        for p in data["places"]
    )
    body = f"""<main class=page>
<h1>Who held what</h1>
<form id=control-form class=slider><label>Date <input id=at-range type=range min=0 max=0 step=1>
<output id=at-label>{esc(data["at"])}</output></label></form>
<table class=control><thead><tr><th>Place</th><th>Controller</th><th>Since</th><th>Previous</th>
<th>Contested</th><th>Changes</th></tr></thead><tbody id=control-rows>{control_rows(data)}</tbody></table>
<section><h2>Changes of control</h2><ul class=changes>{changes or "<li>None found.</li>"}</ul></section>
</main>"""
    attrs = {"data-first": data["first"] or "", "data-last": data["last"] or "", "data-at": data["at"] or ""}
    return layout(
        "Control",
        body,
        current="/control",
        js=("/static/common.js", "/static/control.js"),
        body_attrs=attrs,
        twin="/control.json",
    )


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"‘{esc(term)}’ ({esc(n)})" for term, n in counts.items()) or "—"


def sources_page(profiles: list[dict[str, Any]]) -> str:
    """Each source: the loaded terms it uses per actor, its verbs, and its disputed claims."""
    sections = []
    for p in profiles:
        terms = "".join(
            f"<tr><th>{esc(actor)}</th><td>{_counts(words)}</td></tr>" for actor, words in p["terms"].items()
        )
        verbs = p.get("verbs") or {}
        disputes = "".join(
            f'<tr><td><a href="{esc(event_href(d.get("fused_id")))}">{esc(d.get("fused_id"))}</a></td>'
            f"<td>{esc(d.get('event_date'))}</td><td>{esc(d.get('location'))}</td><td>{esc(d.get('field'))}</td>"
            f"<td>{esc(d.get('value'))}</td>"
            f"<td>{esc('; '.join(f'{k}: {v}' for k, v in (d.get('others') or {}).items()))}</td></tr>"
            for d in p["disagreements"]
        )
        s = p["summary"]
        sections.append(
            f"<section class=source><h2>{esc(p['source'])}</h2>"
            f"<p class=meta>{esc(p['documents'])} document(s); side taken as its own: "
            f"{esc(', '.join(p['own_side']) or 'none')}</p>"
            f"<h3>Loaded terms per actor</h3><table>{terms or '<tr><td>none</td></tr>'}</table>"
            f"<h3>Verbs</h3><p>own side: {_counts(verbs.get('own_side') or {})}<br>"
            f"others: {_counts(verbs.get('others') or {})}</p>"
            f"<h3>Claims against other sources</h3><p>{esc(s.get('shared_events'))} shared event(s), "
            f"{esc(s.get('disputed_events'))} disputed; toll higher {esc(s.get('toll_higher'))}, "
            f"lower {esc(s.get('toll_lower'))}, equal {esc(s.get('toll_equal'))}</p>"
            + (
                f"<table class=disputes><tr><th>fused</th><th>date</th><th>place</th><th>field</th>"
                f"<th>its value</th><th>others</th></tr>{disputes}</table>"
                if disputes
                else ""
            )
            + "</section>"
        )
    body = f"<main class=page><h1>Sources and their perspective</h1>{''.join(sections) or '<p>No sources.</p>'}</main>"
    return layout("Sources", body, current="/sources", twin="/sources.json")
