"""One bad document never costs another (issue 18): reading, identifying, parsing, extraction and
storing are isolated per document; each failure is one coded line on standard error, exit 1."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from marsad.cli.main import main
from marsad.stages.events import EventStage
from marsad.store import Store

pytestmark = pytest.mark.slow

GOOD = (
    "Syrian government forces took control of the town of al-Mayadin on Saturday after clashes with "
    "Islamic State fighters that killed 14 militants.\n"
)
OTHER = "Turkish warplanes bombed the town of Afrin on Monday, killing 4 civilians, a monitor said.\n"
LINE_OK = {"id": "okline", "text": "Russian jets struck the town of Saraqib on Tuesday, killing 6 civilians."}


def run(argv: list[str], stdin: str | None = None) -> tuple[int, str, str]:
    """Run the CLI in-process; return its status, standard output and standard error."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.ExitStack() as stack:
        stack.enter_context(contextlib.redirect_stdout(out))
        stack.enter_context(contextlib.redirect_stderr(err))
        if stdin is not None:
            stack.enter_context(_stdin(stdin))
        status = main(argv)
    return status, out.getvalue(), err.getvalue()


@contextlib.contextmanager
def _stdin(text: str) -> Any:
    saved = sys.stdin
    sys.stdin = io.StringIO(text)
    try:
        yield
    finally:
        sys.stdin = saved


def parse(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def documents(records: list[dict[str, Any]]) -> set[str]:
    return {ev["document"] for rec in records for ev in rec["evidence"]}


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("marsad: [E")]


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("mixed")
    (root / "good.txt").write_text(GOOD, encoding="utf-8")
    (root / "other.txt").write_text(OTHER, encoding="utf-8")
    lines = [
        '{"id": "sur", "text": "Clashes \\ud800 in Idlib killed 3."}',
        '{"id": ' + "9" * 5000 + ', "text": "Clashes in Homs killed 2."}',
        json.dumps(LINE_OK),
    ]
    (root / "bad.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "big.txt").write_text("Shelling hit the town of Kafr Nabl. " * 140_000, encoding="utf-8")  # 5 MB
    (root / "bin.txt").write_bytes(b"\x00\x01\x02abc" * 100)
    (root / "empty.txt").write_bytes(b"")
    order = ("good.txt", "bad.jsonl", "big.txt", "bin.txt", "empty.txt", "other.txt")
    return {"root": root, **{name: root / name for name in order}}


def mixed_paths(mixed: dict[str, Path]) -> list[str]:
    return [str(mixed[n]) for n in ("good.txt", "bad.jsonl", "big.txt", "bin.txt", "empty.txt", "other.txt")]


EXPECTED_ERRORS = {
    "bad.jsonl:1": "E003",
    "bad.jsonl:2": "E003",
    "big.txt": "E002",
    "bin.txt": "E001",
    "empty.txt": "E001",
}


def check_errors(stderr: str) -> None:
    lines = error_lines(stderr)
    assert len(lines) == len(EXPECTED_ERRORS), stderr
    for name, code in EXPECTED_ERRORS.items():
        assert [line for line in lines if f"/{name}:" in line and f"[{code}]" in line], (name, stderr)
    assert "Traceback" not in stderr


def test_extract_mixed_input_prints_the_good_documents(mixed: dict[str, Path]) -> None:
    argv = ["extract", *mixed_paths(mixed), "--published", "2017-10-20", "-q", "--max-document-mb", "4"]
    status, out, err = run(argv)
    assert status == 1
    check_errors(err)
    assert "limit of 4 MB" in err
    assert documents(parse(out)) == {"good.txt", "okline", "other.txt"}


def test_ingest_mixed_input_stores_every_good_document(mixed: dict[str, Path], tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    argv = [
        "ingest",
        *mixed_paths(mixed),
        "--db",
        str(db),
        "--published",
        "2017-10-20",
        "--max-document-mb",
        "4",
    ]
    status, _, err = run(argv)
    assert status == 1
    check_errors(err)
    with Store(db, read_only=True) as store:
        assert store.counts()["documents"] == 3
        assert documents(list(store.iter_records(None))) == {"good.txt", "okline", "other.txt"}


def test_a_stage_failing_on_one_document_costs_only_that_document(
    mixed: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """good.txt, a document the event stage crashes on, other.txt: one parse batch, two stored."""
    boom = tmp_path / "boom.txt"
    boom.write_text("BOOM. " + OTHER.replace("Afrin", "Azaz"), encoding="utf-8")
    original = EventStage.__call__

    def crashing(self: EventStage, doc: Any) -> Any:
        if "BOOM" in doc.text:
            raise RuntimeError("the extractor broke")
        return original(self, doc)

    monkeypatch.setattr(EventStage, "__call__", crashing)
    paths = [str(mixed["good.txt"]), str(boom), str(mixed["other.txt"])]
    status, out, err = run(["extract", *paths, "--published", "2017-10-20", "-q"])
    alone = run(["extract", paths[0], paths[2], "--published", "2017-10-20", "-q"])[1]
    assert status == 1 and out == alone
    lines = error_lines(err)
    assert (
        len(lines) == 1
        and str(boom) in lines[0]
        and "[E004]" in lines[0]
        and "the extractor broke" in lines[0]
    )
    db = tmp_path / "s.duckdb"
    status, _, err = run(["ingest", *paths, "--db", str(db), "--published", "2017-10-20"])
    assert status == 1 and len(error_lines(err)) == 1
    with Store(db, read_only=True) as store:
        assert store.counts()["documents"] == 2


def test_stdin_json_lines_with_a_malformed_line_names_it_and_exits_1() -> None:
    stdin = json.dumps(LINE_OK) + '\n{"id": "broken", "text": "unterminated\n'
    status, out, err = run(["extract", "-", "--published", "2017-10-20", "-q"], stdin=stdin)
    assert status == 1
    lines = error_lines(err)
    assert len(lines) == 1 and "stdin:2" in lines[0] and "not valid JSON" in lines[0]
    assert documents(parse(out)) == {"okline"}


def test_mixed_input_via_console_script_has_no_traceback(mixed: dict[str, Path]) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "marsad", "extract", *mixed_paths(mixed), "-q", "--max-document-mb", "4"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 1
    check_errors(proc.stderr)
