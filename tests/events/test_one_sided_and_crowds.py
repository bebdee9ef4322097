"""Sub-event types for violence that is not a battle: an attack on people who are not armed,
crowds of party supporters fighting, and protests that the next sentence says were dispersed."""

from __future__ import annotations

import pytest

from marsad.events.classify import INTERVENTION, one_sided

pytestmark = pytest.mark.slow


def occurred(events):
    return [e for e in events if e.modality == "occurred"]


def subs(events_of, text: str) -> list[str]:
    return [e.sub_event_type for e in occurred(events_of(text))]


def test_one_sided_reads_victims_not_names() -> None:
    assert one_sided("Gunmen attacked a bus near Garissa on Saturday, killing four passengers.")
    assert not one_sided("A sniper killed a militiaman in Imam Sahib district on Monday.")
    assert not one_sided("Gunmen clashed with police near Garissa on Saturday, killing four people.")


def test_dispersing_on_their_own_is_no_intervention() -> None:
    assert INTERVENTION.search("Police dispersed the crowd with batons.")
    assert not INTERVENTION.search("The protesters dispersed peacefully after two hours.")


@pytest.mark.parametrize(
    "text",
    [
        "Unknown gunmen attacked a bus near Mandera on Saturday, killing four passengers.",
        "A woman was shot dead by unidentified gunmen in her home in Eldoret on Monday.",
    ],
)
def test_an_attack_on_unarmed_people_is_an_attack(events_of, text) -> None:
    found = subs(events_of, text)
    assert "Attack" in found
    assert "Armed clash" not in found


def test_an_attack_on_a_checkpoint_stays_a_clash(events_of) -> None:
    found = subs(
        events_of, "Militants attacked an army checkpoint near Baiji on Monday, killing two soldiers."
    )
    assert "Armed clash" in found


def test_party_supporters_who_stab_a_rival_are_mob_violence(events_of) -> None:
    text = "On Sunday, supporters of a local candidate stabbed and killed a supporter of his rival in the town of Dinajpur."
    found = subs(events_of, text)
    assert "Mob violence" in found
    assert "Armed clash" not in found


def test_a_protest_dispersed_in_the_next_sentence_has_intervention(events_of) -> None:
    text = "Hundreds of teachers protested over unpaid salaries in Nairobi on Monday. Police fired tear gas at them."
    assert "Protest with intervention" in subs(events_of, text)


def test_a_protest_that_ends_peacefully_stays_peaceful(events_of) -> None:
    text = "Hundreds of teachers protested over unpaid salaries in Nairobi on Monday. They dispersed peacefully at noon."
    assert subs(events_of, text) == ["Peaceful protest"]


def test_the_crowds_own_violence_decides_whoever_intervened() -> None:
    from marsad.events.classify import protest_type

    text = "Protesters burnt tyres and pelted stones until police dispersed them with tear gas."
    assert protest_type(text, protesters_act=True) == "Violent demonstration"
    # police action alone on a crowd that did nothing violent: an intervention
    assert protest_type("Police dispersed the marchers with tear gas.", protesters_act=True) == (
        "Protest with intervention"
    )
    # the force's own violence, when the crowd is not the doer, stays its own
    assert protest_type("Police shot dead two protesters.", protesters_act=False) == (
        "Excessive force against protesters"
    )


def test_road_blocks_and_fires_are_a_crowds_violence() -> None:
    from marsad.events.classify import RIOT

    # ACLED's codebook: road-blocking with barricades or burning tyres makes a demonstration
    # violent; a crowd standing in a road ('students blocked a road') stays peaceful
    assert RIOT.search("Some 1,000 workers blockaded roads around the factory.")
    assert not RIOT.search("More than 500 students held a march and blocked a road in the town.")
    assert RIOT.search("Protesters light fires in the town.")
    assert not RIOT.search("Residents marched to the county offices.")


def test_the_next_sentences_violent_crowd_makes_a_riot(events_of) -> None:
    text = "Residents of a village protested over a spate of murders on Monday. The protesters lit bonfires on the highway."
    found = occurred(events_of(text))
    assert [e.sub_event_type for e in found] == ["Violent demonstration"]
    assert found[0].actor1.startswith("Rioters")


def test_police_burning_after_a_protest_is_no_riot(events_of) -> None:
    text = "Residents of a village protested over a spate of murders on Monday. Police later burned their stalls."
    assert "Violent demonstration" not in subs(events_of, text)


def test_civilians_who_protest_and_fight_riot(events_of) -> None:
    text = "Farmers protested in the town on Monday and engaged in running battles with police."
    assert "Violent demonstration" in subs(events_of, text)


def test_a_road_blocked_to_protest_is_a_protest_held(events_of) -> None:
    found = subs(events_of, "Traders closed their shops to protest new taxes in the town on Monday.")
    assert found == ["Peaceful protest"]
    assert subs(events_of, "Traders plan to close their shops to protest new taxes.") == []


def test_a_clash_between_rival_supporters_is_mob_violence(events_of) -> None:
    found = occurred(
        events_of("Clashes between rival supporters of two candidates in Nakuru on Monday left two injured.")
    )
    assert [e.sub_event_type for e in found] == ["Mob violence"]
    assert found[0].actor1.startswith("Rioters")
    militias = subs(
        events_of, "Clashes between Pokot and Turkana militias left five dead in Kainuk on Monday."
    )
    assert "Mob violence" not in militias


def test_kin_are_unarmed_victims() -> None:
    assert one_sided("Unknown gunmen shot dead a mother and her baby near Mandera.")
    assert one_sided("The son of a business owner was shot dead in Nairobi.")


def test_a_clash_between_rival_groups_may_be_armed(events_of) -> None:
    found = subs(
        events_of, "Reports of ongoing clashes between rival gangs in Nakuru on Monday left two dead."
    )
    assert "Mob violence" not in found


def test_a_riot_deed_in_a_protests_grievance_is_no_riot() -> None:
    from marsad.events.classify import riot_deed

    assert riot_deed("Members staged a protest against the burning of a copy of the Quran in Sweden.") is None
    assert riot_deed("Workers rallied in response to prior clashes with police forces.") is None
    assert riot_deed("Artists demanded punishment for those involved in vandalizing the building.") is None
    assert riot_deed("Students protested against fees and stormed the office.") is not None
    assert riot_deed("Protesters burned tyres against the fee hike.") is not None
