"""Inputs checked at the edge (issue 18): ids of sane type and length, valid Unicode, numbers
Python can convert, JSON lines on standard input checked like a file, and a size limit."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from marsad.errors import BadIdentifierError, DocumentTooLargeError, InputError
from marsad.ingest import read_inputs
from marsad.model import Document
from marsad.model.document import content_id

GOOD = {"id": "ok", "text": "Clashes in Homs killed 2."}


def results(path: Path, **kwargs: object) -> tuple[list[Document], list[InputError]]:
    items = list(read_inputs([str(path)], **kwargs))  # type: ignore[arg-type]
    return [d for d in items if isinstance(d, Document)], [e for e in items if isinstance(e, InputError)]


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_lone_surrogate_in_text_is_refused_with_its_line(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "r.jsonl", ['{"id": "s", "text": "Clashes \\ud800 in Idlib."}', json.dumps(GOOD)]
    )
    docs, errors = results(path)
    assert [d.id for d in docs] == ["ok"]
    assert len(errors) == 1 and isinstance(errors[0], BadIdentifierError)
    assert errors[0].name == f"{path}:1" and "lone surrogate" in errors[0].reason
    assert str(errors[0]).startswith("[E003] ")


def test_lone_surrogate_in_metadata_is_replaced(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "r.jsonl", ['{"id": "t", "title": "A \\udc80 title", "text": "Clashes in Homs."}']
    )
    docs, errors = results(path)
    assert not errors and docs[0].title == "A \ufffd title"


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("9" * 5000, "5000 digits"),
        ("1." + "5" * 100, "digits"),
        ('"' + "x" * 600 + '"', "600 characters"),
        ('["a"]', "a list"),
        ('{"a": 1}', "an object"),
        ("true", "true or false"),
        ('"\\ud800"', "lone surrogate"),
    ],
)
def test_unusable_ids_are_refused(tmp_path: Path, value: str, reason: str) -> None:
    path = write_lines(
        tmp_path / "r.jsonl", ['{"id": ' + value + ', "text": "Clashes in Homs."}', json.dumps(GOOD)]
    )
    docs, errors = results(path)
    assert [d.id for d in docs] == ["ok"]
    assert len(errors) == 1 and errors[0].name == f"{path}:1" and reason in errors[0].reason


def test_numeric_ids_of_sane_length_are_kept(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "r.jsonl", ['{"id": 12345, "text": "One."}', '{"id": 1.5, "text": "Two."}'])
    docs, errors = results(path)
    assert not errors and [d.id for d in docs] == ["12345", "1.5"]


def test_documents_know_where_they_were_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Clashes in Homs.", encoding="utf-8")
    write_lines(tmp_path / "b.jsonl", ["", json.dumps(GOOD)])
    docs, _ = results(tmp_path)
    assert [(d.id, d.origin) for d in docs] == [
        ("a.txt", str(tmp_path / "a.txt")),
        ("ok", f"{tmp_path / 'b.jsonl'}:2"),
    ]


def test_content_id_never_raises() -> None:
    assert len(content_id("a \ud800 b")) == 16


def stdin_results(text: str) -> tuple[list[Document], list[InputError]]:
    items = list(read_inputs(["-"], stdin=io.StringIO(text)))
    return [d for d in items if isinstance(d, Document)], [e for e in items if isinstance(e, InputError)]


def test_stdin_json_lines_with_a_malformed_line_name_that_line() -> None:
    text = json.dumps(GOOD) + '\n{"id": "x", "text": "broken\n' + json.dumps({"text": "Three."}) + "\n"
    docs, errors = stdin_results(text)
    assert [d.id for d in docs] == ["ok", "stdin:3"]
    assert [e.name for e in errors] == ["stdin:2"] and "not valid JSON" in errors[0].reason


def test_stdin_json_lines_with_a_huge_number_name_that_line() -> None:
    docs, errors = stdin_results(json.dumps(GOOD) + '\n{"id": ' + "1" * 5000 + ', "text": "x"}\n')
    assert [d.id for d in docs] == ["ok"] and [e.name for e in errors] == ["stdin:2"]


def test_a_file_without_suffix_holding_json_lines_is_read_as_records(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "feed", [json.dumps(GOOD), "{not json"])
    docs, errors = results(path)
    assert [d.id for d in docs] == ["ok"] and [e.name for e in errors] == [f"{path}:2"]


def test_documents_over_the_limit_are_refused_naming_it(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text("Clashes in Homs. " * 70_000, encoding="utf-8")  # 1.2 MB
    write_lines(
        tmp_path / "r.jsonl", [json.dumps({"id": "long", "text": "word " * 300_000}), json.dumps(GOOD)]
    )
    docs, errors = results(tmp_path, max_document_mb=1)
    assert [d.id for d in docs] == ["ok"]
    assert [e.name for e in errors] == [str(tmp_path / "big.txt"), f"{tmp_path / 'r.jsonl'}:1"]
    assert all(isinstance(e, DocumentTooLargeError) and "limit of 1 MB" in e.reason for e in errors)
    assert "--max-document-mb" in errors[0].reason
    docs, errors = results(tmp_path, max_document_mb=None)
    assert len(docs) == 3 and not errors
