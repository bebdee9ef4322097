"""Knowledge as data: packs of JSON files shipped in `knowledge/packs/`, extended by the user's own.

A pack is a folder with a `pack.json` (name, version, language, the packs it extends, its focus
countries) and typed files of the same names in every pack: `actors.json`, `places.json`,
`triggers.json`, ... Each typed file holds an object, most with an `entries` list; each has a JSON
Schema in `knowledge/schemas/` (`actors.json` -> `actors.schema.json`) and is validated when it is
read. Packs are read in dependency order (a pack after the packs it extends, ties by name), so a
later pack's entries extend or override an earlier one's.

Which packs a run reads (`select`):

- by default every bundled pack;
- with `--pack NAME|DIR` (repeatable), the named packs and the packs they extend, in order;
- then the user's `--knowledge DIR`s: a folder of files of the same shapes (a `pack.json` is
  optional), read last.

The selection is a list of folders (`Options.knowledge_dirs`); `knowledge_paths` and the loaders
take such a list. A list holding no pack folder (only plain `--knowledge` folders, or nothing)
means "every bundled pack, then these". `Knowledge` is the frozen view of one selection that the
stages read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from marsad.errors import KnowledgeFileError, KnowledgeSchemaError, UnknownPackError

PACK_FILE = "pack.json"
SCHEMA_SUFFIX = ".schema.json"


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
    bundled: bool = False
    # its first country is the one a report is taken to be from when nothing says (`default_country`)
    default: bool = False


def packs_root() -> Path:
    """The folder of the bundled packs."""
    return Path(str(resources.files("marsad.knowledge") / "packs"))


def schemas_root() -> Path:
    """The folder of the knowledge files' JSON Schemas."""
    return Path(str(resources.files("marsad.knowledge") / "schemas"))


def read_pack(path: Path, *, bundled: bool = False) -> Pack:
    """The pack in folder `path`, from its validated `pack.json`."""
    data = read_object(path / PACK_FILE)
    return Pack(
        name=data["name"],
        path=path,
        version=str(data.get("version", "")),
        language=str(data.get("language", "en")),
        extends=tuple(str(x) for x in data.get("extends", ())),
        countries=tuple(str(x) for x in data.get("countries", ())),
        description=str(data.get("description", "")),
        bundled=bundled,
        default=bool(data.get("default", False)),
    )


def is_pack(path: Path) -> bool:
    """True for a folder with a `pack.json`."""
    return (Path(path) / PACK_FILE).is_file()


@cache
def bundled_packs() -> tuple[Pack, ...]:
    """The bundled packs, each after the packs it extends (ties by name)."""
    root = packs_root()
    found = {p.name: p for p in (read_pack(d, bundled=True) for d in sorted(root.iterdir()) if is_pack(d))}
    return tuple(_in_dependency_order(found, sorted(found)))


def _in_dependency_order(packs: dict[str, Pack], wanted: Sequence[str]) -> list[Pack]:
    """The wanted packs and the packs they extend, each after its parents; a cycle or a parent
    that is not installed is an error."""
    ordered: list[Pack] = []
    state: dict[str, str] = {}

    def visit(name: str, chain: tuple[str, ...]) -> None:
        if state.get(name) == "done":
            return
        if state.get(name) == "visiting":
            raise KnowledgeFileError(f"packs extend each other in a cycle: {' -> '.join((*chain, name))}")
        if name not in packs:
            child = chain[-1] if chain else "?"
            raise UnknownPackError(
                f"pack {child!r} extends {name!r}, which is not installed (installed: {', '.join(sorted(packs))})"
            )
        state[name] = "visiting"
        for parent in packs[name].extends:
            visit(parent, (*chain, name))
        state[name] = "done"
        ordered.append(packs[name])

    for name in wanted:
        visit(name, ())
    return ordered


def select(packs: Sequence[str | Path] = (), knowledge_dirs: Sequence[Path] = ()) -> tuple[Path, ...]:
    """The folders a run reads, in order: the chosen packs (every bundled pack when none is
    chosen) with the packs they extend, then the user's knowledge folders.

    A pack is named (`syria-iraq`) or given as a folder with a `pack.json`.
    """
    installed = {p.name: p for p in bundled_packs()}
    if not packs:
        chosen = list(bundled_packs())
    else:
        available = dict(installed)
        wanted: list[str] = []
        for item in packs:
            path = Path(item)
            if str(item) in installed and not (path.is_dir() and is_pack(path)):
                wanted.append(str(item))
            elif is_pack(path):
                pack = read_pack(path)
                available[pack.name] = pack
                wanted.append(pack.name)
            elif path.is_dir():
                raise UnknownPackError(
                    f"{path}: a pack folder needs a {PACK_FILE} (name, version, extends, ...)"
                )
            else:
                raise UnknownPackError(
                    f"{item}: no such pack; installed packs: {', '.join(sorted(installed))} "
                    "(or give a folder with a pack.json)"
                )
        chosen = _in_dependency_order(available, list(dict.fromkeys(wanted)))
    dirs = [p.path for p in chosen]
    dirs += [Path(d) for d in knowledge_dirs if Path(d) not in dirs]
    return tuple(dirs)


def resolve_dirs(dirs: Iterable[Path]) -> tuple[Path, ...]:
    """A run's folders in reading order. When `dirs` holds pack folders they are the selection
    (with the packs they extend, then the plain folders); otherwise every bundled pack, then `dirs`."""
    given = tuple(Path(d) for d in dirs)
    packs = [d for d in given if is_pack(d)]
    if packs:
        return select(packs, [d for d in given if not is_pack(d)])
    return tuple(p.path for p in bundled_packs()) + given


def knowledge_paths(name: str, dirs: Iterable[Path] = ()) -> list[Path]:
    """Every existing file called `name` in a run's folders, in reading order."""
    return [d / name for d in resolve_dirs(dirs) if (d / name).is_file()]


@cache
def _schema(name: str) -> Any:
    """The JSON Schema validator for knowledge files called `name`, or None if there is none."""
    path = schemas_root() / (name.removesuffix(".json") + SCHEMA_SUFFIX)
    if not path.is_file():
        return None
    from jsonschema import Draft202012Validator

    schema = json.loads(path.read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


def validate(path: Path, data: Any) -> None:
    """Check a knowledge file against its schema; the error names the file and the JSON pointer."""
    validator = _schema(path.name)
    if validator is None:
        return
    errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    if errors:
        first = errors[0]
        pointer = "/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in first.absolute_path)
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise KnowledgeSchemaError(f"{path}: at {pointer}: {first.message}{more}")


@lru_cache(maxsize=256)
def _read_cached(path: Path, mtime_ns: int, size: int) -> dict[str, Any]:
    """A knowledge file read and validated once for each version of it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise KnowledgeFileError(f"{path}: cannot read it as JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise KnowledgeFileError(f"{path}: expected a JSON object")
    validate(path, data)
    return data


def read_object(path: Path) -> dict[str, Any]:
    """One knowledge file as a validated JSON object (callers must not modify it)."""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError as exc:
        raise KnowledgeFileError(f"{path}: cannot read it ({exc.strerror})") from exc
    return _read_cached(path, stat.st_mtime_ns, stat.st_size)


def read_objects(name: str, dirs: Iterable[Path] = ()) -> list[tuple[Path, dict[str, Any]]]:
    """Every file called `name` in a run's folders, each read as a validated JSON object."""
    return [(path, read_object(path)) for path in knowledge_paths(name, dirs)]


def load_json(name: str, dirs: Iterable[Path] = ()) -> list[Any]:
    """The `entries` of every file called `name` in a run's folders, concatenated in reading order."""
    entries: list[Any] = []
    for path, data in read_objects(name, dirs):
        if not isinstance(data.get("entries"), list):
            raise KnowledgeFileError(f"{path}: expected an object with an 'entries' list")
        entries.extend(data["entries"])
    return entries


@dataclass(frozen=True)
class Knowledge:
    """The knowledge one run reads: its folders in order, and the packs among them."""

    dirs: tuple[Path, ...]
    packs: tuple[Pack, ...] = field(default=())

    @classmethod
    def of(cls, dirs: Iterable[Path] = ()) -> Knowledge:
        """The knowledge of a run's folders (see `select`)."""
        resolved = resolve_dirs(dirs)
        bundled = {p.path: p for p in bundled_packs()}
        packs = tuple(bundled.get(d) or read_pack(d) for d in resolved if is_pack(d))
        return cls(resolved, packs)

    @property
    def countries(self) -> tuple[str, ...]:
        """The focus countries of the packs, in order, once each."""
        return tuple(dict.fromkeys(c for p in self.packs for c in p.countries))

    def paths(self, name: str) -> list[Path]:
        """Every file called `name`, in reading order."""
        return knowledge_paths(name, self.dirs)

    def objects(self, name: str) -> list[tuple[Path, dict[str, Any]]]:
        """Every file called `name`, read and validated."""
        return read_objects(name, self.dirs)

    def entries(self, name: str) -> list[Any]:
        """The `entries` of every file called `name`, concatenated."""
        return load_json(name, self.dirs)

    def validate_all(self) -> int:
        """Read and validate every JSON file in every folder; the number of files checked."""
        return sum(validate_folder(folder) for folder in self.dirs)


def validate_folder(folder: Path) -> int:
    """Read and validate every JSON file of a knowledge folder; the number of files checked."""
    paths = sorted(Path(folder).glob("*.json"))
    for path in paths:
        read_object(path)
    return len(paths)


@dataclass(frozen=True, slots=True)
class PackSummary:
    """What `marsad packs` lists of one pack."""

    name: str
    version: str
    countries: tuple[str, ...]
    actors: int
    places: int
    triggers: int
    path: str
    extends: tuple[str, ...]
    description: str

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "version": self.version,
            "countries": list(self.countries),
            "actors": self.actors,
            "places": self.places,
            "triggers": self.triggers,
            "extends": list(self.extends),
            "path": self.path,
            "description": self.description,
        }


def summarise(pack: Pack) -> PackSummary:
    """Count what a pack holds (its files validated on the way)."""

    def count(name: str) -> int:
        path = pack.path / name
        if not path.is_file():
            return 0
        entries = read_object(path).get("entries", [])
        return len(entries) if isinstance(entries, list) else 0

    return PackSummary(
        name=pack.name,
        version=pack.version,
        countries=pack.countries,
        actors=count("actors.json"),
        places=count("places.json"),
        triggers=count("triggers.json"),
        path=str(pack.path),
        extends=pack.extends,
        description=pack.description,
    )
