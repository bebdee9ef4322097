"""Actors named as ACLED names them in every country: identity militias from a pack's group
names, proxies from the alignments ('X-backed Y' is Y), theatre packs' actors, actor roles read
from data, and no region literal left in the code (sentences and tiny packs written here)."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

import marsad
from marsad.knowledge import bundled_packs, packs_root
from marsad.model import Event
from marsad.services.actors import ActorLexicon, load_lexicon
from marsad.stages.actors import _crowd_as_coded, dominant_country

SRC = Path(marsad.__file__).parent


@pytest.fixture(scope="module")
def lexicon() -> ActorLexicon:
    return load_lexicon()


def _pack(tmp_path: Path, actors: dict, alignments: list | None = None) -> Path:
    (tmp_path / "actors.json").write_text(json.dumps(actors), encoding="utf-8")
    if alignments is not None:
        (tmp_path / "alignments.json").write_text(json.dumps({"entries": alignments}), encoding="utf-8")
    return tmp_path


def test_an_ethnic_group_before_an_armed_noun_is_its_ethnic_militia_in_the_events_country(tmp_path) -> None:
    lex = ActorLexicon.load(
        [_pack(tmp_path, {"entries": [], "militias": {"ethnic": ["Zorani"], "clan": ["Abdi"]}})]
    )
    hits = lex.find("Zorani raiders attacked the village; Abdi clan militia fought back")
    assert [h.key for h in hits] == ["ETHNIC:Zorani", "CLAN:Abdi"]
    assert [h.key for h in lex.find("armed men from Zorani raided the village")] == ["ETHNIC:Zorani"]
    assert [h.key for h in lex.find("two Zorani clans clashed")] == ["ETHNIC:Zorani"]
    assert lex.name("ETHNIC:Zorani", "KE") == "Zorani Ethnic Militia (Kenya)"
    assert lex.name("CLAN:Abdi", "Somalia") == "Abdi Clan Militia (Somalia)"
    assert lex.inter("ETHNIC:Zorani", "KE") == 4
    # the group's herders are no militia: they are the civilians the raid hit
    assert [h.key for h in lex.find("Zorani herders were killed")] == ["CIV"]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Pokot raiders stole 300 cattle", "ETHNIC:Pokot"),
        ("Garre militia attacked a Degodia herdsman", "ETHNIC:Garre"),
        ("Fulani herdsmen attacked the farmers", "ETHNIC:Fulani"),
        ("warriors from the Turkana community struck", "ETHNIC:Turkana"),
    ],
)
def test_the_bundled_packs_know_the_common_ethnic_militias(lexicon, text, key) -> None:
    assert lexicon.find(text)[0].key == key


def test_unidentified_ethnic_and_communal_militias(lexicon) -> None:
    assert lexicon.find("rival clans clashed")[0].key == "UNID_ETHNIC"
    assert lexicon.find("two rival communities clashed")[0].key == "UNID_COMMUNAL"
    assert lexicon.name("UNID_ETHNIC", "KE") == "Unidentified Ethnic Militia (Kenya)"
    assert lexicon.name("UNID_COMMUNAL", "KE") == "Unidentified Communal Militia (Kenya)"


def test_x_backed_y_is_the_proxy_in_the_events_country(tmp_path) -> None:
    actors = {
        "entries": [
            {
                "key": "PAT",
                "name": "Military Forces of Patria",
                "inter": 8,
                "aliases": ["Patria"],
                "adjectives": ["Patrian"],
            },
            {"key": "PROXY", "name": "Proxy Front", "inter": 2, "aliases": ["Proxy Front"]},
            {"key": "OTHER", "name": "Other Front", "inter": 2, "aliases": ["Other Front"]},
        ]
    }
    alignments = [
        {"name": "t", "patron": "PAT", "proxy": "PROXY", "country": "KE"},
        {"name": "u", "patron": "PAT", "proxy": "OTHER", "country": "SO"},
    ]
    lex = ActorLexicon.load([_pack(tmp_path, actors, alignments)])
    for text in (
        "Patrian-backed fighters shelled the town",
        "armed groups backed by Patria shelled the town",
    ):
        assert [h.key for h in lex.find(text, country="KE")] == ["PROXY"], text
        assert [h.key for h in lex.find(text, country="SO")] == ["OTHER"], text
    # with no proxy in the country the words keep their plain meaning
    assert "PROXY" not in [h.key for h in lex.find("Patrian-backed fighters shelled the town", country="UG")]
    assert lex.roles.allies("PAT", "PROXY")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("US-backed Syrian fighters captured the village north of Raqqa", "SDF"),
        ("United States-backed fighters attacked positions near Deir ez-Zor", "SDF"),
        ("armed groups backed by Turkey shelled Ain Issa in the countryside of Raqqa", "SNA"),
    ],
)
def test_the_listed_proxies(lexicon, text, key) -> None:
    keys = [h.key for h in lexicon.find(text, country=lexicon.dominant_country(text))]
    assert keys[0] == key
    assert not {"SYR_GOV", "USA", "IRN", "TUR"} & set(keys)


def test_the_listed_errors_end_to_end() -> None:
    cases = [
        (
            "LONDON (Reuters) - Islamic State militants killed 12 villagers in Hama province on Monday.",
            "Islamic State (Syria)",
        ),
        (
            "US-backed Syrian fighters captured the village of Hazima north of Raqqa from Islamic State.",
            "QSD: Syrian Democratic Forces",
        ),
        (
            "Armed groups backed by Turkey shelled the village of Ain Issa in the northern countryside of Raqqa.",
            "Syrian National Army",
        ),
        (
            "Turkish warplanes struck PKK positions in the Qandil mountains of northern Iraq on Sunday.",
            "Military Forces of Turkey (2016-)",
        ),
    ]
    for text, actor1 in cases:
        events = [e for e in marsad.extract(text, published=date(2018, 6, 10)) if e.modality == "occurred"]
        assert events and events[0].actor1 == actor1, (text, [e.actor1 for e in events])
        assert all("Islamic State" not in e.actor1 + e.actor2 for e in events if "PKK" in text)
        assert all("United Kingdom" not in e.actor1 + e.actor2 for e in events)


def test_a_later_states_table_adds_to_an_earlier_one(tmp_path) -> None:
    lex = ActorLexicon.load([_pack(tmp_path, {"entries": [], "states": {"KE": {"cues": ["Zorania Hills"]}}})])
    assert lex.states["KE"].name == "Kenya" and lex.states["KE"].periods  # kept
    assert "Nairobi" in lex.states["KE"].cues and "Zorania Hills" in lex.states["KE"].cues
    assert lex.dominant_country("Fighting in Zorania Hills") == "KE"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Turkish forces shelled Afrin", "SY"),
        ("Pokot raiders struck in West Pokot, Baringo", "KE"),
        ("Police dispersed BNP activists in Bogura upazila", "BD"),
        ("Fighting in Myitkyina and Lashio", "MM"),
        ("Gunmen attacked a village in Zamfara", "NG"),
    ],
)
def test_dominant_country_from_every_states_cues(text, country) -> None:
    assert dominant_country(text) == country


@pytest.mark.parametrize(
    ("event_type", "before", "after"),
    [
        ("Riots", ["PROTESTERS"], ["RIOTERS"]),
        ("Protests", ["RIOTERS"], ["PROTESTERS"]),
        ("Battles", ["PROTESTERS"], ["PROTESTERS"]),
    ],
)
def test_a_crowd_is_named_as_the_events_type_codes_it(event_type, before, after) -> None:
    event = Event(event_type=event_type, sub_event_type="")
    event.actor1_keys = list(before)
    _crowd_as_coded(event)
    assert event.actor1_keys == after


def test_actor_roles_are_data(tmp_path) -> None:
    actors = {
        "entries": [
            {
                "key": "AIRY",
                "name": "Airy",
                "inter": 8,
                "air": True,
                "air_only": True,
                "government_side": True,
            }
        ]
    }
    roles = ActorLexicon.load([_pack(tmp_path, actors)]).roles
    assert roles.air_force("AIRY") and "AIRY" in roles.air_only and roles.for_government("AIRY")
    bundled = load_lexicon().roles
    assert bundled.air_force("GOV:AF") and bundled.for_government("POLICE:KE")
    assert not bundled.for_government("TALIBAN")
    assert bundled.allies("SYR_GOV", "RUS") and not bundled.allies("SYR_GOV", "SDF")


def test_theatre_packs_cover_eight_countries_beyond_syria_and_iraq() -> None:
    packs = [p for p in bundled_packs() if p.name not in ("core-en", "acled", "syria-iraq")]
    assert len(packs) >= 6
    countries = {c for p in packs for c in p.countries} - {"SY", "IQ"}
    assert len(countries) >= 8
    for pack in packs:
        manifest = json.loads((packs_root() / pack.name / "pack.json").read_text(encoding="utf-8"))
        assert (
            manifest["version"] == "1.0.0"
            and manifest["extends"] == ["acled"]
            and manifest["language"] == "en"
        )
        entries = json.loads((packs_root() / pack.name / "actors.json").read_text(encoding="utf-8"))[
            "entries"
        ]
        assert entries and all({"key", "name", "inter"} <= set(e) for e in entries)


def test_the_non_syrian_actors_left_the_syria_iraq_pack() -> None:
    keys = {
        e["key"]
        for e in json.loads((packs_root() / "syria-iraq" / "actors.json").read_text(encoding="utf-8"))[
            "entries"
        ]
    }
    assert not keys & {"TALIBAN", "TTP", "SHABAAB", "BOKO", "HOUTHI", "HAMAS", "PIJ"}
    lex = load_lexicon()
    assert {"TALIBAN", "TTP", "SHABAAB", "BOKO", "HOUTHI", "HAMAS", "PIJ"} <= set(lex.entries)


_LITERAL = re.compile(r"""["'](SYR_GOV|IRQ_GOV|IQ_GOV|SY|IQ)["']""")
_MINE = [
    "services/actors.py",
    "stages/actors.py",
    "events/extract.py",
    "events/classify.py",
    "stages/events.py",
    *[f"control/{p.name}" for p in (SRC / "control").glob("*.py")],
]


@pytest.mark.parametrize("path", _MINE)
def test_no_region_literal_in_the_actor_and_event_code(path) -> None:
    assert not _LITERAL.findall((SRC / path).read_text(encoding="utf-8"))
