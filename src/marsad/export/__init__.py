"""Exports of stored or extracted records: JSON lines, CSV, GeoJSON, ACLED CSV and Parquet."""

from marsad.export.writers import FORMATS, write_records

__all__ = ["FORMATS", "write_records"]
