"""Diagnostic: run marsad over ACLED event notes and compare sub-event types and fatalities.

usage: python tools/acled_notes_check.py ACLED.csv [--limit N] [--show K]

Each note becomes a document published on its event date. A note counts as found when marsad
gives an occurred record of the note's sub-event type. This reads a user's ACLED export (or the
team's shared copies); nothing from it is stored or learned.
"""

from __future__ import annotations

import argparse
import csv
import random
from collections import Counter
from datetime import date, datetime

from marsad.model import Document
from marsad.pipeline import Pipeline


def _date(value: str) -> date | None:
    """ACLED exports write dates several ways ('21 March 2020', '12-03-19', '19-May-24', ISO)."""
    for fmt in ("%d %B %Y", "%Y-%m-%d", "%d-%b-%y", "%d-%m-%y", "%m/%d/%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


def main() -> None:
    """Score marsad's sub-event types and fatalities on ACLED notes."""
    parser = argparse.ArgumentParser()
    parser.add_argument("csv")
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--show", type=int, default=15)
    args = parser.parse_args()
    with open(args.csv, encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r.get("sub_event_type") and r.get("notes")]
    random.Random(7).shuffle(rows)
    rows = rows[: args.limit]
    docs = []
    for i, r in enumerate(rows):
        docs.append(Document(text=r["notes"], id=f"n{i}", published=_date(r["event_date"])))
    pipe = Pipeline()
    found, empty, fat_ok, fat_n = 0, 0, 0, 0
    confusion: Counter[tuple[str, str]] = Counter()
    misses = []
    for r, doc in zip(rows, pipe.pipe(docs), strict=True):
        subs = [e.sub_event_type for e in doc.events if e.modality == "occurred"]
        gold = r["sub_event_type"]
        if gold in subs:
            found += 1
            ev = next(e for e in doc.events if e.sub_event_type == gold and e.modality == "occurred")
            fat_n += 1
            fat_ok += int((ev.fatalities or 0) == int(r["fatalities"] or 0))
        else:
            confusion[(gold, subs[0] if subs else "-")] += 1
            misses.append((gold, subs, r["notes"][:160]))
        empty += not subs
    n = len(rows)
    print(f"notes {n}: sub-event type found {found / n:.3f}, no event {empty / n:.3f}, "
          f"fatalities exact on found {fat_ok / max(fat_n, 1):.3f}")
    for (gold, got), k in confusion.most_common(12):
        print(f"  {k:4d}  {gold} -> {got}")
    for gold, subs, note in misses[: args.show]:
        print(f"- {gold} | {subs} | {note}")


if __name__ == "__main__":
    main()
