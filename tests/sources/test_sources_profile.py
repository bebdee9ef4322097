"""Source perspective over a hand-built store: loaded terms per source, verbs, disputed tolls."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from marsad.cli.main import main
from marsad.model.document import Document, Sentence
from marsad.model.event import Event, Evidence
from marsad.services.actors import load_lexicon
from marsad.sources import profiles_from_store, write_sources
from marsad.sources.claims import compare_claims
from marsad.sources.verbs import verbs_in
from marsad.store import Store

# two short reports of one takeover, written for these tests: a partisan one and a wire story
PARTISAN = (
    "Our forces liberated the village of Tal Hamra east of Raqqa on Sunday, October 15, 2017, "
    "after fierce clashes with Daesh mercenaries. The Syrian Democratic Forces said 12 of the "
    "mercenaries were killed in the fighting. The gangs of Daesh fled towards positions held by the "
    "regime, and the Syrian Democratic Forces accused the regime of opening the road to the mercenaries."
)
WIRE = (
    "The Syrian Democratic Forces captured the village of Tal Hamra east of Raqqa from Islamic State "
    "fighters on Sunday, October 15, 2017. Five Islamic State fighters were killed in the clashes, "
    "a Syrian Democratic Forces spokesman said. Syrian government forces were not involved."
)


def _doc(text: str, doc_id: str, source: str) -> Document:
    """A one-sentence document from a source."""
    doc = Document(text=text, id=doc_id, title=text[:20], source=source, published=date(2017, 10, 16))
    doc.sentences = [Sentence(0, len(text), index=0, paragraph=0)]
    return doc


def _event(doc: Document, fatalities: int) -> Event:
    """The SDF's takeover of Tal Hamra on 2017-10-15, read from the document's text."""
    day = date(2017, 10, 15)
    ev = Event(
        "Strategic developments",
        "Non-state actor overtakes territory",
        document=doc.id,
        event_date=day,
        date_start=day,
        date_end=day,
        time_precision=1,
        actor1="QSD: Syrian Democratic Forces",
        actor2="Islamic State (Syria)",
        country="Syria",
        location="Tal Hamra",
        latitude=35.95,
        longitude=39.1,
        source=doc.source,
        fatalities=fatalities,
        evidence=[Evidence(doc.id, doc.text, 0, len(doc.text))],
    )
    ev.event_id = f"MRS{doc.content_hash[:8].upper()}"
    return ev


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A store holding the partisan report (12 killed) and the wire story (5 killed)."""
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        for text, doc_id, source, toll in ((PARTISAN, "p.txt", "Partisan", 12), (WIRE, "w.txt", "Wire", 5)):
            doc = _doc(text, doc_id, source)
            assert store.add_document(doc, [_event(doc, toll)])
    return path


def _profiles(db: Path) -> dict[str, dict]:
    with Store(db, read_only=True) as store:
        return {p.source: p.as_dict() for p in profiles_from_store(store, load_lexicon())}


def test_partisan_terms_are_listed_and_the_wire_has_none(db: Path) -> None:
    profiles = _profiles(db)
    partisan, wire = profiles["Partisan"], profiles["Wire"]
    assert partisan["documents"] == 1
    assert partisan["terms"]["Islamic State"]["mercenaries"] == 3
    assert "gangs" in partisan["terms"]["Islamic State"]
    assert partisan["terms"]["Military Forces of Syria (2000-2024)"]["the regime"] == 2
    assert "QSD: Syrian Democratic Forces" not in partisan["terms"]
    assert wire["terms"] == {}
    assert wire["names"]["Islamic State"]["Islamic State"] == 2


def test_verbs_split_own_side_from_others(db: Path) -> None:
    partisan = _profiles(db)["Partisan"]
    assert partisan["own_side"] == ["QSD: Syrian Democratic Forces"]
    assert partisan["verbs"]["own_side"]["liberated"] == 1
    assert _profiles(db)["Wire"]["verbs"]["others"]["captured"] == 1


def test_toll_disagreement_is_listed_for_both_sources(db: Path) -> None:
    profiles = _profiles(db)
    (d,) = [d for d in profiles["Partisan"]["disagreements"] if d["field"] == "fatalities"]
    assert d["value"] == 12 and d["others"] == {"Wire": 5}
    assert d["fused_id"]
    assert profiles["Partisan"]["summary"]["toll_higher"] == 1
    assert profiles["Wire"]["summary"]["toll_lower"] == 1
    assert profiles["Wire"]["summary"]["fields"] == {"fatalities": 1}


def test_text_report_quotes_the_source_and_keeps_marsad_neutral(db: Path, capsys) -> None:
    assert main(["sources", "--db", str(db), "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert "Partisan calls Islamic State 'mercenaries' (3)" in out
    assert "Wire\n" not in out or "uses no loaded terms" in out
    assert "12; Wire 5" in out


def test_json_output(db: Path, capsys) -> None:
    assert main(["sources", "--db", str(db), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [p["source"] for p in data] == ["Partisan", "Wire"]
    assert set(data[0]) >= {"source", "documents", "terms", "verbs", "disagreements", "summary"}


def test_missing_store_is_an_option_error(tmp_path: Path, capsys) -> None:
    assert main(["sources", "--db", str(tmp_path / "none.duckdb")]) == 2
    assert "no such store" in capsys.readouterr().err


def test_verbs_in_a_sentence() -> None:
    found = verbs_in("The fighters were martyred as our forces liberated the town; IS recaptured it.")
    assert found == {"martyred": 1, "liberated": 1, "recaptured": 1}
    assert verbs_in("They took control of the village and seized weapons.") == {
        "took control": 1,
        "seized": 1,
    }


def test_claims_among_other_sources_are_not_this_sources_disagreement() -> None:
    claims = [
        {"source": "A", "fatalities": 3, "actor1": "X"},
        {"source": "B", "fatalities": 3, "actor1": "X"},
        {"source": "C", "fatalities": 3, "actor1": "Y"},
    ]
    out = compare_claims([{"event_id": "F1", "claims": claims, "conflicts": ["actor1"]}])
    assert out["A"]["summary"]["disputed_events"] == 1
    assert out["A"]["disagreements"][0]["others"] == {"B": "X", "C": "Y"}
    assert out["A"]["summary"]["toll_equal"] == 1


def test_write_sources_of_nothing(capsys) -> None:
    import sys

    write_sources([], "json", sys.stdout)
    assert capsys.readouterr().out.strip() == "[]"


@pytest.mark.slow
def test_ingested_reports_through_the_pipeline(tmp_path: Path, capsys) -> None:
    """Both reports through the whole pipeline: the partisan terms and the toll dispute come out."""
    db = str(tmp_path / "p.duckdb")
    for name, text, source in (("p.txt", PARTISAN, "Partisan"), ("w.txt", WIRE, "Wire")):
        (tmp_path / name).write_text(text, encoding="utf-8")
        args = [
            "ingest",
            str(tmp_path / name),
            "--db",
            db,
            "--source",
            source,
            "--published",
            "2017-10-16",
            "-q",
        ]
        assert main(args) == 0
    capsys.readouterr()
    assert main(["sources", "--db", db, "--format", "json"]) == 0
    data = {p["source"]: p for p in json.loads(capsys.readouterr().out)}
    assert data["Partisan"]["terms"]["Islamic State"]["mercenaries"] >= 1
    assert "Military Forces of Syria (2000-2024)" in data["Partisan"]["terms"]
    assert data["Wire"]["terms"] == {}
    tolls = [d for d in data["Partisan"]["disagreements"] if d["field"] == "fatalities"]
    assert tolls and tolls[0]["value"] == 12 and 5 in tolls[0]["others"].values()
