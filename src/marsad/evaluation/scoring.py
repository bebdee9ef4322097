"""Score marsad's records against gold events: per-field accuracy, detection and per-type F1.

Records are compared with the gold events of their own document only, and only `occurred`
records count. Each gold event takes, among its document's records not yet taken, the one that
agrees best: the right event type first, then the right sub-event type, then the most fields
right (for one gold event per document, as with ACLED notes, simply its best record). A record
taken is a true positive; one left over is a false positive; a gold event with no record is
missed, and each of its fields counts as wrong.

Fields: `found` (a record at all), `event_type`, `sub_event_type`, `actor1` and `actor2` (the same
name ignoring case, spacing and a state force's period, 'Military Forces of Afghanistan (2014-)'
as 'Military Forces of Afghanistan (2014-2021)'), `date` (`event_date` the same day), `location`
(within 10 km of the gold point, or 40 km where its geo_precision is 2 or 3) and `fatalities`
(the same number; none given counts as 0). A gold field left empty is not scored (an ACLED row
without actor2, a gold line without coordinates).

Per-type scores are over the gold events, each with one predicted type: the sub-event type of
its record (the event type where the gold gives no sub-event type), or "(none)" when it has no
record. The weighted F1 is the per-type F1 averaged with each gold type's support as its weight.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from marsad.evaluation.gold import GoldEvent

FIELDS = ("found", "event_type", "sub_event_type", "actor1", "actor2", "date", "location", "fatalities")
NONE = "(none)"
EXACT_KM = 10.0  # geo_precision 1: the place itself
NEAR_KM = 40.0  # geo_precision 2-3: a nearby place, or the district or province

_PERIOD = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)")


def occurred(records: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The records that are events: modality `occurred` (or none given)."""
    return [r for r in records if r.get("modality") in (None, "", "occurred")]


def same_actor(ours: Any, gold: str) -> bool:
    """The same actor name, ignoring case, spacing and the period of a state force."""
    return _actor_key(str(ours or "")) == _actor_key(gold)


def _actor_key(name: str) -> str:
    return " ".join(_PERIOD.sub("", name).lower().split())


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def radius_km(gold: GoldEvent) -> float:
    """How far from the gold point a record's place may be: ACLED's precision as a radius."""
    return NEAR_KM if gold.geo_precision in (2, 3) else EXACT_KM


def compare(record: Mapping[str, Any], gold: GoldEvent) -> dict[str, bool | None]:
    """Each field of one record against one gold event: right, wrong, or None (not scored)."""
    out: dict[str, bool | None] = {"found": True}
    types = gold.event_types
    out["event_type"] = record.get("event_type") in types if types else None
    out["sub_event_type"] = (
        record.get("sub_event_type") == gold.sub_event_type if gold.sub_event_type else None
    )
    out["actor1"] = same_actor(record.get("actor1"), gold.actor1) if gold.actor1 else None
    out["actor2"] = same_actor(record.get("actor2"), gold.actor2) if gold.actor2 else None
    out["date"] = (
        str(record.get("event_date") or "")[:10] == gold.event_date.isoformat() if gold.event_date else None
    )
    if gold.latitude is None or gold.longitude is None:
        out["location"] = None
    else:
        try:
            dist = km(float(record["latitude"]), float(record["longitude"]), gold.latitude, gold.longitude)
            out["location"] = dist <= radius_km(gold)
        except (KeyError, TypeError, ValueError):
            out["location"] = False
    out["fatalities"] = (
        (record.get("fatalities") or 0) == gold.fatalities if gold.fatalities is not None else None
    )
    return out


def missed(gold: GoldEvent) -> dict[str, bool | None]:
    """The fields of a gold event no record was found for: wrong where scored."""
    blank = compare({}, gold)
    return {name: (None if value is None else False) for name, value in blank.items()} | {"found": False}


def _rank(fields: Mapping[str, bool | None]) -> tuple[bool, bool, int]:
    return bool(fields["event_type"]), bool(fields["sub_event_type"]), sum(bool(v) for v in fields.values())


@dataclass
class Scores:
    """Running tallies over the documents scored so far; `add` one document at a time."""

    right: Counter[str] = field(default_factory=Counter)
    scored: Counter[str] = field(default_factory=Counter)
    gold_events: int = 0
    records: int = 0
    matched: int = 0
    pairs: Counter[tuple[str, str]] = field(default_factory=Counter)
    extra: Counter[str] = field(default_factory=Counter)

    def add(self, golds: Iterable[GoldEvent], records: Iterable[Mapping[str, Any]]) -> None:
        """Score one document: its gold events against its records (of any modality)."""
        free = occurred(records)
        self.records += len(free)
        for gold in golds:
            self.gold_events += 1
            best: tuple[int, dict[str, bool | None]] | None = None
            for i, record in enumerate(free):
                fields = compare(record, gold)
                if best is None or _rank(fields) > _rank(best[1]):
                    best = (i, fields)
            if best is None:
                fields, predicted = missed(gold), NONE
            else:
                record = free.pop(best[0])
                fields = best[1]
                self.matched += 1
                predicted = _predicted(record, gold)
            for name, value in fields.items():
                if value is not None:
                    self.scored[name] += 1
                    self.right[name] += bool(value)
            if gold.label:
                self.pairs[(gold.label, predicted)] += 1
        for record in free:
            self.extra[str(record.get("sub_event_type") or record.get("event_type") or NONE)] += 1

    def accuracy(self) -> dict[str, float | None]:
        """Each field's share right, over the gold events it is scored on (None: scored on none)."""
        return {f: round(self.right[f] / self.scored[f], 3) if self.scored[f] else None for f in FIELDS}

    def detection(self) -> dict[str, float]:
        """Precision (records matched to a gold event), recall (gold events found) and F1."""
        p = self.matched / self.records if self.records else 0.0
        r = self.matched / self.gold_events if self.gold_events else 0.0
        return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(_f1(p, r), 3)}

    def per_type(self) -> dict[str, dict[str, float | int]]:
        """Precision, recall, F1 and support of each gold type, over the gold events."""
        gold_n: Counter[str] = Counter()
        pred_n: Counter[str] = Counter()
        hits: Counter[str] = Counter()
        for (gold, predicted), n in self.pairs.items():
            gold_n[gold] += n
            pred_n[predicted] += n
            if gold == predicted:
                hits[gold] += n
        out: dict[str, dict[str, float | int]] = {}
        for label in sorted(gold_n, key=lambda t: (-gold_n[t], t)):
            p = hits[label] / pred_n[label] if pred_n[label] else 0.0
            r = hits[label] / gold_n[label]
            out[label] = {
                "precision": round(p, 3),
                "recall": round(r, 3),
                "f1": round(_f1(p, r), 3),
                "support": gold_n[label],
            }
        return out

    def weighted_f1(self) -> float | None:
        """The per-type F1 weighted by each type's support (None when no gold event has a type)."""
        types = self.per_type()
        total = sum(int(t["support"]) for t in types.values())
        if not total:
            return None
        return round(
            sum(_raw_f1(self.pairs, label) * int(t["support"]) for label, t in types.items()) / total, 3
        )

    def confusion(self) -> list[dict[str, Any]]:
        """Every (gold type, predicted type) pair with its count, commonest first; records left over
        (matched to no gold event) appear with gold "(none)"."""
        rows = [{"gold": g, "predicted": p, "count": n} for (g, p), n in self.pairs.items()]
        rows += [{"gold": NONE, "predicted": p, "count": n} for p, n in self.extra.items()]
        return sorted(rows, key=lambda r: (-r["count"], r["gold"], r["predicted"]))

    def summary(self) -> dict[str, Any]:
        """`{"notes", "accuracy", "weighted_f1", "per_type", "confusion"}` (`marsad eval --format json`)."""
        return {
            "notes": self.gold_events,
            "accuracy": self.accuracy(),
            "weighted_f1": self.weighted_f1(),
            "per_type": self.per_type(),
            "confusion": self.confusion(),
        }


def _predicted(record: Mapping[str, Any], gold: GoldEvent) -> str:
    """The type a record gives, in the gold's terms: an older ACLED type it agrees with is that type."""
    if gold.sub_event_type:
        return str(record.get("sub_event_type") or NONE)
    if record.get("event_type") in gold.event_types and gold.label:
        return gold.label
    return str(record.get("event_type") or NONE)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _raw_f1(pairs: Counter[tuple[str, str]], label: str) -> float:
    """A type's F1 from the pair counts, unrounded."""
    hits = pairs[(label, label)]
    gold_n = sum(n for (g, _), n in pairs.items() if g == label)
    pred_n = sum(n for (_, p), n in pairs.items() if p == label)
    p = hits / pred_n if pred_n else 0.0
    r = hits / gold_n if gold_n else 0.0
    return _f1(p, r)
