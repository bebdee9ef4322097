"""Charts of `/api/stats` drawn as SVG on the server, so the page needs no chart library.

Each chart is a small `<svg>` whose bars carry the filter a click on them sets (`data-name`,
`data-value`) and the event-type classes the page's stylesheet colours. Every label is escaped.
Server-rendered SVG rather than Vega-Lite or Observable Plot: three bar charts need ~100 lines, no
extra npm package, and they follow the map's filters through the same query as the map.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any
from xml.sax.saxutils import quoteattr

from marsad.model.taxonomy import EVENT_TYPES
from marsad.web.pages import esc, type_class

CHARTS = ("time", "actors", "admin1")
WIDTH = 320
TOP = 10


def _svg(height: int, label: str, parts: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" aria-label={quoteattr(label)}>'
        + "".join(parts)
        + "</svg>"
    )


def top_bars(rows: list[dict[str, Any]], name: str, title: str) -> str:
    """Horizontal bars of the groups with most events (summed over periods), at most TOP."""
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        totals[row["group"] or "(none)"][0] += row["events"]
        totals[row["group"] or "(none)"][1] += row["fatalities"]
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1][0], kv[0]))[:TOP]
    top = max([n for _, (n, _) in ranked] or [1])
    parts = [f'<text x="0" y="12" class="title">{esc(title)}</text>']
    for i, (group, (n, dead)) in enumerate(ranked):
        y = 20 + i * 18
        w = max(1.0, (WIDTH - 200) * n / top)
        value = "" if group == "(none)" else group
        parts.append(
            f'<g class="bar" data-name="{esc(name)}" data-value="{esc(value)}">'
            f"<title>{esc(group)}: {n} events, {dead} fatalities</title>"
            f'<text x="0" y="{y + 11}" class="label">{esc(group[:26])}</text>'
            f'<rect x="170" y="{y}" width="{w:.1f}" height="14"></rect>'
            f'<text x="{170 + w + 3:.1f}" y="{y + 11}" class="label">{n}</text></g>'
        )
    if not ranked:
        parts.append('<text x="0" y="32" class="label">no events</text>')
    return _svg(24 + max(1, len(ranked)) * 18, title, parts)


def time_bars(rows: list[dict[str, Any]], title: str) -> str:
    """Events per period, stacked by event type, with the period's fatalities in the tooltip."""
    periods = sorted({row["period"] for row in rows if row["period"]})
    by_period: dict[str, dict[str, int]] = {p: {} for p in periods}
    dead: dict[str, int] = defaultdict(int)
    for row in rows:
        if row["period"]:
            by_period[row["period"]][row["group"]] = row["events"]
            dead[row["period"]] += row["fatalities"]
    height, base = 120, 100
    top = max([sum(v.values()) for v in by_period.values()] or [1])
    step = (WIDTH - 10) / max(1, len(periods))
    parts = [f'<text x="0" y="12" class="title">{esc(title)}</text>']
    order = [*EVENT_TYPES, *sorted({r["group"] for r in rows} - set(EVENT_TYPES))]
    for i, period in enumerate(periods):
        x, y = 5 + i * step, float(base)
        counts = by_period[period]
        total = sum(counts.values())
        parts.append(f"<g><title>{esc(period)}: {total} events, {dead[period]} fatalities</title>")
        for group in order:
            n = counts.get(group, 0)
            if not n:
                continue
            h = (base - 20) * n / top
            y -= h
            parts.append(
                f'<rect class="bar {type_class(group)}" data-name="event_type" data-value="{esc(group)}" '
                f'x="{x:.1f}" y="{y:.1f}" width="{max(1.0, step - 1):.1f}" height="{h:.1f}"></rect>'
            )
        parts.append("</g>")
    if periods:
        parts.append(f'<text x="0" y="{height - 4}" class="label">{esc(periods[0])}</text>')
        parts.append(
            f'<text x="{WIDTH}" y="{height - 4}" class="label" text-anchor="end">{esc(periods[-1])}</text>'
        )
    else:
        parts.append('<text x="0" y="32" class="label">no dated events</text>')
    return _svg(height, title, parts)


def chart_svg(chart: str, rows: list[dict[str, Any]], interval: str) -> str:
    """One of CHARTS from the stats rows it is drawn from."""
    if chart == "actors":
        return top_bars(rows, "actor", "Top actors (side 1)")
    if chart == "admin1":
        return top_bars(rows, "place", "Events by province (admin1)")
    return time_bars(rows, f"Events per {interval}, by type")
