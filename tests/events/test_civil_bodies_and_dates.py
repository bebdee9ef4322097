"""A loaded label after a word of civil life names no armed actor ('a Britain-based monitoring
group'); a date reckoned past the publication date for what a report tells as done is no date
('days after Trump pulled US troops back', reckoned from the story's Wednesday)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_a_monitoring_group_is_not_the_armed_group(events_of) -> None:
    events = events_of(
        "Turkish warplanes bombed the border town of Ras al-Ain in Syria on Wednesday. At least "
        "eight civilians were killed, according to the Syrian Observatory for Human Rights, a "
        "Britain-based monitoring group. Islamic State fighters attacked a checkpoint in Raqqa.",
        published="2019-10-10",
    )
    strikes = [e for e in events if e.sub_event_type == "Air/drone strike"]
    assert len(strikes) == 1 and strikes[0].fatalities == 8
    assert not [e for e in events if e.sub_event_type == "Attack" and e.fatalities == 8]


def test_days_after_an_untold_event_dates_nothing_past_publication(events_of) -> None:
    events = events_of(
        "Turkish warplanes bombed the border town of Ras al-Ain in Syria on Wednesday, days after "
        "Donald Trump pulled US troops back from the frontier. Kurdish fighters shelled the Turkish "
        "town of Akcakale.",
        published="2019-10-10",
    )
    assert events
    assert all(str(e.event_date) <= "2019-10-10" for e in events)
