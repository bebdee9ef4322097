"""Soak test of `marsad serve`: `python -m marsad.web.soak [--events 100000] [--clients 50] [--seconds 20]`.

Fills a temporary store with synthetic events (`marsad.web.bench.fill`), starts `marsad serve` on it
in its own process (read-only, as it runs without a token), then:

- one client, then `--clients` concurrent clients, each for `--seconds`, asking viewport queries of
  the map (a random bounding box and date range, as a user pans and brushes), with the timeline and
  the page among them; every answer must be 200, and the figures are the requests per second and the
  50th and 99th percentiles of latency;
- `--idle` sockets opened and held (half of them silent, half having sent part of a request) while a
  normal request must still get its answer; then how long the server takes to drop them.

Prints the figures; exits 1 when a target is missed: no errors, p99 under `--p99` seconds, and at
least `--speedup` times the requests per second of one client, a normal answer while the sockets are
held, and all of them closed within `--drop-within` seconds.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import random
import re
import selectors
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from marsad.store import Store
from marsad.web.bench import fill


@dataclass
class Load:
    """What a run of clients saw."""

    clients: int
    seconds: float
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return len(self.latencies)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("inf")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]

    def line(self) -> str:
        return (
            f"{self.clients} client(s), {self.seconds:.0f} s: {self.requests} requests, {self.rps:.1f}/s, "
            f"p50 {self.percentile(50) * 1000:.0f} ms, p99 {self.percentile(99) * 1000:.0f} ms, "
            f"max {max(self.latencies, default=0) * 1000:.0f} ms, {len(self.errors)} error(s)"
        )


def viewport_path(rng: random.Random) -> str:
    """A request the map makes: mostly the points of a viewport and date range, sometimes the timeline
    under the same filters, now and then the page itself."""
    roll = rng.random()
    if roll < 0.05:
        return "/"
    west = rng.uniform(36.0, 43.0)
    south = rng.uniform(32.0, 37.0)
    width = rng.uniform(0.5, 3.0)
    height = rng.uniform(0.5, 2.5)
    begin = date(2016, 1, 1) + timedelta(days=rng.randrange(0, 1000))
    end = begin + timedelta(days=rng.randrange(7, 120))
    bbox = f"{west:.3f},{south:.3f},{west + width:.3f},{south + height:.3f}"
    if roll < 0.25:
        return f"/api/timeline.json?bbox={bbox}"
    return f"/api/events.geojson?bbox={bbox}&start={begin}&end={end}"


def run_clients(host: str, port: int, clients: int, seconds: float, seed: int = 7) -> Load:
    """`clients` threads, each on its own keep-alive connection, asking viewport queries for `seconds`."""
    load = Load(clients, seconds)
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    start_gate = threading.Barrier(clients)

    def client(n: int) -> None:
        rng = random.Random(seed * 1000 + n)
        conn = http.client.HTTPConnection(host, port, timeout=60)
        mine: list[float] = []
        errors: list[str] = []
        start_gate.wait()
        while time.monotonic() < deadline:
            path = viewport_path(rng)
            t0 = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Accept-Encoding": "gzip"})
                resp = conn.getresponse()
                resp.read()
                if resp.status != 200:
                    errors.append(f"{resp.status} {path}")
                if resp.getheader("Connection", "").lower() == "close":
                    conn.close()
            except (OSError, http.client.HTTPException) as exc:
                errors.append(f"{type(exc).__name__}: {exc} {path}")
                conn.close()
                continue
            mine.append(time.perf_counter() - t0)
        conn.close()
        with lock:
            load.latencies.extend(mine)
            load.errors.extend(errors)

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 120)
    return load


@dataclass
class Idle:
    """What `idle` sockets did to the server."""

    sockets: int
    answered_s: float | None = None  # how long a normal request took while they were held
    answer_status: int | None = None
    closed: int = 0
    dropped_s: float | None = None  # how long until the server had closed them all

    def line(self) -> str:
        answered = (
            f"a normal request answered {self.answer_status} in {self.answered_s * 1000:.0f} ms"
            if self.answered_s is not None
            else "a normal request got no answer"
        )
        dropped = (
            f"all closed by the server within {self.dropped_s:.1f} s"
            if self.dropped_s is not None
            else f"{self.closed} of {self.sockets} closed by the server"
        )
        return f"{self.sockets} idle sockets held: {answered}; {dropped}"


def hold_idle(host: str, port: int, count: int, wait: float) -> Idle:
    """Open `count` sockets (half send nothing, half a request line and one header, never finished),
    ask a normal request meanwhile, then wait up to `wait` seconds for the server to close them."""
    result = Idle(count)
    sockets: list[socket.socket] = []
    try:
        for n in range(count):
            sock = socket.create_connection((host, port), timeout=10)
            if n % 2:
                sock.sendall(b"GET /api/facets.json HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            sockets.append(sock)
        opened = time.monotonic()
        t0 = time.perf_counter()
        try:
            conn = http.client.HTTPConnection(host, port, timeout=30)
            conn.request("GET", "/api/facets.json")
            resp = conn.getresponse()
            resp.read()
            conn.close()
            result.answered_s = time.perf_counter() - t0
            result.answer_status = resp.status
        except (OSError, http.client.HTTPException):
            pass
        selector = selectors.DefaultSelector()
        for sock in sockets:
            sock.setblocking(False)
            selector.register(sock, selectors.EVENT_READ)
        open_ = set(sockets)
        deadline = opened + wait
        while open_ and time.monotonic() < deadline:
            for key, _ in selector.select(timeout=0.5):
                sock = key.fileobj  # type: ignore[assignment]
                try:
                    data = sock.recv(65536)
                except BlockingIOError:
                    continue
                except OSError:
                    data = b""
                if not data:
                    selector.unregister(sock)
                    open_.discard(sock)
        result.closed = count - len(open_)
        if not open_:
            result.dropped_s = time.monotonic() - opened
        selector.close()
    finally:
        for sock in sockets:
            sock.close()
    return result


@contextlib.contextmanager
def serving(db: Path, *extra: str) -> Iterator[tuple[str, int]]:
    """`marsad serve --db DB` in its own process on a free port: yield (host, port)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "marsad", "serve", "--db", str(db), "--port", "0", "--tiles", "none", *extra],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()
        found = re.search(r"at http://(127\.0\.0\.1):(\d+)/", line)
        if not found:
            raise RuntimeError(f"marsad serve did not start: {line}{proc.stderr.read()}")
        threading.Thread(target=proc.stderr.read, daemon=True).start()  # drain its log
        yield found.group(1), int(found.group(2))
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@dataclass
class Report:
    one: Load
    many: Load
    idle: Idle

    def failures(self, p99: float, speedup: float, drop_within: float) -> list[str]:
        out = []
        for load in (self.one, self.many):
            if load.errors:
                out.append(f"{len(load.errors)} error(s) at {load.clients} client(s), e.g. {load.errors[0]}")
        if self.many.percentile(99) >= p99:
            out.append(
                f"p99 {self.many.percentile(99):.2f} s at {self.many.clients} clients (target < {p99} s)"
            )
        if self.many.rps < speedup * self.one.rps:
            out.append(
                f"{self.many.rps:.1f} requests/s at {self.many.clients} clients is under {speedup}× "
                f"the {self.one.rps:.1f}/s of one"
            )
        if self.idle.answer_status != 200:
            out.append("no normal answer while the idle sockets were held")
        if self.idle.dropped_s is None or self.idle.dropped_s > drop_within:
            out.append(f"idle sockets not all closed within {drop_within} s ({self.idle.closed} closed)")
        return out


def soak(
    db: Path, *, clients: int, seconds: float, idle: int, drop_within: float, extra: tuple[str, ...] = ()
) -> Report:
    """Serve the store and run the three measures against it."""
    with serving(db, *extra) as (host, port):
        run_clients(host, port, 2, 1.0)  # warm the server's caches
        one = run_clients(host, port, 1, seconds)
        many = run_clients(host, port, clients, seconds)
        held = hold_idle(host, port, idle, drop_within)
    return Report(one, many, held)


def build(path: Path, events: int) -> float:
    """A store of `events` synthetic events at `path`; the seconds it took."""
    started = time.perf_counter()
    with Store(path) as store:
        fill(store, events)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m marsad.web.soak", description=__doc__)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--idle", type=int, default=500)
    parser.add_argument("--p99", type=float, default=1.0, help="target p99 in seconds (default 1)")
    parser.add_argument("--speedup", type=float, default=1.5, help="target rps ratio, many/one (default 1.5)")
    parser.add_argument("--drop-within", type=float, default=60.0, help="idle sockets closed within (s)")
    parser.add_argument("--db", type=Path, help="use this store instead of a generated one")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "soak.duckdb"
            took = build(db, args.events)
            print(f"store of {args.events:,} synthetic events built in {took:.1f} s", flush=True)
        report = soak(
            db, clients=args.clients, seconds=args.seconds, idle=args.idle, drop_within=args.drop_within
        )
    print(report.one.line())
    print(report.many.line())
    ratio = report.many.rps / report.one.rps if report.one.rps else 0.0
    print(f"throughput at {args.clients} clients: {ratio:.2f}× one client's")
    print(report.idle.line())
    failures = report.failures(args.p99, args.speedup, args.drop_within)
    for failure in failures:
        print(f"MISSED: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
