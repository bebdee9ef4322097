"""Build each source's profile from a store: its words for the actors, its verbs, its disputed claims."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from marsad.services.actors import ActorLexicon
from marsad.sources.claims import compare_claims, empty_summary
from marsad.sources.terms import TermCounts, count_terms
from marsad.sources.verbs import count_verbs


@dataclass
class SourceProfile:
    """What one source says and how: all counts describe the source's wording, quoted."""

    source: str
    documents: int = 0
    terms: dict[str, dict[str, int]] = field(default_factory=dict)
    names: dict[str, dict[str, int]] = field(default_factory=dict)
    own_side: list[str] = field(default_factory=list)
    verbs: dict[str, Any] = field(default_factory=dict)
    disagreements: list[dict[str, Any]] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=empty_summary)

    def as_dict(self) -> dict[str, Any]:
        """The JSON form of the profile."""
        return {
            "source": self.source,
            "documents": self.documents,
            "terms": self.terms,
            "names": self.names,
            "own_side": self.own_side,
            "verbs": self.verbs,
            "disagreements": self.disagreements,
            "summary": self.summary,
        }


def _sorted(counts: dict[str, Counter[str]]) -> dict[str, dict[str, int]]:
    """Counters as plain dicts, actors by name and terms most used first."""
    return {actor: dict(counts[actor].most_common()) for actor in sorted(counts)}


def _names_of(lexicon: ActorLexicon, key: str) -> set[str]:
    """Every canonical name actor `key` takes, whatever the event's country."""
    return {lexicon.name(key, c) for c in (None, *lexicon.states)}


def _verb_sides(lexicon: ActorLexicon, by_actor: dict[str, Counter[str]], own: list[str]) -> dict[str, Any]:
    """The verbs split into those used for the source's own side and those used for the others."""
    own_names = set().union(*(_names_of(lexicon, key) for key in own)) if own else set()
    mine: Counter[str] = Counter()
    others: Counter[str] = Counter()
    for actor, words in by_actor.items():
        (mine if actor in own_names else others).update(words)
    return {
        "own_side": dict(mine.most_common()),
        "others": dict(others.most_common()),
        "by_actor": _sorted(by_actor),
    }


def _own_sides(counts: TermCounts, documents: int) -> list[str]:
    """The sides a source speaks for: those it names without labels in most of its documents; only a
    source that uses loaded terms is taken to speak for a side."""
    if not counts.terms:
        return []
    return [key for key, n in counts.own_sides.most_common() if n * 2 >= documents]


def source_profiles(
    documents: Iterable[tuple[str | None, str]],
    records: Iterable[dict[str, Any]],
    fused: Iterable[dict[str, Any]],
    lexicon: ActorLexicon,
) -> list[SourceProfile]:
    """One profile per source, from (source, text) pairs, stored event records and fused records."""
    terms: dict[str, TermCounts] = {}
    ndocs: Counter[str] = Counter()
    for source, text in documents:
        name = source or "unknown"
        ndocs[name] += 1
        count_terms(lexicon, text, terms.setdefault(name, TermCounts()))
    verbs = count_verbs(records)
    claims = compare_claims(fused)
    profiles = []
    for name in sorted(set(ndocs) | set(verbs) | set(claims)):
        counts = terms.get(name, TermCounts())
        own = _own_sides(counts, ndocs[name])
        profile = SourceProfile(name, ndocs[name], _sorted(counts.terms), _sorted(counts.names))
        profile.own_side = [lexicon.name(key, None) for key in own]
        profile.verbs = _verb_sides(lexicon, verbs.get(name, {}), own)
        profile.disagreements = claims.get(name, {}).get("disagreements", [])
        profile.summary = claims.get(name, {}).get("summary", empty_summary())
        profiles.append(profile)
    return profiles


def profiles_from_store(store: Any, lexicon: ActorLexicon) -> list[SourceProfile]:
    """The profiles of every source of an open store."""
    cursor = store.con.cursor()
    try:
        rows = cursor.execute(
            "SELECT source, text FROM documents ORDER BY ingested_at, content_hash"
        ).fetchall()
    finally:
        cursor.close()
    return source_profiles(rows, store.iter_records(), store.iter_fused(), lexicon)
