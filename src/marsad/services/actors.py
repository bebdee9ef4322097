"""The actor lexicon: finds actor mentions in text and names actors canonically."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from marsad.errors import KnowledgeFileError
from marsad.knowledge import load_json

COUNTRY_NAMES = {"SY": "Syria", "IQ": "Iraq", "LB": "Lebanon", "JO": "Jordan", "TR": "Turkey", "IR": "Iran"}
DEMONYMS = {
    "SY": "Syrian",
    "IQ": "Iraqi",
    "LB": "Lebanese",
    "JO": "Jordanian",
    "TR": "Turkish",
    "IR": "Iranian",
}
# words after an actor name that make it a modifier, not the actor ("US-backed", "regime-held")
_MODIFIER_AFTER = re.compile(
    r"-(backed|held|led|controlled|affiliated|allied|linked|supported|run|occupied)\b"
)
_ANTI_BEFORE = re.compile(r"\banti-$", re.I)


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


@dataclass(frozen=True)
class ActorMatch:
    """An actor mention in a text: offsets, the actor key, and how it matched."""

    start: int
    end: int
    key: str
    kind: str  # "alias", "acronym", "adjective" or "label"
    text: str


@dataclass
class ActorLexicon:
    """Actor entries with their compiled patterns."""

    entries: dict[str, ActorEntry]
    # one alternation per case mode, longest phrase first, and what each phrase stands for
    _patterns: list[tuple[re.Pattern[str], dict[str, tuple[str, str]], bool]] = field(default_factory=list)

    @classmethod
    def load(cls, extra_dirs: Iterable[Path] = ()) -> ActorLexicon:
        """Load the bundled actors and the user's, and compile their patterns."""
        entries: dict[str, ActorEntry] = {}
        for raw in load_json("actors.json", extra_dirs):
            entry = _entry(raw)
            entries[entry.key] = _merge(entries.get(entry.key), entry)
        lex = cls(entries)
        lex._compile()
        return lex

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
            # longest first: at any position the alternation takes the longest phrase that matches
            bodies = [re.escape(p).replace(r"\ ", r"[\s-]+") for p in sorted(table, key=len, reverse=True)]
            flags = 0 if case else re.IGNORECASE
            rx = re.compile(rf"(?<![\w-])(?:{'|'.join(bodies)})(?![\w])", flags)
            self._patterns.append((rx, table, case))

    def find(self, text: str, offset: int = 0) -> list[ActorMatch]:
        """All non-overlapping actor mentions in `text`, the longer one winning, offsets shifted."""
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

    def name(self, key: str, country: str | None) -> str:
        """The canonical name of actor `key` for an event in `country` (ISO2)."""
        entry = self.entries.get(key)
        if entry is None:
            return key
        country_name = COUNTRY_NAMES.get(country or "", country or "")
        if "{country}" in entry.name:
            if not country_name:
                bare = re.sub(r" \(\{demonym\}[^)]*\)", "", entry.name)
                return bare.replace(" ({country})", "").replace(" of {country}", "")
            demonym = DEMONYMS.get(country or "", country_name)
            return entry.name.replace("{country}", country_name).replace("{demonym}", demonym)
        return entry.name

    def inter(self, key: str) -> int | None:
        """ACLED's inter code for actor `key`."""
        entry = self.entries.get(key)
        return entry.inter if entry else None


def _norm(phrase: str, case: bool) -> str:
    """The lookup form of a phrase: hyphens and runs of spaces as one space, case folded unless
    the phrase is case-sensitive."""
    flat = re.sub(r"[\s-]+", " ", phrase.strip())
    return flat if case else flat.lower()


def _entry(raw: Any) -> ActorEntry:
    if not isinstance(raw, dict) or "key" not in raw or "name" not in raw:
        raise KnowledgeFileError(f"actor entry needs 'key' and 'name': {raw!r}")
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
    )


@lru_cache(maxsize=8)
def load_lexicon(extra_dirs: tuple[Path, ...] = ()) -> ActorLexicon:
    """The actor lexicon, loaded once per process for a set of knowledge directories."""
    return ActorLexicon.load(extra_dirs)
