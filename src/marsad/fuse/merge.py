"""Build a fused record from the records of the reports that describe one happening.

The representative (the most precisely dated member, the first stored among equals) gives the
record's fields; `fatalities` follows ACLED's most-conservative rule, the lowest toll among the
sources that give one (a stored 0 counts as no toll given); `wounded` likewise. `evidence` joins
every member's sentences, `claims` keeps each source's version and `conflicts` names the fields
on which the claims disagree.
"""

from __future__ import annotations

import hashlib
from typing import Any

from marsad.model.event import CONTRACT_FIELDS

CLAIM_FIELDS: tuple[str, ...] = ("event_date", "sub_event_type", "actor1", "actor2", "fatalities", "wounded")


def fused_id(founder_event_id: str) -> str:
    """Return the stable id of the fused record a member event founded."""
    return "MRF" + hashlib.sha1(founder_event_id.encode("utf-8")).hexdigest()[:12].upper()


def claim(rec: dict[str, Any]) -> dict[str, Any]:
    """Return one source's version of the event."""
    out: dict[str, Any] = {"document": rec.get("document"), "source": rec.get("source")}
    out.update({name: rec.get(name) for name in CLAIM_FIELDS})
    return out


def _given(claims: list[dict[str, Any]], name: str) -> list[Any]:
    """Return the values the claims give for a field (empty strings, None and zero tolls left out)."""
    values = [c.get(name) for c in claims]
    if name in ("fatalities", "wounded"):
        return [v for v in values if isinstance(v, int) and v > 0]
    return [v for v in values if v not in (None, "")]


def conflicts(claims: list[dict[str, Any]]) -> list[str]:
    """Return the claim fields on which the sources that give a value disagree."""
    return [name for name in CLAIM_FIELDS if len(set(_given(claims, name))) > 1]


def _representative(members: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the most precisely dated member, the first among equals."""
    return min(members, key=lambda rec: rec.get("time_precision") or 9)


def _joined(values: list[Any]) -> str:
    """Join distinct non-empty values in order with '; '."""
    seen: list[str] = []
    for value in values:
        for part in str(value or "").split(";"):
            part = part.strip()
            if part and part not in seen:
                seen.append(part)
    return "; ".join(seen)


def fuse_records(fid: str, members: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the fused record of member records (in storage order): contract fields, claims, conflicts."""
    if not members:
        raise ValueError("a fused record needs at least one member")
    rep = _representative(members)
    rec: dict[str, Any] = {name: rep.get(name) for name in CONTRACT_FIELDS}
    claims = [claim(m) for m in members]
    tolls, wounded = _given(claims, "fatalities"), _given(claims, "wounded")
    rec.update(
        event_id=fid,
        source=_joined([m.get("source") for m in members]),
        fatalities=min(tolls) if tolls else 0,
        wounded=min(wounded) if wounded else rep.get("wounded"),
        evidence=[e for m in members for e in (m.get("evidence") or [])],
        confidence=max(float(m.get("confidence") or 0.0) for m in members),
    )
    rec["claims"] = claims
    rec["conflicts"] = conflicts(claims)
    return rec
