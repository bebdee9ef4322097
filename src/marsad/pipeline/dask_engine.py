"""The whole pipeline on a Dask cluster: `--engine dask [--scheduler ADDRESS]`.

`DaskPipeline` offers what `ParallelPipeline` offers (`pipe`, `extract`, `start`, `close`,
`worker_peaks`, use as a context manager), so a caller picks one class or the other. Without a
scheduler address it starts a `distributed.LocalCluster` of `workers` processes with one thread
each; with one, it connects to that scheduler and uses whatever workers the cluster has (a SLURM or
Kubernetes cluster started with dask-jobqueue or dask-kubernetes: see docs/scale.md).

Each worker process builds one `Pipeline` for the run's options the first time it gets a batch and
keeps it (the model and the knowledge files are loaded once per process). The calling process reads
the input, cuts it into the batches `Pipeline.pipe` would, and submits each batch as plain data
(`parallel.payload`); the documents come back processed (the parse dropped) and are yielded in
input order. At most two batches per worker are in flight, so memory does not grow with the corpus.

Dask is optional: `pip install 'marsad[dask]'`. Without it, building a `DaskPipeline` raises an
`OptionError` that says so. Every worker needs marsad and the spaCy model installed, and any
`--knowledge` directory at the same path.
"""

from __future__ import annotations

import logging
import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from marsad.errors import MarsadError, OptionError
from marsad.model import Document
from marsad.pipeline.options import Options
from marsad.pipeline.parallel import (
    Payload,
    PipelinePool,
    _document,
    _warm,
    check_workers,
    payload,
    peak_rss_mb,
)

# seconds to wait for a scheduler given by address before saying it cannot be reached
CONNECT_TIMEOUT = 5.0

INSTALL_HINT = "install marsad[dask] (pip install 'marsad[dask]')"

# per worker process: one pipeline per options, and a lock so that a worker with several threads
# builds it once and runs one batch at a time through it (spaCy's pipeline is not thread-safe)
_PIPELINES: dict[Options, Any] = {}
_LOCK = threading.Lock()


def _distributed() -> Any:
    """The `distributed` module, or an OptionError saying how to install it."""
    try:
        import distributed
    except ImportError as exc:
        raise OptionError(
            f"the dask engine needs Dask's distributed scheduler, which is not installed: {INSTALL_HINT}"
        ) from exc
    return distributed


def _worker_pipeline(options: Options) -> Any:
    """In a worker process: the pipeline for `options`, built on first use. Hold `_LOCK`."""
    pipeline = _PIPELINES.get(options)
    if pipeline is None:
        from marsad.pipeline.runner import Pipeline

        pipeline = _PIPELINES[options] = Pipeline(options)
        _warm(pipeline)
    return pipeline


def _run_batch(options: Options, batch: list[Payload]) -> list[Document]:
    """In a worker: process one batch as `Pipeline.pipe` would, and return the documents."""
    with _LOCK:
        docs = [_document(data) for data in batch]
        return list(_worker_pipeline(options).pipe(docs, batch_size=len(docs)))


def _probe(options: Options) -> tuple[int, float]:
    """In a worker: build its pipeline, then give its process id and its peak memory in MB."""
    with _LOCK:
        _worker_pipeline(options)
    return os.getpid(), peak_rss_mb()


class DaskPipeline(PipelinePool):
    """`Pipeline.pipe` on a Dask cluster: the same documents and events, in the same order.

    `scheduler` is an address such as `tcp://10.0.0.5:8786`; without one, a local cluster of
    `workers` processes (one thread each) is started and stopped with this object. Use `pipe(docs)`
    directly, or as a context manager to keep the cluster between calls.
    """

    def __init__(
        self,
        options: Options | None = None,
        workers: int = 2,
        scheduler: str | None = None,
        connect_timeout: float | None = None,
    ) -> None:
        self._dist = _distributed()
        self.options = options or Options()
        self.workers = check_workers(workers)
        self.scheduler = scheduler
        self.connect_timeout = connect_timeout
        self._cluster: Any = None
        self._client: Any = None

    @property
    def in_flight(self) -> int:
        """Batches sent and not yet returned: two per worker the cluster has now (at least two)."""
        if self._client is None:
            return 2 * self.workers
        return 2 * max(1, len(self._client.nthreads()))

    def start(self, wait: bool = False) -> None:
        """Start the local cluster or connect to the scheduler; with `wait`, return once each worker
        has built its pipeline."""
        if self._client is None:
            self._client = self._connect()
        if wait:
            self.worker_peaks()

    def _connect(self) -> Any:
        dist = self._dist
        if self.scheduler is None:
            try:
                self._cluster = dist.LocalCluster(
                    n_workers=self.workers,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=":0",
                    silence_logs=logging.CRITICAL,  # a failed batch is raised here, with its reason
                )
                client = dist.Client(self._cluster)
                client.wait_for_workers(self.workers, timeout=120)
            except (OSError, RuntimeError, TimeoutError) as exc:
                self.close()
                raise MarsadError(f"could not start a local Dask cluster: {exc}") from exc
            return client
        try:
            timeout = CONNECT_TIMEOUT if self.connect_timeout is None else self.connect_timeout
            return dist.Client(self.scheduler, timeout=timeout)
        except (OSError, ValueError, TimeoutError) as exc:
            reason = str(exc) or type(exc).__name__
            raise OptionError(f"cannot use the Dask scheduler at {self.scheduler!r}: {reason}") from None

    def worker_peaks(self) -> dict[int, float]:
        """Each worker's peak memory in MB by process id, once each has built its pipeline."""
        self.start()
        client = self._client
        addresses = list(client.nthreads())
        futures = [
            client.submit(_probe, self.options, workers=[address], allow_other_workers=False, pure=False)
            for address in addresses
        ]
        return dict(_result(future) for future in futures)

    def close(self) -> None:
        """Disconnect from the scheduler, and stop the local cluster if this object started it."""
        client, self._client = self._client, None
        cluster, self._cluster = self._cluster, None
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()

    def pipe(self, docs: Iterable[Document], batch_size: int | None = None) -> Iterator[Document]:
        """Yield each document processed, in input order, with a bounded number of batches in flight."""
        owned = self._client is None
        self.start()
        try:
            yield from self._stream(docs, batch_size or self.options.batch_size)
        finally:
            if owned:
                self.close()

    def _stream(self, docs: Iterable[Document], size: int) -> Iterator[Document]:
        """Keep `in_flight` batches submitted; yield the oldest batch's documents as it completes."""
        client = self._client
        it = iter(docs)
        pending: deque[Any] = deque()
        window = self.in_flight
        sent = 0
        try:
            while True:
                while len(pending) < window and (batch := list(islice(it, size))):
                    data = [payload(doc) for doc in batch]
                    pending.append(client.submit(_run_batch, self.options, data, pure=False))
                    sent += 1
                    if sent % 16 == 0:  # follow a cluster that grows or shrinks
                        window = self.in_flight
                if not pending:
                    return
                future = pending.popleft()
                yield from _result(future)
                future.release()
        finally:
            for future in pending:
                future.cancel()

    def extract(self, doc: Document) -> list[Any]:
        """Process one document and return its events."""
        return [event for done in self.pipe([doc]) for event in done.events]


def _result(future: Any) -> Any:
    """The future's result; a worker lost for good becomes a MarsadError that says so."""
    try:
        return future.result()
    except MarsadError:
        raise
    except Exception as exc:
        if type(exc).__name__ == "KilledWorker":
            raise MarsadError(
                f"Dask workers died running a batch ({exc}); they may have run out of memory: "
                "give each worker more memory or use smaller batches"
            ) from exc
        raise
