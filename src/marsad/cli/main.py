"""The `marsad` command: a thin layer over the library (ingest, pipeline, store, export)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from marsad import __version__
from marsad.cli.packs import add_knowledge_options, knowledge_dirs
from marsad.errors import DocumentFailedError, DocumentStoreError, InputError, MarsadError, OptionError
from marsad.model import Document

DEFAULT_DB = "marsad.duckdb"
EXTRACT_FORMATS = ("jsonl", "csv", "geojson")
EXPORT_FORMATS = ("acled-csv", "geojson", "jsonl", "csv", "parquet")


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date in YYYY-MM-DD form") from None


def whole_number(what: str) -> Callable[[str], int]:
    """An argument type for a whole number of `what`, 1 or more."""

    def parse(value: str) -> int:
        try:
            n = int(value)
        except ValueError:
            n = 0
        if n < 1:
            raise argparse.ArgumentTypeError(f"{value!r}: give a whole number of {what}, 1 or more")
        return n

    return parse


# the --workers value: a whole number of processes, at least 1
_workers = whole_number("worker processes")


def _megabytes(value: str) -> float:
    """The --max-document-mb value: a positive number of megabytes."""
    try:
        mb = float(value)
    except ValueError:
        mb = 0.0
    if not mb > 0 or mb == float("inf"):
        raise argparse.ArgumentTypeError(f"{value!r}: give a size in MB greater than 0, e.g. 20 or 0.5")
    return mb


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(
        prog="marsad",
        description="Turn news reports about armed conflict into geocoded, dated ACLED event records, "
        "each field traceable to the sentence it came from.",
    )
    parser.add_argument("--version", action="version", version=f"marsad {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--quiet", "-q", action="store_true", help="no progress bar on standard error")
    add_knowledge_options(common)
    reading = argparse.ArgumentParser(add_help=False)
    reading.add_argument(
        "paths", nargs="+", metavar="PATH", help="files, directories, or - for standard input"
    )
    reading.add_argument(
        "--published", type=_date, metavar="YYYY-MM-DD", help="publication date of the input"
    )
    reading.add_argument("--source", metavar="NAME", help="the outlet that published the input")
    reading.add_argument(
        "--country",
        type=_countries,
        default=(),
        metavar="CC[,CC]",
        help="the countries the input is about (ISO2 codes): a prior in placing its events, not a filter",
    )
    reading.add_argument(
        "--model",
        type=Path,
        metavar="DIR",
        help="the sub-event type scorer `marsad train` wrote (default: yours, if any)",
    )
    reading.add_argument(
        "--max-document-mb",
        type=_megabytes,
        default=20.0,
        metavar="MB",
        help="refuse a document of more than MB megabytes of text (default 20); a long document is "
        "processed a section at a time, so memory stays bounded whatever the limit",
    )
    reading.add_argument(
        "--workers",
        type=_workers,
        default=1,
        metavar="N",
        help="worker processes, each running the whole pipeline (default 1; at most one per core helps)",
    )
    reading.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="where the pipeline runs: this machine's processes (default) or a Dask cluster "
        "(needs marsad[dask]; a local cluster of --workers processes unless --scheduler is given)",
    )
    reading.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --engine dask: the address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786",
    )

    ex = sub.add_parser(
        "extract",
        parents=[reading, common],
        help="print the events of the inputs",
        description="Extract events and print them to standard output, one record per event.",
    )
    ex.add_argument(
        "--format", choices=EXTRACT_FORMATS, default="jsonl", help="output format (default jsonl)"
    )

    ing = sub.add_parser(
        "ingest",
        parents=[reading, common],
        help="store documents, sentences, events and evidence",
        description="Extract events and store them with their documents in DuckDB. Content already "
        "stored is skipped, so ingesting the same files again adds nothing.",
    )
    ing.add_argument("--db", default=DEFAULT_DB, metavar="FILE", help=f"the store (default ./{DEFAULT_DB})")

    exp = sub.add_parser(
        "export",
        help="write the stored events in a format",
        description="Write stored events. acled-csv has ACLED's columns in ACLED's order. Only events "
        "whose modality is 'occurred' are written unless --all is given (acled-csv never has others).",
    )
    exp.add_argument("--db", default=DEFAULT_DB, metavar="FILE", help=f"the store (default ./{DEFAULT_DB})")
    exp.add_argument(
        "--format", choices=EXPORT_FORMATS, default="acled-csv", help="output format (default acled-csv)"
    )
    exp.add_argument(
        "--out", metavar="FILE", help="output file (default standard output; required for parquet)"
    )
    exp.add_argument("--all", action="store_true", help="include planned, forecast, negated ... records")
    exp.add_argument(
        "--fused",
        action="store_true",
        help="write the fused records (one per happening across reports) with their claims and conflicts",
    )
    from marsad.cli.filters import add_filter_options

    add_filter_options(exp)

    demo = sub.add_parser(
        "demo",
        parents=[common],
        help="run the main job on the bundled sample corpus",
        description="Ingest the bundled sample corpus, write events.csv (ACLED) and events.geojson, "
        "and print a table of the events.",
    )
    demo.add_argument(
        "--out", default="marsad-demo", metavar="DIR", help="output directory (default marsad-demo)"
    )
    ctl = sub.add_parser(
        "control",
        parents=[common],
        help="who held each place, and since when",
        description="Build each place's territorial-control timeline from territorial events and statements "
        "of control, over the inputs (extracted with the default pipeline), the store (--db), or both.",
    )
    ctl.add_argument("paths", nargs="*", metavar="PATH", help="files, directories, or - (optional with --db)")
    ctl.add_argument("--published", type=_date, metavar="YYYY-MM-DD", help="publication date of the input")
    ctl.add_argument("--source", metavar="NAME", help="the outlet that published the input")
    ctl.add_argument("--db", metavar="FILE", help="also read the events stored in this store")
    ctl.add_argument("--at", type=_date, metavar="YYYY-MM-DD", help="each place's controller on this day")
    ctl.add_argument(
        "--format", choices=("json", "geojson", "csv"), default="json", help="output format (default json)"
    )
    src = sub.add_parser(
        "sources",
        parents=[common],
        help="each source's loaded terms for the actors, and where its claims differ from others'",
        description="For each source in the store: the loaded terms it uses for each actor (quoted, with "
        "counts), the verbs it uses for its own side and for others, and how its claims on shared events "
        "differ from other sources'. marsad's own names stay the lexicon's canonical ones.",
    )
    src.add_argument("--db", default=DEFAULT_DB, metavar="FILE", help=f"the store (default ./{DEFAULT_DB})")
    src.add_argument(
        "--format", choices=("json", "text"), default="text", help="output format (default text)"
    )
    _add_gazetteer_parser(sub)
    from marsad.cli.evaluate import add_parser as add_eval_parser

    add_eval_parser(sub)
    from marsad.web.cli import add_serve_parser

    add_serve_parser(sub, DEFAULT_DB)
    from marsad.cli import lookup

    lookup.add_parsers(sub)
    from marsad.cli import packs, train

    train.add_parser(sub)
    packs.add_parser(sub)
    from marsad.cli import reprocess

    reprocess.add_parser(sub, common, DEFAULT_DB)
    return parser


def _add_gazetteer_parser(sub: Any) -> None:
    """`marsad gazetteer import|info|remove`."""
    gaz = sub.add_parser(
        "gazetteer",
        help="import place lists into the gazetteer; show what it holds",
        description="Manage the gazetteer: import GeoNames dumps, CSV or GeoJSON point files into the user's "
        "store (in the cache directory, or $MARSAD_CACHE_DIR); the next run rebuilds the index once with them.",
    )
    actions = gaz.add_subparsers(dest="action", required=True, metavar="ACTION")
    imp = actions.add_parser(
        "import",
        help="import a place list",
        description="Import a GeoNames country dump (SY.txt or SY.zip), a CSV (name and lat/lon columns) or a "
        "GeoJSON FeatureCollection of points. Importing under a name already used replaces that import. Rows "
        "stream to disk as they are read: a 1,000,000-row GeoNames dump takes about 66 s of CPU (15,000 "
        "rows/s) and 490 MB at peak (`make bench-import` measures it on your machine).",
    )
    imp.add_argument("file", type=Path, metavar="FILE", help="the place list")
    imp.add_argument("--name", metavar="NAME", help="the import's name (default: the file's name)")
    imp.add_argument("--country", metavar="ISO2", help="the country of rows that give none (e.g. SY)")
    info = actions.add_parser(
        "info",
        help="where the gazetteer lives and what it holds",
        description="Show where the cache "
        "and the imports live, how many places the index holds by source, and when it was built "
        "(building it first if needed).",
    )
    add_knowledge_options(info)
    rm = actions.add_parser("remove", help="delete an import", description="Delete an import by name.")
    rm.add_argument("name", metavar="NAME", help="the import's name, as `marsad gazetteer info` lists it")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = build_parser().parse_args(argv)
    try:
        handler = {
            "extract": cmd_extract,
            "ingest": cmd_ingest,
            "export": cmd_export,
            "demo": cmd_demo,
            "gazetteer": cmd_gazetteer,
            "control": cmd_control,
            "sources": cmd_sources,
            "serve": _serve,
            "geocode": _lookup("cmd_geocode"),
            "actor": _lookup("cmd_actor"),
            "eval": _evaluate,
            "train": _train,
            "packs": _packs,
            "reprocess": _reprocess,
        }
        return int(handler[args.command](args))
    except MarsadError as exc:
        print(f"marsad: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("marsad: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # no traceback, ever: a store's failure or a bug, said in one line
        print(f"marsad: {_unexpected(args, exc)}", file=sys.stderr)
        return 2


def _unexpected(args: argparse.Namespace, exc: Exception) -> MarsadError:
    """A DuckDB error as the coded store error it is (corrupt, locked ...); anything else as an
    internal error naming the exception."""
    db = getattr(args, "db", None)
    if type(exc).__module__.split(".")[0] in ("duckdb", "_duckdb") and db:
        from marsad.store.store import store_error

        return store_error(str(db), exc)
    return MarsadError(f"internal error ({type(exc).__name__}: {exc}); please report it")


def _packs(args: argparse.Namespace) -> int:
    """`marsad packs`: the knowledge packs (marsad.cli.packs)."""
    from marsad.cli.packs import cmd_packs

    return cmd_packs(args)


def _serve(args: argparse.Namespace) -> int:
    """`marsad serve`: the web view (marsad.web.cli)."""
    from marsad.web.cli import run_serve

    return run_serve(args)


def _evaluate(args: argparse.Namespace) -> int:
    """`marsad eval`: score marsad on ACLED notes or gold records (marsad.cli.evaluate)."""
    from marsad.cli.evaluate import cmd_eval

    return cmd_eval(args)


def _train(args: argparse.Namespace) -> int:
    """`marsad train`: the sub-event type scorer (marsad.cli.train)."""
    from marsad.cli.train import cmd_train

    return cmd_train(args)


def _reprocess(args: argparse.Namespace) -> int:
    """`marsad reprocess`: re-extract the stored documents (marsad.cli.reprocess)."""
    from marsad.cli.reprocess import cmd_reprocess

    return cmd_reprocess(args)


def _lookup(name: str) -> Any:
    """A handler of `marsad.cli.lookup`, imported when called."""

    def run(args: argparse.Namespace) -> int:
        from marsad.cli import lookup

        return int(getattr(lookup, name)(args))

    return run


class _Reader:
    """Documents from the inputs; input errors reported on standard error as they come, one line
    each: `marsad: [CODE] INPUT: reason`."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.failed = 0

    def __iter__(self) -> Iterator[Document]:
        from marsad.ingest import read_inputs

        limit = getattr(self.args, "max_document_mb", 20.0)
        items = read_inputs(
            self.args.paths, published=self.args.published, source=self.args.source, max_document_mb=limit
        )
        for item in items:
            if isinstance(item, InputError):
                self.report(item)
                continue
            yield item

    def report(self, error: MarsadError) -> None:
        """Count a failed input and name it on standard error."""
        self.failed += 1
        print(f"marsad: {error}", file=sys.stderr)

    def processed(self, docs: Iterable[Document]) -> Iterator[Document]:
        """The documents the pipeline processed; one that failed is reported and left out."""
        for doc in docs:
            if doc.failure:
                self.report(DocumentFailedError(doc.label, f"processing failed ({doc.failure})"))
                continue
            yield doc


def _countries(value: str) -> tuple[str, ...]:
    """--country AF or AF,PK: two-letter ISO codes."""
    codes = tuple(c.strip().upper() for c in value.split(",") if c.strip())
    if not codes or not all(len(c) == 2 and c.isalpha() for c in codes):
        raise argparse.ArgumentTypeError(f"{value!r}: give two-letter ISO country codes, such as AF or AF,PK")
    return codes


def _pipeline(args: argparse.Namespace) -> Any:
    from marsad.pipeline import Options, Pipeline

    options = Options(
        knowledge_dirs=knowledge_dirs(args),
        source=getattr(args, "source", None),
        countries=tuple(getattr(args, "country", None) or ()),
        scorer_model=getattr(args, "model", None),
    )
    workers = getattr(args, "workers", 1)
    engine, scheduler = getattr(args, "engine", "local"), getattr(args, "scheduler", None)
    if scheduler is not None and engine != "dask":
        raise OptionError("--scheduler is for the Dask engine: add --engine dask")
    if engine == "dask":
        from marsad.pipeline.dask_engine import DaskPipeline

        return DaskPipeline(options, workers, scheduler)
    if workers > 1:
        from marsad.pipeline.parallel import ParallelPipeline

        return ParallelPipeline(options, workers)
    return Pipeline(options)


def _progress(docs: Iterable[Document], args: argparse.Namespace, pipeline: Any) -> Iterable[Document]:
    """A progress bar on standard error, counting characters of text processed, when standard
    error is a terminal and --quiet is not given; a long document advances it section by section."""
    if args.quiet or not sys.stderr.isatty():
        return docs
    from tqdm import tqdm

    from marsad.pipeline import Pipeline

    bar = tqdm(unit="char", unit_scale=True, file=sys.stderr, leave=False)
    if isinstance(pipeline, Pipeline):
        pipeline.progress = bar.update
        return _closing(docs, bar)
    return _counting(docs, bar)


def _closing(docs: Iterable[Document], bar: Any) -> Iterator[Document]:
    try:
        yield from docs
    finally:
        bar.close()


def _counting(docs: Iterable[Document], bar: Any) -> Iterator[Document]:
    try:
        for doc in docs:
            bar.update(len(doc.text))
            yield doc
    finally:
        bar.close()


def cmd_extract(args: argparse.Namespace) -> int:
    """`marsad extract`: print records to standard output."""
    from marsad.export import write_records

    reader = _Reader(args)
    pipeline = _pipeline(args)

    def records() -> Iterator[dict[str, Any]]:
        for doc in reader.processed(_progress(pipeline.pipe(reader), args, pipeline)):
            for event in doc.events:
                yield event.to_record()

    write_records(records(), args.format, sys.stdout)
    sys.stdout.flush()
    return 1 if reader.failed else 0


def cmd_ingest(args: argparse.Namespace) -> int:
    """`marsad ingest`: extract and store, skipping content already stored."""
    from marsad.store import Store

    reader = _Reader(args)
    added = skipped = 0
    pipeline = _pipeline(args)  # an unusable engine is reported before the store is touched
    with Store(args.db, verify=True) as store:
        fresh = _unseen(reader, store)
        for doc in reader.processed(_progress(pipeline.pipe(fresh.docs()), args, pipeline)):
            try:
                if store.add_document(doc, doc.events):
                    added += 1
            except DocumentStoreError as exc:  # that document only: the store is sound
                reader.report(exc)
        skipped = fresh.skipped
        counts = store.counts()
        fused = store.fused_count()
    if not args.quiet:
        print(
            f"marsad: {added} new document(s), {skipped} already stored; the store holds "
            f"{counts['documents']} documents and {counts['events']} events ({fused} fused records)",
            file=sys.stderr,
        )
    return 1 if reader.failed else 0


class _unseen:
    """Documents whose content the store does not hold yet (checked before the parse). The store
    keeps one document per content: a text read again under another date (which `extract` codes
    as a report of its own) is counted as already stored."""

    def __init__(self, docs: Iterable[Document], store: Any) -> None:
        self.source = docs
        self.store = store
        self.skipped = 0
        self._taken: set[str] = set()

    def docs(self) -> Iterator[Document]:
        for doc in self.source:
            if doc.content_hash in self._taken or self.store.has_document(doc.content_hash):
                self.skipped += 1
                continue
            self._taken.add(doc.content_hash)
            yield doc


def cmd_export(args: argparse.Namespace) -> int:
    """`marsad export`: write stored records in a format."""
    from marsad.export import write_records
    from marsad.store import Store

    if not Path(args.db).exists():
        raise OptionError(f"{args.db}: no such store; create it with `marsad ingest PATH... --db {args.db}`")
    if args.format == "parquet" and not args.out:
        raise OptionError("parquet is binary: give --out FILE")
    modality = None if args.all and args.format != "acled-csv" else "occurred"
    fused = getattr(args, "fused", False)
    from marsad.cli.filters import filter_from_args
    from marsad.store.query import iter_filtered_records

    chosen = filter_from_args(args)
    if chosen is not None and fused:
        raise OptionError("the filters select per-report records: drop --fused, or the filters")
    if chosen is not None and not chosen.modality and modality:
        chosen.modality = [modality]
    with Store(args.db, read_only=True) as store:
        if chosen is not None:
            records = iter_filtered_records(store.con, chosen)
        else:
            records = store.iter_fused() if fused else store.iter_records(modality)
        n = write_records(records, args.format, args.out or sys.stdout, fused=fused)
    if args.out and not getattr(args, "quiet", False):
        print(f"marsad: wrote {n} record(s) to {args.out}", file=sys.stderr)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """`marsad demo`: ingest the bundled corpus, export ACLED CSV and GeoJSON, print a table."""
    from importlib import resources

    from marsad.export import write_records
    from marsad.store import Store

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    corpus = Path(str(resources.files("marsad") / "data" / "sample"))
    db = out / "marsad.duckdb"
    ns = argparse.Namespace(
        paths=[str(p) for p in sorted(corpus.iterdir()) if p.suffix in (".txt", ".html", ".jsonl")],
        published=None,
        source=None,
        knowledge=args.knowledge,
        pack=args.pack,
        quiet=args.quiet,
        db=str(db),
    )
    status = cmd_ingest(ns)
    with Store(db, read_only=True) as store:
        write_records(store.iter_records("occurred"), "acled-csv", out / "events.csv")
        write_records(store.iter_records("occurred"), "geojson", out / "events.geojson")
        rows = list(store.iter_records("occurred"))
    print_table(rows, sys.stdout)
    print(f"\n{len(rows)} events; wrote {out / 'events.csv'} and {out / 'events.geojson'}")
    return status


def cmd_control(args: argparse.Namespace) -> int:
    """`marsad control`: the territorial-control timeline of the inputs and/or the store."""
    from marsad.control import build_timeline, events_from_store, write_control
    from marsad.services.actors import load_lexicon

    if not args.paths and not args.db:
        raise OptionError("give the reports to read (PATH...) or a store (--db FILE)")
    events = events_from_store(args.db) if args.db else []
    reader = _Reader(args)
    if args.paths:
        pipeline = _pipeline(args)
        for doc in reader.processed(_progress(pipeline.pipe(reader), args, pipeline)):
            events.extend(doc.events)
    timeline = build_timeline(events, lexicon=load_lexicon(knowledge_dirs(args)))
    write_control(timeline, args.format, sys.stdout, at=args.at)
    sys.stdout.flush()
    return 1 if reader.failed else 0


def cmd_sources(args: argparse.Namespace) -> int:
    """`marsad sources`: each source's loaded terms and disputed claims, from the store."""
    from marsad.services.actors import load_lexicon
    from marsad.sources import profiles_from_store, write_sources
    from marsad.store import Store

    if not Path(args.db).exists():
        raise OptionError(f"{args.db}: no such store; create it with `marsad ingest PATH... --db {args.db}`")
    with Store(args.db, read_only=True) as store:
        profiles = profiles_from_store(store, load_lexicon(knowledge_dirs(args)))
    write_sources(profiles, args.format, sys.stdout)
    sys.stdout.flush()
    return 0


def cmd_gazetteer(args: argparse.Namespace) -> int:
    """`marsad gazetteer`: import a place list, describe the gazetteer, or remove an import."""
    from marsad.services import gazetteer_import

    if args.action == "import":
        result = gazetteer_import.import_file(args.file, name=args.name, country=args.country)
        print(f"marsad: {result.summary()}", file=sys.stderr)
    elif args.action == "remove":
        path = gazetteer_import.remove_import(args.name)
        print(f"marsad: removed the import {args.name!r} ({path})", file=sys.stderr)
    else:
        for line in gazetteer_import.gazetteer_info(extra_dirs=knowledge_dirs(args)).lines():
            print(line)
    return 0


def print_table(records: list[dict[str, Any]], out: TextIO) -> None:
    """A short table of events: date, type, actors, place, fatalities."""
    cols = (("event_date", 10), ("sub_event_type", 34), ("actor1", 30), ("actor2", 30), ("location", 22))
    header = "  ".join(name.ljust(width) for name, width in cols) + "  fatalities"
    print(header, file=out)
    print("-" * len(header), file=out)
    for rec in records:
        cells = [str(rec.get(name) or "")[:width].ljust(width) for name, width in cols]
        print("  ".join(cells) + f"  {rec.get('fatalities', 0)}", file=out)


if __name__ == "__main__":
    sys.exit(main())
