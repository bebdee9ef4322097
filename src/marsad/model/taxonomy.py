"""ACLED's event taxonomy and actor-type codes (from ACLED's public codebook)."""

from __future__ import annotations

EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": (
        "Sexual violence",
        "Attack",
        "Abduction/forced disappearance",
    ),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}

SUB_EVENT_TYPES: dict[str, str] = {sub: et for et, subs in EVENT_TYPES.items() for sub in subs}

# inter codes: the actor's type
INTER_STATE = 1
INTER_REBEL = 2
INTER_POLITICAL_MILITIA = 3
INTER_IDENTITY_MILITIA = 4
INTER_RIOTERS = 5
INTER_PROTESTERS = 6
INTER_CIVILIANS = 7
INTER_EXTERNAL = 8

MODALITIES = (
    "occurred",
    "planned",
    "forecast",
    "hypothetical",
    "negated",
    "habitual",
    "historical",
    "background",
)


def event_type_of(sub_event_type: str) -> str:
    """Return the event type a sub-event type belongs to; raise KeyError for an unknown one."""
    return SUB_EVENT_TYPES[sub_event_type]


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's two-digit interaction code: the two inter codes, lower first (10*a+b, or a*10)."""
    codes = sorted(c for c in (inter1, inter2) if c)
    if not codes:
        return None
    if len(codes) == 1:
        return codes[0] * 10
    return codes[0] * 10 + codes[1]


# the sub-event types ACLED codes by who holds a place after the event
TERRITORIAL: frozenset[str] = frozenset(
    (
        "Government regains territory",
        "Non-state actor overtakes territory",
        "Non-violent transfer of territory",
    )
)
# the event types of political violence (a battle, remote violence, violence against civilians)
VIOLENT_EVENT_TYPES: frozenset[str] = frozenset(
    ("Battles", "Explosions/Remote violence", "Violence against civilians")
)
