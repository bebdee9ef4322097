"""Time `marsad gazetteer import` on a synthetic GeoNames dump and report its peak memory.

usage: python tools/bench_gazetteer_import.py [--rows N] [--rebuild] [--keep DIR]

Writes a GeoNames-format file of N rows (default 1,000,000: the 19 tab-separated columns of
`allCountries.txt`, populated places and admin units with two or three alternate names each,
spread over the world's land) into a temporary folder, imports it into a temporary cache
(MARSAD_CACHE_DIR) in a child process, and prints the import's wall time, rows per second and
the child's peak RSS. --rebuild also times the next index build, which indexes the imported
places with the packaged ones. Nothing is downloaded; the user's own cache is not touched.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SYLLABLES = (
    "ka ra ma la ba na ta sa da ha ki ri mi li bi ni ti si di hi ku ru mu lu bu nu tu su du al ab um".split()
)
CODES = [("P", "PPL")] * 8 + [("P", "PPLA3"), ("A", "ADM3"), ("H", "STM"), ("T", "MT")]
COUNTRIES = "SY IQ AF KE NG ML MX UA MM BD PK YE SO CD ET SD".split()


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def write_dump(path: Path, rows: int, seed: int = 7) -> None:
    """A GeoNames-format dump of `rows` synthetic places."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for i in range(rows):
            name = _name(rng)
            alternates = ",".join(_name(rng) for _ in range(rng.randint(0, 3)))
            fclass, code = rng.choice(CODES)
            cols = [
                str(10_000_000 + i), name, name, alternates,
                f"{rng.uniform(-35, 55):.5f}", f"{rng.uniform(-20, 100):.5f}", fclass, code,
                rng.choice(COUNTRIES), "", f"{rng.randint(1, 20):02d}", "", "", "",
                str(rng.choice((0, 0, 0, 120, 800, 2500, 15000))), "", "300", "Asia/Damascus", "2024-01-01",
            ]  # fmt: skip
            out.write("\t".join(cols) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--rebuild", action="store_true", help="also time the index build with the import")
    parser.add_argument("--keep", type=Path, help="write the dump and the cache here and keep them")
    args = parser.parse_args(argv)
    root = args.keep or Path(tempfile.mkdtemp(prefix="marsad-import-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    dump = root / "synthetic.txt"
    started = time.perf_counter()
    write_dump(dump, args.rows)
    print(
        f"wrote {args.rows:,} rows ({dump.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - started:.1f} s"
    )
    env = {**os.environ, "MARSAD_CACHE_DIR": str(root / "cache")}
    marsad = [sys.executable, "-m", "marsad.cli.main"]
    started = time.perf_counter()
    done = subprocess.run(
        [*marsad, "gazetteer", "import", str(dump), "--name", "bench"], env=env, check=False
    )
    took = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if done.returncode != 0:
        print(f"import failed (exit {done.returncode})")
        return done.returncode
    print(f"import: {took:.1f} s, {args.rows / took:,.0f} rows/s, peak RSS {peak:.0f} MB")
    if args.rebuild:
        script = "from marsad.services.gazetteer import Gazetteer; print(len(Gazetteer().index))"
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", script], env=env, check=True)
        took = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"index build with the import: {took:.1f} s, peak RSS (largest child) {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
