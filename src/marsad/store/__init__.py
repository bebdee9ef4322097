"""The DuckDB event store: schema, migrations and the single writer."""

from marsad.store.store import Store

__all__ = ["Store"]
