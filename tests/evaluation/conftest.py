"""Small made-up ACLED exports and gold files for the `marsad eval` tests.

The notes are written for these tests (no ACLED text): invented events, plainly worded.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

CURRENT_HEADER = [
    "event_id_cnty",
    "event_date",
    "year",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "notes",
    "fatalities",
]
CURRENT_ROWS = [
    [
        "TST1",
        "03 March 2020",
        "2020",
        "Battles",
        "Armed clash",
        "Military Forces of Syria (2000-)",
        "Islamic State (Syria)",
        "Syria",
        "Palmyra",
        "34.5560",
        "38.2840",
        "1",
        "On 3 March 2020, Syrian government forces clashed with Islamic State militants near Palmyra, "
        "killing four militants.",
        "4",
    ],
    [
        "TST2",
        "04 March 2020",
        "2020",
        "Protests",
        "Peaceful protest",
        "Protesters (Syria)",
        "",
        "Syria",
        "Idlib",
        "35.9306",
        "36.6339",
        "2",
        "Protest: On 4 March 2020, hundreds of people demonstrated peacefully in Idlib city against "
        "rising bread prices. [size=hundreds]",
        "0",
    ],
    ["TST3", "05 March 2020", "2020", "Battles", "Armed clash", "", "", "Syria", "", "", "", "1", "", "0"],
    [
        "TST4",
        "06 March 2020",
        "2020",
        "Explosions/Remote violence",
        "Air/drone strike",
        "Military Forces of Russia (2000-)",
        "Civilians (Syria)",
        "Syria",
        "Saraqib",
        "35.8623",
        "36.8006",
        "1",
        "On 6 March 2020, Russian warplanes bombed the town of Saraqib, killing two civilians.",
        "2",
    ],
]
OLD_HEADER = [
    "EVENT_ID_CNTY",
    "EVENT_DATE",
    "EVENT_TYPE",
    "ACTOR1",
    "ALLY_ACTOR_1",
    "COUNTRY",
    "LOCATION",
    "LATITUDE",
    "LONGITUDE",
    "GEO_PRECISION",
    "NOTES",
    "FATALITIES",
]
OLD_ROWS = [
    [
        "1OLD",
        "02-January-2015",
        "Riots/Protests",
        "Rioters (Bangladesh)",
        "",
        "Bangladesh",
        "Dhaka",
        "23.7104",
        "90.4074",
        "1",
        "Rival groups of students fought with sticks in Dhaka, injuring ten.",
        "0",
    ],
    [
        "2OLD",
        "03-January-2015",
        "Battle-No change of territory",
        "Military Forces of Bangladesh (2009-)",
        "",
        "Bangladesh",
        "Rangamati",
        "22.6533",
        "92.1750",
        "2",
        "Soldiers exchanged fire with an armed group in the hills of Rangamati.",
        "1",
    ],
]


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def current_csv(tmp_path: Path) -> Path:
    """An export in ACLED's current schema: three rows with notes, one without."""
    return write_csv(tmp_path / "current.csv", CURRENT_HEADER, CURRENT_ROWS)


@pytest.fixture
def old_csv(tmp_path: Path) -> Path:
    """An export in ACLED's older schema: upper-case headers, no sub_event_type, no actor2."""
    return write_csv(tmp_path / "old.csv", OLD_HEADER, OLD_ROWS)
