"""Refining a trigger's class into ACLED's sub-event type from weapons, targets and manner."""

from __future__ import annotations

import re
from typing import Any

from marsad.services.actors import base_key

# weapon cue words (lower-case forms or lemmas), strongest first
WEAPON_CUES: tuple[tuple[str, frozenset[str]], ...] = (
    ("Chemical weapon", frozenset("chlorine sarin chemical toxic mustard nerve".split())),
    ("Suicide bomb", frozenset("suicide".split())),
    (
        "Air/drone strike",
        frozenset(
            "aircraft aircrafts warplane warplanes jet jets helicopter helicopters drone drones airstrike "
            "airstrikes air plane planes bomber bombers barrel sukhoi mig aviation".split()
        ),
    ),
    ("Grenade", frozenset("grenade grenades".split())),
    (
        "Remote explosive/landmine/IED",
        frozenset(
            "ied ieds roadside landmine landmines mine mines explosive explosives device devices booby "
            "booby-trapped vbied vbieds bombed car-bomb sticky bomb bombs".split()
        ),
    ),
    (
        "Shelling/artillery/missile attack",
        frozenset(
            "shell shells shelling shelled artillery mortar mortars rocket rockets missile missiles howitzer "
            "projectile projectiles grad katyusha rpg rpgs".split()
        ),
    ),
)
GOVERNMENT_SIDE = frozenset(("GOV", "SYR_GOV", "IRQ_GOV", "POLICE", "PMF", "HZB", "IRN", "RUS", "KRG", "PGM"))
PLACE_NOUNS = frozenset(
    "city town village villages towns cities area areas district neighbourhood neighborhood "
    "field fields factory mill station company plant base airport dam bridge crossing hill "
    "hills road highway checkpoint quarter square camp outskirts countryside region province "
    "governorate suburb positions position point points headquarters building compound gin "
    "border desert valley island farm farms silo silos refinery port market centre center "
    "complex airbase".split()
)
NONVIOLENT = re.compile(
    r"\b(without (a )?(fight|fighting|resistance|clashes|shot|shots)( being fired)?|peacefully|handed over|hand over|handover|"
    r"under (the|an) (agreement|deal|settlement|accord)|as part of (the|an) (agreement|deal|settlement)|"
    r"in accordance with (the|an) (agreement|deal))\b",
    re.I,
)
INTERVENTION = re.compile(
    r"\b(tear ?gas|water cannons?|disperse[d]?|rubber bullets|batons|beat(en)? (the )?(protesters|"
    r"demonstrators)|arrested (\w+ )?(protesters|demonstrators))\b",
    re.I,
)
LETHAL = re.compile(r"\b(live (ammunition|fire|rounds)|opened fire|shot dead|killing|killed|kill)\b", re.I)
RIOT = re.compile(
    r"\b(storm(ed|ing)?|set fire|set (\w+ ){0,3}on fire|torch(ed)?|burn(ed|t|ing)?|threw stones|"
    r"throwing stones|pelted|clash(ed|es)? with|ransack(ed)?|block(ed|ing) (roads|streets|the))\b",
    re.I,
)
MOB = re.compile(r"(?<!popular )\b(mob|crowd|lynch\w*)\b", re.I)  # not 'the Popular Crowd' (the PMF)


STRUCTURES = frozenset(
    "bridge house houses home homes building buildings theatre theater temple monument monuments shrine mosque "
    "church tomb school hospital wall tower statue arch museum tetrapylon citadel castle".split()
)
CIVILIAN_TARGETS = frozenset(
    "town village city neighbourhood neighborhood market settlement residential camp street streets "
    "tractor bus minibus car cars shop shops".split()
)


def weapon_class(tokens: list[Any]) -> str | None:
    """The explosion/remote-violence sub-type named by weapon words among `tokens`, strongest first."""
    words = {t.lower_ for t in tokens} | {t.lemma_.lower() for t in tokens}
    text = " ".join(t.lower_ for t in tokens)
    if "blew himself" in text or "blow himself" in text or "explosive belt" in text or "suicide vest" in text:
        return "Suicide bomb"
    for sub, cues in WEAPON_CUES:
        if words & cues:
            bare_air = sub == "Air/drone strike" and "air" in words and not words & (cues - {"air"})
            if bare_air and not re.search(r"\bair (strikes?|raids?)\b", text):
                continue
            return sub
    return None


def takeover_type(actor1: list[str], sentence_text: str, cls_hint: str) -> str:
    """Territorial sub-type by outcome and actor: government regains, non-state overtakes, or transfer."""
    if cls_hint == "Non-violent transfer of territory" or NONVIOLENT.search(sentence_text):
        return "Non-violent transfer of territory"
    if actor1 and base_key(actor1[0]) in GOVERNMENT_SIDE:  # 'GOV:AF', a state's own forces
        return "Government regains territory"
    return "Non-state actor overtakes territory"


def protest_type(sentence_text: str, protesters_act: bool) -> str:
    """Peaceful protest, protest with intervention, excessive force, or violent demonstration."""
    if LETHAL.search(sentence_text) and not protesters_act:
        return "Excessive force against protesters"
    if INTERVENTION.search(sentence_text):
        return "Protest with intervention"
    if RIOT.search(sentence_text) and protesters_act:
        return "Violent demonstration"
    return "Peaceful protest"


def attack_type(weapon: str | None, actor1: list[str], actor2: list[str], sentence_text: str) -> str:
    """An attack's sub-type: by weapon; else by target (civilians, protesters); else a clash."""
    if actor2 and actor2[0] == "PROTESTERS":
        return protest_type(sentence_text, protesters_act=False)
    if actor1 and actor1[0] in ("PROTESTERS", "RIOTERS"):
        return "Violent demonstration"
    if weapon:
        return weapon
    if actor2 and actor2[0] == "CIV" and (not actor1 or actor1[0] != "CIV"):
        return "Attack"
    return "Armed clash"


def kill_type(actor1: list[str], actor2: list[str], sentence_text: str) -> str:
    """A killing with no other trigger: mob violence, attack on civilians or protesters, or a clash."""
    crowd = bool(MOB.search(sentence_text))
    if (actor1 and actor1[0] == "RIOTERS") or (crowd and (not actor1 or actor1[0] == "CIV")):
        return "Mob violence"
    if actor2 and actor2[0] == "PROTESTERS":
        return "Excessive force against protesters"
    if actor2 and actor2[0] == "CIV":
        return "Attack"
    return "Armed clash"


CROWD_NOUNS = frozenset(
    "supporter supporters member members activist activists student students villager villagers local locals "
    "resident residents relative relatives mob crowd crowds youth youths worker workers trader traders "
    "people men group groups faction factions follower followers".split()
)
CRUDE_WEAPONS = frozenset(
    "stick sticks baton batons brickbat brickbats brick bricks stone stones knife knives machete machetes "
    "rod rods sharp bamboo".split()
)
FIREARMS = frozenset("gun guns gunfire firearm firearms rifle rifles shot shots bullet bullets".split())
_MOB_SUBS = frozenset(("Armed clash", "Attack", "Looting/property destruction"))


def is_crowd_violence(sub: str, head: Any, actor1: list[str], actor2: list[str]) -> bool:
    """Unarmed crowds fighting ('supporters of X clashed with members of Y using sticks', 'locals
    vandalised the office'): ACLED's mob violence, not an armed clash, unless firearms are used
    or an armed organisation is named."""
    if sub not in _MOB_SUBS:
        return False
    armed = [
        k for k in actor1 + actor2 if base_key(k) not in ("CIV", "RIOTERS", "PROTESTERS", "POLICE", "GOV")
    ]
    if armed or (actor1 and base_key(actor1[0]) in ("POLICE", "GOV")):
        return False
    words = {t.lower_ for t in head.sent}
    if words & FIREARMS:
        return False
    subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "agent")]
    subject_words = {t.lower_ for c in subjects for t in c.subtree}
    return bool(subject_words & CROWD_NOUNS)
