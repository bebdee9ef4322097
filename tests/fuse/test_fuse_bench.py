"""Fusion stays fast as the store grows: adding a report to a store of 100,000 events."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

from marsad.model.document import Document, Sentence
from marsad.model.event import Event, Evidence
from marsad.store import Store

N = 100_000
_EVENTS = f"""
INSERT INTO events (event_id, content_hash, document, event_date, date_start, date_end, time_precision,
    event_type, sub_event_type, actor1, assoc_actor_1, actor2, assoc_actor_2, country, location,
    latitude, longitude, source, notes, fatalities, modality, confidence)
SELECT 'SYN' || i, 'H' || (i // 100), 'doc' || (i // 100), d, d, d, 1,
    'Explosions/Remote violence', 'Air/drone strike', 'Military Forces of Russia', '', 'Civilians (Syria)',
    '', 'Syria', 'Place' || (i % 5000),
    32.5 + (i * 7919 % 4500) / 1000.0, 35.8 + (i * 104729 % 6200) / 1000.0,
    'Source' || (i % 50), '', i % 20, 'occurred', 0.5
FROM (SELECT i, DATE '2015-01-01' + CAST(i * 31 % 1826 AS INTEGER) AS d FROM range({N}) t(i))
"""
_SIDE_TABLES = (
    "INSERT INTO documents SELECT content_hash, any_value(document), '', any_value(source), '', NULL, 'x', "
    "'{}', TIMESTAMP '2020-01-01' FROM events GROUP BY content_hash",
    "INSERT INTO evidence SELECT event_id, content_hash, document, 'a sentence', 0, 10, 0 FROM events",
    "INSERT INTO fused_members "
    "SELECT event_id, 'F' || event_id, content_hash, document, source, 0 FROM events",
    "INSERT INTO fused SELECT 'F' || event_id, event_date, fatalities, 1, '{}' FROM events",
)


def _report() -> tuple[Document, list[Event]]:
    """A new report with five air strikes spread over the synthetic area and period."""
    text = "Warplanes struck five towns."
    doc = Document(text=text, id="new.txt", source="Bench", published=date(2017, 6, 1))
    doc.sentences = [Sentence(0, len(text), index=0, paragraph=0)]
    events = []
    for k in range(5):
        day = date(2016 + k % 3, 3 + k, 10)
        ev = Event(
            "Explosions/Remote violence",
            "Air/drone strike",
            document=doc.id,
            event_date=day,
            date_start=day,
            date_end=day,
            time_precision=1,
            actor1="Military Forces of Russia" if k == 0 else "Military Forces of Turkey",
            location=f"Town{k}",
            latitude=33.0 + k * 0.7,
            longitude=36.0 + k * 1.1,
            source="Bench",
            fatalities=k,
            evidence=[Evidence(doc.id, text, 0, len(text))],
        )
        ev.event_id = f"MRSBENCH{k}"
        events.append(ev)
    return doc, events


@pytest.mark.slow
def test_adding_a_report_to_100k_events_is_fast(tmp_path: Path) -> None:
    with Store(tmp_path / "big.duckdb") as store:
        store.con.execute(_EVENTS)
        for statement in _SIDE_TABLES:
            store.con.execute(statement)
        assert store.counts()["events"] == N
        doc, events = _report()
        row = store.con.execute(
            "SELECT event_date, latitude, longitude FROM events WHERE event_id = 'SYN12345'"
        ).fetchone()
        assert row is not None
        first = events[0]  # the first strike confirms a stored one; the others found their own records
        first.event_date = first.date_start = first.date_end = row[0]
        first.latitude, first.longitude = row[1], row[2]
        started = time.perf_counter()
        assert store.add_document(doc, events)
        elapsed = time.perf_counter() - started
        assert store.fused_count() == N + 4
        joined = store.con.execute("SELECT members FROM fused WHERE fused_id = 'FSYN12345'").fetchone()
        assert joined == (2,)
    print(f"\nadding a 5-event report to a store of {N} events, with fusion: {elapsed * 1000:.0f} ms")
    assert elapsed < 1.0
