"""A loose spelling that only drops a doubled letter is the place's own name, not a namesake."""

from marsad.services.placekey import undoubled_key


def test_a_doubled_letter_written_once_is_the_same_name() -> None:
    assert undoubled_key("Tall Tamr") == undoubled_key("Tal Tamr")
    assert undoubled_key("Al Qurayya") != undoubled_key("Al Quriyah")
