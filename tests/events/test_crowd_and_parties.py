"""A demonstration's crowd is its first side; a political party's people are coded as ACLED codes
them (a tiny party table written here); the bundled packs name the new theatres' groups."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from marsad.model import Event
from marsad.services.actors import ActorLexicon, load_lexicon
from marsad.stages.actors import _crowd_first, _parties_as_coded, _unidentified_sides


def _event(event_type: str, sub: str, a1: list[str], a2: list[str]) -> Event:
    event = Event(event_type=event_type, sub_event_type=sub)
    event.actor1_keys, event.actor2_keys = list(a1), list(a2)
    return event


@pytest.mark.parametrize(
    "event_type, sub, a1, a2, after1, after2",
    [
        # 'teachers staged a dharna': civilians who demonstrate are its protesters
        ("Protests", "Peaceful protest", ["CIV"], [], ["PROTESTERS"], []),
        # 'police dispersed the protesters': the crowd, then the police
        ("Protests", "Protest with intervention", ["POLICE"], ["PROTESTERS"], ["PROTESTERS"], ["POLICE"]),
        ("Riots", "Violent demonstration", ["POLICE:KE"], ["RIOTERS"], ["RIOTERS"], ["POLICE:KE"]),
        # 'members protested against the policies of the government': no second side
        ("Protests", "Peaceful protest", ["GOV"], [], ["PROTESTERS"], []),
        ("Riots", "Violent demonstration", ["UNID"], [], ["RIOTERS"], []),
        # named groups and crowds already first stay
        ("Protests", "Peaceful protest", ["PROTESTERS"], [], ["PROTESTERS"], []),
        ("Riots", "Mob violence", ["RIOTERS"], ["CIV"], ["RIOTERS"], ["CIV"]),
        ("Riots", "Violent demonstration", ["SOMEGROUP"], ["POLICE"], ["SOMEGROUP"], ["POLICE"]),
    ],
)
def test_a_demonstrations_crowd_is_its_first_side(event_type, sub, a1, a2, after1, after2) -> None:
    event = _event(event_type, sub, a1, a2)
    _crowd_first(event)
    assert (event.actor1_keys, event.actor2_keys) == (after1, after2)


def test_violence_keeps_its_state_author() -> None:
    event = _event("Violence against civilians", "Attack", ["POLICE"], ["CIV"])
    _crowd_first(event)
    assert (event.actor1_keys, event.actor2_keys) == (["POLICE"], ["CIV"])


@pytest.fixture()
def party_lexicon(tmp_path: Path) -> ActorLexicon:
    table = {
        "entries": [
            {"key": "XP", "name": "XP: Xandi Party", "inter": 3, "party": True, "aliases": ["XP cadres"]},
            {"key": "YP", "name": "YP: Yorvu Party", "inter": 3, "party": True, "aliases": ["YP members"]},
            {"key": "ARMED", "name": "Armed Front", "inter": 2, "aliases": ["Armed Front"]},
        ]
    }
    (tmp_path / "actors.json").write_text(json.dumps(table), encoding="utf-8")
    return ActorLexicon.load((tmp_path,))


def test_a_partys_protest_is_its_crowds_with_the_party_associated(party_lexicon) -> None:
    event = _event("Protests", "Peaceful protest", ["XP"], [])
    _parties_as_coded(event, party_lexicon)
    assert event.actor1_keys == ["PROTESTERS"] and event.assoc1_keys == ["XP"] and event.actor2_keys == []


def test_two_parties_rioting_are_two_crowds_each_with_its_party(party_lexicon) -> None:
    event = _event("Riots", "Violent demonstration", ["XP"], ["YP"])
    _parties_as_coded(event, party_lexicon)
    assert (event.actor1_keys, event.assoc1_keys) == (["RIOTERS"], ["XP"])
    assert (event.actor2_keys, event.assoc2_keys) == (["RIOTERS"], ["YP"])


def test_a_partys_members_attacked_are_civilians_its_militants_the_party(party_lexicon) -> None:
    event = _event("Violence against civilians", "Attack", ["XP"], ["YP"])
    _parties_as_coded(event, party_lexicon)
    assert event.actor1_keys == ["XP"] and event.actor2_keys == ["CIV"] and event.assoc2_keys == ["YP"]
    armed = _event("Riots", "Violent demonstration", ["ARMED"], [])
    _parties_as_coded(armed, party_lexicon)
    assert armed.actor1_keys == ["ARMED"] and armed.assoc1_keys == []


@pytest.mark.parametrize(
    "text, name",
    [
        (
            "Clashes between SPLA and SPLA-IO forces in Wau.",
            "SPLM/A-IO: Sudan People's Liberation Movement/Army (In Opposition)",
        ),
        ("Former Seleka militiamen attacked a village.", "Séléka Militia"),
        ("Renamo gunmen ambushed a bus.", "RENAMO: Mozambican National Resistance"),
        ("Two Hizbul Mujahideen militants were killed.", "HM: Hizb-ul-Mujahideen"),
        ("Suspected PF cadres attacked three candidates.", "PF: Patriotic Front"),
    ],
)
def test_the_new_theatres_groups_are_named_as_acled_names_them(text, name) -> None:
    lex = load_lexicon()
    found = [m.key for m in lex.find(text) if m.kind != "label"]
    assert name in [lex.name(k, None) for k in found]


@pytest.mark.parametrize(
    "code, day, period",
    [
        ("ET", date(2016, 7, 1), "1991-2018"),
        ("ZA", date(2016, 7, 1), "1994-"),
        ("RW", date(2016, 7, 1), "1994-"),
    ],
)
def test_acleds_regime_periods(code, day, period) -> None:
    assert load_lexicon().states[code].period(day) == period


@pytest.mark.parametrize(
    "event_type, sub, a1, sentence, after1",
    [
        # 'Governor X was arrested a day after being dismissed': the police's arrest
        ("Strategic developments", "Arrests", [], "Governor X was arrested on Monday.", ["POLICE"]),
        ("Strategic developments", "Arrests", ["SOMEGROUP"], "They arrested him.", ["SOMEGROUP"]),
        # '2 killed in air raid': the state's air force; other unnamed violence an unknown group's
        ("Explosions/Remote violence", "Air/drone strike", [], "2 killed in air raid.", ["GOV"]),
        ("Explosions/Remote violence", "Air/drone strike", [], "Jet fighters pounded the village.", ["GOV"]),
        # a strike with nothing from the air in its sentence names no air force
        ("Explosions/Remote violence", "Air/drone strike", [], "Doctors went on strike.", ["UNID"]),
        ("Explosions/Remote violence", "Remote explosive/landmine/IED", [], "A bomb went off.", ["UNID"]),
    ],
)
def test_unnamed_arrests_and_air_strikes_are_the_states(event_type, sub, a1, sentence, after1) -> None:
    from marsad.model.event import Evidence

    event = _event(event_type, sub, a1, [])
    event.evidence = [Evidence(document="d", sentence=sentence, start=0, end=len(sentence))]
    _unidentified_sides(event)
    assert event.actor1_keys == after1


def test_a_foreign_group_by_common_words_is_no_side_where_no_country_is_known() -> None:
    from marsad.model.event import Evidence
    from marsad.stages.actors import _foreign_by_common_words

    lex = load_lexicon()
    rebels = [m.key for m in lex.find("rebels") if m.kind != "label"]
    assert rebels
    for sentence, kept in (
        ("Troops killed one and captured four in battles with rebels.", []),
        ("Troops killed one in battles with Syrian rebels.", rebels[:1]),
    ):
        event = _event("Battles", "Armed clash", ["GOV"], rebels[:1])
        event.evidence = [Evidence(document="d", sentence=sentence, start=0, end=len(sentence))]
        _foreign_by_common_words(event, lex, None)
        assert event.actor1_keys == ["GOV"] and event.actor2_keys == kept


@pytest.mark.parametrize(
    "text, blamed",
    [
        ("Two people were killed in a mortar attack on Baidoa. Al Shabaab suspected.", True),
        ("A child was killed in a mortar attack. Al Shabaab are believed to be responsible.", True),
        ("A soldier was killed in a bomb attack. Al Shabaab are the suspected perpetrator.", True),
        # a suspect who is the subject of a clause is no blame: 'Al Shabaab suspected informers'
        ("Two people were killed in a mortar attack. Al Shabaab suspected informers of the army.", False),
    ],
)
def test_the_side_a_note_blames_is_the_author(text, blamed) -> None:
    from marsad.model import Document
    from marsad.model.event import Evidence
    from marsad.stages.actors import _blamed_author

    lex = load_lexicon()
    shabaab = next(m.key for m in lex.find("Al Shabaab"))
    first = text.split(". ")[0] + "."
    event = _event("Explosions/Remote violence", "Shelling/artillery/missile attack", ["UNID"], ["CIV"])
    event.evidence = [Evidence(document="d", sentence=first, start=0, end=len(first))]
    _blamed_author(Document(text=text), event, lex, "SO")
    assert (event.actor1_keys == [shabaab]) is blamed


def test_a_theatre_packs_group_by_common_words_holds_only_in_its_countries(tmp_path: Path) -> None:
    from marsad.model.event import Evidence
    from marsad.stages.actors import _foreign_by_common_words

    theatre = tmp_path / "theatre"
    theatre.mkdir()
    (theatre / "pack.json").write_text(
        json.dumps({"name": "theatre", "version": "1.0.0", "extends": [], "countries": ["SY", "IQ"]}), "utf-8"
    )
    table = {
        "entries": [
            {"key": "GC", "name": "Grand Coalition", "inter": 8, "aliases": ["coalition", "Grand Coalition"]}
        ]
    }
    (theatre / "actors.json").write_text(json.dumps(table), encoding="utf-8")
    lex = ActorLexicon.load((theatre,))
    assert lex.entries["GC"].theatre == ("SY", "IQ")
    for sentence, country, kept in (
        ("Fighters of a coalition of militias attacked army positions.", "CD", []),
        ("Coalition aircraft struck positions near the town.", "IQ", ["GC"]),
        ("Grand Coalition aircraft struck positions near the town.", "CD", ["GC"]),
    ):
        event = _event("Battles", "Armed clash", ["GC"], ["GOV"])
        event.evidence = [Evidence(document="d", sentence=sentence, start=0, end=len(sentence))]
        _foreign_by_common_words(event, lex, country)
        assert event.actor1_keys == kept, sentence


@pytest.mark.parametrize(
    "sentence, a2, after1",
    [
        ("Six Xandi militants were killed during an exchange of fire with security forces.", ["XF"], ["GOV"]),
        (
            "A Xandi commander was killed in an encounter with security forces, police claimed.",
            ["XF"],
            ["GOV"],
        ),
        # a source is no side; a crowd none either
        ("A Xandi commander was killed in a clash, police said.", ["XF"], []),
        ("A Xandi commander was killed in a clash with villagers.", ["XF"], []),
    ],
)
def test_a_battles_other_side_is_the_other_armed_actor_its_sentence_names(
    tmp_path, sentence, a2, after1
) -> None:
    from marsad.model.event import Evidence
    from marsad.stages.actors import _sides_from_sentence

    table = {
        "entries": [
            {
                "key": "XF",
                "name": "Xandi Front",
                "inter": 2,
                "aliases": ["Xandi militants", "Xandi commander"],
            }
        ]
    }
    (tmp_path / "actors.json").write_text(json.dumps(table), encoding="utf-8")
    lex = ActorLexicon.load((tmp_path,))
    event = _event("Battles", "Armed clash", [], a2)
    event.evidence = [Evidence(document="d", sentence=sentence, start=0, end=len(sentence))]
    _sides_from_sentence(event, lex, None)
    assert event.actor1_keys == after1 and event.actor2_keys == a2


def test_a_battle_whose_two_suffering_sides_are_named_is_between_them() -> None:
    from marsad.model.event import Evidence
    from marsad.stages.actors import _sides_from_sentence

    sentence = "An army officer and two Xandi militants were killed in a fierce encounter."
    event = _event("Battles", "Armed clash", [], ["GOV", "SOMEGROUP"])
    event.evidence = [Evidence(document="d", sentence=sentence, start=0, end=len(sentence))]
    _sides_from_sentence(event, load_lexicon(), "KE")
    assert (event.actor1_keys, event.actor2_keys) == (["GOV"], ["SOMEGROUP"])
