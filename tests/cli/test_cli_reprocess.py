"""`marsad reprocess`: stored documents re-extracted, reviews kept on the matching new events,
the ones that no longer match reported, an interrupted run continued."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from marsad.cli.main import main
from marsad.store import Store
from marsad.store import reprocess as rp

REPORTS = {
    "a-2017-10-12.txt": "Syrian government forces shelled the town of Kafr Nabl in Idlib province on Monday, "
    "killing four civilians, a local monitor said.\n\nIn a separate incident, Islamic State militants "
    "clashed with rebels near Suran on Tuesday; three fighters were wounded.\n",
    "b-2017-10-14.txt": "Turkish troops bombed the town of Manbij in Aleppo province on Wednesday, killing "
    "two civilians, activists said.\n",
    "c-2017-10-15.txt": "Government warplanes struck Kafr Nabl in Idlib province on Monday, killing four "
    "civilians, a monitor said.\n",
}


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "reports"
    root.mkdir()
    for name, text in REPORTS.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def ingest(corpus: Path, db: Path) -> None:
    assert main(["ingest", str(corpus), "--db", str(db), "-q"]) == 0


def state(db: Path) -> dict[str, Any]:
    """Review status by event id, the reviewed records and the fused records."""
    with Store(db, read_only=True) as store:
        statuses = dict(
            store.con.execute(
                "SELECT event_id, arg_max(status, revision) FROM revisions GROUP BY event_id"
            ).fetchall()
        )
        records = list(store.iter_records(reviewed=True))
        fused = list(store.iter_fused(reviewed=False))
        counts = store.counts()
    return {"statuses": statuses, "records": records, "fused": fused, "counts": counts}


def review_three(db: Path) -> list[str]:
    """Accept, edit and reject the first three events; return their ids."""
    with Store(db) as store:
        ids = [r["event_id"] for r in store.iter_records(reviewed=False)][:3]
        store.review(ids[0], "accept", "ann")
        store.review(ids[1], "edit", "ann", changes={"fatalities": 77, "notes": "checked by phone"})
        store.review(ids[2], "reject", "bo", reason="a duplicate")
    return ids


def test_reprocess_keeps_the_reviewed_state(corpus: Path, tmp_path: Path, capsys: Any) -> None:
    db = tmp_path / "s.duckdb"
    ingest(corpus, db)
    ids = review_three(db)
    before = state(db)
    assert before["statuses"] == {ids[0]: "accepted", ids[1]: "edited", ids[2]: "rejected"}

    assert main(["reprocess", "--db", str(db)]) == 0
    after = state(db)
    assert after["statuses"] == before["statuses"]
    assert after["records"] == before["records"]  # edited values laid over, the rejected one left out
    edited = next(r for r in after["records"] if r["event_id"] == ids[1])
    assert edited["fatalities"] == 77 and edited["notes"] == "checked by phone"
    assert ids[2] not in {r["event_id"] for r in after["records"]}
    assert after["counts"] == before["counts"]
    err = capsys.readouterr().err
    assert "3 reviewed event(s) kept their review, 0 no longer match" in err

    # the fusion after a reprocess is the fusion of a fresh ingest of the same documents
    fresh = tmp_path / "fresh.duckdb"
    ingest(corpus, fresh)
    assert state(fresh)["fused"] == after["fused"]


def test_an_interrupted_reprocess_continues(corpus: Path, tmp_path: Path, pipeline: Any, capsys: Any) -> None:
    db = tmp_path / "s.duckdb"
    ingest(corpus, db)
    ids = review_three(db)
    with Store(db) as store:  # a run that finished one document, then stopped
        run_id, resumed = rp.open_run(store.con, "test")
        assert not resumed
        first = rp.pending_documents(store.con, run_id)[0]
        doc = next(pipeline.pipe(rp.load_documents(store.con, [first])))
        rp.replace_document(store.con, run_id, doc, list(doc.events))
    capsys.readouterr()
    assert main(["reprocess", "--db", str(db)]) == 0
    err = capsys.readouterr().err
    assert "continuing the interrupted reprocess (1 document(s) done, 2 to go)" in err
    assert "reprocessed 2 document(s) (1 done before the interruption)" in err
    with Store(db, read_only=True) as store:
        done = store.con.execute("SELECT count(*) FROM reprocess_done WHERE run_id = ?", [run_id]).fetchone()
        assert done == (3,)
        assert rp.pending_documents(store.con, run_id) == []
    assert set(state(db)["statuses"]) == set(ids)
    # the run finished: the next one starts afresh and does every document
    assert main(["reprocess", "--db", str(db)]) == 0
    assert "reprocessed 3 document(s);" in capsys.readouterr().err


def test_a_review_whose_event_is_gone_is_set_aside_and_reported(
    corpus: Path, tmp_path: Path, pipeline: Any
) -> None:
    db = tmp_path / "s.duckdb"
    ingest(corpus, db)
    with Store(db) as store:
        record = next(iter(store.iter_records(reviewed=False)))
        store.review(record["event_id"], "edit", "ann", changes={"fatalities": 5})
        content_hash = store.con.execute(
            "SELECT content_hash FROM events WHERE event_id = ?", [record["event_id"]]
        ).fetchone()[0]
        run_id, _ = rp.open_run(store.con, "test")
        doc = next(pipeline.pipe(rp.load_documents(store.con, [content_hash])))
        # the new extraction no longer has that event (another sub-event type, another sentence)
        survivors = [ev for ev in doc.events if ev.event_id != record["event_id"]]
        result = rp.replace_document(store.con, run_id, doc, survivors)
        assert [u.event_id for u in result.unmatched] == [record["event_id"]]
        assert store.con.execute("SELECT count(*) FROM revisions").fetchone() == (0,)
        aside = store.con.execute(
            "SELECT event_id, status, reviewer, revisions FROM reprocess_unmatched WHERE run_id = ?", [run_id]
        ).fetchall()
        assert [(a[0], a[1], a[2]) for a in aside] == [(record["event_id"], "edited", "ann")]
        assert '"fatalities"' in aside[0][3]
        assert [u.event_id for u in rp.unmatched_of_run(store.con, run_id)] == [record["event_id"]]


def test_a_review_follows_its_event_to_a_new_id(corpus: Path, tmp_path: Path, pipeline: Any) -> None:
    """The new extraction gives the event another id (its trigger moved): the review follows it by
    sub-event type and evidence."""
    db = tmp_path / "s.duckdb"
    ingest(corpus, db)
    with Store(db) as store:
        record = next(iter(store.iter_records(reviewed=False)))
        store.review(record["event_id"], "edit", "ann", changes={"fatalities": 5})
        content_hash = store.con.execute(
            "SELECT content_hash FROM events WHERE event_id = ?", [record["event_id"]]
        ).fetchone()[0]
        run_id, _ = rp.open_run(store.con, "test")
        doc = next(pipeline.pipe(rp.load_documents(store.con, [content_hash])))
        moved = [dataclasses.replace(ev) for ev in doc.events]
        for ev in moved:
            if ev.event_id == record["event_id"]:
                ev.event_id = "MRSNEWID00001"
        result = rp.replace_document(store.con, run_id, doc, moved)
        assert result.kept == {record["event_id"]: "MRSNEWID00001"}
        row = store.con.execute("SELECT event_id, status FROM revisions").fetchall()
        assert row == [("MRSNEWID00001", "edited")]
        reviewed = {r["event_id"]: r for r in store.iter_records()}
        assert reviewed["MRSNEWID00001"]["fatalities"] == 5


def ev(
    event_id: str, sub: str, start: int, end: int, location: str = "", day: str | None = None
) -> dict[str, Any]:
    return {
        "event_id": event_id,
        "sub_event_type": sub,
        "location": location,
        "event_date": day,
        "evidence": [{"start": start, "end": end}],
    }


def test_match_reviews_rules() -> None:
    old = [
        ev("A", "Shelling/artillery/missile attack", 0, 50),  # same id exists: kept as is
        ev("B", "Armed clash", 60, 120),  # its id changed: overlapping evidence, same type
        ev("C", "Attack", 200, 240, "Suran", "2017-10-10"),  # no overlap but same place and day
        ev("D", "Abduction/forced disappearance", 300, 340),  # nothing of its type: unmatched
        {**ev("E", "Attack", 400, 440), "reviewed_sub_event_type": "Armed clash"},  # the reviewer's type
    ]
    new = [
        ev("A", "Shelling/artillery/missile attack", 0, 50),
        ev("B2", "Armed clash", 70, 110),
        ev("B3", "Armed clash", 119, 130),  # overlaps B less than B2 does
        ev("C2", "Attack", 500, 540, "Suran", "2017-10-10"),
        ev("D2", "Attack", 300, 340),  # overlaps D, but another sub-event type
        ev("E2", "Armed clash", 400, 440),
    ]
    assert rp.match_reviews(old, new) == {"A": "A", "B": "B2", "C": "C2", "E": "E2"}
    # one to one: two old reviews never land on one new event
    twins = [ev("X", "Attack", 0, 10), ev("Y", "Attack", 0, 10)]
    assert rp.match_reviews(twins, [ev("Z", "Attack", 0, 10)]) == {"X": "Z"}
    # same place alone (another day) is not enough
    assert (
        rp.match_reviews(
            [ev("P", "Attack", 0, 10, "Suran", "2017-10-10")],
            [ev("Q", "Attack", 50, 60, "Suran", "2017-10-11")],
        )
        == {}
    )


def test_a_founder_that_no_longer_matches_founds_a_record_of_its_own(
    corpus: Path, tmp_path: Path, pipeline: Any
) -> None:
    """Two reports fused; the founder's new extraction is elsewhere: the other report keeps the fused
    record (and its id), the founder founds another under a free id."""
    from marsad.fuse import fused_id

    db = tmp_path / "s.duckdb"
    ingest(corpus, db)
    with Store(db) as store:
        con = store.con
        (fid,) = con.execute("SELECT fused_id FROM fused WHERE members = 2").fetchone()
        members = con.execute(
            "SELECT event_id, content_hash FROM fused_members WHERE fused_id = ? ORDER BY ordinal", [fid]
        ).fetchall()
        founder, founder_doc = members[0]
        assert fused_id(founder) == fid
        run_id, _ = rp.open_run(con, "test")
        doc = next(pipeline.pipe(rp.load_documents(con, [founder_doc])))
        moved = []
        for event in doc.events:
            if event.event_id == founder:
                event = dataclasses.replace(event, location="Manbij", latitude=36.5281, longitude=37.9549)
            moved.append(event)
        rp.replace_document(con, run_id, doc, moved)
        rows = con.execute(
            "SELECT fused_id, event_id FROM fused_members WHERE event_id IN (?, ?)", [founder, members[1][0]]
        ).fetchall()
        where = dict((event, f) for f, event in rows)
        assert where[members[1][0]] == fid  # the other report keeps the record
        assert where[founder] not in (fid, None) and where[founder] == fused_id(f"{founder}|1")
        assert con.execute("SELECT members FROM fused WHERE fused_id = ?", [fid]).fetchone() == (1,)
        orphans = con.execute(
            "SELECT count(*) FROM fused f WHERE NOT EXISTS (SELECT 1 FROM fused_members m WHERE m.fused_id = f.fused_id)"
        ).fetchone()
        assert orphans == (0,)
