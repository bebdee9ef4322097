"""Shared fixtures: the location of ../shared and one pipeline per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The team's shared data beside the checkout; tests that need it skip where it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is absent")
    return SHARED


@pytest.fixture(scope="session")
def pipeline():
    """The default pipeline, built once (it loads the spaCy model)."""
    from marsad.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def events_of(pipeline):
    """Run the default pipeline on a text and return its events."""
    from datetime import date

    from marsad.model import Document

    def run(text: str, published: str | None = "2017-10-20", doc_id: str = "t.txt"):
        doc = Document(text=text, id=doc_id, published=date.fromisoformat(published) if published else None)
        return pipeline(doc).events

    return run
