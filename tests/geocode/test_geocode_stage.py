"""The geocode stage on hand-built documents: segment + nlp + geocode, with a small gazetteer."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.model import Document, Event, Trigger
from marsad.pipeline import Options, create
from marsad.services.gazetteer import Gazetteer, Place, distance_km
from marsad.stages.geocode import GeocodeStage


def _place(
    pid: str, name: str, lat: float, lon: float, admin1: str, kind: str = "town", **kw: object
) -> Place:
    """A Syrian place for the test gazetteer."""
    return Place(pid, name, lat, lon, "SY", "Syria", admin1=admin1, type=kind, iso=760, **kw)  # type: ignore[arg-type]


PLACES = [
    _place("t:hajin", "Hajin", 34.69508, 40.83138, "Deir-ez-Zor", population=29237),
    _place("t:mayadin", "Al Mayadin", 35.01982, 40.45154, "Deir-ez-Zor", aliases=("Mayadeen", "al-Mayadin")),
    _place("t:maharda", "Maharda", 35.2479, 36.5725, "Hama", aliases=("Mhardeh",)),
    _place("t:damascus", "Damascus", 33.5102, 36.29128, "Damascus", "city", population=1_500_000),
    _place("t:deir", "Deir ez-Zor", 35.33588, 40.14084, "Deir-ez-Zor", "city", population=270_000),
    _place("t:deirp", "Deir-ez-Zor", 35.33588, 40.14084, "Deir-ez-Zor", "province", precision=3),
    _place("t:idlib", "Idlib", 35.93062, 36.63393, "Idleb", "city", population=128_000),
    _place("t:sugar", "Deir ez-Zor sugar factory", 35.39, 40.11, "Deir-ez-Zor", "factory",
           context_aliases=("sugar factory",)),
    Place("t:baghdad", "Baghdad", 33.34058, 44.40088, "IQ", "Iraq", admin1="Baghdad", type="city", iso=368),
    # two towns whose names fold to one key; only the second lies in Kirkuk province
    Place("t:hajiawa", "Hajiawa", 36.23579, 44.79469, "IQ", "Iraq", admin1="Sulaymaniyah", type="town",
          population=80_000, aliases=("Hawjia",), iso=368),
    Place("t:hawijah", "Al Hawijah", 35.32592, 43.77267, "IQ", "Iraq", admin1="Kirkuk", iso=368),
    Place("t:kirkukp", "Kirkuk", 35.46806, 44.39222, "IQ", "Iraq", admin1="Kirkuk", type="province", precision=3,
          iso=368),
    # decoys: were the person and actor filters broken, these would be found
    _place("t:nasrallah", "Nasrallah", 35.0, 37.0, "Hama", "village"),
    _place("t:daesh", "Daesh", 35.1, 37.1, "Hama", "village"),
]  # fmt: skip

pytestmark = pytest.mark.slow


@pytest.fixture
def session_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A gazetteer cache under this session's temporary directory, shared by the modules that use it."""
    return tmp_path_factory.getbasetemp() / "marsad-cache"


@pytest.fixture(scope="module")
def geocode() -> GeocodeStage:
    """The stage over the small test gazetteer."""
    return GeocodeStage(Options(), gazetteer=Gazetteer.from_places(PLACES))


def geocoded(parse, stage: GeocodeStage, text: str, trigger: str) -> tuple[Document, Event]:
    """Parse a text, put an event on the trigger word, run the stage, return the doc and event."""
    doc = parse(text)
    start = text.index(trigger)
    sent = doc.sentence_at(start)
    assert sent is not None
    event = Event("Battles", "Armed clash", document=doc.id)
    event.trigger = Trigger(start, start + len(trigger), trigger, "test", sent.index)
    doc.events = [event]
    stage(doc)
    return doc, event


def test_registered_with_its_contract() -> None:
    stage = create("geocode.v1", Options())
    assert isinstance(stage, GeocodeStage)
    assert stage.needs == ("parse", "events") and stage.sets == ("places",)


def test_object_of_the_trigger_beats_an_earlier_place(parse, geocode) -> None:
    text = "After talks in Damascus on Sunday, regime forces shelled the town of Mhardeh on Monday."
    doc, event = geocoded(parse, geocode, text, "shelled")
    assert event.location == "Maharda"
    assert (event.geo_precision, event.country, event.iso, event.admin1) == (1, "Syria", 760, "Hama")
    assert event.admin3 == ""
    keys = {m.key for m in doc.mentions if m.label == "place"}
    assert {"t:maharda", "t:damascus"} <= keys


def test_offset_moves_the_point(parse, geocode) -> None:
    text = "The fighters liberated the oil station 10 km east of al-Mayadeen on Sunday."
    _, event = geocoded(parse, geocode, text, "liberated")
    assert event.location == "Al Mayadin" and event.geo_precision == 2
    assert event.latitude is not None and event.longitude is not None
    assert event.longitude > 40.45154 + 0.08 and abs(event.latitude - 35.01982) < 0.01
    assert 9.5 < distance_km(35.01982, 40.45154, event.latitude, event.longitude) < 10.5


def test_near_a_town_is_precision_two_at_the_town(parse, geocode) -> None:
    _, event = geocoded(parse, geocode, "Clashes erupted near Hajin on Monday night.", "Clashes")
    assert (event.location, event.geo_precision) == ("Hajin", 2)
    assert (event.latitude, event.longitude) == (34.69508, 40.83138)


def test_the_town_itself_is_precision_one(parse, geocode) -> None:
    _, event = geocoded(parse, geocode, "Regime forces shelled Hajin on Monday.", "shelled")
    assert (event.location, event.geo_precision) == ("Hajin", 1)


def test_a_province_is_precision_three(parse, geocode) -> None:
    _, event = geocoded(
        parse, geocode, "Warplanes struck targets in Deir ez-Zor province on Monday.", "struck"
    )
    assert (event.location, event.geo_precision, event.admin1) == ("Deir-ez-Zor", 3, "Deir-ez-Zor")


def test_countryside_of_a_city_is_precision_two(parse, geocode) -> None:
    _, event = geocoded(
        parse, geocode, "Regime aircraft bombed villages in the southern countryside of Idlib.", "bombed"
    )
    assert (event.location, event.geo_precision) == ("Idlib", 2)


def test_people_and_actors_are_not_places(parse, geocode) -> None:
    text = "Hezbollah leader Nasrallah said that Daesh fighters attacked the convoy on Monday."
    doc, event = geocoded(parse, geocode, text, "attacked")
    assert [m for m in doc.mentions if m.label == "place"] == []
    assert event.location == "" and event.latitude is None and event.geo_precision is None


def test_a_group_named_after_a_place_is_an_actor(parse, geocode) -> None:
    doc = parse("The Deir ez-Zor Military Council said on Monday that its fighters repelled the attack.")
    assert geocode.find_mentions(doc) == []


def test_previous_sentence_carries_the_place(parse, geocode) -> None:
    text = "Regime forces entered Hajin on Monday. They shelled the town again the next day."
    _, event = geocoded(parse, geocode, text, "shelled")
    assert event.location == "Hajin"


def test_dateline_is_the_last_resort(parse, geocode) -> None:
    text = "BAGHDAD, June 18 (Wire) - A bomb exploded in a crowded market on Friday, killing three people."
    _, event = geocoded(parse, geocode, text, "exploded")
    assert (event.location, event.country, event.iso) == ("Baghdad", "Iraq", 368)


def test_generic_facility_needs_its_province(parse, geocode) -> None:
    text = "Fighters from Deir ez-Zor liberated the sugar factory on Monday."
    _, event = geocoded(parse, geocode, text, "liberated")
    assert event.location == "Deir ez-Zor sugar factory"
    doc = parse("Workers in Damascus protested outside the sugar factory on Monday.")
    assert all(m.place.id != "t:sugar" for m in geocode.find_mentions(doc))


def test_real_gazetteer_resolves_a_partisan_spelling(parse, session_cache: Path) -> None:
    stage = GeocodeStage(Options(), gazetteer=Gazetteer(cache_dir=session_cache))
    text = "Regime forces entered al-Bokmal city and expelled the mercenaries from it on Wednesday."
    _, event = geocoded(parse, stage, text, "entered")
    assert event.latitude is not None and event.longitude is not None
    assert distance_km(event.latitude, event.longitude, 34.45226, 40.91854) < 3
    assert (event.country, event.iso, event.admin1, event.geo_precision) == ("Syria", 760, "Deir-ez-Zor", 1)


def test_the_province_named_after_a_town_picks_among_namesakes(parse, geocode) -> None:
    _, event = geocoded(parse, geocode, "Clashes flared in Hawija, Kirkuk province, on Monday.", "Clashes")
    assert (event.location, event.admin1, event.country) == ("Al Hawijah", "Kirkuk", "Iraq")


def test_between_two_towns_is_their_midpoint(parse, geocode) -> None:
    text = "A roadside bomb exploded on the road between Hajin and al-Mayadin on Monday."
    _, event = geocoded(parse, geocode, text, "exploded")
    assert (event.location, event.geo_precision) == ("Hajin", 2)
    assert event.latitude == pytest.approx((34.69508 + 35.01982) / 2, abs=1e-4)


@pytest.mark.slow
def test_a_loose_namesake_abroad_does_not_set_the_reports_country() -> None:
    from marsad.model import Document
    from marsad.pipeline import Pipeline

    text = (
        "DEIR EZ-ZOR - Syrian regime warplanes bombarded SDF positions on Monday.\n\n"
        "On the same day the mercenaries attacked SDF points in al-Salihiyah village with a bombed vehicle."
    )
    doc = Pipeline()(Document(text=text, id="t.txt"))
    assert all(e.country != "Iraq" for e in doc.events)


def test_a_quarter_of_a_city_is_not_a_namesake_abroad(events_of) -> None:
    # "the Old City of Damascus": Damascus, not the Old City of Jerusalem
    events = [
        e
        for e in events_of(
            "A mortar shell fell on a school in the Old City of Damascus on Monday, killing two children."
        )
        if e.modality == "occurred"
    ]
    assert events and (events[0].location, events[0].country) == ("Damascus", "Syria")
