"""Fusion in the store: two reports of one air strike become one record; migration from v1."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from marsad.model.document import Document, Sentence
from marsad.model.event import Event, Evidence
from marsad.store import Store
from marsad.store.schema import MIGRATIONS, SCHEMA_VERSION


def make_doc(text: str, doc_id: str, source: str) -> Document:
    """A one-sentence document from a source."""
    doc = Document(text=text, id=doc_id, title=text[:20], source=source, published=date(2019, 12, 6))
    doc.sentences = [Sentence(0, len(text), index=0, paragraph=0)]
    return doc


def make_event(doc: Document, fatalities: int, **fields: object) -> Event:
    """An air strike in Ariha on 2019-12-05 read from the document's sentence."""
    day = fields.pop("day", date(2019, 12, 5))
    values: dict[str, object] = dict(
        document=doc.id,
        event_date=day,
        date_start=day,
        date_end=day,
        time_precision=1,
        actor1="Military Forces of Russia",
        actor2="Civilians (Syria)",
        country="Syria",
        location="Ariha",
        latitude=35.8126,
        longitude=36.6083,
        source=doc.source,
        fatalities=fatalities,
        evidence=[Evidence(doc.id, doc.text, 0, len(doc.text))],
    )
    values.update(fields)
    ev = Event("Explosions/Remote violence", "Air/drone strike", **values)  # type: ignore[arg-type]
    ev.event_id = f"MRS{doc.content_hash[:8].upper()}"
    return ev


TEXT_A = "Russian warplanes struck the market in Ariha, killing nine civilians."
TEXT_B = "A massacre in Ariha: the warplanes targeted the market, killing 14 civilians."


def add_pair(store: Store) -> None:
    """Store the two reports: 9 killed (source A), 14 killed (source B)."""
    doc_a = make_doc(TEXT_A, "a.txt", "Source A")
    doc_b = make_doc(TEXT_B, "b.txt", "Source B")
    assert store.add_document(doc_a, [make_event(doc_a, 9)])
    assert store.add_document(doc_b, [make_event(doc_b, 14, day=date(2019, 12, 6), location="Areeha")])


def test_two_sources_fuse_into_one_record(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        add_pair(store)
        fused = list(store.iter_fused())
    assert len(fused) == 1
    rec = fused[0]
    assert rec["fatalities"] == 9 and len(rec["claims"]) == 2
    assert [(c["document"], c["source"]) for c in rec["claims"]] == [
        ("a.txt", "Source A"),
        ("b.txt", "Source B"),
    ]
    assert {c["fatalities"] for c in rec["claims"]} == {9, 14}
    assert "fatalities" in rec["conflicts"] and "event_date" in rec["conflicts"]
    assert [e["sentence"] for e in rec["evidence"]] == [TEXT_A, TEXT_B]


def test_a_distant_report_founds_its_own_record(tmp_path: Path) -> None:
    doc_a = make_doc(TEXT_A, "a.txt", "Source A")
    doc_c = make_doc("An air strike on Raqqa killed 3.", "c.txt", "Source C")
    with Store(tmp_path / "s.duckdb") as store:
        store.add_document(doc_a, [make_event(doc_a, 9)])
        store.add_document(doc_c, [make_event(doc_c, 3, location="Raqqa", latitude=35.95, longitude=39.01)])
        assert [len(r["claims"]) for r in store.iter_fused()] == [1, 1]


def test_ingesting_the_same_document_again_changes_nothing(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        add_pair(store)
        before = list(store.iter_fused())
        doc_b = make_doc(TEXT_B, "b.txt", "Source B")
        assert not store.add_document(doc_b, [make_event(doc_b, 14)])
        assert list(store.iter_fused()) == before


def test_a_v1_store_migrates_and_fuses_once(tmp_path: Path) -> None:
    path = tmp_path / "v1.duckdb"
    with Store(path) as store:
        add_pair(store)
        expected = list(store.iter_fused())
    con = duckdb.connect(str(path))
    con.execute("DROP TABLE fused_members")
    con.execute("DROP TABLE fused")
    con.execute("DROP INDEX events_by_place")
    con.execute("DROP INDEX events_by_start")
    con.execute("UPDATE schema_version SET version = 1")
    con.close()
    with Store(path) as store:
        assert list(store.iter_fused()) == expected
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
    con.close()
    assert SCHEMA_VERSION >= 2 and 2 in MIGRATIONS


def test_export_fused_carries_claims_and_conflicts(tmp_path: Path) -> None:
    import csv
    import io
    import json

    from marsad.export import write_records

    with Store(tmp_path / "s.duckdb") as store:
        add_pair(store)
        fused = list(store.iter_fused())
    out = io.StringIO()
    write_records(fused, "jsonl", out, fused=True)
    line = json.loads(out.getvalue())
    assert line["conflicts"] == ["event_date", "fatalities"] and len(line["claims"]) == 2
    for fmt in ("csv", "acled-csv"):
        out = io.StringIO()
        write_records(fused, fmt, out, fused=True)
        rows = list(csv.DictReader(io.StringIO(out.getvalue())))
        assert list(rows[0])[-2:] == ["claims", "conflicts"]
        assert json.loads(rows[0]["conflicts"]) == ["event_date", "fatalities"]
    assert next(iter(rows[0])) == "event_id_cnty" and rows[0]["fatalities"] == "9"


@pytest.mark.parametrize("fmt", ["geojson"])
def test_geojson_properties_keep_claims(tmp_path: Path, fmt: str) -> None:
    import io
    import json

    from marsad.export import write_records

    with Store(tmp_path / "s.duckdb") as store:
        add_pair(store)
        out = io.StringIO()
        write_records(store.iter_fused(), fmt, out, fused=True)
    props = json.loads(out.getvalue())["features"][0]["properties"]
    assert len(props["claims"]) == 2 and "fatalities" in props["conflicts"]
