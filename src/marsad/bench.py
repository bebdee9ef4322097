"""`make bench`: marsad's throughput against bare spaCy on the same corpus, in one run.

The corpus is the bundled sample reports repeated (each copy made unique, so no document is a
duplicate) to about `--words` words. Bare spaCy runs the same model and components marsad loads
over the same body paragraphs; marsad runs its whole pipeline, in this process and then on two
worker processes (`--workers 2`, timed once the workers have loaded the model). The line before
last gives the two-worker rate and its speedup over one; the last line is:
`bench: marsad W words/s, spacy S words/s, ratio R, peak_rss M MB`, where M bounds the memory of all
processes at once: this process's peak plus each worker's (Linux's VmHWM: a spawned worker's
`ru_maxrss`, and so `RUSAGE_CHILDREN`, also counts this process's memory at the fork before exec).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from marsad.ingest import read_inputs
from marsad.model import Document
from marsad.pipeline import Options, Pipeline
from marsad.pipeline.parallel import ParallelPipeline, peak_rss_mb
from marsad.services.nlp_model import load_model
from marsad.stages.segment import segment


def sample_texts() -> list[str]:
    """The texts of the bundled sample reports."""
    corpus = Path(str(resources.files("marsad") / "data" / "sample"))
    paths = [str(p) for p in sorted(corpus.iterdir()) if p.suffix in (".txt", ".html", ".jsonl")]
    return [d.text for d in read_inputs(paths) if isinstance(d, Document)]


def corpus(words: int) -> Iterator[Document]:
    """Documents of the sample repeated to about `words` words, each copy made unique."""
    texts = sample_texts()
    total, copy = 0, 0
    while total < words:
        for text in texts:
            yield Document(text=f"{text}\n\nCopy {copy}.", id=f"bench-{copy}")
            total += len(text.split())
            if total >= words:
                return
        copy += 1


def time_spacy(docs: list[Document]) -> float:
    """Seconds for bare spaCy over the body paragraphs marsad would parse."""
    nlp = load_model()
    paras = [d.text[p.start : p.end] for d in docs for p in segment(d).paragraphs if not p.is_heading]
    start = time.perf_counter()
    for _ in nlp.pipe(paras, batch_size=128):
        pass
    return time.perf_counter() - start


def time_marsad(docs: list[Document]) -> tuple[float, list[str]]:
    """Seconds for marsad's whole pipeline, and the ids of the events it found."""
    pipe = Pipeline(Options())
    fresh = [Document(text=d.text, id=d.id) for d in docs]
    start = time.perf_counter()
    ids = [e.event_id for d in pipe.pipe(fresh) for e in d.events]
    return time.perf_counter() - start, ids


def time_workers(docs: list[Document], workers: int) -> tuple[float, list[str], list[float]]:
    """Seconds for the pipeline on `workers` processes once they are ready, the event ids, and
    each worker's peak memory in MB."""
    with ParallelPipeline(Options(), workers) as pipe:
        pipe.start(wait=True)
        fresh = [Document(text=d.text, id=d.id) for d in docs]
        start = time.perf_counter()
        ids = [e.event_id for d in pipe.pipe(fresh) for e in d.events]
        seconds = time.perf_counter() - start
        return seconds, ids, sorted(pipe.worker_peaks().values())


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=200_000)
    parser.add_argument("--workers", type=int, default=2, help="worker processes to compare with one")
    args = parser.parse_args(argv)
    docs = list(corpus(args.words))
    words = sum(len(d.text.split()) for d in docs)
    load_model()
    Pipeline(Options())  # load everything before timing
    t_spacy = time_spacy(docs)
    t_marsad, ids = time_marsad(docs)
    t_workers, ids_workers, worker_peaks = time_workers(docs, args.workers)
    own = peak_rss_mb()
    peak = own + sum(worker_peaks)
    same = "the same events" if ids == ids_workers else "DIFFERENT events"
    each = " + ".join(f"{mb:.0f}" for mb in worker_peaks)
    print(f"{len(docs)} documents, {words} words, {len(ids)} events", file=sys.stderr)
    print(
        f"bench: {args.workers} workers {words / t_workers:.0f} words/s, speedup {t_marsad / t_workers:.2f} "
        f"over 1 worker, {same}; peak_rss main {own:.0f} MB, workers {each} MB"
    )
    print(
        f"bench: marsad {words / t_marsad:.0f} words/s, spacy {words / t_spacy:.0f} words/s, "
        f"ratio {t_spacy / t_marsad:.2f}, peak_rss {peak:.0f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
