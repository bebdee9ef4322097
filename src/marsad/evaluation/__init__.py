"""Measure how well marsad codes a user's own material: ACLED notes or hand-coded gold records.

`read_acled` and `read_gold` read the gold; `Scores` tallies marsad's records against it, one
document at a time, into per-field accuracy, detection precision/recall/F1, per-type F1 and a
confusion table (`marsad eval`).
"""

from marsad.evaluation.gold import GoldEvent, Note, read_acled, read_gold
from marsad.evaluation.scoring import FIELDS, Scores

__all__ = ["FIELDS", "GoldEvent", "Note", "Scores", "read_acled", "read_gold"]
