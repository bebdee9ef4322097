"""The `marsad serve` command: its options and its body, kept beside the web view."""

from __future__ import annotations

import argparse
import os
from typing import Any

from marsad.cli.packs import add_knowledge_options, knowledge_dirs


def _countries(value: str) -> tuple[str, ...]:
    """--country KE or AF,PK: two-letter ISO codes (as `extract` and `ingest` read them)."""
    from marsad.cli.main import _countries as parse

    return parse(value)


def add_serve_parser(sub: Any, default_db: str) -> None:
    """Add `marsad serve` to the command's subparsers."""
    web = sub.add_parser(
        "serve",
        help="the web view: map, timeline, evidence and review",
        description="Serve the store as web pages (map, events with their evidence, documents, control, "
        "sources), each with a JSON twin at the same path plus .json. Reading needs nothing; reviews need "
        "the token. Binds to 127.0.0.1 unless --host says otherwise.",
    )
    web.add_argument("--db", default=default_db, metavar="FILE", help=f"the store (default ./{default_db})")
    web.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    web.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 picks a free one)")
    web.add_argument(
        "--token", help="the token reviews need (default $MARSAD_TOKEN; without one, no reviews)"
    )
    web.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="a host name requests may give in their Host header, besides the loopback names and --host "
        "(repeat for more; '*' for any, behind a proxy that checks it); others are refused, against DNS rebinding",
    )
    web.add_argument(
        "--timeout",
        type=float,
        metavar="SECONDS",
        help="drop a connection idle this long, or a request not complete in half of it (default 20)",
    )
    web.add_argument(
        "--processes",
        type=int,
        metavar="N",
        help="processes answering requests, sharing the port (default: one per CPU, at most 4, when "
        "read-only; with --token, 1, the only one that may store reviews). Each holds its own copy of the "
        "map's data",
    )
    add_knowledge_options(web)
    web.add_argument(
        "--country",
        type=_countries,
        default=(),
        metavar="CC[,CC]",
        help="the countries the store is about (ISO2 codes): the map opens on them. Serve extracts nothing "
        "itself; give the same --country to `marsad ingest` or `extract`, where it is a prior in placing "
        "events, not a filter",
    )
    web.add_argument(
        "--tiles",
        metavar="URL",
        help="base map tiles, a {z}/{x}/{y} URL template (default OpenStreetMap; 'none' for a plain background)",
    )


def run_serve(args: argparse.Namespace) -> int:
    """Serve the store until interrupted; the token comes from --token or $MARSAD_TOKEN."""
    from marsad.web.server import OSM_TILES, serve

    token = args.token or os.environ.get("MARSAD_TOKEN") or None
    tiles = OSM_TILES if args.tiles is None else args.tiles
    try:
        serve(
            args.db,
            args.host,
            args.port,
            token=token,
            tiles=tiles,
            allow_hosts=args.allow_host,
            timeout=args.timeout,
            knowledge_dirs=knowledge_dirs(args),
            countries=tuple(args.country or ()),
            processes=args.processes,
        )
    except KeyboardInterrupt:
        return 0
    return 0
