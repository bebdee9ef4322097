"""marsad.evaluation.scoring on made-up records and gold events: exact figures."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from marsad.evaluation import GoldEvent, Scores
from marsad.evaluation.scoring import compare, km, same_actor

CLASH = GoldEvent(
    document="d1",
    event_type="Battles",
    sub_event_type="Armed clash",
    actor1="Military Forces of Syria (2000-)",
    actor2="Islamic State (Syria)",
    event_date=date(2020, 3, 1),
    latitude=35.0,
    longitude=40.0,
    geo_precision=1,
    fatalities=3,
)
STRIKE = GoldEvent(
    document="d2",
    event_type="Explosions/Remote violence",
    sub_event_type="Air/drone strike",
    actor1="Military Forces of Russia (2000-)",
    event_date=date(2020, 3, 2),
    latitude=36.0,
    longitude=41.0,
    geo_precision=2,
    fatalities=0,
)
PROTEST = GoldEvent(
    document="d3",
    event_type="Protests",
    sub_event_type="Peaceful protest",
    actor1="Protesters (Syria)",
    event_date=date(2020, 3, 4),
    latitude=33.5,
    longitude=36.3,
    geo_precision=1,
    fatalities=0,
)
# an older-schema row: 'Riots/Protests' stands for Protests and Riots; no sub-event type, no date
OLD = GoldEvent(document="d4", event_type="Riots/Protests", actor1="Rioters (Bangladesh)")


def rec(**fields: Any) -> dict[str, Any]:
    return {"modality": "occurred"} | fields


def scored() -> Scores:
    scores = Scores()
    scores.add(
        [CLASH],
        [
            rec(
                event_type="Battles",
                sub_event_type="Armed clash",
                actor1="Military Forces of Syria (2000-2024)",
                actor2="Islamic State (Syria)",
                event_date="2020-03-01",
                latitude=35.05,
                longitude=40.0,
                fatalities=3,
            ),
            rec(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike"),
        ],
    )
    scores.add(
        [STRIKE],
        [
            rec(
                event_type="Explosions/Remote violence",
                sub_event_type="Shelling/artillery/missile attack",
                actor1="Military Forces of Syria (2000-2024)",
                event_date="2020-03-03",
                latitude=36.3,
                longitude=41.0,
                fatalities=None,
            )
        ],
    )
    scores.add([PROTEST], [rec(event_type="Protests", sub_event_type="Peaceful protest", modality="planned")])
    scores.add(
        [OLD], [rec(event_type="Riots", sub_event_type="Mob violence", actor1="rioters  (bangladesh)")]
    )
    return scores


def test_per_field_accuracy_exact() -> None:
    assert scored().accuracy() == {
        "found": 0.75,
        "event_type": 0.75,
        "sub_event_type": 0.333,
        "actor1": 0.5,
        "actor2": 1.0,
        "date": 0.333,
        "location": 0.667,
        "fatalities": 0.667,
    }


def test_fields_without_gold_are_not_scored() -> None:
    scores = scored()
    assert scores.scored["actor2"] == 1  # only the clash names actor2
    assert scores.scored["sub_event_type"] == 3  # the older row has none
    assert scores.scored["date"] == 3


def test_detection_counts_leftover_records_and_ignores_planned_ones() -> None:
    scores = scored()
    assert (scores.records, scores.matched, scores.gold_events) == (4, 3, 4)
    assert scores.detection() == {"precision": 0.75, "recall": 0.75, "f1": 0.75}


def test_per_type_and_weighted_f1() -> None:
    scores = scored()
    assert scores.per_type() == {
        "Air/drone strike": {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1},
        "Armed clash": {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 1},
        "Peaceful protest": {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1},
        "Riots/Protests": {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 1},
    }
    assert scores.weighted_f1() == 0.5


def test_confusion_lists_misses_and_leftover_records() -> None:
    assert scored().confusion() == [
        {"gold": "(none)", "predicted": "Air/drone strike", "count": 1},
        {"gold": "Air/drone strike", "predicted": "Shelling/artillery/missile attack", "count": 1},
        {"gold": "Armed clash", "predicted": "Armed clash", "count": 1},
        {"gold": "Peaceful protest", "predicted": "(none)", "count": 1},
        {"gold": "Riots/Protests", "predicted": "Riots/Protests", "count": 1},
    ]


def test_summary_has_exactly_the_documented_keys() -> None:
    summary = scored().summary()
    assert list(summary) == ["notes", "accuracy", "weighted_f1", "per_type", "confusion"]
    assert summary["notes"] == 4


def test_best_record_prefers_the_right_type_over_more_fields() -> None:
    gold = CLASH
    wrong_type = rec(
        event_type="Violence against civilians",
        sub_event_type="Attack",
        event_date="2020-03-01",
        actor1=gold.actor1,
        actor2=gold.actor2,
        latitude=35.0,
        longitude=40.0,
        fatalities=3,
    )
    right_sub = rec(event_type="Battles", sub_event_type="Armed clash")
    scores = Scores()
    scores.add([gold], [wrong_type, right_sub])
    assert scores.accuracy()["sub_event_type"] == 1.0
    assert scores.accuracy()["actor1"] == 0.0
    assert scores.confusion()[0] == {"gold": "(none)", "predicted": "Attack", "count": 1}


def test_two_gold_events_of_one_document_take_two_records() -> None:
    second = GoldEvent(
        document="d1", event_type="Explosions/Remote violence", sub_event_type="Air/drone strike"
    )
    scores = Scores()
    scores.add(
        [CLASH, second],
        [
            rec(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike"),
            rec(event_type="Battles", sub_event_type="Armed clash"),
        ],
    )
    assert scores.accuracy()["sub_event_type"] == 1.0
    assert scores.detection() == {"precision": 1.0, "recall": 1.0, "f1": 1.0}


def test_a_record_is_taken_once() -> None:
    twin = GoldEvent(document="d1", event_type="Battles", sub_event_type="Armed clash")
    scores = Scores()
    scores.add([CLASH, twin], [rec(event_type="Battles", sub_event_type="Armed clash")])
    assert scores.accuracy()["found"] == 0.5
    assert scores.detection() == {"precision": 1.0, "recall": 0.5, "f1": 0.667}


@pytest.mark.parametrize(
    ("precision", "lat", "right"),
    [(1, 35.085, True), (1, 35.095, False), (2, 35.35, True), (3, 35.35, True), (2, 35.37, False)],
)
def test_location_radius_follows_geo_precision(precision: int, lat: float, right: bool) -> None:
    gold = GoldEvent(document="d", latitude=35.0, longitude=40.0, geo_precision=precision)
    assert compare(rec(latitude=lat, longitude=40.0), gold)["location"] is right


def test_a_record_without_coordinates_is_off_the_map() -> None:
    assert compare(rec(latitude=None, longitude=None), CLASH)["location"] is False


def test_actor_names() -> None:
    assert same_actor("Military Forces of Afghanistan (2014-2021)", "Military Forces of Afghanistan (2014-)")
    assert same_actor("taliban", "Taliban")
    assert not same_actor("Military Forces of Pakistan (2018-)", "Military Forces of Afghanistan (2014-)")
    assert not same_actor(None, "Taliban")


def test_km() -> None:
    assert km(35.0, 40.0, 35.0, 40.0) == 0.0
    assert round(km(0.0, 0.0, 1.0, 0.0), 1) == 111.2
