"""Trigger lexicon: word sequences (by lemma) that can report an event, matched over a parse."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from marsad.errors import KnowledgeFileError
from marsad.events.forms import forms
from marsad.knowledge import load_json
from marsad.model.taxonomy import SUB_EVENT_TYPES

REFINABLE = ("attack", "takeover", "protest", "kill")


@dataclass(frozen=True)
class TriggerRule:
    """One lexicon entry."""

    lemmas: tuple[str, ...]
    cls: str
    head: int = 0
    gap: int = 2
    pos: tuple[str, ...] = ()
    requires: str = ""
    reverse: bool = False
    # the sub-event type an 'attack' takes when no weapon word says otherwise ("pounded": shelling)
    default: str = ""

    @property
    def name(self) -> str:
        """A readable id for provenance: the lemmas joined."""
        return "+".join(self.lemmas)


@dataclass(frozen=True)
class TriggerMatch:
    """A rule matched at token indexes `tokens` of a sentence span; `head` governs the event."""

    rule: TriggerRule
    tokens: tuple[int, ...]
    head: int


def _rule(raw: Any) -> TriggerRule:
    if not isinstance(raw, dict) or not raw.get("lemmas") or not raw.get("class"):
        raise KnowledgeFileError(f"trigger entry needs 'lemmas' and 'class': {raw!r}")
    cls = str(raw["class"])
    if cls not in REFINABLE and cls not in SUB_EVENT_TYPES:
        raise KnowledgeFileError(f"trigger class {cls!r} is neither a sub-event type nor one of {REFINABLE}")
    lemmas = tuple(str(w).lower() for w in raw["lemmas"])
    head = int(raw.get("head", 0))
    if not 0 <= head < len(lemmas):
        raise KnowledgeFileError(f"trigger head {head} is outside its lemmas {lemmas}")
    return TriggerRule(
        lemmas=lemmas,
        cls=cls,
        head=head,
        gap=int(raw.get("gap", 2)),
        pos=tuple(raw.get("pos", ())),
        requires=str(raw.get("requires", "")),
        reverse=bool(raw.get("reverse", False)),
        default=str(raw.get("default", "")),
    )


class TriggerLexicon:
    """Rules indexed by their first lemma, matched over a spaCy span."""

    def __init__(self, rules: Iterable[TriggerRule]) -> None:
        self.by_first: dict[str, list[TriggerRule]] = {}
        for rule in rules:
            self.by_first.setdefault(rule.lemmas[0], []).append(rule)
        for rules_ in self.by_first.values():
            # longest pattern first; among equals, the conditional (more specific) rule first
            rules_.sort(key=lambda r: (-len(r.lemmas), not r.requires))

    @cached_property
    def disarming_lemmas(self) -> frozenset[str]:
        """Verbs that disrupt a weapon ('seized two car bombs', 'defused a bomb'): the one-word
        rules of the class 'Disrupted weapons use'. A weapon that is their object was not used."""
        return frozenset(
            r.lemmas[0]
            for rs in self.by_first.values()
            for r in rs
            if r.cls == "Disrupted weapons use" and len(r.lemmas) == 1
        )

    @classmethod
    def load(cls, extra_dirs: Iterable[Path] = ()) -> TriggerLexicon:
        """Load the bundled trigger file and the user's."""
        return cls(_rule(raw) for raw in load_json("triggers.json", extra_dirs))

    def match(self, span: Any) -> list[TriggerMatch]:
        """Match every rule over the tokens of `span`, best rule first for each head token.

        A head may get several alternatives (a conditional rule, then the plain one); the caller
        keeps the first its context licenses. Tokens of a longer match are not heads of shorter ones.
        """
        keys = _span_keys(span)
        out: list[TriggerMatch] = []
        used: set[int] = set()
        for i, tk in enumerate(keys):
            for key in tk:
                for rule in self.by_first.get(key, ()):
                    idx = _match_from(rule, keys, i)
                    if idx is None or idx[rule.head] in used - set(idx):
                        continue
                    head_tok = span[idx[rule.head]]
                    if rule.pos and head_tok.pos_ not in rule.pos:
                        continue
                    out.append(TriggerMatch(rule, tuple(span.start + j for j in idx), head_tok.i))
                    if len(idx) > 1:
                        used.update(idx)
        return out


# irregular forms the small model's lemmatizer leaves as they are
_IRREGULAR = {
    "retook": "retake",
    "retaken": "retake",
    "overran": "overrun",
    "shot": "shoot",
    "took": "take",
    "taken": "take",
    "fought": "fight",
    "blew": "blow",
    "blown": "blow",
    "struck": "strike",
    "hit": "hit",
    "threw": "throw",
    "thrown": "throw",
    "beaten": "beat",
    "drove": "drive",
    "driven": "drive",
    "broke": "break",
    "broken": "break",
    "set": "set",
    "withdrew": "withdraw",
    "withdrawn": "withdraw",
    "overrun": "overrun",
    "undertook": "undertake",
    "began": "begin",
    "begun": "begin",
    "fell": "fall",
    "bombarded": "bombard",
    "shelled": "shell",
    "clashed": "clash",
    "liberated": "liberate",
}


def _span_keys(span: Any) -> list[tuple[str, ...]]:
    """The match keys of each token of a span (`_keys`), from the forms of the parse: a token's keys
    depend only on its form, lemma and part of speech."""
    words = forms(span.doc)
    start, end = span.start, span.end
    return list(map(_keys, words.lower[start:end], words.lemma[start:end], words.pos[start:end]))


@lru_cache(maxsize=1 << 16)
def _keys(lower: str, lemma: str, pos: str) -> tuple[str, ...]:
    """The words a rule's lemma may match a token by (from its `lower_`, lower-cased `lemma_` and
    `pos_`): its lemma (its form when it has none), its form, an irregular verb's lemma, and a
    plural's singular."""
    lemma = lemma or lower
    irregular = _IRREGULAR.get(lower)
    keys = [lemma] if lemma == lower else [lemma, lower]
    if irregular and irregular not in keys:
        keys.insert(0, irregular)
    if pos == "PROPN" and lemma == lower and lower.endswith("s") and len(lower) > 3:
        # a capitalised plural the tagger took for a name keeps its own form as lemma ('Airstrikes
        # on villages killed ...'): its singular too
        keys.append(lower[:-1])
    return tuple(keys)


def _match_from(rule: TriggerRule, keys: list[tuple[str, ...]], i: int) -> tuple[int, ...] | None:
    idx = [i]
    pos = i
    for lemma in rule.lemmas[1:]:
        nxt = next(
            (j for j in range(pos + 1, min(len(keys), pos + 2 + rule.gap)) if lemma in keys[j]),
            None,
        )
        if nxt is None:
            return None
        idx.append(nxt)
        pos = nxt
    return tuple(idx)


@lru_cache(maxsize=8)
def load_triggers(extra_dirs: tuple[Path, ...] = ()) -> TriggerLexicon:
    """The trigger lexicon, loaded once per process for a set of knowledge directories."""
    return TriggerLexicon.load(extra_dirs)
