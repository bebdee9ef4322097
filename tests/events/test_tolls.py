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


# --- the toll of the event: what never counts the dead, and how a report's figures combine ---


@pytest.mark.parametrize(
    ("text", "fatalities"),
    [
        # a dateline's digits, an age, a clock time and a unit's number count no one
        (
            "14-02-2016 Mortar fire kills 3 in Homs. Mortar shells hit a market in Homs on Sunday, killing three people.",
            3,
        ),
        ("21-03-2016 Coalition Air Strikes Kill 5 Militants near Raqqa.", 5),
        ("04-11-2015 12 Militants Killed in Army Ambush near Palmyra.", 12),
        ("A woman and child were killed when a rocket hit their home in Aleppo on Tuesday.", 2),
        ("A 9-year-old girl was killed when a shell hit her house in Idlib at 0730 on Friday.", 1),
        ("Six fighters of Division 30 were killed in clashes with militants near Azaz on Tuesday.", 6),
        # the figure written beside the word, as headlines and leads write it
        ("Fri Oct 20 2017 3 Civilians Killed 11 Injured in Rocket Attack on Aleppo.", 3),
        ("The shelling of Jobar by government forces on Saturday claimed the lives of five civilians.", 5),
        # the same toll told again is one figure; different people in one statement add up
        (
            "Car bomb kills 9 in Qamishli. A car bomb exploded in Qamishli on Monday, killing nine people. "
            "The nine dead included two children.",
            9,
        ),
        (
            "Rocket attack kills six in Aleppo A rocket attack killed six people and wounded 20 in Aleppo on Monday.",
            6,
        ),
        (
            "Clashes between the army and rebels near Deir ez-Zor on Friday killed 5 soldiers and 3 civilians.",
            8,
        ),
        (
            "Barrel bombs kill at least 8 civilians in Aleppo Monitor At least 8 civilians were killed in a "
            "barrel bomb attack on a rebel-held district of Aleppo on Saturday.",
            8,
        ),
        # 'at least', a range and 'dozens', by ACLED's conservative rules
        (
            "At least 10 to 15 people were killed when warplanes struck a bakery in Maarat al-Numan on Monday.",
            10,
        ),
        ("Dozens of people were killed in government air strikes on Douma on Monday.", 12),
        # an updated figure replaces the earlier one; an outdated one is dropped
        (
            "A suicide bomber killed 12 people at a checkpoint in Azaz on Tuesday. The toll later rose to 19.",
            19,
        ),
        (
            "Government shelling killed 11 people in Douma on Friday. The monitor had earlier reported 8 dead.",
            11,
        ),
        # a bare number the tagger takes for a date is still a toll; a superlative's span is no span
        (
            "Government air strikes hit Saraqeb on Friday, a doctor said, and the death toll from the "
            "strikes was 45.",
            45,
        ),
        (
            "A car bomb killed at least 30 people in Azaz on Monday, the deadliest attack in the town "
            "in almost a year.",
            30,
        ),
        # people singled out among the dead are part of the toll, not more of it
        (
            "Air strikes killed 14 civilians in Atareb on Wednesday. Four children were among the dead. "
            "Three children were killed in the strikes, a medic said.",
            14,
        ),
        ("Five women were among 17 civilians killed in an air strike on a market in Ariha on Sunday.", 17),
        # a place the parser takes for a second subject counts no one
        ("Syria Today At least 9 civilians were killed in government shelling of Kafr Nabl on Friday.", 9),
    ],
)
def test_the_toll_of_the_event(events_of, text, fatalities) -> None:
    assert toll(events_of, text) == fatalities


def test_wounded_are_kept_apart(events_of) -> None:
    events = occurred(events_of("A car bomb killed 6 people and injured 32 in Jableh on Thursday."))
    assert [(e.fatalities, e.wounded) for e in events if e.fatalities] == [(6, 32)]


@pytest.mark.parametrize(
    "text",
    [
        "More than 250,000 people have been killed in Syria since the conflict began in March 2011.",
        "During the month-long campaign at least 140 fighters were killed, the group said.",
        "The war has killed more than 300,000 people and displaced millions.",
        "Since March 3, when the truce collapsed, at least 230 civilians have been killed in the district.",
        "Peace talks have stalled in a conflict that has killed 4,000 people in the province.",
    ],
)
def test_a_running_total_is_no_events_toll(events_of, text) -> None:
    events = events_of("A barrel bomb killed 7 people in Daraya on Sunday. " + text)
    assert [e.fatalities for e in occurred(events) if e.fatalities] == [7]


def test_a_running_total_alone_starts_no_toll(events_of) -> None:
    events = events_of("Since 2012 more than 4,000 civilians have been killed in the province.")
    assert all(not e.fatalities for e in events)


def test_a_figure_no_single_event_reaches_is_a_running_total(events_of) -> None:
    events = events_of(
        "Shelling killed 4 people in Jobar on Monday. More than 200,000 people have been killed and "
        "millions have fled their homes."
    )
    assert sorted(e.fatalities or 0 for e in occurred(events))[-1] == 4


def test_a_sentence_after_a_year_keeps_its_count(events_of) -> None:
    # the full stop after '2017' is not a date's separator
    text = (
        "Kurdish fighters took the village of Tal Hamra east of Raqqa on Sunday, October 15, 2017. "
        "Four Islamic State fighters were killed in the clashes, a spokesman said."
    )
    assert toll(events_of, text) == 4
