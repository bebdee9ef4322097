"""The actors stage (`actors.v1`): canonical actor names, ACLED codes, notes, source and ids.

Runs last: it needs the event's country (from the geocoder) to name generic actors such as
'government forces' or 'civilians', and the date and place to write a neutral note.
"""

from __future__ import annotations

import re
from collections import Counter

from marsad.model import Document, Event
from marsad.model.taxonomy import INTER_CIVILIANS, interaction
from marsad.pipeline import Options, register
from marsad.services.actors import COUNTRY_NAMES, ActorLexicon, load_lexicon

ISO2_BY_NAME = {name: code for code, name in COUNTRY_NAMES.items()}
_COUNTRY_CUES = {
    "SY": re.compile(
        r"\b(Syria|Syrian|Damascus|Aleppo|Idle?b|Raqq?a|Deir|Homs|Hama|Daraa|Deraa|Hasakah?|"
        r"Palmyra|Qamishli|Manbij|Sweida|Latakia|Assad)\b"
    ),
    "IQ": re.compile(
        r"\b(Iraq|Iraqi|Baghdad|Mosul|Basra|Anbar|Fallujah|Ramadi|Kirkuk|Erbil|Najaf|Karbala|"
        r"Diyala|Baqubah?|Tikrit|Nasiriy?ah?|Sulaymaniyah|Sulaimaniya)\b"
    ),
}
_GENERIC_STATE = {"GOV": {"SY": "SYR_GOV", "IQ": "IRQ_GOV"}}


class ActorStage:
    """Name the actors of every event and fill ACLED's derived columns."""

    name: str = "actors.v1"
    needs: tuple[str, ...] = ("events",)
    sets: tuple[str, ...] = ("named",)

    def __init__(self, options: Options) -> None:
        self.lexicon: ActorLexicon = load_lexicon(tuple(options.knowledge_dirs))
        self.source = options.source

    def __call__(self, doc: Document) -> Document:
        doc_country = dominant_country(doc.text)
        for event in doc.events:
            self._name(doc, event, doc_country)
        return doc

    def process_batch(self, docs: list[Document]) -> list[Document]:
        return [self(doc) for doc in docs]

    def _name(self, doc: Document, event: Event, doc_country: str | None) -> None:
        country = ISO2_BY_NAME.get(event.country) or doc_country
        keys1 = [_specific(k, country) for k in event.actor1_keys]
        keys2 = [_specific(k, country) for k in event.actor2_keys]
        assoc1 = [_specific(k, country) for k in event.assoc1_keys]
        event.actor1 = self.lexicon.name(keys1[0], country) if keys1 else ""
        event.actor2 = self.lexicon.name(keys2[0], country) if keys2 else ""
        event.assoc_actor_1 = _names(self.lexicon, [*keys1[1:], *assoc1], keys1[:1], country)
        event.assoc_actor_2 = _names(self.lexicon, [*keys2[1:], *event.assoc2_keys], keys2[:1], country)
        event.inter1 = self.lexicon.inter(keys1[0]) if keys1 else None
        event.inter2 = self.lexicon.inter(keys2[0]) if keys2 else None
        event.interaction = interaction(event.inter1, event.inter2)
        event.civilian_targeting = "Civilian targeting" if event.inter2 == INTER_CIVILIANS else ""
        event.source = self.source or doc.source or ""
        event.notes = note(event)
        event.assign_id()


def _specific(key: str, country: str | None) -> str:
    return _GENERIC_STATE.get(key, {}).get(country or "", key)


def _names(lexicon: ActorLexicon, keys: list[str], exclude: list[str], country: str | None) -> list[str]:
    out: list[str] = []
    for key in keys:
        name = lexicon.name(key, country)
        if key not in exclude and name not in out:
            out.append(name)
    return out


def dominant_country(text: str) -> str | None:
    """The country a report is mostly about, from place and actor words (None if unclear)."""
    ranked = Counter({code: len(rx.findall(text)) for code, rx in _COUNTRY_CUES.items()}).most_common()
    if not ranked or not ranked[0][1] or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def note(event: Event) -> str:
    """A neutral note in ACLED's manner, whatever words the source used."""
    when = f"On {event.event_date.isoformat()}" if event.event_date else "On an unknown date"
    where = f" in {event.location}" if event.location else ""
    who = event.actor1 or "unidentified actors"
    against = f" against {event.actor2}" if event.actor2 else ""
    toll = f" Fatalities: {event.fatalities}." if event.fatalities else ""
    hurt = f" Wounded: {event.wounded}." if event.wounded else ""
    claim = f" According to {event.claimant}." if event.claimant else ""
    mod = "" if event.modality == "occurred" else f" Not an event: {event.modality}."
    return f"{when}{where}, {who}: {event.sub_event_type.lower()}{against}.{toll}{hurt}{claim}{mod}"


@register("actors.v1")
def make_actors(options: Options) -> ActorStage:
    """Build the naming stage."""
    return ActorStage(options)
