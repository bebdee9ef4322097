"""Review revisions in the store: accept, edit, reject; exports use reviewed values; v2 stores upgrade."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import duckdb
import pytest

from marsad.export import write_records
from marsad.model.document import Document, Sentence
from marsad.model.event import Event, Evidence
from marsad.store import Store
from marsad.store.reviews import ReviewError
from marsad.store.schema import MIGRATIONS, SCHEMA_VERSION


def make_doc(text: str, doc_id: str, source: str) -> Document:
    doc = Document(text=text, id=doc_id, title=text[:20], source=source, published=date(2019, 12, 6))
    doc.sentences = [Sentence(0, len(text), index=0, paragraph=0)]
    return doc


def make_event(doc: Document, fatalities: int, suffix: str = "", **fields: object) -> Event:
    values: dict[str, object] = dict(
        document=doc.id,
        event_date=date(2019, 12, 5),
        time_precision=1,
        actor1="Military Forces of Russia",
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
    ev.event_id = f"MRS{doc.content_hash[:8].upper()}{suffix}"
    return ev


TEXT_A = "Russian warplanes struck the market in Ariha, killing nine civilians."
TEXT_B = "A massacre in Ariha: the warplanes targeted the market, killing 14 civilians."


@pytest.fixture()
def store(tmp_path: Path):
    doc_a = make_doc(TEXT_A, "a.txt", "Source A")
    doc_b = make_doc(TEXT_B, "b.txt", "Source B")
    with Store(tmp_path / "r.duckdb") as s:
        s.add_document(doc_a, [make_event(doc_a, 9), make_event(doc_a, 0, "X", location="Idlib")])
        s.add_document(doc_b, [make_event(doc_b, 14)])
        s.ids = (  # type: ignore[attr-defined]
            f"MRS{doc_a.content_hash[:8].upper()}",
            f"MRS{doc_a.content_hash[:8].upper()}X",
            f"MRS{doc_b.content_hash[:8].upper()}",
        )
        yield s


def acled(store: Store) -> list[dict[str, str]]:
    out = io.StringIO()
    write_records(store.iter_records("occurred"), "acled-csv", out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_an_edit_is_a_revision_and_exports_carry_it(store: Store) -> None:
    first, _, _ = store.ids  # type: ignore[attr-defined]
    rev = store.review(
        first, "edit", "ann", changes={"fatalities": "11", "actor2": "Civilians (Syria)"}, reason="toll"
    )
    assert rev["revision"] == 1 and rev["status"] == "edited"
    assert rev["changes"] == {
        "fatalities": {"from": 9, "to": 11},
        "actor2": {"from": "", "to": "Civilians (Syria)"},
    }
    rows = {r["event_id_cnty"]: r for r in acled(store)}
    assert rows[first]["fatalities"] == "11" and rows[first]["actor2"] == "Civilians (Syria)"
    # the machine's values are kept
    machine = {r["event_id"]: r for r in store.iter_records(reviewed=False)}
    assert machine[first]["fatalities"] == 9
    again = store.review(first, "accept", "bob")
    assert again["revision"] == 2 and again["values"] == {"fatalities": 11, "actor2": "Civilians (Syria)"}
    history = store.revisions(first)
    assert [(r["reviewer"], r["action"]) for r in history] == [("ann", "edit"), ("bob", "accept")]
    assert history[0]["reason"] == "toll" and history[0]["reviewed_at"]


def test_a_rejected_event_leaves_the_exports_and_the_fused_record(store: Store) -> None:
    first, other, second = store.ids  # type: ignore[attr-defined]
    fused_before = [f for f in store.iter_fused() if len(f["claims"]) == 2]
    assert fused_before and fused_before[0]["fatalities"] == 9
    store.review(first, "reject", "ann", reason="duplicate")
    ids = [r["event_id_cnty"] for r in acled(store)]
    assert first not in ids and other in ids and second in ids
    fused = [f for f in store.iter_fused() if "Source B" in json.dumps(f["claims"])]
    assert len(fused) == 1 and len(fused[0]["claims"]) == 1 and fused[0]["fatalities"] == 14
    store.review(first, "accept", "bob", reason="not a duplicate after all")
    assert first in [r["event_id_cnty"] for r in acled(store)]


def test_a_modality_edit_moves_the_event_in_and_out_of_exports(store: Store) -> None:
    _, other, _ = store.ids  # type: ignore[attr-defined]
    store.review(other, "edit", "ann", changes={"modality": "planned"})
    assert other not in [r["event_id_cnty"] for r in acled(store)]
    assert other in [r["event_id"] for r in store.iter_records()]


@pytest.mark.parametrize(
    ("action", "changes", "message"),
    [
        ("approve", {}, "action"),
        ("edit", {}, "at least one field"),
        ("edit", {"event_id": "X"}, "not a field"),
        ("edit", {"latitude": "91"}, "latitude"),
        ("edit", {"fatalities": "many"}, "fatalities"),
        ("edit", {"event_date": "2019-13-01"}, "event_date"),
        ("edit", {"modality": "rumoured"}, "modality"),
        ("edit", {"event_type": "Skirmish"}, "event_type"),
    ],
)
def test_bad_reviews_are_refused_and_store_nothing(
    store: Store, action: str, changes: dict, message: str
) -> None:
    first = store.ids[0]  # type: ignore[attr-defined]
    with pytest.raises(ReviewError, match=message):
        store.review(first, action, "ann", changes=changes)
    assert store.revisions(first) == []


def test_unknown_event_and_missing_reviewer(store: Store) -> None:
    with pytest.raises(ReviewError, match="no event"):
        store.review("MRSNOPE", "accept", "ann")
    with pytest.raises(ReviewError, match="reviewer"):
        store.review(store.ids[0], "accept", "  ")  # type: ignore[attr-defined]


def test_a_version_2_store_upgrades_without_loss(tmp_path: Path) -> None:
    path = tmp_path / "v2.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    for version in (1, 2):
        for step in MIGRATIONS[version]:
            step(con) if callable(step) else con.execute(step)
    con.execute("INSERT INTO schema_version VALUES (2)")
    con.close()
    doc = make_doc(TEXT_A, "a.txt", "Source A")
    # fill it the way a version-2 marsad would: documents, events, evidence, fusion
    with Store(path) as s:
        s.add_document(doc, [make_event(doc, 9)])
        before = list(s.iter_records(reviewed=False))
    con = duckdb.connect(str(path))
    con.execute("DROP TABLE revisions")
    con.execute("DROP INDEX events_by_document")
    con.execute("DROP INDEX evidence_by_document")
    con.execute("UPDATE schema_version SET version = 2")
    con.close()
    with pytest.raises(Exception, match="out of date"):
        Store(path, read_only=True).open()
    with Store(path) as s:
        assert list(s.iter_records()) == before
        s.review(before[0]["event_id"], "accept", "ann")
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
    assert con.execute("SELECT count(*) FROM revisions").fetchone() == (1,)
    con.close()
