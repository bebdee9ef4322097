"""`marsad gazetteer import` streams: each place is written as it is read, not held (issue 15)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

from marsad.services.gazetteer_import import PlaceRecord, _Sink


def test_places_are_written_as_they_are_read() -> None:
    out = io.StringIO()
    sink = _Sink(out, "test")
    written: list[int] = []

    def rows() -> Iterator[PlaceRecord | str]:
        for i in range(3):
            yield PlaceRecord(f"r{i}", f"Place {i}", 10.0 + i, 20.0, "KE")
            written.append(out.getvalue().count("\n"))  # lines on disk after each row was handed over
        yield PlaceRecord("dup", "Place 0", 10.0, 20.0, "KE")  # same name and point: a duplicate
        yield "no name"

    records, skipped = sink.consume(rows(), None)
    assert records == [] and written == [1, 2, 3] and sink.count == 3
    assert skipped == {"no name": 1} and sink.skipped == {"duplicates": 1}
    ids = [json.loads(line)["id"] for line in out.getvalue().splitlines()]
    assert ids == ["imp:test:r0", "imp:test:r1", "imp:test:r2"]


def test_a_row_without_a_country_takes_the_nearest_written_places() -> None:
    out = io.StringIO()
    sink = _Sink(out, "test")
    sink.consume(
        iter([PlaceRecord("a", "Kainuk", 1.77, 35.51, "KE"), PlaceRecord("b", "Near", 1.78, 35.52, "")]), None
    )
    assert sink.count == 1 and len(sink.missing) == 1
    skipped: dict[str, int] = {}
    sink.place_missing(skipped)  # type: ignore[arg-type]
    assert sink.count == 2 and json.loads(out.getvalue().splitlines()[1])["country"] == "KE"
