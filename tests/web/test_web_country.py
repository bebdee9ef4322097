"""`marsad serve --country`: the map opens on the countries the store is about (issue 15)."""

from __future__ import annotations

import pytest

from marsad.services.gazetteer import Gazetteer, Place
from marsad.web.pages import map_page
from marsad.web.server import WebApp, country_view

NATIONS = [
    Place("cc:KE", "Kenya", -1.283, 36.817, "KE", "Kenya", type="country", precision=3),
    Place("cc:SO", "Somalia", 2.037, 45.344, "SO", "Somalia", type="country", precision=3),
]


def test_the_map_opens_on_the_countries_given() -> None:
    gaz = Gazetteer.from_places(NATIONS)
    assert country_view(("KE",), gaz) == "-1.283,36.817,6"
    lat, lon, zoom = (float(v) for v in country_view(("KE", "SO"), gaz).split(","))
    assert (lat, lon, zoom) == (pytest.approx(0.377), pytest.approx(41.08, abs=0.01), 5)
    assert country_view(("ZZ",), gaz) == "" and country_view((), gaz) == ""


def test_the_view_reaches_the_map_page() -> None:
    app = WebApp(store=None, countries=("KE",))  # type: ignore[arg-type]
    app._view = country_view(("KE",), Gazetteer.from_places(NATIONS))
    facets = {"event_types": [], "event_type": [], "source": [], "modality": [], "first": "", "last": "",
              "located": 0, "events": 0}  # fmt: skip
    page = map_page({"facets": facets}, app.settings(), vendor=False)
    assert 'data-view="-1.283,36.817,6"' in page
    assert 'data-view=""' in map_page({"facets": facets}, WebApp(store=None).settings(), vendor=False)  # type: ignore[arg-type]


def test_serve_reads_country_as_extract_does() -> None:
    import argparse

    from marsad.web.cli import add_serve_parser

    parser = argparse.ArgumentParser()
    add_serve_parser(parser.add_subparsers(dest="command"), "marsad.duckdb")
    assert parser.parse_args(["serve", "--country", "ke,so"]).country == ("KE", "SO")
    assert parser.parse_args(["serve"]).country == ()
    with pytest.raises(SystemExit):
        parser.parse_args(["serve", "--country", "Kenya"])
