"""Several worker processes on one machine, each running the whole pipeline.

Each worker builds one `Pipeline` (model and knowledge files loaded once) in its initializer. The
main process reads the input, cuts it into the same batches `Pipeline.pipe` would, and sends each
batch as plain data (text and metadata, never a spaCy object); the worker sends back the processed
documents (sentences, mentions and picklable `Event`s, the parse dropped). Results come back in
input order, and at most `workers * 2` batches are in flight, so memory does not grow with the
corpus. All reading of the input (and any store look-up it does) stays in the calling thread.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import resource
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import date
from itertools import islice
from multiprocessing.connection import wait as wait_for
from types import TracebackType
from typing import Any, Self

from marsad.errors import MarsadError, OptionError
from marsad.model import Document
from marsad.pipeline.options import Options

# what a worker needs to rebuild a document: text, id, title, source, url, published, provenance,
# origin (where it was read, for messages)
Payload = tuple[str, str, str | None, str | None, str | None, date | None, dict[str, str], str, str]

# per worker process: its pipeline, or the error building it raised (re-raised on the first batch)
_WORKER: dict[str, Any] = {}


def check_workers(workers: int) -> int:
    """Return `workers` when it is a usable number of worker processes; raise OptionError if not."""
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise OptionError(f"workers must be a whole number of at least 1, not {workers!r}")
    return workers


def payload(doc: Document) -> Payload:
    """The plain data a worker needs to process `doc`."""
    return (
        doc.text,
        doc.id,
        doc.title,
        doc.source,
        doc.url,
        doc.published,
        dict(doc.provenance),
        doc.origin,
        doc.country,
    )


def _document(data: Payload) -> Document:
    """Rebuild a document from its payload."""
    text, doc_id, title, source, url, published, provenance, origin, country = data
    return Document(text, doc_id, title, source, url, published, provenance, origin=origin, country=country)


def _init_worker(options: Options) -> None:
    """Build the worker's pipeline once; leave Ctrl-C to the main process; exit if it dies."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _watch_parent()
    try:
        from marsad.pipeline.runner import Pipeline

        _WORKER["pipeline"] = Pipeline(options)
    except Exception as exc:  # raised again with the first batch, so the caller sees it
        _WORKER["error"] = exc
        return
    _warm(_WORKER["pipeline"])


def _warm(pipeline: Any) -> None:
    """Load what the stages load on first use before the first batch; best effort only: a stage
    that fails on the made-up warm-up report will say why on the first real batch."""
    with contextlib.suppress(Exception):
        pipeline.warm()


def _watch_parent() -> None:
    """Exit this worker as soon as the main process is gone (even killed with SIGKILL)."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        wait_for([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="marsad-parent-watch", daemon=True).start()


def _run_batch(batch: list[Payload]) -> list[Document]:
    """In a worker: process one batch as `Pipeline.pipe` would, and return the documents."""
    if "error" in _WORKER:
        raise _WORKER["error"]
    docs = [_document(data) for data in batch]
    return list(_WORKER["pipeline"].pipe(docs, batch_size=len(docs)))


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB.

    Linux's VmHWM where there is one: a spawned process's `ru_maxrss` also counts its parent's
    memory at the fork before `exec`, so it reports the parent's size for a small worker.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _probe() -> tuple[int, float]:
    """In a worker, once its pipeline is built: its process id and its peak memory in MB."""
    if "error" in _WORKER:
        raise _WORKER["error"]
    time.sleep(0.05)  # long enough that each worker takes one of the probes
    return os.getpid(), peak_rss_mb()


class PipelinePool:
    """What the pipelines that run on worker processes share: used as a context manager, they
    start their workers on entry and stop them on exit (subclasses define `start` and `close`)."""

    def start(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class ParallelPipeline(PipelinePool):
    """`Pipeline.pipe` on `workers` processes: the same documents and events, in the same order.

    Use `pipe(docs)` directly (it starts and stops the workers), or as a context manager to keep
    the workers between calls; `start(wait=True)` returns once every worker has loaded the model.
    """

    def __init__(self, options: Options | None = None, workers: int = 2, context: str = "spawn") -> None:
        self.options = options or Options()
        self.workers = check_workers(workers)
        self.context = context
        self.in_flight = 2 * self.workers  # batches sent and not yet returned
        self._executor: ProcessPoolExecutor | None = None

    def start(self, wait: bool = False) -> None:
        """Start the worker processes; with `wait`, return once each has built its pipeline."""
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context(self.context),
                initializer=_init_worker,
                initargs=(self.options,),
            )
        if wait:
            self.worker_peaks()

    def worker_peaks(self) -> dict[int, float]:
        """Each worker's peak memory in MB by process id, once every worker has built its pipeline."""
        self.start()
        assert self._executor is not None
        peaks: dict[int, float] = {}
        while len(peaks) < self.workers:
            pending = [self._executor.submit(_probe) for _ in range(self.workers)]
            peaks.update(_result(future) for future in pending)
        return peaks

    def close(self) -> None:
        """Stop the worker processes (a batch a worker is running is finished first)."""
        if self._executor is not None:
            executor, self._executor = self._executor, None
            executor.shutdown(wait=True, cancel_futures=True)

    def pipe(self, docs: Iterable[Document], batch_size: int | None = None) -> Iterator[Document]:
        """Yield each document processed, in input order, with a bounded number of batches in flight."""
        owned = self._executor is None
        self.start()
        assert self._executor is not None
        try:
            yield from self._stream(self._executor, docs, batch_size or self.options.batch_size)
        finally:
            if owned:
                self.close()

    def _stream(
        self, executor: ProcessPoolExecutor, docs: Iterable[Document], size: int
    ) -> Iterator[Document]:
        """Keep `in_flight` batches submitted; yield the oldest batch's documents as it completes."""
        it = iter(docs)
        pending: deque[Future[list[Document]]] = deque()
        while True:
            while len(pending) < self.in_flight and (batch := list(islice(it, size))):
                pending.append(executor.submit(_run_batch, [payload(doc) for doc in batch]))
            if not pending:
                return
            yield from _result(pending.popleft())

    def extract(self, doc: Document) -> list[Any]:
        """Process one document and return its events."""
        return [event for done in self.pipe([doc]) for event in done.events]


def _result(future: Future[Any]) -> Any:
    """The future's result; a worker that died becomes a MarsadError that says so."""
    try:
        return future.result()
    except BrokenProcessPool as exc:
        raise MarsadError(
            f"a worker process died ({exc}); it may have run out of memory: try fewer --workers"
        ) from exc
