"""`marsad extract` with bad inputs: the good ones are still processed, the bad ones named on
standard error with a reason, exit status 1, and never a traceback."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from marsad.cli.main import main

pytestmark = pytest.mark.slow

GOOD = (
    "Syrian army retakes al-Mayadin\n\n"
    "DEIR EZ-ZOR, Oct 15 (Test Wire) - Syrian government forces took control of the town of al-Mayadin "
    "on Saturday after clashes with Islamic State fighters that killed 14 militants.\n"
)
GOOD_RECORD = {
    "id": "rec-ok",
    "published": "2017-10-16",
    "text": "Syrian government forces took control of the town of al-Mayadin on Saturday after clashes "
    "with Islamic State fighters that killed 14 militants.",
}


def run(argv: list[str]) -> tuple[int, str, str]:
    """Run the CLI in-process; return its status, standard output and standard error."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv)
    return status, out.getvalue(), err.getvalue()


def parse(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def documents(records: list[dict[str, Any]]) -> set[str]:
    return {ev["document"] for rec in records for ev in rec["evidence"]}


def noise() -> bytes:
    """2000 random bytes with NULs spread through them."""
    data = bytearray(os.urandom(2000))
    for i in range(0, len(data), 97):
        data[i] = 0
    return bytes(data)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bad-input")
    (root / "good.txt").write_text(GOOD, encoding="utf-8")
    (root / "noise.txt").write_bytes(noise())
    (root / "empty.txt").write_bytes(b"")
    return root


@pytest.fixture(scope="module")
def folder_run(folder: Path) -> tuple[int, str, str]:
    return run(["extract", str(folder), "--published", "2017-10-16", "--quiet"])


def stderr_line(stderr: str, name: str) -> str:
    lines = [line for line in stderr.splitlines() if name in line]
    assert lines, f"{name} not named on standard error: {stderr!r}"
    return lines[0]


def test_folder_good_article_events_on_stdout(folder_run: tuple[int, str, str]) -> None:
    _, stdout, _ = folder_run
    records = parse(stdout)
    assert records
    assert documents(records) == {"good.txt"}


def test_folder_bad_files_named_with_a_reason(folder_run: tuple[int, str, str]) -> None:
    _, _, stderr = folder_run
    noise_line = stderr_line(stderr, "noise.txt")
    empty_line = stderr_line(stderr, "empty.txt")
    assert "binary" in noise_line.lower() or "utf-8" in noise_line.lower(), noise_line
    assert "empty" in empty_line.split("empty.txt", 1)[1].lower(), empty_line
    assert "good.txt" not in stderr


def test_folder_exit_status_and_no_traceback(folder_run: tuple[int, str, str]) -> None:
    status, _, stderr = folder_run
    assert status == 1
    assert "Traceback" not in stderr


def test_missing_path_is_named_and_other_inputs_still_processed(folder: Path, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-report.txt"
    status, stdout, stderr = run(
        ["extract", str(missing), str(folder / "good.txt"), "--published", "2017-10-16", "--quiet"]
    )
    assert status == 1
    line = stderr_line(stderr, "no-such-report.txt")
    assert "no such file" in line.lower()
    assert documents(parse(stdout)) == {"good.txt"}
    assert "Traceback" not in stderr


def test_malformed_json_line_via_console_script(tmp_path: Path) -> None:
    """One real subprocess: `python -m marsad` is the console script's entry point and exit status."""
    jsonl = tmp_path / "file.jsonl"
    jsonl.write_text(
        json.dumps(GOOD_RECORD) + "\n" + '{"id": "rec-bad", "text": "unterminated\n', encoding="utf-8"
    )
    proc = subprocess.run(
        [sys.executable, "-m", "marsad", "extract", str(jsonl), "--quiet"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "file.jsonl:2" in proc.stderr
    assert "file.jsonl:1" not in proc.stderr
    records = parse(proc.stdout)
    assert records
    assert documents(records) == {"rec-ok"}
