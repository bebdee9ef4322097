"""Notes in ACLED's manner: a neutral sentence of date, actors, action, place and toll."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from marsad.model import Event
from marsad.stages.actors import load_note_phrases, note


def event(**kw) -> Event:
    base = {
        "event_type": "Violence against civilians",
        "sub_event_type": "Attack",
        "event_date": date(2016, 7, 5),
        "time_precision": 1,
        "actor1": "Unidentified Armed Group (Syria)",
        "actor2": "Civilians (Syria)",
        "location": "Tall Abyad",
        "admin1": "Ar-Raqqa",
        "fatalities": 4,
        "wounded": 9,
    }
    base.update(kw)
    return Event(**base)


def test_an_event_reads_as_a_sentence_with_its_toll() -> None:
    assert note(event()) == (
        "On 5 July 2016, an unidentified armed group attacked civilians in Tall Abyad, Ar-Raqqa. "
        "4 fatalities, 9 wounded."
    )


def test_a_takeover_names_the_place_it_took_and_the_claimant_as_a_source() -> None:
    ev = event(
        event_type="Battles",
        sub_event_type="Government regains territory",
        actor1="Military Forces of Iraq (2014-2022)",
        actor2="",
        location="Rawah",
        admin1="Al-Anbar",
        fatalities=0,
        wounded=None,
        claimant="Iraqi army",
        time_precision=2,
    )
    assert (
        note(ev)
        == "Around 5 July 2016, Military Forces of Iraq regained control of Rawah, Al-Anbar, according to the Iraqi army."
    )


def test_a_record_that_is_no_event_says_what_it_is() -> None:
    ev = event(sub_event_type="Air/drone strike", modality="planned", fatalities=None, wounded=None)
    text = note(ev)
    assert text == (
        "On 5 July 2016, an air strike by an unidentified armed group against civilians in Tall Abyad, "
        "Ar-Raqqa was reportedly planned."
    )
    assert "Not an event" not in text


def test_a_month_only_date_and_a_single_death() -> None:
    ev = event(time_precision=3, fatalities=1, wounded=None, location="", admin1="", country="Syria")
    assert note(ev) == "In July 2016, an unidentified armed group attacked civilians in Syria. 1 fatality."


def test_a_users_file_overrides_a_phrase(tmp_path: Path) -> None:
    entry = {
        "sub_event_type": "Attack",
        "verb": "assaulted {actor2}",
        "alone": "struck",
        "noun": "an assault",
    }
    (tmp_path / "notes.json").write_text(json.dumps({"entries": [entry]}), encoding="utf-8")
    phrases = load_note_phrases((tmp_path,))
    assert note(event(fatalities=0, wounded=None), phrases).startswith(
        "On 5 July 2016, an unidentified armed group assaulted civilians in Tall Abyad"
    )
    assert phrases.modalities["forecast"] == "was forecast"


def test_an_event_with_no_side_named_took_place() -> None:
    ev = event(
        event_type="Battles", sub_event_type="Armed clash", actor1="", actor2="", fatalities=2, wounded=None
    )
    assert note(ev) == "On 5 July 2016, an armed clash took place in Tall Abyad, Ar-Raqqa. 2 fatalities."


def test_a_source_named_by_a_common_noun_takes_its_article() -> None:
    assert note(event(claimant="Observatory", fatalities=0, wounded=None)).endswith(
        "according to the Observatory."
    )
    assert note(event(claimant="SANA", fatalities=0, wounded=None)).endswith("according to SANA.")
