"""The time stage without spaCy: narrative anchoring, event dates, mentions, the reference date.

Documents are built by hand (paragraphs and naive sentences, no parse), so an expression belongs to
the nearest trigger in its sentence; the parse-based choice is tested in test_time_pipeline.py.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from marsad.model import Document, Event, Paragraph, Sentence, Trigger
from marsad.pipeline import Options, create
from marsad.stages.time import TimeStage, date_document


def make_doc(
    paragraphs: list[str], published: date | None = None, headings: tuple[int, ...] = ()
) -> Document:
    """A document with the given paragraphs, split into sentences at full stops."""
    doc = Document(text="\n\n".join(paragraphs), id="t", published=published)
    pos = 0
    for index, par in enumerate(paragraphs):
        doc.paragraphs.append(Paragraph(pos, pos + len(par), index=index, is_heading=index in headings))
        for m in re.finditer(r"[^.]+\.?", par):
            lead = len(m.group()) - len(m.group().lstrip())
            start, end = pos + m.start() + lead, pos + m.end()
            if doc.text[start:end].strip():
                doc.sentences.append(Sentence(start, end, index=len(doc.sentences), paragraph=index))
        pos += len(par) + 2
    return doc


def add_event(doc: Document, phrase: str) -> Event:
    """An event whose trigger is the first word of `phrase`."""
    start = doc.text.index(phrase)
    word = phrase.split()[0]
    sent = doc.sentence_at(start)
    assert sent is not None
    event = Event(
        "Battles",
        "Armed clash",
        document=doc.id,
        trigger=Trigger(start, start + len(word), word, "t", sent.index),
    )
    doc.events.append(event)
    return event


def dated(doc: Document, *phrases: str) -> list[tuple[date | None, int | None]]:
    """Add one event per phrase, run the stage, return (event_date, time_precision) of each."""
    events = [add_event(doc, p) for p in phrases]
    date_document(doc)
    return [(e.event_date, e.time_precision) for e in events]


def test_narrative_across_sentences_and_paragraphs() -> None:
    doc = make_doc(
        [
            "On 3 March rebels attacked the village. The next day the army shelled the town.",
            "Two days later jets struck the market. Police arrested five people.",
        ],
        published=date(2019, 3, 10),
    )
    got = dated(doc, "attacked", "shelled", "struck", "arrested")
    assert got == [
        (date(2019, 3, 3), 1),
        (date(2019, 3, 4), 1),
        (date(2019, 3, 6), 1),
        (date(2019, 3, 6), 1),  # no date in its sentence: the narrative's date
    ]


def test_mentions_hold_resolved_ranges() -> None:
    doc = make_doc(["On 3 March rebels attacked. The next day the army shelled the town."], date(2019, 3, 10))
    date_document(doc)
    mentions = [(doc.span_text(m), m.label, m.key, m.sentence) for m in doc.mentions]
    assert mentions == [
        ("3 March", "date", "2019-03-03/2019-03-03/1", 0),
        ("The next day", "date", "2019-03-04/2019-03-04/1", 1),
    ]
    date_document(doc)  # a second run replaces, not duplicates, the date mentions
    assert len(doc.mentions) == 2


def test_year_boundary_in_a_january_report() -> None:
    doc = make_doc(
        [
            "In December 29 the fighters repelled an attack. The next day they stormed the town.",
            "On the first day of the new year a bomb exploded on the road.",
        ],
        published=date(2019, 1, 2),
    )
    assert dated(doc, "repelled", "stormed", "exploded") == [
        (date(2018, 12, 29), 1),
        (date(2018, 12, 30), 1),
        (date(2019, 1, 1), 1),
    ]


def test_reference_inferred_from_the_latest_written_date() -> None:
    doc = make_doc(
        [
            "In August 26 an agreement was held. In November 8 forces entered the city.",
            "In September 9, 2017 the council issued a statement.",
        ]
    )
    got = dated(doc, "agreement", "entered", "issued")
    assert doc.reference_date == date(2017, 9, 9)
    assert doc.provenance["reference_date"] == "inferred"
    assert [d for d, _ in got] == [date(2017, 8, 26), date(2017, 11, 8), date(2017, 9, 9)]


def test_publication_date_is_the_reference() -> None:
    doc = make_doc(["Jets struck the town yesterday."], published=date(2019, 12, 6))
    assert dated(doc, "struck") == [(date(2019, 12, 5), 1)]
    assert doc.reference_date == date(2019, 12, 6)
    assert doc.provenance["reference_date"] == "published"


def test_undated_event_takes_the_reference_date_at_week_precision() -> None:
    doc = make_doc(["Jets struck the town."], published=date(2019, 12, 6))
    event = add_event(doc, "struck")
    date_document(doc)
    assert (event.event_date, event.time_precision) == (date(2019, 12, 6), 2)
    assert (event.date_start, event.date_end) == (date(2019, 11, 30), date(2019, 12, 6))


def test_no_reference_and_no_date_leaves_the_event_undated() -> None:
    doc = make_doc(["Jets struck the town."])
    assert dated(doc, "struck") == [(None, None)]
    assert doc.reference_date is None


def test_two_events_two_dates_in_one_sentence() -> None:
    doc = make_doc(
        ["In October 14 the axis met Mercada, two days later the regime shelled the positions."],
        published=date(2017, 11, 1),
    )
    assert [d for d, _ in dated(doc, "met", "shelled")] == [date(2017, 10, 14), date(2017, 10, 16)]


def test_future_expression_makes_a_forecast_and_leaves_the_narrative() -> None:
    doc = make_doc(
        [
            "On Tuesday jets bombed the bridge. The council will take the town in the coming days.",
            "Rebels shelled the checkpoint.",
        ],
        published=date(2019, 11, 29),
    )
    bombed, take, shelled = (add_event(doc, p) for p in ("bombed", "take", "shelled"))
    date_document(doc)
    assert take.modality == "forecast"
    assert bombed.modality == "occurred" and shelled.modality == "occurred"
    assert shelled.event_date == date(2019, 11, 26)  # still Tuesday's narrative


def test_bounds_and_habits_do_not_date_events() -> None:
    doc = make_doc(
        [
            "On Tuesday jets bombed the bridge. Markets have been struck since April.",
            "Protesters return every Friday. Rebels shelled the checkpoint.",
        ],
        published=date(2019, 11, 29),
    )
    got = dated(doc, "struck", "shelled")
    assert got == [(date(2019, 11, 26), 1), (date(2019, 11, 26), 1)]
    assert "every Friday" not in [doc.span_text(m) for m in doc.mentions]


def test_dateline_dates_only_what_has_no_date_of_its_own() -> None:
    doc = make_doc(
        [
            "BAGHDAD, June 18 (Levant Wire) - Troops took the district on Friday.",
            "BEIRUT, June 18 (Levant Wire) - A convoy left.",
        ],
        published=date(2016, 6, 18),
    )
    assert [d for d, _ in dated(doc, "took", "convoy")] == [date(2016, 6, 17), date(2016, 6, 18)]


def test_a_date_stamp_run_on_into_the_lead_dates_only_what_has_no_date_of_its_own() -> None:
    doc = make_doc(
        [
            "Date of publication 16 October 2017 Rebel shelling on the capital killed four on Sunday.",
            "AFP Saturday 21 Feb 2015 Ten children were among the dead.",
            "On 19 March 2020 troops took the district on Friday.",
        ],
        published=date(2017, 10, 16),
    )
    assert [d for d, _ in dated(doc, "shelling", "dead", "took")] == [
        date(2017, 10, 15),
        date(2015, 2, 21),
        date(2020, 3, 19),
    ]


def test_a_month_after_an_earlier_happening() -> None:
    doc = make_doc(
        [
            "In September 9, 2017 the council announced the launch of the campaign.",
            "On September 28 a new stage was launched from 4 fronts.",
            "A month after the launch of the campaign, the fronts met near the factory.",
        ]
    )
    got = dated(doc, "fronts met")
    assert got == [(date(2017, 10, 9), 2)]


def test_headline_dates_do_not_move_the_narrative() -> None:
    doc = make_doc(["Daily briefing, 6 April 2019", "Police arrested two men."], headings=(0,))
    got = dated(doc, "arrested")
    assert doc.reference_date == date(2019, 4, 6)
    assert got == [(date(2019, 4, 6), 3)]  # the inferred reference date, coarsely


def test_events_without_trigger_take_the_reference_date() -> None:
    doc = make_doc(["Jets struck the town."], published=date(2019, 12, 6))
    event = Event("Explosions/Remote violence", "Air/drone strike", document="t")
    doc.events.append(event)
    date_document(doc)
    assert event.event_date == date(2019, 12, 6) and event.time_precision == 2


def test_stage_is_registered() -> None:
    stage = create("time.v1", Options())
    assert isinstance(stage, TimeStage)
    assert stage.needs == ("parse", "events")
    assert stage.sets == ("dates",)
    doc = make_doc(["On 3 March rebels attacked."], published=date(2019, 3, 10))
    add_event(doc, "attacked")
    assert stage.process_batch([doc])[0].events[0].event_date == date(2019, 3, 3)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Rebels attacked the post on Sunday.", date(2019, 11, 24)),
        ("Rebels attacked the post on Friday.", date(2019, 11, 29)),  # the report's own weekday
        ("Rebels attacked the post late on Wednesday.", date(2019, 11, 27)),
        ("Rebels attacked the post last night.", date(2019, 11, 28)),
        ("Rebels attacked the post 24 hours ago.", date(2019, 11, 28)),
        ("Rebels attacked the post today.", date(2019, 11, 29)),
    ],
)
def test_weekdays_and_deictics_in_a_friday_report(sentence: str, expected: date) -> None:
    doc = make_doc([sentence], published=date(2019, 11, 29))
    assert dated(doc, "attacked")[0][0] == expected
