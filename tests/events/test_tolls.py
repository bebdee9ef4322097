"""Tolls read by ACLED's rules: counts of different people killed in one event add up; the same
toll told again, or given by another source, is one toll, and where sources differ the lowest
figure stands (marsad.events.casualties.combine)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def occurred(events):
    return [e for e in events if e.modality == "occurred"]


def toll(events_of, text: str) -> int | None:
    events = occurred(events_of(text))
    assert events, text
    return max((e.fatalities or 0) for e in events)


@pytest.mark.parametrize(
    ("text", "fatalities"),
    [
        # different people killed in one event add up
        (
            "Four soldiers and six insurgents were killed when rebels attacked an army post near Hit on Monday.",
            10,
        ),
        (
            "Gunmen ambushed a police patrol near Samarra on Sunday. Two policemen were killed, and three "
            "of the gunmen were also killed, the provincial police said.",
            5,
        ),
        # a second source's figure for the same people: the lowest stands
        (
            "Three policemen were killed when militants stormed a checkpoint in Baiji on Tuesday. "
            "The militants claimed that 12 policemen were killed.",
            3,
        ),
        (
            "Seven soldiers were killed when a roadside bomb struck their vehicle near Ramadi on Friday. "
            "A local official reported 5 deaths.",
            5,
        ),
        # the same toll told again, as a total, is not added
        (
            "Eleven policemen were killed when insurgents attacked a checkpoint in Tikrit on Monday. "
            "Officials reported 11 fatalities.",
            11,
        ),
        # a range is coded at its lower end, and a restatement of its upper end is not added
        (
            "Militants attacked an army outpost in Tal Afar on Wednesday and killed 15-16 soldiers. "
            "A spokesman for the militants said that 16 soldiers were killed.",
            15,
        ),
        # a partisan report's own dead and the enemy's, in one sentence under one attribution, add up
        (
            "Our forces repelled an attack on their positions near Tabqa on Monday, killing 9 of the "
            "attackers, while 2 of our fighters were martyred, according to the media centre.",
            11,
        ),
    ],
)
def test_tolls_follow_acled_rules(events_of, text, fatalities) -> None:
    assert toll(events_of, text) == fatalities


def test_shot_and_killed_counts_the_victim(events_of) -> None:
    assert toll(events_of, "A policeman was shot and killed by gunmen in Mosul on Thursday.") == 1


def test_a_victim_named_by_office_counts_one(events_of) -> None:
    assert (
        toll(
            events_of,
            "Militants ambushed and killed the director of the district hospital in Kirkuk on Monday.",
        )
        == 1
    )


def test_killed_or_wounded_reports_no_death(events_of) -> None:
    events = occurred(events_of("On Monday a soldier was killed or wounded by a sniper near Fallujah."))
    assert all(not e.fatalities for e in events)


def test_a_man_and_his_son_are_two(events_of) -> None:
    text = "A bomb exploded under a car on the road to Hajin on Sunday, which led to the death of a man and his son."
    assert toll(events_of, text) == 2


def test_the_death_a_protest_is_about_is_not_its_toll(events_of) -> None:
    events = occurred(
        events_of(
            "Residents of Nasiriya protested on Monday following the death of a young man in police custody."
        )
    )
    protests = [e for e in events if e.event_type == "Protests"]
    assert protests
    assert all(not e.fatalities for e in protests)


def test_one_person_with_two_roles_is_one(events_of) -> None:
    assert (
        toll(events_of, "On Monday 1 tribal elder and teacher was killed by unknown gunmen in Baquba.") == 1
    )


def test_counts_in_brackets_as_communiques_write_them(events_of) -> None:
    # "killing (9) of the attackers, while (3) of the heroes ... were martyred": 12 dead, offsets kept
    text = (
        "The army repelled an attack by Daesh on its positions near Baiji on Friday, killing (9) of the "
        "attackers, while (3) of the heroes of the army were martyred."
    )
    events = [e for e in events_of(text) if e.modality == "occurred"]
    assert [e.fatalities for e in events if e.sub_event_type == "Armed clash"] == [12]
    ev = events[0].evidence[0]
    assert text[ev.start : ev.end] == text
