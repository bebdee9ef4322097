"""The actor lexicon: finds actor mentions in text and names actors canonically."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from marsad.errors import KnowledgeFileError
from marsad.knowledge import is_pack, load_json, read_objects, read_pack

# words after an actor name that make it a modifier, not the actor ("US-backed", "regime-held")
_MODIFIER_AFTER = re.compile(
    r"-(backed|held|led|controlled|affiliated|allied|linked|supported|run|occupied)\b"
)
_ANTI_BEFORE = re.compile(r"\banti-$", re.I)
# what a patron backs: 'US-backed fighters', 'armed groups backed by Turkey'
_PROXY_NOUNS = (
    r"(?:armed\s+)?(?:fighters|forces|rebels|militias?|militiamen|militants|insurgents|terrorists|mercenaries|groups?|factions?|opposition|troops|gunmen|"
    r"allies|proxies|units|brigades)"
)
# a character a name may not follow: a word character or a hyphen ('anti-Taliban', 'pro-Kenyan')
WORD_CHAR = r"[\w-]"
# the verbs of a proxy phrase ('US-backed fighters', 'groups supported by Iran'), looked for on their
# own first: far faster than the phrases, and a text without them names no proxy
_BACKING_VERBS = ("backed", "supported", "sponsored")
# the period of a state force's name: 'Military Forces of Syria (2000-2024)'
_PERIOD = re.compile(r"\(\d{4}-(?:\d{4})?\)")
# what a state's demonym names: its military ('Afghan forces') or its police ('Kenyan police')
_MILITARY_NOUNS = (
    "forces",
    "army",
    "troops",
    "soldiers",
    "soldier",
    "military",
    "armed forces",
    "security forces",
    "security personnel",
    "security officials",
    "security force",
    "air force",
    "national army",
    "government forces",
    "government troops",
    "defence forces",
    "defense forces",
    "navy",
    "special forces",
    "commandos",
    "warplanes",
    "aircraft",
    "drones",
    "artillery",
    "border guards",
)
_POLICE_NOUNS = (
    "police",
    "policemen",
    "policeman",
    "police officers",
    "police officer",
    "national police",
    "border police",
    "riot police",
    "police forces",
    "gendarmerie",
)


@dataclass(frozen=True)
class State:
    """A state whose forces ACLED names by country and period."""

    code: str
    name: str
    demonyms: tuple[str, ...] = ()
    periods: tuple[date, ...] = ()  # the days a new head of state or government took office
    military: tuple[str, ...] = ()
    police: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()

    def period(self, when: date | None) -> str | None:
        """ACLED's period for a day ('2014-2022', '2022-'); the current one without a day; None
        before the first period or when the table has none."""
        if not self.periods:
            return None
        if when is None:
            i = len(self.periods) - 1
        else:
            started = [k for k, start in enumerate(self.periods) if start <= when]
            if not started:
                return None
            i = started[-1]
        end = str(self.periods[i + 1].year) if i + 1 < len(self.periods) else ""
        return f"{self.periods[i].year}-{end}"


@dataclass(frozen=True)
class ActorEntry:
    """One actor of the lexicon."""

    key: str
    name: str
    inter: int
    generic: bool = False
    country: str | None = None
    aliases: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    default_labels: tuple[str, ...] = ()
    state: str | None = None  # ISO2 of the state whose force this is
    force: str | None = None  # "military" or "police"
    renamed: tuple[tuple[date, str, int], ...] = ()  # (from, name, inter)
    air: bool = False  # has warplanes: its "bombing" is from the air
    air_only: bool = False  # fights in the theatre from the air only: its "bombardment" is an air strike
    government_side: bool = False  # fights for the state: its takeover is the government regaining ground
    home: bool = False  # the military of a theatre's own state, folded with 'government forces'
    party: bool = False  # a political party: its crowd's protest is the crowd's, its members' harm civilians'
    # the focus countries of the theatre pack it comes from (none: anywhere): where its common words name it
    theatre: tuple[str, ...] = ()
    base: str | None = None  # where its events are when a report names no place ('Al Shabaab': SO)


@dataclass(frozen=True)
class Alignment:
    """Sides that fight together, over an optional span of days: never each other's opponent."""

    name: str
    members: frozenset[str]
    start: date | None = None
    end: date | None = None
    patron: str | None = None  # 'X-backed fighters' in `country` are the proxy
    proxy: str | None = None
    country: str | None = None

    def holds(self, when: date | None) -> bool:
        if when is None:
            return True
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


@dataclass(frozen=True)
class ActorRoles:
    """What the event rules need to know of the sides, read from the actor entries."""

    air: frozenset[str] = frozenset()
    air_only: frozenset[str] = frozenset()
    government_side: frozenset[str] = frozenset()
    alignments: tuple[Alignment, ...] = ()

    def air_force(self, key: str) -> bool:
        """True for a side with warplanes: a state's military or the coalition."""
        return key in self.air or base_key(key) == "GOV"

    def allies(self, a: str, b: str, when: date | None = None) -> bool:
        """True when two sides fight on the same side on day `when`."""
        return any(a in al.members and b in al.members and al.holds(when) for al in self.alignments)

    def for_government(self, key: str) -> bool:
        """True for the state's own forces and those that fight for it ('GOV:AF', a militia)."""
        return base_key(key) in self.government_side or key in self.government_side


@dataclass(frozen=True)
class ActorMatch:
    """An actor mention in a text: offsets, the actor key, and how it matched."""

    start: int
    end: int
    key: str
    kind: str  # "alias", "acronym", "adjective" or "label"
    text: str


# how many texts' answers an actor lexicon keeps (`countries_in`, `_find`): a batch's reports' (32
# by default), each asked of in a few forms
_COUNTED_TEXTS = 128
# texts this long (a report, not a phrase) have their actor scan kept for the next stage's question
_FOUND_MIN_CHARS = 200


@dataclass
class ActorLexicon:
    """Actor entries with their compiled patterns."""

    entries: dict[str, ActorEntry]
    states: dict[str, State] = field(default_factory=dict)
    alignments: tuple[Alignment, ...] = ()
    # one alternation per case mode, longest phrase first, and what each phrase stands for
    _patterns: list[tuple[re.Pattern[str], dict[str, tuple[str, str]], bool]] = field(default_factory=list)
    _cues: re.Pattern[str] | None = None
    _cue_codes: dict[str, str] = field(default_factory=dict)
    # the cues written in capitals ('RAB', 'KDF'): an acronym, matched only as written ('Rab Dhuure'
    # is a Somali town, not Bangladesh's Rapid Action Battalion)
    _acronym_cues: re.Pattern[str] | None = None
    _acronym_codes: dict[str, str] = field(default_factory=dict)
    # the world's country and province names (ISO 3166, by pycountry), matched as written
    world_skip: frozenset[str] = frozenset()
    _world: re.Pattern[str] | None = None
    _world_codes: dict[str, str] = field(default_factory=dict)
    _demonyms: re.Pattern[str] | None = None
    _demonym_codes: dict[str, str] = field(default_factory=dict)
    _backed_rx: re.Pattern[str] | None = None
    _patron_codes: dict[str, str] = field(default_factory=dict)
    # countries_in's answers for the last texts asked (each stage asks of the same report's text)
    _counted: dict[tuple[str, bool], Counter[str]] = field(default_factory=dict, repr=False)
    # _find's answers for the last long texts (the geocoder and the event engine both scan a report)
    _found: dict[str, tuple[ActorMatch, ...]] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, extra_dirs: Iterable[Path] = ()) -> ActorLexicon:
        """Load the bundled actors and the user's, and compile their patterns."""
        extra_dirs = tuple(extra_dirs)
        entries: dict[str, ActorEntry] = {}
        for path, data in read_objects("actors.json", extra_dirs):
            theatre = _theatre(path)
            for raw in data.get("entries", ()):
                entry = _entry(raw, theatre)
                entries[entry.key] = _merge(entries.get(entry.key), entry)
        states = _load_states(extra_dirs)
        for entry in _state_entries(states, entries):
            entries.setdefault(entry.key, entry)
        for entry in _militia_entries(extra_dirs):
            entries.setdefault(entry.key, entry)
        lex = cls(entries, states, _load_alignments(extra_dirs), world_skip=_load_world_skip(extra_dirs))
        lex._compile()
        return lex

    @property
    def roles(self) -> ActorRoles:
        """The sides' roles for the event rules (air forces, the government's side, alliances)."""
        es = self.entries.values()
        return ActorRoles(
            air=frozenset(e.key for e in es if e.air or e.air_only),
            air_only=frozenset(e.key for e in es if e.air_only),
            government_side=frozenset(e.key for e in es if e.government_side),
            alignments=self.alignments,
        )

    def home_military(self, key: str) -> bool:
        """True for the military of a theatre's own state ('Military Forces of Syria'): a report's
        'government forces' and it are one side."""
        entry = self.entries.get(key)
        return entry is not None and entry.home

    def state_force(self, country: str | None, force: str) -> str | None:
        """The key of a country's military or police ('military', 'police'), if the lexicon has one."""
        code = self.country_code(country)
        if code is None:
            return None
        found = [e.key for e in self.entries.values() if e.state == code and e.force == force]
        return found[0] if found else None

    def base_of(self, keys: Iterable[str]) -> str | None:
        """The country a report's named groups place its event in when it names no place or
        country ('Military forces dislodge Boko Haram from Ngoshe': Nigeria): the first named
        group's base, else its home country, else its theatre pack's one focus country. Generic
        actors, states' forces (they fight abroad) and groups of many countries with no base tell
        none."""
        for key in keys:
            entry = self.entries.get(key)
            if entry is None or entry.generic or entry.state:
                continue
            found = entry.base or entry.country or (entry.theatre[0] if len(entry.theatre) == 1 else None)
            if found:
                return found
        return None

    def country_code(self, country: str | None) -> str | None:
        """ISO2 of a country given as ISO2 or by name ('Kenya', 'KE'), None when unknown."""
        if not country:
            return None
        if country in self.states or (len(country) == 2 and country.isupper()):
            return country
        folded = country.strip().lower()
        for code, state in self.states.items():
            if state.name.lower() == folded:
                return code
        return _pycountry_code(country)

    def country_name(self, country: str | None) -> str:
        """A country's name as ACLED writes it, from ISO2 or a name ('' when none is given)."""
        if not country:
            return ""
        if country in self.states:
            return self.states[country].name
        if len(country) == 2 and country.isupper():
            return _pycountry_name(country) or country
        return country

    def countries_in(self, text: str, demonyms: bool = False) -> Counter[str]:
        """How often a text names each state's places, groups or country (its 'cues'), and with
        `demonyms` its people too ('Afghan', 'Kenyan'). The last texts' answers are kept: the
        geocoder's, the actors' and the notes' questions of one report scan it once."""
        found = _remembered(self._counted, (text, demonyms), lambda: self._count_countries(text, demonyms))
        return Counter(found)

    def _count_countries(self, text: str, demonyms: bool) -> Counter[str]:
        if demonyms:
            people = self.countries_in(text)
            if self._demonyms is not None:
                for m in self._demonyms.finditer(text):
                    code = self._demonym_codes.get(m.group(0))
                    if code:
                        people[code] += 1
            return people
        counts: Counter[str] = Counter()
        if self._cues is not None:
            for m in self._cues.finditer(text):
                code = self._cue_codes.get(_norm(m.group(0), False))
                if code:
                    counts[code] += 1
        if self._acronym_cues is not None:
            for m in self._acronym_cues.finditer(text):
                code = self._acronym_codes.get(m.group(0))
                if code:
                    counts[code] += 1
        if self._world is not None:
            for m in self._world.finditer(text):
                code = self._world_codes.get(m.group(0))
                if code:
                    counts[code] += 1
        return counts

    def dominant_country(self, text: str) -> str | None:
        """The country a report is mostly about (None if unclear): the one whose places and
        groups (the states' 'cues') it names most, a people's name ('Syrian', 'Kenyan') counting
        half as much, so that 'Turkish forces shelled Afrin' is about Syria."""
        counts = Counter({code: 2 * n for code, n in self.countries_in(text).items()})
        for code, n in self.countries_in(text, demonyms=True).items():
            counts[code] += n - counts[code] // 2  # the demonyms alone, once each
        ranked = counts.most_common(2)
        if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            return None
        return ranked[0][0]

    def _compile(self) -> None:
        groups: dict[bool, dict[str, tuple[str, str]]] = {True: {}, False: {}}
        for e in self.entries.values():
            for phrases, kind, case in (
                (e.aliases, "alias", False),
                (e.acronyms, "acronym", True),
                (e.adjectives, "adjective", True),
                (e.labels, "label", False),
            ):
                for phrase in phrases:
                    groups[case].setdefault(_norm(phrase, case), (e.key, kind))
        for case, table in groups.items():
            if not table:
                continue
            if case:
                rx = re.compile(trie_pattern(table, not_after=WORD_CHAR) + r"(?![\w])")
            else:
                rx = re.compile(rf"(?<![\w-]){trie_pattern(table)}(?![\w])", re.IGNORECASE)
            self._patterns.append((rx, table, case))
        for code, state in self.states.items():
            # a state's places and groups, and its forces by name ('KDF', 'Afghan National Police')
            for cue in (*state.cues, *state.military, *state.police):
                if _is_acronym(cue):
                    self._acronym_codes.setdefault(_norm(cue, True), code)
                else:
                    self._cue_codes.setdefault(_norm(cue, False), code)
        for code, state in self.states.items():
            for dem in state.demonyms:
                self._demonym_codes.setdefault(dem, code)
        if self._demonym_codes:
            body = trie_pattern(self._demonym_codes, space=re.escape(" "), not_after=WORD_CHAR)
            self._demonyms = re.compile(rf"{body}(?![\w-])")
        for al in self.alignments:
            patron = self.entries.get(al.patron or "")
            if patron is None or not al.proxy:
                continue
            for phrase in (*patron.aliases, *patron.acronyms, *patron.adjectives):
                if len(phrase) > 1:
                    self._patron_codes.setdefault(_norm(phrase, False), patron.key)
        if self._patron_codes:
            who = trie_pattern(self._patron_codes)
            backing = "|".join(_BACKING_VERBS)
            self._backed_rx = re.compile(
                rf"(?<![\w-])(?P<p1>{who})[\s-]+(?:{backing})\s+(?:[A-Z][\w'-]*\s+){{0,2}}{_PROXY_NOUNS}\b"
                rf"|(?<![\w-]){_PROXY_NOUNS}\s+(?:{backing})\s+by\s+(?:the\s+)?(?P<p2>{who})(?![\w])",
                re.IGNORECASE,
            )
        if self._cue_codes:
            self._cues = re.compile(rf"(?<![\w-]){trie_pattern(self._cue_codes)}(?![\w])", re.IGNORECASE)
        if self._acronym_codes:
            self._acronym_cues = re.compile(
                trie_pattern(self._acronym_codes, not_after=WORD_CHAR) + r"(?![\w])"
            )
        self._world_codes = {
            name: code
            for name, code in world_names(self.world_skip).items()
            if name.lower() not in self._cue_codes and name not in self._acronym_codes
        }
        if self._world_codes:
            body = trie_pattern(self._world_codes, space=re.escape(" "), not_after=WORD_CHAR)
            self._world = re.compile(rf"{body}(?![\w-])")

    def find(self, text: str, offset: int = 0, country: str | None = None) -> list[ActorMatch]:
        """All non-overlapping actor mentions in `text`, the longer one winning, offsets shifted;
        'X-backed fighters' and 'groups backed by X' are X's proxy in `country` (the alignments'
        patrons and proxies), never X itself nor the country's own army."""
        hits = self._find(text, offset)
        for s, e, patron in self._backed(text):
            proxy = self._proxy(patron, country)
            if proxy is None:
                continue
            hits = [h for h in hits if h.end - offset <= s or h.start - offset >= e]
            hits.append(ActorMatch(s + offset, e + offset, proxy, "alias", text[s:e]))
        hits.sort(key=lambda h: h.start)
        return hits

    def _proxy(self, patron: str, country: str | None) -> str | None:
        code = self.country_code(country)
        for al in self.alignments:
            if al.patron == patron and al.proxy and (al.country is None or al.country == code):
                return al.proxy
        return None

    def _backed(self, text: str) -> list[tuple[int, int, str]]:
        """The spans of 'US-backed (Syrian) fighters' and 'armed groups backed by Turkey', with the
        patron's key."""
        if self._backed_rx is None:
            return []
        # casefold gives each letter of the verbs as the case-insensitive pattern reads it ('ſ' as
        # 's'), so a text whose folded form lacks them has no proxy phrase
        folded = text.casefold()
        if not any(verb in folded for verb in _BACKING_VERBS):
            return []
        out = []
        for m in self._backed_rx.finditer(text):
            name = m.group("p1") or m.group("p2")
            patron = self._patron_codes.get(_norm(name, False))
            if patron:
                out.append((m.start(), m.end(), patron))
        return out

    def _find(self, text: str, offset: int = 0) -> list[ActorMatch]:
        if len(text) < _FOUND_MIN_CHARS:
            return self._scan(text, offset)
        found = _remembered(self._found, text, lambda: tuple(self._scan(text, 0)))
        if not offset:
            return list(found)
        return [ActorMatch(h.start + offset, h.end + offset, h.key, h.kind, h.text) for h in found]

    def _scan(self, text: str, offset: int = 0) -> list[ActorMatch]:
        hits: list[ActorMatch] = []
        for rx, table, case in self._patterns:
            for m in rx.finditer(text):
                s, e = m.span()
                if _MODIFIER_AFTER.match(text, e) or _ANTI_BEFORE.search(text[max(0, s - 5) : s]):
                    continue
                found = table.get(_norm(m.group(0), case))
                if found:
                    hits.append(ActorMatch(s + offset, e + offset, found[0], found[1], m.group(0)))
        hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
        out: list[ActorMatch] = []
        for h in hits:
            if out and h.start < out[-1].end:
                if h.end - h.start > out[-1].end - out[-1].start:
                    out[-1] = h
                continue
            out.append(h)
        return out

    def name(self, key: str, country: str | None, when: date | None = None) -> str:
        """The canonical name of actor `key` for an event in `country` (ISO2 or a name) on day
        `when`: a state force takes the period of that day ('Military Forces of Iraq (2006-2014)')."""
        entry = self.entries.get(key)
        if entry is None:
            return key
        renamed = _renamed(entry, when)
        if renamed is not None:
            return renamed[0]
        code = self.country_code(country)
        country_name = self.country_name(country)
        name = entry.name
        if entry.state or "{period}" in name:
            state = self.states.get(entry.state or code or "")
            label = state.period(when) if state else None
            if "{period}" in name:
                name = name.replace("{period}", label) if label else name.replace(" ({period})", "")
            elif label and when is not None:
                name = _PERIOD.sub(f"({label})", name, count=1)
        if "{country}" in name:
            if not country_name:
                bare = re.sub(r" \(\{demonym\}[^)]*\)", "", name)
                return bare.replace(" ({country})", "").replace(" of {country}", "")
            state = self.states.get(code or "")
            demonym = state.demonyms[0] if state and state.demonyms else country_name
            return name.replace("{country}", country_name).replace("{demonym}", demonym)
        return name

    def inter(self, key: str, country: str | None = None, when: date | None = None) -> int | None:
        """ACLED's inter code for actor `key`: a state's force is 1 at home, 8 abroad."""
        entry = self.entries.get(key)
        if entry is None:
            return None
        renamed = _renamed(entry, when)
        if renamed is not None:
            return renamed[1]
        code = self.country_code(country)
        if entry.state and entry.force and code:
            return 1 if entry.state == code else 8
        return entry.inter


def _remembered(cache: dict[Any, Any], key: Any, compute: Callable[[], Any]) -> Any:
    """The answer kept in `cache` for `key`, computed and kept if missing; the cache holds the last
    `_COUNTED_TEXTS` answers at most, the oldest dropped first (the stages run over a batch of
    reports one after another, so a report's next question comes a batch's questions later)."""
    if key not in cache:
        if len(cache) >= _COUNTED_TEXTS:
            del cache[next(iter(cache))]
        cache[key] = compute()
    return cache[key]


def trie_pattern(phrases: Iterable[str], space: str = r"[\s-]+", not_after: str = "") -> str:
    """One regex group matching any of `phrases`, a space in them matching `space`; with
    `not_after` (a character class, such as `WORD_CHAR`), only where the character before is not
    one of that class, as a negative lookbehind of the class before the group would say.

    Built as a character trie, so that at each position the engine follows the one branch the next
    character allows instead of trying hundreds of phrases in turn (the actor lexicon has over a
    thousand). At each node the longer continuations come before the phrase's end, so the longest
    phrase that matches, boundary included, wins, as a longest-first alternation would.
    `not_after` is checked after a phrase's first character, so that the pattern starts with the
    phrases' first characters: a case-sensitive search then skips every position whose character
    starts no phrase without trying the pattern there (one that starts with an assertion is tried
    at every position; a case-insensitive one is tried at every position anyway, and is faster with
    the lookbehind first).
    """
    root: dict[str, Any] = {}
    for phrase in phrases:
        node = root
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}  # a phrase ends here

    def render(node: dict[str, Any]) -> str:
        branches = [
            (space if ch == " " else re.escape(ch)) + render(child)
            for ch, child in sorted(node.items())
            if ch
        ]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        return "(?:" + "|".join(branches) + (")?" if "" in node else ")")

    if not not_after:
        return "(?:" + render(root) + ")"
    if "" in root or " " in root:  # a phrase that is empty or starts with a space: check first
        return f"(?<!{not_after})(?:" + render(root) + ")"
    # the character before the first one is not in `not_after`
    first = [rf"{re.escape(ch)}(?<!{not_after}[\s\S]){render(child)}" for ch, child in sorted(root.items())]
    return "(?:" + "|".join(first) + ")"


def _is_acronym(phrase: str) -> bool:
    """True for a phrase written in capitals, an acronym ('RAB', 'KDF', 'AMISOM')."""
    letters = [ch for ch in phrase if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _norm(phrase: str, case: bool) -> str:
    """The lookup form of a phrase: hyphens and runs of spaces as one space, case folded unless
    the phrase is case-sensitive."""
    flat = re.sub(r"[\s-]+", " ", phrase.strip())
    return flat if case else flat.lower()


def _renamed(entry: ActorEntry, when: date | None) -> tuple[str, int] | None:
    """The name and inter code an actor took by day `when` ('Taliban' after August 2021)."""
    if when is None:
        return None
    taken = [(name, inter) for start, name, inter in entry.renamed if start <= when]
    return taken[-1] if taken else None


@lru_cache(maxsize=4)
def world_names(skip: frozenset[str] = frozenset()) -> dict[str, str]:
    """Every country's names and its first-level provinces' (ISO 3166-1 and -2, as pycountry has
    them, accents folded: 'Zambia', 'Luapula', 'Maharashtra'), each with its country's ISO2: a
    report that names one points to that country. A name two countries share, one shorter than
    four letters, or one made only of `skip` words ('Western', 'Upper East', 'Plateau') is left
    out, since it tells no country."""
    try:
        import pycountry
    except ImportError:
        return {}
    found: dict[str, set[str]] = {}

    def add(name: str | None, code: str) -> None:
        folded = _fold(name or "")
        if len(folded) < 4 or not folded[:1].isupper() or any(c in folded for c in ",()/0123456789"):
            return
        if all(w in skip for w in re.split(r"[\s-]+", folded)):
            return
        found.setdefault(folded, set()).add(code)

    for country in pycountry.countries:
        for attr in ("name", "common_name"):
            add(getattr(country, attr, None), str(country.alpha_2))
    countries = set(found)
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:  # provinces, not their districts
            code = str(sub.country_code)
            if _fold(sub.name) not in countries:
                add(sub.name, code)
    return {name: next(iter(codes)) for name, codes in found.items() if len(codes) == 1}


def _fold(text: str) -> str:
    """A name without its accents and transliteration marks ('Mahārāshtra' -> 'Maharashtra')."""
    import unicodedata

    flat = unicodedata.normalize("NFKD", text)
    return "".join(c for c in flat if c.isascii() and c not in "'`").strip()


def _load_world_skip(extra_dirs: Iterable[Path]) -> frozenset[str]:
    """The words that alone tell no country ('subdivision_cues.skip' of every actors.json)."""
    words: set[str] = set()
    for _path, data in read_objects("actors.json", extra_dirs):
        table = data.get("subdivision_cues", {}) if isinstance(data, dict) else {}
        words.update(str(w) for w in table.get("skip", ()))
    return frozenset(words)


def is_country(name: str) -> bool:
    """True when a name is a country's ('Syria', 'Iraq', 'Saudi Arabia')."""
    return any(s.name == name for s in load_lexicon().states.values()) or _pycountry_code(name) is not None


@lru_cache(maxsize=1024)
def _pycountry_code(name: str) -> str | None:
    try:
        import pycountry

        found = pycountry.countries.lookup(name)
    except (ImportError, LookupError):
        return None
    return str(found.alpha_2)


def _pycountry_name(code: str) -> str | None:
    try:
        import pycountry

        found = pycountry.countries.get(alpha_2=code)
    except (ImportError, KeyError):
        return None
    if found is None:
        return None
    return str(getattr(found, "common_name", None) or found.name)


def _day(value: Any, where: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise KnowledgeFileError(f"{where}: not an ISO date: {value!r}") from exc


def _load_states(extra_dirs: Iterable[Path]) -> dict[str, State]:
    """The 'states' tables of every pack's actors.json and the user's, in order: a later table's
    state of a code already known adds its demonyms, force names and cues to the earlier one,
    and its name and periods, when given, replace the earlier ones (a theatre pack adds the
    places that tell its countries; a user corrects a period)."""
    states: dict[str, State] = {}
    for path, data in read_objects("actors.json", extra_dirs):
        table = data.get("states", {}) if isinstance(data, dict) else {}
        if not isinstance(table, dict):
            raise KnowledgeFileError(f"{path}: 'states' must be an object keyed by ISO2 code")
        for code, raw in table.items():
            old = states.get(code)
            if not isinstance(raw, dict) or ("name" not in raw and old is None):
                raise KnowledgeFileError(f"{path}: state {code!r} needs a 'name'")
            periods = tuple(sorted(_day(d, f"{path}: state {code}") for d in raw.get("periods", ())))
            states[code] = State(
                code=code,
                name=str(raw.get("name") or (old.name if old else code)),
                demonyms=_more(raw, "demonyms", old.demonyms if old else ()),
                periods=periods or (old.periods if old else ()),
                military=_more(raw, "military", old.military if old else ()),
                police=_more(raw, "police", old.police if old else ()),
                cues=_more(raw, "cues", old.cues if old else ()),
            )
    return states


def _militia_entries(extra_dirs: Iterable[Path]) -> list[ActorEntry]:
    """The identity militias ACLED names by the group and the event's country ('Pokot Ethnic
    Militia (Kenya)', 'Habar Gidir Clan Militia (Somalia)'), from the 'militias' tables of every
    actors.json: each kind's group names ('ethnic', 'communal', 'clan'), each before one of the
    armed nouns ('Pokot raiders', 'Garre militia', 'Kikuyu youths', 'warriors from the Turkana
    community', 'raiders from Samburu')."""
    nouns: list[str] = []
    groups: dict[str, list[str]] = {}
    for path, data in read_objects("actors.json", extra_dirs):
        table = data.get("militias", {}) if isinstance(data, dict) else {}
        if not isinstance(table, dict):
            raise KnowledgeFileError(f"{path}: 'militias' must be an object")
        nouns += [str(n) for n in table.get("nouns", ()) if n not in nouns]
        for kind, names in table.items():
            if kind in ("nouns", "about") or not isinstance(names, list):
                continue
            have = groups.setdefault(kind, [])
            have += [str(g) for g in names if g not in have]
    out: list[ActorEntry] = []
    for kind, names in groups.items():
        title = kind.title()
        for group in names:
            phrases = [f"{group} {n}" for n in nouns]
            phrases += [f"{group} {kind} {n}" for n in nouns]
            phrases += [f"{n} from the {group} community" for n in nouns]
            phrases += [f"{n} from {group}" for n in nouns]  # 'raiders from Samburu'
            phrases += [f"{group} {title.lower()} militia", f"{group} {title.lower()} militias"]
            out.append(
                ActorEntry(
                    key=f"{kind.upper()}:{group}",
                    name=f"{group} {title} Militia ({{country}})",
                    inter=4,
                    generic=True,
                    aliases=tuple(dict.fromkeys(phrases)),
                )
            )
    return out


def _more(raw: dict[str, Any], field: str, earlier: tuple[str, ...]) -> tuple[str, ...]:
    """An earlier state's list with the new table's additions."""
    return earlier + tuple(str(x) for x in raw.get(field, ()) if x not in earlier)


def _split_case(phrases: Iterable[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Phrases as (aliases, acronyms): an all-capitals name ('KDF', 'ANP') matches by case."""
    aliases = tuple(p for p in phrases if not (p.isupper() and " " not in p))
    acronyms = tuple(p for p in phrases if p.isupper() and " " not in p)
    return aliases, acronyms


def _state_entries(states: dict[str, State], entries: dict[str, ActorEntry]) -> list[ActorEntry]:
    """The military ('GOV:XX') and police ('POLICE:XX') of every state the entries lack, named
    from the table: '{demonym} forces', 'the Kenya Defence Forces', 'Afghan National Police'."""
    have = {(e.state, e.force) for e in entries.values() if e.state and e.force}
    out: list[ActorEntry] = []
    for code, st in states.items():
        for force, nouns, extra in (
            ("military", _MILITARY_NOUNS, st.military),
            ("police", _POLICE_NOUNS, st.police),
        ):
            if (code, force) in have:
                continue
            phrases = [f"{d} {n}" for d in st.demonyms for n in nouns] + list(extra)
            aliases, acronyms = _split_case(phrases)
            title = "Military" if force == "military" else "Police"
            out.append(
                ActorEntry(
                    key=f"{'GOV' if force == 'military' else 'POLICE'}:{code}",
                    name=f"{title} Forces of {st.name} ({{period}})",
                    inter=1,
                    aliases=aliases,
                    acronyms=acronyms,
                    adjectives=st.demonyms if force == "military" else (),
                    state=code,
                    force=force,
                )
            )
    return out


def base_key(key: str) -> str:
    """The kind of a state's force key: 'GOV:AF' is a 'GOV', 'POLICE:KE' a 'POLICE'."""
    return key.split(":", 1)[0]


def _theatre(path: Path) -> tuple[str, ...]:
    """The focus countries of the pack an actors file belongs to (none for a pack of no country or
    a user's folder that is no pack)."""
    folder = Path(path).parent
    return read_pack(folder).countries if is_pack(folder) else ()


def _entry(raw: Any, theatre: tuple[str, ...] = ()) -> ActorEntry:
    if not isinstance(raw, dict) or "key" not in raw or "name" not in raw:
        raise KnowledgeFileError(f"actor entry needs 'key' and 'name': {raw!r}")
    renamed = tuple(
        (_day(r["from"], f"actor {raw['key']}"), str(r["name"]), int(r.get("inter", raw.get("inter", 8))))
        for r in raw.get("renamed", ())
    )
    return ActorEntry(
        key=str(raw["key"]),
        name=str(raw["name"]),
        inter=int(raw.get("inter", 8)),
        generic=bool(raw.get("generic", False)),
        country=raw.get("country"),
        aliases=tuple(raw.get("aliases", ())),
        acronyms=tuple(raw.get("acronyms", ())),
        adjectives=tuple(raw.get("adjectives", ())),
        labels=tuple(raw.get("labels", ())),
        default_labels=tuple(raw.get("default_labels", ())),
        state=raw.get("state"),
        force=raw.get("force"),
        renamed=tuple(sorted(renamed)),
        air=bool(raw.get("air", False)),
        air_only=bool(raw.get("air_only", False)),
        government_side=bool(raw.get("government_side", False)),
        home=bool(raw.get("home", False)),
        party=bool(raw.get("party", False)),
        theatre=theatre,
        base=raw.get("base"),
    )


def _merge(old: ActorEntry | None, new: ActorEntry) -> ActorEntry:
    """A user entry with an existing key adds its aliases to the bundled entry."""
    if old is None:
        return new
    return ActorEntry(
        key=old.key,
        name=new.name or old.name,
        inter=new.inter,
        generic=old.generic or new.generic,
        country=new.country or old.country,
        aliases=old.aliases + new.aliases,
        acronyms=old.acronyms + new.acronyms,
        adjectives=old.adjectives + new.adjectives,
        labels=old.labels + new.labels,
        default_labels=old.default_labels + new.default_labels,
        state=new.state or old.state,
        force=new.force or old.force,
        renamed=new.renamed or old.renamed,
        air=old.air or new.air,
        air_only=old.air_only or new.air_only,
        government_side=old.government_side or new.government_side,
        home=old.home or new.home,
        party=old.party or new.party,
        theatre=tuple(dict.fromkeys(old.theatre + new.theatre)) if old.theatre and new.theatre else (),
        base=new.base or old.base,
    )


def _load_alignments(extra_dirs: Iterable[Path]) -> tuple[Alignment, ...]:
    """The dated alignments of every pack's alignments.json: sides that fight together."""
    out: list[Alignment] = []
    for raw in load_json("alignments.json", tuple(extra_dirs)):
        if isinstance(raw, dict) and raw.get("patron") and raw.get("proxy") and "members" not in raw:
            raw = {**raw, "members": [raw["patron"], raw["proxy"]]}
        if not isinstance(raw, dict) or not isinstance(raw.get("members"), list):
            raise KnowledgeFileError(f"alignments.json entry needs 'members' (a list of actor keys): {raw!r}")
        where = f"alignment {raw.get('name', '')!r}"
        out.append(
            Alignment(
                name=str(raw.get("name", "")),
                members=frozenset(str(k) for k in raw["members"]),
                patron=str(raw["patron"]) if raw.get("patron") else None,
                proxy=str(raw["proxy"]) if raw.get("proxy") else None,
                country=str(raw["country"]) if raw.get("country") else None,
                start=_day(raw["from"], where) if raw.get("from") else None,
                end=_day(raw["to"], where) if raw.get("to") else None,
            )
        )
    return tuple(out)


@lru_cache(maxsize=8)
def load_lexicon(extra_dirs: tuple[Path, ...] = ()) -> ActorLexicon:
    """The actor lexicon, loaded once per process for a set of knowledge directories."""
    return ActorLexicon.load(extra_dirs)
