"""`marsad serve`: the web view over a store, on the standard library's threading HTTP server.

Reads need nothing; writes (reviews) need the token given at start, as `Authorization: Bearer T`
(or `X-Marsad-Token: T`): 401 without one, 403 with a wrong one or when the server has none.

Without a token the server never writes: each request opens the store read-only, reads and closes it
(`ReadOnlyStore`), so another process can ingest or export between two requests, and the next request
sees what it stored. While a writer holds the store (an ingest, for its whole run) a request waits up
to two seconds, then answers 503 with Retry-After. With a token the server holds the store open
writable for its whole run: each request reads through its own cursor of that one connection, and
reviews go one at a time through it (ingest waits for the server to stop). Every
asset is served from marsad's package (our own files, and the map libraries copied from the npm
registry at build time into static/vendor); the pages name no other host but the tile server.
"""

from __future__ import annotations

import errno
import hmac
import io
import json
import mimetypes
import re
import socket
import sys
import threading
from dataclasses import dataclass, field
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from marsad.errors import MarsadError
from marsad.store import Store
from marsad.store.connect import connect, is_lock_error
from marsad.store.reviews import ReviewError, add_review
from marsad.web import data, pages

STATIC = Path(__file__).resolve().parent / "static"
VENDOR = STATIC / "vendor"
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "© OpenStreetMap contributors"
MAX_BODY = 64 * 1024
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
    _lexicon: Any = None

    def cursor(self) -> Any:
        """A cursor of its own for one request (close it when done)."""
        if isinstance(self.store, ReadOnlyStore):
            return self.store.cursor()
        with self.cursor_lock:
            return self.store.con.cursor()

    @property
    def lexicon(self) -> Any:
        if self._lexicon is None:
            from marsad.services.actors import load_lexicon

            self._lexicon = load_lexicon(())
        return self._lexicon

    def settings(self) -> dict[str, str]:
        return {"tiles": self.tiles, "attribution": self.attribution if self.tiles else ""}

    def csp(self) -> str:
        """The pages' content security policy: nothing but marsad itself, and the tile server's images."""
        origin = tile_origin(self.tiles)
        images = "'self' data:" + (f" {origin}" if origin else "")
        return (
            f"default-src 'self'; img-src {images}; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
            "form-action 'self'"
        )


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

    def log_message(self, format: str, *args: Any) -> None:
        if getattr(self.server, "verbose", False):
            sys.stderr.write("marsad serve: " + (format % args) + "\n")

    # --- responses
    def _send(self, status: int, body: bytes, ctype: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Content-Security-Policy", self.app.csp())
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, payload: Any, status: int = 200, extra: dict[str, str] | None = None) -> None:
        body = json.dumps(payload, ensure_ascii=False, default=str).encode("utf-8")
        self._send(
            status, body, "application/json; charset=utf-8", {"Cache-Control": "no-store", **(extra or {})}
        )

    def _html(self, text: str, status: int = 200) -> None:
        self._send(status, text.encode("utf-8"), "text/html; charset=utf-8", {"Cache-Control": "no-store"})

    def _error(self, status: int, message: str, as_json: bool) -> None:
        if as_json:
            extra = {"WWW-Authenticate": "Bearer"} if status == 401 else None
            self._json({"error": message, "status": status}, status, extra)
        else:
            self._html(
                pages.not_found(message)
                if status == 404
                else pages.layout("Error", f"<main class=page><p>{pages.esc(message)}</p></main>"),
                status,
            )

    def _busy(self, as_json: bool) -> None:
        message = "another process is writing the store (an ingest?); try again in a moment"
        if as_json:
            self._json({"error": message, "status": 503}, 503, {"Retry-After": "2"})
        else:
            body = pages.layout("Busy", f"<main class=page><p>{pages.esc(message)}</p></main>")
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
        if path.startswith("/static/"):
            return self._static(path[len("/static/") :])
        if path == "/favicon.ico":
            return self._send(204, b"", "image/x-icon")
        if path == "/api/events":
            return self._download(query)
        if path in ("/api/stats", "/api/stats.json"):
            group = data.one(query, "group") or "event_type"
            interval = data.one(query, "interval") or "month"
            return self._with_cursor(
                lambda con: self._json(data.stats(con, data.parse_filters(query), group, interval))
            )
        chart = re.fullmatch(r"/api/charts/([a-z0-9]+)\.svg", path)
        if chart:
            return self._chart(chart.group(1), query)
        if path == "/api/events.geojson":
            return self._with_cursor(
                lambda con: self._json(data.events_geojson(con, data.parse_filters(query)))
            )
        if path == "/api/timeline.json":
            return self._with_cursor(lambda con: self._json(data.timeline(con, data.parse_filters(query))))
        if path == "/api/facets.json":
            return self._with_cursor(lambda con: self._json(data.facets(con)))
        if path in ("/review", "/api/queue.json", "/api/vocabulary.json"):
            return self._with_cursor(lambda con: self._queue(con, path, query))
        if path in ("/", "/index.html", "/index.json", "/.json"):
            return self._map(path.endswith(".json"), query)
        if path in ("/control", "/control.json"):
            return self._control(path.endswith(".json"), query)
        if path in ("/sources", "/sources.json"):
            return self._with_cursor(lambda con: self._sources(con, path.endswith(".json")))
        for prefix, render in (("/events/", self._event), ("/documents/", self._document)):
            if path.startswith(prefix) and len(path) > len(prefix):
                key = path[len(prefix) :]
                as_json = key.endswith(".json")
                return render(key[: -len(".json")] if as_json else key, as_json, query)
        raise _HttpError(404, f"no page at {path}")

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

        def work(con: Any) -> None:
            svg = chart_svg(name, data.stats(con, filters, group, interval), interval)
            self._send(
                200, svg.encode("utf-8"), "image/svg+xml; charset=utf-8", {"Cache-Control": "no-store"}
            )

        self._with_cursor(work)

    def _with_cursor(self, work: Any) -> None:
        con = self.app.cursor()
        try:
            work(con)
        finally:
            con.close()

    def _map(self, as_json: bool, query: dict[str, list[str]]) -> None:
        def work(con: Any) -> None:
            if as_json:
                self._json(data.map_page(con, data.parse_filters(query)))
            else:
                payload = {"facets": data.facets(con)}
                self._html(pages.map_page(payload, self.app.settings(), vendor_ready()))

        self._with_cursor(work)

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
        target = (STATIC / name).resolve()
        if not target.is_relative_to(STATIC) or not target.is_file():
            raise _HttpError(404, f"no file {name}")
        ctype = (
            _TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        )
        if ctype.startswith("text/"):
            ctype += "; charset=utf-8"
        self._send(200, target.read_bytes(), ctype, {"Cache-Control": "public, max-age=300"})

    # --- POST
    def do_POST(self) -> None:
        path = unquote(urlsplit(self.path).path)
        try:
            match = re.fullmatch(r"/api/events/([^/]+)/review", path)
            if not match:
                raise _HttpError(404, f"nothing to post at {path}")
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
            self._json(result, 201)
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
        try:
            payload = json.loads(self.rfile.read(length).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise _HttpError(400, "the review body is not JSON") from None
        if not isinstance(payload, dict):
            raise _HttpError(400, "the review body must be a JSON object")
        return payload


class WebServer(ThreadingHTTPServer):
    """The threading server, its handler bound to one app."""

    daemon_threads = True
    verbose = False

    def __init__(self, address: tuple[str, int], app: WebApp) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        handler = type("BoundHandler", (Handler,), {"app": app})
        super().__init__(address, handler)
        self.app = app


def make_server(
    store: Store | ReadOnlyStore,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    token: str | None = None,
    tiles: str | None = OSM_TILES,
    attribution: str | None = None,
) -> WebServer:
    """A server over an open store, or a ReadOnlyStore (not yet serving; call serve_forever).

    OSError when the address cannot be bound (a port in use: errno EADDRINUSE)."""
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
    )
    return WebServer((host, port), app)


def serve(
    db: str,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    token: str | None = None,
    tiles: str | None = OSM_TILES,
    verbose: bool = True,
) -> None:
    """Serve the store until interrupted: read-only, a connection per request, without a token;
    held open writable, so reviews can be stored, with one."""
    if not Path(db).exists():
        raise MarsadError(f"{db}: no such store; create it with `marsad ingest PATH... --db {db}`")
    if token:
        with Store(db, verify=True) as store:
            _run(store, db, host, port, token=token, tiles=tiles, verbose=verbose)
    else:
        _run(ReadOnlyStore(db), db, host, port, token=None, tiles=tiles, verbose=verbose)


def _run(
    store: Store | ReadOnlyStore,
    db: str,
    host: str,
    port: int,
    *,
    token: str | None,
    tiles: str | None,
    verbose: bool,
) -> None:
    try:
        server = make_server(store, host, port, token=token, tiles=tiles)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise MarsadError(
                f"{host}:{port} is already in use (another marsad serve?); "
                "choose another port with --port, or --port 0 for a free one"
            ) from None
        raise MarsadError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from None
    server.verbose = verbose
    where = f"http://{host if ':' not in host else '[' + host + ']'}:{server.server_address[1]}/"
    if token:
        mode = "reviews need the token; the store stays open, so ingest waits for this server to stop"
    else:
        mode = "read-only: no --token, so reviews are refused; ingest and export may run meanwhile"
    print(f"marsad: serving {db} at {where} ({mode}); Ctrl-C to stop", file=sys.stderr, flush=True)
    if not vendor_ready():
        print(
            "marsad: map libraries missing (run `make web-assets`); the map page lists events",
            file=sys.stderr,
        )
    try:
        server.serve_forever()
    finally:
        server.server_close()
