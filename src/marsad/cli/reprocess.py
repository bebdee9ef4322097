"""`marsad reprocess`: re-extract the stored documents with this marsad and its knowledge, keeping
the reviews (marsad.store.reprocess says how a review finds its new event)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from marsad.errors import OptionError


def add_parser(sub: Any, common: argparse.ArgumentParser, default_db: str) -> None:
    """Add `marsad reprocess` to the subcommands."""
    from marsad.cli.main import _workers

    rep = sub.add_parser(
        "reprocess",
        parents=[common],
        help="re-extract the stored documents with this version and knowledge, keeping reviews",
        description="Run the current pipeline again over every document the store holds and replace each "
        "document's events (one transaction per document). Reviews move to the matching new event: the "
        "same event id, else the same sub-event type with overlapping evidence or the same location and "
        "date. Reviews that no longer match are kept aside (table reprocess_unmatched) and listed. An "
        "interrupted run is continued by the next `marsad reprocess`.",
    )
    rep.add_argument("--db", default=default_db, metavar="FILE", help=f"the store (default ./{default_db})")
    rep.add_argument(
        "--model",
        type=Path,
        metavar="DIR",
        help="the sub-event type scorer `marsad train` wrote (default: yours, if any)",
    )
    rep.add_argument("--workers", type=_workers, default=1, metavar="N", help="worker processes (default 1)")
    rep.add_argument(
        "--restart",
        action="store_true",
        help="start a new run even when an interrupted one could be continued (every document again)",
    )


def cmd_reprocess(args: argparse.Namespace) -> int:
    """Re-extract every stored document not yet done in this run; report the reviews kept and lost."""
    from marsad import __version__
    from marsad.cli.main import _pipeline, _progress, _Reader
    from marsad.errors import DocumentFailedError
    from marsad.store import Store
    from marsad.store import reprocess as rp

    if not Path(args.db).exists():
        raise OptionError(f"{args.db}: no such store; create it with `marsad ingest PATH... --db {args.db}`")
    args.source = None  # each document keeps its own source
    pipeline = _pipeline(args)
    failed = 0
    with Store(args.db, verify=True) as store:
        con = store.con
        run_id, resumed = rp.open_run(con, __version__, restart=args.restart)
        already = rp.done_count(con, run_id)
        todo = rp.pending_documents(con, run_id)
        if resumed and not args.quiet:
            print(
                f"marsad: continuing the interrupted reprocess ({already} document(s) done, {len(todo)} to go)",
                file=sys.stderr,
            )
        reader = _Reader(args)
        docs = rp.load_documents(con, todo)
        for doc in _progress(pipeline.pipe(docs), args, pipeline):
            if doc.failure:
                reader.report(
                    DocumentFailedError(doc.label, f"processing failed ({doc.failure}); its old events stay")
                )
                failed += 1
                continue
            rp.replace_document(con, run_id, doc, list(doc.events))
        if not failed:
            rp.finish_run(con, run_id)
        unmatched = rp.unmatched_of_run(con, run_id)
        total_kept = _kept_in_run(con, run_id)
        counts = store.counts()
    if not args.quiet:
        print(
            f"marsad: reprocessed {len(todo) - failed} document(s)"
            + (f" ({already} done before the interruption)" if resumed else "")
            + f"; the store holds {counts['documents']} documents and {counts['events']} events; "
            f"{total_kept} reviewed event(s) kept their review, {len(unmatched)} no longer match",
            file=sys.stderr,
        )
        for item in unmatched:
            print(
                f"marsad: review of {item.event_id} ({item.document}: {item.sub_event_type or 'no sub-type'}, "
                f"{item.location or 'no location'}, {item.event_date or 'no date'}; {item.status} by "
                f"{item.reviewer}) no longer matches an event; kept in the table reprocess_unmatched",
                file=sys.stderr,
            )
        if failed:
            print(
                f"marsad: {failed} document(s) failed; run `marsad reprocess` again to retry them",
                file=sys.stderr,
            )
    return 1 if failed else 0


def _kept_in_run(con: Any, run_id: str) -> int:
    """Reviewed events of the run's documents that hold a review now."""
    row = con.execute(
        """SELECT count(DISTINCT r.event_id) FROM revisions r JOIN events e ON e.event_id = r.event_id
           WHERE e.content_hash IN (SELECT content_hash FROM reprocess_done WHERE run_id = ?)""",
        [run_id],
    ).fetchone()
    return int(row[0]) if row else 0
