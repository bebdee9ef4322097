"""Diagnostic: run marsad over ACLED event notes and compare event types, fatalities and actors.

usage: python tools/acled_notes_check.py ACLED.csv [--limit N] [--show K] [--confusions K]

Each note becomes a document published on its event date. A note counts as found when marsad
gives an occurred record of the note's sub-event type. Actors are scored on the record that best
matches the note (the gold sub-event type, else the gold event type, else the first occurred
record): actor1 exact, actor2 exact (both empty agrees), the gold pair in either order, and actor1
with the period of a state force ignored ('Military Forces of Iraq (2014-2022)' as 'Military
Forces of Iraq'); then the commonest (gold -> ours) confusions.

Both ACLED schemas are read: the current one (lower-case headers, `sub_event_type`) and the older
one (upper-case headers, `ally_actor_*`, older event type names and no `sub_event_type`), where a
note counts as found on the event type alone. A file without an `actor2` column is scored on
actor1 only. This reads a user's ACLED export (or the team's shared copies); nothing from it is
stored or learned.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
from collections import Counter
from datetime import date, datetime
from typing import Any

from marsad.model import Document
from marsad.pipeline import Pipeline

# ACLED's older event types, as the current event types they became
OLD_EVENT_TYPES = {
    "battle-no change of territory": {"Battles"},
    "battle-government regains territory": {"Battles"},
    "battle-non-state actor overtakes territory": {"Battles"},
    "battles": {"Battles"},
    "remote violence": {"Explosions/Remote violence"},
    "violence against civilians": {"Violence against civilians"},
    "riots/protests": {"Protests", "Riots"},
    "strategic development": {"Strategic developments"},
    "headquarters or base established": {"Strategic developments"},
    "non-violent transfer of territory": {"Strategic developments"},
}
_PERIOD = re.compile(r"\s*\((?:\d{4})-(?:\d{4})?\)")


def _date(value: str) -> date | None:
    """ACLED exports write dates several ways ('21 March 2020', '12-03-19', '19-May-24', ISO)."""
    for fmt in ("%d %B %Y", "%Y-%m-%d", "%d-%b-%y", "%d-%m-%y", "%d-%B-%Y", "%m/%d/%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


def _row(raw: dict[str, Any]) -> dict[str, str]:
    """A row with lower-case headers, `ally_actor_N` read as `assoc_actor_N`."""
    row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
    for side in ("1", "2"):
        if f"ally_actor_{side}" in row and f"assoc_actor_{side}" not in row:
            row[f"assoc_actor_{side}"] = row[f"ally_actor_{side}"]
    return row


def _gold_types(row: dict[str, str]) -> set[str]:
    """The event types a gold row stands for in the current taxonomy."""
    et = row.get("event_type", "")
    return OLD_EVENT_TYPES.get(et.lower(), {et}) if et else set()


def _best(events: list[Any], row: dict[str, str]) -> tuple[Any, str]:
    """The record that best matches the gold row, and how: 'sub', 'type', 'other' or ''."""
    occurred = [e for e in events if e.modality == "occurred"]
    sub = row.get("sub_event_type", "")
    for e in occurred:
        if sub and e.sub_event_type == sub:
            return e, "sub"
    types = _gold_types(row)
    for e in occurred:
        if e.event_type in types:
            return e, "type"
    return (occurred[0], "other") if occurred else (None, "")


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def _loose(name: str) -> str:
    return _PERIOD.sub("", name).strip()


class ActorScore:
    """Actor agreement over a set of notes."""

    def __init__(self, has_actor2: bool) -> None:
        self.has_actor2 = has_actor2
        self.n = 0
        self.a1 = self.a2 = self.either = self.a1_loose = 0
        self.conf1: Counter[tuple[str, str]] = Counter()
        self.conf2: Counter[tuple[str, str]] = Counter()

    def add(self, row: dict[str, str], ev: Any) -> None:
        g1, g2 = row.get("actor1", ""), row.get("actor2", "")
        o1, o2 = ev.actor1 or "", ev.actor2 or ""
        self.n += 1
        ok1 = _same(g1, o1)
        self.a1 += ok1
        self.a1_loose += _same(_loose(g1), _loose(o1))
        if not ok1:
            self.conf1[(g1 or "-", o1 or "-")] += 1
        if self.has_actor2:
            ok2 = _same(g2, o2)
            self.a2 += ok2
            self.either += (ok1 and ok2) or (_same(g1, o2) and _same(g2, o1))
            if not ok2:
                self.conf2[(g2 or "-", o2 or "-")] += 1

    def line(self, label: str) -> str:
        n = max(self.n, 1)
        a2 = f"{self.a2 / n:.3f}" if self.has_actor2 else "n/a"
        either = f"{self.either / n:.3f}" if self.has_actor2 else "n/a"
        return (
            f"actors on {label} ({self.n}): actor1 {self.a1 / n:.3f}, actor2 {a2}, "
            f"either way {either}, actor1 ignoring period {self.a1_loose / n:.3f}"
        )


def main() -> None:
    """Score marsad's event types, fatalities and actors on ACLED notes."""
    parser = argparse.ArgumentParser()
    parser.add_argument("csv")
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--show", type=int, default=15)
    parser.add_argument("--confusions", type=int, default=15)
    args = parser.parse_args()
    with open(args.csv, encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        headers = {(h or "").strip().lower() for h in reader.fieldnames or ()}
        rows = [_row(r) for r in reader]
    new_schema = "sub_event_type" in headers
    has_actor2 = "actor2" in headers
    key = "sub_event_type" if new_schema else "event_type"
    rows = [r for r in rows if r.get(key) and r.get("notes")]
    random.Random(7).shuffle(rows)
    rows = rows[: args.limit]
    docs = [
        Document(text=r["notes"], id=f"n{i}", published=_date(r["event_date"])) for i, r in enumerate(rows)
    ]
    if not new_schema:
        print("older ACLED schema: no sub_event_type; a note is found on its event type")
    if not has_actor2:
        print("no actor2 column: actors scored on actor1 only")
    pipe = Pipeline()
    found, empty, fat_ok, fat_n = 0, 0, 0, 0
    confusion: Counter[tuple[str, str]] = Counter()
    misses = []
    on_found, on_any = ActorScore(has_actor2), ActorScore(has_actor2)
    for r, doc in zip(rows, pipe.pipe(docs), strict=True):
        subs = [e.sub_event_type for e in doc.events if e.modality == "occurred"]
        gold = r[key]
        ev, how = _best(doc.events, r)
        hit = how == "sub" if new_schema else how in ("sub", "type")
        if hit:
            found += 1
            fat_n += 1
            fat_ok += int((ev.fatalities or 0) == int(r.get("fatalities") or 0))
            on_found.add(r, ev)
        else:
            confusion[(gold, subs[0] if subs else "-")] += 1
            misses.append((gold, subs, r["notes"][:160]))
        if ev is not None:
            on_any.add(r, ev)
        empty += not subs
    n = len(rows)
    what = "sub-event type" if new_schema else "event type"
    print(
        f"notes {n}: {what} found {found / n:.3f}, no event {empty / n:.3f}, "
        f"fatalities exact on found {fat_ok / max(fat_n, 1):.3f}"
    )
    print(on_found.line(f"notes with the gold {what}"))
    print(on_any.line("notes with any record (best-matching record)"))
    for (g, got), k in confusion.most_common(12):
        print(f"  {k:4d}  {g} -> {got}")
    print("actor1 confusions (gold -> ours), best-matching record:")
    for (g, got), k in on_any.conf1.most_common(args.confusions):
        print(f"  {k:4d}  {g} -> {got}")
    if has_actor2:
        print("actor2 confusions (gold -> ours):")
        for (g, got), k in on_any.conf2.most_common(args.confusions):
            print(f"  {k:4d}  {g} -> {got}")
    for g, subs, note in misses[: args.show]:
        print(f"- {g} | {subs} | {note}")


if __name__ == "__main__":
    main()
