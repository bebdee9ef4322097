"""The actors stage (`actors.v1`): canonical actor names, ACLED codes, notes, source and ids.

Runs last: it needs the event's country (from the geocoder) to name generic actors such as
'government forces' or 'civilians', and the date and place to write a neutral note.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from marsad.errors import KnowledgeFileError
from marsad.events.factuality import SOURCE_NOUNS
from marsad.events.roles import WORDS
from marsad.knowledge import load_json, read_objects
from marsad.model import Document, Event
from marsad.model.taxonomy import INTER_CIVILIANS, event_type_of, interaction
from marsad.pipeline import Options, register
from marsad.services.actors import ActorLexicon, ActorMatch, base_key, load_lexicon

# generic state actors and the force of the event's country they stand for
_GENERIC_STATE = {"GOV": "military", "POLICE": "police"}


class ActorStage:
    """Name the actors of every event and fill ACLED's derived columns."""

    name: str = "actors.v1"
    needs: tuple[str, ...] = ("events",)
    sets: tuple[str, ...] = ("named",)

    def __init__(self, options: Options) -> None:
        self.lexicon: ActorLexicon = load_lexicon(tuple(options.knowledge_dirs))
        self.phrases = load_note_phrases(tuple(Path(d) for d in options.knowledge_dirs))
        self.source = options.source
        # the user's --country: with one country given, the country of a report that names none
        self.prior: str | None = options.countries[0] if len(options.countries) == 1 else None
        self.identity = identity_groups(tuple(Path(d) for d in options.knowledge_dirs))

    def __call__(self, doc: Document, feed: str | None = None) -> Document:
        """Name the events of one report; `feed` is the country of the reports it came with,
        for a report that points to none itself."""
        doc_country = dominant_country(doc.text, self.lexicon)
        places = self.lexicon.countries_in(doc.text)
        cues = self.lexicon.countries_in(doc.text, demonyms=True)
        given = _metadata_country(doc) or self.prior
        told: list[ActorMatch] | None = None  # the report's actor mentions, found once if asked
        for event in doc.events:
            country = self._country(event, doc_country, cues, places) or given
            if country is None and feed is None:
                # no place, no country named, no feed's: where the groups it names fight
                country = _base_country(self.lexicon, event, doc.text)
                if country is None:
                    told = self.lexicon.find(doc.text) if told is None else told
                    country = _base_of_mentions(self.lexicon, told)
            self._name(doc, event, country or feed)
        return doc

    def _country(
        self, event: Event, doc_country: str | None, cues: Counter[str], places: Counter[str]
    ) -> str | None:
        """The event's country (ISO2, or a name the lexicon cannot code): where the geocoder put
        it, unless the report never names that country or its places and points to another at
        least twice, once by a place or group name (the geocoder took a name some other country
        shares); without a geocoded country, the country the report's words point to."""
        geo = self.lexicon.country_code(event.country) if event.country else None
        ranked = cues.most_common(2)
        top = ranked[0][0] if ranked and (len(ranked) == 1 or ranked[1][1] < ranked[0][1]) else None
        if geo is None:
            return event.country or doc_country or top
        if not cues[geo] and doc_country is None and top is not None and cues[top] >= 2 and places[top]:
            return top
        if not cues[geo] and doc_country is not None and doc_country != geo and places[doc_country]:
            return doc_country  # the report names its country's places, never the geocoded one's
        return geo

    def process_batch(self, docs: list[Document]) -> list[Document]:
        feed = feed_country(docs, self.lexicon)
        return [self(doc, feed) for doc in docs]

    def _name(self, doc: Document, event: Event, country: str | None) -> None:
        when = event.event_date or doc.published
        lex = self.lexicon
        _sides_from_sentence(event, lex, country)
        _foreign_by_common_words(event, lex, country)
        _unidentified_sides(event, doc.text)
        _blamed_author(doc, event, lex, country)
        _unarmed_assault(event, doc.text, self.identity)
        _parties_as_coded(event, lex)
        _crowd_first(event)
        _crowd_as_coded(event)
        keys1 = [_specific(lex, k, country) for k in event.actor1_keys]
        keys2 = [_specific(lex, k, country) for k in event.actor2_keys]
        assoc1 = [_specific(lex, k, country) for k in event.assoc1_keys]
        assoc2 = [_specific(lex, k, country) for k in event.assoc2_keys]
        event.actor1 = lex.name(keys1[0], country, when) if keys1 else ""
        event.actor2 = lex.name(keys2[0], country, when) if keys2 else ""
        event.assoc_actor_1 = _names(lex, [*keys1[1:], *assoc1], keys1[:1], country, when)
        event.assoc_actor_2 = _names(lex, [*keys2[1:], *assoc2], keys2[:1], country, when)
        event.inter1 = lex.inter(keys1[0], country, when) if keys1 else None
        event.inter2 = lex.inter(keys2[0], country, when) if keys2 else None
        event.interaction = interaction(event.inter1, event.inter2)
        event.civilian_targeting = "Civilian targeting" if event.inter2 == INTER_CIVILIANS else ""
        event.source = self.source or doc.source or ""
        event.notes = note(event, self.phrases)
        event.assign_id()


def _base_country(lexicon: ActorLexicon, event: Event, text: str) -> str | None:
    """Where the groups an event names by their own names fight ('Military forces dislodge Boko
    Haram from Ngoshe': Nigeria), for a report that names no place or country; never a group found
    by common words only ('opposition', 'militants')."""
    named = [*event.actor1_keys, *event.actor2_keys, *event.assoc1_keys, *event.assoc2_keys]
    for key in dict.fromkeys(named):
        found = lexicon.base_of((key,))
        entry = lexicon.entries.get(key)
        if found and entry is not None and _own_names(entry.aliases, entry.acronyms).search(text):
            return found
    return None


def _base_of_mentions(lexicon: ActorLexicon, told: list[ActorMatch]) -> str | None:
    """The same for the groups a report names anywhere by their own names (an acronym, or an alias
    written with capitals), for an event whose sides name none."""
    for m in told:
        if m.kind == "acronym" or (m.kind == "alias" and any(ch.isupper() for ch in m.text)):
            found = lexicon.base_of((m.key,))
            if found:
                return found
    return None


def _metadata_country(doc: Document) -> str | None:
    """The one country a document's metadata gives ('KE'; None for none or several)."""
    codes = [c.strip() for c in str(doc.country or "").split(",") if c.strip()]
    return codes[0] if len(codes) == 1 else None


# a feed has a country when at least this many of its placed reports, and this share, are in it
_FEED_MIN_REPORTS = 3
_FEED_SHARE = 2 / 3


def feed_country(docs: list[Document], lexicon: ActorLexicon) -> str | None:
    """The country of a feed of reports (one batch), for those of its reports that name no place
    and no people ('Police shoot dead a construction worker', 'Mob kills man suspected of theft'):
    a report read in a feed from one country is read as from that country, as a coder reads a
    local paper. It is the country the feed's other reports are placed in (by the geocoder, or by
    their words) when a clear majority of them are in it; None in a feed from many countries."""
    counts: Counter[str] = Counter()
    for doc in docs:
        placed = {lexicon.country_code(e.country) or e.country for e in doc.events if e.country}
        if not placed:
            found = dominant_country(doc.text, lexicon)
            placed = {found} if found else set()
        if len(placed) == 1:
            counts[placed.pop()] += 1
    if not counts:
        return None
    top, n = counts.most_common(1)[0]
    if n < _FEED_MIN_REPORTS or n < _FEED_SHARE * sum(counts.values()):
        return None
    return top


# violence whose sides the parse may miss but the sentence names
_ARMED_TYPES = ("Battles", "Violence against civilians", "Explosions/Remote violence")
# a number before a mention counts its dead or wounded: 'two al Shabaab suspects', '3 soldiers'
_COUNTED = re.compile(
    r"(?i)(?:\b\d+|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|several|dozens of|"
    r"scores of|many|some))(?:\s+[\w'-]+){0,2}\s*$"
)


def _sides_from_sentence(event: Event, lexicon: ActorLexicon, country: str | None) -> None:
    """Violence whose parse named no side takes the armed actors its sentence names: one counted
    is a side that suffered it, never its author ('Kenyan police shot dead two al Shabaab
    suspects': the police, then al Shabaab; 'Mungiki militia slashed a girl to death': Mungiki;
    '3 policemen were killed by a roadside bomb': the police suffered a bomb no one is named for).
    A loaded label ('militants') names no one here; civilians and crowds are never the armed
    side; the other side of a battle is the next armed actor named."""
    if event.actor1_keys or event.event_type not in _ARMED_TYPES or not event.evidence:
        return
    # its victims may be named ('raiders kill civilians'): the author is still the armed side named
    victims = [k for k in event.actor2_keys if k in _UNARMED]
    sentence = event.evidence[0].sentence
    if victims != event.actor2_keys:
        if event.event_type == "Battles":
            _other_side(event, lexicon, country, sentence)
        return
    found = [m for m in lexicon.find(sentence, country=country) if m.kind != "label"]
    armed = [m for m in found if m.key not in _UNARMED and m.key != "UNID"]
    if victims:
        # beside named victims, only a side named before the deed and not as a source ('police
        # and medical sources said') is its author
        where = event.trigger.start - event.evidence[0].start if event.trigger is not None else len(sentence)
        armed = [m for m in armed if m.end <= where and not _SAID_AFTER.match(sentence[m.end :])]
    counted = [m.key for m in armed if _COUNTED.search(sentence[: m.start])]
    acting = list(dict.fromkeys(m.key for m in armed if m.key not in counted))
    suffered = list(dict.fromkeys(k for k in counted if k not in acting))
    event.actor1_keys = acting[:1]
    if event.event_type == "Battles" and not victims:
        event.actor2_keys = (acting[1:] + suffered)[:1]


def _other_side(event: Event, lexicon: ActorLexicon, country: str | None, sentence: str) -> None:
    """A battle whose parse named only the armed side that suffered it ('Six BLA militants were
    killed during an exchange of fire with security forces') was fought by the other armed actor
    its sentence names, never a source ('police claimed') nor a crowd; one whose parse named two
    armed sides that suffered it was fought between them."""
    found = [m for m in lexicon.find(sentence, country=country) if m.kind != "label"]
    others = [
        m.key
        for m in found
        if m.key not in _UNARMED
        and m.key != "UNID"
        and m.key not in event.actor2_keys
        and not _CLAIMED_AFTER.match(sentence[m.end :])
    ]
    event.actor1_keys = others[:1]
    armed = [k for k in event.actor2_keys if k not in _UNARMED and k != "UNID"]
    if not others and len(armed) >= 2:
        # 'An army officer and two Hizbul Mujahideen militants were killed in an encounter': the
        # two sides that suffered it are the battle's two sides
        event.actor1_keys = armed[:1]
        event.actor2_keys = [k for k in event.actor2_keys if k != armed[0]]


# a source: 'police said', 'police and medical sources said', 'the army told reporters'
_SAID_AFTER = re.compile(r"(?i)^\s+(?:[\w'-]+\s+){0,3}?(?:said|says|say|told|reported|stated|added)\b")
# a source, or a side's claim ('police claimed'): no side of a battle the sentence tells
_CLAIMED_AFTER = re.compile(
    r"(?i)^\s+(?:[\w'-]+\s+){0,3}?(?:said|says|say|told|reported|stated|added|claimed)\b"
)


def _foreign_by_common_words(event: Event, lexicon: ActorLexicon, country: str | None) -> None:
    """An armed group of another country found by common words only ('rebels', 'the opposition':
    Syria's Opposition Rebels in 'supporters of Kenyan opposition leader Raila Odinga') is no side
    of an event in this country: it holds only where the report names it ('Free Syrian Army',
    'FSA'). A group of no one country is foreign outside its theatre pack's countries ('a coalition
    of MPC-PRGF' in the Central African Republic is no Global Coalition; 'self-defense groups' in
    Bangui no Mexican Autodefensas). A state's forces keep their own rules ('Ethiopian troops')."""
    # where the event was placed, else the country its report is read as from; with neither, a
    # group of a country the report never names is as foreign ('Troops killed one in battles with
    # rebels' names no Syrian group)
    where = event.country or country
    code = lexicon.country_code(where) if where else None
    if not event.evidence:
        return
    told = " ".join(ev.sentence for ev in event.evidence)
    named = lexicon.countries_in(told, demonyms=True) if code is None else None
    for keys in (event.actor1_keys, event.actor2_keys, event.assoc1_keys, event.assoc2_keys):
        keys[:] = [k for k in keys if not _foreign_unnamed(lexicon, k, code, told, named)]


def _foreign_unnamed(
    lexicon: ActorLexicon, key: str, code: str | None, told: str, named: Counter[str] | None = None
) -> bool:
    entry = lexicon.entries.get(key)
    if entry is None or entry.state or entry.generic:
        return False
    # its home country, else the focus countries of the theatre pack it comes from
    home = entry.country or _named_country(lexicon, entry.name)
    where = (home,) if home else entry.theatre
    if not where or code in where:
        return False
    if code is None and (named is None or any(named[c] for c in where)):
        return False
    return not _own_names(entry.aliases, entry.acronyms).search(told)


@lru_cache(maxsize=256)
def _own_names(aliases: tuple[str, ...], acronyms: tuple[str, ...]) -> re.Pattern[str]:
    """An actor's own names, compiled once: its capitalised aliases in any case ('Free Syrian
    Army'), its acronyms as written ('FSA'); never its common words ('rebels')."""
    proper = [_spaced(a) for a in aliases if any(ch.isupper() for ch in a)]
    parts = [rf"(?i:\b(?:{'|'.join(proper)})\b)"] if proper else []
    parts += [rf"\b{_spaced(a)}\b" for a in acronyms]
    return re.compile("|".join(parts) or r"(?!)")


def _spaced(name: str) -> str:
    """A name as a pattern whose spaces and hyphens match either, as the lexicon's do ('Mayi-Mayi'
    is 'Mayi Mayi')."""
    return r"[\s-]+".join(re.escape(part) for part in re.split(r"[\s-]+", name))


def _named_country(lexicon: ActorLexicon, name: str) -> str | None:
    """The country an ACLED name ends with ('Opposition Rebels (Syria)': SY)."""
    m = re.search(r"\(([^()]+)\)\s*$", name)
    return lexicon.country_code(m.group(1)) if m else None


def _phrases(words: frozenset[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


# 'blamed on X', 'police suspect X', 'believed to be linked to X', 'suspected members of X'
_BLAME_BEFORE = re.compile(rf"(?i)\b(?:{_phrases(WORDS['blame_before'])})\s+(?:[\w'-]+\s+){{0,2}}$")
# 'X claimed responsibility', 'X militants were blamed'
_BLAME_AFTER = re.compile(rf"(?i)^\s+(?:[\w'-]+\s+){{0,2}}?(?:{_phrases(WORDS['blame_after'])})\b")
# 'Al Shabaab suspected.': the note's bare suspect, its clause ended
_SUSPECTED_END = re.compile(r"(?i)^\s+(?:are\s+|is\s+|were\s+|was\s+)?suspected\s*(?:[.;)]|$)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_BLAME_SENTENCES = 3  # the event's sentence and the two after it


def _blamed_author(doc: Document, event: Event, lexicon: ActorLexicon, country: str | None) -> None:
    """Violence by an unidentified side that the report blames on a named armed actor is, as
    ACLED codes it, that actor's: 'Gunmen kill official in refugee camp; perpetrators believed to
    be linked to Al Shabaab', 'Explosion blamed on Al Shabaab', 'Al-Shabaab claimed responsibility
    for the attack' (the event's sentence and the two after it). A side the event already names
    as the one who suffered it becomes the author only where the blame names it so."""
    if event.event_type not in _ARMED_TYPES or event.actor1_keys[:1] != ["UNID"] or not event.evidence:
        return
    start = event.evidence[0].start
    text = doc.text[start:] if 0 <= start < len(doc.text) else event.evidence[0].sentence
    window = " ".join(_SENTENCE_END.split(text, maxsplit=_BLAME_SENTENCES)[:_BLAME_SENTENCES])
    for m in lexicon.find(window, country=country):
        if m.kind == "label" or m.key in _UNARMED or m.key == "UNID":
            continue
        after = window[m.end :]
        if (
            _BLAME_BEFORE.search(window[: m.start])
            or _BLAME_AFTER.match(after)
            or _SUSPECTED_END.match(after)
        ):
            event.actor1_keys = [m.key]
            event.actor2_keys = [k for k in event.actor2_keys if k != m.key]
            return


# the deeds of violence without arms, and the words that arm them (core-en roles.json)
_UNARMED_DEEDS = frozenset(w.lower() for w in WORDS["unarmed_assault"])
_ARMED_MEANS = re.compile(rf"\b(?:{_phrases(WORDS['armed_means'])})\b", re.I)
_MUTUAL_DEEDS = frozenset(("clash", "clashes", "clashed", "clashing", "scuffled"))


def identity_groups(dirs: tuple[Path, ...] = ()) -> re.Pattern[str] | None:
    """The ethnic, communal and clan groups of every pack's militia tables ('Kalenjin', 'Somali',
    'Ogiek'), as one pattern: a fight that names one is its militias', not a crowd's."""
    names: set[str] = set()
    for _path, data in read_objects("actors.json", dirs):
        table = data.get("militias", {}) if isinstance(data, dict) else {}
        for kind, groups in table.items() if isinstance(table, dict) else ():
            if kind not in ("nouns", "about") and isinstance(groups, list):
                names.update(str(g) for g in groups if str(g).strip())
    if not names:
        return None
    return re.compile(rf"\b(?:{_phrases(frozenset(names))})s?\b")


def _unarmed_assault(event: Event, report: str = "", identity: re.Pattern[str] | None = None) -> None:
    """An unnamed group's violence without arms is, as ACLED codes it, mob violence by rioters:
    'assailants assaulted and injured a journalist', 'unidentified persons beat a trader',
    'supporters of two candidates clashed'. Only where its deed is an unarmed one (an assault, a
    beating, a clash of the two unnamed sides) and its sentence names no firearm, explosive, armed
    group or gang ('gunmen assaulted', 'two groups clashed using guns' stay an armed group's) and no
    ethnic, communal or clan group of the packs' militia tables (`identity`) anywhere in its report."""
    if event.sub_event_type not in ("Attack", "Armed clash") or event.actor1_keys[:1] != ["UNID"]:
        return
    if event.trigger is None or not event.evidence:
        return
    deed = event.trigger.text.lower().split()[0] if event.trigger.text.strip() else ""
    if deed not in _UNARMED_DEEDS:
        return
    mutual = deed in _MUTUAL_DEEDS
    if mutual and event.actor2_keys[:1] not in ([], ["UNID"]):
        return  # 'X clashed with police': a side is named, its fight is no crowd's
    sentence = event.evidence[0].sentence
    if _ARMED_MEANS.search(sentence) or (identity is not None and identity.search(report or sentence)):
        return  # 'clashes between Kalenjin and Maasai groups. 3 killed in clashes': their militias'
    event.sub_event_type = "Mob violence"
    event.event_type = event_type_of(event.sub_event_type)
    event.actor1_keys = ["RIOTERS"]
    others = [k for k in event.actor2_keys if k not in ("UNID", "RIOTERS")]
    event.actor2_keys = ["RIOTERS"] if mutual else others


def _unidentified_sides(event: Event, report: str = "") -> None:
    """A side of violence the report leaves unnamed is, as ACLED codes it, an unidentified armed
    group: the perpetrator of an attack on civilians or of a bombing, either side of a clash; the
    unnamed side of a riot or a protest is its crowd."""
    if "UNID" in (*event.actor1_keys, *event.actor2_keys):
        return
    crowd = _CROWD_OF_TYPE.get(event.event_type)
    if crowd is not None and not event.actor1_keys:
        # a riot or a protest no one is named for is the crowd's: 'rioters', 'protesters'
        event.actor1_keys = [crowd]
        event.actor2_keys = [k for k in event.actor2_keys if k != crowd]
    elif event.sub_event_type == "Arrests" and not event.actor1_keys:
        # 'Governor X was arrested a day after...': an arrest no one is named for is the police's
        event.actor1_keys = ["POLICE"]
        event.actor2_keys = [k for k in event.actor2_keys if k != "POLICE"]
    elif event.sub_event_type == "Armed clash" and not event.actor1_keys and not event.actor2_keys:
        event.actor1_keys, event.actor2_keys = ["UNID"], ["UNID"]  # a clash of sides no one names
    elif event.event_type in ("Violence against civilians", "Explosions/Remote violence"):
        if not event.actor1_keys:
            # an air strike no one is named for is the state's, whose air force it is ('2 killed
            # in air raid', 'jet fighters pounded Dattakhel'), where the report tells of the air (a
            # workers' 'strike' does not); other unnamed violence is an unknown group's
            told = report or (event.evidence[0].sentence if event.evidence else "")
            aerial = event.sub_event_type == "Air/drone strike" and bool(_AERIAL_MEANS.search(told))
            event.actor1_keys = ["GOV" if aerial else "UNID"]
    elif event.sub_event_type == "Armed clash" and bool(event.actor1_keys) != bool(event.actor2_keys):
        if event.actor1_keys and event.actor1_keys[0] not in _UNARMED:
            event.actor2_keys = ["UNID"]
        elif event.actor2_keys and event.actor2_keys[0] not in _UNARMED:
            event.actor1_keys = ["UNID"]


_UNARMED = frozenset(("CIV", "PROTESTERS", "RIOTERS"))
# the words that tell a strike came from the air (core-en roles.json)
_AERIAL_MEANS = re.compile(rf"\b(?:{_phrases(WORDS['aerial_means'])})\b", re.I)
_CROWD_OF_TYPE = {"Riots": "RIOTERS", "Protests": "PROTESTERS"}
# the crowd as ACLED names it by the event's type: rioters in a riot, protesters in a protest
_CROWD_BY_TYPE = {"Riots": ("PROTESTERS", "RIOTERS"), "Protests": ("RIOTERS", "PROTESTERS")}


def _parties_as_coded(event: Event, lexicon: ActorLexicon) -> None:
    """A political party's people are coded as ACLED codes them: its members' demonstration or
    riot is the crowd's, the party associated with it ('Protesters (Zambia)' with 'UPND: United
    Party for National Development'); its members harmed by violence are civilians, the party
    associated ('PF cadres attacked UPND members'). Its militants' violence stays the party's."""
    crowd = _CROWD_OF_TYPE.get(event.event_type)

    def party(key: str) -> bool:
        entry = lexicon.entries.get(key)
        return entry is not None and entry.party

    if crowd is not None:
        for keys, assoc in ((event.actor1_keys, event.assoc1_keys), (event.actor2_keys, event.assoc2_keys)):
            if keys and party(keys[0]):
                assoc[:0] = [k for k in keys if party(k) and k not in assoc]
                keys[:] = [crowd, *(k for k in keys if not party(k))]
        if event.actor2_keys[:1] == [crowd] and event.actor1_keys[:1] == [crowd] and not event.assoc2_keys:
            event.actor2_keys = []  # one crowd, no second side
    elif (
        event.event_type == "Violence against civilians" and event.actor2_keys and party(event.actor2_keys[0])
    ):
        event.assoc2_keys[:0] = [k for k in event.actor2_keys if party(k) and k not in event.assoc2_keys]
        event.actor2_keys = ["CIV", *(k for k in event.actor2_keys if not party(k))]


def _crowd_first(event: Event) -> None:
    """A demonstration's first side is its crowd, as ACLED codes every protest and riot: the
    civilians or unnamed people who demonstrate are its protesters or rioters ('teachers staged a
    dharna', 'workers went on strike'), and the state's forces met there are its second side
    ('police dispersed the protesters': the protesters, then the police), never its author; a
    peaceful protest has no second side but its named people ('against the state government')."""
    crowd = _CROWD_OF_TYPE.get(event.event_type)
    if crowd is None or not event.actor1_keys:
        return
    first = event.actor1_keys[0]
    if first in ("CIV", "UNID"):
        event.actor1_keys[0] = crowd
    elif base_key(first) in _GENERIC_STATE or first in _GENERIC_STATE:
        rest = [k for k in event.actor2_keys if k != first]
        event.actor1_keys = [crowd]
        if event.sub_event_type == "Peaceful protest":
            event.actor2_keys = [k for k in rest if k not in _UNARMED and base_key(k) not in _GENERIC_STATE]
        else:
            event.actor2_keys = [first, *(k for k in rest if k not in _UNARMED)]
    event.actor1_keys = list(dict.fromkeys(event.actor1_keys))
    event.actor2_keys = [k for k in event.actor2_keys if k not in event.actor1_keys[:1]]


def _crowd_as_coded(event: Event) -> None:
    """A crowd is named by what it did, as ACLED codes it: the protesters of a violent
    demonstration are rioters, the rioters of a peaceful protest protesters."""
    swap = _CROWD_BY_TYPE.get(event.event_type)
    if swap is None:
        return
    was, now = swap

    def fix(keys: list[str]) -> list[str]:
        out = [now if k == was else k for k in keys]
        return list(dict.fromkeys(out))

    event.actor1_keys = fix(event.actor1_keys)
    event.actor2_keys = [k for k in fix(event.actor2_keys) if k not in event.actor1_keys[:1]]


def _specific(lexicon: ActorLexicon, key: str, country: str | None) -> str:
    """'government forces' or 'the police' in a report from country X: X's military or police."""
    force = _GENERIC_STATE.get(key)
    return (lexicon.state_force(country, force) if force else None) or key


def _names(
    lexicon: ActorLexicon, keys: list[str], exclude: list[str], country: str | None, when: date | None = None
) -> list[str]:
    out: list[str] = []
    for key in keys:
        name = lexicon.name(key, country, when)
        if key not in exclude and name not in out:
            out.append(name)
    return out


def dominant_country(text: str, lexicon: ActorLexicon | None = None) -> str | None:
    """The country a report is mostly about, from its place, group and people's names (None if
    unclear)."""
    return (lexicon or load_lexicon()).dominant_country(text)


@dataclass(frozen=True)
class NotePhrases:
    """How a note tells each sub-event type ('verb', 'alone', 'noun') and each modality that is no
    event, read from `notes.json` (bundled, then the user's knowledge directories)."""

    by_type: dict[str, dict[str, str]]
    modalities: dict[str, str]


def load_note_phrases(dirs: tuple[Path, ...] = ()) -> NotePhrases:
    """The note phrases: later files' entries override earlier ones, sub-type by sub-type."""
    by_type: dict[str, dict[str, str]] = {}
    for entry in load_json("notes.json", dirs):
        if not isinstance(entry, dict) or "sub_event_type" not in entry:
            raise KnowledgeFileError(f"notes.json entry needs a 'sub_event_type': {entry!r}")
        by_type[str(entry["sub_event_type"])] = {k: str(v) for k, v in entry.items()}
    modalities: dict[str, str] = {}
    for _path, data in read_objects("notes.json", dirs):
        modalities.update(data.get("modalities", {}))
    return NotePhrases(by_type, modalities)


_BUNDLED_PHRASES: list[NotePhrases] = []
# generic actor names as a sentence says them
_GENERIC_NAMES = {
    "civilians": "civilians",
    "rioters": "rioters",
    "protesters": "protesters",
    "unidentified armed group": "an unidentified armed group",
}
_MONTHS = "January February March April May June July August September October November December".split()


def note(event: Event, phrases: NotePhrases | None = None) -> str:
    """A neutral note in ACLED's manner, whatever words the source used: 'On 5 July 2016, X
    attacked civilians in Al Hasakah, Al-Hasakeh, according to Y. 16 fatalities, 20 wounded.'
    A record that is no event says what it is ('... was reportedly planned')."""
    if phrases is None:
        if not _BUNDLED_PHRASES:
            _BUNDLED_PHRASES.append(load_note_phrases())
        phrases = _BUNDLED_PHRASES[0]
    say = phrases.by_type.get(event.sub_event_type, {})
    actor1, actor2 = _say_actor(event.actor1), _say_actor(event.actor2)
    place = _say_place(event)
    if event.modality == "occurred" or event.modality not in phrases.modalities:
        template = say.get("verb" if actor2 else "alone") or event.sub_event_type.lower()
        action = template.replace("{actor2}", actor2)
        if "{place}" in template:
            action = action.replace("{place}", place or "territory")
        elif place:
            action += f" in {place}"
        if actor1:
            text = f"{_say_date(event)}, {actor1} {action}"
        else:  # no side named: the event itself ('an armed clash took place in Aleppo')
            what = say.get("noun") or event.sub_event_type.lower()
            against = f" against {actor2}" if actor2 else ""
            text = f"{_say_date(event)}, {what}{against} took place" + (f" in {place}" if place else "")
    else:
        what = say.get("noun") or event.sub_event_type.lower()
        what += f" by {actor1}" if actor1 else ""
        what += f" against {actor2}" if actor2 else ""
        what += f" in {place}" if place else ""
        text = f"{_say_date(event)}, {what} {phrases.modalities[event.modality]}"
    if event.claimant:
        text += f", according to {_say_source(event.claimant)}"
    return text + "." + _say_toll(event)


def _say_date(event: Event) -> str:
    d = event.event_date
    if d is None:
        return "On an unknown date"
    start, end = event.date_start, event.date_end
    if (
        start is not None
        and end is not None
        and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
    ):
        return f"In {d.year}"  # dated by its year alone
    if event.time_precision == 3:
        return f"In {_MONTHS[d.month - 1]} {d.year}"
    around = "Around" if event.time_precision == 2 else "On"
    return f"{around} {d.day} {_MONTHS[d.month - 1]} {d.year}"


def _say_actor(name: str) -> str:
    """An actor's name without its period or country ('Military Forces of Syria (2000-2024)')."""
    bare = re.sub(r"\s*\([^()]*\)$", "", name).strip()
    return _GENERIC_NAMES.get(bare.lower(), bare)


def _say_place(event: Event) -> str:
    if event.location:
        same = not event.admin1 or event.admin1.lower() == event.location.lower()
        return event.location if same else f"{event.location}, {event.admin1}"
    return event.admin1 or event.country


def _say_source(claimant: str) -> str:
    """'the Syrian Observatory for Human Rights', 'the monitoring group', 'the Observatory', 'the
    US Defense Department'; names stay bare ('SANA', 'Rami Abdel Rahman')."""
    last = claimant.split()[-1]
    common = last.islower() or last.lower() in SOURCE_NOUNS
    if claimant[:1].islower() or re.search(r"\b(of|for)\b", claimant) or common:
        return "the " + claimant if not re.match(r"(?i)(the|a|an) ", claimant) else claimant
    return claimant


def _say_toll(event: Event) -> str:
    parts = []
    if event.fatalities:
        parts.append(f"{event.fatalities} {'fatality' if event.fatalities == 1 else 'fatalities'}")
    if event.wounded:
        parts.append(f"{event.wounded} wounded")
    return (" " + ", ".join(parts) + ".") if parts else ""


@register("actors.v1")
def make_actors(options: Options) -> ActorStage:
    """Build the naming stage."""
    return ActorStage(options)
