"""`marsad serve` as a process: without a token it reads the store per request, so another process
ingests and exports while it runs and the next request sees the new records; a filtered download is
the filtered export; a busy port is one line and status 2."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from marsad.cli.main import main
from marsad.store import Store

pytestmark = pytest.mark.slow


def _sample_documents() -> list[Any]:
    from marsad.ingest import read_inputs
    from marsad.model import Document

    sample = Path(str(resources.files("marsad") / "data" / "sample"))
    paths = [str(p) for p in sorted(sample.iterdir()) if p.suffix in (".txt", ".html", ".jsonl")]
    return [d for d in read_inputs(paths) if isinstance(d, Document)]


@contextlib.contextmanager
def serving(db: Path, *extra: str) -> Iterator[str]:
    """`marsad serve --db DB` in its own process on a free port; yield its base URL."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "marsad", "serve", "--db", str(db), "--port", "0", "--tiles", "none", *extra],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()
        found = re.search(r"at (http://127\.0\.0\.1:\d+)/", line)
        assert found, line
        yield found.group(1)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def count_events(base: str) -> int:
    status, _, body = get(base + "/api/events.geojson")
    assert status == 200, body[:300]
    return len(json.loads(body)["features"])


def test_ingest_and_export_run_while_serve_reads(tmp_path: Path, pipeline: Any) -> None:
    docs = list(pipeline.pipe(_sample_documents()))
    assert len(docs) >= 4
    db = tmp_path / "live.duckdb"
    with Store(db) as store:
        for doc in docs[:2]:
            store.add_document(doc, doc.events)
    with serving(db) as base:
        before = count_events(base)
        statuses: list[int] = []
        stop = threading.Event()

        def browse() -> None:  # a user on the map while the ingest runs
            while not stop.is_set():
                statuses.append(get(base + "/api/events.geojson")[0])
                time.sleep(0.01)

        browser = threading.Thread(target=browse, daemon=True)
        browser.start()
        try:
            for doc in docs[2:]:  # each document opens the store anew, racing the requests
                with Store(db) as store:
                    assert store.add_document(doc, doc.events)
        finally:
            stop.set()
            browser.join(timeout=30)
        assert statuses and set(statuses) <= {200, 503}
        assert count_events(base) > before
        out = tmp_path / "events.jsonl"
        with contextlib.redirect_stderr(io.StringIO()):
            assert main(["export", "--db", str(db), "--format", "jsonl", "--out", str(out)]) == 0
        assert out.read_text(encoding="utf-8").strip()
        # a writer that holds the store: the server waits a moment, then says it is busy
        with Store(db):
            status, headers, body = get(base + "/api/events.geojson")
            assert status == 503 and headers.get("Retry-After")
            assert "try again" in json.loads(body)["error"]
        assert count_events(base) > before
        # no token: reviews are refused, nothing is written
        req = urllib.request.Request(
            base + "/api/events/x/review",
            data=b"{}",
            headers={"Content-Type": "application/json", "Authorization": "Bearer t"},
            method="POST",
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(req, timeout=30)
        assert refused.value.code == 403


def test_a_busy_port_is_one_line_and_status_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "empty.duckdb"
    with Store(db):
        pass
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        for extra in ([], ["--token", "s3cret"]):
            status = main(["serve", "--db", str(db), "--port", str(port), *extra])
            err = capsys.readouterr().err
            assert status == 2
            lines = err.strip().splitlines()
            assert len(lines) == 1, err
            assert f"127.0.0.1:{port} is already in use" in lines[0] and "--port" in lines[0]
            assert "Traceback" not in err


@pytest.fixture(scope="module")
def sample_server(tmp_path_factory: pytest.TempPathFactory, pipeline: Any) -> Iterator[tuple[Path, str]]:
    """A store of the bundled sample, served read-only by its own process: (store, base URL)."""
    db = tmp_path_factory.mktemp("served") / "sample.duckdb"
    with Store(db) as store:
        for doc in pipeline.pipe(_sample_documents()):
            store.add_document(doc, doc.events)
    with serving(db) as base:
        yield db, base


def _rows(text: str) -> list[dict[str, str]]:
    """ACLED CSV rows without the export's own time stamp."""
    return [{k: v for k, v in row.items() if k != "timestamp"} for row in csv.DictReader(io.StringIO(text))]


def export(db: Path, *options: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["export", "--db", str(db), *options]) == 0
    return out.getvalue()


@pytest.mark.parametrize(
    ("query", "options"),
    [
        (
            "country=Syria&from=2017-10-01&to=2017-10-31",
            ["--country", "Syria", "--from", "2017-10-01", "--to", "2017-10-31"],
        ),
        (
            "country=syria&type=Battles&bbox=39,34,42,36",
            ["--country", "syria", "--type", "Battles", "--bbox", "39,34,42,36"],
        ),
        (
            "actor=islamic+state&sub-type=Armed+clash",
            ["--actor", "islamic state", "--sub-type", "Armed clash"],
        ),
        ("source=Jazira+Dawn&modality=occurred", ["--source", "Jazira Dawn", "--modality", "occurred"]),
    ],
)
def test_a_filtered_download_is_the_filtered_export(
    sample_server: tuple[Path, str], query: str, options: list[str]
) -> None:
    db, base = sample_server
    status, headers, body = get(f"{base}/api/events?{query}&format=csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert "attachment" in headers["Content-Disposition"]
    web = _rows(body.decode("utf-8"))
    cli = _rows(export(db, *options, "--format", "acled-csv"))
    assert cli and web == cli
    assert len(_rows(export(db, "--format", "acled-csv"))) > len(cli)  # the filters left some out


def test_the_october_download_is_in_range_and_complete(sample_server: tuple[Path, str]) -> None:
    db, base = sample_server
    _, _, body = get(f"{base}/api/events?country=Syria&from=2017-10-01&to=2017-10-31&format=csv")
    rows = _rows(body.decode("utf-8"))
    assert rows and all(
        "2017-10-01" <= r["event_date"] <= "2017-10-31" and r["country"] == "Syria" for r in rows
    )
    everything = _rows(export(db, "--format", "acled-csv"))
    expected = [
        r for r in everything if "2017-10-01" <= r["event_date"] <= "2017-10-31" and r["country"] == "Syria"
    ]
    assert rows == expected


def test_downloads_in_every_format(sample_server: tuple[Path, str], tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    db, base = sample_server
    query = "from=2017-10-01&to=2017-11-30"
    status, headers, body = get(f"{base}/api/events?{query}&format=geojson")
    assert status == 200 and headers["Content-Type"].startswith("application/geo+json")
    features = json.loads(body)["features"]
    assert features and all("2017-10-01" <= f["properties"]["event_date"] <= "2017-11-30" for f in features)
    status, headers, body = get(f"{base}/api/events?{query}&format=parquet")
    assert status == 200
    (tmp_path / "e.parquet").write_bytes(body)
    table = pq.read_table(tmp_path / "e.parquet")
    out = tmp_path / "cli.parquet"
    with contextlib.redirect_stderr(io.StringIO()):
        assert (
            main(
                [
                    "export",
                    "--db",
                    str(db),
                    "--from",
                    "2017-10-01",
                    "--to",
                    "2017-11-30",
                    "--format",
                    "parquet",
                    "--out",
                    str(out),
                ]
            )
            == 0
        )
    assert table.column("event_id").to_pylist() == pq.read_table(out).column("event_id").to_pylist()
    for bad in ("format=xml", "from=yesterday", "bbox=1,2,3", "from=2017-11-01&to=2017-10-01"):
        status, _, body = get(f"{base}/api/events?{bad}")
        assert status == 400 and json.loads(body)["error"], bad


def test_export_refuses_a_bad_filter(
    sample_server: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    db, _ = sample_server
    assert main(["export", "--db", str(db), "--format", "jsonl", "--from", "2017-13-01"]) == 2
    assert "--from" in capsys.readouterr().err
    assert main(["export", "--db", str(db), "--format", "jsonl", "--fused", "--country", "Syria"]) == 2
