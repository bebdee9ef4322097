"""`marsad export`'s filters: the same as the web view's `GET /api/events` (`marsad.store.query`)."""

from __future__ import annotations

import argparse
from typing import Any

from marsad.errors import OptionError
from marsad.store.query import EventFilter, FilterError, parse_filter

# option, its query parameter, and its help
_OPTIONS = (
    ("--country", "country", "NAME", "events in this country (any case; repeatable)"),
    ("--from", "from", "YYYY-MM-DD", "events on or after this date"),
    ("--to", "to", "YYYY-MM-DD", "events on or before this date"),
    ("--type", "type", "TYPE", "this event type, e.g. Battles (repeatable)"),
    ("--sub-type", "sub-type", "SUBTYPE", "this sub-event type, e.g. 'Armed clash' (repeatable)"),
    ("--actor", "actor", "TEXT", "an actor or associated actor whose name contains TEXT (any case)"),
    ("--source", "source", "NAME", "events from this source (repeatable)"),
    (
        "--modality",
        "modality",
        "MODALITY",
        "records of this modality, e.g. planned (repeatable; implies --all)",
    ),
    ("--bbox", "bbox", "W,S,E,N", "events inside this box: west,south,east,north in degrees"),
)


def add_filter_options(parser: argparse.ArgumentParser) -> None:
    """Add the filter options to `marsad export`."""
    group = parser.add_argument_group("filters (as GET /api/events takes them)")
    for option, name, metavar, text in _OPTIONS:
        group.add_argument(option, dest=f"filter_{name}", action="append", metavar=metavar, help=text)


def filter_from_args(args: argparse.Namespace) -> EventFilter | None:
    """The EventFilter the options give, or None when none was given; OptionError when one is bad."""
    query: dict[str, Any] = {name: getattr(args, f"filter_{name}", None) or [] for _, name, _, _ in _OPTIONS}
    if not any(query.values()):
        return None
    try:
        return parse_filter(query)
    except FilterError as exc:
        raise OptionError(str(exc).replace("from:", "--from:").replace("to:", "--to:", 1)) from None
