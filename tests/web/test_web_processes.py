"""A read-only `marsad serve` answers from several processes sharing one listening socket (one Python
process uses about one CPU for the requests' own work): each process answers the map, they all stop
with the first (SIGTERM, or when it is killed), and a serve with a token stays one process, the only
one that may store reviews."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from marsad.errors import MarsadError
from marsad.store import Store
from marsad.web.server import MAX_PROCESSES, default_processes, serve
from marsad.web.transport import listen

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc for the child processes"),
]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "p.duckdb"
    with Store(path) as store:
        store.con.execute(
            "INSERT INTO documents VALUES ('d1', 'd1.txt', 'Report', 'Source', NULL, DATE '2017-01-01', "
            "'text', '{}', now())"
        )
        store.con.execute(
            """INSERT INTO events (event_id, content_hash, document, event_date, event_type, sub_event_type,
                 actor1, country, location, latitude, longitude, source, fatalities, modality, confidence)
               SELECT 'EV' || i, 'd1', 'd1.txt', DATE '2017-01-01' + CAST(i AS INTEGER), 'Battles',
                 'Armed clash', 'Actor', 'Syria', 'Place ' || i, 35.0 + i / 100, 38.0, 'Source', 1,
                 'occurred', 0.8
               FROM range(0, 12) t(i)"""
        )
    return path


def _children(pid: int) -> list[int]:
    found: list[int] = []
    task = Path(f"/proc/{pid}/task")
    for thread in task.iterdir() if task.exists() else ():
        children = thread / "children"
        if children.exists():
            found += [int(p) for p in children.read_text().split()]
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


def _wait_gone(pids: list[int], within: float) -> list[int]:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline and any(_alive(p) for p in pids):
        time.sleep(0.1)
    return [p for p in pids if _alive(p)]


def _facets(base: str) -> dict[str, object]:
    request = urllib.request.Request(base + "/api/facets.json", headers={"Connection": "close"})
    with urllib.request.urlopen(request, timeout=30) as resp:
        assert resp.status == 200
        loaded: dict[str, object] = json.loads(resp.read())
        return loaded


def _start(db: Path, *extra: str) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "marsad", "serve", "--db", str(db), "--port", "0", "--tiles", "none", *extra],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stderr is not None
    line = proc.stderr.readline()
    found = re.search(r"at (http://127\.0\.0\.1:\d+)/", line)
    assert found, line
    return proc, line


def _workers(proc: subprocess.Popen[str], count: int) -> list[int]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(_children(proc.pid)) < count:
        time.sleep(0.1)
    return _children(proc.pid)


def test_the_default_is_a_process_per_cpu_up_to_the_cap() -> None:
    expected = 1 if os.name != "posix" else max(1, min(MAX_PROCESSES, os.cpu_count() or 1))
    assert default_processes() == expected


def test_a_token_serves_from_one_process(db: Path) -> None:
    with pytest.raises(MarsadError, match="one process serves"):
        serve(str(db), port=0, token="t" * 20, processes=2)
    with pytest.raises(MarsadError, match="1 or more"):
        serve(str(db), port=0, processes=0)


def test_two_processes_answer_and_stop_with_sigterm(db: Path) -> None:
    proc, line = _start(db, "--processes", "2")
    try:
        assert "2 processes answer" in line
        workers = _workers(proc, 1)
        assert len(workers) == 1
        base = re.search(r"at (http://127\.0\.0\.1:\d+)/", line).group(1)  # type: ignore[union-attr]
        for _ in range(20):  # fresh connections, each taken by one process or the other
            assert _facets(base)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
        assert _wait_gone(workers, 15) == []
    finally:
        proc.kill()
        proc.wait()


def test_a_worker_stops_when_its_parent_is_killed(db: Path) -> None:
    proc, _ = _start(db, "--processes", "2")
    try:
        workers = _workers(proc, 1)
        assert len(workers) == 1
        proc.kill()
        proc.wait()
        assert _wait_gone(workers, 15) == []
    finally:
        proc.kill()
        proc.wait()


def test_a_worker_answers_the_map_from_a_socket_it_is_handed(db: Path) -> None:
    listener = listen("127.0.0.1", 0)
    port = listener.getsockname()[1]
    config = {"db": str(db), "host": "127.0.0.1", "fd": listener.fileno(), "tiles": "", "verbose": False}
    worker = subprocess.Popen(
        [sys.executable, "-m", "marsad.web.worker", json.dumps(config)], pass_fds=(listener.fileno(),)
    )
    try:
        listener.close()  # the worker alone accepts now
        deadline = time.monotonic() + 30
        while True:
            try:
                facets = _facets(f"http://127.0.0.1:{port}")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        assert facets
        status, _, body = _get(f"http://127.0.0.1:{port}/api/events.geojson")
        assert status == 200 and len(json.loads(body)["features"]) == 12
        worker.terminate()
        assert worker.wait(timeout=30) == 0
    finally:
        worker.kill()
        worker.wait()


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    with urllib.request.urlopen(url, timeout=30) as resp:
        return resp.status, dict(resp.headers), resp.read()


def test_a_bad_worker_config_is_a_usage_error() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "marsad.web.worker"], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 2 and "usage" in done.stderr
    assert socket  # the module's own import, kept for the listener above
