"""The map's answers come from an in-memory snapshot of the store, one per version, with a cache of
answers: a read-only serve still sees every write at its next request, never writes, holds no
connection between requests, answers 503 while another process holds the write lock, and the JSON
DuckDB writes parses to what the rows hold."""

from __future__ import annotations

import contextlib
import hashlib
import json
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from marsad.store import Store
from marsad.web import data
from marsad.web.server import ReadOnlyStore, make_server
from marsad.web.snapshot import (
    FEATURE_COLUMN,
    SNAPSHOT_TABLE,
    Answer,
    AnswerCache,
    Snapshot,
    Snapshots,
    read_reviewed,
)

HOSTILE = 'a "quoted" \\ </script> \u00fc\u0644\n\t\u2028 end'


def _add_events(store: Store, first: int, count: int, actor: str = "Actor") -> None:
    """`count` located events (ids from `first`), one document for them all."""
    store.con.execute(
        "INSERT INTO documents SELECT 'doc' || ?, 'doc.txt', 'Report', 'Source', NULL, DATE '2017-01-01', "
        "'text', '{}', now() ON CONFLICT DO NOTHING",
        [first],
    )
    store.con.execute(
        """INSERT INTO events (event_id, content_hash, document, event_date, event_type, sub_event_type,
             actor1, country, location, latitude, longitude, source, fatalities, modality, confidence)
           SELECT 'EV' || lpad(CAST(i AS VARCHAR), 6, '0'), 'doc' || ?, 'doc.txt',
             DATE '2017-01-01' + CAST(i % 30 AS INTEGER), 'Battles', 'Armed clash', ?, 'Syria',
             'Place ' || i, 35.0 + i / 1000.0, 38.0 + i / 1000.0, 'Source', i % 7, 'occurred', 0.8
           FROM range(?, ?) t(i)""",
        [first, actor, first, first + count],
    )


@pytest.fixture
def small_db(tmp_path: Path) -> Path:
    db = tmp_path / "small.duckdb"
    with Store(db) as store:
        _add_events(store, 0, 40)
    return db


@contextlib.contextmanager
def served(store: Any) -> Iterator[tuple[str, Any]]:
    server = make_server(store, "127.0.0.1", 0, tiles="none")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def features(base: str, query: str = "") -> list[dict[str, Any]]:
    status, body = get(base + "/api/events.geojson" + query)
    assert status == 200, body[:200]
    found: list[dict[str, Any]] = json.loads(body)["features"]
    return found


def test_a_read_only_serve_sees_each_write_at_its_next_request(small_db: Path) -> None:
    with served(ReadOnlyStore(small_db)) as (base, server):
        snapshots = server.app.snapshots
        assert len(features(base)) == 40
        first = get(base + "/api/timeline.json?bbox=37,34,40,36")
        assert first == get(base + "/api/timeline.json?bbox=37,34,40,36")  # from the cache
        assert snapshots.builds == 1 and snapshots.current().answers.hits >= 1
        with Store(small_db) as store:  # an ingest between two requests
            _add_events(store, 40, 5)
        assert len(features(base)) == 45
        assert snapshots.builds == 2
        assert json.loads(get(base + "/api/facets.json")[1])["events"] == 45
        # a review changes a value in place (the same rows, the file's size likely the same)
        with Store(small_db) as store:
            store.review("EV000003", "edit", "tester", changes={"fatalities": 99})
        point = next(f for f in features(base) if f["id"] == "EV000003")
        assert point["properties"]["fatalities"] == 99 and point["properties"]["review_status"] == "edited"
        assert snapshots.builds == 3


def test_a_read_only_serve_never_writes_and_holds_no_connection(small_db: Path) -> None:
    before = hashlib.sha256(small_db.read_bytes()).hexdigest()
    with served(ReadOnlyStore(small_db)) as (base, _):
        for query in ("", "?bbox=37,34,40,36&start=2017-01-05&end=2017-01-20", "?limit=3"):
            features(base, query)
        assert get(base + "/")[0] == 200
        assert hashlib.sha256(small_db.read_bytes()).hexdigest() == before
        # DuckDB refuses a writable open in a process that still has the file open read-only:
        # this one succeeds because no request left a connection behind
        with Store(small_db) as store:
            assert store.con.execute("SELECT count(*) FROM events").fetchone()[0] == 40


@contextlib.contextmanager
def held_elsewhere(db: Path) -> Iterator[None]:
    """Another process holds the store open writable (as an ingest does) until the block ends."""
    code = "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('held', flush=True); sys.stdin.read()"
    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)


def test_a_writer_in_another_process_gives_503_then_the_answer(small_db: Path) -> None:
    with served(ReadOnlyStore(small_db, wait=0.2)) as (base, server):
        assert len(features(base)) == 40  # the snapshot is built and current
        with held_elsewhere(small_db):
            status, body = get(base + "/api/events.geojson")
            assert status == 503 and "try again" in json.loads(body)["error"]
        assert len(features(base)) == 40
        assert server.app.snapshots.builds == 1  # held, not changed: the same snapshot


def test_the_answer_says_when_the_points_are_cut_at_the_limit(small_db: Path) -> None:
    with served(ReadOnlyStore(small_db)) as (base, _):
        status, body = get(base + "/api/events.geojson?limit=7")
        cut = json.loads(body)
        assert status == 200 and len(cut["features"]) == 7 and cut["truncated"] is True
        whole = json.loads(get(base + "/api/events.geojson?limit=40")[1])
        assert len(whole["features"]) == 40 and whole["truncated"] is False
        # the first points by date, as the whole answer orders them
        assert [f["id"] for f in cut["features"]] == [f["id"] for f in whole["features"][:7]]


def test_the_json_duckdb_writes_is_what_the_rows_hold(tmp_path: Path) -> None:
    db = tmp_path / "hostile.duckdb"
    with Store(db) as store:
        _add_events(store, 0, 6, actor=HOSTILE)
        snap = Snapshot("v1", read_reviewed(store.con))
    filters = data.parse_filters({"bbox": ["37,34,39,36"]})
    with snap.cursor() as con:
        text = data.events_geojson_text(con, filters, SNAPSHOT_TABLE, FEATURE_COLUMN)
        written_now = data.events_geojson_text(con, filters, SNAPSHOT_TABLE)
        rows = con.execute(
            f"SELECT {', '.join(data.POINT_COLUMNS)}, longitude, latitude FROM {SNAPSHOT_TABLE} "
            "ORDER BY event_date, event_id"
        ).fetchall()
        days = json.loads(data.timeline_text(con, filters, SNAPSHOT_TABLE))["days"]
    assert text == written_now  # the snapshot's column is the Feature DuckDB writes
    parsed = json.loads(text)
    assert parsed["truncated"] is False
    expected = [
        {
            "type": "Feature",
            "id": row[0],
            "geometry": {"type": "Point", "coordinates": [row[-2], row[-1]]},
            "properties": {
                name: (value.isoformat() if hasattr(value, "isoformat") else value)
                for name, value in zip(data.POINT_COLUMNS, row, strict=False)
            },
        }
        for row in rows
    ]
    assert parsed["features"] == expected
    assert parsed["features"][0]["properties"]["actor1"] == HOSTILE
    assert days == [[f"2017-01-0{d + 1}", 1] for d in range(6)]


def test_the_answer_cache_is_bounded_in_entries_and_bytes() -> None:
    cache = AnswerCache(max_entries=3, max_bytes=100)
    for n in range(5):
        cache.put(n, Answer(b"x" * 10, "text/plain"))
    assert len(cache) == 3 and cache.get(0) is None and cache.get(4) is not None
    cache.get(2)  # used: kept over 3
    cache.put("big", Answer(b"y" * 70, "text/plain"))
    assert cache.get(2) is not None and cache.get(3) is None
    cache.put("huge", Answer(b"z" * 101, "text/plain"))  # larger than the whole cache: not kept
    assert cache.get("huge") is None and cache.get("big") is not None


def test_one_build_per_version_whoever_asks(small_db: Path) -> None:
    import duckdb

    version = ["a"]
    snapshots = Snapshots(lambda: version[0], lambda: duckdb.connect(str(small_db), read_only=True))
    barrier = threading.Barrier(6)
    seen: list[Snapshot] = []

    def ask() -> None:
        barrier.wait()
        seen.append(snapshots.current())

    threads = [threading.Thread(target=ask) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(seen) == 6 and len({id(s) for s in seen}) == 1 and snapshots.builds == 1
    assert seen[0].events == 40
    version[0] = "b"
    assert snapshots.current() is not seen[0] and snapshots.builds == 2


def test_serve_builds_the_snapshot_before_the_first_request_and_a_failure_waits_for_one(
    small_db: Path,
) -> None:
    from marsad.web.server import _warm

    with served(ReadOnlyStore(small_db, wait=0.1)) as (base, server):
        _warm(server.app)
        assert server.app.snapshots.builds == 1
        with Store(small_db) as store:
            _add_events(store, 40, 1)
        with held_elsewhere(small_db):
            _warm(server.app)  # busy: nothing raised, nothing built
            assert server.app.snapshots.builds == 1
        assert len(features(base)) == 41 and server.app.snapshots.builds == 2
