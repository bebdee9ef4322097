"""Refining a trigger's class into ACLED's sub-event type from weapons, targets and manner."""

from __future__ import annotations

import re
from typing import Any

from marsad.events.forms import forms_of, lowers_in
from marsad.events.roles import CAUSE_PREPS, SUFFER_VERBS, WORDS, arguments
from marsad.services.actors import ActorRoles, base_key, load_lexicon


def _phrase_regex(phrase: str) -> str:
    """One phrase of a word list as a regular expression: words apart by spaces, 'a|b' either
    word, a trailing '*' any ending of a word, '{m,n}' from m to n words between."""
    parts = []
    for token in phrase.split():
        if re.fullmatch(r"\{\d+,\d+\}", token):
            parts.append(r"(?:\w+\s+)" + token)
            continue
        alts = [re.escape(a[:-1]) + r"\w*" if a.endswith("*") else re.escape(a) for a in token.split("|")]
        parts.append("(?:" + "|".join(sorted(alts, key=len, reverse=True)) + r")\s+")
    return "".join(parts)[: -len(r"\s+")] if parts and parts[-1].endswith(r"\s+") else "".join(parts)


def phrase_pattern(*names: str) -> re.Pattern[str]:
    """The phrases of the named core-en roles.json lists as one case-blind pattern of whole words,
    longest first."""
    phrases = sorted({p for name in names for p in WORDS[name]}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(_phrase_regex(p) for p in phrases) + r")\b", re.I)


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
PLACE_NOUNS = frozenset(
    "city town village villages towns cities area areas district neighbourhood neighborhood "
    "field fields factory mill station company plant base airport dam bridge crossing hill "
    "hills road highway checkpoint quarter square camp outskirts countryside region province "
    "governorate suburb positions position point points headquarters building compound gin "
    "border desert valley island farm farms silo silos refinery port market centre center "
    "complex airbase enclave enclaves stronghold strongholds pocket bastion outpost outposts".split()
)
NONVIOLENT = re.compile(
    r"\b(without (a )?(fight|fighting|resistance|clashes|shot|shots)( being fired)?|peacefully|handed over|hand over|handover|"
    r"under (the|an) (agreement|deal|settlement|accord)|as part of (the|an) (agreement|deal|settlement)|"
    r"in accordance with (the|an) (agreement|deal))\b",
    re.I,
)
INTERVENTION = re.compile(
    r"\b(tear ?gas|water cannons?|(disperse[ds]?|dispersing)(?!\s+(peacefully|quietly|on their own|without))|"
    r"rubber bullets|batons?|baton[- ]charged?|"
    r"beat(en)? (the )?(protesters|demonstrators)|arrested (\w+ )?(protesters|demonstrators)|"
    r"(police|security forces|officers) (\w+ ){0,2}(intervened|removed|arrested|detained|blocked|obstructed|"
    r"charged)|made (\w+ )?arrests|(attacked|assaulted|obstructed|foiled) (\w+ ){0,3}(protest|rally|procession|"
    r"demonstrat\w+|sit-in|march|human chain|protesters|demonstrators))\b",
    re.I,
)
LETHAL = re.compile(r"\b(live (ammunition|fire|rounds)|opened fire|shot dead|killing|killed|kill)\b", re.I)
# what makes a protest a riot (core-en roles.json 'riot_deeds')
RIOT = phrase_pattern("riot_deeds")
# what opens a protest's grievance (core-en roles.json 'grievance_markers'), up to three words before a
# deed in one phrase ('against fees and stormed the office' is the crowd's act)
_GRIEVANCE_BEFORE = re.compile(
    r"\b(?:"
    + "|".join(_phrase_regex(p) for p in sorted(WORDS["grievance_markers"], key=len, reverse=True))
    + r")\s+(?:(?!(?:and|or|but|then|before|while|when|as)\b)[\w'-]+\s+){0,3}$",
    re.I,
)


def riot_deed(text: str) -> re.Match[str] | None:
    """The first riot deed a text tells the crowd did ('burned tyres', 'stormed the office'), not one
    its grievance names ('a protest against the burning of a copy of the Quran', 'in response to
    prior clashes with police')."""
    for m in RIOT.finditer(text):
        if not _GRIEVANCE_BEFORE.search(text, max(0, m.start() - 80), m.start()):
            return m
    return None


# what police fire to disperse a crowd (core-en roles.json)
CROWD_CONTROL = phrase_pattern("crowd_control")
PROTEST_WORDS = re.compile(r"\b(protest\w*|demonstrat\w+|rall(y|ies)|sit-ins?)\b", re.I)
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
    lowers, lemmas = forms_of(tokens)
    words = {*lowers, *lemmas}
    text = " ".join(lowers)
    if "blew himself" in text or "blow himself" in text or "explosive belt" in text or "suicide vest" in text:
        return "Suicide bomb"
    for sub, cues in WEAPON_CUES:
        if words & cues:
            bare_air = sub == "Air/drone strike" and "air" in words and not words & (cues - {"air"})
            if bare_air and not re.search(r"\bair (strikes?|raids?)\b", text):
                continue
            return sub
    return None


def takeover_type(
    actor1: list[str], sentence_text: str, cls_hint: str, roles: ActorRoles | None = None
) -> str:
    """Territorial sub-type by outcome and actor: government regains, non-state overtakes, or
    transfer. `roles` say which sides fight for the government (the bundled packs' by default)."""
    if cls_hint == "Non-violent transfer of territory" or NONVIOLENT.search(sentence_text):
        return "Non-violent transfer of territory"
    if roles is None:
        roles = load_lexicon().roles
    if actor1 and roles.for_government(actor1[0]):  # 'GOV:AF', a state's own forces
        return "Government regains territory"
    return "Non-state actor overtakes territory"


def protest_type(sentence_text: str, protesters_act: bool) -> str:
    """Peaceful protest, protest with intervention, excessive force, or violent demonstration."""
    if LETHAL.search(sentence_text) and not protesters_act:
        return "Excessive force against protesters"
    if riot_deed(sentence_text) and protesters_act:
        # ACLED: demonstrators who turn violent riot, whether or not the police intervene
        return "Violent demonstration"
    if INTERVENTION.search(sentence_text):
        return "Protest with intervention"
    return "Peaceful protest"


def headline_passive(head: Any) -> bool:
    """A headline's reduced passive, its report ('ODM convoy attacked by rival supporters',
    'Aid worker shot dead in Garissa'): a participle on the noun the verbless sentence is, not a
    description inside a sentence with a verb of its own."""
    root = head.head
    if head.dep_ != "acl" or head.tag_ != "VBN" or root.dep_ != "ROOT" or root.pos_ not in ("NOUN", "PROPN"):
        return False
    if any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in head.sent):
        return False  # the sentence has a finite verb: the participle describes
    return not any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in root.children)


def crowd_control_fire(head: Any) -> str | None:
    """'Police fired tear gas at the crowd', 'fire shots in the air': no attack but an intervention;
    the protest's sub-type by the sentence (a crowd that rioted, deaths or live fire), or None when
    the trigger fires no crowd-control means."""
    if head.lemma_.lower() != "fire" or head.pos_ not in ("VERB", "AUX"):
        return None
    means = " ".join(t.text for c in head.children if c.dep_ in ("dobj", "prep", "advmod") for t in c.subtree)
    text = head.sent.text
    if not CROWD_CONTROL.search(means) or LETHAL.search(text):
        return None
    sub = protest_type(text, protesters_act=bool(riot_deed(text)))
    return "Protest with intervention" if sub == "Peaceful protest" else sub  # fired on, it was no peace


def attack_type(
    weapon: str | None, actor1: list[str], actor2: list[str], sentence_text: str, head: Any = None
) -> str:
    """An attack's sub-type: by weapon; else by target (civilians, protesters); else a clash."""
    if actor2 and actor2[0] == "PROTESTERS":
        return protest_type(sentence_text, protesters_act=False)
    if actor1 and actor1[0] in ("PROTESTERS", "RIOTERS") and not PROTEST_WORDS.search(sentence_text):
        return "Mob violence"  # "a mob attacked a man": a crowd's violence with no demonstration
    if actor1 and actor1[0] in ("PROTESTERS", "RIOTERS"):
        return "Violent demonstration"
    if weapon:
        return weapon
    if actor2 and actor2[0] == "CIV" and (not actor1 or actor1[0] != "CIV"):
        return "Attack"
    if not actor2 and (
        one_sided(sentence_text, head, counted_ok=_unorganised(actor1)) or lone_attack(sentence_text)
    ):
        return "Attack"
    if not actor2 and head is not None and _unorganised_raid(head, actor1):
        return "Attack"
    return "Armed clash"


def _unorganised_raid(head: Any, actor1: list[str]) -> bool:
    """A raid, massacre or rampage by no organised force ('Armed Pokot raid on Turkana community',
    'Raid: 350 animals stolen by a band of 500'): its doers unnamed or an identity militia, which
    ACLED codes as an attack where no fight or armed target is told."""
    if head.lemma_.lower() not in ONE_SIDED_CAUSES and head.lower_ not in ONE_SIDED_CAUSES:
        return False
    if not _unorganised(actor1):
        return False
    return not FIGHT_WORDS.search(head.sent.text) and not HIT_ARMED.search(_without_doers(head))


def _unorganised(actor1: list[str]) -> bool:
    """No organised armed side is the doer: none named, an unidentified group or an identity
    militia. An organised force's victims ('killed 2 in an attack by the Taliban') are read from
    the words alone, not by their count or name."""
    return not actor1 or actor1[0] == "UNID" or load_lexicon().inter(actor1[0]) == IDENTITY_MILITIA


# ACLED's inter code of ethnic, communal and clan militias
IDENTITY_MILITIA = 4


# people and places that are not armed, what a one-sided attack hits; the words of a fight of
# two armed sides, and who is armed as a target (core-en roles.json)
UNARMED_VICTIMS = phrase_pattern("unarmed_victims")
FIGHT_WORDS = phrase_pattern("fight_words")
ARMED_TARGETS = phrase_pattern("armed_targets")
# armed targets once the parse has set the doers apart ('gunmen' attack, but 'three gunmen killed')
HIT_ARMED = phrase_pattern("armed_targets", "armed_gangs")
TWO_SIDED = phrase_pattern("fight_words", "armed_targets")


def one_sided(
    sentence_text: str, head: Any = None, counted_needs_doer: bool = False, counted_ok: bool = True
) -> bool:
    """An attack on people or places that are not armed ('gunmen attacked a bus', 'a woman was shot
    dead'), with no armed target or exchange of fire in the sentence: ACLED's 'Attack'. Capitalised
    words inside the sentence are names ('Imam Sahib district'), not victims. With the trigger
    (`head`), victims counted or named ('militia kill 3', 'Mr Otieno was shot') are unarmed too, and
    the doers' own words ('shot dead by police', 'raiders attacked a village') arm no target. A
    bare toll ('74 killed.') tells no attack by itself: with `counted_needs_doer`, counted victims
    count only when the sentence names who killed them; without `counted_ok` (an organised force
    did it), not at all."""
    victims = [
        m
        for m in UNARMED_VICTIMS.finditer(sentence_text)
        if m.group(0).islower() or not sentence_text[: m.start()].strip()
    ]
    if head is None:
        return bool(victims) and not TWO_SIDED.search(sentence_text)
    if not victims and not counted_ok:
        return False
    toll = _toll_verb(head)  # 'raid' in '6 killed in a cattle raid': the toll is the raid's victims
    if toll is not None and not victims and _counted_or_named_victims(toll):
        counted_needs_doer = False
    elif not victims and not _counted_or_named_victims(head):
        return False
    if not victims and counted_needs_doer and not (_doers_or_agents(head) or _one_sided_cause(head)):
        return False
    doers = [head] if toll is None else [head, toll]
    return not FIGHT_WORDS.search(sentence_text) and not HIT_ARMED.search(_without_doers(*doers))


def _counted_or_named_victims(head: Any) -> bool:
    """The trigger's victims are a bare count ('kill 3', 'Sixteen killed') or a person's name, and
    none of them is an armed side's word."""
    _agents, patients = arguments(head)
    patients = [p for p in patients if hasattr(p, "subtree")] + [
        a for a in _doers_or_agents(head, counted=True) if hasattr(a, "subtree")
    ]
    if not patients:
        return False
    for p in patients:
        words = " ".join(t.text for t in p.subtree)
        if HIT_ARMED.search(words) or any(t.ent_type_ == "ORG" for t in p.subtree):
            return False  # '2 soldiers', '7 Mungiki members': an armed side's, or an organisation's
        bare = p.like_num and not any(t.pos_ in ("NOUN", "PROPN") for t in p.subtree if t is not p)
        if bare or (any(t.ent_type_ == "PERSON" for t in p.subtree) and not _counted_noun(p)):
            continue  # 'kill 3', 'Mr Otieno was shot', 'top athlete Ngetich was killed'
        if not (_counted_noun(p) and UNARMED_VICTIMS.fullmatch(p.text)):
            return False  # '4 fishermen', not '2 Arbakis' or '1 commando', whom no word disarms
    return True


ONE_SIDED_CAUSES = WORDS["one_sided_causes"]


def _one_sided_cause(head: Any) -> bool:
    """A toll told by the one-sided deed that caused it: '6 killed in a cattle raid'."""
    return any(
        c.dep_ == "prep"
        and c.lower_ in ("in", "during")
        and any(g.dep_ == "pobj" and g.lower_ in ONE_SIDED_CAUSES for g in c.children)
        for c in head.children
    )


def _doers_or_agents(head: Any, counted: bool = False) -> list[Any]:
    """The doers of a trigger (verb subjects and 'by' agents, a noun's 'by' and possessor); with
    `counted`, only the counted subject of a headline's participle ('16 killed'), its victims."""
    agents, _patients = arguments(head)
    if counted:
        return [a for a in agents if hasattr(a, "subtree") and head.tag_ == "VBN" and _counted_noun(a)]
    return [a for a in agents if hasattr(a, "subtree") and not (head.tag_ == "VBN" and _counted_noun(a))]


def _without_doers(head: Any, *more: Any) -> str:
    """The trigger's sentence with its doers' phrases (and those of the `more` verbs) left out."""
    drop = {t.i for h in (head, *more) for a in _doers_or_agents(h) for t in a.subtree}
    return " ".join(t.text for t in head.sent if t.i not in drop)


def _toll_verb(noun: Any) -> Any:
    """The casualty verb an event noun is the cause of ('killed' of '6 killed in a cattle raid',
    'kill' of 'militia kill 3 in a raid'), or None."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in CAUSE_PREPS:
        return None
    verb = prep.head
    for v in (verb, verb.head) if verb.dep_ == "conj" else (verb,):
        if v.lemma_.lower() in _HARM_VERBS | SUFFER_VERBS or v.lemma_.lower() == "die":
            return v
    return None


# who attacks one-sidedly ('gunmen', 'bandits', 'an unknown group'; core-en roles.json)
LONE_ATTACKERS = re.compile(
    r"\b(?:"
    + "|".join(sorted((re.escape(w) for w in WORDS["lone_attackers"]), key=len, reverse=True))
    + r")\b",
    re.I,
)


_TOLD_BEFORE = re.compile(r"\b(?:the|these|those)\s+$", re.I)


def lone_attack(sentence_text: str) -> bool:
    """Violence by one-sided attackers with no other side ('gunmen kill an Italian missionary',
    'bandits strike Sololo area, steal cattle', 'an attack by three gunmen'): with no fight and no
    armed target in the sentence once the attackers are set aside, ACLED's Attack."""
    # 'the attackers used sniper rifles': the attackers of an event told already
    told = [
        m
        for m in LONE_ATTACKERS.finditer(sentence_text)
        if not _TOLD_BEFORE.search(sentence_text, 0, m.start())
    ]
    if not told:
        return False
    return not TWO_SIDED.search(LONE_ATTACKERS.sub(" ", sentence_text))


def kill_type(
    actor1: list[str], actor2: list[str], sentence_text: str, crowd: bool = False, head: Any = None
) -> str:
    """A killing with no other trigger: mob violence when a crowd did it (`crowd`, see
    `crowd_acts`), an attack on civilians or protesters, or a clash. A toll alone ('27 people
    were killed') names no mob: its victims are no rioters."""
    if (actor1 and actor1[0] == "RIOTERS") or (crowd and (not actor1 or actor1[0] == "CIV")):
        return "Mob violence"
    if actor2 and actor2[0] == "PROTESTERS":
        return "Excessive force against protesters"
    if actor2 and actor2[0] == "CIV":
        return "Attack"
    sided = one_sided(sentence_text, head, counted_needs_doer=True, counted_ok=_unorganised(actor1))
    if not actor2 and (sided or lone_attack(sentence_text)):
        return "Attack"
    return "Armed clash"


# the doers of mob violence: a crowd that takes the law into its own hands
MOB_NOUNS = frozenset(
    "mob mobs crowd crowds villagers locals residents youths vigilante vigilantes lynch-mob".split()
)


def crowd_acts(head: Any) -> bool:
    """A crowd did it: a lynching, or a mob, a crowd or villagers as the doer (the active subject
    or the 'by' agent: 'villagers beat a thief to death', 'a man was killed by an angry mob').
    A crowd among the victims ('a bomb went off in a crowd', 'people were killed') is no mob."""
    if head.lemma_.lower() == "lynch" or head.lower_.startswith("lynch"):
        return True
    agents = _doers(head)
    words = {t.lower_ for a in agents for t in a.subtree}
    return bool(words & MOB_NOUNS) or any(MOB.search(t.text) for a in agents for t in a.subtree)


def _doers(head: Any) -> list[Any]:
    """The active subjects and passive agents of a verb, looking through 'stabbed and killed'."""
    verb = head
    while verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        verb = verb.head  # "supporters stabbed and killed a man": the subject is the first verb's
    # a headline's '4 people killed': a participle with no auxiliary and no object, whose counted
    # subject is the victim (not 'supporters of two candidates clashed', tagged as a participle)
    reduced = (
        verb.tag_ == "VBN"
        and verb.lemma_.lower() in _HARM_VERBS
        and not any(c.dep_ in ("aux", "auxpass", "dobj") for c in verb.children)
        and not any(c.dep_ == "dobj" for conj in verb.conjuncts for c in conj.children)
    )
    return [
        c
        for c in verb.children
        if c.dep_ == "agent" or (c.dep_ == "nsubj" and not (reduced and _counted_noun(c)))
    ]


# verbs whose bare participle reads as a passive in a headline ('4 people killed')
_HARM_VERBS = frozenset("kill injure wound shoot behead execute massacre slaughter murder hurt lynch".split())


def _counted_noun(tok: Any) -> bool:
    return tok.like_num or any(g.dep_ == "nummod" for g in tok.children)


# an unarmed crowd, or people as a side (core-en roles.json)
CROWD_NOUNS = WORDS["crowd_nouns"]
# the crowds of party politics, whom ACLED codes as rioters even when some carry guns
PARTISAN_NOUNS = frozenset("supporter supporters activist activists follower followers".split())
# words that make a group a non-state armed one (state forces may be a crowd's opponent)
ARMED_WORDS = frozenset(
    "terrorist terrorists militant militants armed gunmen jihadist jihadists extremist extremists rebel rebels "
    "insurgent insurgents militia militias militiamen fighters fighter".split()
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
    crowd = any(base_key(k) in ("RIOTERS", "PROTESTERS") for k in actor1 + actor2)
    if sub == "Armed clash" and crowd and not armed:
        return True  # 'police engaged in running battles with protesters': a crowd fights no battle
    if armed or (actor1 and base_key(actor1[0]) in ("POLICE", "GOV")):
        return False
    words = set(lowers_in(head.sent))
    # the doers only: the subject of a passive is the victim ('27 people were killed')
    subjects = _doers(head)
    subject_words = {t.lower_ for c in subjects for t in c.subtree}
    # the sides of a 'clash between rival supporters' (a noun with no doer of its own), when they are
    # party crowds or villagers ('rival gangs', 'rival ethnic groups' may be armed)
    between = {t.lower_ for c in _between_sides(head) for t in c.subtree}
    if between & (PARTISAN_NOUNS | MOB_NOUNS):
        subjects, subject_words = [*subjects, *_between_sides(head)], subject_words | between
    if words & FIREARMS and not subject_words & PARTISAN_NOUNS:
        return False
    backed = any(
        t.lower_ == "backed" and t.i > 0 and t.nbor(-1).text == "-" for c in subjects for t in c.subtree
    )
    if subject_words & ARMED_WORDS or backed:
        return False  # 'terrorist groups', 'two US-backed groups', 'armed men': no unarmed crowd
    return bool(subject_words & CROWD_NOUNS)


def _between_sides(head: Any) -> list[Any]:
    """The sides named after 'between' on a trigger ('clashes between ODM and PNU supporters')."""
    return [g for c in head.children if c.dep_ == "prep" and c.lower_ == "between" for g in c.children]
