"""Build the control timeline from events: territorial events and statements in their sentences."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from marsad.control.model import Change, Contest, Observation, PlaceTimeline, Site, Timeline
from marsad.control.statements import find_statements
from marsad.model.event import Event
from marsad.services.actors import ActorLexicon, load_lexicon
from marsad.services.gazetteer import distance_km

# actor1 takes the place from actor2
TERRITORIAL = frozenset(
    {
        "Government regains territory",
        "Non-state actor overtakes territory",
        "Non-violent transfer of territory",
    }
)
SAME_PLACE_KM = 2.0


def build_timeline(events: Iterable[Event], lexicon: ActorLexicon | None = None) -> Timeline:
    """The control timeline of every place that occurred events say someone took or held."""
    events = list(events)
    lexicon = lexicon or load_lexicon()
    observations = _observations(events, lexicon)
    timelines = _group(observations)
    for timeline, obs in timelines:
        timeline.changes = _changes(obs)
        timeline.contested = _contests(timeline.changes)
    places = [t for t, _ in timelines]
    places.sort(key=lambda p: (p.place.lower(), p.latitude or 0.0, p.longitude or 0.0))
    return Timeline(places)


def site_of(event: Event) -> Site | None:
    """The site an event's record names, or None when it names no place."""
    if not event.location:
        return None
    return Site(event.location, event.latitude, event.longitude, event.country, event.admin1)


def _observations(events: list[Event], lexicon: ActorLexicon) -> list[Observation]:
    """Observations of control from the occurred events and their evidence sentences."""
    sites = _sites_by_document(events)
    out: list[Observation] = []
    for event in events:
        if event.modality != "occurred" or _day(event) is None:
            continue
        site = site_of(event)
        if site is not None and event.sub_event_type in TERRITORIAL and event.actor1:
            out.append(_observe(event, site, event.actor1, event.actor2, event.sub_event_type))
        out.extend(_stated(event, site, sites.get(_document(event), []), lexicon))
    return out


def _stated(event: Event, site: Site | None, known: list[Site], lexicon: ActorLexicon) -> list[Observation]:
    """Observations from the statements of control in an event's evidence sentences."""
    candidates = ([site] if site else []) + [s for s in known if s != site]
    if not candidates:
        return []
    out: list[Observation] = []
    country = lexicon.country_code(event.country)
    for evidence in event.evidence:
        for st in find_statements(evidence.sentence, candidates, lexicon, country):
            controller = _prefer_event_name(st.controller, event)
            out.append(_observe(event, st.site, controller, "", f"stated: {st.cue}"))
    return out


def _prefer_event_name(name: str, event: Event) -> str:
    """The event's own name for an actor when it is a longer form of `name`."""
    for own in (event.actor1, event.actor2):
        if own and own != name and own.startswith(name):
            return own
    return name


def _observe(event: Event, site: Site, controller: str, previous: str, basis: str) -> Observation:
    """One observation of `controller` holding `site` at the event's date."""
    day = _day(event) or date.min
    start, end = event.date_start or day, event.date_end or day
    first = event.evidence[0] if event.evidence else None
    order = first.start if first else (event.trigger.start if event.trigger else 0)
    return Observation(
        site=site,
        controller=controller,
        previous=previous if previous != controller else "",
        day=day,
        start=min(start, day),
        end=max(end, day),
        event_id=event.event_id,
        document=_document(event),
        order=order,
        basis=basis,
    )


def _day(event: Event) -> date | None:
    """The event's date, else the start of its range."""
    return event.event_date or event.date_start


def _document(event: Event) -> str:
    """The document an event was read from."""
    return event.evidence[0].document if event.evidence else event.document


def _sites_by_document(events: list[Event]) -> dict[str, list[Site]]:
    """The distinct sites each document's events name (whatever their modality)."""
    out: dict[str, list[Site]] = defaultdict(list)
    for event in events:
        site = site_of(event)
        if site is not None and site not in out[_document(event)]:
            out[_document(event)].append(site)
    return out


def _group(observations: list[Observation]) -> list[tuple[PlaceTimeline, list[Observation]]]:
    """Observations grouped by place: one name key, within SAME_PLACE_KM of the first site."""
    groups: dict[str, list[tuple[PlaceTimeline, list[Observation]]]] = defaultdict(list)
    for obs in observations:
        bucket = groups[obs.site.key]
        entry = next((g for g in bucket if _same_site(g[0], obs.site)), None)
        if entry is None:
            site = obs.site
            entry = (PlaceTimeline(site.name, site.latitude, site.longitude, site.country, site.admin1), [])
            bucket.append(entry)
        entry[1].append(obs)
    return [entry for bucket in groups.values() for entry in bucket]


def _same_site(place: PlaceTimeline, site: Site) -> bool:
    """True when a site with the place's name key is the place: both unlocated, or close."""
    if place.latitude is None or place.longitude is None or site.latitude is None or site.longitude is None:
        return place.latitude is None and site.latitude is None
    return distance_km(place.latitude, place.longitude, site.latitude, site.longitude) <= SAME_PLACE_KM


def _changes(observations: list[Observation]) -> list[Change]:
    """Ordered changes: same-day reports of one controller, and confirmations, join one change."""
    changes: list[Change] = []
    for obs in sorted(observations, key=lambda o: (o.day, o.end, o.document, o.order)):
        same_day = next((c for c in changes if c.date == obs.day and c.controller == obs.controller), None)
        target = same_day or (changes[-1] if changes and changes[-1].controller == obs.controller else None)
        if target is None:
            previous = obs.previous or (changes[-1].controller if changes else "")
            target = Change(obs.day, obs.start, obs.end, obs.controller, previous)
            changes.append(target)
        elif target.date == obs.day:
            target.date_start, target.date_end = (
                min(target.date_start, obs.start),
                max(target.date_end, obs.end),
            )
            target.previous = target.previous or obs.previous
        target.add(obs)
    return changes


def _contests(changes: list[Change]) -> list[Contest]:
    """Periods where changes to different controllers from different documents overlap in time."""
    periods: list[Contest] = []
    for i, a in enumerate(changes):
        for b in changes[i + 1 :]:
            if _disagree(a, b):
                _join(periods, a, b)
    return periods


def _disagree(a: Change, b: Change) -> bool:
    """True when two changes name different controllers, come from different documents and overlap."""
    if a.controller == b.controller or set(a.documents) & set(b.documents):
        return False
    return a.date == b.date or (a.date_start <= b.date_end and b.date_start <= a.date_end)


def _join(periods: list[Contest], a: Change, b: Change) -> None:
    """Add two disagreeing changes to the period they overlap, or open a new period."""
    start, end = min(a.date_start, b.date_start), max(a.date_end, b.date_end)
    period = next((p for p in periods if p.start <= end and start <= p.end), None)
    if period is None:
        period = Contest(start, end)
        periods.append(period)
    period.start, period.end = min(period.start, start), max(period.end, end)
    for change in (a, b):
        if change not in period.claims:
            period.claims.append(change)
