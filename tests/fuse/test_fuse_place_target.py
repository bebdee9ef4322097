"""Issue 16's two-source check: a village named as the target, its province told after it, fuses
with another outlet's report of the same shelling."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import marsad
from marsad.cli.main import main
from marsad.store import Store

REPORTS = [
    {
        "id": "a",
        "source": "Euphrates Post",
        "published": "2018-06-11",
        "text": "Armed groups backed by Turkey shelled the village of Ain Issa in the northern countryside of "
        "Raqqa on Sunday, killing three civilians, local sources said.",
    },
    {
        "id": "b",
        "source": "Hawar Desk",
        "published": "2018-06-11",
        "text": "Turkish-backed factions shelled Ain Issa, north of Raqqa, on Sunday, killing five civilians, "
        "according to a monitor.",
    },
]


def test_the_village_struck_is_the_place_not_its_province() -> None:
    for text, place in [
        (REPORTS[0]["text"], "Ayn Isa"),
        (
            "Government artillery shelled the town of Kafr Nabl in the southern countryside of Idlib.",
            "Kafranbel",
        ),
    ]:
        events = [e for e in marsad.extract(text, published=date(2018, 6, 11)) if e.modality == "occurred"]
        assert [e.location for e in events] == [place]


def test_a_target_named_by_its_side_or_its_day_is_not_a_place() -> None:
    text = "Turkish jets struck PKK positions in the Qandil mountains of northern Iraq on Sunday."
    events = [e for e in marsad.extract(text, published=date(2018, 6, 11)) if e.modality == "occurred"]
    assert events and all(e.country == "Iraq" for e in events)
    text = "In Najaf, demonstrators stormed and burned the Iranian consulate late on Wednesday."
    events = [e for e in marsad.extract(text, published=date(2019, 11, 29)) if e.modality == "occurred"]
    assert events and {e.location for e in events} == {"Najaf"}


def test_two_outlets_reports_of_the_shelling_fuse(tmp_path: Path) -> None:
    src = tmp_path / "two.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in REPORTS), encoding="utf-8")
    db = tmp_path / "s.duckdb"
    assert main(["ingest", str(src), "--db", str(db), "-q"]) == 0
    with Store(db, read_only=True) as store:
        fused = [r for r in store.iter_fused() if r["modality"] == "occurred"]
    assert len(fused) == 1
    rec = fused[0]
    assert rec["location"] == "Ayn Isa" and rec["actor1"] == "Syrian National Army"
    assert len(rec["claims"]) == 2 and rec["fatalities"] == 3 and "fatalities" in rec["conflicts"]
