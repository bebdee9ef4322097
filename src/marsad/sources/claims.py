"""How a source's claims differ from other sources' on the same fused events."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def _values(claims: list[dict[str, Any]], field: str) -> list[Any]:
    """The distinct values of a field among claims, in order."""
    out: list[Any] = []
    for claim in claims:
        if claim.get(field) not in out:
            out.append(claim.get(field))
    return out


def _toll(claims: list[dict[str, Any]]) -> int | None:
    """The highest toll a set of claims gives, if any gives one (a zero toll gives none, as in fusion)."""
    tolls = [c["fatalities"] for c in claims if isinstance(c.get("fatalities"), int) and c["fatalities"] > 0]
    return max(tolls) if tolls else None


def _compare(mine: int | None, theirs: list[int | None]) -> str | None:
    """'higher', 'lower', 'equal' or 'mixed': this source's toll against the other sources'."""
    known = [t for t in theirs if t is not None]
    if mine is None or not known:
        return None
    if mine > max(known):
        return "higher"
    if mine < min(known):
        return "lower"
    return "equal" if all(t == mine for t in known) else "mixed"


def disagreements_of(source: str, rec: dict[str, Any]) -> tuple[list[dict[str, Any]], str | None]:
    """The conflicts of one fused record as `source` against the others, and its toll comparison."""
    claims = rec.get("claims") or []
    mine = [c for c in claims if (c.get("source") or "unknown") == source]
    others: dict[str, list[dict[str, Any]]] = {}
    for c in claims:
        name = c.get("source") or "unknown"
        if name != source:
            others.setdefault(name, []).append(c)
    out = []
    for field in rec.get("conflicts") or []:
        own = _values(mine, field)
        theirs = {name: _values(cs, field) for name, cs in others.items()}
        if all(set(map(repr, v)) == set(map(repr, own)) for v in theirs.values()):
            continue  # the disagreement lies among the other sources, or within this one
        out.append(
            {
                "fused_id": rec.get("event_id"),
                "event_date": rec.get("event_date"),
                "location": rec.get("location"),
                "field": field,
                "value": own[0] if len(own) == 1 else own,
                "others": {n: v[0] if len(v) == 1 else v for n, v in theirs.items()},
            }
        )
    return out, _compare(_toll(mine), [_toll(cs) for cs in others.values()])


def compare_claims(fused: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per source: its disagreements with other sources and a summary of how its claims compare."""
    out: dict[str, dict[str, Any]] = {}
    for rec in fused:
        sources = {c.get("source") or "unknown" for c in rec.get("claims") or []}
        if len(sources) < 2:
            continue
        for source in sorted(sources):
            entry = out.setdefault(source, {"disagreements": [], "summary": empty_summary()})
            found, toll = disagreements_of(source, rec)
            entry["disagreements"] += found
            summary = entry["summary"]
            summary["shared_events"] += 1
            summary["disputed_events"] += bool(found)
            if toll:
                summary[f"toll_{toll}"] += 1
            for d in found:
                summary["fields"][d["field"]] = summary["fields"].get(d["field"], 0) + 1
    return out


def empty_summary() -> dict[str, Any]:
    """The counters of a source's claim summary."""
    return {
        "shared_events": 0,
        "disputed_events": 0,
        "toll_higher": 0,
        "toll_lower": 0,
        "toll_equal": 0,
        "toll_mixed": 0,
        "fields": {},
    }
