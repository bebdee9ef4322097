"""The discourse cues (`knowledge/packs/core-en/discourse.json`): how a report's sentences are read at the
document level by `marsad.events.discourse` and `marsad.events.narrative`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from marsad.knowledge import read_objects


@dataclass(frozen=True)
class Cues:
    """The discourse cues of `discourse.json`."""

    window_days: int
    background: tuple[re.Pattern[str], ...]
    violence_background: tuple[re.Pattern[str], ...]
    ongoing_preps: frozenset[str]
    ongoing_states: frozenset[str]
    past_modifiers: frozenset[str]
    generic_rules: frozenset[str]
    kin_types: frozenset[frozenset[str]]
    back_reference_units: frozenset[str]
    definite_determiners: frozenset[str]
    another_modifiers: frozenset[str]
    date_clause_openers: frozenset[str]
    specificity: tuple[str, ...]
    same_side: dict[str, str]
    joined_as: dict[frozenset[str], str]
    support_verbs: frozenset[str]
    territory_amounts: frozenset[str]
    group_nouns: frozenset[str]
    reaction_verbs: frozenset[str]
    concluding_verbs: frozenset[str]
    effect_verbs: frozenset[str]
    agreement_ends: frozenset[str]
    trend_verbs: frozenset[str]
    characterising_verbs: frozenset[str]
    absence_nouns: frozenset[str]
    count_nouns: frozenset[str]
    other_purposes: frozenset[str]
    abstract_adversaries: frozenset[str]
    alternative_preps: frozenset[str]
    abstract_nouns: frozenset[str]
    flight_verbs: frozenset[str]
    furniture_after: tuple[re.Pattern[str], ...]
    furniture_before: tuple[re.Pattern[str], ...]


@cache
def cues() -> Cues:
    """The bundled cues, read once."""
    data = read_objects("discourse.json")[0][1]
    return Cues(
        window_days=int(data["window_days"]),
        background=tuple(re.compile(p, re.IGNORECASE) for p in data["background"]),
        violence_background=tuple(re.compile(p, re.IGNORECASE) for p in data.get("violence_background", ())),
        ongoing_preps=frozenset(data["ongoing_preps"]),
        ongoing_states=frozenset(data.get("ongoing_states", ())),
        past_modifiers=frozenset(data["past_modifiers"]),
        generic_rules=frozenset(data["generic_rules"]),
        kin_types=frozenset(frozenset(pair) for pair in data["kin_types"]),
        back_reference_units=frozenset(data["back_reference_units"]),
        definite_determiners=frozenset(data["definite_determiners"]),
        another_modifiers=frozenset(data.get("another_modifiers", ())),
        date_clause_openers=frozenset(data.get("date_clause_openers", ())),
        specificity=tuple(data["specificity"]),
        same_side={key: group[0] for group in data["same_side"] for key in group},
        joined_as={frozenset(j["types"]): j["is"] for j in data["joined_as"]},
        support_verbs=frozenset(data["support_verbs"]),
        territory_amounts=frozenset(data["territory_amounts"]),
        group_nouns=frozenset(data.get("group_nouns", ())),
        reaction_verbs=frozenset(data.get("reaction_verbs", ())),
        concluding_verbs=frozenset(data.get("concluding_verbs", ())),
        effect_verbs=frozenset(data.get("effect_verbs", ())),
        agreement_ends=frozenset(data.get("agreement_ends", ())),
        trend_verbs=frozenset(data.get("trend_verbs", ())),
        characterising_verbs=frozenset(data.get("characterising_verbs", ())),
        absence_nouns=frozenset(data.get("absence_nouns", ())),
        count_nouns=frozenset(data.get("count_nouns", ())),
        other_purposes=frozenset(data.get("other_purposes", ())),
        abstract_adversaries=frozenset(data.get("abstract_adversaries", ())),
        alternative_preps=frozenset(data.get("alternative_preps", ())),
        abstract_nouns=frozenset(data.get("abstract_nouns", ())),
        flight_verbs=frozenset(data.get("flight_verbs", ())),
        furniture_after=tuple(re.compile(p) for p in data.get("furniture_after", ())),
        furniture_before=tuple(re.compile(p) for p in data.get("furniture_before", ())),
    )


def window_start(reference: date | None) -> date | None:
    """The first day of the reporting window before `reference`."""
    return reference - timedelta(days=cues().window_days) if reference is not None else None
