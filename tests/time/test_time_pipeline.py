"""segment -> nlp -> time on short reports written for these tests (loads the spaCy model)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from marsad.model import Document, Event, Trigger
from marsad.pipeline import Options, create

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def stages() -> tuple[Any, Any, Any]:
    """The segment, parse and time stages, built once."""
    options = Options()
    return create("segment.v1", options), create("nlp.v1", options), create("time.v1", options)


def run(stages: tuple[Any, Any, Any], text: str, published: date | None, *triggers: str) -> list[Event]:
    """Parse `text`, add one event per trigger word (its first occurrence), date them."""
    segment, nlp, time = stages
    doc = nlp(segment(Document(text=text, id="t", published=published)))
    for word in triggers:
        start = text.index(word)
        sent = doc.sentence_at(start)
        assert sent is not None
        doc.events.append(
            Event("", "", document="t", trigger=Trigger(start, start + len(word), word, "t", sent.index))
        )
    time(doc)
    return list(doc.events)


def dates(events: list[Event]) -> list[date | None]:
    """The event_date of each event."""
    return [e.event_date for e in events]


REPORT = (
    "Rebels take villages near Hama\n\n"
    "HAMA, March 10 (Test Wire) - Rebel fighters captured the village of Zalin on 3 March after a night "
    "of clashes with government forces, a rebel spokesman said.\n\n"
    "The next day, government aircraft bombed the market of Zalin, killing four civilians. Rescue "
    "workers pulled two children from the rubble.\n\n"
    "Two days later, government troops recaptured the village. The army said it would push north in "
    "the coming days.\n"
)


def test_three_paragraph_narrative(stages: tuple[Any, Any, Any]) -> None:
    events = run(stages, REPORT, date(2019, 3, 10), "captured", "bombed", "pulled", "recaptured", "push")
    assert dates(events[:4]) == [date(2019, 3, 3), date(2019, 3, 4), date(2019, 3, 4), date(2019, 3, 6)]
    assert [e.time_precision for e in events[:4]] == [1, 1, 1, 1]
    assert events[4].modality == "forecast"
    assert all(e.modality == "occurred" for e in events[:4])


def test_january_report_about_december(stages: tuple[Any, Any, Any]) -> None:
    text = (
        "Militants attack checkpoint\n\n"
        "Militants attacked an army checkpoint near Hajin on December 30, killing two soldiers. "
        "On Wednesday, troops arrested three suspects in the town."
    )
    events = run(stages, text, date(2019, 1, 5), "attacked", "arrested")
    assert dates(events) == [date(2018, 12, 30), date(2019, 1, 2)]


def test_two_events_two_dates_in_one_sentence(stages: tuple[Any, Any, Any]) -> None:
    text = (
        "Clashes in the east\n\n"
        "In October 14, the fighters met near the factory, two days later, the regime shelled their "
        "positions with missiles."
    )
    events = run(stages, text, date(2017, 11, 1), "met", "shelled")
    assert dates(events) == [date(2017, 10, 14), date(2017, 10, 16)]


def test_date_of_a_reported_clause_beats_the_reporting_date(stages: tuple[Any, Any, Any]) -> None:
    text = (
        "Monitor report\n\n"
        "The monitor said in a report issued on Wednesday that a farmer was abducted while he was held "
        "at a checkpoint run by a faction in the town last month."
    )
    events = run(stages, text, date(2019, 3, 14), "abducted", "issued")
    assert events[0].event_date == date(2019, 2, 15) and events[0].time_precision == 3
    assert events[1].event_date == date(2019, 3, 13) and events[1].time_precision == 1


@pytest.mark.parametrize(
    "sentence",
    [
        "Russian and Turkish troops carried out a joint patrol east of Derbasiyah on Friday morning, "
        "their fourth since an agreement last month.",
        "Russian and Turkish troops carried out a joint patrol east of Derbasiyah on Friday morning "
        "under the agreement of last month.",
    ],
)
def test_a_month_on_a_noun_does_not_move_the_narrative(stages: tuple[Any, Any, Any], sentence: str) -> None:
    text = f"Joint patrol\n\n{sentence} Residents threw stones at the vehicles."
    events = run(stages, text, date(2019, 11, 15), "carried", "threw")
    assert dates(events) == [date(2019, 11, 15), date(2019, 11, 15)]


def test_a_flashback_in_a_modifier_does_not_move_the_narrative(stages: tuple[Any, Any, Any]) -> None:
    text = (
        "Evacuation begins\n\n"
        "The first convoy left the besieged districts on Thursday, the Red Cross said. "
        "The agreement, reached late on Tuesday between the two sides, allows fighters to leave. "
        "Gunmen opened fire on the first convoy near the road."
    )
    events = run(stages, text, date(2016, 12, 16), "left", "reached", "opened")
    assert dates(events) == [date(2016, 12, 15), date(2016, 12, 13), date(2016, 12, 15)]


def test_future_clause_resolves_forward_and_forecasts(stages: tuple[Any, Any, Any]) -> None:
    text = (
        "Talks\n\nThe army shelled the town on Monday. Officials said the army will storm the town on Sunday."
    )
    events = run(stages, text, date(2019, 11, 27), "shelled", "storm")
    assert events[0].event_date == date(2019, 11, 25) and events[0].modality == "occurred"
    assert events[1].event_date == date(2019, 12, 1) and events[1].modality == "forecast"


def test_mentions_carry_sentence_indexes(stages: tuple[Any, Any, Any]) -> None:
    segment, nlp, time = stages
    doc = time(nlp(segment(Document(text=REPORT, id="t", published=date(2019, 3, 10)))))
    keys = {doc.span_text(m): (m.key, m.sentence) for m in doc.mentions if m.label == "date"}
    assert keys["3 March"][0] == "2019-03-03/2019-03-03/1"
    assert keys["The next day"][0] == "2019-03-04/2019-03-04/1"
    assert keys["Two days later"][0] == "2019-03-06/2019-03-06/1"
    assert keys["March 10"][0] == "2019-03-10/2019-03-10/1"
    assert (
        doc.sentences[keys["3 March"][1]].start
        <= REPORT.index("3 March")
        < doc.sentences[keys["3 March"][1]].end
    )


def test_a_future_in_another_clause_does_not_make_a_forecast(stages: tuple[Any, Any, Any]) -> None:
    text = (
        "Shelling\n\nOn Monday, rebels attacked a post. Rebels shelled the checkpoint, and the army vowed to "
        "retaliate in the coming days."
    )
    events = run(stages, text, date(2019, 11, 27), "shelled", "retaliate")
    assert events[0].modality == "occurred" and events[0].event_date == date(2019, 11, 25)
    assert events[1].modality == "forecast"


def test_soon_in_a_past_clause_is_no_forecast(stages: tuple[Any, Any, Any]) -> None:
    text = (
        "Collapse\n\nOn Monday, rebels took the town. The new faction soon collapsed after counter-attacks. "
        "The army will soon attack the town."
    )
    events = run(stages, text, date(2019, 11, 27), "collapsed", "will soon attack")
    assert events[0].modality == "occurred" and events[0].event_date == date(2019, 11, 25)
    assert events[1].modality == "forecast"
