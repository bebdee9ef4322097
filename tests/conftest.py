"""Shared fixtures: the location of ../shared and one pipeline per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def gazetteer_cache(tmp_path_factory: pytest.TempPathFactory):
    """One compiled gazetteer index for the whole session (and the commands it starts), under the
    session's temporary directory: never the user's own cache, and built once, not per module."""
    import os

    path = tmp_path_factory.getbasetemp() / "marsad-cache"
    before = os.environ.get("MARSAD_CACHE_DIR")
    os.environ["MARSAD_CACHE_DIR"] = str(path)
    yield path
    if before is None:
        os.environ.pop("MARSAD_CACHE_DIR", None)
    else:
        os.environ["MARSAD_CACHE_DIR"] = before


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
