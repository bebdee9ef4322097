"""`marsad serve`: the web view over a store, on a pooled HTTP server (marsad.web.transport).

Requests must name a loopback host, the --host address or an --allow-host name in their Host header
(against DNS rebinding); every answer, errors included (the standard library's too), carries the
security headers and a `Server:` with no version; JSON and SVG answers are gzipped when accepted;
review bodies are limited in size, depth and length of numbers.

Reads need nothing; writes (reviews) need the token given at start, as `Authorization: Bearer T`
(or `X-Marsad-Token: T`): 401 without one, 403 with a wrong one or when the server has none.

Without a token the server never writes: it opens the store read-only, for a request's time, and
closes it (`ReadOnlyStore`), so another process can ingest or export between two requests, and the
next request sees what it stored. The map's answers (points, timeline, facets, stats, charts and the
page) read an in-memory copy of the reviewed events, made once per version of the store, and are
cached per version (marsad.web.snapshot); each request first checks the store's version from its
file, without opening it. While a writer holds the store (an ingest, for its whole run) a request
waits up to two seconds, then answers 503 with Retry-After. With a token the server holds the store open
writable for its whole run: each request reads through its own cursor of that one connection, and
reviews go one at a time through it (ingest waits for the server to stop). Every
asset is served from marsad's package (our own files, and the map libraries copied from the npm
registry at build time into static/vendor); the pages name no other host but the tile server.

Every path served is a row of the route table (`marsad.web.routes.routes()`: method, pattern, handler,
name, summary, response types), which `do_GET`/`do_POST` read; a path no row matches is a 404. The
pages are rendered by marsad.web.pages from Jinja2 templates.
"""

from __future__ import annotations

import contextlib
import errno
import gzip
import hmac
import io
import itertools
import json
import mimetypes
import os
import re
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from marsad.errors import MarsadError
from marsad.store import Store
from marsad.store.connect import connect, is_lock_error
from marsad.store.reviews import ReviewError, add_review
from marsad.web import data, pages, routes
from marsad.web.snapshot import FEATURE_COLUMN, SNAPSHOT_TABLE, Answer, FileVersion, Snapshots
from marsad.web.transport import Job, PooledHTTPServer, SocketWriter, listen

STATIC = Path(__file__).resolve().parent / "static"
VENDOR = STATIC / "vendor"
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "© OpenStreetMap contributors"
MAX_BODY = 64 * 1024
# a review body nests no deeper than this, and holds no number longer than this
MAX_DEPTH = 32
MAX_NUMBER = 40
# the names a request may give in its Host header, besides the address served on: loopback only,
# so that a page of another site whose name resolves to 127.0.0.1 (DNS rebinding) is refused
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
# answers of these types are compressed when the client accepts gzip and they are this long
_COMPRESSIBLE = ("application/json", "application/geo+json", "application/x-ndjson", "text/", "image/svg+xml")
MIN_COMPRESS = 1024
# country outlines (Natural Earth, from the npm package world-atlas) for a map without tiles
OUTLINES = "outlines/countries-50m.json"
_TYPES = {
    ".json": "application/json",
    ".js": "text/javascript",
    ".css": "text/css",
    ".png": "image/png",
    ".svg": "image/svg+xml",
}


# GET /api/events?format=...: the content type and file suffix of each download
DOWNLOADS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "acled-csv": ("text/csv; charset=utf-8", "csv"),
    "geojson": ("application/geo+json", "geojson"),
    "parquet": ("application/vnd.apache.parquet", "parquet"),
    "jsonl": ("application/x-ndjson; charset=utf-8", "jsonl"),
}


def vendor_ready() -> bool:
    """True when the map libraries have been copied in (`make web-assets`)."""
    needed = (
        VENDOR / "leaflet" / "leaflet.js",
        VENDOR / "markercluster" / "leaflet.markercluster.js",
        VENDOR / OUTLINES,
    )
    return all(path.is_file() for path in needed)


def tile_origin(template: str) -> str:
    """The origin a tile template loads from, for the page's security policy ('' for none)."""
    parts = urlsplit(template)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    host = re.sub(r"\{[a-z]\}", "*", parts.netloc)
    return f"{parts.scheme}://{host}"


class StoreBusy(Exception):
    """Another process holds the store's write lock (answered with 503 and Retry-After)."""


class ReadOnlyStore:
    """A store read through short-lived read-only connections: one per request, closed after it.

    Nothing is held between requests, so other processes may write the file then; each request sees
    everything committed before it opened."""

    def __init__(self, path: str | Path, wait: float = 2.0) -> None:
        self.path = str(path)
        self.wait = wait
        with Store(self.path, read_only=True, verify=True):  # exists, is a sound store, schema current
            pass
        self._file = FileVersion(self.path)

    def version(self) -> Any:
        """The store's version as its file tells it, without opening it (marsad.web.snapshot);
        StoreBusy when another process holds the write lock for longer than `wait`."""
        held = self._file.writer_holds()
        if held is None:  # the lock cannot be asked here: a connection tells
            self.cursor().close()
        elif held and not self._file.wait_for_writer(self.wait):
            raise StoreBusy("another process holds the store's write lock")
        try:
            return self._file()
        except OSError as exc:
            raise MarsadError(f"{self.path}: cannot read the store ({exc})") from exc

    def cursor(self) -> Any:
        """A fresh read-only connection (close it when done); StoreBusy while a writer holds the file."""
        import duckdb

        try:
            return connect(self.path, read_only=True, wait=self.wait)
        except duckdb.Error as exc:
            if is_lock_error(exc):
                raise StoreBusy(str(exc)) from exc
            raise


@dataclass
class WebApp:
    """What the handler needs: the store (held open writable, or read per request), the token, the
    settings, and cached derived data."""

    store: Store | ReadOnlyStore
    token: str | None = None
    tiles: str = OSM_TILES
    attribution: str = OSM_ATTRIBUTION
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    cursor_lock: threading.Lock = field(default_factory=threading.Lock)
    allowed_hosts: frozenset[str] = frozenset(LOOPBACK_NAMES)
    # the knowledge folders the actor names come from (`--pack`, `--knowledge`; default every pack)
    knowledge_dirs: tuple[Path, ...] = ()
    # the countries the store is about (`--country`): a prior for the map's first view, not a filter
    countries: tuple[str, ...] = ()
    _view: str | None = None
    _lexicon: Any = None
    static_gzip: dict[tuple[str, float], bytes] = field(default_factory=dict)
    # reviews stored through this server (a held store's version; marsad.web.snapshot)
    writes: int = 0
    _snapshots: Snapshots | None = None
    _snapshots_lock: threading.Lock = field(default_factory=threading.Lock)

    def host_allowed(self, header: str | None) -> bool:
        """True when a Host header names an allowed host ('*' among them allows any)."""
        if "*" in self.allowed_hosts:
            return True
        name = host_name(header or "")
        return bool(name) and name in self.allowed_hosts

    def cursor(self) -> Any:
        """A cursor of its own for one request (close it when done)."""
        if isinstance(self.store, ReadOnlyStore):
            return self.store.cursor()
        with self.cursor_lock:
            return self.store.con.cursor()

    @property
    def snapshots(self) -> Snapshots:
        """The in-memory copy of the reviewed events the map reads, rebuilt when the store changes."""
        if self._snapshots is None:
            with self._snapshots_lock:
                if self._snapshots is None:
                    version = (
                        self.store.version if isinstance(self.store, ReadOnlyStore) else self._held_version
                    )
                    self._snapshots = Snapshots(version, self.cursor)
        return self._snapshots

    def _held_version(self) -> Any:
        """A store held open changes through this server's reviews, or through the Store object
        itself when a program serves and writes it: the review count, and the store's counts."""
        con = self.cursor()
        try:
            return (self.writes, con.execute(_HELD_FINGERPRINT).fetchone())
        finally:
            con.close()

    @property
    def lexicon(self) -> Any:
        if self._lexicon is None:
            from marsad.services.actors import load_lexicon

            self._lexicon = load_lexicon(tuple(self.knowledge_dirs))
        return self._lexicon

    def settings(self) -> dict[str, str]:
        out = {"tiles": self.tiles, "attribution": self.attribution if self.tiles else ""}
        if self._view is None:
            self._view = country_view(self.countries)
        view = self._view
        if view:
            out["view"] = view
        return out

    def csp(self) -> str:
        """The pages' content security policy: nothing but marsad itself, and the tile server's images."""
        origin = tile_origin(self.tiles)
        images = "'self' data:" + (f" {origin}" if origin else "")
        return (
            f"default-src 'self'; img-src {images}; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
            "form-action 'self'"
        )


_HELD_FINGERPRINT = (
    "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM revisions), "
    "(SELECT count(*) FROM documents), (SELECT max(ingested_at) FROM documents)"
)


def host_name(header: str) -> str:
    """The host a Host header names, without its port, lower case: '[::1]:8000' gives '::1'."""
    value = header.strip().lower()
    if value.startswith("["):
        end = value.find("]")
        return value[1:end] if end > 0 else ""
    if value.count(":") == 1:
        value = value.split(":", 1)[0]
    return value.rstrip(".")


def allowed_hosts(host: str, extra: tuple[str, ...] | list[str] = ()) -> frozenset[str]:
    """The loopback names, the address served on (unless a wildcard) and `extra`."""
    names = set(LOOPBACK_NAMES)
    if host not in ("", "0.0.0.0", "::"):
        names.add(host_name(f"[{host}]" if ":" in host else host))
    names.update(host_name(f"[{e}]" if e.count(":") > 1 and not e.startswith("[") else e) or e for e in extra)
    return frozenset(names)


def accepts_gzip(header: str | None) -> bool:
    """True when an Accept-Encoding header accepts gzip (and does not give it q=0)."""
    for part in (header or "").lower().split(","):
        name, _, params = part.strip().partition(";")
        if name.strip() in ("gzip", "*"):
            q = re.search(r"q\s*=\s*([0-9.]+)", params)
            try:
                return not q or float(q.group(1)) > 0
            except ValueError:
                return False
    return False


def _refuse_number(text: str) -> Any:
    raise _HttpError(400, f"the review body holds a number too long or not finite ({text[:20]}...)")


def _number(kind: type) -> Any:
    def parse(text: str) -> Any:
        if len(text) > MAX_NUMBER:
            _refuse_number(text)
        return kind(text)

    return parse


_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKETS = re.compile(r"[^\[\]{}]+")


def json_depth(text: str) -> int:
    """How deep the arrays and objects of a JSON text nest (brackets inside strings do not count)."""
    brackets = _BRACKETS.sub("", _STRINGS.sub("", text))
    steps = (1 if c in "[{" else -1 for c in brackets)
    return max(itertools.accumulate(steps, initial=0))


def parse_body(raw: bytes) -> Any:
    """A review body's JSON, refused (400) when it is not UTF-8 JSON, nests deeper than MAX_DEPTH or
    holds a number longer than MAX_NUMBER digits (or NaN, Infinity)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _HttpError(400, "the review body is not UTF-8") from None
    if json_depth(text) > MAX_DEPTH:
        raise _HttpError(400, f"the review body nests deeper than {MAX_DEPTH}")
    try:
        return json.loads(
            text, parse_int=_number(int), parse_float=_number(float), parse_constant=_refuse_number
        )
    except (json.JSONDecodeError, RecursionError, ValueError):
        raise _HttpError(400, "the review body is not JSON") from None


JSON = "application/json; charset=utf-8"


def _json_bytes(payload: Any) -> bytes:
    return json.dumps(payload, ensure_ascii=False, default=str).encode("utf-8")


def _query_key(query: dict[str, list[str]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A parsed query as a cache key: the same parameters in any order give the same key."""
    return tuple(sorted((name, tuple(values)) for name, values in query.items()))


class _HttpError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class Handler(BaseHTTPRequestHandler):
    """Routes: the pages and their .json twins, the map API, the review API and static files."""

    server_version = "marsad"
    app: WebApp
    protocol_version = "HTTP/1.1"
    job: Job

    def version_string(self) -> str:
        return "marsad"  # no version of marsad or of Python

    def log_message(self, format: str, *args: Any) -> None:
        if getattr(self.server, "verbose", False):
            sys.stderr.write("marsad serve: " + (format % args) + "\n")

    # --- one request, read whole by the transport (marsad.web.transport)
    def setup(self) -> None:
        self.job = self.request
        self.connection = self.job.sock
        self.rfile = io.BytesIO(self.job.data)
        self.wfile = SocketWriter(self.job.sock)  # type: ignore[assignment]
        self.headers = None  # type: ignore[assignment]  # until a request's headers are parsed

    def handle(self) -> None:
        self.close_connection = True
        if self.job.error is not None:
            self.command, self.path, self.requestline = "", "", ""
            self.request_version = "HTTP/1.1"
            self.send_error(*self.job.error)
            return
        self.handle_one_request()
        if self.headers is not None and self.headers.get("Transfer-Encoding"):
            self.close_connection = True  # its body was not read

    def finish(self) -> None:
        pass

    def handle_expect_100(self) -> bool:
        return True  # the transport said 100 Continue before it read the body

    def parse_request(self) -> bool:
        """The standard parse, then: HTTP/0.9 refused, and the Host header checked."""
        self.headers = None  # type: ignore[assignment]
        if not super().parse_request():
            return False
        if self.request_version == "HTTP/0.9":
            self.request_version = "HTTP/1.0"
            self.send_error(400, "HTTP/0.9 is not served")
            return False
        host = self.headers.get("Host")
        if host is None and self.request_version == "HTTP/1.0":
            return True
        if not self.app.host_allowed(host):
            self.send_error(
                403,
                f"this server does not answer for the host {(host or '(none)')[:80]!r}; "
                "start it with --allow-host NAME to add a name",
            )
            return False
        return True

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Every error, the standard library's too (400, 414, 431, 501...), as JSON for the API and
        .json paths, else HTML, with the security headers; the connection is then closed."""
        self.close_connection = True
        if getattr(self, "request_version", "HTTP/0.9") == "HTTP/0.9":
            self.request_version = "HTTP/1.0"  # a status line and headers, even for a garbled request
        try:
            short = HTTPStatus(code).phrase
        except ValueError:
            short = "Error"
        text = message or short
        path = urlsplit(getattr(self, "path", "") or "").path
        accept = (self.headers.get("Accept") or "") if getattr(self, "headers", None) else ""
        as_json = (
            path.startswith("/api/")
            or path.endswith((".json", ".geojson"))
            or ("json" in accept and "html" not in accept)
        )
        extra = {"Connection": "close"}
        if code in (405, 501):
            extra["Allow"] = ", ".join(routes.methods())
        self._error(code, text, as_json, extra)

    # --- responses
    def _send(
        self,
        status: int,
        body: bytes,
        ctype: str,
        extra: dict[str, str] | None = None,
        gzipped: bytes | Callable[[], bytes] | None = None,
    ) -> None:
        """An answer with the security headers; gzip when it is worth it and the client accepts it
        (`gzipped`: the body already compressed, or what compresses it)."""
        headers = dict(extra or {})
        if len(body) >= MIN_COMPRESS and ctype.startswith(_COMPRESSIBLE):
            headers["Vary"] = "Accept-Encoding"
            if accepts_gzip(self.headers.get("Accept-Encoding") if self.headers else None):
                packed = gzipped() if callable(gzipped) else gzipped
                body = packed or gzip.compress(body, compresslevel=1, mtime=0)
                headers["Content-Encoding"] = "gzip"
        if self.close_connection:
            headers.setdefault("Connection", "close")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Content-Security-Policy", self.app.csp())
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, payload: Any, status: int = 200, extra: dict[str, str] | None = None) -> None:
        body = _json_bytes(payload)
        self._send(
            status, body, "application/json; charset=utf-8", {"Cache-Control": "no-store", **(extra or {})}
        )

    def _cached(self, key: Hashable, ctype: str, render: Callable[[Any], bytes]) -> None:
        """An answer of the map's, from the snapshot of the store's current version: from its
        cache, or rendered by `render(cursor of the snapshot)` and cached (marsad.web.snapshot)."""
        snap = self.app.snapshots.current()
        answer = snap.answers.get(key)
        if answer is None:
            with snap.cursor() as con:
                answer = snap.answers.put(key, Answer(render(con), ctype))
        self._send(200, answer.body, answer.ctype, {"Cache-Control": "no-store"}, answer.gzipped)

    def _html(self, text: str, status: int = 200) -> None:
        self._send(status, text.encode("utf-8"), "text/html; charset=utf-8", {"Cache-Control": "no-store"})

    def _error(self, status: int, message: str, as_json: bool, extra: dict[str, str] | None = None) -> None:
        headers = dict(extra or {})
        if as_json:
            if status == 401:
                headers["WWW-Authenticate"] = "Bearer"
            self._json({"error": message, "status": status}, status, headers)
        else:
            page = pages.not_found(message) if status == 404 else pages.message_page("Error", message)
            self._send(
                status,
                page.encode("utf-8"),
                "text/html; charset=utf-8",
                {"Cache-Control": "no-store", **headers},
            )

    def _busy(self, as_json: bool) -> None:
        message = "another process is writing the store (an ingest?); try again in a moment"
        if as_json:
            self._json({"error": message, "status": 503}, 503, {"Retry-After": "2"})
        else:
            body = pages.message_page("Busy", message)
            self._send(503, body.encode("utf-8"), "text/html; charset=utf-8", {"Retry-After": "2"})

    # --- GET
    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        path = unquote(url.path)
        query = parse_qs(url.query, keep_blank_values=False)
        as_json = path.endswith((".json", ".geojson"))
        try:
            self._route_get(path, query)
        except _HttpError as exc:
            self._error(exc.status, exc.message, as_json)
        except data.FilterError as exc:
            self._error(400, str(exc), True)
        except StoreBusy:
            self._busy(as_json)
        except (BrokenPipeError, ConnectionResetError):
            pass
        except Exception as exc:  # a bug must not take the server down; say what happened
            sys.stderr.write(f"marsad serve: {self.path}: {type(exc).__name__}: {exc}\n")
            self._error(500, "internal error; see the server's log", as_json)

    def _route_get(self, path: str, query: dict[str, list[str]]) -> None:
        found = routes.resolve("GET", path)
        if found is None:
            raise _HttpError(404, f"no page at {path}")
        route, match = found
        return getattr(self, route.handler)(path, query, match)

    # --- the GET handlers the route table (marsad.web.routes) names: (path, query, match)
    def get_static(self, path: str, query: dict[str, list[str]], match: re.Match[str]) -> None:
        return self._static(match.group(1))

    def get_favicon(self, path: str, query: dict[str, list[str]], match: re.Match[str]) -> None:
        return self._send(204, b"", "image/x-icon")

    def get_download(self, path: str, query: dict[str, list[str]], match: re.Match[str]) -> None:
        return self._download(query)

    def get_stats(self, path: str, query: dict[str, list[str]], match: re.Match[str]) -> None:
        group = data.one(query, "group") or "event_type"
        interval = data.one(query, "interval") or "month"
        filters = data.parse_filters(query)
        data.stats_check(group, interval)
        return self._cached(
            (path, _query_key(query)),
            JSON,
            lambda con: _json_bytes(data.stats(con, filters, group, interval, SNAPSHOT_TABLE)),
        )

    def get_chart(self, path: str, query: dict[str, list[str]], match: re.Match[str]) -> None:
        return self._chart(match.group(1), query)

    def get_points(self, path: str, query: dict[str, list[str]], match: re.Match[str]) -> None:
        filters = data.parse_filters(query)
        return self._cached(
            (path, _query_key(query)),
            JSON,
            lambda con: data.events_geojson_text(con, filters, SNAPSHOT_TABLE, FEATURE_COLUMN).encode(
                "utf-8"
            ),
        )

    def get_timeline(self, path: str, query: dict[str, list[str]], match: re.Match[str]) -> None:
        filters = data.parse_filters(query)
        return self._cached(
            (path, _query_key(query)),
            JSON,
            lambda con: data.timeline_text(con, filters, SNAPSHOT_TABLE).encode("utf-8"),
        )

    def get_facets(self, path: str, query: dict[str, list[str]], match: re.Match[str]) -> None:
        return self._cached((path,), JSON, lambda con: _json_bytes(data.facets(con, SNAPSHOT_TABLE)))

    def get_queue(self, path: str, query: dict[str, list[str]], match: re.Match[str]) -> None:
        return self._with_cursor(lambda con: self._queue(con, path, query))

    def get_map(self, path: str, query: dict[str, list[str]], match: re.Match[str]) -> None:
        return self._map(False, query)

    def get_map_json(self, path: str, query: dict[str, list[str]], match: re.Match[str]) -> None:
        return self._map(True, query)

    def get_control(self, path: str, query: dict[str, list[str]], match: re.Match[str]) -> None:
        return self._control(path.endswith(".json"), query)

    def get_sources(self, path: str, query: dict[str, list[str]], match: re.Match[str]) -> None:
        return self._with_cursor(lambda con: self._sources(con, path.endswith(".json")))

    def get_event(self, path: str, query: dict[str, list[str]], match: re.Match[str]) -> None:
        return self._event(match.group(1), bool(match.group(2)), query)

    def get_document(self, path: str, query: dict[str, list[str]], match: re.Match[str]) -> None:
        return self._document(match.group(1), bool(match.group(2)), query)

    def get_openapi(self, path: str, query: dict[str, list[str]], match: re.Match[str]) -> None:
        return self._json(routes.openapi())

    def get_api_page(self, path: str, query: dict[str, list[str]], match: re.Match[str]) -> None:
        return self._html(pages.api_page(routes.listing()))

    def _download(self, query: dict[str, list[str]]) -> None:
        """The filtered records as a file, as `marsad export` writes them with the same filters:
        occurred records unless `modality` (or `all=1`) says otherwise; csv is ACLED's CSV."""
        from marsad.export import write_records
        from marsad.store.query import iter_filtered_records, parse_filter

        fmt = data.one(query, "format") or "geojson"
        kind = DOWNLOADS.get(fmt)
        if kind is None:
            raise data.FilterError(f"format: choose among {', '.join(DOWNLOADS)}")
        filters = parse_filter(query)
        if not filters.modality and data.one(query, "all") not in ("1", "true", "yes"):
            filters.modality = ["occurred"]
        buffer = io.BytesIO()

        def work(con: Any) -> None:
            writer = "acled-csv" if fmt == "csv" else fmt
            write_records(iter_filtered_records(con, filters), writer, buffer)

        self._with_cursor(work)
        ctype, suffix = kind
        name = f"marsad-events.{suffix}"
        extra = {"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"}
        self._send(200, buffer.getvalue(), ctype, extra)

    def _chart(self, name: str, query: dict[str, list[str]]) -> None:
        """A chart of /api/stats under the map's filters, as SVG (marsad.web.charts)."""
        from marsad.web.charts import CHARTS, chart_svg

        if name not in CHARTS:
            raise _HttpError(404, f"no chart {name}; choose among {', '.join(CHARTS)}")
        group = {"time": "event_type", "actors": "actor1", "admin1": "admin1"}[name]
        interval = data.one(query, "interval") or "month"
        filters = data.parse_filters(query)

        data.stats_check(group, interval)

        def render(con: Any) -> bytes:
            return chart_svg(
                name, data.stats(con, filters, group, interval, SNAPSHOT_TABLE), interval
            ).encode()

        self._cached((f"/api/charts/{name}.svg", _query_key(query)), "image/svg+xml; charset=utf-8", render)

    def _with_cursor(self, work: Any) -> None:
        con = self.app.cursor()
        try:
            work(con)
        finally:
            con.close()

    def _map(self, as_json: bool, query: dict[str, list[str]]) -> None:
        if as_json:
            filters = data.parse_filters(query)
            self._cached(
                ("/index.json", _query_key(query)),
                JSON,
                lambda con: _json_bytes(data.map_page(con, filters, SNAPSHOT_TABLE, FEATURE_COLUMN)),
            )
            return
        ready = vendor_ready()

        def render(con: Any) -> bytes:
            payload = {"facets": data.facets(con, SNAPSHOT_TABLE)}
            return pages.map_page(payload, self.app.settings(), ready).encode("utf-8")

        self._cached(("/", ready), "text/html; charset=utf-8", render)

    def _queue(self, con: Any, path: str, query: dict[str, list[str]]) -> None:
        """The review queue (marsad.web.queue): its page, its events, what its fields offer."""
        from marsad.web import queue

        if path == "/api/vocabulary.json":
            return self._json(queue.vocabulary(con, self.app.lexicon))
        filters = data.parse_filters(query)
        found = queue.queue(con, filters, filters.limit if data.one(query, "limit") else queue.DEFAULT_QUEUE)
        if path == "/api/queue.json":
            return self._json(found)
        self._html(queue.queue_page(found["total"], self.app.token is not None))

    def _event(self, event_id: str, as_json: bool, query: dict[str, list[str]]) -> None:
        def work(con: Any) -> None:
            found = data.event_page(con, event_id)
            if found is None:
                member = con.execute(
                    "SELECT event_id FROM fused_members WHERE fused_id = ? ORDER BY ordinal LIMIT 1",
                    [event_id],
                ).fetchone()
                if member:  # a fused id: its first report's event
                    target = pages.event_href(member[0]) + (".json" if as_json else "")
                    self._send(302, b"", "text/plain", {"Location": target})
                    return
                raise _HttpError(404, f"no event {event_id}")
            self._json(found) if as_json else self._html(pages.event_page(found))

        self._with_cursor(work)

    def _document(self, document_id: str, as_json: bool, query: dict[str, list[str]]) -> None:
        def work(con: Any) -> None:
            found = data.document_page(con, document_id)
            if found is None:
                raise _HttpError(404, f"no document {document_id}")
            current = (query.get("event") or [""])[-1]
            self._json(found) if as_json else self._html(pages.document_page(found, current))

        self._with_cursor(work)

    def _control(self, as_json: bool, query: dict[str, list[str]]) -> None:
        text = (query.get("at") or [""])[-1]
        try:
            at = date.fromisoformat(text) if text else None
        except ValueError:
            raise data.FilterError(f"at: {text[:40]!r} is not a date (YYYY-MM-DD)") from None

        def work(con: Any) -> None:
            found = data.control_page(con, self.app.lexicon, at)
            if at is None and found["last"] and not as_json:
                found = data.control_page(con, self.app.lexicon, date.fromisoformat(found["last"]))
            self._json(found) if as_json else self._html(pages.control_page(found))

        self._with_cursor(work)

    def _sources(self, con: Any, as_json: bool) -> None:
        profiles = data.sources_page(con, self.app.lexicon)
        self._json(profiles) if as_json else self._html(pages.sources_page(profiles))

    def _static(self, name: str) -> None:
        """A file under static/ (404 for anything else: outside it, a folder, a NUL, a name too long)."""
        shown = name[:80]
        if not name or any(ord(c) < 32 or c == "\x7f" for c in name) or len(name) > 1024:
            raise _HttpError(404, f"no file {shown!r}")
        try:
            target = (STATIC / name).resolve()
            if not target.is_relative_to(STATIC) or not target.is_file():
                raise _HttpError(404, f"no file {shown}")
            stat = target.stat()
            body = target.read_bytes()
        except (OSError, ValueError):
            raise _HttpError(404, f"no file {shown!r}") from None
        ctype = (
            _TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        )
        if ctype.startswith("text/"):
            ctype += "; charset=utf-8"
        packed = None
        if len(body) >= MIN_COMPRESS and ctype.startswith(_COMPRESSIBLE):
            # a file is compressed once (the outlines: 750 kB, a fifth of that in gzip)
            key = (str(target), stat.st_mtime)
            packed = self.app.static_gzip.get(key)
            if packed is None:
                packed = gzip.compress(body, compresslevel=9, mtime=0)
                self.app.static_gzip[key] = packed
        self._send(200, body, ctype, {"Cache-Control": "public, max-age=300"}, packed)

    # --- POST
    def do_POST(self) -> None:
        path = unquote(urlsplit(self.path).path)
        try:
            found = routes.resolve("POST", path)
            if found is None:
                raise _HttpError(404, f"nothing to post at {path}")
            route, match = found
            getattr(self, route.handler)(path, match)
        except _HttpError as exc:
            self.close_connection = True  # the body may be unread
            self._error(exc.status, exc.message, True)
        except ReviewError as exc:
            self._error(404 if exc.unknown_event else 400, exc.message, True)
        except (BrokenPipeError, ConnectionResetError):
            pass
        except Exception as exc:
            sys.stderr.write(f"marsad serve: POST {self.path}: {type(exc).__name__}: {exc}\n")
            self._error(500, "internal error; see the server's log", True)

    def post_review(self, path: str, match: re.Match[str]) -> None:
        """A review of one event: authorised by the token, its body checked, written one at a time."""
        self._authorise()
        payload = self._body()
        with self.app.write_lock:
            con = self.app.cursor()
            try:
                changes = payload.get("changes") or {}
                if not isinstance(changes, dict):
                    raise ReviewError("changes: give an object of field: value")
                result = add_review(
                    con,
                    match.group(1),
                    str(payload.get("action") or ""),
                    str(payload.get("reviewer") or ""),
                    changes=changes,
                    reason=str(payload.get("reason") or ""),
                )
            finally:
                con.close()
                self.app.writes += 1  # the map's snapshot is now out of date
        self._json(result, 201)

    def _authorise(self) -> None:
        given = self.headers.get("X-Marsad-Token") or ""
        auth = self.headers.get("Authorization") or ""
        if auth.lower().startswith("bearer "):
            given = auth[7:].strip()
        if not given:
            raise _HttpError(
                401, "a review needs the token the server was started with (Authorization: Bearer T)"
            )
        expected = self.app.token
        if not expected:
            raise _HttpError(403, "this server takes no reviews: start it with --token or MARSAD_TOKEN")
        if not hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
            raise _HttpError(403, "wrong token")

    def _body(self) -> dict[str, Any]:
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if ctype != "application/json":
            raise _HttpError(415, "send the review as application/json")
        try:
            length = int(self.headers.get("Content-Length") or "0")
        except ValueError:
            raise _HttpError(400, "bad Content-Length") from None
        if length <= 0 or length > MAX_BODY:
            raise _HttpError(413 if length > MAX_BODY else 400, "the review body is missing or too large")
        raw = self.rfile.read(length)
        if len(raw) < length:
            raise _HttpError(400, "the review body is shorter than its Content-Length")
        payload = parse_body(raw)
        if not isinstance(payload, dict):
            raise _HttpError(400, "the review body must be a JSON object")
        return payload


class WebServer(PooledHTTPServer):
    """The pooled server (marsad.web.transport), its handler bound to one app."""

    verbose = False

    def __init__(self, address: tuple[str, int], app: WebApp, **settings: Any) -> None:
        if ":" in str(address[0]):
            self.address_family = socket.AF_INET6
        handler = type("BoundHandler", (Handler,), {"app": app})
        super().__init__(address, handler, max_body=MAX_BODY, **settings)
        self.app = app


def country_view(countries: tuple[str, ...], gazetteer: Any = None) -> str:
    """'lat,lon,zoom' the map opens on for the countries a user named (`serve --country`): the mean of
    their points in the gazetteer (each country's capital), or '' when none is known."""
    if not countries:
        return ""
    from marsad.services.gazetteer import Gazetteer

    gazetteer = gazetteer or Gazetteer()
    points = [p for p in (gazetteer.get(f"cc:{code}") for code in countries) if p is not None]
    if not points:
        return ""
    lat = sum(p.lat for p in points) / len(points)
    lon = sum(p.lon for p in points) / len(points)
    return f"{lat:.3f},{lon:.3f},{6 if len(points) == 1 else 5}"


def make_server(
    store: Store | ReadOnlyStore,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    token: str | None = None,
    tiles: str | None = OSM_TILES,
    attribution: str | None = None,
    allow_hosts: tuple[str, ...] | list[str] = (),
    timeout: float | None = None,
    workers: int | None = None,
    knowledge_dirs: tuple[Path, ...] = (),
    countries: tuple[str, ...] = (),
    listen_socket: socket.socket | None = None,
) -> WebServer:
    """A server over an open store, or a ReadOnlyStore (not yet serving; call serve_forever).

    Requests must name a loopback host, `host` or one of `allow_hosts` ('*': any) in their Host
    header. `timeout`: seconds before an idle connection is dropped (half that for a request begun
    and not finished; default 20). OSError when the address cannot be bound (EADDRINUSE).
    `listen_socket`: serve this socket, bound and listening already (`transport.listen`), instead
    of binding (host, port); several processes may serve one (`serve(processes=)`)."""
    tiles = (tiles or "").strip()
    if tiles.lower() in ("none", "off"):
        tiles = ""
    app = WebApp(
        store=store,
        token=token or None,
        tiles=tiles,
        attribution=attribution
        if attribution is not None
        else (OSM_ATTRIBUTION if "openstreetmap" in tiles else ""),
        allowed_hosts=allowed_hosts(host, allow_hosts),
        knowledge_dirs=tuple(knowledge_dirs),
        countries=tuple(countries),
    )
    settings: dict[str, Any] = {"workers": workers}
    if timeout is not None:
        settings.update(idle_timeout=timeout, request_timeout=timeout / 2)
    return WebServer((host, port), app, listen_socket=listen_socket, **settings)


def serve(
    db: str,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    token: str | None = None,
    tiles: str | None = OSM_TILES,
    verbose: bool = True,
    allow_hosts: tuple[str, ...] | list[str] = (),
    timeout: float | None = None,
    knowledge_dirs: tuple[Path, ...] = (),
    countries: tuple[str, ...] = (),
    processes: int | None = None,
) -> None:
    """Serve the store until interrupted: read-only, a connection per request, without a token;
    held open writable, so reviews can be stored, with one.

    `processes`: how many processes answer, sharing one listening socket (default: read-only, one
    per CPU up to `MAX_PROCESSES`, as one Python process cannot use more than about one CPU for
    the requests' own work; with a token, one, the only one that may write the store)."""
    if not Path(db).exists():
        raise MarsadError(f"{db}: no such store; create it with `marsad ingest PATH... --db {db}`")
    if processes is not None and processes < 1:
        raise MarsadError(f"--processes {processes}: give 1 or more")
    if token and processes is not None and processes > 1:
        raise MarsadError(
            f"--processes {processes}: with --token one process serves, the only one that may store "
            "reviews; serve read-only (no --token) to answer from several"
        )
    options: dict[str, Any] = {
        "tiles": tiles,
        "verbose": verbose,
        "allow_hosts": allow_hosts,
        "timeout": timeout,
        "knowledge_dirs": tuple(knowledge_dirs),
        "countries": tuple(countries),
    }
    if token:
        with Store(db, verify=True) as store:
            _run(store, db, host, port, token=token, **options)
    else:
        if processes is None:
            processes = default_processes()
        _run(ReadOnlyStore(db), db, host, port, token=None, processes=processes, **options)


def _run(
    store: Store | ReadOnlyStore,
    db: str,
    host: str,
    port: int,
    *,
    token: str | None,
    tiles: str | None,
    verbose: bool,
    allow_hosts: tuple[str, ...] | list[str],
    timeout: float | None,
    knowledge_dirs: tuple[Path, ...],
    countries: tuple[str, ...] = (),
    processes: int = 1,
) -> None:
    listener: socket.socket | None = None
    try:
        if processes > 1:
            listener = listen(host, port)
        server = make_server(
            store,
            host,
            port,
            token=token,
            tiles=tiles,
            allow_hosts=allow_hosts,
            timeout=timeout,
            knowledge_dirs=knowledge_dirs,
            countries=countries,
            listen_socket=listener,
        )
    except OSError as exc:
        if listener is not None:
            listener.close()
        if exc.errno == errno.EADDRINUSE:
            raise MarsadError(
                f"{host}:{port} is already in use (another marsad serve?); "
                "choose another port with --port, or --port 0 for a free one"
            ) from None
        raise MarsadError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from None
    server.verbose = verbose
    children: list[subprocess.Popen[bytes]] = []
    if listener is not None:
        config = {
            "db": db,
            "host": host,
            "fd": listener.fileno(),
            "parent": os.getpid(),
            "tiles": server.app.tiles,
            "verbose": verbose,
            "allow_hosts": list(allow_hosts),
            "timeout": timeout,
            "knowledge_dirs": [str(d) for d in knowledge_dirs],
            "countries": list(countries),
        }
        children = [_spawn(config, listener) for _ in range(processes - 1)]
    where = f"http://{host if ':' not in host else '[' + host + ']'}:{server.server_address[1]}/"
    if token:
        mode = "reviews need the token; the store stays open, so ingest waits for this server to stop"
    else:
        mode = "read-only: no --token, so reviews are refused; ingest and export may run meanwhile"
        if processes > 1:
            mode += f"; {processes} processes answer"
    print(f"marsad: serving {db} at {where} ({mode}); Ctrl-C to stop", file=sys.stderr, flush=True)
    if not vendor_ready():
        print(
            "marsad: map libraries missing (run `make web-assets`); the map page lists events",
            file=sys.stderr,
        )
    threading.Thread(target=_warm, args=(server.app,), name="marsad-web-warm", daemon=True).start()
    previous = _stop_on_sigterm()
    try:
        server.serve_forever()
    finally:
        server.server_close()
        _stop(children)
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


# the most processes a read-only serve starts by default (each holds its own copy of the map's data)
MAX_PROCESSES = 4


def default_processes() -> int:
    """A read-only serve's processes by default: one per CPU, at most MAX_PROCESSES; one where a
    listening socket cannot be handed to another process (Windows)."""
    if os.name != "posix":
        return 1
    return max(1, min(MAX_PROCESSES, os.cpu_count() or 1))


def _spawn(config: dict[str, Any], listener: socket.socket) -> subprocess.Popen[bytes]:
    """Another process answering from `listener` (`python -m marsad.web.worker CONFIG`)."""
    return subprocess.Popen(
        [sys.executable, "-m", "marsad.web.worker", json.dumps(config)],
        pass_fds=(listener.fileno(),),
        stdin=subprocess.DEVNULL,
    )


def _stop(children: list[subprocess.Popen[bytes]]) -> None:
    """Stop the other serving processes, and wait for them."""
    for child in children:
        with contextlib.suppress(OSError):
            child.terminate()
    for child in children:
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def _stop_on_sigterm() -> Any:
    """SIGTERM (a service manager's stop) ends serve_forever as Ctrl-C does, so that the serving
    processes it started stop with it: the handler it replaced, or None where none was set (only
    the main thread may set one)."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    return signal.signal(signal.SIGTERM, stop)


def _warm(app: WebApp) -> None:
    """Build the map's snapshot before the first visitor asks for it; a failure here (a writer
    holding the store, say) is left for a request to meet and report."""
    with contextlib.suppress(Exception):
        app.snapshots.current()
