"""Explicit statements of control in a sentence, found with parse-free patterns.

"X, under the control of Y", "X, the last stronghold of Y", "X, held by Y", "Y-held X" and
"Y announced the lifting of the siege on X" each say that Y holds X. A statement counts only when
X is a spelling of a place already known (the sentence's event's place, or another place the same
report names) and Y is an actor of the lexicon.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from marsad.control.model import Site
from marsad.services.actors import ActorLexicon
from marsad.services.placekey import is_generic, place_key, skeleton

# Y follows the cue; X comes before it
_AFTER_ACTOR = re.compile(
    r"\b(?:under\s+(?:the\s+)?(?:full\s+|complete\s+|total\s+)?control\s+of"
    r"|(?:the\s+)?last\s+(?:remaining\s+)?(?:stronghold|bastion)\s+of"
    r"|(?:held|controlled)\s+by)\s+",
    re.IGNORECASE,
)
# Y before "-held", X after it
_HELD = re.compile(r"-(?:held|controlled)\s+", re.IGNORECASE)
# Y before the cue, X after it
_SIEGE = re.compile(r"\blift(?:ing|ed)\s+(?:of\s+)?the\s+siege\b", re.IGNORECASE)
# a statement in the negative or the past says nothing of control now
_DENIED = re.compile(r"\b(?:not|no\s+longer|never|formerly|previously|once)\s+(?:\w+\s+)?$", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_CLAUSE_END = re.compile(r"[.;:!?()\"“”]")
_SPAN = 90  # characters looked at on either side of a cue
_NGRAM = 5


@dataclass(frozen=True, slots=True)
class Statement:
    """A sentence's claim that `controller` holds `site`, and the pattern that found it."""

    site: Site
    controller: str
    cue: str


def find_statements(
    sentence: str, sites: Sequence[Site], lexicon: ActorLexicon, country: str | None = None
) -> list[Statement]:
    """Every statement of control in `sentence` about one of `sites` (the first one preferred)."""
    found: list[Statement] = []
    for m in _AFTER_ACTOR.finditer(sentence):
        actor = _first_actor(_clause_after(sentence, m.end()), lexicon, country)
        site = _site_in(_clause_before(sentence, m.start()), sites, last=True)
        _keep(found, site, actor, _cue(m.group(0)), _denied(sentence, m.start()))
    for m in _HELD.finditer(sentence):
        actor = _actor_ending(sentence[max(0, m.start() - 40) : m.start()], lexicon, country)
        site = _site_in(_clause_after(sentence, m.end())[:40], sites, last=False)
        _keep(found, site, actor, "-" + _cue(m.group(0)), _denied(sentence, m.start()))
    for m in _SIEGE.finditer(sentence):
        actor = _last_actor(_clause_before(sentence, m.start(), span=200), lexicon, country)
        site = _site_in(_clause_after(sentence, m.end())[:60], sites, last=False)
        _keep(found, site, actor, "lifting of the siege", _denied(sentence, m.start()))
    return found


def _keep(found: list[Statement], site: Site | None, actor: str | None, cue: str, denied: bool) -> None:
    """Add a statement when it names both a known site and an actor and is not denied."""
    if site is not None and actor and not denied:
        statement = Statement(site, actor, cue)
        if statement not in found:
            found.append(statement)


def _cue(text: str) -> str:
    """A cue as matched, in lower case with single spaces."""
    return " ".join(text.lower().split())


def _denied(sentence: str, at: int) -> bool:
    """True when the words just before a cue negate it or put it in the past."""
    return bool(_DENIED.search(sentence[max(0, at - 30) : at]))


def _clause_before(sentence: str, at: int, span: int = _SPAN) -> str:
    """The text before `at`, back to the clause's start or `span` characters."""
    text = sentence[max(0, at - span) : at]
    ends = list(_CLAUSE_END.finditer(text))
    return text[ends[-1].end() :] if ends else text


def _clause_after(sentence: str, at: int) -> str:
    """The text after `at`, up to the clause's end or _SPAN characters."""
    text = sentence[at : at + _SPAN]
    end = _CLAUSE_END.search(text)
    return text[: end.start()] if end else text


def _name(lexicon: ActorLexicon, key: str, country: str | None) -> str:
    """The canonical name of an actor key; a generic state actor named for the country."""
    specific = lexicon.state_force(country, "military") if key == "GOV" else None
    return lexicon.name(specific or key, country)


def _first_actor(text: str, lexicon: ActorLexicon, country: str | None) -> str | None:
    """The actor named at the start of `text` (within its first few words)."""
    hits = [h for h in lexicon.find(text) if h.start <= 25]
    return _name(lexicon, hits[0].key, country) if hits else None


def _last_actor(text: str, lexicon: ActorLexicon, country: str | None) -> str | None:
    """The last actor named in `text`."""
    hits = lexicon.find(text)
    return _name(lexicon, hits[-1].key, country) if hits else None


def _actor_ending(text: str, lexicon: ActorLexicon, country: str | None) -> str | None:
    """The actor whose name ends `text` ("regime" in "... the regime")."""
    hits = [h for h in lexicon.find(text) if h.end == len(text)]
    return _name(lexicon, hits[-1].key, country) if hits else None


def _site_in(text: str, sites: Sequence[Site], *, last: bool) -> Site | None:
    """The known site `text` names, the one nearest the cue (the last, or the first, mention)."""
    best: tuple[int, int] | None = None
    choice: Site | None = None
    for rank, site in enumerate(sites):
        for start, end in _mentions(text, site.name):
            score = (end if last else -start, -rank)
            if best is None or score > best:
                best, choice = score, site
    return choice


def _mentions(text: str, name: str) -> list[tuple[int, int]]:
    """Spans of `text` that spell `name` (same loose key, or same consonant skeleton)."""
    target = place_key(name)
    if not target:
        return []
    words = list(_WORD.finditer(text))
    spans: list[tuple[int, int]] = []
    for i in range(len(words)):
        for j in range(i, min(i + _NGRAM, len(words))):
            start, end = words[i].start(), words[j].end()
            phrase = text[start:end]
            if not is_generic(phrase) and _same_place(place_key(phrase), target):
                spans.append((start, end))
    return spans


def _same_place(key: str, target: str) -> bool:
    """True when two loose keys name one place."""
    if key == target:
        return True
    skel = skeleton(key)
    return len(skel) >= 3 and skel == skeleton(target) and key[:1] == target[:1]
