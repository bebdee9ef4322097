"""ACLED codes one event for one happening: several trigger words in one sentence that tell parts
of it become one record of the type that names the whole (marsad.events.extract.SUBSUMES)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def occurred(events):
    return [e for e in events if e.modality == "occurred"]


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        (
            "Government troops took control of the village of Tell Brak on Monday after two days of "
            "fighting with Islamic State militants.",
            "Government regains territory",
        ),
        (
            "Police fired tear gas to disperse hundreds of protesters in Basra on Friday and detained "
            "twenty of them.",
            "Protest with intervention",
        ),
        (
            "Russian jets struck an Islamic State convoy near Palmyra on Tuesday, destroying nine vehicles.",
            "Air/drone strike",
        ),
        (
            "Security forces raided several homes in the town of Nawa on Saturday and arrested seven men.",
            "Arrests",
        ),
        (
            "Angry protesters stormed and burned the governor's office in Kut on Wednesday.",
            "Violent demonstration",
        ),
    ],
)
def test_one_sentence_one_happening_one_record(events_of, text, sub) -> None:
    events = occurred(events_of(text))
    assert [e.sub_event_type for e in events] == [sub]


def test_a_withdrawal_and_a_takeover_are_one_transfer_with_both_sides(events_of) -> None:
    events = occurred(
        events_of(
            "The Peshmerga withdrew from the town of Makhmour on Monday and the Iraqi army took over "
            "its checkpoints."
        )
    )
    assert [e.sub_event_type for e in events] == ["Non-violent transfer of territory"]
    assert events[0].actor1_keys[:1] == ["IRQ_GOV"]
    assert "KRG" in events[0].actor2_keys


def test_fighting_that_did_not_happen_is_no_clash(events_of) -> None:
    events = events_of(
        "Government forces took over the town of al-Jiza on Sunday after rebels there withdrew without fighting."
    )
    assert "Armed clash" not in [e.sub_event_type for e in occurred(events)]
    assert "Non-violent transfer of territory" in [e.sub_event_type for e in occurred(events)]


def test_two_places_in_one_sentence_stay_two_happenings(events_of) -> None:
    events = occurred(
        events_of(
            "On Monday the army shelled the village of Kafr Zita, and rebels captured the village of "
            "Maan from government forces."
        )
    )
    subs = sorted(e.sub_event_type for e in events)
    assert "Shelling/artillery/missile attack" in subs
    assert "Non-state actor overtakes territory" in subs


def test_different_perpetrators_are_not_folded(events_of) -> None:
    events = occurred(
        events_of(
            "Islamic State fighters fired a rocket at the base near Hit on Monday, and air defences "
            "of the Iraqi army intercepted a second one."
        )
    )
    assert len(events) >= 1
    assert all(e.sub_event_type != "Disrupted weapons use" or "IRQ_GOV" in e.actor1_keys for e in events)


def test_two_places_taken_in_one_passive_are_two_events(events_of) -> None:
    # the parser hangs "the town of Hajin" on the nearer "Mayadin"; the plural verb says both were taken
    events = occurred(
        events_of(
            "On Monday the Syrian Democratic Forces advanced again. The Omar oil field 10 km east of "
            "Mayadin and the town of Hajin were also taken."
        )
    )
    takeovers = [e for e in events if e.sub_event_type == "Non-state actor overtakes territory"]
    assert len(takeovers) == 2, [(e.sub_event_type, e.location) for e in events]
    assert {e.place_span for e in takeovers} != {None}


def test_a_named_town_beats_a_place_located_by_another() -> None:
    # the parse of "Gunmen abducted hunters from the town of Sukhnah in the desert east of Palmyra":
    # "from" hangs on the people taken, "in" on the verb; the town named outright is the place
    import spacy
    from spacy.tokens import Doc

    from marsad.events.extract import _locative_span

    words = "Gunmen abducted hunters from the town of Sukhnah in the desert east of Palmyra .".split()
    heads = [1, 1, 1, 2, 5, 3, 5, 6, 1, 10, 8, 10, 11, 12, 1]
    deps = "nsubj ROOT dobj prep det pobj prep pobj prep det pobj advmod prep pobj punct".split()
    pos = "NOUN VERB NOUN ADP DET NOUN ADP PROPN ADP DET NOUN ADV ADP PROPN PUNCT".split()
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos)
    doc[5].lemma_, doc[10].lemma_ = "town", "desert"
    span = _locative_span(doc[1], [doc[2]], 0)
    assert span is not None and doc.text[span[0] : span[1]] == "the town of Sukhnah"
    # with no town named, the relative phrase is the place
    span = _locative_span(doc[1], [], 0)
    assert span is not None and doc.text[span[0] : span[1]] == "the desert east of Palmyra"


def test_the_agent_of_shot_and_killed_is_the_first_side(events_of) -> None:
    # "by X" hangs on the second of two passive verbs; a lone policeman is the police
    events = occurred(
        events_of("A policeman was shot and killed by Islamic State militants in Kirkuk on Monday.")
    )
    assert events and events[0].actor1_keys[:1] == ["IS"]
    assert "POLICE" in events[0].actor2_keys and events[0].fatalities == 1
