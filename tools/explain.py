"""Print what marsad extracts from one report, with trigger rules and modality (a debugging aid).

usage: python tools/explain.py FILE.jsonl ID   or   python tools/explain.py FILE.txt
"""

from __future__ import annotations

import json
import sys

from marsad.model import Document
from marsad.pipeline import Pipeline


def main(argv: list[str]) -> None:
    """Run the pipeline on one report and print each event with its trigger and fields."""
    path = argv[0]
    if path.endswith(".jsonl"):
        with open(path, encoding="utf-8") as fh:
            rec = next(json.loads(line) for line in fh if json.loads(line)["id"] == argv[1])
        from datetime import date

        doc = Document(text=rec["text"], id=rec["id"], title=rec.get("title"), source=rec.get("source"))
        doc.published = date.fromisoformat(rec["published"]) if rec.get("published") else None
    else:
        with open(path, encoding="utf-8") as fh:
            doc = Document(text=fh.read(), id=path.rsplit("/", 1)[-1])
    Pipeline()(doc)
    for ev in doc.events:
        print(
            f"{ev.sub_event_type} | {ev.modality} | {ev.actor1_keys} -> {ev.actor2_keys} +{ev.assoc1_keys} "
            f"| {ev.event_date} | {ev.location} | f={ev.fatalities} w={ev.wounded} | "
            f"{ev.trigger.rule if ev.trigger else ''}:{ev.trigger.text if ev.trigger else ''}"
        )
        for e in ev.evidence:
            print("     ", e.sentence[:160])


if __name__ == "__main__":
    main(sys.argv[1:])
