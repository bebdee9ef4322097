"""Two tellings of one event where one took the target for the doer: one record, sides the right way round."""

from __future__ import annotations

from datetime import date

from marsad.events.narrative import join_tellings, same_event
from marsad.model import Event, Evidence, Trigger
from marsad.services.actors import ActorRoles

STRIKE = ("Air/drone strike", "Explosions/Remote violence")
ROLES = ActorRoles(air=frozenset({"JETS"}))


def _told(sub: tuple[str, str], a1: list[str], a2: list[str], sentence: int, dead: int = 0) -> Event:
    ev = Event(event_type=sub[1], sub_event_type=sub[0], document="d")
    ev.trigger = Trigger(sentence * 100, sentence * 100 + 5, "strike", "strike", sentence)
    ev.latitude, ev.longitude, ev.admin1, ev.geo_precision, ev.country = 35.9, 36.6, "Idleb", 1, "Syria"
    ev.event_date = ev.date_start = ev.date_end = date(2015, 7, 8)
    ev.actor1_keys, ev.actor2_keys = a1, a2
    ev.evidence = [Evidence("d", "s", sentence * 100, sentence * 100 + 50)]
    ev.fatalities = dead
    return ev


def test_the_target_taken_for_the_doer_is_the_same_event() -> None:
    right = _told(STRIKE, ["JETS"], ["MILITANTS"], 1)
    wrong = _told(STRIKE, ["MILITANTS"], [], 0, dead=7)
    assert same_event(right, wrong) and same_event(wrong, right)
    (kept,) = join_tellings([wrong, right], ROLES)
    assert kept.actor1_keys == ["JETS"] and kept.actor2_keys == ["MILITANTS"]  # the doer with warplanes
    assert kept.fatalities == 7 and len(kept.evidence) == 2


def test_the_first_telling_keeps_its_sides_when_its_doer_can_do_the_deed() -> None:
    first = _told(STRIKE, ["JETS"], [], 0, dead=19)
    reversed_ = _told(STRIKE, ["MILITANTS"], ["JETS"], 1)
    (kept,) = join_tellings([first, reversed_], ROLES)
    assert kept.actor1_keys == ["JETS"] and kept.actor2_keys == ["MILITANTS"]


def test_civilians_never_become_the_doers_of_a_reversed_telling() -> None:
    clash = ("Armed clash", "Battles")
    first = _told(clash, ["ARMY"], ["REBELS"], 0)
    other = _told(clash, ["REBELS"], ["CIV"], 1)
    (kept,) = join_tellings([first, other], ROLES)
    assert kept.actor1_keys == ["ARMY"] and "CIV" not in kept.actor1_keys


def test_three_different_sides_stay_two_events() -> None:
    a = _told(STRIKE, ["JETS"], ["MILITANTS"], 0)
    b = _told(STRIKE, ["OTHER_JETS"], ["REBELS"], 1)
    assert not same_event(a, b)
    assert len(join_tellings([a, b], ROLES)) == 2


def test_two_types_reversed_are_not_joined_by_the_reversal() -> None:
    a = _told(STRIKE, ["JETS"], ["MILITANTS"], 0)
    b = _told(("Shelling/artillery/missile attack", "Explosions/Remote violence"), ["MILITANTS"], ["JETS"], 1)
    assert not same_event(a, b)
