"""`GET /api/stats`: events and fatalities per period and group add up to the map's points."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections import Counter
from typing import Any
from urllib.parse import urlencode

import pytest

pytestmark = pytest.mark.slow


def get_json(server: Any, path: str) -> tuple[int, Any]:
    try:
        with urllib.request.urlopen(server.base + path, timeout=30) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


FILTERS: list[dict[str, str]] = [
    {},
    {"country": "Syria", "from": "2017-10-01", "to": "2017-10-31"},
    {"type": "Battles", "modality": "occurred"},
    {"actor": "islamic state", "bbox": "39,34,42,36"},
    {"review": "unreviewed"},
]


@pytest.mark.parametrize("filters", FILTERS)
@pytest.mark.parametrize(
    ("group", "interval"),
    [("event_type", "month"), ("actor1", "week"), ("admin1", "day"), ("source", "month")],
)
def test_stats_add_up_to_the_map(web_server: Any, filters: dict[str, str], group: str, interval: str) -> None:
    status, points = get_json(web_server, "/api/events.geojson?" + urlencode(filters))
    assert status == 200
    features = points["features"]
    status, stats = get_json(
        web_server, "/api/stats?" + urlencode({**filters, "group": group, "interval": interval})
    )
    assert status == 200, stats
    assert all(set(row) == {"period", "group", "events", "fatalities"} for row in stats)
    assert sum(row["events"] for row in stats) == len(features)
    assert sum(row["fatalities"] for row in stats) == sum(
        f["properties"]["fatalities"] or 0 for f in features
    )
    if group == "event_type":  # each group's count is the map's
        by_type = Counter(f["properties"]["event_type"] for f in features)
        totals: Counter[str] = Counter()
        for row in stats:
            totals[row["group"]] += row["events"]
        assert totals == by_type


def test_periods_start_their_interval(web_server: Any) -> None:
    from datetime import date

    _, months = get_json(web_server, "/api/stats?group=country&interval=month")
    assert months and all(row["period"] is None or row["period"].endswith("-01") for row in months)
    _, weeks = get_json(web_server, "/api/stats?group=country&interval=week")
    assert all(row["period"] is None or date.fromisoformat(row["period"]).weekday() == 0 for row in weeks)


@pytest.mark.parametrize(
    "bad", ["group=notes", "interval=year", "group=event_type;DROP%20TABLE%20events", "from=x"]
)
def test_a_bad_stats_request_is_400(web_server: Any, bad: str) -> None:
    status, body = get_json(web_server, "/api/stats?" + bad)
    assert status == 400 and body["error"]


def _svg(server: Any, path: str) -> Any:
    import xml.etree.ElementTree as ET

    with urllib.request.urlopen(server.base + path, timeout=30) as resp:
        assert resp.headers["Content-Type"].startswith("image/svg+xml")
        return ET.fromstring(resp.read())  # well-formed: every label was escaped


SVG = "{http://www.w3.org/2000/svg}"


def test_charts_draw_the_stats(web_server: Any) -> None:
    query = urlencode({"from": "2017-10-01", "to": "2017-11-30"})
    _, stats = get_json(web_server, "/api/stats?group=actor1&" + query)
    totals: Counter[str] = Counter()
    for row in stats:
        totals[row["group"] or "(none)"] += row["events"]
    actors = _svg(web_server, "/api/charts/actors.svg?" + query)
    bars = actors.findall(f".//{SVG}g[@data-name='actor']")
    assert bars and len(bars) == min(10, len(totals))
    for bar in bars:
        name, count = bar.find(f"{SVG}title").text.rsplit(": ", 1)[0], bar.findall(f"{SVG}text")[-1].text
        assert totals[name] == int(count)
    timeline = _svg(web_server, "/api/charts/time.svg?" + query)
    drawn = timeline.findall(f".//{SVG}rect[@data-name='event_type']")
    assert drawn and {r.get("data-value") for r in drawn} <= {row["group"] for row in stats} | set(
        get_json(web_server, "/api/facets.json")[1]["event_types"]
    )
    assert timeline.findall(f".//{SVG}script") == [] and _svg(web_server, "/api/charts/admin1.svg?" + query)


def test_a_bad_chart_request_is_refused(web_server: Any) -> None:
    for path, status in (("/api/charts/pie.svg", 404), ("/api/charts/time.svg?from=x", 400)):
        try:
            urllib.request.urlopen(web_server.base + path, timeout=30)
        except urllib.error.HTTPError as exc:
            assert exc.code == status, path
        else:
            raise AssertionError(path)
