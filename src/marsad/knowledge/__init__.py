"""Knowledge as data: packs of JSON files shipped in `knowledge/packs/`, extended by the user's own.

A pack is a folder with a `pack.json` (name, version, language, the packs it extends, its focus
countries) and typed files of the same names in every pack: `actors.json`, `places.json`,
`triggers.json`, ... Each typed file holds an object with an `entries` list (and, for some files,
tables beside it). Packs are read in dependency order (a pack after the packs it extends, ties by
name), so a later pack's entries extend or override an earlier one's.

A user adds a militia, a village or a trigger word by putting a file of the same shape in a
directory passed as `--knowledge DIR` (or `Options.knowledge_dirs`); its entries are read after
the bundled packs'.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from marsad.errors import KnowledgeFileError

PACK_FILE = "pack.json"


@dataclass(frozen=True, slots=True)
class Pack:
    """One knowledge pack: its folder and what its `pack.json` says of it."""

    name: str
    path: Path
    version: str = ""
    language: str = "en"
    extends: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    description: str = ""


def packs_root() -> Path:
    """The folder of the bundled packs."""
    return Path(str(resources.files("marsad.knowledge") / "packs"))


def read_pack(path: Path) -> Pack:
    """The pack in folder `path`, from its `pack.json`."""
    manifest = path / PACK_FILE
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise KnowledgeFileError(f"{manifest}: cannot read it as JSON ({exc})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("name"), str):
        raise KnowledgeFileError(f"{manifest}: expected an object with a 'name'")
    return Pack(
        name=data["name"],
        path=path,
        version=str(data.get("version", "")),
        language=str(data.get("language", "en")),
        extends=tuple(str(x) for x in data.get("extends", ())),
        countries=tuple(str(x) for x in data.get("countries", ())),
        description=str(data.get("description", "")),
    )


@cache
def bundled_packs() -> tuple[Pack, ...]:
    """The bundled packs, each after the packs it extends (ties by name)."""
    root = packs_root()
    found = {p.name: p for p in (read_pack(d) for d in sorted(root.iterdir()) if (d / PACK_FILE).exists())}
    return tuple(_in_dependency_order(found))


def _in_dependency_order(packs: dict[str, Pack]) -> list[Pack]:
    """Packs sorted so that each follows the packs it extends; a cycle is an error."""
    ordered: list[Pack] = []
    state: dict[str, str] = {}

    def visit(name: str, chain: tuple[str, ...]) -> None:
        if state.get(name) == "done":
            return
        if state.get(name) == "visiting":
            raise KnowledgeFileError(f"packs extend each other in a cycle: {' -> '.join((*chain, name))}")
        state[name] = "visiting"
        for parent in packs[name].extends:
            if parent in packs:
                visit(parent, (*chain, name))
        state[name] = "done"
        ordered.append(packs[name])

    for name in sorted(packs):
        visit(name, ())
    return ordered


def knowledge_paths(name: str, extra_dirs: Iterable[Path] = ()) -> list[Path]:
    """Every existing file called `name`: the bundled packs' in order, then the user's."""
    dirs: Sequence[Path] = [p.path for p in bundled_packs()] + [Path(d) for d in extra_dirs]
    return [d / name for d in dirs if (d / name).exists()]


def read_object(path: Path) -> dict[str, Any]:
    """One knowledge file as a JSON object."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise KnowledgeFileError(f"{path}: cannot read it as JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise KnowledgeFileError(f"{path}: expected a JSON object")
    return data


def read_objects(name: str, extra_dirs: Iterable[Path] = ()) -> list[tuple[Path, dict[str, Any]]]:
    """Every file called `name` (bundled packs, then the user's), each read as a JSON object."""
    return [(path, read_object(path)) for path in knowledge_paths(name, extra_dirs)]


def load_json(name: str, extra_dirs: Iterable[Path] = ()) -> list[Any]:
    """The `entries` of every file called `name`, concatenated: the bundled packs' in order, then
    those of `extra_dirs`."""
    entries: list[Any] = []
    for path, data in read_objects(name, extra_dirs):
        if not isinstance(data.get("entries"), list):
            raise KnowledgeFileError(f"{path}: expected an object with an 'entries' list")
        entries.extend(data["entries"])
    return entries
