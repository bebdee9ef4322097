"""`marsad eval`: code a user's ACLED notes, or inputs with hand-coded gold, and score the result.

The scoring itself is `marsad.evaluation`; this module reads the arguments, runs the pipeline
with a progress bar on standard error and prints the scores as a report or as JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from marsad.cli.packs import add_knowledge_options
from marsad.errors import OptionError
from marsad.evaluation import FIELDS, GoldEvent, Scores, read_acled, read_gold
from marsad.evaluation.gold import DEFAULT_SEED, Note
from marsad.model import Document

_SHOWN_CONFUSIONS = 15


def add_parser(sub: Any) -> None:
    """Add `eval` to the command's subparsers."""
    from marsad.cli.main import _date, _workers, whole_number

    _count = whole_number("notes")  # a --limit or --sample value

    ev = sub.add_parser(
        "eval",
        help="score marsad on your own ACLED export or hand-coded gold records",
        description="Code each note of an ACLED export (--acled) and compare the result with its "
        "record, or code the inputs and compare with JSON lines of gold records (--gold). Prints "
        "per-field accuracy, detection precision/recall/F1, per-type F1 and a confusion table.",
    )
    what = ev.add_mutually_exclusive_group(required=True)
    what.add_argument(
        "--acled", type=Path, metavar="FILE.csv", help="an ACLED export (either schema) with its notes"
    )
    what.add_argument(
        "--gold",
        type=Path,
        metavar="FILE.jsonl",
        help='gold records, one JSON object a line: {"document", "event_date", "sub_event_type", '
        '"actor1", "actor2", "latitude", "longitude", "geo_precision", "fatalities"}',
    )
    ev.add_argument("inputs", nargs="*", metavar="INPUT", help="with --gold: the documents the gold codes")
    ev.add_argument("--limit", type=_count, metavar="N", help="with --acled: the first N notes")
    ev.add_argument(
        "--sample",
        type=_count,
        metavar="N",
        help="with --acled: N notes drawn at random (after --limit) with a fixed seed",
    )
    ev.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"the seed of --sample (default {DEFAULT_SEED})"
    )
    ev.add_argument("--format", choices=("text", "json"), default="text", help="output format (default text)")
    ev.add_argument(
        "--published", type=_date, metavar="YYYY-MM-DD", help="with --gold: publication date of the inputs"
    )
    ev.add_argument("--source", metavar="NAME", help="with --gold: the outlet that published the inputs")
    ev.add_argument(
        "--workers",
        type=_workers,
        default=1,
        metavar="N",
        help="worker processes running the pipeline (default 1)",
    )
    ev.add_argument("--quiet", "-q", action="store_true", help="no progress bar on standard error")
    add_knowledge_options(ev)


def cmd_eval(args: argparse.Namespace) -> int:
    """`marsad eval`: score the pipeline; 0 when every input was read, 1 when any failed."""
    if args.acled is not None:
        if args.inputs:
            raise OptionError("--acled codes the export's own notes: give no INPUT (INPUT is for --gold)")
        scores, failed = _eval_acled(args), 0
    else:
        if not args.inputs:
            raise OptionError("--gold needs the documents it codes: give INPUT... (files, directories or -)")
        if args.limit is not None or args.sample is not None:
            raise OptionError("--limit and --sample choose ACLED notes: use them with --acled")
        scores, failed = _eval_gold(args)
    if args.format == "json":
        json.dump(scores.summary(), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        write_report(scores, sys.stdout, title=str(args.acled or args.gold))
    sys.stdout.flush()
    return 1 if failed else 0


def _eval_acled(args: argparse.Namespace) -> Scores:
    from marsad.cli.main import _pipeline

    notes = read_acled(args.acled, limit=args.limit, sample=args.sample, seed=args.seed)
    gold = {note.gold.document: note.gold for note in notes}
    scores = Scores()
    for doc in _progress(_pipeline(args).pipe(_documents(notes)), args, len(notes), "note"):
        scores.add([gold[doc.id]], [event.to_record() for event in doc.events])
    return scores


def _documents(notes: list[Note]) -> Iterator[Document]:
    """Each note as `marsad extract` reads a JSON line {id, text, published}."""
    from marsad.ingest.metadata import complete_metadata

    for note in notes:
        doc = Document(text=note.text, id=note.gold.document, published=note.published)
        if note.published is not None:
            doc.provenance["published"] = "metadata"
        yield complete_metadata(doc)


def _eval_gold(args: argparse.Namespace) -> tuple[Scores, int]:
    from marsad.cli.main import _pipeline, _Reader

    by_doc: dict[str, list[GoldEvent]] = {}
    for gold in read_gold(args.gold):
        by_doc.setdefault(gold.document, []).append(gold)
    reader = _Reader(argparse.Namespace(paths=args.inputs, published=args.published, source=args.source))
    scores = Scores()
    for doc in _progress(_pipeline(args).pipe(reader), args, None, "doc"):
        scores.add(by_doc.pop(doc.id, []), [event.to_record() for event in doc.events])
    if by_doc:
        names = ", ".join(sorted(by_doc)[:5]) + (", ..." if len(by_doc) > 5 else "")
        print(
            f"marsad: {args.gold}: {len(by_doc)} gold document(s) not among the inputs (or repeating an "
            f"earlier input's text, which is read once), counted as missed: {names}",
            file=sys.stderr,
        )
        for golds in by_doc.values():
            scores.add(golds, [])
    return scores, reader.failed


def _progress(items: Iterable[Any], args: argparse.Namespace, total: int | None, unit: str) -> Iterable[Any]:
    """A progress bar on standard error when it is a terminal and --quiet is not given."""
    if args.quiet or not sys.stderr.isatty():
        return items
    from tqdm import tqdm

    return tqdm(items, total=total, unit=unit, file=sys.stderr, leave=False)


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def write_report(scores: Scores, out: TextIO, *, title: str = "") -> None:
    """The scores as a readable report."""
    summary = scores.summary()
    print(f"marsad eval{': ' + title if title else ''}", file=out)
    print(f"{scores.gold_events} gold events, {scores.records} occurred records", file=out)
    print("\nfield             accuracy  scored", file=out)
    for name in FIELDS:
        print(f"{name:<16}  {_fmt(summary['accuracy'][name]):>8}  {scores.scored[name]:>6}", file=out)
    det = scores.detection()
    print(
        f"\ndetection: precision {_fmt(det['precision'])}  recall {_fmt(det['recall'])}  F1 {_fmt(det['f1'])}",
        file=out,
    )
    print(f"weighted F1 (types): {_fmt(summary['weighted_f1'])}", file=out)
    types = summary["per_type"]
    if types:
        width = max(len("type"), *(len(t) for t in types))
        print(f"\n{'type':<{width}}  precision  recall     F1  support", file=out)
        for label, t in types.items():
            print(
                f"{label:<{width}}  {_fmt(t['precision']):>9}  {_fmt(t['recall']):>6}  {_fmt(t['f1']):>5}"
                f"  {t['support']:>7}",
                file=out,
            )
    wrong = [row for row in summary["confusion"] if row["gold"] != row["predicted"]]
    if wrong:
        print("\nconfusions (gold -> marsad), commonest first:", file=out)
        for row in wrong[:_SHOWN_CONFUSIONS]:
            print(f"{row['count']:>5}  {row['gold']} -> {row['predicted']}", file=out)
        if len(wrong) > _SHOWN_CONFUSIONS:
            print(
                f"       ... {len(wrong) - _SHOWN_CONFUSIONS} more (--format json lists them all)", file=out
            )
