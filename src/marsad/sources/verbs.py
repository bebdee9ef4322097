"""The verbs a source uses in the sentences of takeovers and killings, per side of the events."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

# each verb with the forms that count for it; 'recaptured' is not counted as 'captured'
VERBS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (word, re.compile(rx, re.I))
    for word, rx in (
        ("liberated", r"\bliberat\w*"),
        ("freed", r"\bfreed\b"),
        ("captured", r"(?<![\w-])captur\w*"),
        ("recaptured", r"\b(?:re-?captur\w*|retook|retaken|retake)\b"),
        ("seized", r"\bseiz\w*"),
        ("took control", r"\bt(?:ook|aken|ake|akes|aking)\s+(?:full\s+)?control\b"),
        ("occupied", r"\boccup(?:ied|ation|y)\b"),
        ("martyred", r"\bmartyr\w*"),
        ("killed", r"\bkill(?:ed|ing|s)?\b"),
        ("eliminated", r"\beliminat\w*"),
    )
)
_VIOLENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians")
_TAKEOVER_WORDS = ("territory", "overtakes", "regains")


def is_takeover_or_killing(rec: dict[str, Any]) -> bool:
    """Territorial events, violent events and events with deaths are where the verbs matter."""
    sub = str(rec.get("sub_event_type") or "")
    return (
        any(w in sub.lower() for w in _TAKEOVER_WORDS)
        or rec.get("event_type") in _VIOLENT_TYPES
        or int(rec.get("fatalities") or 0) > 0
    )


def verbs_in(sentence: str) -> Counter[str]:
    """The counted verbs in one sentence."""
    return Counter({word: n for word, rx in VERBS if (n := len(rx.findall(sentence)))})


def count_verbs(records: Iterable[dict[str, Any]]) -> dict[str, dict[str, Counter[str]]]:
    """Per source, per actor1: the verbs in the evidence sentences of its takeover and killing
    events, each sentence counted once per source and actor."""
    out: dict[str, dict[str, Counter[str]]] = {}
    seen: set[tuple[str, str, str]] = set()
    for rec in records:
        if not is_takeover_or_killing(rec):
            continue
        source = rec.get("source") or "unknown"
        actor = rec.get("actor1") or "(unnamed actor)"
        for ev in rec.get("evidence") or []:
            sentence = str(ev.get("sentence") or "")
            if (source, actor, sentence) in seen:
                continue
            seen.add((source, actor, sentence))
            found = verbs_in(sentence)
            if found:
                out.setdefault(source, {}).setdefault(actor, Counter()).update(found)
    return out
