"""marsad's own stages; importing this package registers them."""

from marsad.stages import actors, coalesce, discourse, events, geocode, nlp, segment, subtype, time  # noqa: F401
