"""Source perspective: the loaded terms each source uses for each actor, and how its claims
differ from other sources' on the same events (`marsad sources`).

marsad only describes a source's wording; its own notes keep the lexicon's canonical names.
"""

from __future__ import annotations

from marsad.sources.profile import SourceProfile, profiles_from_store, source_profiles
from marsad.sources.report import write_sources

__all__ = ["SourceProfile", "profiles_from_store", "source_profiles", "write_sources"]
