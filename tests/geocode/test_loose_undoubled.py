"""A loose spelling that only drops a doubled letter is the place's own name, not a namesake."""

from marsad.stages.geocode import _undoubled


def test_a_doubled_letter_written_once_is_the_same_name() -> None:
    assert _undoubled("Tall Tamr") == _undoubled("Tal Tamr")
    assert _undoubled("Al Qurayya") != _undoubled("Al Quriyah")
