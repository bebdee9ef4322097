"""The web view without a browser: every page and twin answers, hostile text stays text, the map
query filters safely, reviews need the token and reach the exports."""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from web_constants import HOSTILE_SOURCE, HOSTILE_TITLE, TOKEN

pytestmark = pytest.mark.slow

RAW_MARKUP = ("<script>alert", "<img src=x onerror", "<b onmouseover")


def get(server: Any, path: str) -> tuple[int, dict[str, str], bytes]:
    """GET a path; return the status, headers and body (errors included)."""
    try:
        with urllib.request.urlopen(server.base + path, timeout=30) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def get_json(server: Any, path: str) -> Any:
    status, headers, body = get(server, path)
    assert status == 200, (path, body[:300])
    assert headers["Content-Type"].startswith("application/json")
    return json.loads(body)


def post(server: Any, path: str, payload: Any, headers: dict[str, str] | None = None) -> tuple[int, Any]:
    req = urllib.request.Request(
        server.base + path,
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json", **(headers or {})},
        method="POST",
    )
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def db_rows(server: Any, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    con = server.app.cursor()
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def html_pages(server: Any) -> list[str]:
    events = [row[0] for row in db_rows(server, "SELECT event_id FROM events ORDER BY event_id")]
    docs = [row[0] for row in db_rows(server, "SELECT content_hash FROM documents ORDER BY content_hash")]
    return [
        "/",
        "/control",
        "/sources",
        *(f"/events/{quote(e)}" for e in events),
        *(f"/documents/{d}" for d in docs),
    ]


def hostile_hash(server: Any) -> str:
    return db_rows(server, "SELECT content_hash FROM documents WHERE doc_id = 'hostile.txt'")[0][0]


def test_the_hostile_report_has_events(web_server: Any) -> None:
    found = db_rows(
        web_server,
        "SELECT count(*) FROM events WHERE content_hash = ? AND latitude IS NOT NULL",
        [hostile_hash(web_server)],
    )
    assert found[0][0] >= 1


def test_every_page_and_its_twin_answers(web_server: Any) -> None:
    pages = html_pages(web_server)
    assert len(pages) > 20
    for path in pages:
        status, headers, _body = get(web_server, path)
        assert status == 200, path
        assert headers["Content-Type"].startswith("text/html")
        twin = "/index.json" if path == "/" else path + ".json"
        data = get_json(web_server, twin)
        assert data is not None
    for path in ("/api/facets.json", "/api/timeline.json", "/api/events.geojson"):
        get_json(web_server, path)


def test_hostile_markup_only_escaped_in_every_page(web_server: Any) -> None:
    for path in [*html_pages(web_server), "/review", "/api"]:
        _, headers, body = get(web_server, path)
        text = body.decode()
        for raw in RAW_MARKUP:
            assert raw not in text, (path, raw)
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
    doc = hostile_hash(web_server)
    text = get(web_server, f"/documents/{doc}")[2].decode()
    # the quote as either entity: which one is the escaper's choice (Jinja2's markupsafe writes &#34;)
    assert "&lt;script&gt;alert(&#34;text&#34;)&lt;/script&gt;" in text.replace("&quot;", "&#34;")
    assert "&lt;img src=x onerror=alert(2)&gt;" in text
    assert "Shelling &lt;script&gt;" in text and "&lt;b onmouseover=alert(3)&gt;Hostile Wire" in text
    # the JSON twins hold the text as it is, in JSON strings, served as JSON
    data = get_json(web_server, f"/documents/{doc}.json")
    assert data["document"]["title"] == HOSTILE_TITLE and data["document"]["source"] == HOSTILE_SOURCE
    sources = get(web_server, "/sources")[2].decode()
    assert "&lt;b onmouseover=alert(3)&gt;Hostile Wire&lt;/b&gt;" in sources


def test_the_document_page_highlights_the_evidence(web_server: Any) -> None:
    doc = hostile_hash(web_server)
    event = db_rows(
        web_server, "SELECT event_id FROM events WHERE content_hash = ? ORDER BY event_id", [doc]
    )[0][0]
    text = get(web_server, f"/documents/{doc}?event={event}")[2].decode()
    assert '<mark class="evidence current"' in text
    data = get_json(web_server, f"/documents/{doc}.json")
    marked = [s for s in data["segments"] if s["events"]]
    assert marked and all(s["text"].strip() for s in marked)
    assert "".join(s["text"] for s in data["segments"]).startswith("DEIR EZ-ZOR")


def test_the_geojson_has_a_point_per_located_event(web_server: Any) -> None:
    located = {
        row[0] for row in db_rows(web_server, "SELECT event_id FROM events WHERE latitude IS NOT NULL")
    }
    data = get_json(web_server, "/api/events.geojson")
    assert data["type"] == "FeatureCollection" and not data["truncated"]
    ids = [f["properties"]["event_id"] for f in data["features"]]
    assert sorted(ids) == sorted(located)
    for feature in data["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert feature["geometry"]["type"] == "Point" and -90 <= lat <= 90 and -180 <= lon <= 180


def test_bbox_and_date_filters(web_server: Any) -> None:
    everything = get_json(web_server, "/api/events.geojson")["features"]
    box = (40.0, 34.0, 41.5, 35.0)  # west, south, east, north: the Euphrates valley below Deir ez-Zor
    inside = get_json(web_server, "/api/events.geojson?" + urlencode({"bbox": ",".join(map(str, box))}))
    expected = {
        f["id"]
        for f in everything
        if box[0] <= f["geometry"]["coordinates"][0] <= box[2]
        and box[1] <= f["geometry"]["coordinates"][1] <= box[3]
    }
    assert expected and {f["id"] for f in inside["features"]} == expected
    dated = get_json(web_server, "/api/events.geojson?start=2017-10-01&end=2017-10-31")["features"]
    assert dated and all("2017-10-01" <= f["properties"]["event_date"] <= "2017-10-31" for f in dated)
    assert len(dated) == sum(
        1 for f in everything if "2017-10-01" <= (f["properties"]["event_date"] or "") <= "2017-10-31"
    )
    both = get_json(
        web_server, "/api/events.geojson?start=2017-10-01&end=2017-10-31&bbox=" + ",".join(map(str, box))
    )
    assert {f["id"] for f in both["features"]} == expected & {f["id"] for f in dated}
    typed = get_json(
        web_server, "/api/events.geojson?" + urlencode({"event_type": "Battles", "modality": "occurred"})
    )
    assert typed["features"] and all(
        f["properties"]["event_type"] == "Battles" and f["properties"]["modality"] == "occurred"
        for f in typed["features"]
    )
    for bad in ("bbox=1,2,3", "bbox=a,b,c,d", "start=yesterday", "bbox=0,10,5,5", "limit=x", "review=maybe"):
        status, _, body = get(web_server, "/api/events.geojson?" + bad)
        assert status == 400 and "error" in json.loads(body), bad


@pytest.mark.parametrize(
    "params",
    [
        {"event_type": "' OR 1=1 --"},
        {"actor": "%' OR '1'='1"},
        {"source": "x'; DROP TABLE events; --"},
        {"place": "_%\\"},
        {"modality": "occurred') OR ('a'='a"},
        {"bbox": "0,0,1,1); DROP TABLE events; --"},
    ],
)
def test_injection_looking_filters_are_harmless(web_server: Any, params: dict[str, str]) -> None:
    status, _, body = get(web_server, "/api/events.geojson?" + urlencode(params))
    assert status in (200, 400)
    if status == 200:
        assert json.loads(body)["features"] == []
    assert db_rows(web_server, "SELECT count(*) FROM events")[0][0] > 0


def test_actor_and_place_filters_match_substrings(web_server: Any) -> None:
    feats = get_json(web_server, "/api/events.geojson?" + urlencode({"actor": "islamic state"}))["features"]
    everything = get_json(web_server, "/api/events.geojson")["features"]
    named = [
        f
        for f in everything
        if "islamic state" in f"{f['properties']['actor1']} {f['properties']['actor2']}".lower()
    ]
    assert named and {f["id"] for f in named} <= {f["id"] for f in feats} < {f["id"] for f in everything}
    place = get_json(web_server, "/api/events.geojson?" + urlencode({"place": "mayadin"}))["features"]
    assert any("mayadin" in (f["properties"]["location"] or "").lower() for f in place)
    assert len(place) < len(everything)


def test_static_files_are_ours_and_confined(web_server: Any) -> None:
    status, headers, body = get(web_server, "/static/map.js")
    assert status == 200 and headers["Content-Type"].startswith("text/javascript")
    assert b"innerHTML" not in body
    for path in ("/static/../server.py", "/static/%2e%2e/server.py", "/static/vendor/../../data.py"):
        assert get(web_server, path)[0] == 404
    page = get(web_server, "/")[2].decode()
    assert "http://" not in page.replace('href="http://', "") and "https://" not in page
    assert get(web_server, "/events/MRSNOSUCHEVENT")[0] == 404
    assert get(web_server, "/nothing/here")[0] == 404


def first_occurred(server: Any) -> str:
    rows = db_rows(
        server,
        "SELECT event_id FROM events WHERE modality = 'occurred' AND content_hash = ? ORDER BY event_id",
        [hostile_hash(server)],
    )
    return rows[0][0]


def test_a_review_without_the_token_is_refused(web_server: Any) -> None:
    event = first_occurred(web_server)
    path = f"/api/events/{event}/review"
    body = {"action": "reject", "reviewer": "mallory", "reason": "no token"}
    assert post(web_server, path, body)[0] == 401
    assert post(web_server, path, body, {"Authorization": "Bearer wrong"})[0] == 403
    assert post(web_server, path, body, {"X-Marsad-Token": "wrong"})[0] == 403
    assert db_rows(web_server, "SELECT count(*) FROM revisions WHERE event_id = ?", [event])[0][0] == 0
    # a GET never writes
    assert get(web_server, path)[0] == 404


def test_a_review_with_the_token_is_a_revision_and_reaches_the_export(web_server: Any) -> None:
    from marsad.export import write_records
    from marsad.store.reviews import iter_reviewed_records

    event = first_occurred(web_server)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    path = f"/api/events/{event}/review"
    status, answer = post(
        web_server,
        path,
        {
            "action": "edit",
            "reviewer": "ann <i>",
            "reason": "toll per <b>later</b> report",
            "changes": {"fatalities": 7},
        },
        auth,
    )
    assert status == 201 and answer["revision"] >= 1 and answer["changes"]["fatalities"]["to"] == 7
    bad = post(web_server, path, {"action": "edit", "reviewer": "ann", "changes": {"latitude": 300}}, auth)
    assert bad[0] == 400
    data = get_json(web_server, f"/events/{event}.json")
    assert data["event"]["fatalities"] == 7 and data["review_status"] == "edited"
    assert data["machine_values"]["fatalities"] != 7
    assert data["revisions"][-1]["reviewer"] == "ann <i>"
    page = get(web_server, f"/events/{event}")[2].decode()
    assert "ann &lt;i&gt;" in page and "<b>later</b>" not in page

    def exported() -> dict[str, dict[str, str]]:
        con = web_server.app.cursor()
        out = io.StringIO()
        try:
            write_records(iter_reviewed_records(con, "occurred"), "acled-csv", out)
        finally:
            con.close()
        return {r["event_id_cnty"]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}

    assert exported()[event]["fatalities"] == "7"
    status, answer = post(
        web_server, path, {"action": "reject", "reviewer": "bob", "reason": "not a new event"}, auth
    )
    assert status == 201 and answer["status"] == "rejected"
    assert event not in exported()
    geo = get_json(web_server, "/api/events.geojson?review=unreviewed&review=accepted&review=edited")
    assert event not in {f["id"] for f in geo["features"]}
    flagged = get_json(web_server, "/api/events.geojson?review=rejected")["features"]
    assert event in {f["id"] for f in flagged}
    status, answer = post(
        web_server, path, {"action": "accept", "reviewer": "bob", "reason": "restored"}, auth
    )
    assert status == 201 and event in exported()


def test_review_bodies_are_checked(web_server: Any) -> None:
    event = first_occurred(web_server)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    req = urllib.request.Request(
        web_server.base + f"/api/events/{event}/review",
        data=b"action=reject",
        headers={"Content-Type": "application/x-www-form-urlencoded", **auth},
        method="POST",
    )
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req, timeout=30)
    assert err.value.code == 415
    assert post(web_server, f"/api/events/{event}/review", ["accept"], auth)[0] == 400
    assert (
        post(web_server, "/api/events/MRSNOSUCH/review", {"action": "accept", "reviewer": "a"}, auth)[0]
        == 404
    )


def test_control_and_sources_twins(web_server: Any) -> None:
    control = get_json(web_server, "/control.json")
    assert control["places"] and control["first"] <= control["last"]
    at = get_json(web_server, f"/control.json?at={control['last']}")
    assert at["at"] == control["last"] and any(p.get("controller") for p in at["places"])
    assert get(web_server, "/control.json?at=someday")[0] == 400
    sources = get_json(web_server, "/sources.json")
    assert {"Orontes Wire", HOSTILE_SOURCE} <= {p["source"] for p in sources}


def test_a_fused_id_leads_to_its_first_report(web_server: Any) -> None:
    fid, member = db_rows(
        web_server, "SELECT fused_id, event_id FROM fused_members ORDER BY fused_id, ordinal LIMIT 1"
    )[0]
    data = get_json(web_server, f"/events/{fid}.json")
    assert data["event"]["event_id"] == member and data["fused"]["fused_id"] == fid


def test_serve_binds_to_loopback_by_default() -> None:
    from marsad.cli.main import build_parser

    args = build_parser().parse_args(["serve"])
    assert args.host == "127.0.0.1" and args.port == 8000 and args.token is None


@pytest.mark.shared
def test_the_seeds_are_served(web_server: Any, shared_dir: Any) -> None:
    seeds = sorted(p.name for p in (shared_dir / "seeds").iterdir() if p.is_file())
    docs = {row[0]: row[1] for row in db_rows(web_server, "SELECT doc_id, content_hash FROM documents")}
    served = [name for name in seeds if name in docs]
    assert served
    for name in served:
        assert get(web_server, f"/documents/{docs[name]}")[0] == 200


def test_the_map_offers_the_downloads(web_server: Any) -> None:
    status, _, body = get(web_server, "/")
    assert status == 200
    for fmt in ("csv", "geojson", "parquet"):
        assert f'id=dl-{fmt} download href="/api/events?format={fmt}"' in body.decode("utf-8")
        assert get(web_server, f"/api/events?format={fmt}")[0] == 200


def test_codes_are_shown_with_their_labels(web_server: Any) -> None:
    from marsad.web.pages import code_label

    assert code_label("inter1", 2) == "Rebel groups"
    assert code_label("interaction", 17) == "State forces vs Civilians"
    assert code_label("interaction", 20) == "Rebel groups alone"
    assert code_label("geo_precision", 1) == "the place named"
    assert code_label("fatalities", 2) == "" and code_label("inter1", None) == ""
    event = get_json(web_server, "/api/events.geojson?modality=occurred")["features"][0]["id"]
    record = get_json(web_server, f"/events/{quote(event)}.json")["event"]
    _, _, body = get(web_server, f"/events/{quote(event)}")
    page = body.decode("utf-8")
    assert f"<small class=code>{code_label('inter1', record['inter1'])}</small>" in page
    assert f"<small class=code>{code_label('geo_precision', record['geo_precision'])}</small>" in page
