"""`marsad train`: fit the sub-event type scorer on the team's corpus plus a user's ACLED export."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from marsad.errors import OptionError


def add_parser(sub: Any) -> None:
    """Add the `train` subcommand."""
    tr = sub.add_parser(
        "train",
        help="train the sub-event type scorer on your ACLED export",
        description="Train the learned sub-event type scorer on marsad's own corpus together with the notes "
        "and sub-event types of an ACLED export (both ACLED schemas). `marsad extract` and `ingest` then use "
        "it: from the user's data directory by default, or from the directory --model names.",
    )
    tr.add_argument(
        "--acled", type=Path, action="append", required=True, metavar="FILE.csv", help="repeatable"
    )
    tr.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="where to write the model (default: the user's data directory)",
    )


def cmd_train(args: argparse.Namespace) -> int:
    """Train and save; print where the model went."""
    from marsad.learned.scorer import user_model_dir
    from marsad.learned.train import train_with_acled

    for path in args.acled:
        if not path.is_file():
            raise OptionError(f"{path}: no such file")
    out = args.out or user_model_dir()
    try:
        model = train_with_acled(args.acled, out)
    except ValueError as exc:
        raise OptionError(str(exc)) from None
    meta = model.meta
    print(
        f"marsad: trained {model.name} on {meta['examples']} texts ({meta['acled_notes']} ACLED notes) -> {out}",
        file=sys.stderr,
    )
    return 0
