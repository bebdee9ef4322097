"""Which mention is where the event happened: not a source's base, an outlet, a venue, a speaker's
capital or a dateline abroad; a town over the country a headline names; no common word as a place."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.model import Event, Trigger
from marsad.pipeline import Options
from marsad.services.gazetteer import Gazetteer, Place
from marsad.stages.geocode import GeocodeStage, load_cues

pytestmark = pytest.mark.slow


def _sy(pid: str, name: str, lat: float, lon: float, admin1: str, kind: str = "town", **kw: object) -> Place:
    return Place(pid, name, lat, lon, "SY", "Syria", admin1=admin1, type=kind, iso=760, **kw)  # type: ignore[arg-type]


def _country(code: str, name: str, lat: float, lon: float, *aliases: str) -> Place:
    """A country stands at its capital's point, as the real gazetteer builds it."""
    return Place(f"cc:{code}", name, lat, lon, code, name, type="country", precision=3, aliases=aliases)


PLACES = [
    _sy("t:hajin", "Hajin", 34.69508, 40.83138, "Deir-ez-Zor", population=29237),
    _sy("t:mayadin", "Al Mayadin", 35.01982, 40.45154, "Deir-ez-Zor", aliases=("al-Mayadeen", "Mayadeen")),
    _sy("t:maharda", "Maharda", 35.2479, 36.5725, "Hama", aliases=("Mhardeh",)),
    _sy("t:hasakah", "Al Hasakah", 36.50237, 40.74772, "Al-Hasakeh", "city", population=188_000,
        aliases=("Hasakeh",)),
    _sy("t:damascus", "Damascus", 33.5102, 36.29128, "Damascus", "city", population=1_500_000),
    _country("SY", "Syria", 33.5102, 36.29128),
    Place("t:london", "London", 51.50853, -0.12574, "GB", "United Kingdom", type="city", population=8_900_000),
    _country("GB", "United Kingdom", 51.50853, -0.12574, "Britain", "UK"),
    Place("t:moscow", "Moscow", 55.75222, 37.61556, "RU", "Russia", type="city", population=10_000_000),
    _country("RU", "Russia", 55.75222, 37.61556),
    Place("t:washington", "Washington", 38.89511, -77.03637, "US", "United States", type="city",
          population=600_000),
    _country("US", "United States", 38.89511, -77.03637, "US", "U.S."),
    Place("t:brussels", "Brussels", 50.85045, 4.34878, "BE", "Belgium", type="city", population=1_000_000),
    _country("BE", "Belgium", 50.85045, 4.34878),
    Place("t:amman", "Amman", 31.95522, 35.94503, "JO", "Jordan", type="city", population=1_275_000),
    _country("JO", "Jordan", 31.95522, 35.94503),
    # a small town abroad whose name is an English phrase
    Place("t:oldcity", "Old City", 31.776, 35.234, "PS", "Palestine", type="town", population=3000),
]  # fmt: skip


@pytest.fixture(scope="module")
def geocode() -> GeocodeStage:
    return GeocodeStage(Options(), gazetteer=Gazetteer.from_places(PLACES))


def place_of(parse, stage: GeocodeStage, text: str, trigger: str) -> Event:
    """The event put on the trigger word, geocoded."""
    doc = parse(text)
    start = text.index(trigger)
    sent = doc.sentence_at(start)
    assert sent is not None
    event = Event("Battles", "Armed clash", document=doc.id)
    event.trigger = Trigger(start, start + len(trigger), trigger, "test", sent.index)
    doc.events = [event]
    stage(doc)
    return event


def names(parse, stage: GeocodeStage, text: str) -> dict[str, tuple[str, bool]]:
    """Each mention's words: (its role, whether it is an actor)."""
    doc = parse(text)
    return {doc.text[m.start : m.end]: (m.role, m.actor) for m in stage.find_mentions(doc)}


def test_a_sources_base_is_no_place(parse, geocode) -> None:
    text = "Rebels shelled Hajin on Sunday. The Britain-based monitor said 12 people were killed."
    assert place_of(parse, geocode, text, "killed").location == "Hajin"
    found = names(parse, geocode, "A London-based group and a monitor based in London said so on Monday.")
    assert found == {}


def test_a_sponsor_before_a_hyphen_is_no_place(parse, geocode) -> None:
    text = "Moscow-backed troops stormed Maharda on Friday."
    assert names(parse, geocode, text) == {"Maharda": ("", False)}
    assert place_of(parse, geocode, text, "stormed").location == "Maharda"


def test_the_venue_of_a_statement_is_no_place(parse, geocode) -> None:
    text = (
        "Regime jets struck Maharda on Sunday. "
        "A Russian spokesman told a news conference in Moscow that 20 fighters were killed."
    )
    assert place_of(parse, geocode, text, "killed").location == "Maharda"
    assert names(parse, geocode, text)["Moscow"] == ("venue", False)


def test_a_meeting_abroad_is_a_venue(parse, geocode) -> None:
    found = names(
        parse, geocode, "They spoke after a meeting of the foreign ministers in Brussels on Monday."
    )
    assert found == {"Brussels": ("venue", False)}


def test_a_capital_that_speaks_or_acts_is_a_government(parse, geocode) -> None:
    text = "Coalition jets struck Hajin on Friday. Washington said the strike killed 20 fighters."
    assert place_of(parse, geocode, text, "killed").location == "Hajin"
    assert names(parse, geocode, text)["Washington"] == ("source", False)
    found = names(parse, geocode, "The raids began a year after Moscow intervened in the war.")
    assert found == {"Moscow": ("", True)}


def test_an_outlet_named_like_a_town_is_no_place(parse, geocode) -> None:
    assert names(parse, geocode, "Rebels shelled the base, Lebanese TV channel al-Mayadeen reported.") == {}
    assert names(parse, geocode, "A commander told al-Mayadeen that the siege was over.") == {}
    text = "Clashes erupted in al-Mayadeen on Monday."
    assert place_of(parse, geocode, text, "Clashes").location == "Al Mayadin"


def test_a_country_in_the_sentence_gives_way_to_its_town(parse, geocode) -> None:
    text = "State media said 12 people from Mhardeh died when jets struck northwestern Syria on Tuesday."
    event = place_of(parse, geocode, text, "struck")
    assert (event.location, event.geo_precision, event.admin1) == ("Maharda", 1, "Hama")


def test_the_leads_country_gives_way_to_the_town_the_lead_names(parse, geocode) -> None:
    text = (
        "A suicide bomber killed 16 people in northeast Syria on Tuesday. "
        "The blast hit a bakery in Hasakeh city, the monitor said."
    )
    event = place_of(parse, geocode, text, "killed")
    assert (event.location, event.geo_precision, event.admin1) == ("Al Hasakah", 1, "Al-Hasakeh")


def test_a_named_region_is_not_refined_to_a_town_of_the_sentence(parse, geocode) -> None:
    places = [*PLACES, _sy("t:jazira", "Jazira", 36.4, 40.2, "Deir-ez-Zor", "region", precision=3)]
    stage = GeocodeStage(Options(), gazetteer=Gazetteer.from_places(places))
    text = "Having liberated the Jazira, the command launched a new stage on four fronts, one at Hajin."
    assert place_of(parse, stage, text, "liberated").location == "Jazira"


def test_a_background_sentence_keeps_its_country(parse, geocode) -> None:
    text = (
        "Rebels shelled Hajin on Monday. They fired twenty rockets. The army answered with artillery. "
        "Residents fled the town. More than 300000 people have been killed in Syria since 2011."
    )
    event = place_of(parse, geocode, text, "killed in Syria")
    assert (event.location, event.geo_precision) == ("Syria", 3)


def test_a_possessive_country_or_a_trailing_country_is_not_part_of_the_name(parse, geocode) -> None:
    text = "A motorcycle bomber killed 16 civilians outside a bakery in Syrias Hasakeh city on Tuesday."
    assert place_of(parse, geocode, text, "killed").location == "Al Hasakah"
    text = "Russian air strikes in Hasakeh Syria killed ten civilians on Tuesday."
    assert place_of(parse, geocode, text, "killed").location == "Al Hasakah"


def test_a_dateline_abroad_written_into_the_sentence_is_not_the_place(parse, geocode) -> None:
    text = "AMMAN Nearly 50 air strikes hit rebel-held areas in Syria on Sunday."
    event = place_of(parse, geocode, text, "hit")
    assert (event.location, event.country) == ("Syria", "Syria")


def test_a_place_abroad_is_carried_only_to_the_next_sentence(parse, geocode) -> None:
    text = (
        "Rebels shelled Hajin on Sunday. The ministers met in Brussels on Monday. "
        "The talks ended without a deal. Clashes killed ten fighters on Tuesday."
    )
    assert place_of(parse, geocode, text, "Clashes").location == "Hajin"


def test_an_english_phrase_is_no_small_town_abroad(parse, geocode) -> None:
    text = "Rebels shelled Hajin on Sunday. Mortar rounds fell on the Old City on Monday."
    doc = parse(text)
    assert "Old City" not in {doc.text[m.start : m.end] for m in geocode.find_mentions(doc)}


def test_a_country_in_a_groups_name_or_a_legal_aside_is_no_place(parse, geocode) -> None:
    text = "The Islamic State in Iraq and the Levant executed 19 men near Hajin on Monday."
    assert names(parse, geocode, text) == {"Hajin": ("", False)}
    text = "Troops clashed with the Islamic State group (banned in Russia) on Monday."
    assert names(parse, geocode, text) == {}


def test_a_possessor_town_stands_for_its_unknown_quarter(parse, geocode) -> None:
    text = "Shells fell on Hasakehs Ghuwayran district on Monday, killing four people."
    event = place_of(parse, geocode, text, "Shells")
    assert (event.location, event.admin1) == ("Al Hasakah", "Al-Hasakeh")


def test_a_province_in_the_sentence_beats_the_country_told_before(parse, geocode) -> None:
    places = [*PLACES, _sy("t:hasakahp", "Al-Hasakeh", 36.5, 40.75, "Al-Hasakeh", "province", precision=3)]
    stage = GeocodeStage(Options(), gazetteer=Gazetteer.from_places(places))
    text = "Russia says its jets hit Syria. A strike killed 49 militants in Hasakeh province on Monday."
    event = place_of(parse, stage, text, "killed")
    assert (event.location, event.geo_precision) == ("Al-Hasakeh", 3)


def test_the_capital_is_the_reports_or_the_named_countrys_capital(parse, geocode) -> None:
    text = "Rebels shelled Hajin on Sunday. Clashes raged east of Syrias capital on Monday."
    event = place_of(parse, geocode, text, "Clashes")
    assert (event.location, event.geo_precision) == ("Damascus", 2)
    text = "Rebels shelled Hajin on Sunday. Mortar rounds hit the Syrian capital on Monday."
    assert place_of(parse, geocode, text, "Mortar").location == "Damascus"
    text = "Rebels shelled Hajin on Sunday. Jets bombed the provincial capital on Monday."
    assert place_of(parse, geocode, text, "bombed").location == "Hajin"


def test_a_lead_that_names_no_place_takes_the_next_place_of_the_lead(parse, geocode) -> None:
    text = (
        "At least 24 people were killed on Tuesday in an attack near a camp, a monitor said. "
        "Suicide attackers blew themselves up inside the camp in Hasakeh city. "
        "Later the monitor added that rebels had shelled Maharda and Mhardeh twice."
    )
    assert place_of(parse, geocode, text, "killed").location == "Al Hasakah"


def test_the_country_across_a_border_or_a_bombing_ally_is_not_the_place(parse, geocode) -> None:
    text = "Jets shelled rugged hills close to the border with Jordan and near Jordans border."
    assert names(parse, geocode, text) == {"Jordan": ("border", False)}
    found = names(parse, geocode, "Bombardment by the regime and its ally Russia killed 80 civilians.")
    assert found == {"Russia": ("", True)}
    text = "Rebels shelled Hajin on Sunday. Jets hit hills close to the border with Jordan on Monday."
    assert place_of(parse, geocode, text, "hit").location == "Hajin"


def test_cues_come_from_a_data_file_the_user_extends(tmp_path: Path) -> None:
    (tmp_path / "place_cues.json").write_text(
        '{"entries": [{"cue": "outlets", "words": ["Hajin Today"]}]}', encoding="utf-8"
    )
    cues = load_cues((tmp_path,))
    assert "hajin today" in cues.outlets and "based" in cues.affiliation and "conference" in cues.venue


def test_common_words_acronyms_and_names_are_not_loose_matches(parse, session_cache: Path) -> None:
    stage = GeocodeStage(Options(), gazetteer=Gazetteer(cache_dir=session_cache))
    text = (
        "Thousands of Syrians fled to Raqqa on Monday. UNICEF said the House had voted. "
        "Kerry said the Russians were not there. Europe sent aid."
    )
    doc = parse(text)
    found = {doc.text[m.start : m.end] for m in stage.find_mentions(doc)}
    assert found == {"Raqqa"}


@pytest.fixture
def session_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The gazetteer cache shared with the other modules of this session."""
    return tmp_path_factory.getbasetemp() / "marsad-cache"


def test_a_place_told_near_a_town_is_never_a_namesake_far_from_it(parse) -> None:
    # the only Maleh the gazetteer knows lies 300 km away: the reference town, as 'near'
    far = [
        _sy("t:aleppo", "Aleppo", 36.20124, 37.16117, "Aleppo", "city", population=1_600_000),
        _sy("t:malah", "Malah", 32.5068, 36.85377, "As-Sweida", "village", aliases=("Maleh",)),
        _sy("t:tall", "Tall Rifat", 36.46, 37.09, "Aleppo", "town"),
        _sy("t:tall2", "Tall Rifat", 33.0, 36.5, "Daraa", "village"),
        _country("SY", "Syria", 33.5102, 36.29128),
    ]
    stage = GeocodeStage(Options(), gazetteer=Gazetteer.from_places(far))
    text = "Rebels and soldiers were killed in battles around Maleh north of Aleppo on Wednesday."
    event = place_of(parse, stage, text, "battles")
    assert (event.location, event.admin1, event.geo_precision) == ("Aleppo", "Aleppo", 2)
    # a namesake near the reference is the place meant
    text = "Rebels and soldiers were killed in battles around Tall Rifat north of Aleppo on Wednesday."
    event = place_of(parse, stage, text, "battles")
    assert (event.location, event.admin1) == ("Tall Rifat", "Aleppo")
    # told without a reference, the one Maleh known stands
    text = "Rebels and soldiers were killed in battles around Maleh on Wednesday."
    assert place_of(parse, stage, text, "battles").admin1 == "As-Sweida"


def test_a_loose_spelling_is_no_village_of_a_province_the_report_never_names(parse) -> None:
    places = [
        *PLACES,
        _sy("t:deir", "Deir ez-Zor", 35.33588, 40.14084, "Deir-ez-Zor", "city", population=240_000),
        _sy("t:qurayya", "Al Qurayya", 32.5472, 36.6939, "As-Sweida", "village", population=6789),
        _sy("t:suwayda", "As Suwayda", 32.70896, 36.56951, "As-Sweida", "city", population=138_000,
            aliases=("Sweida",)),
    ]  # fmt: skip
    stage = GeocodeStage(Options(), gazetteer=Gazetteer.from_places(places))
    text = (
        "Russian jets struck Hajin and Al Mayadin in Deir ez-Zor on Sunday. "
        "Later, 82 people were killed in air strikes on Al Quriyah, a monitor said."
    )
    assert place_of(parse, stage, text, "killed").location != "Al Qurayya"
    # a report about that province, or naming a place in it, keeps the village
    text = "Gunmen shot dead two men in Sweida on Sunday. Later, 8 people were killed in Al Quriyah."
    assert place_of(parse, stage, text, "killed").location == "Al Qurayya"
