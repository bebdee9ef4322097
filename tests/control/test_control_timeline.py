"""The control timeline from hand-built events: changes, controllers by day, contests, statements."""

from __future__ import annotations

from datetime import date

from marsad.control import build_timeline
from marsad.model import Event
from marsad.model.event import Evidence

GOV = "Military Forces of Syria (2000-2024)"
IS = "Islamic State (Syria)"
SDF = "QSD: Syrian Democratic Forces"
TAKE_GOV = "Government regains territory"
TAKE_NSA = "Non-state actor overtakes territory"
HANDOVER = "Non-violent transfer of territory"
KAMAL = ("Albu Kamal", 34.452, 40.918)


def ev(
    sub: str,
    actor1: str,
    actor2: str,
    day: str,
    place: tuple[str, float | None, float | None] = KAMAL,
    doc: str = "a.txt",
    sentence: str = "",
    start: int = 0,
    modality: str = "occurred",
    span: tuple[str, str] | None = None,
) -> Event:
    """An event as the pipeline would leave it (only the fields a timeline reads)."""
    d = date.fromisoformat(day)
    first, last = (date.fromisoformat(span[0]), date.fromisoformat(span[1])) if span else (d, d)
    event = Event(
        event_type="Battles",
        sub_event_type=sub,
        document=doc,
        event_date=d,
        date_start=first,
        date_end=last,
        actor1=actor1,
        actor2=actor2,
        location=place[0],
        latitude=place[1],
        longitude=place[2],
        country="Syria",
        admin1="Deir-ez-Zor",
        modality=modality,
        evidence=[Evidence(doc, sentence or f"{actor1} took {place[0]}.", start, start + 40)],
    )
    event.event_id = f"E-{doc}-{start}-{sub[:3]}"
    return event


def test_takeover_then_retake_next_day() -> None:
    timeline = build_timeline(
        [ev(TAKE_GOV, GOV, IS, "2017-11-08", start=10), ev(TAKE_NSA, IS, GOV, "2017-11-09", start=90)]
    )
    [place] = timeline.places
    assert [(c.date.isoformat(), c.controller, c.previous) for c in place.changes] == [
        ("2017-11-08", GOV, IS),
        ("2017-11-09", IS, GOV),
    ]
    assert place.controller_at(date(2017, 11, 7)) is None
    assert place.controller_at(date(2017, 11, 8)) == GOV
    assert place.controller_at(date(2017, 11, 9)) == IS
    assert timeline.controller_at("Abu Kamal", date(2017, 12, 1)) == IS  # spelt another way
    assert place.contested == []  # one report telling a sequence is not a disagreement


def test_non_violent_transfer_and_previous_from_last_controller() -> None:
    events = [
        ev(TAKE_NSA, SDF, IS, "2017-10-01", start=1),
        ev(HANDOVER, GOV, "", "2017-12-03", start=2),
    ]
    [place] = build_timeline(events).places
    assert [(c.controller, c.previous) for c in place.changes] == [(SDF, IS), (GOV, SDF)]
    assert place.changes[1].basis == [HANDOVER]
    assert place.controller_at(date(2017, 12, 2)) == SDF
    assert place.controller_at(date(2017, 12, 3)) == GOV


def test_two_documents_disagreeing_on_the_same_day_are_contested() -> None:
    events = [
        ev(TAKE_GOV, GOV, IS, "2017-11-08", doc="levant.txt"),
        ev(TAKE_NSA, IS, GOV, "2017-11-08", doc="amaq.txt"),
    ]
    [place] = build_timeline(events).places
    assert len(place.changes) == 2
    [period] = place.contested
    assert (period.start, period.end) == (date(2017, 11, 8), date(2017, 11, 8))
    claims = period.as_dict()["claims"]
    assert {(c["controller"], tuple(c["documents"])) for c in claims} == {
        (GOV, ("levant.txt",)),
        (IS, ("amaq.txt",)),
    }
    assert place.contested_at(date(2017, 11, 8)) is period
    assert place.contested_at(date(2017, 11, 9)) is None


def test_overlapping_ranges_from_different_documents_are_contested() -> None:
    events = [
        ev(TAKE_NSA, SDF, IS, "2017-09-15", doc="a.txt", span=("2017-09-01", "2017-09-30")),
        ev(TAKE_GOV, GOV, IS, "2017-09-20", doc="b.txt"),
        ev(TAKE_GOV, GOV, SDF, "2017-10-20", doc="c.txt"),
    ]
    [place] = build_timeline(events).places
    [period] = place.contested
    assert (period.start, period.end) == (date(2017, 9, 1), date(2017, 9, 30))
    assert {c.controller for c in period.claims} == {SDF, GOV}


def test_reports_of_one_change_join_it() -> None:
    events = [
        ev(TAKE_GOV, GOV, IS, "2017-11-08", doc="a.txt"),
        ev(TAKE_GOV, GOV, IS, "2017-11-08", doc="b.txt"),
    ]
    [place] = build_timeline(events).places
    [change] = place.changes
    assert change.documents == ["a.txt", "b.txt"] and len(change.event_ids) == 2
    assert place.contested == []


def test_places_by_name_and_distance() -> None:
    events = [
        ev(TAKE_GOV, GOV, IS, "2017-11-08", place=("Albu Kamal", 34.452, 40.918), start=1),
        ev(TAKE_NSA, IS, GOV, "2017-11-09", place=("Abu Kamal", 34.46, 40.92), start=2),  # 1 km off
        ev(TAKE_NSA, SDF, IS, "2017-11-09", place=("Albu Kamal", 35.0, 41.5), start=3),  # far away
        ev(TAKE_NSA, SDF, IS, "2017-11-09", place=("Markadah", 35.746, 40.753), start=4),
    ]
    timeline = build_timeline(events)
    assert sorted((p.place, len(p.changes)) for p in timeline.places) == [
        ("Albu Kamal", 1),
        ("Albu Kamal", 2),
        ("Markadah", 1),
    ]
    assert [p.place for p in timeline.find("Markada", near=(35.75, 40.78), km=15)] == ["Markadah"]


def test_only_occurred_territorial_events_with_a_taker_count() -> None:
    events = [
        ev(TAKE_GOV, GOV, IS, "2017-11-08", modality="planned"),
        ev(TAKE_NSA, "", IS, "2017-11-09", start=5),
        ev("Armed clash", SDF, IS, "2017-11-10", start=9),
    ]
    assert build_timeline(events).places == []


def test_statements_of_control_in_evidence_sentences() -> None:
    deir = ("Deir ez-Zor", 35.336, 40.141)
    markada = ("Markadah", 35.746, 40.753)
    events = [
        ev(
            TAKE_GOV,
            GOV,
            IS,
            "2017-09-13",
            place=deir,
            sentence="The regime announced the lifting of the siege imposed on Deir ez-Zor city by IS.",
        ),
        ev(
            "Armed clash",
            SDF,
            IS,
            "2017-10-02",
            place=markada,
            start=200,
            sentence="Fighting went on near Markada, which remains under the control of the Islamic State.",
        ),
        ev(
            "Armed clash",
            GOV,
            IS,
            "2017-10-05",
            place=KAMAL,
            start=300,
            sentence="Troops advanced towards al-Bokmal, the last stronghold of Daesh, on the Iraqi border.",
        ),
    ]
    timeline = build_timeline(events)
    deir_changes = timeline.find("Deir ez-Zor")[0].changes
    assert [(c.controller, c.basis) for c in deir_changes] == [
        (GOV, [TAKE_GOV, "stated: lifting of the siege"])
    ]
    assert timeline.controller_at("Markada", date(2017, 10, 2)) == IS
    assert timeline.find("Markada")[0].changes[0].basis == ["stated: under the control of"]
    assert timeline.controller_at("Abu Kamal", date(2017, 10, 5)) == IS


def test_held_patterns_need_a_known_place_and_an_affirmed_statement() -> None:
    events = [
        ev(
            "Armed clash",
            SDF,
            GOV,
            "2017-10-12",
            start=1,
            sentence="Civilians fled the regime-held areas towards the front.",
        ),
        ev(
            "Armed clash",
            SDF,
            IS,
            "2017-10-13",
            start=2,
            sentence="The town of Albu Kamal, no longer held by IS, was shelled.",
        ),
        ev(
            "Armed clash",
            IS,
            GOV,
            "2017-10-14",
            place=("Mayadin", 35.02, 40.45),
            start=3,
            sentence="IS fighters attacked the IS-held Mayadin from the south.",
        ),
        ev(
            "Armed clash",
            SDF,
            IS,
            "2017-10-15",
            place=("Hajin", 34.7, 40.83),
            start=4,
            sentence="Hajin, held by the SDF since summer, came under mortar fire.",
        ),
    ]
    timeline = build_timeline(events)
    assert sorted(p.place for p in timeline.places) == ["Hajin", "Mayadin"]
    assert timeline.controller_at("Mayadin", date(2017, 10, 14)) == IS
    assert timeline.controller_at("Hajin", date(2017, 10, 15)) == SDF


def test_a_statement_about_another_place_the_report_names() -> None:
    events = [
        ev(TAKE_NSA, SDF, IS, "2017-11-09", place=("Markadah", 35.746, 40.753), doc="r.txt", start=1),
        ev(
            "Armed clash",
            SDF,
            IS,
            "2017-11-10",
            place=("Jazira", 36.1, 40.6),
            doc="r.txt",
            start=50,
            sentence="SDF fighters pushed on from Marcada, now under the control of the SDF, into the Jazira.",
        ),
    ]
    [place] = build_timeline(events).places
    assert place.place == "Markadah"
    [change] = place.changes  # the statement confirms the change: no new one
    assert change.basis == [TAKE_NSA, "stated: under the control of"]
