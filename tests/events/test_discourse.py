"""Discourse at the document level: a report's news kept apart from its background and history,
and one event told several times (headline, lead, body) kept as one record."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.events.cues import cues, window_start
from marsad.events.narrative import join_tellings, same_event
from marsad.model import Event, Evidence, Trigger

pytestmark = pytest.mark.slow


def by_modality(events, modality):
    return [e for e in events if e.modality == modality]


def test_an_event_dated_before_the_reporting_window_is_history(events_of) -> None:
    events = events_of(
        "Rebels shelled the town of Jisr al-Shughur on Monday, a monitor said. "
        "The town was captured by rebels in March 2014.",
        published="2017-10-20",
    )
    assert [e.sub_event_type for e in by_modality(events, "occurred")] == [
        "Shelling/artillery/missile attack"
    ]
    assert [e.sub_event_type for e in by_modality(events, "historical")] == [
        "Non-state actor overtakes territory"
    ]


def test_an_event_in_a_year_long_past_is_history_dated_by_that_year(events_of) -> None:
    events = events_of(
        "Turkish jets struck the town of Afrin on Saturday.\n\n"
        "In 1995, government troops attacked the village of Kafr Batna, killing dozens.",
        published="2019-10-13",
    )
    (old,) = [e for e in events if e.modality == "historical"]
    assert old.date_start == date(1995, 1, 1) and old.date_end == date(1995, 12, 31)
    assert [e.sub_event_type for e in events if e.modality == "occurred"] == ["Air/drone strike"]


def test_a_passive_agent_is_not_a_bound_on_the_date(events_of) -> None:
    (event,) = events_of("The village was seized by militants in March 2014.", published="2017-10-20")
    assert event.event_date == date(2014, 3, 15)


def test_an_old_flashback_does_not_date_the_sentences_after_it(events_of) -> None:
    events = events_of(
        "A chemical attack on Ghouta killed hundreds of civilians in August 2013. "
        "Government aircraft bombed the town of Saraqib, killing four people.",
        published="2017-10-20",
    )
    (strike,) = [e for e in events if e.sub_event_type == "Air/drone strike"]
    assert strike.modality == "occurred"
    assert strike.event_date is not None and strike.event_date >= date(2017, 10, 1)


@pytest.mark.parametrize(
    "sentence",
    [
        "More than 400000 people have been killed in the country since the war began in 2011.",
        "Islamic State fighters have attacked the town of Tal Afar in the past.",
        "The air raids came amid heavy clashes between the army and rebels in Hama province.",
        "Islamic State has claimed previous bombings in the province.",
        "Aid convoys returned to the area on Monday, two weeks after rebels shelled the town of Tal Rifaat.",
        "Thousands have been killed and many more displaced since the war began in 2011.",
        "Russia and the coalition are carrying out separate air strikes across the country.",
        # a participle that says who a group is, not a fight
        "The opposition, with groups fighting under the banner of the Free Syrian Army, called it a massacre.",
        # an event the report only refers to, with no place and no toll of its own
        "European ministers who blamed the attack on the government met in Brussels on Friday.",
        # 'demonstrating' something is not a protest
        '"They are demonstrating more desperation every day," an official said.',
        # a trend, and where it began, are not happenings
        "Army air strikes on the rebel-held districts have intensified since the militants launched an offensive in the north.",
        "Fighting in the region has escalated after troops seized the last road into the valley.",
        "Much of the fighting has been marked by indiscriminate shelling of villages.",
        # what a statement did not mention did not happen
        "The ministry made no mention of any strikes on the city.",
        # what was not done did not happen
        "Many rebels distrust the YPG because they say it cooperates with Damascus rather than fighting it.",
        # what taking a place would mean is analysis
        '"The importance of capturing the two districts is to stop the missile fire," the monitor said.',
        # other pages' headlines and a video's title, left inside a flattened page
        "Source agencies Related News Rebels shelled the town of Tal Rifaat on Monday killing two.",
        "Rebels shell Tal Rifaat on Monday killing two - YouTube",
        # a toll over a week is a count of many events
        "Over 500 civilians were killed in one week in the bombing campaign, the monitor said.",
        # what people fled is the backdrop, and a fighting position no fight
        "Thousands of families fled the fighting.",
        "The target was a forward rebel fighting position.",
        # a count since an event began is no report of that event
        "The hospital in the town has come under attack for the second time since airstrikes resumed on 15 October.",
    ],
)
def test_background_is_not_an_event(events_of, sentence) -> None:
    text = (
        "Government aircraft struck the town of Saraqib on Thursday, killing four people. "
        "The town lies on the road between Aleppo and Damascus. " + sentence
    )
    events = events_of(text, published="2017-10-20")
    occurred = by_modality(events, "occurred")
    assert [e.sub_event_type for e in occurred] == ["Air/drone strike"]
    assert all(ev.sentence.startswith("Government") for e in occurred for ev in e.evidence[:1])


def test_a_toll_that_has_risen_is_news_not_a_trend(events_of) -> None:
    events = events_of(
        "The death toll from an air strike on a market in the town of Maarat al-Numan on Monday has risen to 43, rescuers said.",
        published="2017-10-17",
    )
    occurred = by_modality(events, "occurred")
    assert [e.sub_event_type for e in occurred] == ["Air/drone strike"]
    assert occurred[0].fatalities == 43


def test_an_escalation_told_in_the_past_with_its_day_is_news(events_of) -> None:
    events = events_of(
        "Clashes between the army and militants escalated in the town of Marawi on Tuesday.",
        published="2017-05-24",
    )
    assert [e.modality for e in events if e.sub_event_type == "Armed clash"] == ["occurred"]


def test_a_cue_in_a_relative_clause_does_not_background_the_news(events_of) -> None:
    events = events_of(
        "Twelve people were killed in the town of Ariha on Tuesday in an air strike that residents "
        "called the worst since the war began.",
        published="2017-10-18",
    )
    assert [e.modality for e in events if e.sub_event_type == "Air/drone strike"] == ["occurred"]


def test_a_headline_of_bare_plurals_is_news(events_of) -> None:
    events = events_of("Air strikes kill nine in Idlib\n\nAir strikes killed nine people in Idlib on Monday.")
    assert [e.modality for e in events] == ["occurred"]


def test_the_news_of_an_old_crime_found_today_is_news(events_of) -> None:
    events = events_of(
        "Gunmen abducted six aid workers near the town of Azaz on Tuesday, a local official said.",
        published="2017-10-20",
    )
    assert [e.modality for e in events] == ["occurred"]


def test_headline_lead_and_body_tell_one_event(events_of) -> None:
    text = (
        "Car bomb kills nine in northern Iraq\n\n"
        "A car bomb exploded at a crowded market in the town of Tuz Khurmatu on Tuesday, killing "
        "nine people, police said.\n\n"
        "The blast also wounded twenty people. Islamic State claimed the bombing."
    )
    occurred = by_modality(events_of(text, published="2017-10-17"), "occurred")
    assert len(occurred) == 1
    assert occurred[0].location.startswith("Tuz")
    assert occurred[0].fatalities == 9


def _event(
    sub: str, etype: str, lat: float, lon: float, admin1: str, precision: int, rule: str, sentence: int
):
    ev = Event(event_type=etype, sub_event_type=sub, document="d")
    ev.trigger = Trigger(sentence * 100, sentence * 100 + 5, rule, rule, sentence)
    ev.latitude, ev.longitude, ev.admin1, ev.geo_precision, ev.country = lat, lon, admin1, precision, "Syria"
    ev.event_date = ev.date_start = ev.date_end = date(2017, 4, 4)
    ev.evidence = [Evidence("d", rule, sentence * 100, sentence * 100 + 50)]
    return ev


def test_a_province_wide_summary_of_two_villages_joins_neither() -> None:
    summary = _event("Air/drone strike", "Explosions/Remote violence", 36.2, 37.1, "Aleppo", 3, "raid", 0)
    one = _event("Air/drone strike", "Explosions/Remote violence", 36.5, 37.9, "Aleppo", 1, "strike", 1)
    two = _event("Air/drone strike", "Explosions/Remote violence", 36.1, 36.8, "Aleppo", 1, "strike", 2)
    summary.fatalities, one.fatalities, two.fatalities = 13, 5, 8
    kept = join_tellings([summary, one, two])
    assert sorted(e.fatalities for e in kept) == [5, 8, 13]


def test_a_region_telling_joins_the_one_town_in_it() -> None:
    region = _event("Suicide bomb", "Explosions/Remote violence", 35.0, 38.5, "", 3, "bomb", 0)
    town = _event(
        "Remote explosive/landmine/IED", "Explosions/Remote violence", 36.5, 40.7, "Al-Hasakeh", 1, "blast", 1
    )
    region.fatalities, town.fatalities = 16, 16
    (kept,) = join_tellings([region, town])
    assert kept.sub_event_type == "Suicide bomb"  # the more specific telling's type
    assert kept.admin1 == "Al-Hasakeh" and kept.fatalities == 16
    assert len(kept.evidence) == 2


def test_two_towns_and_two_kinds_of_strike_stay_apart() -> None:
    a = _event("Air/drone strike", "Explosions/Remote violence", 36.5, 37.9, "Aleppo", 1, "strike", 0)
    b = _event("Air/drone strike", "Explosions/Remote violence", 36.1, 36.8, "Aleppo", 1, "strike", 1)
    c = _event(
        "Shelling/artillery/missile attack", "Explosions/Remote violence", 36.5, 37.9, "Aleppo", 1, "shell", 2
    )
    assert not same_event(a, b)
    assert not same_event(a, c)


def test_the_window_is_data() -> None:
    assert window_start(date(2017, 4, 30)) == date(2017, 3, 31)
    assert cues().window_days == 30
    assert window_start(None) is None


def test_a_protest_told_with_its_dispersal_and_arrests_is_one_event(events_of) -> None:
    text = (
        "On 3 May 2023, hundreds of nurses staged a protest in front of the health ministry in "
        "Kampala city, demanding unpaid wages. Police detained 14 of the protesters."
    )
    occurred = by_modality(events_of(text, published="2023-05-03"), "occurred")
    assert [e.sub_event_type for e in occurred] == ["Protest with intervention"]


def test_lethal_force_on_a_protest_and_the_riot_after_it_stay_two(events_of) -> None:
    text = (
        "Soldiers opened fire on demonstrators blocking a road in the town of Kasese on Friday, "
        "killing three people. The protesters later set fire to the police station."
    )
    subs = sorted(e.sub_event_type for e in by_modality(events_of(text, published="2023-05-06"), "occurred"))
    assert subs == ["Excessive force against protesters", "Violent demonstration"]


def test_a_region_holds_a_town_only_for_the_same_doers() -> None:
    region = _event(
        "Shelling/artillery/missile attack",
        "Explosions/Remote violence",
        33.55,
        36.45,
        "Rif Dimashq",
        3,
        "shell",
        0,
    )
    town = _event(
        "Shelling/artillery/missile attack",
        "Explosions/Remote violence",
        33.57,
        36.37,
        "Rif Dimashq",
        1,
        "shell",
        1,
    )
    region.actor1_keys, town.actor1_keys = ["UNID"], ["SYR_GOV"]
    assert not same_event(region, town)
    town.actor1_keys = ["UNID"]
    assert same_event(region, town)


def test_air_strikes_that_back_an_advance_are_part_of_it(events_of) -> None:
    events = events_of(
        "Government troops backed by Russian air strikes retook the village of Khan Tuman south of Aleppo on Monday.",
        published="2016-09-20",
    )
    assert [e.sub_event_type for e in by_modality(events, "occurred")] == ["Government regains territory"]


def test_a_present_relative_clause_describes_an_actor(events_of) -> None:
    events = events_of(
        "Army units shelled the town of Latamneh on Tuesday. The shelling was reported by a local group. "
        "Hezbollah, which is fighting alongside government units, did not comment.",
        published="2016-09-20",
    )
    assert [e.sub_event_type for e in by_modality(events, "occurred")] == [
        "Shelling/artillery/missile attack"
    ]


@pytest.mark.parametrize(
    ("text", "protests"),
    [
        ('"We are still gathering information on the raid," a coalition spokesman said.', 0),
        ("Hundreds of protesters gathered outside parliament in Beirut on Friday.", 1),
    ],
)
def test_gathering_things_is_no_protest(events_of, text, protests) -> None:
    events = events_of(text + " A ban on demonstrations remains in force.", published="2019-10-13")
    assert len([e for e in by_modality(events, "occurred") if e.event_type == "Protests"]) == protests


def test_the_note_of_an_event_dated_by_its_year_says_the_year(events_of) -> None:
    events = events_of(
        "Turkish jets struck the town of Afrin on Saturday.\n\n"
        "In 1995, government troops attacked the village of Kafr Batna, killing dozens.",
        published="2019-10-13",
    )
    (old,) = [e for e in events if e.modality == "historical"]
    assert old.notes.startswith("In 1995, ")


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        (
            "Kurdish fighters captured large areas of territory from Islamic State in the province on Monday.",
            "background",
        ),
        (
            "Government troops seized 300 square kilometres of farmland east of the city on Monday.",
            "background",
        ),
        ("Insurgents took over the area around the village of Ishakani on Monday.", "occurred"),
        ("Kurdish fighters captured the town of Tal Abyad from Islamic State on Monday.", "occurred"),
    ],
)
def test_a_takeover_of_an_amount_of_land_is_a_sum_of_gains(events_of, text, modality) -> None:
    events = [e for e in events_of(text, published="2016-09-20") if e.event_type == "Battles"]
    assert [e.modality for e in events] == [modality]


def test_a_definite_description_with_its_own_patient_is_a_new_event(events_of) -> None:
    text = (
        "A monitor said on Wednesday that gunmen abducted a teacher in the town of Afrin last week.\n\n"
        "The report also documented the kidnapping of a shopkeeper from the village of Qentere on 2 March."
    )
    occurred = by_modality(events_of(text, published="2018-03-07"), "occurred")
    assert len(occurred) == 2


def test_the_attack_told_again_by_a_later_statement_is_one_event(events_of) -> None:
    text = (
        "A car bomb killed 12 people at a market in the town of Azaz on Monday.\n\n"
        "The governor condemned the attack in a statement on Wednesday."
    )
    occurred = by_modality(events_of(text, published="2018-03-07"), "occurred")
    assert len(occurred) == 1 and occurred[0].fatalities == 12


def test_who_condemned_an_event_is_not_its_actor(events_of) -> None:
    events = events_of(
        "A car bomb exploded in the town of Azaz on Sunday, killing eight people. "
        "The Syrian opposition condemned the bombing.",
        published="2017-10-20",
    )
    occurred = by_modality(events, "occurred")
    assert [e.sub_event_type for e in occurred] == ["Remote explosive/landmine/IED"]
    assert "FSA" not in occurred[0].actor1_keys and occurred[0].fatalities == 8


def test_protesters_described_by_their_protest_still_protest(events_of) -> None:
    events = events_of(
        "Hundreds of young men protesting against power cuts stormed the gate of an oil company "
        "compound in Zubair on Sunday and set fire to a guard post.",
        published="2018-07-16",
    )
    assert "Violent demonstration" in [e.sub_event_type for e in by_modality(events, "occurred")]


def test_naming_an_event_neither_plans_it_nor_makes_a_second_one(events_of) -> None:
    events = events_of(
        "A bus blast in Damascus killed at least six people and wounded dozens; "
        "SANA has called the attack a terrorist explosion.",
        published="2015-02-01",
    )
    occurred = by_modality(events, "occurred")
    assert [(e.sub_event_type, e.fatalities) for e in occurred] == [("Remote explosive/landmine/IED", 6)]
    assert not by_modality(events, "planned")


def test_a_group_noun_modifying_an_event_noun_is_news(events_of) -> None:
    events = events_of(
        "Four civilians were killed in the Syrian capital on Sunday after rebel shelling on the "
        "central district of Old Damascus, a monitor said.",
        published="2017-10-16",
    )
    occurred = by_modality(events, "occurred")
    assert [(e.sub_event_type, e.fatalities) for e in occurred] == [("Shelling/artillery/missile attack", 4)]


def test_another_attack_told_in_one_place_stays_its_own_event(events_of) -> None:
    events = events_of(
        "On 19 March 2020, 2 soldiers were killed in an attack by Taliban militants on a checkpoint "
        "in Qadis district, Badghis. In another attack, 2 policemen were killed when their vehicle "
        "was hit by a roadside bomb in Qadis district.",
        published="2020-03-19",
    )
    occurred = by_modality(events, "occurred")
    assert len(occurred) == 2 and sum(e.fatalities or 0 for e in occurred) == 4


def test_a_toll_counted_since_a_month_is_background_but_a_protest_grievance_is_not(events_of) -> None:
    events = events_of(
        "A car bomb killed five people in the town of Azaz on Monday, a monitor said. "
        "More than 300 civilians have been killed in air strikes on Aleppo since April.",
        published="2016-06-13",
    )
    assert [e.fatalities for e in by_modality(events, "occurred")] == [5]
    assert [e.sub_event_type for e in by_modality(events, "background")] == ["Air/drone strike"]
    protest = events_of(
        "Hundreds of supermarket workers took to the streets of Nairobi on Monday to protest "
        "non-payment of their salaries since May.",
        published="2017-07-04",
    )
    assert [e.sub_event_type for e in by_modality(protest, "occurred")] == ["Peaceful protest"]


def test_a_toll_counted_since_an_offensive_began_is_background(events_of) -> None:
    events = events_of(
        "A car bomb killed five people in the town of Azaz on Monday, a monitor said. "
        "At least 120 fighters have been killed in air raids on Manbij since the offensive "
        "against the town began on May 31, the monitor said.",
        published="2016-06-27",
    )
    assert [e.fatalities for e in by_modality(events, "occurred")] == [5]
    assert all(e.fatalities != 120 for e in by_modality(events, "occurred"))
    assert by_modality(events, "background")


def test_a_fight_against_an_abstraction_is_a_policy_not_a_happening(events_of) -> None:
    events = events_of(
        "Both governments agreed to strengthen cooperation in fighting terrorism, the ministry said.",
        published="2016-10-10",
    )
    assert not [e for e in by_modality(events, "occurred") if e.event_type == "Battles"]
    # a fight against the people who traffic drugs is a fight
    events = events_of(
        "Soldiers fought drug traffickers in the town of Culiacan on Monday, killing five.",
        published="2016-10-10",
    )
    assert [e.event_type for e in by_modality(events, "occurred")] == ["Battles"]


def test_a_toll_since_a_truce_broke_down_or_over_recent_months_is_background(events_of) -> None:
    events = events_of(
        "Rebel shelling killed four people in Aleppo on Monday, a monitor said. "
        "Hundreds of civilians have been killed in the city since the breakdown of a ceasefire.",
        published="2016-10-10",
    )
    assert [e.fatalities for e in by_modality(events, "occurred")] == [4]
    events = events_of(
        "Rebel shelling killed four people in Aleppo on Monday, a monitor said. "
        "Government forces have retaken dozens of villages over recent months.",
        published="2016-10-10",
    )
    assert [e.fatalities for e in by_modality(events, "occurred")] == [4]


def test_a_protest_against_an_abstraction_is_still_a_protest(events_of) -> None:
    events = events_of(
        "Residents protested against increased crime in Kakamega on Monday.", published="2016-10-10"
    )
    assert [e.event_type for e in by_modality(events, "occurred")] == ["Protests"]


def test_a_quantity_of_fighters_fighting_a_group_is_a_description(events_of) -> None:
    # the parser hangs 'fighting' on 'scores', not on the soldiers it describes
    events = events_of(
        "A raid on Monday killed scores of Syrian soldiers fighting the Islamic State group near Deir Ezzor.",
        published="2017-10-20",
    )
    occurred = by_modality(events, "occurred")
    assert [e.trigger.text for e in occurred if e.trigger is not None] == ["raid"]


def test_the_month_of_march_is_no_protest_march(events_of) -> None:
    events = events_of(
        "On 3 March 2023, relatives of a murdered shopkeeper staged a protest on a highway in "
        "Sonargaon upazila (Narayanganj, Dhaka), demanding justice.",
        published="2023-03-05",
    )
    occurred = by_modality(events, "occurred")
    assert [e.sub_event_type for e in occurred] == ["Peaceful protest"]
    assert all(t.text.lower() != "march" for e in occurred for t in [e.trigger] if t is not None)


def test_a_road_blocked_by_a_crowd_is_a_protest(events_of) -> None:
    events = events_of(
        "On 21 May 2023, students blocked a road in front of a girls' high school in Bogra town "
        "(Bogra Sadar, Rajshahi). Police removed the students and cleared the road.",
        published="2023-05-22",
    )
    assert [e.sub_event_type for e in by_modality(events, "occurred")] == ["Protest with intervention"]


def test_air_strikes_that_are_the_subject_of_their_own_kind_of_deed_are_one_strike(events_of) -> None:
    events = events_of(
        "Syrian regime and Russian airstrikes pounded rebel positions north of Aleppo on Tuesday.",
        published="2016-09-20",
    )
    strikes = [e for e in by_modality(events, "occurred") if e.sub_event_type == "Air/drone strike"]
    assert len(strikes) == 1
