"""Write source profiles as JSON or as a readable report that quotes, never adopts, a source's words."""

from __future__ import annotations

import json
from typing import Any, TextIO

from marsad.sources.profile import SourceProfile


def _quoted(counts: dict[str, int]) -> str:
    """ "'mercenaries' (12) and 'gangs' (5)"."""
    parts = [f"'{term}' ({n})" for term, n in counts.items()]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _term_lines(p: SourceProfile) -> list[str]:
    """The sentences on a source's loaded terms."""
    if not p.terms:
        return ["  uses no loaded terms for the actors it names"]
    return [f"  {p.source} calls {actor} {_quoted(words)}" for actor, words in p.terms.items()]


def _verb_lines(p: SourceProfile) -> list[str]:
    """The sentences on the verbs a source uses for its own side and for the others."""
    lines = []
    if p.own_side:
        lines.append(f"  side it names most without loaded terms (taken as its own): {', '.join(p.own_side)}")
    if p.verbs.get("own_side"):
        lines.append(f"  verbs in sentences where that side acts: {_quoted(p.verbs['own_side'])}")
    if p.verbs.get("others"):
        lines.append(f"  verbs in sentences where other actors act: {_quoted(p.verbs['others'])}")
    return lines


def _value(value: Any) -> str:
    """A claimed value for the report."""
    if isinstance(value, list):
        return " / ".join(_value(v) for v in value)
    return "(none)" if value in (None, "") else str(value)


def _claim_lines(p: SourceProfile) -> list[str]:
    """The sentences on a source's disputed claims."""
    s = p.summary
    if not s["shared_events"]:
        return ["  reports no event that another source also reports"]
    lines = [
        f"  shares {s['shared_events']} event(s) with other sources; differs on {s['disputed_events']}",
        f"  its toll is higher than the others' {s['toll_higher']} time(s), lower {s['toll_lower']}, "
        f"the same {s['toll_equal']}",
    ]
    for d in p.disagreements:
        others = "; ".join(f"{name} {_value(v)}" for name, v in d["others"].items())
        lines.append(
            f"    {d['event_date']} {d['location'] or ''} [{d['fused_id']}] {d['field']}: "
            f"{p.source} {_value(d['value'])}; {others}"
        )
    return lines


def format_profile(p: SourceProfile) -> str:
    """One source's section of the text report."""
    head = f"{p.source} ({p.documents} document{'s' if p.documents != 1 else ''})"
    body = _term_lines(p) + _verb_lines(p) + _claim_lines(p)
    return "\n".join([head, *body])


def write_sources(profiles: list[SourceProfile], fmt: str, out: TextIO) -> None:
    """Write the profiles as 'json' or 'text'."""
    if fmt == "json":
        json.dump([p.as_dict() for p in profiles], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    out.write("\n\n".join(format_profile(p) for p in profiles) + "\n")
