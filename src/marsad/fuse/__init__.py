"""Fusion: records from different reports that describe the same happening become one record."""

from marsad.fuse.match import closeness, same_event, search_window
from marsad.fuse.merge import CLAIM_FIELDS, claim, conflicts, fuse_records, fused_id

__all__ = [
    "CLAIM_FIELDS",
    "claim",
    "closeness",
    "conflicts",
    "fuse_records",
    "fused_id",
    "same_event",
    "search_window",
]
