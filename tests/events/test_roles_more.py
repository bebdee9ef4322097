"""Roles that a sentence gives away from a distance: 'from' on a coordinated verb, talks between
the parties of a truce, 'planned by', nameless forces, and long 'restored ... control' phrases."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def occurred(events):
    return [e for e in events if e.modality == "occurred"]


def test_the_loser_of_a_coordinated_liberation_is_actor2(events_of):
    text = (
        "Daesh mercenaries attacked the positions of the Syrian Democratic Forces near Hajin on 29 December.\n\n"
        "On 30 December, the SDF stormed al-Sousa and liberated it completely from the mercenaries."
    )
    taken = [
        e
        for e in occurred(events_of(text, "2019-01-02"))
        if e.event_type == "Strategic developments"
        or e.sub_event_type == "Non-state actor overtakes territory"
    ]
    assert taken and taken[0].actor1_keys == ["SDF"] and taken[0].actor2_keys == ["IS"]


def test_a_truce_takes_its_parties_from_the_talks_but_not_the_country_they_met_in(events_of):
    text = (
        "On Wednesday, a 48-hour truce began in Zabadani, after negotiations between the rebel factions "
        "and an Iranian delegation in Turkey."
    )
    (truce,) = [e for e in events_of(text, "2015-08-13") if e.sub_event_type == "Agreement"]
    assert {*truce.actor1_keys, *truce.actor2_keys} == {"FSA", "IRN"}


def test_an_attack_planned_by_someone_has_them_as_actor1(events_of):
    text = (
        "On 24 October, an attack planned by the Syrian regime was carried out on the positions of the "
        "Syrian Democratic Forces in the village of Jadid Ekeidat."
    )
    (attack,) = [e for e in occurred(events_of(text, "2017-10-25")) if e.event_type == "Battles"]
    assert attack.actor1_keys == ["SYR_GOV"] and attack.actor2_keys == ["SDF"]


def test_a_nameless_force_is_not_the_enemy_the_sentence_just_killed(events_of):
    text = (
        "Baquba police command statement, 10 October 2017.\n\n"
        "Our security forces killed a terrorist before he reached the market in Baquba, and the explosives "
        "engineering teams dismantled his belt."
    )
    dismantled = [e for e in events_of(text, "2017-10-10") if e.sub_event_type == "Disrupted weapons use"]
    assert dismantled and "IS" not in dismantled[0].actor1_keys


def test_an_iraqi_operations_command_is_the_iraqi_military(events_of):
    text = "On Tuesday, the forces of the Diyala Operations Command arrested three suspects in Buhriz."
    (arrest,) = [e for e in events_of(text, "2017-10-12") if e.sub_event_type == "Arrests"]
    assert arrest.actor1_keys == ["IRQ_GOV"]


def test_restored_full_control_with_a_date_inside_is_a_regained_territory(events_of):
    text = (
        "Units of the Syrian army restored on Thursday full control over Palmyra city after fierce battles "
        "with ISIS terrorists."
    )
    kinds = {e.sub_event_type for e in occurred(events_of(text, "2017-03-03"))}
    assert "Government regains territory" in kinds
