"""How fast the gazetteer builds and answers, with and without the shared gazetteers imported.

Run with `pytest -m slow -s tests/geocode/test_gazetteer_import_speed.py` to see the figures.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import pytest

from marsad.services.gazetteer import Gazetteer, home_countries
from marsad.services.gazetteer_import import import_file

SHARED_GAZETTEERS = Path(__file__).resolve().parents[2].parent / "shared" / "gazetteers"

pytestmark = pytest.mark.slow


def _build_seconds() -> float:
    """Seconds to compile the index from scratch."""
    start = time.perf_counter()
    Gazetteer().index  # noqa: B018
    return time.perf_counter() - start


def _names(gaz: Gazetteer) -> list[str]:
    """Distinct names to look up: Syrian and Iraqi names, other spellings, and misspellings."""
    places = [p for p in gaz.index.iter_places() if p.country in home_countries()][::3]
    names = [p.name for p in places] + [p.aliases[-1] for p in places if p.aliases]
    names += [n[:3] + n[4:] for n in names[::4] if len(n) > 6]  # a letter dropped: the fuzzy path
    return list(dict.fromkeys(names))


def _lookup_ms(names: list[str]) -> list[float]:
    """Milliseconds per first lookup of each name on a gazetteer loaded from the cache."""
    gaz = Gazetteer()
    gaz.index  # noqa: B018
    times = []
    for name in names:
        start = time.perf_counter()
        gaz.lookup(name, country_hint="SY")
        times.append((time.perf_counter() - start) * 1000)
    return times


def test_build_and_lookup_speed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARSAD_CACHE_DIR", str(tmp_path / "plain"))
    plain = _build_seconds()
    figures = {"build, packaged sources (s)": plain}
    csvs = sorted(SHARED_GAZETTEERS.glob("*.csv"))
    if csvs:
        monkeypatch.setenv("MARSAD_CACHE_DIR", str(tmp_path / "imported"))
        for path in csvs:
            import_file(path)
        figures[f"build, with {len(csvs)} shared CSVs imported (s)"] = _build_seconds()
    start = time.perf_counter()
    Gazetteer().index  # noqa: B018
    figures["load of the cached index (s)"] = time.perf_counter() - start
    names = _names(Gazetteer())
    times = _lookup_ms(names)
    figures[f"lookup median over {len(names)} names (ms)"] = statistics.median(times)
    figures["lookup 95th percentile (ms)"] = statistics.quantiles(times, n=20)[-1]
    for label, value in figures.items():
        print(f"{label}: {value:.3f}")
    assert statistics.median(times) < 1.0
    assert max(v for k, v in figures.items() if k.startswith("build")) < 120  # 60 s on an idle machine
