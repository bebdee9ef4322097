"""Reading the gold for `marsad eval`: ACLED exports in both schemas, and gold JSON lines."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest

from marsad.errors import InputError
from marsad.evaluation import GoldEvent, read_acled, read_gold
from marsad.evaluation.gold import note_text, parse_acled_date


def test_current_schema_rows_with_notes(current_csv: Path) -> None:
    notes = read_acled(current_csv)
    assert [n.gold.document for n in notes] == ["acled-TST1", "acled-TST2", "acled-TST4"]
    first = notes[0]
    assert first.published == date(2020, 3, 3)
    assert first.gold == GoldEvent(
        document="acled-TST1",
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1="Military Forces of Syria (2000-)",
        actor2="Islamic State (Syria)",
        event_date=date(2020, 3, 3),
        latitude=34.556,
        longitude=38.284,
        geo_precision=1,
        fatalities=4,
    )
    assert notes[1].gold.actor2 is None  # an empty actor2 is not scored


def test_acled_label_and_size_tag_are_not_part_of_the_report(current_csv: Path) -> None:
    protest = read_acled(current_csv)[1]
    assert protest.text == (
        "On 4 March 2020, hundreds of people demonstrated peacefully in Idlib city against rising bread prices."
    )


def test_limit_takes_the_first_notes(current_csv: Path) -> None:
    assert [n.gold.document for n in read_acled(current_csv, limit=2)] == ["acled-TST1", "acled-TST2"]


def test_sample_draws_as_random_sample_with_the_seed(current_csv: Path) -> None:
    everything = [n.gold.document for n in read_acled(current_csv)]
    expected = random.Random(7).sample(everything, 2)
    assert [n.gold.document for n in read_acled(current_csv, sample=2)] == expected
    assert [n.gold.document for n in read_acled(current_csv, sample=2, seed=3)] == random.Random(3).sample(
        everything, 2
    )
    assert len(read_acled(current_csv, sample=10)) == 3  # more than there are: all of them


def test_older_schema(old_csv: Path) -> None:
    riot, battle = read_acled(old_csv)
    assert riot.gold.document == "acled-1OLD"
    assert riot.gold.sub_event_type is None
    assert riot.gold.actor2 is None
    assert riot.gold.event_date == date(2015, 1, 2)
    assert riot.gold.event_types == {"Protests", "Riots"}
    assert riot.gold.label == "Riots/Protests"
    assert battle.gold.event_types == {"Battles"}
    assert battle.gold.geo_precision == 2
    variant = GoldEvent(document="x", event_type="Battle-Non-state actors overtake territory")
    assert variant.event_types == {"Battles"}


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("21 March 2020", date(2020, 3, 21)),
        ("2016-07-02", date(2016, 7, 2)),
        ("5-Aug-24", date(2024, 8, 5)),
        ("31-12-19", date(2019, 12, 31)),
        ("01-January-2015", date(2015, 1, 1)),
        ("someday", None),
    ],
)
def test_acled_dates(text: str, day: date | None) -> None:
    assert parse_acled_date(text) == day


def test_note_text_keeps_a_colon_inside_the_note() -> None:
    note = "On 1 May 2020, police said: two men were arrested."
    assert note_text(note) == note


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"a,b\n1,2\n", "no notes or event_type column"),
        (b"notes,x\nsomething,1\n", "no event_type column"),
        (b"\xff\xfe\x00bin\x00ary", "not UTF-8"),
        (b"event_type,notes\nBattles,\n", "no row has a note"),
    ],
)
def test_unusable_acled_file_is_named_with_its_reason(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_acled(path)
    assert err.value.name == str(path)
    assert reason in err.value.reason


def test_missing_acled_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_acled(tmp_path / "absent.csv")


def test_gold_lines(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(
        '{"document": "r1.txt", "event_date": "2020-03-03", "sub_event_type": "Armed clash", '
        '"actor1": "Taliban", "latitude": 34.5, "longitude": 69.2, "fatalities": 2}\n'
        "\n"
        '{"id": 7, "sub_event_type": "Arrests", "geo_precision": 2}\n',
        encoding="utf-8",
    )
    first, second = read_gold(path)
    assert first == GoldEvent(
        document="r1.txt",
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1="Taliban",
        event_date=date(2020, 3, 3),
        latitude=34.5,
        longitude=69.2,
        fatalities=2,
    )
    assert second.document == "7"
    assert second.event_type == "Strategic developments"
    assert second.geo_precision == 2


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("not json", "not valid JSON"),
        ("[1, 2]", "not a JSON object"),
        ('{"sub_event_type": "Armed clash"}', 'no "document"'),
        ('{"document": "a", "sub_event_type": "Skirmish"}', "not one of ACLED's sub-event types"),
        ('{"document": "a", "event_date": "3 March"}', "YYYY-MM-DD"),
        ('{"document": "a", "latitude": 3.0}', "give both or neither"),
        ('{"document": "a", "fatalities": "many"}', '"fatalities" is not a number'),
        ('{"document": "a", "actor1": 5}', '"actor1" is not a string'),
    ],
)
def test_malformed_gold_line_is_named_with_its_line(tmp_path: Path, line: str, reason: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"document": "ok"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_gold(path)
    assert err.value.name == f"{path}:2"
    assert reason in err.value.reason


def test_empty_or_missing_gold_file(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    with pytest.raises(InputError, match="no gold records"):
        read_gold(path)
    with pytest.raises(InputError, match="no such file"):
        read_gold(tmp_path / "absent.jsonl")
