"""A toll told bare in one telling ('Death toll from bus bomb attack at least 126') and a generic
event noun of a known kind in another ('a bomb attack on a convoy'): the joined record has the
kind."""

from __future__ import annotations

from datetime import date

from marsad.events.narrative import join_tellings
from marsad.model import Event, Evidence, Trigger

CLASH = ("Armed clash", "Battles")
BOMB = ("Remote explosive/landmine/IED", "Explosions/Remote violence")
AIR = ("Air/drone strike", "Explosions/Remote violence")


def _told(sub: tuple[str, str], rule: str, sentence: int, dead: int | None = None) -> Event:
    ev = Event(event_type=sub[1], sub_event_type=sub[0], document="d")
    ev.trigger = Trigger(sentence * 100, sentence * 100 + 5, rule, rule, sentence)
    ev.latitude, ev.longitude, ev.admin1, ev.geo_precision, ev.country = 36.2, 37.1, "Aleppo", 1, "Syria"
    ev.event_date = ev.date_start = ev.date_end = date(2017, 4, 16)
    ev.evidence = [Evidence("d", "s", sentence * 100, sentence * 100 + 50)]
    ev.fatalities = dead
    return ev


def test_a_generic_telling_of_a_kind_names_a_bare_toll() -> None:
    toll = _told(CLASH, "toll", 0, dead=126)
    attack = _told(BOMB, "attack", 1, dead=126)
    (kept,) = join_tellings([toll, attack])
    assert kept.sub_event_type == BOMB[0] and kept.fatalities == 126


def test_a_generic_telling_does_not_rename_a_specific_one() -> None:
    strike = _told(AIR, "strike", 0, dead=5)
    attack = _told(BOMB, "attack", 1)
    (kept,) = join_tellings([strike, attack])
    assert kept.sub_event_type == AIR[0]


def test_another_attack_is_an_event_of_its_own() -> None:
    first = _told(CLASH, "attack", 0, dead=3)
    other = _told(BOMB, "attack", 1, dead=2)
    other.another = True
    kept = join_tellings([first, other])
    assert [e.sub_event_type for e in kept] == [CLASH[0], BOMB[0]]
    later = _told(BOMB, "blast", 2, dead=2)  # a later telling may still join it
    assert len(join_tellings([first, other, later])) == 2


def _in_sentence(start: int, span: tuple[int, int] | None, dead: int | None) -> Event:
    ev = _told(BOMB, "bombing", 0, dead=dead)
    ev.trigger = Trigger(start, start + 5, "bombing", "bombing", 0)
    ev.place_span = span
    return ev


def test_a_headline_run_on_into_its_lead_tells_one_toll_once() -> None:
    # 'Suicide bomber kills six in Syria restaurant Suicide bombing in Aleppo restaurant kills six'
    headline = _in_sentence(0, (20, 35), 6)
    lead = _in_sentence(40, (60, 77), 6)
    assert len(join_tellings([headline, lead])) == 1
    assert len(join_tellings([_in_sentence(0, (20, 35), 6), _in_sentence(40, None, 6)])) == 1


def test_two_place_phrases_of_one_sentence_with_two_tolls_or_none_stay_two() -> None:
    assert len(join_tellings([_in_sentence(0, (20, 35), 6), _in_sentence(40, (60, 77), 3)])) == 2
    # 'an attack on the points in the Jafra centre, the regime also attacked ... in Jabayla village'
    assert len(join_tellings([_in_sentence(0, (20, 35), None), _in_sentence(40, None, None)])) == 2


def test_one_doers_deed_at_one_point_told_with_its_toll_once_is_one_event() -> None:
    # 'At least 43 people were killed in a suicide car bomb attack on buses carrying evacuees
    # from X to Y': three triggers, three place phrases, one point, one toll
    first, second = _in_sentence(0, (20, 35), None), _in_sentence(40, (60, 77), 43)
    first.actor1_keys = second.actor1_keys = ["IS"]
    (kept,) = join_tellings([first, second])
    assert kept.fatalities == 43
    # two doers at one point are two events
    other, again = _in_sentence(0, (20, 35), None), _in_sentence(40, (60, 77), 43)
    other.actor1_keys, again.actor1_keys = ["SDF"], ["IS"]
    assert len(join_tellings([other, again])) == 2


def test_one_toll_told_as_two_kinds_on_one_day_is_one_event() -> None:
    # 'the air force destroyed a convoy, killing about a hundred' / 'killed more than 100 militants
    # in a series of air strikes': one toll, one event, whichever kind each telling read
    clash = _told(CLASH, "destroy", 0, dead=100)
    strike = _told(AIR, "strike", 1, dead=100)
    (kept,) = join_tellings([clash, strike])
    assert kept.fatalities == 100 and len(kept.evidence) == 2
    # the night before, told as 'late on Monday' and 'on Tuesday': still one
    night = _told(AIR, "strike", 1, dead=35)
    night.event_date = night.date_start = night.date_end = date(2017, 4, 15)
    assert len(join_tellings([_told(AIR, "strike", 0, dead=35), night])) == 1


def test_two_tolls_or_one_small_toll_keep_two_kinds_apart() -> None:
    assert len(join_tellings([_told(CLASH, "clash", 0, dead=7), _told(AIR, "strike", 1, dead=12)])) == 2
    assert len(join_tellings([_told(CLASH, "clash", 0, dead=1), _told(AIR, "strike", 1, dead=1)])) == 2
    far = _told(AIR, "strike", 1, dead=100)
    far.event_date = far.date_start = far.date_end = date(2017, 4, 19)
    assert len(join_tellings([_told(CLASH, "clash", 0, dead=100), far])) == 2


def test_a_placeless_generic_telling_in_a_placed_deeds_sentence_is_that_deed(events_of) -> None:
    # 'assaulted' (a generic attack) and 'vandalized ... in Khulna city': one mob's one event
    events = events_of(
        "On 5 February 2024, wood traders assaulted staff of the water transport authority and "
        "vandalized their cars in Khulna city (Khulna Sadar), during an eviction drive.",
        published="2024-02-06",
    )
    assert [e.sub_event_type for e in events if e.modality == "occurred"] == ["Mob violence"]
