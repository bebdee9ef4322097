"""Date accuracy on the shared gold: events placed by hand at each gold evidence phrase.

The event stage may not exist yet, so each gold event becomes an `Event` whose trigger is its
evidence phrase; segment -> nlp -> time then dates it, and `event_date` must fall within the gold
`date_window_days` of the gold `event_date`. Run this file directly to see every miss.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = "000_a94b38f155a9604f"

pytestmark = [
    pytest.mark.shared,
    pytest.mark.slow,
    pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is absent"),
]

# measured: seed 28/28 = 1.000, dev 96/96 = 1.000 (required and optional events)
SEED_FLOOR = 0.98
DEV_FLOOR = 0.98


def find_phrase(text: str, phrase: str) -> tuple[int, int] | None:
    """Where `phrase` occurs in `text`, ignoring case, spacing and curly quotes."""
    words = [re.escape(w) for w in phrase.split()]
    pattern = r"\s+".join(words).replace("'", "['’‘]").replace('"', '["“”]')
    m = re.search(pattern, text, re.IGNORECASE)
    return (m.start(), m.end()) if m else None


def _stages() -> tuple[Any, Any, Any]:
    """The segment, parse and time stages."""
    from marsad.pipeline import Options, create

    options = Options()
    return create("segment.v1", options), create("nlp.v1", options), create("time.v1", options)


def date_gold(text: str, published: date | None, doc_id: str, events: list[dict[str, Any]]) -> list[Any]:
    """Run segment -> nlp, add one hand-made event per gold event, run time; return the events."""
    from marsad.model import Document, Event, Trigger

    segment, nlp, time = _stages()
    doc = nlp(segment(Document(text=text, id=doc_id, published=published)))
    for gold in events:
        where = find_phrase(text, gold["evidence"])
        assert where is not None, gold["evidence"]
        sent = doc.sentence_at(where[0])
        assert sent is not None
        trigger = Trigger(where[0], where[1], text[where[0] : where[1]], "gold", sent.index)
        doc.events.append(Event("", "", document=doc_id, trigger=trigger))
    return list(time(doc).events)


def score(text: str, published: date | None, doc_id: str, gold: dict[str, Any]) -> list[tuple[bool, str]]:
    """(correct, explanation) for each gold event of one document."""
    out = []
    for g, event in zip(gold["events"], date_gold(text, published, doc_id, gold["events"]), strict=True):
        want = date.fromisoformat(g["event_date"])
        got = event.event_date
        ok = got is not None and abs((got - want).days) <= g["date_window_days"]
        window = g["date_window_days"]
        out.append((ok, f"{doc_id} {g['id']}: got {got} p{event.time_precision}, want {want} ±{window}"))
    return out


def seed_results() -> list[tuple[bool, str]]:
    """Results on the seed article (no publication date)."""
    text = (SHARED / "seeds" / f"{SEED}.txt").read_text(encoding="utf-8")
    gold = json.loads((SHARED / "gold" / f"{SEED}.gold.json").read_text(encoding="utf-8"))
    return score(text, None, SEED, gold)


def dev_results() -> list[tuple[bool, str]]:
    """Results on the 36 development reports."""
    out: list[tuple[bool, str]] = []
    for line in (SHARED / "dev" / "reports.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        gold = json.loads((SHARED / "dev" / "gold" / f"{rec['id']}.gold.json").read_text(encoding="utf-8"))
        out.extend(score(rec["text"], date.fromisoformat(rec["published"]), rec["id"], gold))
    return out


def accuracy(results: list[tuple[bool, str]]) -> float:
    """Share of correct results."""
    return sum(ok for ok, _ in results) / len(results)


def test_seed_date_accuracy() -> None:
    results = seed_results()
    assert len(results) == 28
    assert accuracy(results) >= SEED_FLOOR, [msg for ok, msg in results if not ok]


def test_dev_date_accuracy() -> None:
    results = dev_results()
    assert len(results) == 96
    assert accuracy(results) >= DEV_FLOOR, [msg for ok, msg in results if not ok]


if __name__ == "__main__":
    for name, results in (("seed", seed_results()), ("dev", dev_results())):
        for ok, msg in results:
            if not ok:
                print("MISS", msg)
        print(f"{name}: {sum(ok for ok, _ in results)}/{len(results)} = {accuracy(results):.3f}")
