"""One real event, one record: the tellings of an event across a report joined.

A news article tells its main event several times: the headline, the lead, the body ("the blast
ripped through ..."), a later "the attack was claimed by ...". Each telling gives part of the
record: the headline a country, the lead the town and the toll, a later sentence the perpetrator.
Two records of one report are tellings of one event when nothing they say keeps them apart:

- the same modality (news joins news, history joins history);
- dates that overlap (an undated telling spans the week before the reference date);
- places that agree: the same point, or one only a region or country that holds the other;
- sub-event types that agree: the same type, two kinds of explosion or remote violence, or one
  told only as a generic attack or toll ("the attack", "N were killed");
- sides that agree: no named actor of one contradicts the other's.

The joined record keeps the most specific type (`specificity` in `discourse.json`), the finest
place, the most precise date, named actors over unidentified ones, all the evidence, and for each
toll the larger figure: one event told twice is not two tolls.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from marsad.events.cues import cues
from marsad.model import Event
from marsad.model.event import PLACE_FIELDS
from marsad.model.taxonomy import SUB_EVENT_TYPES, TERRITORIAL, VIOLENT_EVENT_TYPES
from marsad.services.actors import ActorRoles
from marsad.services.gazetteer import distance_km

# two points closer than this are one place told twice (a town and its centre, two spellings)
SAME_PLACE_KM = 5.0
_UNNAMED = frozenset(("UNID", ""))


def join_tellings(events: list[Event], roles: ActorRoles | None = None) -> list[Event]:
    """The report's records with each event's tellings joined into its first record.

    A telling placed only at a region that fits two events told apart by their places ('13 killed
    in air raids on Aleppo province' over a raid on one village and a raid on another) sums them:
    it joins neither. `roles` (the sides' capabilities) say which way round two tellings that
    reversed the sides are right: an air strike's doer has aircraft.
    """
    events = _fold_support(events)
    kept: list[Event] = []
    for event in events:
        told = _antecedent(kept, event)
        if told is not None:
            absorb(told, event, own_place=False)
            continue
        # 'in another attack': one more event, though later tellings may join it
        matches = [] if event.another else [k for k in kept if same_event(k, event)]
        if not matches or (_coarse(event) and _distinct_places(matches)):
            kept.append(event)
            continue
        target = matches[-1]
        if _coarse(target) and _distinct_places(
            [e for e in events if e is not target and same_event(target, e)]
        ):
            kept.append(event)
            continue
        absorb(target, event, roles=roles)
    return kept


def _fold_support(events: list[Event]) -> list[Event]:
    """Fold each supporting event ('backed by air strikes') into the event of its sentence it
    supports, wherever that comes in the list."""
    out = list(events)
    for event in events:
        if not event.supporting or event.trigger is None:
            continue
        sentence = event.trigger.sentence
        main = [
            e
            for e in out
            if e is not event
            and not e.supporting
            and e.modality == event.modality
            and e.trigger is not None
            and e.trigger.sentence == sentence
        ]
        if main:
            absorb(main[0], event, own_place=False)
            out.remove(event)
    return out


def _antecedent(kept: list[Event], event: Event) -> Event | None:
    """The event a definite event noun with no place of its own tells again ('Syria's opposition
    condemned the bombing'): the last violent event told before it, on dates that agree."""
    if not event.anaphoric or event.event_type not in VIOLENT_EVENT_TYPES:
        return None
    for prev in reversed(kept):
        if (
            prev.modality == event.modality
            and prev.event_type in VIOLENT_EVENT_TYPES
            and not told_apart(prev, event)
        ):
            agree = _dates_agree(prev, event) and _kin(prev, event)
            # 'The bombardment struck the town of X': a place of its own, where the event told
            # before it happened, tells that event again; elsewhere it is another
            if event.place_span is not None and not _same_point(prev, event):
                return None
            return prev if agree else None
    return None


def _same_point(a: Event, b: Event) -> bool:
    """Both records placed, at one point."""
    if a.latitude is None or b.latitude is None or a.longitude is None or b.longitude is None:
        return False
    return distance_km(a.latitude, a.longitude, b.latitude, b.longitude) <= SAME_PLACE_KM


def _kin(a: Event, b: Event) -> bool:
    """Types one event can be told as: the same kind of violence, or a generic telling of any."""
    return a.event_type == b.event_type or _generic(a) or _generic(b) or _types_agree(a, b)


def _distinct_places(events: list[Event]) -> bool:
    """True when two of the events are placed at distinct fine places."""
    fine = [e for e in events if not _coarse(e) and e.latitude is not None and e.longitude is not None]
    return any(
        distance_km(a.latitude, a.longitude, b.latitude, b.longitude) > SAME_PLACE_KM  # type: ignore[arg-type]
        for i, a in enumerate(fine)
        for b in fine[i + 1 :]
    )


def same_event(a: Event, b: Event) -> bool:
    """True when nothing the two records say keeps them apart as two events."""
    if a.modality != b.modality or told_apart(a, b):
        return False
    if not (_places_agree(a, b) and _sides_agree(a, b)):
        return False
    if _types_agree(a, b) and _dates_agree(a, b):
        return True
    return _one_count(a, b)


# one death toll told twice, on days this close, names one event even where the two tellings
# read its kind differently ('the air force destroyed a convoy, killing about a hundred' and
# 'killed more than 100 militants in a series of air strikes'), or put it on the night before
TOLL_SLACK = timedelta(days=1)
# a toll this small is told of many events alike: it names none
DISTINCT_TOLL = 2


def _one_count(a: Event, b: Event) -> bool:
    """Two violent tellings, neither a town taken, with one toll of several dead on days that agree
    within a day, at agreeing places: one event."""
    if a.event_type not in VIOLENT_EVENT_TYPES or b.event_type not in VIOLENT_EVENT_TYPES:
        return False
    if a.sub_event_type in TERRITORIAL or b.sub_event_type in TERRITORIAL:
        return False
    if a.fatalities is None or a.fatalities < DISTINCT_TOLL or a.fatalities != b.fatalities:
        return False
    if a.event_date is None or b.event_date is None:
        return False
    return abs(a.event_date - b.event_date) <= TOLL_SLACK


def told_apart(a: Event, b: Event) -> bool:
    """Two triggers of one sentence that the event engine kept as two events, each with its own
    place phrase ('an attack was carried out on the points in the Jafra centre, the regime also
    launched attacks on the SDF in Jabayla village'), stay two, even where the gazetteer put both
    at one point."""
    if a.trigger is None or b.trigger is None:
        return False
    same_sentence = a.trigger.sentence == b.trigger.sentence and a.trigger.start != b.trigger.start
    if not same_sentence or a.place_span == b.place_span:
        return False
    if a.place_span is None or b.place_span is None:
        placeless = a if a.place_span is None else b
        if _same_point(a, b) and (_one_toll(a, b) or _generic(placeless)):
            # 'At least 43 people were killed Saturday in a suicide car bomb attack'; a bare toll or
            # 'attack' with no place of its own tells the event its sentence places
            return False
        return not (a.anaphoric or b.anaphoric)  # 'claims the attack that hit a police station in X'

    # 'at a market in the town of X' and 'the town of X' are one place phrase
    apart = a.place_span[1] <= b.place_span[0] or b.place_span[1] <= a.place_span[0]
    # a headline run on into its lead tells one toll twice ('Suicide bomber kills six in Syria
    # restaurant Suicide bombing in Aleppo restaurant kills six'): one toll of one kind at one point;
    # so does one doer's deed of one kind at one point told with its toll once ('At least 43 were
    # killed in a suicide car bomb attack on buses carrying evacuees from X to Y')
    return apart and not (_same_point(a, b) and (_one_toll(a, b) or _one_deed(a, b)))


def _one_deed(a: Event, b: Event) -> bool:
    """One kind of event by the same doer, with at most one of the two telling a toll."""
    return (
        a.sub_event_type == b.sub_event_type
        and a.actor1_keys[:1] == b.actor1_keys[:1]
        and (not a.fatalities or not b.fatalities)
    )


def _one_toll(a: Event, b: Event) -> bool:
    return a.sub_event_type == b.sub_event_type and bool(a.fatalities) and a.fatalities == b.fatalities


def _generic(event: Event) -> bool:
    return event.trigger is not None and event.trigger.rule in cues().generic_rules


def _types_agree(a: Event, b: Event) -> bool:
    if a.sub_event_type == b.sub_event_type:
        return True
    if frozenset((a.sub_event_type, b.sub_event_type)) in cues().kin_types:
        return True
    if a.sub_event_type in TERRITORIAL or b.sub_event_type in TERRITORIAL:
        return False  # a town taken is its own event, never a generic telling of a fight
    both_violent = a.event_type in VIOLENT_EVENT_TYPES and b.event_type in VIOLENT_EVENT_TYPES
    return both_violent and (_generic(a) or _generic(b))


# a definite 'the attack' is often dated by the statement that tells it ('the attack in Idlib,
# the ambassador said on Wednesday'): its date may lie this many days from the event's
ANAPHOR_SLACK = timedelta(days=7)


def _dates_agree(a: Event, b: Event) -> bool:
    a0, a1 = a.date_start or a.event_date, a.date_end or a.event_date
    b0, b1 = b.date_start or b.event_date, b.date_end or b.event_date
    if a0 is None or a1 is None or b0 is None or b1 is None:
        return a.event_date == b.event_date
    slack = ANAPHOR_SLACK if (a.anaphoric or b.anaphoric) else timedelta(0)
    return a0 - slack <= b1 and b0 - slack <= a1


def _coarse(event: Event) -> bool:
    """Placed only at a region or a country."""
    return (event.geo_precision or 0) >= 3 or not event.admin1


def _places_agree(a: Event, b: Event) -> bool:
    if a.latitude is None or b.latitude is None or a.longitude is None or b.longitude is None:
        return True
    if distance_km(a.latitude, a.longitude, b.latitude, b.longitude) <= SAME_PLACE_KM:
        return True
    if a.country and b.country and a.country != b.country:
        return False
    return any(_holds(coarse, fine) for coarse, fine in ((a, b), (b, a)))


def _holds(coarse: Event, fine: Event) -> bool:
    """The coarse record's region or country holds the fine record's place. A country told in a
    headline ('kills 16 in northern Syria') holds any of its towns; a region holds a town only
    for the same doers (an unidentified group shelling a district and the army answering in one
    of its villages are two events)."""
    if not _coarse(coarse):
        return False
    if not coarse.admin1:
        return True
    return coarse.admin1 == fine.admin1 and _named(coarse.actor1_keys) == _named(fine.actor1_keys)


def _named(keys: list[str]) -> set[str]:
    side = cues().same_side
    return {side.get(k, k) for k in keys if k not in _UNNAMED}


_PROTEST_TYPES = frozenset(("Protests", "Riots"))


def _sides_agree(a: Event, b: Event) -> bool:
    for arrest, protest in ((a, b), (b, a)):
        if arrest.sub_event_type == "Arrests" and protest.event_type in _PROTEST_TYPES:
            # the arrest of protesters at their protest: the arrested are the protest's own side
            held = _named(arrest.actor2_keys)
            return not held or bool(held & _named(protest.actor1_keys))
    a1, b1 = _named(a.actor1_keys), _named(b.actor1_keys)
    if a1 and b1 and not (a1 & b1):
        # one telling took the target for the doer ('Turkish forces hit 34 Daesh targets in three
        # air strikes' giving Daesh as the strikes' actor): the same sides, one of them reversed
        return a.sub_event_type == b.sub_event_type and _reversed(a, b)
    a2, b2 = _named(a.actor2_keys) - {"CIV"}, _named(b.actor2_keys) - {"CIV"}
    return not (a2 and b2 and not (a2 & b2))


def _reversed(a: Event, b: Event) -> bool:
    """One record's doer is the other's target, and no third side is named."""
    a1, a2 = _named(a.actor1_keys), _named(a.actor2_keys) - {"CIV"}
    b1, b2 = _named(b.actor1_keys), _named(b.actor2_keys) - {"CIV"}
    return bool((a1 and a1 == b2 and (not a2 or a2 <= b1)) or (b1 and b1 == a2 and (not b2 or b2 <= a1)))


def _rank(sub_event_type: str) -> int:
    order = cues().specificity
    return len(order) - order.index(sub_event_type) if sub_event_type in order else 0


def absorb(keep: Event, other: Event, own_place: bool = True, roles: ActorRoles | None = None) -> None:
    """Fold a second telling into the record kept for the event (its place too, unless it is a bare
    'the attack' with no place of its own)."""
    a1, b1 = _named(keep.actor1_keys), _named(other.actor1_keys)
    if keep.sub_event_type == other.sub_event_type and a1 and b1 and not (a1 & b1) and _reversed(keep, other):
        # the telling whose doer can do the deed has the sides the right way round (the first, if
        # both can); the other is read reversed
        if _doer_fits(other, roles) and not _doer_fits(keep, roles):
            keep.actor1_keys, keep.actor2_keys = list(other.actor1_keys), list(other.actor2_keys)
            keep.assoc1_keys, keep.assoc2_keys = list(other.assoc1_keys), list(other.assoc2_keys)
        else:
            other = _swapped(other)
    joined = cues().joined_as.get(frozenset((keep.sub_event_type, other.sub_event_type)))
    if joined is not None:
        keep.event_type, keep.sub_event_type = SUB_EVENT_TYPES[joined], joined
    if other.sub_event_type == "Arrests" and keep.event_type in _PROTEST_TYPES:
        # the arresting side is the one that intervened; the arrested add no side
        keep.actor2_keys = keep.actor2_keys or list(other.actor1_keys)
        other = _without_sides(other)
    elif _rank(other.sub_event_type) > _rank(keep.sub_event_type) and not (
        (_generic(other) and not _generic(keep)) or other.supporting
    ):
        # the more specific telling names the event, and its sides with it (the rioters of a
        # protest that turned violent)
        keep.event_type, keep.sub_event_type = other.event_type, other.sub_event_type
        keep.civilian_targeting = keep.civilian_targeting or other.civilian_targeting
        if _named(other.actor1_keys):
            keep.actor1_keys = list(other.actor1_keys)
        if _named(other.actor2_keys):
            keep.actor2_keys = list(other.actor2_keys)
    if own_place and _finer(other, keep):
        for name in PLACE_FIELDS:
            setattr(keep, name, getattr(other, name))
        keep.place_span = other.place_span
    if (other.time_precision or 9) < (keep.time_precision or 9):
        keep.event_date, keep.date_start, keep.date_end = other.event_date, other.date_start, other.date_end
        keep.time_precision = other.time_precision
    if not _named(keep.actor1_keys) and _named(other.actor1_keys):
        keep.actor1_keys = list(other.actor1_keys)
    if not _named(keep.actor2_keys) and _named(other.actor2_keys):
        keep.actor2_keys = list(other.actor2_keys)
    keep.assoc1_keys += [k for k in other.assoc1_keys if k not in keep.assoc1_keys]
    keep.assoc2_keys += [k for k in other.assoc2_keys if k not in keep.assoc2_keys]
    for name in ("fatalities", "wounded", "captured"):
        mine, theirs = getattr(keep, name), getattr(other, name)
        if theirs is not None and (mine is None or theirs > mine):
            setattr(keep, name, theirs)
    seen = {(e.document, e.start) for e in keep.evidence}
    keep.evidence += [e for e in other.evidence if (e.document, e.start) not in seen]
    keep.claimant = keep.claimant or other.claimant
    keep.confidence = max(keep.confidence, other.confidence)


def _doer_fits(event: Event, roles: ActorRoles | None) -> bool:
    """The record's doer can do its deed: an air strike's has warplanes."""
    if roles is None or event.sub_event_type != "Air/drone strike":
        return True
    return any(roles.air_force(k) for k in event.actor1_keys)


def _swapped(event: Event) -> Event:
    """A copy of the record with its two sides exchanged."""
    return replace(
        event,
        actor1_keys=[k for k in event.actor2_keys if k != "CIV"],  # civilians are never the doers
        actor2_keys=list(event.actor1_keys),
        assoc1_keys=list(event.assoc2_keys),
        assoc2_keys=list(event.assoc1_keys),
    )


def _without_sides(event: Event) -> Event:
    """A copy of the record with no actors, so absorbing it adds no sides."""
    return replace(event, actor1_keys=[], actor2_keys=[], assoc1_keys=[], assoc2_keys=[])


def _finer(a: Event, b: Event) -> bool:
    """True when `a` is placed more precisely than `b`: a point over none, a province over a
    country, a town over a province."""
    return _place_rank(a) < _place_rank(b)


def _place_rank(event: Event) -> tuple[bool, bool, int]:
    return (event.latitude is None, not event.admin1, event.geo_precision or 3)
