"""Importing place lists into the user's gazetteer: GeoNames dumps, CSV and GeoJSON point files.

`import_file(path)` reads a list, normalises every usable row into a place record and writes them
to one JSON-lines file in `<cache>/imported/` (a header line, then one place per line), replacing
an earlier import of the same name by an atomic rename. The next `Gazetteer()` build indexes the
imported places with the packaged ones (`imported_places`); the cache fingerprint covers the
import files, so the index is rebuilt once after an import and reused afterwards.

Accepted inputs, told apart by content and extension:

- GeoNames dumps: the 19-column tab-separated format (`SY.txt`, `cities500.txt`), plain or zipped;
- CSV (`,` `;` or tab, UTF-8 with or without BOM, or UTF-16) with a header row naming the columns;
- GeoJSON: a FeatureCollection of Points whose properties hold the columns.
"""

from __future__ import annotations

import contextlib
import csv
import io
import itertools
import json
import math
import os
import re
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from marsad.errors import InputError, KnowledgeFileError, OptionError
from marsad.services import gazetteer as gz
from marsad.services.placekey import is_arabic, place_key, plain_key

FORMAT = "marsad-gazetteer-import/1"
COUNTRY_RADIUS_KM = 25.0  # a row without a country takes that of the nearest row within this
ADMIN1_RADIUS_KM = 30.0  # a Syrian or Iraqi place without admin1 takes the nearest town's

# accepted column names (compared lower-cased, spaces and hyphens as underscores), best first
NAME_COLUMNS = (
    "name", "name_en", "english_name", "placename", "place_name", "place", "location", "location_name",
    "toponym", "asciiname", "admin4name_en", "adm4_en", "admin3name_en", "adm3_en", "admin2name_en",
    "adm2_en", "admin1name_en", "adm1_en",
)  # fmt: skip
ALT_COLUMNS = (
    "alt_names", "alternate_names", "alternatenames", "alt_name", "aliases", "alias", "other_names",
    "variants", "asciiname", "name_ar",
)  # fmt: skip
LAT_COLUMNS = ("lat", "latitude", "y", "lat_y", "point_y", "ycoord", "y_coord", "lat_dd")
LON_COLUMNS = ("lon", "lng", "long", "longitude", "x", "lon_x", "point_x", "xcoord", "x_coord", "lon_dd")
COUNTRY_COLUMNS = (
    "country", "country_code", "countrycode", "iso2", "iso_a2", "cc", "adm0_pcode", "admin0pcode",
    "adm0_en", "admin0name_en", "iso",
)  # fmt: skip
ADMIN_COLUMNS: dict[int, tuple[str, ...]] = {
    1: ("admin1", "admin1_name", "admin1name_en", "adm1_en", "governorate", "province", "state"),
    2: ("admin2", "admin2_name", "admin2name_en", "adm2_en", "district"),
    3: ("admin3", "admin3_name", "admin3name_en", "adm3_en", "subdistrict", "sub_district", "nahiya"),
}
TYPE_COLUMNS = (
    "feature_type", "type", "fclass", "feature_code", "featurecode", "feature_class", "featureclass",
    "place_type", "kind", "category", "class",
)  # fmt: skip
POPULATION_COLUMNS = ("population", "pop", "pop_total", "inhabitants")
ID_COLUMNS = ("gid", "geonameid", "id", "source_id", "pcode", "uid", "fid")

# feature type words people write, as marsad's types
_TYPE_WORDS: dict[str, str] = {
    **{t: t for t in ("city", "town", "village", "country", "province", "district", "subdistrict")},
    **{t: t for t in ("region", "valley", "desert", "mountains", "border", "river", "airport", "base")},
    **{t: t for t in ("crossing", "dam", "facility", "factory", "site", "water", "reservoir", "terrain")},
    **{t: t for t in ("neighbourhood", "camp")},
    "hamlet": "village", "locality": "village", "isolated_dwelling": "village", "farm": "village",
    "suburb": "neighbourhood", "neighborhood": "neighbourhood", "quarter": "neighbourhood",
    "governorate": "province", "muhafazah": "province", "sub_district": "subdistrict",
    "nahiya": "subdistrict", "nahiyah": "subdistrict", "lake": "water", "airfield": "airport",
    "stream": "river", "wadi": "river", "mountain": "terrain", "hill": "terrain",
}  # fmt: skip
_ADMIN_TYPES = ("country", "province", "district", "subdistrict")
_ADMIN_CODES = ("PCLI", "ADM1", "ADM2", "ADM3")
_CAPITAL_CODES = ("PPLC", "PPLA", "PPLA2", "PPLA3")
_CODE_HEADS = frozenset({"PPL", "ADM", "PCL"})
_AREA_TYPES = frozenset({"district", "subdistrict", "water", "reservoir", "terrain"})  # precision 2

_GEONAMES_CLASS_TYPES = {"H": "water", "L": "region", "S": "facility", "T": "terrain", "R": "facility"}
_GEONAMES_CODE_TYPES: dict[str, str] = {
    "PPLC": "city", "PPLA": "city", "PPLX": "neighbourhood", "ADM1": "province", "ADM1H": "province",
    "ADM2": "district", "ADM2H": "district", "ADM3": "subdistrict", "ADM4": "subdistrict",
    "ADM5": "subdistrict", "ADMD": "region", "PCLI": "country", "PCLD": "country", "PCLS": "country",
    "PCLF": "country", "PCL": "country", "RSV": "reservoir", "RSVI": "reservoir", "STM": "river",
    "STMI": "river", "WAD": "river", "AIRP": "airport", "AIRB": "airport", "AIRF": "airport",
    "AIRH": "airport", "DAM": "dam", "MLTY": "base", "INSM": "base", "PSTB": "crossing",
    "MTS": "mountains", "VAL": "valley", "DSRT": "desert", "CMP": "camp", "CMPRF": "camp",
}  # fmt: skip
_GEONAMES_CODE = re.compile(r"^(?:([A-Z])\.)?([A-Z]{2,5}[0-9]?[A-Z]?)$")
_LEVEL = re.compile(r"\b(?:level|adm|admin)\s*([0-9])")
_LATIN = re.compile(r"^[A-Za-z0-9 '\-().,/]+$")
_ALT_SPLIT = re.compile(r"[|;,،]")
GEOMETRY = "\0geometry"  # the key of a GeoJSON feature's geometry among its properties
_SIZES = ("village", "town", "city")


class _Skip(Exception):
    """A row that cannot be imported, with the reason it is skipped."""


@dataclass(slots=True)
class PlaceRecord:
    """One imported place in marsad's normalised form (a line of an import file)."""

    id: str
    name: str
    lat: float
    lon: float
    country: str
    admin1: str = ""
    admin2: str = ""
    admin3: str = ""
    type: str = "village"
    code: str = ""
    population: int = 0
    aliases: list[str] = field(default_factory=list)
    precision: int = 1


@dataclass
class ImportResult:
    """What an import did: how many places it wrote where, and how many rows it skipped and why."""

    name: str
    source: str
    path: Path
    places: int
    skipped: Counter[str]
    replaced: bool = False

    def summary(self) -> str:
        """One line: `imported N places from FILE (M rows skipped: reasons)`."""
        line = f"imported {self.places} places from {self.source} ({skipped_text(self.skipped)})"
        return line + (f"; replaced the earlier import {self.name!r}" if self.replaced else "")


@dataclass
class ImportInfo:
    """An import file's header: its name, source, date and counts."""

    name: str
    path: Path
    source: str
    imported_at: str
    places: int
    skipped: dict[str, int]


def skipped_text(skipped: Counter[str]) -> str:
    """'0 rows skipped' or '3 rows skipped: 2 coordinates out of range, 1 no name'."""
    total = sum(skipped.values())
    head = f"{total} row{'' if total == 1 else 's'} skipped"
    if not total:
        return head
    return head + ": " + ", ".join(f"{n} {reason}" for reason, n in skipped.most_common())


# ---------------------------------------------------------------------------------------------
# the store


def imports_dir(cache_dir: Path | None = None) -> Path:
    """The directory that holds the user's imports."""
    return gz.Gazetteer(cache_dir=cache_dir).import_dir()


def import_file(
    path: Path | str, *, name: str | None = None, country: str | None = None, cache_dir: Path | None = None
) -> ImportResult:
    """Read a place list and store it as an import; nothing is written when it cannot be read."""
    path = Path(path)
    import_name = _import_name(name, path)
    default_country = _country_option(country)
    target = imports_dir(cache_dir) / f"{import_name}.jsonl"
    body = target.with_name(f".{target.name}.{os.getpid()}.body")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with body.open("w+", encoding="utf-8") as fh:
            # streamed: each place is written as it is read (memory stays flat however long the dump);
            # only rows without a country wait, for the nearest place's country
            sink = _Sink(fh, import_name)
            _records, skipped = read_places(path, country=default_country, sink=sink)
            skipped += sink.skipped
            sink.place_missing(skipped)
            if not sink.count:
                reasons = f" ({skipped_text(skipped)})" if skipped else ""
                raise InputError(str(path), f"no place could be imported{reasons}")
            replaced = target.exists()
            header = {
                "format": FORMAT,
                "name": import_name,
                "source": str(path),
                "imported_at": datetime.now().astimezone().isoformat(timespec="seconds"),
                "places": sink.count,
                "skipped": dict(skipped),
            }
            fh.seek(0)
            _write_import(target, header, fh)
    except OSError as exc:
        raise InputError(str(target), f"cannot write the import ({exc.strerror or exc})") from exc
    finally:
        body.unlink(missing_ok=True)
    drop_stale_indexes(cache_dir)
    return ImportResult(import_name, str(path), target, sink.count, skipped, replaced)


_RECORD_FIELDS: tuple[str, ...] = tuple(PlaceRecord.__slots__)


class _Sink:
    """Where an import's places stream: one JSON line each, in the order read, duplicates (same name
    and point) dropped; rows without a country are held until the end (`place_missing`)."""

    def __init__(self, fh: IO[str], name: str) -> None:
        self.fh, self.name = fh, name
        self.count = 0
        self.skipped: Counter[str] = Counter()
        self.missing: list[PlaceRecord] = []
        self._seen: set[int] = set()  # hashes of (name key, point): 1M places in ~60 MB
        self.country: str | None = None

    def consume(
        self, items: Iterable[PlaceRecord | str], country: str | None
    ) -> tuple[list[PlaceRecord], Counter[str]]:
        """Write the places of one stream; count its skipped rows."""
        skipped: Counter[str] = Counter()
        for item in items:
            if isinstance(item, str):
                skipped[item] += 1
            elif not item.country and not country:
                self.missing.append(item)
            else:
                item.country = item.country or str(country)
                self.write(item)
        return [], skipped

    def write(self, record: PlaceRecord) -> None:
        record.admin1 = acled_admin1(record.country, record.admin1)
        slot = hash((plain_key(record.name), round(record.lat, 4), round(record.lon, 4)))
        if slot in self._seen:
            self.skipped["duplicates"] += 1
            return
        self._seen.add(slot)
        data = {
            name: getattr(record, name) for name in _RECORD_FIELDS
        }  # asdict's deep copy: a quarter of the time
        data["id"] = record.id if record.id.startswith("gn:") else f"imp:{self.name}:{record.id}"
        self.fh.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
        self.count += 1

    def place_missing(self, skipped: Counter[str]) -> None:
        """Give the held rows the country of the nearest place written (or packaged town) within 25 km."""
        if not self.missing:
            return
        grid = _Grid()
        self.fh.flush()
        self.fh.seek(0)
        for line in self.fh:
            data = json.loads(line)
            grid.add(float(data["lat"]), float(data["lon"]), str(data["country"]))
        self.fh.seek(0, os.SEEK_END)
        towns: _Grid | None = None
        for record in self.missing:
            record.country = grid.nearest(record.lat, record.lon, COUNTRY_RADIUS_KM, _any) or ""
            if not record.country:
                towns = towns or _town_grid()
                record.country = towns.nearest(record.lat, record.lon, COUNTRY_RADIUS_KM, _any) or ""
            if record.country:
                self.write(record)
            else:
                skipped["no country (give --country)"] += 1
        self.missing = []


def remove_import(name: str, cache_dir: Path | None = None) -> Path:
    """Delete an import by name; the next build leaves its places out."""
    target = imports_dir(cache_dir) / f"{_import_name(name, Path(name))}.jsonl"
    if not target.is_file():
        known = ", ".join(info.name for info in list_imports(cache_dir)) or "none"
        raise OptionError(f"no import named {name!r} (imports: {known})")
    target.unlink()
    drop_stale_indexes(cache_dir)
    return target


def list_imports(cache_dir: Path | None = None) -> list[ImportInfo]:
    """The imports in the store, by name."""
    infos = []
    for path in gz._import_files(imports_dir(cache_dir)):
        header = _read_header(path)
        infos.append(
            ImportInfo(
                name=path.stem,
                path=path,
                source=str(header.get("source") or "?"),
                imported_at=str(header.get("imported_at") or "?"),
                places=int(header.get("places") or 0),
                skipped=dict(header.get("skipped") or {}),
            )
        )
    return infos


def drop_stale_indexes(cache_dir: Path | None = None) -> None:
    """Delete compiled indexes: every one was compiled from the imports as they were."""
    root = gz._cache_root(cache_dir)
    for old in [*root.glob("gazetteer-v*.pickle"), *root.glob("gazetteer-v*.sqlite")]:
        with contextlib.suppress(OSError):  # another process removed it first
            old.unlink()


def _import_name(name: str | None, path: Path) -> str:
    """The import's name: --name (letters, digits, '.', '_' and '-'), or the file's name without suffixes."""
    if name is None:
        stem = path.name
        while Path(stem).suffix.lower() in (".zip", ".csv", ".tsv", ".txt", ".geojson", ".json"):
            stem = Path(stem).stem
        name = re.sub(r"[^A-Za-z0-9._-]+", "_", stem).strip("._-") or "import"
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,80}", name):
        raise OptionError(f"{name!r} cannot name an import: use letters, digits, '.', '_' and '-'")
    return name


def _country_option(country: str | None) -> str | None:
    """The ISO2 code of --country, or None."""
    if country is None:
        return None
    code = country_code(country)
    if code is None:
        raise OptionError(f"--country {country!r}: not a country code or name (e.g. SY, IQ, Syria)")
    return code


def _write_import(target: Path, header: dict[str, Any], body: IO[str]) -> None:
    """Write an import file (its header, then the places already written to `body`) next to its
    final name, then rename it into place."""
    import shutil

    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("w", encoding="utf-8") as fh:
            fh.write(json.dumps(header, ensure_ascii=False) + "\n")
            shutil.copyfileobj(body, fh, 1 << 20)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(str(target), f"cannot write the import ({exc.strerror or exc})") from exc


def _read_header(path: Path) -> dict[str, Any]:
    """The header line of an import file ({} when unreadable)."""
    try:
        with path.open(encoding="utf-8") as fh:
            header = json.loads(fh.readline())
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return {}
    return header if isinstance(header, dict) and header.get("format") == FORMAT else {}


# ---------------------------------------------------------------------------------------------
# from the store into the index


def imported_places(
    directory: Path,
    cities: list[dict[str, Any]],
    seats: dict[tuple[str, str], list[tuple[str, float, float]]],
) -> list[gz.Place]:
    """Every imported place as a Place, its Syrian district and SY/IQ province filled where missing."""
    finder = _admin1_finder(cities)
    places = []
    for path in gz._import_files(directory):
        source = f"import:{path.stem}"
        for record in _read_records(path):
            places.append(_to_place(record, source, seats, finder))
    return places


def _read_records(path: Path) -> Iterator[dict[str, Any]]:
    """The place records of an import file."""
    try:
        with path.open(encoding="utf-8") as fh:
            if not _read_header(path):
                raise KnowledgeFileError(f"{path}: not a marsad import file; delete it or import again")
            next(fh)
            for line in fh:
                if line.strip():
                    yield json.loads(line)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise KnowledgeFileError(
            f"{path}: cannot read this import ({exc}); delete it or import again"
        ) from exc


def _to_place(
    record: dict[str, Any],
    source: str,
    seats: dict[tuple[str, str], list[tuple[str, float, float]]],
    finder: Callable[[str, float, float], str],
) -> gz.Place:
    """One import record as a Place."""
    country, lat, lon = str(record["country"]), float(record["lat"]), float(record["lon"])
    admin1 = str(record.get("admin1") or "") or finder(country, lat, lon)
    admin2 = str(record.get("admin2") or "")
    if not admin2 and record.get("type") not in ("province", "country"):
        admin2 = gz._nearest_seat(seats.get((country, admin1), []), lat, lon)
    return gz.Place(
        id=str(record["id"]),
        name=str(record["name"]),
        lat=lat,
        lon=lon,
        country=country,
        country_name=gz._country_name(country),
        admin1=admin1,
        admin2=admin2,
        type=str(record.get("type") or "village"),
        population=int(record.get("population") or 0),
        aliases=tuple(record.get("aliases") or ()),
        precision=int(record.get("precision") or 1),
        iso=gz._iso_numeric(country),
        admin3=str(record.get("admin3") or ""),
        code=str(record.get("code") or ""),
        source=source,
    )


def _admin1_finder(cities: list[dict[str, Any]]) -> Callable[[str, float, float], str]:
    """A function giving the province of the nearest town of the country within ADMIN1_RADIUS_KM."""
    grid = _Grid()
    for row in cities:
        name = gz._admin1_name(row["countrycode"], str(row.get("admin1code") or ""))
        if name:
            grid.add(float(row["latitude"]), float(row["longitude"]), (row["countrycode"], name))

    def find(country: str, lat: float, lon: float) -> str:
        hit = grid.nearest(lat, lon, ADMIN1_RADIUS_KM, lambda value: value[0] == country)
        return hit[1] if hit else ""

    return find


class _Grid:
    """Points in half-degree cells, for nearest-point questions over a few thousand points."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[tuple[float, float, Any]]] = {}

    def add(self, lat: float, lon: float, value: Any) -> None:
        """Add a point with a value."""
        self.cells.setdefault((math.floor(lat * 2), math.floor(lon * 2)), []).append((lat, lon, value))

    def nearest(self, lat: float, lon: float, radius_km: float, accept: Callable[[Any], bool]) -> Any:
        """The value of the nearest accepted point within radius_km (at most ~55 km), or None."""
        row, col = math.floor(lat * 2), math.floor(lon * 2)
        best, best_km = None, radius_km
        for dr, dc in itertools.product((-1, 0, 1), repeat=2):
            for plat, plon, value in self.cells.get((row + dr, col + dc), ()):
                km = gz.distance_km(lat, lon, plat, plon)
                if km <= best_km and accept(value):
                    best, best_km = value, km
        return best


# ---------------------------------------------------------------------------------------------
# reading a place list


def read_places(
    path: Path, *, country: str | None = None, sink: _Sink | None = None
) -> tuple[list[PlaceRecord], Counter[str]]:
    """The usable places of a file and the count of rows skipped by reason; InputError if unreadable.
    With a `sink`, the places stream into it as they are read and the list comes back empty."""
    label = str(path)
    if not path.exists():
        raise InputError(label, "no such file")
    if path.is_dir():
        raise InputError(label, "a directory, not a place list")
    try:
        if path.stat().st_size == 0:
            raise InputError(label, "empty file")
        if path.suffix.lower() == ".zip" or zipfile.is_zipfile(path):
            return _read_zip(path, country, sink)
        with path.open("rb") as raw:
            return _read_binary(label, raw, path.suffix.lower(), country, sink)
    except OSError as exc:
        raise InputError(label, f"cannot read it ({exc.strerror or exc})") from exc


def _read_zip(
    path: Path, country: str | None, sink: _Sink | None = None
) -> tuple[list[PlaceRecord], Counter[str]]:
    """The places of the GeoNames dumps (.txt, readme.txt aside) in a zip archive."""
    label = str(path)
    try:
        with zipfile.ZipFile(path) as archive:
            members = [i for i in archive.infolist() if not i.is_dir()]
            dumps = [
                i
                for i in members
                if i.filename.lower().endswith(".txt") and _base(i.filename) != "readme.txt"
            ]
            if not dumps:
                found = ", ".join(i.filename for i in members) or "nothing"
                raise InputError(label, f"no GeoNames .txt dump in the zip archive (it holds: {found})")
            records: list[PlaceRecord] = []
            skipped: Counter[str] = Counter()
            for info in dumps:
                with archive.open(info) as raw:
                    more, why = _read_binary(f"{label}:{info.filename}", raw, ".txt", country, sink)
                records += more
                skipped += why
            return records, skipped
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError) as exc:
        raise InputError(label, f"not a readable zip archive ({exc})") from exc


def _base(name: str) -> str:
    """The lower-cased file name of an archive member."""
    return name.replace("\\", "/").rsplit("/", 1)[-1].lower()


def _read_binary(
    label: str, raw: IO[bytes], suffix: str, country: str | None, sink: _Sink | None = None
) -> tuple[list[PlaceRecord], Counter[str]]:
    """Decode a seekable byte stream (UTF-8 with or without BOM, or UTF-16 with BOM); read its places."""
    head = raw.read(4096)
    if not head.strip():
        raise InputError(label, "empty file")
    encoding = "utf-16" if head[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
    if encoding == "utf-8-sig" and b"\x00" in head:
        raise InputError(label, "a binary file, not a text place list")
    raw.seek(0)
    text = io.TextIOWrapper(raw, encoding=encoding, newline="")
    try:
        return _read_text(label, text, suffix, country, sink)
    except UnicodeDecodeError as exc:
        raise InputError(label, f"not {encoding.upper()[:6]} text (an undecodable byte)") from exc
    finally:
        text.detach()


def _read_text(
    label: str, text: IO[str], suffix: str, country: str | None, sink: _Sink | None = None
) -> tuple[list[PlaceRecord], Counter[str]]:
    """Tell GeoJSON, a GeoNames dump and CSV apart, and read the places."""
    first = text.readline()
    while first and not first.strip():
        first = text.readline()
    if not first:
        raise InputError(label, "empty file")
    lines = itertools.chain([first], text)
    if suffix in (".geojson", ".json") or first.lstrip().startswith(("{", "[")):
        header, rows = _geojson_rows(label, "".join(lines))
        geojson = True
    elif _is_geonames(first):
        return (sink.consume if sink else _finish)(_geonames_records(lines), country)
    else:
        header, rows = _csv_rows(label, first, lines)
        geojson = False
    columns = _find_columns(label, header, geojson)
    return (sink.consume if sink else _finish)(_table_records(label, columns, rows), country)


# ---------------------------------------------------------------------------------------------
# GeoNames dumps


def _is_geonames(line: str) -> bool:
    """True for a line of the 19-column GeoNames dump format."""
    cols = line.rstrip("\r\n").split("\t")
    return len(cols) == 19 and cols[0].isdigit() and _is_float(cols[4]) and _is_float(cols[5])


def _is_float(text: str) -> bool:
    """True when text parses as a number."""
    try:
        float(text)
    except ValueError:
        return False
    return True


def _geonames_records(lines: Iterable[str]) -> Iterator[PlaceRecord | str]:
    """Records (or skip reasons) of the lines of a GeoNames dump."""
    for line in lines:
        if not line.strip():
            continue
        cols = line.rstrip("\r\n").split("\t")
        if len(cols) != 19:
            yield f"malformed GeoNames line ({len(cols)} columns, not 19)"
            continue
        try:
            yield _geonames_record(cols)
        except _Skip as skip:
            yield str(skip)


def _geonames_record(cols: list[str]) -> PlaceRecord:
    """One GeoNames dump line as a record."""
    lat, lon = _coordinates(cols[4], cols[5])
    country = cols[8].strip().upper()
    if not cols[1].strip():
        raise _Skip("no name")
    if not country:
        raise _Skip("no country")
    population = _population(cols[14])
    kind, code = _geonames_type(cols[6].strip(), cols[7].strip(), population)
    name = cols[1].strip()
    return PlaceRecord(
        id=f"gn:{cols[0].strip()}",
        name=_display(name),
        lat=lat,
        lon=lon,
        country=country,
        admin1=gz._admin1_name(country, cols[10].strip()),
        type=kind,
        code=code,
        population=population,
        aliases=_names(name, [cols[2], *cols[3].split(",")]),
        precision=_precision(kind),
    )


def _geonames_type(fclass: str, code: str, population: int) -> tuple[str, str]:
    """marsad's type for a GeoNames feature class and code, and the code kept."""
    if code in _GEONAMES_CODE_TYPES:
        return _GEONAMES_CODE_TYPES[code], code
    if fclass == "P" or code.startswith("PPL"):
        if code == "PPLA2":
            return _at_least_town(population), code
        return _settlement(population), code or "PPL"
    if fclass == "A" or code.startswith("ADM"):
        return "region", code
    return _GEONAMES_CLASS_TYPES.get(fclass, "facility"), code


def _settlement(population: int) -> str:
    """City, town or village by population."""
    return gz._settlement_type(population)


def _at_least_town(population: int) -> str:
    """A town, or a city when it is large enough."""
    return max(_settlement(population), "town", key=_SIZES.index)


def _precision(kind: str) -> int:
    """ACLED geo_precision of a place of this type named on its own."""
    if kind in _AREA_TYPES:
        return 2
    return 3 if kind in gz.REGION_TYPES else 1


# ---------------------------------------------------------------------------------------------
# point files: CSV and GeoJSON


Rows = Iterable[tuple[int, dict[str, Any]]]


def _csv_rows(label: str, first: str, lines: Iterable[str]) -> tuple[list[str], Rows]:
    """The normalised header of a CSV file and its rows as dicts, with their line numbers."""
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(lines, delimiter=delimiter)
    header = [_column(c) for c in next(reader)]

    def rows() -> Iterator[tuple[int, dict[str, Any]]]:
        try:
            for row in reader:
                if any(cell.strip() for cell in row):
                    yield reader.line_num, dict(zip(header, row, strict=False))
        except csv.Error as exc:
            raise InputError(label, f"malformed CSV at line {reader.line_num} ({exc})") from exc

    return header, rows()


def _geojson_rows(label: str, text: str) -> tuple[list[str], Rows]:
    """The property names of a GeoJSON text and its features as property dicts with their geometry."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(label, f"not valid JSON (line {exc.lineno}: {exc.msg})") from exc
    if isinstance(data, dict) and data.get("type") == "Feature":
        data = {"type": "FeatureCollection", "features": [data]}
    if not isinstance(data, dict) or not isinstance(data.get("features"), list):
        raise InputError(label, "not a GeoJSON FeatureCollection (no 'features' list)")
    rows = []
    for number, feature in enumerate(data["features"], start=1):
        feature = feature if isinstance(feature, dict) else {}
        props = feature.get("properties")
        row = {_column(str(k)): v for k, v in props.items()} if isinstance(props, dict) else {}
        row[GEOMETRY] = feature.get("geometry")
        rows.append((number, row))
    header = list(dict.fromkeys(key for _, row in rows for key in row if key != GEOMETRY))
    return header, rows


def _column(name: str) -> str:
    """A column name compared case-insensitively, spaces and hyphens as underscores."""
    return re.sub(r"[\s\-]+", "_", name.strip().lstrip("\ufeff").strip().lower())


@dataclass
class _Columns:
    """Which column holds what, in one file."""

    name: str
    lat: str | None
    lon: str | None
    alts: list[str]
    country: str | None
    admin: dict[int, str]
    types: list[str]
    population: str | None
    id: str | None
    level: int | None  # the admin level of the name column, e.g. 3 for admin3Name_en


def _first(names: Sequence[str], present: Sequence[str]) -> str | None:
    """The first of the names that is a column of the file."""
    return next((c for c in names if c in present), None)


def _find_columns(label: str, present: Sequence[str], geojson: bool) -> _Columns:
    """Map a file's columns to fields; InputError when no name or coordinate column is found."""
    name, lat, lon = (_first(names, present) for names in (NAME_COLUMNS, LAT_COLUMNS, LON_COLUMNS))
    shown = ", ".join(c for c in present if c) or "none"
    if name is None:
        raise InputError(
            label, f"no name column (columns found: {shown}; accepted: {', '.join(NAME_COLUMNS)})"
        )
    if not geojson and (lat is None or lon is None):
        accepted = "lat/lon, latitude/longitude, lng, y/x, point_y/point_x"
        raise InputError(
            label, f"no latitude/longitude columns (columns found: {shown}; accepted: {accepted})"
        )
    level = re.search(r"adm(?:in)?([0-9])", name)
    return _Columns(
        name=name,
        lat=lat,
        lon=lon,
        alts=[c for c in ALT_COLUMNS if c in present and c != name],
        country=_first(COUNTRY_COLUMNS, present),
        admin={n: c for n, names in ADMIN_COLUMNS.items() if (c := _first(names, present))},
        types=[c for c in TYPE_COLUMNS if c in present],
        population=_first(POPULATION_COLUMNS, present),
        id=_first(ID_COLUMNS, present),
        level=int(level.group(1)) if level else None,
    )


def _table_records(label: str, columns: _Columns, rows: Rows) -> Iterator[PlaceRecord | str]:
    """Records (or skip reasons) of the rows of a CSV or GeoJSON file."""
    seen_ids: set[str] = set()
    count = 0
    for number, row in rows:
        count += 1
        try:
            record = _table_record(columns, number, row)
        except _Skip as skip:
            yield str(skip)
            continue
        if record.id in seen_ids:
            record.id = f"{record.id}.{number}"
        seen_ids.add(record.id)
        yield record
    if not count:
        raise InputError(label, "no rows after the header")


def _table_record(columns: _Columns, number: int, row: dict[str, Any]) -> PlaceRecord:
    """One CSV row or GeoJSON feature as a record."""
    name = _text(row.get(columns.name))
    if not name:
        raise _Skip("no name")
    alts = [a for c in columns.alts for a in _ALT_SPLIT.split(_text(row.get(c)))]
    names = _names(name, alts)
    if not names:
        raise _Skip("no name of 2+ Latin letters")
    lat, lon = _row_coordinates(columns, row)
    population = _population(_text(row.get(columns.population)) if columns.population else "")
    types = [_text(row.get(c)) for c in columns.types]
    kind, code = _classify(types, population, columns.level)
    admin = {n: _text(row.get(c)) for n, c in columns.admin.items()}
    country_text = _text(row.get(columns.country)) if columns.country else ""
    country = country_code(country_text) if country_text else ""
    if country is None:
        raise _Skip(f"unknown country {country_text[:30]!r}")
    return PlaceRecord(
        id=_record_id(columns.id, _text(row.get(columns.id)) if columns.id else "", number),
        name=_display(name if name in names else names[0]),
        lat=lat,
        lon=lon,
        country=country,
        admin1=admin.get(1, ""),
        admin2=admin.get(2, ""),
        admin3=admin.get(3, ""),
        type=kind,
        code=code,
        population=population,
        aliases=names,
        precision=_precision(kind),
    )


def _row_coordinates(columns: _Columns, row: dict[str, Any]) -> tuple[float, float]:
    """A row's point: a GeoJSON Point geometry, else the latitude and longitude columns."""
    geometry = row.get(GEOMETRY)
    if isinstance(geometry, dict):
        coords = geometry.get("coordinates")
        if geometry.get("type") != "Point":
            raise _Skip(f"not a point ({str(geometry.get('type'))[:20]})")
        if not isinstance(coords, list) or len(coords) < 2:
            raise _Skip("no coordinates")
        return _coordinates(str(coords[1]), str(coords[0]))
    if columns.lat is None or columns.lon is None:
        raise _Skip("no coordinates")
    return _coordinates(_text(row.get(columns.lat)), _text(row.get(columns.lon)))


def _record_id(column: str | None, source_id: str, number: int) -> str:
    """A record's id: `gn:` + a GeoNames id (it replaces the packaged place), the source's id or the row."""
    match = re.fullmatch(r"(?:geonames:)?(\d+)", source_id)
    if match and (column == "geonameid" or source_id.startswith("geonames:")):
        return f"gn:{match.group(1)}"
    cleaned = re.sub(r"[^A-Za-z0-9._:-]+", "-", source_id).strip("-")[:60]
    return cleaned or str(number)


def _text(value: Any) -> str:
    """A cell as stripped text; lists joined with '|'."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "|".join(_text(v) for v in value)
    return str(value).strip()


# ---------------------------------------------------------------------------------------------
# fields


def _coordinates(lat_text: str, lon_text: str) -> tuple[float, float]:
    """A point from two cells; _Skip when missing, not numbers or out of range."""
    if not lat_text.strip() or not lon_text.strip():
        raise _Skip("no coordinates")
    try:
        lat, lon = _number(lat_text), _number(lon_text)
    except ValueError:
        raise _Skip("coordinates not numbers") from None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise _Skip("coordinates out of range")
    if lat == 0 and lon == 0:
        raise _Skip("coordinates 0,0 (a missing point)")
    return lat, lon


def _number(text: str) -> float:
    """A decimal number, with a decimal comma accepted ("36,5")."""
    text = text.strip()
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    return float(text)


def _population(text: str) -> int:
    """A population count; 0 when empty or unreadable."""
    try:
        return max(0, int(float(re.sub(r"[,\s_]", "", text) or 0)))
    except ValueError:
        return 0


def _display(name: str) -> str:
    """A primary name as ACLED spells locations: plain ASCII letters, all-capitals in title case."""
    shown = gz.display_name(" ".join(name.split()))
    if shown.isupper() and sum(ch.isalpha() for ch in shown) > 3:
        shown = re.sub(r"'S\b", "'s", shown.title())
    return shown


def _names(primary: str, others: Iterable[str]) -> list[str]:
    """A place's distinct names that can match: Latin script, 2 to 60 letters (3 for other names,
    which must not be a short code such as 'DAM'), the primary name first when it qualifies."""
    kept: dict[str, None] = {}
    for position, raw in enumerate((primary, *others)):
        name = " ".join(raw.split())
        shown = gz.display_name(name)
        if is_arabic(name):  # Arabic-script names match Arabic-script queries ("دير الزور")
            if place_key(name) and position:
                kept.setdefault(name)
            continue
        if not (1 + bool(position) < len(shown) <= 60 and _LATIN.match(shown) and place_key(name)):
            continue
        if position and name.isupper() and len(name) <= 4:
            continue
        kept.setdefault(name)
    return list(kept)


def _classify(values: list[str], population: int, level: int | None) -> tuple[str, str]:
    """marsad's type and a GeoNames-style code from the feature type columns of a row."""
    for value in values:
        found = _classify_one(value, population)
        if found is not None:
            return found
    if level is not None:
        return _ADMIN_TYPES[min(level, 3)], _ADMIN_CODES[min(level, 3)]
    return _settlement(population), "PPL"


def _classify_one(value: str, population: int) -> tuple[str, str] | None:
    """The type a feature-type cell names, or None when it names none."""
    if not value:
        return None
    if _column(value) in _TYPE_WORDS:
        return _TYPE_WORDS[_column(value)], ""
    code = _GEONAMES_CODE.match(value)
    if code and (code.group(1) or code.group(2) in _GEONAMES_CODE_TYPES or code.group(2)[:3] in _CODE_HEADS):
        return _geonames_type(code.group(1) or "", code.group(2), population)
    text = value.lower()
    level_match = _LEVEL.search(text)
    level = int(level_match.group(1)) if level_match else None
    if "not a settlement" in text or "label point" in text:
        level = level if level is not None else _admin_level_word(text)
        return _ADMIN_TYPES[min(level, 3)], _ADMIN_CODES[min(level, 3)]
    if "capital" in text and level is not None:
        return ("city" if level <= 1 else _at_least_town(population)), _CAPITAL_CODES[min(level, 3)]
    if "populated place" in text or "settlement" in text:
        return _settlement(population), "PPL"
    for word in re.findall(r"[a-z_]+", text):
        if word in _TYPE_WORDS:
            return _TYPE_WORDS[word], ""
    return None


def _admin_level_word(text: str) -> int:
    """The admin level a label-point description names in words (subdistrict by default)."""
    if "subdistrict" in text or "sub-district" in text or "nahiya" in text:
        return 3
    if "district" in text:
        return 2
    return 1 if "governorate" in text or "province" in text else 3


@lru_cache(maxsize=4096)
def country_code(value: str) -> str | None:
    """The ISO2 code of a country code (ISO2 or ISO3) or name, or None."""
    import pycountry

    text = value.strip()
    if len(text) == 2 and text.isalpha():
        code = text.upper()
        return code if pycountry.countries.get(alpha_2=code) or code in gz.acled_country_names() else None
    key = plain_key(text)
    for code, names in _country_names().items():
        if key in names:
            return code
    try:
        return str(pycountry.countries.lookup(text).alpha_2)
    except LookupError:
        return None


@lru_cache(maxsize=1)
def _country_names() -> dict[str, frozenset[str]]:
    """Country names marsad writes or knows beside pycountry's, by ISO2 code, as plain keys."""
    names: dict[str, set[str]] = {}
    for code, name in gz.acled_country_names().items():
        names.setdefault(code, set()).add(plain_key(name))
    for code, aliases in gz.country_aliases().items():
        names.setdefault(code, set()).update(plain_key(a) for a in aliases)
    return {code: frozenset(keys) for code, keys in names.items()}


@lru_cache(maxsize=4096)
def acled_admin1(country: str, name: str) -> str:
    """A Syrian or Iraqi province name as ACLED writes it ("Idlib" -> "Idleb"); others unchanged."""
    table = gz._admin_units()[0].get(country)
    if not table or not name:
        return name
    key = place_key(name)
    for acled, _capital, others in table.values():
        if key in {place_key(n) for n in (acled, *others)}:
            return acled
    return name


# ---------------------------------------------------------------------------------------------
# finishing: countries, provinces, duplicates


def _finish(
    items: Iterable[PlaceRecord | str], country: str | None
) -> tuple[list[PlaceRecord], Counter[str]]:
    """Count the skipped rows; fill missing countries; drop duplicates; ACLED province names."""
    records: list[PlaceRecord] = []
    skipped: Counter[str] = Counter()
    for item in items:
        if isinstance(item, str):
            skipped[item] += 1
        else:
            records.append(item)
    records = _fill_countries(records, country, skipped)
    unique: dict[tuple[str, float, float], PlaceRecord] = {}
    for record in records:
        record.admin1 = acled_admin1(record.country, record.admin1)
        slot = (plain_key(record.name), round(record.lat, 4), round(record.lon, 4))
        if slot in unique:
            skipped["duplicates"] += 1
            continue
        unique[slot] = record
    return list(unique.values()), skipped


def _fill_countries(
    records: list[PlaceRecord], country: str | None, skipped: Counter[str]
) -> list[PlaceRecord]:
    """Give rows without a country --country, else that of the nearest row or packaged town within 25 km."""
    missing = [r for r in records if not r.country]
    if not missing:
        return records
    if country:
        for record in missing:
            record.country = country
        return records
    grid = _Grid()
    for record in records:
        if record.country:
            grid.add(record.lat, record.lon, record.country)
    for record in missing:
        record.country = grid.nearest(record.lat, record.lon, COUNTRY_RADIUS_KM, _any) or ""
    still = [r for r in missing if not r.country]
    if still:
        towns = _town_grid()
        for record in still:
            record.country = towns.nearest(record.lat, record.lon, COUNTRY_RADIUS_KM, _any) or ""
    kept = [r for r in records if r.country]
    if len(kept) < len(records):
        skipped["no country (give --country)"] += len(records) - len(kept)
    return kept


def _any(_value: Any) -> bool:
    """Accept any point."""
    return True


def _town_grid() -> _Grid:
    """The packaged GeoNames places (500+ people in the region), by country."""
    grid = _Grid()
    for row in gz._geonames_cities():
        grid.add(float(row["latitude"]), float(row["longitude"]), row["countrycode"])
    return grid


# ---------------------------------------------------------------------------------------------
# what the gazetteer holds


@dataclass
class GazetteerInfo:
    """Where the gazetteer's cache and imports live, what its index holds, and when it was built."""

    cache_dir: Path
    index_path: Path
    built_at: float
    built_now: bool
    by_source: Counter[str]
    imports: list[ImportInfo]

    def lines(self) -> list[str]:
        """A short human-readable report."""
        built = datetime.fromtimestamp(self.built_at).astimezone().isoformat(timespec="seconds")
        out = [
            f"cache:    {self.cache_dir}",
            f"index:    {self.index_path.name} ({sum(self.by_source.values())} places), "
            f"built {built}{' (just now)' if self.built_now else ''}",
            f"imports:  {self.cache_dir / gz.IMPORT_DIR} ({len(self.imports)})",
        ]
        for info in self.imports:
            out.append(
                f"  {info.name}: {info.places} places from {info.source}, imported {info.imported_at}"
                f" ({skipped_text(Counter(info.skipped))})"
            )
        out.append("places by source:")
        width = max((len(s) for s in self.by_source), default=0)
        out += [f"  {source.ljust(width)}  {n:>7}" for source, n in sorted(self.by_source.items())]
        return out


def gazetteer_info(extra_dirs: Sequence[Path] = (), cache_dir: Path | None = None) -> GazetteerInfo:
    """Describe the gazetteer, compiling its index first if it is not cached yet."""
    gaz = gz.Gazetteer(extra_dirs=extra_dirs, cache_dir=cache_dir)
    builds = gz.Gazetteer.builds
    start = time.time()
    index = gaz.index
    by_source = index.source_counts()
    return GazetteerInfo(
        cache_dir=gz._cache_root(cache_dir),
        index_path=gaz.cache_path(),
        built_at=index.built_at or start,
        built_now=gz.Gazetteer.builds > builds,
        by_source=by_source,
        imports=list_imports(cache_dir),
    )
