"""Parquet export through pyarrow, with a fixed schema so that even an empty file is typed.

Columns are the contract's fields in contract order. `event_date` is a Parquet date (date32),
the counts and codes are integers, coordinates and confidence doubles, and `evidence` is a list
of structs `{document, sentence, start, end}`, so analysts can explode it without parsing JSON.
pyarrow is imported when a Parquet file is written, not when marsad is imported.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

from marsad.model.event import CONTRACT_FIELDS

_INTS = ("time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision")
_COUNTS = ("fatalities", "wounded", "captured")
_FLOATS = ("latitude", "longitude", "confidence")
_BATCH = 1000


def _schema() -> Any:
    """Return the pyarrow schema of the contract."""
    import pyarrow as pa

    evidence = pa.list_(
        pa.struct(
            [("document", pa.string()), ("sentence", pa.string()), ("start", pa.int64()), ("end", pa.int64())]
        )
    )
    types = {name: pa.string() for name in CONTRACT_FIELDS}
    types.update({name: pa.int64() for name in (*_INTS, *_COUNTS)})
    types.update({name: pa.float64() for name in _FLOATS})
    types.update(event_date=pa.date32(), date_start=pa.date32(), date_end=pa.date32(), evidence=evidence)
    return pa.schema([(name, types[name]) for name in CONTRACT_FIELDS])


def _row(rec: dict[str, Any]) -> dict[str, Any]:
    """Return a record's values typed for the schema."""
    row = {name: rec.get(name) for name in CONTRACT_FIELDS}
    for name in ("event_date", "date_start", "date_end"):
        value = row[name]
        row[name] = date.fromisoformat(value) if isinstance(value, str) and value else None
    row["evidence"] = list(row["evidence"] or [])
    return row


def _batches(records: Iterable[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    """Yield the records in lists of at most _BATCH typed rows."""
    batch: list[dict[str, Any]] = []
    for rec in records:
        batch.append(_row(rec))
        if len(batch) == _BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def write_parquet(records: Iterable[dict[str, Any]], out: str | Path | IO[bytes]) -> int:
    """Write the records to a Parquet file path or binary stream; return the number written."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _schema()
    sink: Any = str(out) if isinstance(out, str | Path) else pa.BufferOutputStream()
    count = 0
    with pq.ParquetWriter(sink, schema) as writer:
        for batch in _batches(records):
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    if not isinstance(out, str | Path):
        out.write(sink.getvalue().to_pybytes())
        out.flush()
    return count
