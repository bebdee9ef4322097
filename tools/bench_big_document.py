"""One very large document: refused over --max-document-mb, else extracted in bounded memory.

usage: python tools/bench_big_document.py [--mb 30] [--budget-s SECONDS]

Builds an article-like text of --mb megabytes from the bundled sample reports (paragraphs joined
by blank lines), then
1. runs `marsad extract FILE` with the default limit (20 MB): a larger document must be refused
   with exit status 1 and one line naming the limit;
2. runs the pipeline on it (in this process, as `marsad extract --max-document-mb` would), section
   by section, sampling this process's resident memory after each section, and checks that every
   evidence offset indexes the whole text exactly.
With --budget-s, step 2 stops after that many seconds and extrapolates the memory of the whole
document from the growth per character (the parse is ~1-4k words/s: 30 MB takes 20-80 minutes).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from datetime import date
from importlib import resources
from pathlib import Path

from marsad.model import Document
from marsad.pipeline import Pipeline
from marsad.pipeline.parallel import peak_rss_mb


class _OutOfTime(BaseException):
    """The time budget is spent (a BaseException, so no stage isolation catches it)."""


def article(megabytes: float) -> str:
    """An article-like text of about `megabytes` MB built from the bundled sample reports."""
    sample = Path(str(resources.files("marsad") / "data" / "sample"))
    reports = [p.read_text(encoding="utf-8").strip() for p in sorted(sample.glob("*.txt"))]
    target, parts, size, n = int(megabytes * 1_000_000), [], 0, 0
    while size < target:
        part = f"{reports[n % len(reports)]}\n\nUpdate {n}."
        parts.append(part)
        size += len(part.encode("utf-8")) + 2
        n += 1
    return "\n\n".join(parts) + "\n"


def rss_mb() -> float:
    """This process's current resident memory in MB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def refused(path: Path) -> None:
    """Step 1: the default limit refuses the document, in one line, quickly."""
    start = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "marsad", "extract", str(path), "--quiet"],
        capture_output=True,
        text=True,
        check=False,
    )
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    ok = proc.returncode == 1 and len(lines) == 1 and "limit of 20 MB" in lines[0] and not proc.stdout
    print(
        f"default limit: exit {proc.returncode} in {time.monotonic() - start:.1f} s: {lines[-1] if lines else ''}"
    )
    print(f"  refused clearly: {'yes' if ok else 'NO'}")


def extracted(text: str, budget: float | None) -> None:
    """Step 2: the pipeline over the whole text, memory sampled after each section."""
    pipeline = Pipeline()
    pipeline.warm()
    base = rss_mb()
    samples: list[tuple[int, float]] = []
    start = time.monotonic()

    def progress(chars: int) -> None:
        done = (samples[-1][0] if samples else 0) + chars
        samples.append((done, rss_mb()))
        if budget is not None and time.monotonic() - start > budget:
            raise _OutOfTime

    pipeline.progress = progress
    doc = Document(text=text, id="big.txt", published=date(2017, 10, 20))
    finished = True
    try:
        doc = pipeline(doc)
    except _OutOfTime:
        finished = False
    seconds = time.monotonic() - start
    done = samples[-1][0] if samples else 0
    words = len(text[:done].split())
    print(
        f"pipeline: {done:,} of {len(text):,} characters ({words:,} words) in {seconds:.0f} s "
        f"({words / max(seconds, 1e-9):,.0f} words/s), {len(samples)} sections; "
        f"RSS {base:.0f} MB after loading, peak {peak_rss_mb():.0f} MB"
    )
    if finished:
        bad = [
            ev.event_id for ev in doc.events for e in ev.evidence if doc.text[e.start : e.end] != e.sentence
        ]
        print(
            f"  {len(doc.events)} events, {len(doc.sentences):,} sentences; evidence offsets exact: "
            f"{'yes' if not bad else f'NO ({len(bad)} wrong)'}; failure: {doc.failure or 'none'}"
        )
    if len(samples) >= 4:
        (c0, r0), (c1, r1) = samples[len(samples) // 2], samples[-1]
        per_mb = (r1 - r0) / max((c1 - c0) / 1_000_000, 1e-9)
        whole = r1 + per_mb * (len(text) - c1) / 1_000_000
        print(f"  RSS grows {per_mb:.1f} MB per MB of text over the second half: {whole:.0f} MB at the end")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=30.0, help="size of the document in MB (default 30)")
    parser.add_argument("--budget-s", type=float, help="stop the pipeline after this many seconds")
    parser.add_argument("--skip-refusal", action="store_true", help="do not run step 1")
    args = parser.parse_args()
    text = article(args.mb)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "big.txt")
        path.write_text(text, encoding="utf-8")
        print(f"document: {path.stat().st_size / 1_000_000:.1f} MB, {len(text.split()):,} words")
        if not args.skip_refusal and args.mb > 20:
            refused(path)
    extracted(text, args.budget_s)
    return 0


if __name__ == "__main__":
    sys.exit(main())
