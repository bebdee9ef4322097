"""The route table: the server answers what it declares, the OpenAPI description is generated from
it and holds every route, and the /api page lists them."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import quote

import jsonschema
import pytest

from marsad.web import routes

# the parts of OpenAPI 3.1's structure this description uses (not the official schema, which would
# have to be downloaded): a version 3.1.x, info, and paths of operations with parameters and responses
OPENAPI_SHAPE = {
    "type": "object",
    "required": ["openapi", "info", "paths"],
    "properties": {
        "openapi": {"type": "string", "pattern": r"^3\.1\.\d+$"},
        "info": {
            "type": "object",
            "required": ["title", "version"],
            "properties": {"title": {"type": "string"}, "version": {"type": "string"}},
        },
        "paths": {
            "type": "object",
            "minProperties": 1,
            "propertyNames": {"pattern": "^/"},
            "additionalProperties": {
                "type": "object",
                "minProperties": 1,
                "propertyNames": {"enum": ["get", "post", "put", "delete", "patch", "head", "options"]},
                "additionalProperties": {
                    "type": "object",
                    "required": ["responses", "operationId"],
                    "properties": {
                        "operationId": {"type": "string"},
                        "parameters": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["name", "in", "schema"],
                                "properties": {
                                    "name": {"type": "string", "minLength": 1},
                                    "in": {"enum": ["query", "path", "header", "cookie"]},
                                    "required": {"type": "boolean"},
                                    "schema": {"type": "object"},
                                },
                            },
                        },
                        "responses": {
                            "type": "object",
                            "minProperties": 1,
                            "propertyNames": {"pattern": "^[1-5][0-9][0-9]$"},
                            "additionalProperties": {"type": "object", "required": ["description"]},
                        },
                    },
                },
            },
        },
    },
}


def test_the_description_has_openapi_31_shape() -> None:
    spec = json.loads(json.dumps(routes.openapi()))
    jsonschema.validate(spec, OPENAPI_SHAPE)
    ids = [op["operationId"] for ops in spec["paths"].values() for op in ops.values()]
    assert len(ids) == len(set(ids))
    for path, ops in spec["paths"].items():
        named = set(re.findall(r"\{(\w+)\}", path))
        for op in ops.values():
            given = {p["name"] for p in op["parameters"] if p["in"] == "path"}
            assert given == named, path  # every template name is declared, and no other


def test_the_shape_check_can_fail() -> None:
    spec = routes.openapi()
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**spec, "openapi": "3.0.3"}, OPENAPI_SHAPE)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**spec, "paths": {"events": {"get": {}}}}, OPENAPI_SHAPE)


def test_every_route_is_in_the_description() -> None:
    spec = routes.openapi()
    for route in routes.routes():
        for path in route.paths:
            assert route.method.lower() in spec["paths"][path], (route.name, path)
    assert {p for r in routes.routes() for p in r.paths} == set(spec["paths"])


def test_the_event_filters_are_described() -> None:
    spec = routes.openapi()
    for path in ("/api/events", "/api/stats"):
        names = {p["name"] for p in spec["paths"][path]["get"]["parameters"]}
        wanted = {"type", "sub-type", "actor", "place", "country", "source", "modality", "from", "to"}
        assert wanted | {"bbox", "review"} <= names, path
    assert {"format"} <= {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    stats = {p["name"]: p for p in spec["paths"]["/api/stats"]["get"]["parameters"]}
    assert "month" in stats["interval"]["schema"]["enum"] and "actor1" in stats["group"]["schema"]["enum"]
    media = spec["paths"]["/api/events.geojson"]["get"]["responses"]["200"]["content"]
    assert list(media) == ["application/geo+json"]


def test_the_table_resolves_paths() -> None:
    found = routes.resolve("GET", "/events/abc.json")
    assert found and found[0].name == "event" and found[1].groups() == ("abc", ".json")
    found = routes.resolve("POST", "/api/events/x1/review")
    assert found and found[0].handler == "post_review" and found[1].group(1) == "x1"
    assert routes.resolve("GET", "/api/events/x1/review") is None
    assert routes.resolve("POST", "/api/events") is None
    assert routes.resolve("GET", "/nowhere") is None
    assert routes.resolve("GET", "/api/charts/../x.svg") is None


def _request(server: Any, method: str, path: str) -> tuple[int, bytes, dict[str, str]]:
    req = urllib.request.Request(server.base + path, method=method, data=b"{}" if method == "POST" else None)
    if method == "POST":
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, resp.read(), dict(resp.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), dict(exc.headers)


@pytest.mark.slow
def test_every_described_path_is_answered(web_server: Any) -> None:
    con = web_server.app.cursor()
    try:
        event_id = con.execute("SELECT event_id FROM events ORDER BY event_id LIMIT 1").fetchone()[0]
        content_hash = con.execute("SELECT content_hash FROM documents LIMIT 1").fetchone()[0]
    finally:
        con.close()
    values = {"event_id": event_id, "content_hash": content_hash, "chart": "time", "file": "marsad.css"}
    status, body, headers = _request(web_server, "GET", "/api/openapi.json")
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    spec = json.loads(body)
    assert spec == json.loads(json.dumps(routes.openapi()))
    for template, ops in spec["paths"].items():
        path = re.sub(r"\{(\w+)\}", lambda m: quote(values[m.group(1)], safe=""), template)
        for method in ops:
            status, body, _ = _request(web_server, method.upper(), path)
            # a POST without the token is refused (401), never "nothing there"
            assert status in ((401,) if method == "post" else (200, 204)), (method, path, status, body[:200])


@pytest.mark.slow
def test_the_api_page_lists_every_route(web_server: Any) -> None:
    for page in ("/api", "/api/docs"):
        status, body, headers = _request(web_server, "GET", page)
        assert status == 200 and headers["Content-Type"].startswith("text/html")
        text = body.decode()
        assert 'href="/api/openapi.json"' in text
        for route in routes.routes():
            assert f'id="route-{route.name}"' in text
            for path in route.paths:
                assert path in text, path
        assert "<code>bbox</code>" in text and "<code>interval</code>" in text
    assert _request(web_server, "GET", "/api/nothing")[0] == 404
