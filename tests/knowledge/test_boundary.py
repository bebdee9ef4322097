"""The boundary between code and knowledge: no actor's key and no pack's country code is written
in the Python code. Code may name ACLED's generic roles (the acled pack's `generic` entries:
the government of the event's country, its police, civilians, protesters, rioters, an
unidentified armed group), which are conventions of the format, not knowledge of a theatre."""

from __future__ import annotations

import ast
from pathlib import Path

from marsad.knowledge import bundled_packs, load_json

SRC = Path(__file__).resolve().parents[2] / "src" / "marsad"


def forbidden() -> dict[str, str]:
    words: dict[str, str] = {}
    for entry in load_json("actors.json"):
        if not entry.get("generic"):
            words[entry["key"]] = "an actor key"
    for pack in bundled_packs():
        for code in pack.countries:
            words[code] = f"a country code of the {pack.name} pack"
    return words


def literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def test_the_boundary_holds_for_every_source_file() -> None:
    words = forbidden()
    assert "SY" in words and "IQ" in words and len(words) > 30
    found = [
        f"{path.relative_to(SRC)}:{line}: {value!r} is {words[value]}"
        for path in sorted(SRC.rglob("*.py"))
        for line, value in literals(path)
        if value in words
    ]
    assert not found, "knowledge written in code:\n" + "\n".join(found)


def test_the_check_finds_a_literal(tmp_path: Path) -> None:
    sample = tmp_path / "x.py"
    sample.write_text('HOME = "SY"\nLEADER = ("SYR_GOV",)\n', encoding="utf-8")
    words = forbidden()
    assert [v for _, v in literals(sample) if v in words] == ["SY", "SYR_GOV"]
