"""`--engine dask`: the pipeline on a Dask cluster gives the records of the local engine."""

from __future__ import annotations

import contextlib
import io
import socket
import sys
import time
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from marsad.cli.main import main
from marsad.ingest import read_inputs
from marsad.model import Document
from marsad.pipeline import Options, Pipeline
from marsad.store import Store

SAMPLE = Path(str(resources.files("marsad") / "data" / "sample"))


def run(argv: list[str]) -> tuple[int, str, str]:
    """Run the CLI in-process; return its status, standard output and standard error."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv)
    return status, out.getvalue(), err.getvalue()


def sample_documents() -> list[Document]:
    """The bundled sample reports, read as the CLI reads them."""
    return [d for d in read_inputs([str(SAMPLE)]) if isinstance(d, Document)]


def outcome(docs: list[Document]) -> list[tuple[object, ...]]:
    """What a run produced, per document in order: metadata, sentences and event records."""
    return [(d.id, d.published, d.provenance, d.sentences, [e.to_record() for e in d.events]) for d in docs]


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """The address of a two-worker local Dask cluster on loopback, kept for the module's tests."""
    distributed = pytest.importorskip("distributed")
    import logging

    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        client.wait_for_workers(2, timeout=60)
        yield cluster.scheduler_address


def test_without_dask_installed_the_engine_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` now fails
    status, out, err = run(["extract", str(SAMPLE), "--engine", "dask", "--quiet"])
    assert status == 2 and out == ""
    assert "install marsad[dask]" in err and "Traceback" not in err


def test_scheduler_needs_the_dask_engine() -> None:
    status, _, err = run(["extract", str(SAMPLE), "--scheduler", "tcp://127.0.0.1:8786", "--quiet"])
    assert status == 2 and "--engine dask" in err


@pytest.mark.parametrize("address", ["closed", "no-port-here"])
def test_bad_scheduler_address_is_a_clear_error(address: str, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("distributed")
    from marsad.pipeline import dask_engine

    if address == "closed":  # a loopback port nothing listens on
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            address = f"tcp://127.0.0.1:{sock.getsockname()[1]}"
    monkeypatch.setattr(dask_engine, "CONNECT_TIMEOUT", 1.0)
    start = time.monotonic()
    status, out, err = run(["extract", str(SAMPLE), "--engine", "dask", "--scheduler", address, "-q"])
    assert status == 2 and out == ""
    assert f"Dask scheduler at {address!r}" in err and "Traceback" not in err
    assert time.monotonic() - start < 15


@pytest.mark.slow
@pytest.mark.shared
def test_extract_on_the_seeds_gives_the_local_records(shared_dir: Path) -> None:
    seeds = sorted(str(p) for p in (shared_dir / "seeds").iterdir() if p.is_file())
    if not seeds:
        pytest.skip("no seeds in ../shared/seeds")
    pytest.importorskip("distributed")
    local = run(["extract", *seeds, "--quiet"])
    dask = run(["extract", *seeds, "--quiet", "--engine", "dask", "--workers", "2"])
    assert local[0] == 0 and local[1].count("\n") >= 2
    assert dask[:2] == local[:2]


@pytest.mark.slow
def test_sample_on_a_cluster_gives_the_local_documents(scheduler: str, pipeline: Pipeline) -> None:
    from marsad.pipeline.dask_engine import DaskPipeline

    local = outcome(list(pipeline.pipe(sample_documents(), batch_size=2)))
    # batches of two on two workers: several in flight, finishing out of order
    with DaskPipeline(Options(batch_size=2), scheduler=scheduler) as engine:
        assert engine.in_flight == 4
        peaks = engine.worker_peaks()
        remote = outcome(list(engine.pipe(sample_documents())))
    assert len(peaks) == 2 and all(mb > 0 for mb in peaks.values())
    assert sum(len(records) for *_, records in local) >= 10
    assert remote == local


@pytest.mark.slow
def test_ingest_on_a_cluster_stores_what_a_local_ingest_stores(scheduler: str, tmp_path: Path) -> None:
    stores = {}
    for engine, extra in (("local", []), ("dask", ["--engine", "dask", "--scheduler", scheduler])):
        db = tmp_path / f"{engine}.duckdb"
        status, _, err = run(["ingest", str(SAMPLE), "--db", str(db), "--quiet", *extra])
        assert status == 0, err
        stores[engine] = snapshot(db)
    assert stores["local"]["counts"]["events"] >= 10
    assert stores["dask"] == stores["local"]


def snapshot(db: Path) -> dict[str, Any]:
    """A store's counts, per-report records and fused records."""
    with Store(db, read_only=True) as store:
        return {
            "counts": store.counts(),
            "records": list(store.iter_records()),
            "fused": list(store.iter_fused()),
        }
