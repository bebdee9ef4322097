"""The web view's fixtures: a store of the bundled sample, the seeds (when ../shared is there) and a
hostile report, served on a free loopback port for the whole session."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from web_constants import HOSTILE_SOURCE, HOSTILE_TEXT, HOSTILE_TITLE, SHARED, TOKEN


def _documents() -> list[Any]:
    from marsad.ingest import read_inputs
    from marsad.model import Document

    sample = Path(str(resources.files("marsad") / "data" / "sample"))
    paths = [str(p) for p in sorted(sample.iterdir()) if p.suffix in (".txt", ".html", ".jsonl")]
    seeds = SHARED / "seeds"
    if seeds.is_dir():
        paths.append(str(seeds))
    docs = [d for d in read_inputs(paths) if isinstance(d, Document)]
    hostile = Document(
        text=HOSTILE_TEXT,
        id="hostile.txt",
        title=HOSTILE_TITLE,
        source=HOSTILE_SOURCE,
        published=date(2017, 10, 19),
    )
    return [*docs, hostile]


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory, pipeline: Any) -> Path:
    """A store of the sample corpus, the seeds if present and the hostile report."""
    from marsad.store import Store

    path = tmp_path_factory.mktemp("web") / "web.duckdb"
    with Store(path) as store:
        for doc in pipeline.pipe(_documents()):
            store.add_document(doc, doc.events)
    return path


@pytest.fixture(scope="session")
def web_server(web_db: Path) -> Iterator[Any]:
    """The web view over the store, on a free loopback port, with plain background tiles."""
    from marsad.store import Store
    from marsad.web import make_server

    with Store(web_db) as store:
        server = make_server(store, "127.0.0.1", 0, token=TOKEN, tiles="none")
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        server.base = f"http://127.0.0.1:{server.server_address[1]}"  # type: ignore[attr-defined]
        try:
            yield server
        finally:
            server.shutdown()
            server.server_close()
            thread.join(timeout=10)
