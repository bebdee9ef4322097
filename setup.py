"""Build hook: a wheel carries the web view's map libraries.

The map libraries (Leaflet, Leaflet.markercluster, the country outlines) are copied from the npm
registry by `make web-assets` into src/marsad/web/static/vendor, which is not committed. Building a
wheel (`pip wheel .`, `python -m build --wheel`, `make wheel`) runs that target first when they are
missing, and stops with a message when it cannot, so no wheel goes out without its map. Everything
else is declared in pyproject.toml.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from setuptools import setup

try:
    from setuptools.command.bdist_wheel import bdist_wheel
except ImportError:  # setuptools < 70.1
    from wheel.bdist_wheel import bdist_wheel  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parent
VENDOR = ROOT / "src" / "marsad" / "web" / "static" / "vendor"
NEEDED = (
    "leaflet/leaflet.js",
    "leaflet/leaflet.css",
    "markercluster/leaflet.markercluster.js",
    "outlines/countries-50m.json",
    "outlines/topojson-client.min.js",
)


def _missing() -> list[str]:
    return [name for name in NEEDED if not (VENDOR / name).is_file()]


class BdistWheelWithAssets(bdist_wheel):  # type: ignore[misc, valid-type]
    """bdist_wheel that builds the map libraries first (`make web-assets`) when they are missing."""

    def run(self) -> None:
        if _missing():
            if not (ROOT / "Makefile").is_file() or shutil.which("make") is None:
                raise SystemExit(
                    "marsad: the web view's map libraries are missing ("
                    + ", ".join(_missing())
                    + "); build the wheel from a git checkout with make and npm (`make wheel`)"
                )
            subprocess.run(["make", "-C", str(ROOT), "web-assets"], check=True)
            if _missing():
                raise SystemExit("marsad: `make web-assets` did not produce " + ", ".join(_missing()))
        super().run()


setup(cmdclass={"bdist_wheel": BdistWheelWithAssets})
