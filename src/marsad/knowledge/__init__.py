"""Knowledge as data: JSON files shipped in `knowledge/data/`, extended by the user's own.

A user adds a militia, a village or a trigger word by putting a JSON file of the same shape in a
directory passed as `--knowledge DIR` (or `Options.knowledge_dirs`); its entries are read after the
bundled ones.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from marsad.errors import KnowledgeFileError


def bundled_path(name: str) -> Path:
    """Path of a bundled knowledge file, e.g. `bundled_path("actors.json")`."""
    return Path(str(resources.files("marsad.knowledge") / "data" / name))


def load_json(name: str, extra_dirs: Iterable[Path] = ()) -> list[Any]:
    """Load the bundled file `name` and any file of that name in `extra_dirs`, in that order.

    Each file holds a JSON object with an `entries` list; the lists are concatenated.
    """
    paths = [bundled_path(name), *(Path(d) / name for d in extra_dirs)]
    entries: list[Any] = []
    for path in paths:
        if not path.exists():
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise KnowledgeFileError(f"{path}: cannot read it as JSON ({exc})") from exc
        if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
            raise KnowledgeFileError(f"{path}: expected an object with an 'entries' list")
        entries.extend(data["entries"])
    return entries
