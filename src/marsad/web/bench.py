"""Benchmark of the map query: `python -m marsad.web.bench [--events 100000] [--runs 21]`.

Fills a temporary store with synthetic events spread over Syria and Iraq across three years (a
few hundred reviewed), serves it, and times GET /api/events.geojson for a viewport and a date range
over HTTP, as the map asks it. Prints the median and the spread; the target is a median under 300 ms
at 100,000 events.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from marsad.store import Store
from marsad.web.server import make_server

_TYPES = [
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
]


def fill(store: Store, events: int) -> None:
    """Insert `events` synthetic events (and one document per 100) in bulk, then review a few."""
    con = store.con
    docs = max(1, events // 100)
    con.execute(
        """INSERT INTO documents SELECT 'doc' || i, 'doc-' || i || '.txt', 'Report ' || i, 'Source ' || (i % 12),
           NULL, DATE '2016-01-01' + CAST(i % 1095 AS INTEGER), 'Synthetic report ' || i, '{}', now()
           FROM range(?) t(i)""",
        [docs],
    )
    con.execute(
        """INSERT INTO events (event_id, content_hash, document, event_date, date_start, date_end, time_precision,
             event_type, sub_event_type, actor1, actor2, country, location, latitude, longitude, source, fatalities,
             modality, confidence)
           SELECT 'MRS' || lpad(CAST(i AS VARCHAR), 12, '0'), 'doc' || (i % ?), 'doc-' || (i % ?) || '.txt',
             DATE '2016-01-01' + CAST(hash(i) % 1095 AS INTEGER) AS d, NULL, NULL, 1,
             list_extract(?, 1 + CAST(hash(i * 7) % 6 AS INTEGER)), 'Armed clash',
             'Actor ' || (i % 40), 'Actor ' || ((i * 3) % 40), 'Syria', 'Place ' || (i % 500),
             32.0 + (hash(i * 13) % 700000) / 100000.0, 36.0 + (hash(i * 17) % 900000) / 100000.0,
             'Source ' || (i % 12), CAST(hash(i * 19) % 20 AS INTEGER),
             CASE WHEN i % 10 = 0 THEN 'planned' ELSE 'occurred' END, 0.8
           FROM range(?) t(i)""",
        [docs, docs, _TYPES, events],
    )
    for i in range(0, min(events, 300)):
        action = ("accept", "edit", "reject")[i % 3]
        changes = {"fatalities": 99} if action == "edit" else None
        store.review(f"MRS{i * 97 % events:012d}", action, "bench", changes=changes)


def run(events: int, runs: int) -> dict[str, float]:
    """Build the store, serve it and time the map query; return the figures."""
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.duckdb") as store:
        started = time.perf_counter()
        fill(store, events)
        built = time.perf_counter() - started
        server = make_server(store, "127.0.0.1", 0, tiles="none")
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        url = (
            f"http://127.0.0.1:{server.server_address[1]}/api/events.geojson?"
            "bbox=38.0,34.0,41.5,37.0&start=2017-03-01&end=2017-05-31"
            "&review=unreviewed&review=accepted&review=edited"
        )
        times, features = [], 0
        try:
            for _ in range(runs + 1):  # the first warms the caches and is not counted
                t0 = time.perf_counter()
                with urllib.request.urlopen(url, timeout=60) as resp:
                    body = resp.read()
                times.append(time.perf_counter() - t0)
                features = body.count(b'"Feature"')
        finally:
            server.shutdown()
            server.server_close()
        times = times[1:]
        return {
            "events": events,
            "features": features,
            "build_s": built,
            "median_ms": statistics.median(times) * 1000,
            "min_ms": min(times) * 1000,
            "max_ms": max(times) * 1000,
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m marsad.web.bench", description=__doc__)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args(argv)
    r = run(args.events, args.runs)
    print(
        f"map query over {r['events']:,} events (viewport + 3-month range, {r['features']:,} points): "
        f"median {r['median_ms']:.1f} ms (min {r['min_ms']:.1f}, max {r['max_ms']:.1f}; {args.runs} runs); "
        f"store built in {r['build_s']:.1f} s; target: median < 300 ms"
    )
    return 0 if r["median_ms"] < 300 else 1


if __name__ == "__main__":
    raise SystemExit(main())
