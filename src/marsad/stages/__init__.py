"""marsad's own stages; importing this package registers them."""

from marsad.stages import actors, events, geocode, nlp, segment, time  # noqa: F401
