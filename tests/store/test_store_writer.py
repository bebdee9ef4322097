"""The store's writer: round trip, idempotent ingestion, one transaction per document."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from marsad.errors import DocumentStoreError, StoreError
from marsad.model.document import Document, Sentence
from marsad.model.event import Event, Evidence
from marsad.store import Store

TEXT = 'Clashes hit "Deir ez-Zor", killing 3.\nدير الزور <script>x</script>, 2 wounded.\nNext.'


def make_doc(text: str = TEXT, doc_id: str = "report.txt") -> Document:
    """A document with three sentences over its text."""
    doc = Document(text=text, id=doc_id, title='Title, "quoted"', published=date(2017, 9, 10))
    doc.provenance = {"published": "given"}
    cuts = [0, text.index("\n") + 1, text.rindex("\n") + 1, len(text)]
    doc.sentences = [Sentence(cuts[i], cuts[i + 1], index=i, paragraph=0) for i in range(3)]
    return doc


def make_event(doc: Document, sent: int, day: date | None, modality: str = "occurred") -> Event:
    """An event read from sentence `sent` of `doc`, with that sentence as evidence."""
    s = doc.sentences[sent]
    ev = Event(
        "Battles",
        "Armed clash",
        document=doc.id,
        event_date=day,
        date_start=day,
        date_end=day,
        time_precision=1,
        actor1="Military Forces of Syria",
        assoc_actor_1=["A", "B"],
        inter1=1,
        actor2="Islamic State",
        inter2=2,
        interaction=12,
        iso=760,
        country="Syria",
        location="Deir ez-Zor",
        latitude=35.336,
        longitude=40.145,
        geo_precision=1,
        notes='He said "no", then, left.\nدير الزور',
        fatalities=3,
        wounded=None,
        modality=modality,
        claimant="SANA" if sent else None,
        confidence=0.6667,
        evidence=[Evidence(doc.id, doc.span_text(s), s.start, s.end)] * (sent + 1),
    )
    ev.event_id = f"MRS{doc.content_hash[:6]}{sent}"
    return ev


def sample(doc: Document) -> list[Event]:
    """Three events: two dated out of order, one undated and planned."""
    return [
        make_event(doc, 0, date(2017, 9, 9)),
        make_event(doc, 1, date(2017, 9, 8)),
        make_event(doc, 2, None, modality="planned"),
    ]


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "events.duckdb") as opened:
        yield opened


def test_round_trip_gives_back_the_records_in_date_order(store: Store) -> None:
    doc = make_doc()
    events = sample(doc)
    assert store.add_document(doc, events)
    expected = [events[1].to_record(), events[0].to_record(), events[2].to_record()]
    got = list(store.iter_records())
    assert got == expected
    assert [list(r) for r in got] == [list(r) for r in expected]  # same field order too


@pytest.mark.parametrize(("modality", "n"), [("occurred", 2), ("planned", 1), ("negated", 0), (None, 3)])
def test_iter_records_filters_on_modality(store: Store, modality: str | None, n: int) -> None:
    doc = make_doc()
    store.add_document(doc, sample(doc))
    records = list(store.iter_records(modality))
    assert len(records) == n
    assert modality is None or all(r["modality"] == modality for r in records)


def test_same_document_twice_adds_nothing(store: Store) -> None:
    doc = make_doc()
    assert store.add_document(doc, sample(doc)) is True
    before = store.counts()
    assert before == {"documents": 1, "sentences": 3, "events": 3, "evidence": 6}
    assert store.has_document(doc.content_hash)
    assert store.add_document(make_doc(doc_id="copy.txt"), sample(doc)) is False
    assert store.counts() == before


def test_reopened_store_keeps_its_rows(tmp_path: Path) -> None:
    doc = make_doc()
    with Store(tmp_path / "s.duckdb") as first:
        first.add_document(doc, sample(doc))
    with Store(tmp_path / "s.duckdb") as second:
        assert second.counts()["events"] == 3
        assert not second.add_document(doc, sample(doc))


def test_existing_event_id_refuses_the_document_loudly(store: Store) -> None:
    doc, other = make_doc(), make_doc(text=TEXT + " More.", doc_id="other.txt")
    store.add_document(doc, sample(doc))
    clash = make_event(other, 0, date(2017, 9, 1))
    clash.event_id = sample(doc)[0].event_id
    with pytest.raises(DocumentStoreError, match="already stored"):
        store.add_document(other, [clash, make_event(other, 1, date(2017, 9, 2))])
    assert store.counts() == {"documents": 1, "sentences": 3, "events": 3, "evidence": 6}


def test_an_id_given_twice_refuses_the_document(store: Store) -> None:
    doc = make_doc()
    events = sample(doc)
    events[1].event_id = events[0].event_id
    with pytest.raises(DocumentStoreError, match="twice"):
        store.add_document(doc, events)
    assert store.counts()["documents"] == 0


def test_failure_mid_transaction_leaves_no_rows(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = make_doc()

    def broken(*_args: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Store, "_insert_evidence", broken)
    with pytest.raises(StoreError, match=r"report\.txt.*disk on fire"):
        store.add_document(doc, sample(doc))
    assert store.counts() == {"documents": 0, "sentences": 0, "events": 0, "evidence": 0}
    assert not store.has_document(doc.content_hash)
    monkeypatch.undo()
    assert store.add_document(doc, sample(doc))  # the store still works afterwards


def test_event_without_id_is_refused_whole(store: Store) -> None:
    doc = make_doc()
    events = sample(doc)
    events[2].event_id = ""
    with pytest.raises(StoreError, match="assign_id"):
        store.add_document(doc, events)
    assert store.counts()["documents"] == 0
