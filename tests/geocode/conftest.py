"""Shared fixtures of the geocode tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from marsad.model import Document
from marsad.pipeline import Options, create


@pytest.fixture(scope="module")
def parse() -> Callable[..., Document]:
    """segment + nlp, built once per module: text (and an optional document id) to a parsed Document."""
    stages = [create(name, Options()) for name in ("segment.v1", "nlp.v1")]

    def run(text: str, doc_id: str = "t.txt") -> Document:
        doc = Document(text=text, id=doc_id)
        for stage in stages:
            doc = stage(doc)
        return doc

    return run
