"""An unnamed group's violence without arms is ACLED's mob violence by rioters (sentences and a
tiny militia table written here)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.model import Event
from marsad.model.event import Evidence, Trigger
from marsad.stages.actors import _unarmed_assault, identity_groups


def _event(sentence: str, deed: str, sub: str = "Attack", a1=("UNID",), a2=("CIV",)) -> Event:
    start = sentence.index(deed)
    event = Event(
        event_type="Violence against civilians" if sub == "Attack" else "Battles", sub_event_type=sub
    )
    event.trigger = Trigger(start=start, end=start + len(deed), text=deed, rule="test", sentence=0)
    event.evidence = [Evidence(document="d", sentence=sentence, start=0, end=len(sentence))]
    event.actor1_keys, event.actor2_keys = list(a1), list(a2)
    return event


@pytest.mark.parametrize(
    "sentence, deed, sub, a2, after2",
    [
        (
            "Unidentified persons assaulted and injured a journalist in the town.",
            "assaulted",
            "Attack",
            ["CIV"],
            ["CIV"],
        ),
        ("Assailants beat a trader with sticks at the market.", "beat", "Attack", ["CIV"], ["CIV"]),
        (
            "Supporters of two candidates clashed at the bar office.",
            "clashed",
            "Armed clash",
            ["UNID"],
            ["RIOTERS"],
        ),
    ],
)
def test_an_unnamed_groups_unarmed_violence_is_mob_violence_by_rioters(
    sentence, deed, sub, a2, after2
) -> None:
    event = _event(sentence, deed, sub, a2=a2)
    _unarmed_assault(event, sentence)
    assert (event.event_type, event.sub_event_type) == ("Riots", "Mob violence")
    assert event.actor1_keys == ["RIOTERS"] and event.actor2_keys == after2


@pytest.mark.parametrize(
    "sentence, deed, sub, a1, a2",
    [
        ("Gunmen assaulted a trader and fled.", "assaulted", "Attack", ["UNID"], ["CIV"]),
        ("Two local groups clashed using guns in the village.", "clashed", "Armed clash", ["UNID"], ["UNID"]),
        ("A criminal gang assaulted residents of the village.", "assaulted", "Attack", ["UNID"], ["CIV"]),
        ("Unknown men clashed with police near the station.", "clashed", "Armed clash", ["UNID"], ["POLICE"]),
        ("Unknown men stormed a village and torched houses.", "stormed", "Attack", ["UNID"], ["CIV"]),
        ("Assailants assaulted a trader at the market.", "assaulted", "Attack", ["SOMEGROUP"], ["CIV"]),
    ],
)
def test_armed_named_or_not_unarmed_violence_stays(sentence, deed, sub, a1, a2) -> None:
    event = _event(sentence, deed, sub, a1=a1, a2=a2)
    _unarmed_assault(event, sentence)
    assert event.sub_event_type == sub and event.actor1_keys == a1 and event.actor2_keys == a2


def test_a_fight_of_the_packs_identity_groups_is_no_crowds(tmp_path: Path) -> None:
    table = {"entries": [], "militias": {"nouns": ["raiders"], "ethnic": ["Xandi", "Yorvu"]}}
    (tmp_path / "actors.json").write_text(json.dumps(table), encoding="utf-8")
    identity = identity_groups((tmp_path,))
    assert identity is not None
    report = "Clashes between Xandi and Yorvu groups in January. 15 killed in clashes in the hills."
    sentence = "15 killed in clashes in the hills."
    event = _event(sentence, "clashes", "Armed clash", a2=["UNID"])
    _unarmed_assault(event, report, identity)
    assert event.sub_event_type == "Armed clash" and event.actor1_keys == ["UNID"]
    _unarmed_assault(other := _event(sentence, "clashes", "Armed clash", a2=["UNID"]), sentence, identity)
    assert other.sub_event_type == "Mob violence"
