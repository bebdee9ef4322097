"""The review queue's API: unreviewed events least confident first under the map's filters, codes
with their labels, and the taxonomy and known actors its fields choose from."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

from marsad.model.taxonomy import EVENT_TYPES
from marsad.web.queue import labelled


def get_json(server: Any, path: str) -> Any:
    with urllib.request.urlopen(server.base + path) as resp:
        assert resp.status == 200
        return json.load(resp)


def test_codes_read_with_their_labels() -> None:
    record = {"inter1": 2, "inter2": None, "interaction": 12, "geo_precision": 1, "time_precision": 3}
    assert labelled(record) == {
        "inter1": "2 Rebel groups",
        "interaction": "12 State forces vs Rebel groups",
        "geo_precision": "1 the place named",
        "time_precision": "3 within a month",
    }
    assert labelled({"inter1": 42}) == {"inter1": "42"}  # not a code ACLED has: the number alone


def test_the_queue_holds_the_unreviewed_least_confident_first(web_server: Any) -> None:
    data = get_json(web_server, "/api/queue.json?limit=500")
    events = data["events"]
    assert events and data["total"] >= len(events)
    keys = [(e["confidence"], e["event_date"] or "9999", e["event_id"]) for e in events]
    assert keys == sorted(keys)
    con = web_server.app.cursor()
    try:
        reviewed = {r[0] for r in con.execute("SELECT DISTINCT event_id FROM revisions").fetchall()}
        unreviewed = con.execute(
            "SELECT count(*) FROM events WHERE event_id NOT IN (SELECT event_id FROM revisions)"
        ).fetchone()[0]
    finally:
        con.close()
    assert not reviewed & {e["event_id"] for e in events}
    assert data["total"] == unreviewed
    assert all(e["evidence"] and e["evidence"][0]["sentence"] for e in events)
    first = events[0]
    if first["inter1"] is not None:
        assert first["labels"]["inter1"].startswith(f"{first['inter1']} ")
    # the map's filters apply
    battles = get_json(web_server, "/api/queue.json?event_type=Battles&limit=500")
    assert battles["events"] and all(e["event_type"] == "Battles" for e in battles["events"])
    assert battles["total"] < data["total"]
    assert len(get_json(web_server, "/api/queue.json?limit=2")["events"]) == 2


def test_the_vocabulary_offers_the_taxonomy_and_the_known_actors(web_server: Any) -> None:
    vocab = get_json(web_server, "/api/vocabulary.json")
    assert vocab["event_types"] == {k: list(v) for k, v in EVENT_TYPES.items()}
    actors = vocab["actors"]
    assert actors == sorted(set(actors), key=lambda n: (n.lower(), n))
    assert not any("{" in a for a in actors)
    # a state force for each period of the states table, and the store's own actors
    assert "Military Forces of Syria (2000-2024)" in actors
    assert "Military Forces of Iraq (2014-2022)" in actors
    con = web_server.app.cursor()
    try:
        stored = {
            r[0] for r in con.execute("SELECT DISTINCT actor1 FROM events WHERE actor1 <> ''").fetchall()
        }
    finally:
        con.close()
    assert stored <= set(actors)
    assert vocab["codes"]["inter"]["2"] == "Rebel groups"


def test_the_queue_page_names_its_keys(web_server: Any) -> None:
    with urllib.request.urlopen(web_server.base + "/review") as resp:
        page = resp.read().decode("utf-8")
    assert "/static/queue.js" in page and "<kbd>a</kbd> accept" in page
    assert 'optgroup label="Battles"' in page and "read-only" not in page
