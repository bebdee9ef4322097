"""Matching and merging as pure functions over records."""

from __future__ import annotations

from typing import Any

from marsad.fuse import conflicts, fuse_records, same_event
from marsad.fuse.match import types_match


def rec(**fields: Any) -> dict[str, Any]:
    """An occurred air strike in Ariha on 2019-12-05, with fields overridden."""
    base: dict[str, Any] = {
        "event_id": "E1",
        "document": "a",
        "source": "A",
        "event_date": "2019-12-05",
        "date_start": "2019-12-05",
        "date_end": "2019-12-05",
        "time_precision": 1,
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "actor1": "Military Forces of Russia",
        "assoc_actor_1": "",
        "actor2": "Civilians (Syria)",
        "location": "Ariha",
        "latitude": 35.8126,
        "longitude": 36.6083,
        "fatalities": 9,
        "wounded": None,
        "modality": "occurred",
        "evidence": [{"document": "a", "sentence": "s", "start": 0, "end": 1}],
        "confidence": 0.5,
    }
    base.update(fields)
    return base


def test_same_day_place_and_type_fuse() -> None:
    assert same_event(rec(), rec(event_id="E2", document="b", event_date="2019-12-06", location="Areeha"))


def test_a_day_apart_or_nearby_place_still_fuse() -> None:
    assert same_event(rec(), rec(event_date="2019-12-04", location="", latitude=35.9, longitude=36.7))


def test_different_day_is_separate() -> None:
    assert not same_event(rec(), rec(event_date="2019-12-08", date_start="2019-12-08", date_end="2019-12-08"))


def test_100_km_apart_is_separate() -> None:
    assert not same_event(rec(), rec(location="Elsewhere", latitude=36.7126))


def test_precision_3_dates_overlap() -> None:
    month = rec(event_date="2019-12-15", date_start="2019-12-01", date_end="2019-12-31", time_precision=3)
    assert same_event(rec(event_date="2019-12-28", date_start="2019-12-28", date_end="2019-12-28"), month)
    later = rec(event_date="2020-01-15", date_start="2020-01-01", date_end="2020-01-31", time_precision=3)
    assert not same_event(rec(), later)


def test_contradicting_actors_are_separate_but_unknown_actor_fuses() -> None:
    assert not same_event(rec(), rec(actor1="Military Forces of Syria"))
    assert same_event(rec(), rec(actor1=""))


def test_compatible_types() -> None:
    clash = {"event_type": "Battles", "sub_event_type": "Armed clash"}
    strike = {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike"}
    retake = {"event_type": "Battles", "sub_event_type": "Government regains territory"}
    transfer = {"event_type": "Strategic developments", "sub_event_type": "Non-violent transfer of territory"}
    arrests = {"event_type": "Strategic developments", "sub_event_type": "Arrests"}
    assert types_match(clash, strike) and types_match(retake, transfer)
    assert not types_match(strike, arrests) and not types_match(clash, arrests)


def test_merge_keeps_claims_lowest_toll_and_conflicts() -> None:
    fused = fuse_records(
        "F1", [rec(fatalities=14), rec(event_id="E2", document="b", source="B", fatalities=9)]
    )
    assert fused["event_id"] == "F1" and fused["fatalities"] == 9
    assert [c["fatalities"] for c in fused["claims"]] == [14, 9]
    assert fused["conflicts"] == ["fatalities"]
    assert fused["source"] == "A; B" and len(fused["evidence"]) == 2


def test_a_source_without_a_toll_does_not_conflict() -> None:
    claims = [{"fatalities": 0, "wounded": None}, {"fatalities": 5, "wounded": 3}]
    assert conflicts(claims) == []


def test_an_unidentified_perpetrator_contradicts_no_named_one() -> None:
    from marsad.fuse.match import actors_match

    named = {"actor1": "Islamic State (Iraq)"}
    assert actors_match({"actor1": "Unidentified Armed Group (Iraq)"}, named)
    assert not actors_match({"actor1": "Military Forces of Iraq (2014-2022)"}, named)
