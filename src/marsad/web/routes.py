"""The web view's route table: every path `marsad serve` answers, declared once.

`Handler` (marsad.web.server) dispatches by reading the table (`routes()`, built once per process)
in order: the first route whose method matches and whose `pattern` matches the whole (unquoted)
path is answered by the handler method it names; no match is a 404. The same table generates the
OpenAPI 3.1 description served at /api/openapi.json (`openapi`) and the /api page (`listing`), so
the documentation cannot drift from what is served.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from marsad import __version__
from marsad.store.query import PARAMETERS
from marsad.web.data import STAT_GROUPS, STAT_INTERVALS

HTML = "text/html"
JSON = "application/json"
GEOJSON = "application/geo+json"
SVG = "image/svg+xml"


@dataclass(frozen=True)
class Param:
    """A query parameter (or, with `where="path"`, a segment of the path)."""

    name: str
    description: str
    where: str = "query"
    enum: tuple[str, ...] = ()
    many: bool = False


@dataclass(frozen=True)
class Route:
    method: str
    # a regular expression the whole path must match; its groups are the handler's arguments
    pattern: str
    handler: str
    name: str
    summary: str
    responses: tuple[str, ...]
    # the path as OpenAPI writes it, `{name}` for each group of `pattern`; more than one when the
    # pattern takes several spellings (/sources and /sources.json)
    paths: tuple[str, ...]
    parameters: tuple[Param, ...] = ()
    regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "regex", re.compile(self.pattern))

    def match(self, method: str, path: str) -> re.Match[str] | None:
        return self.regex.fullmatch(path) if method == self.method else None


_FILTER_HELP = {
    "country": "a country (repeat or comma-separate for several)",
    "start": "the first day, YYYY-MM-DD",
    "end": "the last day, YYYY-MM-DD",
    "event_type": "an ACLED event type",
    "sub_event_type": "an ACLED sub-event type",
    "actor": "text an actor's name contains",
    "source": "a source's name",
    "modality": "occurred, threatened, denied, ...",
    "bbox": "west,south,east,north in degrees",
    "place": "text the place's name contains",
    "review": "review status: accepted, edited, rejected, unreviewed",
}
# the filters every event query shares (marsad.store.query.PARAMETERS), by each of their names
FILTERS = tuple(
    Param(name, _FILTER_HELP.get(key, key), many=key not in ("start", "end", "actor", "place", "bbox"))
    for key, names in PARAMETERS.items()
    for name in names
)
LIMIT = Param("limit", "at most this many answers")
EVENT_ID = Param("event_id", "an event's id (or a fused record's id, which redirects)", where="path")


def _routes() -> tuple[Route, ...]:
    from marsad.web.charts import CHARTS
    from marsad.web.server import DOWNLOADS

    stats_params = (
        *FILTERS,
        Param("group", "what to count by", enum=tuple(STAT_GROUPS)),
        Param("interval", "the length of a period", enum=STAT_INTERVALS),
    )
    return (
        Route(
            "GET",
            r"/(?:index\.html)?",
            "get_map",
            "map",
            "The map, its filters, timeline and charts",
            (HTML,),
            ("/", "/index.html"),
        ),
        Route(
            "GET",
            r"/(?:index)?\.json",
            "get_map_json",
            "map-json",
            "The map's events and facets",
            (JSON,),
            ("/index.json",),
            (*FILTERS, LIMIT),
        ),
        Route(
            "GET",
            r"/review",
            "get_queue",
            "review",
            "The review queue, least confident first",
            (HTML,),
            ("/review",),
            FILTERS,
        ),
        Route(
            "GET",
            r"/control",
            "get_control",
            "control",
            "Who held each place on a date",
            (HTML,),
            ("/control",),
            (Param("at", "the date, YYYY-MM-DD"),),
        ),
        Route(
            "GET",
            r"/control\.json",
            "get_control",
            "control-json",
            "Control of places, as JSON",
            (JSON,),
            ("/control.json",),
            (Param("at", "the date, YYYY-MM-DD"),),
        ),
        Route(
            "GET",
            r"/sources(\.json)?",
            "get_sources",
            "sources",
            "Each source's loaded terms, verbs and disputed claims",
            (HTML, JSON),
            ("/sources", "/sources.json"),
        ),
        Route(
            "GET",
            r"/events/(.+?)(\.json)?",
            "get_event",
            "event",
            "One event: record, evidence, fused claims, reviews",
            (HTML, JSON),
            ("/events/{event_id}", "/events/{event_id}.json"),
            (EVENT_ID,),
        ),
        Route(
            "GET",
            r"/documents/(.+?)(\.json)?",
            "get_document",
            "document",
            "A document's text with its evidence highlighted",
            (HTML, JSON),
            ("/documents/{content_hash}", "/documents/{content_hash}.json"),
            (
                Param("content_hash", "a document's content hash or id", where="path"),
                Param("event", "an event whose evidence to mark as current"),
            ),
        ),
        Route(
            "GET",
            r"/api/events",
            "get_download",
            "download",
            "The filtered records as a file (occurred ones unless a modality is given)",
            tuple(sorted({kind.split(";")[0] for kind, _ in DOWNLOADS.values()})),
            ("/api/events",),
            (
                *FILTERS,
                Param("format", "the file's format", enum=tuple(DOWNLOADS)),
                Param("all", "1: every modality, not only occurred events"),
            ),
        ),
        Route(
            "GET",
            r"/api/events\.geojson",
            "get_points",
            "points",
            "The map's located events",
            (GEOJSON,),
            ("/api/events.geojson",),
            (*FILTERS, LIMIT),
        ),
        Route(
            "GET",
            r"/api/timeline\.json",
            "get_timeline",
            "timeline",
            "Events per day",
            (JSON,),
            ("/api/timeline.json",),
            FILTERS,
        ),
        Route(
            "GET",
            r"/api/facets\.json",
            "get_facets",
            "facets",
            "The values each filter offers",
            (JSON,),
            ("/api/facets.json",),
        ),
        Route(
            "GET",
            r"/api/stats(?:\.json)?",
            "get_stats",
            "stats",
            "Events and fatalities per period and group",
            (JSON,),
            ("/api/stats", "/api/stats.json"),
            stats_params,
        ),
        Route(
            "GET",
            r"/api/charts/([a-z0-9]+)\.svg",
            "get_chart",
            "chart",
            "A chart of /api/stats",
            (SVG,),
            ("/api/charts/{chart}.svg",),
            (
                Param("chart", "which chart", where="path", enum=tuple(CHARTS)),
                *FILTERS,
                Param("interval", "the length of a period", enum=STAT_INTERVALS),
            ),
        ),
        Route(
            "GET",
            r"/api/queue\.json",
            "get_queue",
            "queue",
            "The events awaiting review",
            (JSON,),
            ("/api/queue.json",),
            (*FILTERS, LIMIT),
        ),
        Route(
            "GET",
            r"/api/vocabulary\.json",
            "get_queue",
            "vocabulary",
            "What the review form's fields offer",
            (JSON,),
            ("/api/vocabulary.json",),
        ),
        Route(
            "POST",
            r"/api/events/([^/]+)/review",
            "post_review",
            "post-review",
            "Accept, edit or reject an event (needs the server's token as Authorization: Bearer)",
            (JSON,),
            ("/api/events/{event_id}/review",),
            (EVENT_ID,),
        ),
        Route(
            "GET",
            r"/api/openapi\.json",
            "get_openapi",
            "openapi",
            "This API as OpenAPI 3.1",
            (JSON,),
            ("/api/openapi.json",),
        ),
        Route(
            "GET",
            r"/api(?:/docs)?",
            "get_api_page",
            "api",
            "This API as a page",
            (HTML,),
            ("/api", "/api/docs"),
        ),
        Route(
            "GET",
            r"/static/(.*)",
            "get_static",
            "static",
            "marsad's own files and the map libraries",
            ("text/css", "text/javascript", JSON, SVG, "image/png"),
            ("/static/{file}",),
            (Param("file", "a file under static/", where="path"),),
        ),
        Route(
            "GET",
            r"/favicon\.ico",
            "get_favicon",
            "favicon",
            "No icon (204)",
            ("image/x-icon",),
            ("/favicon.ico",),
        ),
    )


_TABLE: tuple[Route, ...] | None = None


def routes() -> tuple[Route, ...]:
    """The route table (built once per process)."""
    global _TABLE
    if _TABLE is None:
        _TABLE = _routes()
    return _TABLE


def resolve(method: str, path: str) -> tuple[Route, re.Match[str]] | None:
    """The first route answering `method` on `path`, and its match (None: nothing is there)."""
    for route in routes():
        found = route.match(method, path)
        if found:
            return route, found
    return None


def methods() -> tuple[str, ...]:
    return tuple(sorted({r.method for r in routes()} | {"HEAD"}))


def _schema(p: Param) -> dict[str, Any]:
    item: dict[str, Any] = {"type": "string"}
    if p.enum:
        item["enum"] = list(p.enum)
    return {"type": "array", "items": item} if p.many else item


def openapi() -> dict[str, Any]:
    """The route table as an OpenAPI 3.1 document."""
    paths: dict[str, Any] = {}
    for route in routes():
        for index, path in enumerate(route.paths):
            names = re.findall(r"\{(\w+)\}", path)
            params = []
            for p in route.parameters:
                if p.where == "path" and p.name not in names:
                    continue
                entry: dict[str, Any] = {
                    "name": p.name,
                    "in": p.where,
                    "description": p.description,
                    "schema": _schema(p),
                }
                if p.where == "path":
                    entry["required"] = True
                elif p.many:
                    entry["style"], entry["explode"] = "form", True
                params.append(entry)
            types = route.responses
            if path.endswith(".json"):
                types = tuple(t for t in types if t == JSON) or types
            elif JSON in types and HTML in types:
                types = (HTML,)
            operation: dict[str, Any] = {
                "operationId": f"{route.name}-{index}" if index else route.name,
                "summary": route.summary,
                "parameters": params,
                "responses": {
                    "200" if route.method == "GET" else "201": {
                        "description": route.summary,
                        "content": {t: {} for t in types},
                    },
                    "400": {"description": "a parameter that cannot be used"},
                    "404": {"description": "nothing there"},
                },
            }
            if route.method == "POST":
                operation["requestBody"] = {
                    "required": True,
                    "content": {JSON: {"schema": {"type": "object"}}},
                }
                operation["responses"]["401"] = {"description": "no token given"}
                operation["responses"]["403"] = {"description": "a wrong token, or a server without one"}
            paths.setdefault(path, {})[route.method.lower()] = operation
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "marsad",
            "version": __version__,
            "description": "The web view of a marsad store: ACLED-format event records, their evidence "
            "and their review. Every path here is declared once, in marsad.web.routes.",
        },
        "paths": paths,
    }


def listing() -> list[dict[str, Any]]:
    """The route table as the /api page shows it."""
    return [
        {
            "method": r.method,
            "path": " ".join(r.paths),
            "name": r.name,
            "summary": r.summary,
            "responses": r.responses,
            "parameters": [{"name": p.name, "description": p.description} for p in r.parameters],
        }
        for r in routes()
    ]
