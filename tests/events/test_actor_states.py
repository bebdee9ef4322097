"""State forces named by country and period, generic actors by the event's country, and the sides
ACLED gives each kind of event (sentences written for these tests)."""

from __future__ import annotations

import json
from datetime import date

import pytest

import marsad
from marsad.services.actors import ActorLexicon, load_lexicon


@pytest.fixture(scope="module")
def lexicon() -> ActorLexicon:
    return load_lexicon()


@pytest.mark.parametrize(
    ("key", "country", "when", "name"),
    [
        ("GOV", "IQ", date(2010, 4, 1), "Military Forces of Iraq (2006-2014)"),
        ("IRQ_GOV", "IQ", date(2016, 4, 1), "Military Forces of Iraq (2014-2022)"),
        ("IRQ_GOV", "IQ", date(2023, 4, 1), "Military Forces of Iraq (2022-)"),
        ("SYR_GOV", "SY", date(2017, 4, 1), "Military Forces of Syria (2000-2024)"),
        ("SYR_GOV", "SY", date(2025, 2, 1), "Military Forces of Syria (2024-)"),
        ("POLICE", "Iraq", date(2016, 4, 1), "Police Forces of Iraq (2014-2022)"),
        ("POLICE", "KE", date(2010, 1, 1), "Police Forces of Kenya (2002-2013)"),
        ("USA", "SY", date(2019, 1, 1), "Military Forces of the United States (2017-2021)"),
        ("USA", "IQ", date(2024, 1, 1), "Military Forces of the United States (2021-2025)"),
        ("ISR", "LB", date(2024, 1, 1), "Military Forces of Israel (2022-)"),
        ("TUR", "SY", date(2019, 1, 1), "Military Forces of Turkey (2016-)"),
        ("RUS", "SY", date(2016, 1, 1), "Military Forces of Russia (2000-)"),
        ("CIV", "Kenya", None, "Civilians (Kenya)"),
        ("PROTESTERS", "BD", None, "Protesters (Bangladesh)"),
        ("UNID", "Afghanistan", None, "Unidentified Armed Group (Afghanistan)"),
        ("TALIBAN", "AF", date(2020, 3, 1), "Taliban"),
        ("TALIBAN", "AF", date(2022, 3, 1), "Military Forces of Afghanistan (2021-)"),
    ],
)
def test_state_forces_take_the_period_of_the_event_date(lexicon, key, country, when, name) -> None:
    assert lexicon.name(key, country, when) == name


def test_without_a_date_a_state_force_keeps_its_written_name(lexicon) -> None:
    assert lexicon.name("SYR_GOV", "SY") == "Military Forces of Syria (2000-2024)"
    assert lexicon.name("GOV", None) == "Military Forces"
    assert lexicon.name("POLICE", None) == "Police Forces"


def test_inter_code_of_a_state_force_is_1_at_home_and_8_abroad(lexicon) -> None:
    assert lexicon.inter("TUR", "TR") == 1
    assert lexicon.inter("TUR", "SY") == 8
    assert lexicon.inter("GOV:AF", "AF") == 1
    assert lexicon.inter("TALIBAN", "AF", date(2020, 1, 1)) == 2
    assert lexicon.inter("TALIBAN", "AF", date(2023, 1, 1)) == 1


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Afghan forces", "GOV:AF"),
        ("the Afghan National Police", "POLICE:AF"),
        ("Kenyan police", "POLICE:KE"),
        ("the Kenya Defence Forces", "GOV:KE"),
        ("Lebanese army", "GOV:LB"),
        ("Iraqi police", "POLICE:IQ"),
        ("Syrian troops", "SYR_GOV"),
        ("pro-government militias", "PGM"),
        ("unknown persons", "UNID"),
    ],
)
def test_demonyms_and_force_names_find_the_state(lexicon, text, key) -> None:
    assert [m.key for m in lexicon.find(text)] == [key]


def test_user_state_table_extends_the_bundled_one(tmp_path) -> None:
    (tmp_path / "actors.json").write_text(
        json.dumps(
            {
                "states": {"XK": {"name": "Kosovo", "demonyms": ["Kosovar"], "periods": ["2020-06-03"]}},
                "entries": [],
            }
        )
    )
    lex = ActorLexicon.load([tmp_path])
    assert [m.key for m in lex.find("Kosovar police")] == ["POLICE:XK"]
    assert lex.name("POLICE:XK", "XK", date(2021, 1, 1)) == "Police Forces of Kosovo (2020-)"


def _records(text: str, published: str) -> list[dict]:
    return [e.to_record() for e in marsad.extract(text, published=published)]


def test_generic_security_forces_are_the_military_of_the_country_and_period() -> None:
    recs = _records("Security forces clashed with Islamic State militants near Mosul, Iraq.", "2010-03-03")
    assert [(r["actor1"], r["actor2"]) for r in recs] == [
        ("Military Forces of Iraq (2006-2014)", "Islamic State (Iraq)")
    ]


def test_syrian_government_after_december_2024_is_the_new_period() -> None:
    recs = _records(
        "Syrian government forces shelled the town of Kafr Nabl in Idlib, Syria, killing two civilians.",
        "2025-03-01",
    )
    assert recs[0]["actor1"] == "Military Forces of Syria (2024-)"
    assert recs[0]["actor2"] == "Civilians (Syria)"


def test_demonym_forces_and_group_in_another_country() -> None:
    recs = _records(
        "Afghan forces killed five Taliban militants in Nad Ali district of Helmand province on Monday.",
        "2020-03-02",
    )
    assert (recs[0]["actor1"], recs[0]["actor2"]) == ("Military Forces of Afghanistan (2014-2021)", "Taliban")
    assert (recs[0]["inter1"], recs[0]["inter2"]) == (1, 2)


def test_protesters_are_actor1_and_the_police_actor2() -> None:
    recs = _records("Police fired tear gas at protesters in Nairobi, Kenya on Tuesday.", "2019-05-07")
    assert [(r["sub_event_type"], r["actor1"], r["actor2"]) for r in recs] == [
        ("Protest with intervention", "Protesters (Kenya)", "Police Forces of Kenya (2013-2022)")
    ]


def test_the_crowd_of_a_violent_demonstration_is_rioters() -> None:
    recs = _records("Rioters clashed with police in Kisumu, Kenya after the election results.", "2017-08-12")
    assert (recs[0]["actor1"], recs[0]["actor2"]) == ("Rioters (Kenya)", "Police Forces of Kenya (2013-2022)")


def test_unnamed_perpetrator_of_an_attack_on_civilians_is_an_unidentified_armed_group() -> None:
    recs = _records(
        "Unknown persons assassinated a man in the town of Busayrah in Deir ez-Zor countryside, Syria.",
        "2019-05-01",
    )
    assert (recs[0]["sub_event_type"], recs[0]["actor1"], recs[0]["actor2"]) == (
        "Attack",
        "Unidentified Armed Group (Syria)",
        "Civilians (Syria)",
    )


def test_bomb_with_no_named_perpetrator() -> None:
    recs = _records("An IED exploded near a vehicle in Daraa city, Syria, killing two people.", "2021-05-01")
    assert recs[0]["actor1"] == "Unidentified Armed Group (Syria)"


def test_civilians_named_first_are_still_actor2_of_violence_against_them() -> None:
    recs = _records("A trader was shot dead by gunmen in Nairobi, Kenya on Monday.", "2015-06-01")
    assert (recs[0]["sub_event_type"], recs[0]["actor1"], recs[0]["actor2"]) == (
        "Attack",
        "Unidentified Armed Group (Kenya)",
        "Civilians (Kenya)",
    )
