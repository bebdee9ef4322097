"""The actors stage on hand-built events (no model): a report that names no country reads as from
its feed's country, and violence with no side parsed takes the armed actors its sentence names."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from marsad.model import Document, Event
from marsad.model.event import Evidence
from marsad.pipeline import Options
from marsad.services.actors import load_lexicon
from marsad.stages.actors import ActorStage, feed_country

DAY = date(2017, 8, 13)


def _report(doc_id: str, text: str, country: str = "", keys1: tuple[str, ...] = ("CIV",)) -> Document:
    event = Event(
        "Violence against civilians",
        "Attack",
        document=doc_id,
        event_date=DAY,
        country=country,
        actor1_keys=list(keys1),
        actor2_keys=["CIV"] if keys1 != ("CIV",) else [],
        evidence=[Evidence(doc_id, text, 0, len(text))],
    )
    return Document(text=text, id=doc_id, events=[event], published=DAY)


def _police_shooting() -> Document:
    return _report(
        "x", "Police shoot dead a construction worker as he steps outside of his house.", keys1=("POLICE",)
    )


def _placed(countries: list[str]) -> list[Document]:
    return [_report(f"d{i}", "A man was attacked.", country) for i, country in enumerate(countries)]


def test_a_feed_from_one_country_has_that_country() -> None:
    docs = [*_placed(["Kenya", "Kenya", "Kenya", "Somalia"]), _police_shooting()]
    assert feed_country(docs, load_lexicon()) == "KE"


def test_a_feed_from_many_countries_has_none() -> None:
    docs = [*_placed(["Kenya", "Kenya", "Somalia", "Somalia", "Nigeria"]), _police_shooting()]
    assert feed_country(docs, load_lexicon()) is None


def test_a_feed_of_two_reports_is_too_small_to_tell() -> None:
    assert feed_country(_placed(["Kenya", "Kenya"]), load_lexicon()) is None


def test_the_police_of_a_report_naming_no_country_are_its_feeds() -> None:
    stage = ActorStage(Options())
    docs = stage.process_batch([*_placed(["Kenya", "Kenya", "Kenya"]), _police_shooting()])
    assert docs[-1].events[0].actor1.startswith("Police Forces of Kenya (")
    mixed = stage.process_batch([*_placed(["Kenya", "Somalia", "Nigeria"]), _police_shooting()])
    assert mixed[-1].events[0].actor1 == "Police Forces"


def test_the_users_one_country_names_a_report_that_names_none() -> None:
    (doc,) = ActorStage(Options(countries=("KE",))).process_batch([_police_shooting()])
    assert doc.events[0].actor1.startswith("Police Forces of Kenya (")


def _unparsed(event_type: str, sub: str, sentence: str) -> Document:
    event = Event(event_type, sub, document="u", event_date=DAY, country="Kenya")
    event.evidence = [Evidence("u", sentence, 0, len(sentence))]
    return Document(text=sentence, id="u", events=[event], published=DAY)


def test_violence_with_no_side_parsed_takes_the_armed_actors_named() -> None:
    doc = _unparsed(
        "Battles", "Armed clash", "Kenyan police on 11/04 shot dead two al Shabaab suspects in Kwale."
    )
    (event,) = ActorStage(Options()).process_batch([doc])[0].events
    assert event.actor1.startswith("Police Forces of Kenya (") and event.actor2 == "Al Shabaab"


def test_a_counted_side_suffered_the_violence_and_did_not_do_it() -> None:
    doc = _unparsed(
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
        "3 policemen were killed by a roadside bomb in Garissa.",
    )
    (event,) = ActorStage(Options()).process_batch([doc])[0].events
    assert event.actor1 == "Unidentified Armed Group (Kenya)"


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed an official in the refugee camp. The perpetrators are believed to be linked to Al Shabaab.",
        "Gunmen killed an official in the refugee camp. Al Shabaab claimed responsibility for the attack.",
    ],
)
def test_violence_blamed_on_a_named_group_is_that_groups(text: str) -> None:
    doc = _unparsed("Violence against civilians", "Attack", text)
    doc.events[0].evidence = [Evidence("u", text.split(". ")[0] + ".", 0, text.index(".") + 1)]
    doc.events[0].actor2_keys = ["CIV"]
    (event,) = ActorStage(Options()).process_batch([doc])[0].events
    assert event.actor1 == "Al Shabaab"


def test_violence_no_one_is_blamed_for_stays_unidentified() -> None:
    text = (
        "Gunmen killed an official in the refugee camp. Al Shabaab fighters were seen in the area last year."
    )
    doc = _unparsed("Violence against civilians", "Attack", text)
    doc.events[0].evidence = [Evidence("u", text.split(". ")[0] + ".", 0, text.index(".") + 1)]
    doc.events[0].actor2_keys = ["CIV"]
    (event,) = ActorStage(Options()).process_batch([doc])[0].events
    assert event.actor1 == "Unidentified Armed Group (Kenya)"


@pytest.mark.parametrize(
    ("event_type", "sub", "actor1", "actor2"),
    [
        ("Riots", "Mob violence", "Rioters (Kenya)", ""),
        ("Protests", "Peaceful protest", "Protesters (Kenya)", ""),
        ("Battles", "Armed clash", "Unidentified Armed Group (Kenya)", "Unidentified Armed Group (Kenya)"),
    ],
)
def test_the_unnamed_sides_of_riots_protests_and_clashes(event_type, sub, actor1, actor2) -> None:
    doc = _unparsed(event_type, sub, "On Monday, a man was injured in Garissa.")
    (event,) = ActorStage(Options()).process_batch([doc])[0].events
    assert (event.actor1, event.actor2) == (actor1, actor2)


def test_a_state_force_named_is_a_cue_to_its_country() -> None:
    assert load_lexicon().dominant_country("Grenade attack on a KDF soldier; suspects unknown") == "KE"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("LNA MiG fighters struck Ganfouda", "Military Forces of Libya"),
        ("Zimbabwe Republic Police officers beat vendors", "Police Forces of Zimbabwe"),
        ("BSF personnel shot a smuggler", "Police Forces of India"),
        ("Densus 88 raided a house", "Police Forces of Indonesia"),
    ],
)
def test_state_forces_by_their_own_names(text: str, name: str) -> None:
    lex = load_lexicon()
    (hit,) = lex.find(text)[:1]
    assert lex.name(hit.key, None).startswith(name)


def test_boko_haram_takes_acleds_name_of_the_day() -> None:
    lex = load_lexicon()
    (hit,) = lex.find("Boko Haram fighters raided the village")[:1]
    assert lex.name(hit.key, "NG", date(2016, 7, 1)) == "Boko Haram - Wilayat Gharb Ifriqiyyah"
    assert lex.name(hit.key, "NG", date(2019, 7, 1)).startswith("Boko Haram - Jamaatu Ahli")


def test_the_worlds_province_names_point_to_their_country() -> None:
    lex = load_lexicon()
    assert lex.dominant_country("Suspected party cadres attacked three candidates in Luapula.") == "ZM"
    assert lex.dominant_country("Students protested in Maharashtra.") == "IN"
    # a compass name tells no country, and a lowercase word is no name
    assert lex.dominant_country("Fighting in the Western region.") is None
    assert lex.dominant_country("the river delta flooded") is None


def test_world_names_leave_out_shared_and_skipped_names() -> None:
    from marsad.services.actors import world_names

    names = world_names(frozenset({"Western"}))
    assert names["Luapula"] == "ZM" and "Western" not in names
    assert "Punjab" not in names  # a province of India and of Pakistan


def test_a_report_naming_no_place_is_where_its_named_group_fights() -> None:
    doc = _report(
        "b", "Military forces dislodge Boko Haram from two villages, killing several.", keys1=("GOV",)
    )
    doc.events[0].actor2_keys = ["BOKO"]
    (event,) = ActorStage(Options()).process_batch([doc])[0].events
    assert event.actor1.startswith("Military Forces of Nigeria (")


def test_a_group_found_by_common_words_tells_no_country() -> None:
    text = "Police beat the driver of an opposition leader outside the court."
    (event,) = ActorStage(Options()).process_batch([_report("o", text, keys1=("POLICE",))])[0].events
    assert event.actor1 == "Police Forces"


def test_a_groups_base_outranks_its_theatres_first_country(tmp_path: Path) -> None:
    entry = {"key": "TEST_FRONT", "name": "Test Liberation Front", "base": "SO", "inter": 2}
    entry["aliases"] = ["Test Liberation Front"]
    (tmp_path / "actors.json").write_text(json.dumps({"entries": [entry]}), encoding="utf-8")
    text = "Soldiers clashed with the Test Liberation Front near a river."
    doc = _report("t", text, keys1=("GOV",))
    doc.events[0].actor2_keys = ["TEST_FRONT"]
    (event,) = ActorStage(Options(knowledge_dirs=(tmp_path,))).process_batch([doc])[0].events
    assert event.actor1.startswith("Military Forces of Somalia (")
