"""The wheel carries the web view: every served file matches a package-data pattern, and the wheel
build hook knows which map libraries must be there."""

from __future__ import annotations

import tomllib
from pathlib import Path, PurePosixPath

import pytest

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "src" / "marsad" / "web" / "static"


def _patterns() -> list[str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return list(data["tool"]["setuptools"]["package-data"]["marsad"])


def test_every_static_file_is_packaged() -> None:
    from marsad.web.server import vendor_ready

    if not vendor_ready():
        pytest.skip("the map libraries are not installed (run `make web-assets`)")
    package = ROOT / "src" / "marsad"
    files = [p for p in STATIC.rglob("*") if p.is_file() and p.name != ".stamp"]
    assert any("vendor" in p.parts for p in files)
    patterns = _patterns()
    # as setuptools globs them: `*` stays within one directory
    relative = [PurePosixPath(p.relative_to(package).as_posix()) for p in files]
    left_out = [
        str(rel)
        for rel in relative
        if not any(len(rel.parts) == len(PurePosixPath(pat).parts) and rel.match(pat) for pat in patterns)
    ]
    assert left_out == []


def test_every_template_is_packaged() -> None:
    """The pages' templates ship in the wheel: each matches a package-data pattern."""
    from marsad.web.pages import ENV

    package = ROOT / "src" / "marsad"
    templates = sorted((package / "web" / "templates").glob("*"))
    assert templates, "no templates found"
    assert sorted(p.name for p in templates) == sorted(ENV.list_templates())
    patterns = _patterns()
    for path in templates:
        rel = PurePosixPath(path.relative_to(package).as_posix())
        assert any(len(rel.parts) == len(PurePosixPath(p).parts) and rel.match(p) for p in patterns), rel


def test_the_wheel_hook_checks_what_the_server_needs() -> None:
    hook = (ROOT / "setup.py").read_text(encoding="utf-8")
    from marsad.web.server import OUTLINES

    for needed in ("leaflet/leaflet.js", "markercluster/leaflet.markercluster.js", OUTLINES):
        assert f'"{needed}"' in hook
