"""Knowledge options shared by every command that extracts or shows records (`--pack`,
`--knowledge`), and `marsad packs`, which lists and checks the installed packs."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def add_knowledge_options(parser: argparse.ArgumentParser) -> None:
    """Add `--pack` and `--knowledge` to a command."""
    parser.add_argument(
        "--pack",
        action="append",
        default=[],
        metavar="NAME|DIR",
        help="read this knowledge pack (and the packs it extends) instead of every installed pack; "
        "a name from `marsad packs` or a folder with a pack.json; repeatable",
    )
    parser.add_argument(
        "--knowledge",
        action="append",
        type=Path,
        default=[],
        metavar="DIR",
        help="your own knowledge folder (actors.json, places.json, triggers.json, ...), read after the "
        "packs; repeatable",
    )


def knowledge_dirs(args: argparse.Namespace) -> tuple[Path, ...]:
    """The knowledge folders the command's options choose, in reading order."""
    from marsad.knowledge import select

    return select(getattr(args, "pack", None) or (), getattr(args, "knowledge", None) or ())


def add_parser(sub: Any) -> None:
    """Add `marsad packs` to the command's subparsers."""
    packs = sub.add_parser(
        "packs",
        help="list the knowledge packs",
        description="List the installed knowledge packs (and any given with --pack or --knowledge), each "
        "checked against its JSON Schemas: name, version, focus countries, and how many actors, places "
        "and trigger rules it holds. A file that breaks its schema is an error naming the file and the "
        "JSON pointer.",
    )
    packs.add_argument(
        "--format", choices=("text", "json"), default="text", help="text: a table (default); json: one array"
    )
    add_knowledge_options(packs)


def cmd_packs(args: argparse.Namespace) -> int:
    """`marsad packs`: the installed packs and those the options add, each validated and counted."""
    from marsad.knowledge import Knowledge, Pack, bundled_packs, summarise, validate_folder

    chosen = Knowledge.of(knowledge_dirs(args))
    packs = list(bundled_packs())
    known = {p.path for p in packs}
    packs += [p for p in chosen.packs if p.path not in known]
    # the user's plain folders (no pack.json), listed under their folder's name
    packs += [Pack(name=d.name, path=d) for d in chosen.dirs if d not in {p.path for p in packs}]
    summaries = []
    for pack in packs:
        validate_folder(pack.path)  # against the schemas: a broken file stops here, named
        summaries.append(summarise(pack))
    if args.format == "json":
        json.dump([s.as_json() for s in summaries], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    active = set(chosen.dirs)
    print(f"  {'pack':<24}{'version':<9}{'actors':>7}{'places':>7}{'triggers':>9}  countries")
    for s in summaries:
        mark = "*" if Path(s.path) in active else " "
        countries = ",".join(s.countries) or "-"
        print(
            f"{mark} {s.name:<24}{s.version or '-':<9}{s.actors:>7}{s.places:>7}{s.triggers:>9}  {countries}"
        )
    print("\n* read by a run with these options")
    return 0
