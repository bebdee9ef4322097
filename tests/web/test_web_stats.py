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
