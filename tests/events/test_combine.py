"""`combine` on hand-made statements: how one event's figures, told sentence by sentence, make
its toll by ACLED's rules (no parse needed)."""

from __future__ import annotations

from marsad.events.casualties import Casualty, combine, parse_number


def said(count: int, sentence: int, *groups: str, **flags: object) -> Casualty:
    return Casualty("killed", count, sentence * 10, frozenset(groups), sentence=sentence, **flags)  # type: ignore[arg-type]


def test_the_same_toll_told_again_is_one_figure() -> None:
    assert combine([said(62, 0), said(62, 1, "civilian"), said(62, 2)], "killed") == 62


def test_a_later_lower_figure_for_part_of_the_dead_is_no_new_toll() -> None:
    assert combine([said(30, 0), said(24, 1, "civilian")], "killed") == 30


def test_an_update_replaces_the_figure() -> None:
    assert combine([said(20, 0), said(35, 1, update=True)], "killed") == 35


def test_an_earlier_figure_is_dropped() -> None:
    assert combine([said(21, 0), said(22, 1, earlier=True)], "killed") == 21
    assert combine([said(16, 0, earlier=True)], "killed") == 16  # unless it is the only one


def test_a_precise_figure_stands_over_a_vague_one() -> None:
    assert combine([said(12, 0, vague=True), said(58, 1)], "killed") == 58
    assert combine([said(58, 0), said(100, 1, vague=True)], "killed") == 58


def test_another_side_told_later_adds_up() -> None:
    assert combine([said(4, 0, "security"), said(6, 1, "militant")], "killed") == 10


def test_people_told_as_more_add_up() -> None:
    assert combine([said(10, 0), said(9, 1, additional=True)], "killed") == 19


def test_people_singled_out_are_part_of_the_toll() -> None:
    assert combine([said(14, 0, "civilian"), said(3, 1, "civilian", narrow=True)], "killed") == 14
    assert combine([said(1, 0, "commander", narrow=True), said(30, 1, "militant")], "killed") == 30


def test_a_claim_for_the_same_people_gives_the_lowest() -> None:
    assert combine([said(3, 0, "security"), said(12, 1, "security", alternative=True)], "killed") == 3


def test_a_running_total_is_never_a_toll() -> None:
    assert combine([said(300000, 0, cumulative=True)], "killed") is None
    assert combine([said(5, 0), said(300000, 1, cumulative=True)], "killed") == 5


def test_numbers_with_vague_words() -> None:
    assert parse_number(["some", "20"]) == 20
    assert parse_number(["dozens"]) == 12
    assert parse_number(["several"]) == 3
