"""`make bench`: marsad's throughput against bare spaCy on the same corpus, in one run.

The corpus is the bundled sample reports repeated (each copy made unique, so no document is a
duplicate) to about `--words` words. Bare spaCy runs the same model and components marsad loads
over the same body paragraphs; marsad runs its whole pipeline. The last line is:
`bench: marsad W words/s, spacy S words/s, ratio R, peak_rss M MB`.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from marsad.ingest import read_inputs
from marsad.model import Document
from marsad.pipeline import Options, Pipeline
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


def time_marsad(docs: list[Document]) -> tuple[float, int]:
    """Seconds for marsad's whole pipeline, and the number of events it found."""
    pipe = Pipeline(Options())
    fresh = [Document(text=d.text, id=d.id) for d in docs]
    start = time.perf_counter()
    events = sum(len(d.events) for d in pipe.pipe(fresh))
    return time.perf_counter() - start, events


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=200_000)
    args = parser.parse_args(argv)
    docs = list(corpus(args.words))
    words = sum(len(d.text.split()) for d in docs)
    load_model()
    Pipeline(Options())  # load everything before timing
    t_spacy = time_spacy(docs)
    t_marsad, events = time_marsad(docs)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(docs)} documents, {words} words, {events} events", file=sys.stderr)
    print(
        f"bench: marsad {words / t_marsad:.0f} words/s, spacy {words / t_spacy:.0f} words/s, "
        f"ratio {t_spacy / t_marsad:.2f}, peak_rss {peak:.0f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
