"""The theatre packs name the armed groups and parties of their countries as ACLED does, and a
report that names only such a group is placed in the country the group fights in."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.model import Document, Event
from marsad.model.event import Evidence
from marsad.pipeline import Options
from marsad.services.actors import load_lexicon
from marsad.stages.actors import ActorStage

DAY = date(2016, 6, 30)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Fighters of the APCLS attacked the camp.",
            "APCLS: Alliance of Patriots for a Free and Sovereign Congo",
        ),
        ("The NDC-R took the village.", "NDC-R: Nduma Defense of Congo-Renove"),
        ("An attack by the FRPI on the village.", "FRPI: Patriotic Resistance Front of Ituri"),
        ("Imbonerakure beat a man.", "Imbonerakure"),
        ("FDC supporters marched.", "FDC: Forum for Democratic Change"),
        ("The Rapid Support Forces shelled the market.", "RSF: Rapid Support Forces"),
        ("AQIM claimed the attack.", "AQIM: Al Qaeda in the Islamic Maghreb"),
        ("Abu Sayyaf gunmen seized two fishermen.", "Abu Sayyaf Group"),
        ("ELN guerrillas bombed a pipeline.", "ELN: National Liberation Army"),
    ],
)
def test_a_theatre_group_is_found_by_its_own_name(text: str, name: str) -> None:
    lexicon = load_lexicon()
    found = [m.key for m in lexicon.find(text)]
    assert found and lexicon.name(found[0], None, DAY) == name


@pytest.mark.parametrize(
    ("text", "named", "actor1"),
    [
        (
            "Soldiers repelled an attack by the FRPI on a village.",
            "FRPI",
            "Military Forces of Democratic Republic of Congo (",
        ),
        ("Troops killed two Abu Sayyaf gunmen on an island.", "ASG", "Military Forces of the Philippines ("),
        ("Police clashed with Sinai Province militants.", "IS_SINAI", "Police Forces of Egypt ("),
    ],
)
def test_a_report_naming_only_a_group_is_in_its_country(text: str, named: str, actor1: str) -> None:
    first = "POLICE" if text.startswith("Police") else "GOV"
    event = Event(
        "Battles",
        "Armed clash",
        document="g",
        event_date=DAY,
        actor1_keys=[first],
        actor2_keys=[named],
        evidence=[Evidence("g", text, 0, len(text))],
    )
    doc = Document(text=text, id="g", events=[event], published=DAY)
    (out,) = ActorStage(Options()).process_batch([doc])[0].events
    assert out.actor1.startswith(actor1)


def test_a_groups_own_name_counts_with_a_space_for_its_hyphen() -> None:
    text = "Soldiers clashed with Mayi Mayi fighters near a mine."
    event = Event(
        "Battles",
        "Armed clash",
        document="m",
        event_date=DAY,
        actor1_keys=["GOV"],
        actor2_keys=["MAIMAI"],
        evidence=[Evidence("m", text, 0, len(text))],
    )
    doc = Document(text=text, id="m", events=[event], published=DAY)
    (out,) = ActorStage(Options()).process_batch([doc])[0].events
    assert out.actor1.startswith("Military Forces of Democratic Republic of Congo (")
