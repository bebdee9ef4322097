"""The web view in a real headless browser (Debian's chromium driven by playwright): load the map,
see the markers, click one, see its evidence highlighted, and keep screenshots in test-artifacts/.

Where chromium, playwright or the map libraries are missing the tests skip with the reason, except
in CI (CI=true), where they must run: `make test` installs chromium and the map libraries first.
"""

from __future__ import annotations

import json
import os
import shutil
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from web_constants import TOKEN

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    from marsad.web.server import vendor_ready

    if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
        return f"no chromium at {CHROMIUM} (run `make chromium`)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[dev]')"
    if not vendor_ready():
        return "the map libraries are not installed (run `make web-assets`)"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    reason = _missing()
    if reason:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"browser tests must run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chrome = pw.chromium.launch(
            executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"), args=ARGS
        )
        try:
            yield chrome
        finally:
            chrome.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15000)
    tab.dialogs = []  # type: ignore[attr-defined]
    tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    tab.errors = []  # type: ignore[attr-defined]
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))  # type: ignore[attr-defined]
    try:
        yield tab
    finally:
        context.close()


def wait_until(page: Any, check: Any, timeout_ms: int = 10000, message: Any = None) -> None:
    """Poll a Python check (the pages' security policy forbids evaluated strings); `message` says
    what the page shows when it fails."""
    for _ in range(timeout_ms // 100):
        if check():
            return
        page.wait_for_timeout(100)
    raise AssertionError("the page never reached the expected state" + (f": {message()}" if message else ""))


def test_map_markers_click_and_highlighted_evidence(web_server: Any, page: Any) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(web_server.base + "/")
    page.wait_for_selector("#map[data-loaded]")
    assert int(page.get_attribute("#map", "data-loaded")) > 10
    page.wait_for_selector(".leaflet-marker-icon")
    singles = page.locator(".leaflet-marker-icon.marker")
    clusters = page.locator(".marker-cluster")
    assert singles.count() + clusters.count() > 0
    page.wait_for_selector("#timeline svg rect.bar", state="attached")
    # no tiles here: the countries' outlines (served by marsad) are drawn under the markers
    page.wait_for_selector("#map.outlined")
    assert page.locator(".leaflet-outlines-pane path").count() > 100
    page.screenshot(path=str(ARTIFACTS / "web-map.png"))
    if singles.count() == 0:  # everything clustered: open the first cluster
        clusters.first.click()
        page.wait_for_selector(".leaflet-marker-icon.marker")
    marker = page.locator(".leaflet-marker-icon.marker").first
    marker.click()
    page.wait_for_selector("#panel mark.evidence")
    sentence = page.locator("#panel mark.evidence").first.text_content()
    assert sentence and sentence.strip()
    page.screenshot(path=str(ARTIFACTS / "web-map-event.png"))
    page.locator("#panel a.doclink").click()
    page.wait_for_selector("article.doctext mark.evidence.current")
    highlighted = " ".join(page.locator("mark.evidence.current").all_text_contents())
    assert sentence.strip()[:40] in " ".join(highlighted.split())
    page.screenshot(path=str(ARTIFACTS / "web-document.png"), full_page=True)
    assert page.dialogs == [] and page.errors == []  # type: ignore[attr-defined]


def test_hostile_report_shown_never_run(web_server: Any, page: Any) -> None:
    con = web_server.app.cursor()
    try:
        doc = con.execute("SELECT content_hash FROM documents WHERE doc_id = 'hostile.txt'").fetchone()[0]
    finally:
        con.close()
    page.goto(f"{web_server.base}/documents/{doc}")
    page.wait_for_selector("article.doctext")
    assert '<script>alert("text")</script>' in page.locator("article.doctext").text_content()
    assert "<script>" in page.locator("h1").text_content()
    assert page.locator("article.doctext img, article.doctext script, h1 img").count() == 0
    page.goto(web_server.base + "/")
    page.wait_for_selector("#map[data-loaded]")
    page.select_option("select[name=source]", label=None, index=1)
    page.wait_for_timeout(600)
    assert page.dialogs == [] and page.errors == []  # type: ignore[attr-defined]


def test_timeline_brush_narrows_the_dates(web_server: Any, page: Any) -> None:
    page.goto(web_server.base + "/")
    page.wait_for_selector("#map[data-loaded]")
    # the charts under the map load with the page; brush once the page has settled
    page.wait_for_selector("#charts[data-drawn]")
    page.wait_for_selector("#timeline svg rect.brush", state="attached")
    before = int(page.get_attribute("#map", "data-loaded"))
    box = page.locator("#timeline svg").bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.45, box["y"] + 20)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.75, box["y"] + 20, steps=5)
    page.mouse.up()
    wait_until(page, lambda: int(page.get_attribute("#map", "data-loaded") or before) < before)
    start = page.input_value("input[name=start]")
    end = page.input_value("input[name=end]")
    assert start < end and (start, end) != (
        page.get_attribute("body", "data-first"),
        page.get_attribute("body", "data-last"),
    )


def test_control_slider_redraws_the_table(web_server: Any, page: Any) -> None:
    page.goto(web_server.base + "/control")
    page.wait_for_selector("#control-rows")
    page.locator("#at-range").fill("0")
    page.locator("#at-range").dispatch_event("change")
    wait_until(page, lambda: page.text_content("#at-label") == page.get_attribute("body", "data-first"))
    page.wait_for_timeout(500)
    assert page.errors == []  # type: ignore[attr-defined]


def test_review_form_refuses_a_wrong_token_then_saves_an_edit(web_server: Any, page: Any) -> None:
    with urllib.request.urlopen(web_server.base + "/api/events.geojson?modality=occurred") as resp:
        features = json.load(resp)["features"]
    event = features[-1]["id"]  # not the event the API review tests use
    page.goto(f"{web_server.base}/events/{event}")
    page.wait_for_selector("form#review")
    page.fill("input[name=reviewer]", "browser coder")
    page.fill("input[name=token]", "not-the-token")
    page.click("button[value=accept]")
    wait_until(page, lambda: "refused (403)" in (page.text_content("#review-status") or ""))
    page.fill("input[name=token]", TOKEN)
    page.fill("input[name=fatalities]", "11")
    page.fill("textarea[name=reason]", "a later report gives eleven")
    page.click("button[value=edit]")
    page.wait_for_selector("ol.revisions li")
    assert "browser coder" in page.text_content("ol.revisions")
    with urllib.request.urlopen(f"{web_server.base}/events/{event}.json") as resp:
        data = json.load(resp)
    assert data["event"]["fatalities"] == 11 and data["review_status"] == "edited"
    assert data["revisions"][-1]["reason"] == "a later report gives eleven"
    page.screenshot(path=str(ARTIFACTS / "web-review.png"), full_page=True)
    assert page.dialogs == [] and page.errors == []  # type: ignore[attr-defined]


def test_filters_live_in_the_address_and_the_download_links(web_server: Any, page: Any) -> None:
    with urllib.request.urlopen(web_server.base + "/api/events.geojson?event_type=Battles") as resp:
        battles = len(json.load(resp)["features"])
    assert battles > 0
    page.goto(web_server.base + "/?event_type=Battles&actor=state")
    page.wait_for_selector("#map[data-loaded]")
    assert page.input_value("select[name=event_type]") == "Battles"
    assert page.input_value("input[name=actor]") == "state"
    page.fill("input[name=actor]", "")
    wait_until(page, lambda: int(page.get_attribute("#map", "data-loaded") or 0) == battles)
    wait_until(page, lambda: page.url.endswith("/?event_type=Battles"))
    href = page.get_attribute("#dl-csv", "href") or ""
    assert "event_type=Battles" in href and href.endswith("format=csv")
    with urllib.request.urlopen(web_server.base + href) as resp:
        assert resp.status == 200 and resp.headers["Content-Type"].startswith("text/csv")
        rows = resp.read().decode("utf-8").splitlines()[1:]
    assert rows and all(",Battles," in row for row in rows)
    with page.expect_download() as info:  # the link itself downloads the filtered file
        page.click("#dl-geojson")
    saved = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    kinds = {f["properties"]["event_type"] for f in saved["features"]}
    assert info.value.suggested_filename == "marsad-events.geojson" and kinds == {"Battles"}
    page.reload()  # a bookmark gives the same view
    page.wait_for_selector("#map[data-loaded]")
    assert page.input_value("select[name=event_type]") == "Battles"
    assert page.errors == []  # type: ignore[attr-defined]


def test_charts_follow_the_filters_and_a_bar_filters_the_map(web_server: Any, page: Any) -> None:
    page.goto(web_server.base + "/")
    page.wait_for_selector("#map[data-loaded]")
    page.wait_for_selector("#charts[data-drawn] [data-chart=admin1] svg")
    for name in ("time", "actors", "admin1"):
        assert page.locator(f"#charts [data-chart={name}] svg").count() == 1
    before = int(page.get_attribute("#map", "data-loaded") or 0)
    bar = page.locator("#charts [data-chart=admin1] g[data-name=place]").last
    place = bar.get_attribute("data-value")
    bar.locator("rect").click()
    wait_until(page, lambda: page.input_value("input[name=place]") == place)
    wait_until(page, lambda: int(page.get_attribute("#map", "data-loaded") or before) < before)
    wait_until(page, lambda: int(page.get_attribute("#charts", "data-drawn") or 0) >= 2)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "web-charts.png"), full_page=True)
    assert page.errors == []  # type: ignore[attr-defined]


def _queue_source(web_server: Any) -> str:
    """A source with several unreviewed events, not the hostile report (the API tests review that)."""
    from web_constants import HOSTILE_SOURCE

    with urllib.request.urlopen(web_server.base + "/api/facets.json") as resp:
        sources = [s for s, n in json.load(resp)["source"] if s != HOSTILE_SOURCE and n >= 4]
    for source in sources:
        query = urllib.parse.urlencode({"source": source})
        with urllib.request.urlopen(f"{web_server.base}/api/queue.json?{query}") as resp:
            if json.load(resp)["total"] >= 4:
                return source
    raise AssertionError("no source with four unreviewed events")


def _status(web_server: Any, event_id: str) -> dict[str, Any]:
    with urllib.request.urlopen(f"{web_server.base}/events/{event_id}.json") as resp:
        return json.load(resp)


def test_review_queue_by_keyboard(web_server: Any, page: Any) -> None:
    source = _queue_source(web_server)
    query = urllib.parse.urlencode({"source": source})
    with urllib.request.urlopen(f"{web_server.base}/api/queue.json?{query}") as resp:
        queue = json.load(resp)
    confidences = [e["confidence"] for e in queue["events"]]
    assert confidences == sorted(confidences)  # least confident first
    ids = [e["event_id"] for e in queue["events"]]
    page.goto(f"{web_server.base}/review?{query}")
    page.wait_for_selector("#queue[data-loaded]")
    assert page.get_attribute("#current", "data-event") == ids[0]
    # codes come with their labels
    inter1 = queue["events"][0]["inter1"]
    if inter1 is not None:
        assert f"{inter1} " in page.text_content("#current table.record")
    page.keyboard.press("j")
    assert page.get_attribute("#current", "data-event") == ids[1]
    page.keyboard.press("k")
    assert page.get_attribute("#current", "data-event") == ids[0]
    page.fill("input[name=reviewer]", "queue coder")
    page.fill("input[name=token]", TOKEN)
    page.locator("h1").click()  # leave the fields: the keys act on the queue again
    page.keyboard.press("a")
    wait_until(page, lambda: page.get_attribute("#current", "data-event") == ids[1])
    assert _status(web_server, ids[0])["review_status"] == "accepted"
    assert page.is_visible("#token-held") and not page.is_visible("#token-box")  # held, not typed again
    page.keyboard.press("r")
    wait_until(page, lambda: page.get_attribute("#current", "data-event") == ids[2])
    assert _status(web_server, ids[1])["review_status"] == "rejected"
    # e edits: the sub-event type from the taxonomy (its event type follows), an actor from the known ones
    assert not page.is_visible("#edit")
    page.keyboard.press("e")
    page.wait_for_selector("#edit:not([hidden])")
    assert page.is_visible("#edit")
    options = page.locator("#known-actors option")
    wait_until(page, lambda: options.count() > 10)
    known = [options.nth(i).get_attribute("value") for i in range(options.count())]
    actor = next(name for name in known if name and name.startswith("Military Forces of Syria"))
    page.select_option("#edit select[name=sub_event_type]", "Peaceful protest")
    page.fill("#edit input[name=actor1]", actor)
    page.keyboard.press("Enter")
    wait_until(
        page,
        lambda: page.get_attribute("#current", "data-event") == ids[3],
        message=lambda: page.text_content("#queue-status"),
    )
    edited = _status(web_server, ids[2])
    assert edited["review_status"] == "edited"
    assert (
        edited["event"]["sub_event_type"] == "Peaceful protest"
        and edited["event"]["event_type"] == "Protests"
    )
    assert edited["event"]["actor1"] == actor
    assert ids[0] not in (page.text_content("#queue") or "")
    # the token stays for the session: after a reload, a key press is enough
    page.reload()
    page.wait_for_selector("#queue[data-loaded]")
    assert page.is_visible("#token-held")
    first = page.get_attribute("#current", "data-event")
    assert first not in ids[:3]
    page.keyboard.press("a")
    wait_until(page, lambda: _status(web_server, str(first))["review_status"] == "accepted")
    page.screenshot(path=str(ARTIFACTS / "web-queue.png"), full_page=True)
    assert page.dialogs == [] and page.errors == []  # type: ignore[attr-defined]


def test_phone_filters_fold_and_the_panel_shows_after_a_tap(web_server: Any, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(web_server.base + "/")
        page.wait_for_selector("#map[data-loaded]")
        # the filters are folded behind a button: the map is on the first screen
        assert page.is_visible("#filters-toggle") and not page.is_visible("#filters")
        assert page.locator("#map").bounding_box()["y"] < 844 / 2
        page.tap("#filters-toggle")
        assert page.is_visible("#filters")
        page.tap("#filters-toggle")
        assert not page.is_visible("#filters")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.wait_for_selector(".leaflet-marker-icon")
        if page.locator(".leaflet-marker-icon.marker").count() == 0:
            page.locator(".marker-cluster").first.tap()
            page.wait_for_selector(".leaflet-marker-icon.marker")
        page.locator(".leaflet-marker-icon.marker").first.tap()
        page.wait_for_selector("#panel mark.evidence")
        box = page.locator("#panel").bounding_box()
        assert box is not None
        assert box["y"] >= 0 and box["y"] + box["height"] <= 844 + 0.5
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390 + 0.5
        assert page.locator("#panel mark.evidence").first.is_visible()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "web-phone-panel.png"))
        page.tap("#panel button.close")
        assert not page.is_visible("#panel")
        assert errors == []
    finally:
        context.close()
