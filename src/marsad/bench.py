"""`make bench`: marsad's throughput against bare spaCy on the same corpus, in one run.

The corpus is the bundled sample reports repeated (each copy made unique, so no document is a
duplicate) to about `--words` words. Bare spaCy runs the same model and components marsad loads
over the same body paragraphs; marsad runs its whole pipeline, in this process and then on two
worker processes (`--workers 2`, timed once the workers have loaded the model). In this process
the clock alternates between the spaCy stream and marsad's every 32 documents, so load from other
programs slows both alike (`--sequential` times one whole run, then the other). Each pipeline is
warmed on a short report before timing, so what stages load on first use (the gazetteer index) is
a start-up cost, like loading the model, and not counted. The line before last gives the
two-worker rate and its speedup over one; the last line is:
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
from itertools import islice
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


def body_paragraphs(doc: Document) -> list[str]:
    """The texts marsad's parse stage gives spaCy for `doc`: its body paragraphs."""
    return [doc.text[p.start : p.end] for p in segment(doc).paragraphs if not p.is_heading]


def time_spacy(docs: list[Document]) -> float:
    """Seconds for bare spaCy over the body paragraphs marsad would parse."""
    nlp = load_model()
    paras = [text for d in docs for text in body_paragraphs(d)]
    start = time.perf_counter()
    for _ in nlp.pipe(paras, batch_size=128):
        pass
    return time.perf_counter() - start


def warm_pipeline() -> Pipeline:
    """marsad's pipeline, built and warmed: the gazetteer index loads on first use, a start-up
    cost like the model's, not part of the throughput."""
    pipe = Pipeline(Options())
    pipe.warm()
    return pipe


def time_marsad(docs: list[Document]) -> tuple[float, list[str]]:
    """Seconds for marsad's whole pipeline, once built and warmed, and the ids of its events."""
    pipe = warm_pipeline()
    fresh = [Document(text=d.text, id=d.id) for d in docs]
    start = time.perf_counter()
    ids = [e.event_id for d in pipe.pipe(fresh) for e in d.events]
    return time.perf_counter() - start, ids


def time_interleaved(docs: list[Document], slice_docs: int = 32) -> tuple[float, float, list[str]]:
    """Seconds for bare spaCy and for marsad's pipeline over `docs`, and marsad's event ids.

    Each runs as one uninterrupted stream (spaCy's `nlp.pipe` over every body paragraph in batches
    of 128; marsad's `Pipeline.pipe` over every document), so each does exactly the work of a run
    on its own; the clock alternates between them every `slice_docs` documents, so that other load
    on the machine slows both alike instead of whichever happens to run during it.
    """
    nlp = load_model()
    pipe = warm_pipeline()
    paras = [body_paragraphs(d) for d in docs]
    spacy_stream = nlp.pipe((text for texts in paras for text in texts), batch_size=128)
    marsad_stream = pipe.pipe([Document(text=d.text, id=d.id) for d in docs])
    t_spacy = t_marsad = 0.0
    ids: list[str] = []
    for first in range(0, len(docs), slice_docs):
        last = min(first + slice_docs, len(docs))
        start = time.perf_counter()
        for _ in islice(spacy_stream, sum(len(texts) for texts in paras[first:last])):
            pass
        t_spacy += time.perf_counter() - start
        start = time.perf_counter()
        ids += [e.event_id for d in islice(marsad_stream, last - first) for e in d.events]
        t_marsad += time.perf_counter() - start
    return t_spacy, t_marsad, ids


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
    parser.add_argument(
        "--sequential",
        action="store_true",
        help="time bare spaCy over the whole corpus, then marsad (default: alternate between them)",
    )
    args = parser.parse_args(argv)
    docs = list(corpus(args.words))
    words = sum(len(d.text.split()) for d in docs)
    load_model()  # load the model before timing; the workers warm their pipelines as they start
    if args.sequential:
        t_spacy = time_spacy(docs)
        t_marsad, ids = time_marsad(docs)
    else:
        t_spacy, t_marsad, ids = time_interleaved(docs)
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
