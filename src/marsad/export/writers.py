"""Write contract records as JSON lines, CSV, GeoJSON, ACLED CSV or Parquet.

Records are dicts shaped like `Event.to_record()`; fused records (`Store.iter_fused`) also carry
`claims` and `conflicts`, which JSON lines and GeoJSON keep as lists and the CSV formats write, when
asked with `fused=True`, as JSON text in trailing columns (Parquet keeps the contract fields only).
Text formats go to a path (written as UTF-8) or to any text stream such as sys.stdout; a binary
stream is wrapped. Parquet needs a path or a
binary stream. Every writer streams its input and returns how many records it wrote.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, BinaryIO, TextIO

from marsad.errors import OptionError
from marsad.export.acled import csv_safe, write_acled_csv
from marsad.export.parquet import write_parquet
from marsad.model.event import CONTRACT_FIELDS

FUSED_FIELDS: tuple[str, ...] = ("claims", "conflicts")
FORMATS: tuple[str, ...] = ("jsonl", "csv", "geojson", "acled-csv", "parquet")

Output = TextIO | BinaryIO | str | Path


def _contract(rec: dict[str, Any]) -> dict[str, Any]:
    """Return a record's contract fields in contract order, then its `claims`/`conflicts` if any."""
    out = {name: rec.get(name) for name in CONTRACT_FIELDS}
    out.update({name: rec[name] for name in FUSED_FIELDS if name in rec})
    return out


def fused_columns(rec: dict[str, Any]) -> dict[str, str]:
    """Return a fused record's `claims` and `conflicts` as JSON text, for CSV columns."""
    return {name: json.dumps(rec.get(name) or [], ensure_ascii=False) for name in FUSED_FIELDS}


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO, fused: bool = False) -> int:
    """Write one contract record per line; return the number written."""
    count = 0
    for rec in records:
        out.write(json.dumps(_contract(rec), ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(records: Iterable[dict[str, Any]], out: TextIO, fused: bool = False) -> int:
    """Write the contract fields as CSV columns, evidence as JSON text; header always.

    With `fused`, `claims` and `conflicts` follow as JSON text in two trailing columns.
    """
    fields = CONTRACT_FIELDS + FUSED_FIELDS if fused else CONTRACT_FIELDS
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    count = 0
    for rec in records:
        row = _contract(rec)
        row["evidence"] = json.dumps(row["evidence"] or [], ensure_ascii=False)
        if fused:
            row.update(fused_columns(rec))
        writer.writerow(csv_safe(row))
        count += 1
    return count


def _feature(rec: dict[str, Any]) -> dict[str, Any] | None:
    """Return a record's GeoJSON Point feature, or None when it has no coordinates."""
    lat, lon = rec.get("latitude"), rec.get("longitude")
    if lat is None or lon is None:
        return None
    props = {k: v for k, v in _contract(rec).items() if k not in ("latitude", "longitude")}
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": props}


def write_geojson(records: Iterable[dict[str, Any]], out: TextIO, fused: bool = False) -> int:
    """Write a FeatureCollection of the records that have coordinates; return the features written."""
    out.write('{"type": "FeatureCollection", "features": [')
    count = 0
    for rec in records:
        feature = _feature(rec)
        if feature is None:
            continue
        out.write(("\n" if count == 0 else ",\n") + json.dumps(feature, ensure_ascii=False))
        count += 1
    out.write("\n]}\n")
    return count


_TEXT_WRITERS: dict[str, Callable[[Iterable[dict[str, Any]], TextIO, bool], int]] = {
    "jsonl": write_jsonl,
    "csv": write_csv,
    "geojson": write_geojson,
    "acled-csv": write_acled_csv,
}


def _is_text(stream: Any) -> bool:
    """True when a stream takes str rather than bytes."""
    if isinstance(stream, io.TextIOBase):
        return True
    if isinstance(stream, io.RawIOBase | io.BufferedIOBase):
        return False
    return "b" not in getattr(stream, "mode", "")


@contextmanager
def _text_out(out: Output) -> Iterator[TextIO]:
    """Yield a text stream for `out`: the stream itself, a wrapped binary stream or an opened file."""
    if isinstance(out, str | Path):
        try:
            handle = open(out, "w", encoding="utf-8", newline="")  # noqa: SIM115 (closed below)
        except OSError as exc:
            raise OptionError(f"{out}: cannot write the export ({exc.strerror}); check the path") from exc
        with handle:
            yield handle
    elif _is_text(out):
        yield out  # type: ignore[misc]
        out.flush()
    else:
        wrapper = io.TextIOWrapper(out, encoding="utf-8", newline="")  # type: ignore[type-var]
        try:
            yield wrapper
            wrapper.flush()
        finally:
            wrapper.detach()


def write_records(records: Iterable[dict[str, Any]], fmt: str, out: Output, *, fused: bool = False) -> int:
    """Write records in format `fmt` (one of FORMATS) to a path or stream; return the number written.

    `fused` adds the `claims` and `conflicts` columns to the CSV formats.
    """
    if fmt not in FORMATS:
        raise OptionError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        return _write_parquet(records, out)
    with _text_out(out) as stream:
        return _TEXT_WRITERS[fmt](records, stream, fused)


def _write_parquet(records: Iterable[dict[str, Any]], out: Output) -> int:
    """Write Parquet to a path or binary stream; refuse a text stream such as stdout."""
    if not isinstance(out, str | Path) and _is_text(out):
        raise OptionError(
            "parquet is a binary format and cannot go to a text stream; give an output file path"
        )
    binary: str | Path | IO[bytes] = out  # type: ignore[assignment]
    try:
        return write_parquet(records, binary)
    except OSError as exc:
        raise OptionError(f"{out}: cannot write the export ({exc}); check the path") from exc
