"""The web view (`marsad serve`): the map, the timeline, each event with its evidence, the review."""

from marsad.web.server import WebApp, make_server, serve

__all__ = ["WebApp", "make_server", "serve"]
