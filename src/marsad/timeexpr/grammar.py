"""The grammar of time expressions: compiled patterns, each with a builder, and `scan(text)`.

Every pattern is anchored on a time word (a month, a weekday, "day", "week", "yesterday"...), so
ordinary words and bare numbers ("we", "may", "now", "2,000", "Force 313") never make a date.
Where patterns overlap the longest match wins.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import cache

from marsad.timeexpr.expr import Kind, TimeExpr
from marsad.timeexpr.lexicon import (
    MONTH,
    MONTH_FULL,
    MONTH_NAMES,
    MONTHS,
    NUMBER,
    PART,
    TIME_OF_DAY,
    UNITS,
    WEEKDAY,
    WEEKDAYS,
    day_pattern,
    month_number,
    number_value,
    part_key,
    weekday_number,
    year_pattern,
)

_F = re.IGNORECASE
_LEADS = r"(?:on|in|at|during|of|since|until|till|by|from|throughout|before|after|every|each|for)"
# "the night of", "Wednesday," before a calendar date
_WD_PREFIX = (
    rf"(?:(?:the\s+)?(?P<tod0>{TIME_OF_DAY})\s+of\s+)?"
    rf"(?:(?P<wd>{WEEKDAY})(?:\s+(?P<wdtod>{TIME_OF_DAY}))?,?\s+(?:the\s+)?)?"
)
_RANGE_SEP = r"\s*(?:-|–|—|to|and|/)\s*"
_DASH_SEP = r"\s*(?:-|–|—|to)\s*"  # across months: "December 31-January 1", never "2 March and 3 April"

_MDY = re.compile(
    rf"{_WD_PREFIX}\b(?P<mon>{MONTH})\s+{day_pattern('d')}"
    rf"(?:{_DASH_SEP}(?P<mon2>{MONTH})\s+{day_pattern('d2')}|{_RANGE_SEP}{day_pattern('d2b')})?"
    rf"(?:(?:,\s*|\s+){year_pattern('y')})?",
    _F,
)
_DMY = re.compile(
    rf"{_WD_PREFIX}\b{day_pattern('d')}"
    rf"(?:\s+(?P<mon0>{MONTH}){_DASH_SEP}{day_pattern('d2')}|{_RANGE_SEP}{day_pattern('d2b')})?"
    rf"(?:\s+of)?\s+(?P<mon>{MONTH})"
    rf"(?:,?\s+{year_pattern('y')})?",
    _F,
)
_ISO = re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>1[0-2]|0[1-9])-(?P<d>3[01]|[12]\d|0[1-9])\b")
_NUMERIC = re.compile(r"\b(?P<d>3[01]|[12]\d|0?[1-9])[./](?P<m>1[0-2]|0?[1-9])[./](?P<y>(?:19|20)\d\d)\b")
_MONTH_ONLY = re.compile(
    rf"(?:\b(?P<part>{PART})[\s-]+)?(?:\b(?P<rel>last|this|next|coming|{_LEADS})\s+)?"
    rf"\b(?P<mon>{MONTH_FULL})(?:\s+(?:of\s+)?(?P<ry>last|this|next)\s+year)?(?:,?\s+(?:of\s+)?{year_pattern('y')})?",
    _F,
)
_WEEKDAY = re.compile(
    rf"(?:\b(?P<mod>last|next|this|past|previous|coming)\s+)?(?:\b(?P<tod0>late|early)\s+(?:on\s+)?)?"
    rf"(?:\b(?:the\s+)?(?P<tod1>{TIME_OF_DAY})\s+of\s+)?"
    rf"\b(?P<wd>{WEEKDAY})(?:\s+(?P<tod>{TIME_OF_DAY}))?"
    rf"(?:\s+(?:and|to|-|–)\s+(?P<wd2>{WEEKDAY})(?:\s+{TIME_OF_DAY})?)?",
    _F,
)
_DEICTIC = re.compile(
    r"\b(?P<w>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|today|tonight|tomorrow"
    r"|last\s+night|this\s+(?:morning|afternoon|evening))\b"
    rf"(?:\s+(?P<tod>{TIME_OF_DAY})\b)?",
    _F,
)
_ANAPHORIC = re.compile(
    rf"(?:\b(?:the\s+)?(?P<tod0>{TIME_OF_DAY})\s+of\s+)?"
    r"\b(?:the|that)\s+(?:very\s+)?(?P<rel>next|following|same|previous|preceding)\s+"
    r"(?P<unit>day|morning|afternoon|evening|night|week|month)\b"
    r"|\bthe\s+(?P<unit2>day|night|morning)\s+(?P<rel2>before|after)\b(?!\s+(?:yesterday|tomorrow))"
    r"|\bthat\s+(?:same\s+)?(?P<unit3>day|morning|afternoon|evening|night)\b",
    _F,
)
_RELATIVE = re.compile(
    rf"\b(?:(?P<n>{NUMBER})\s+)?(?P<unit>hours?|days?|nights?|weeks?|months?|years?)\s+"
    r"(?P<dir>later|afterwards?|after|earlier|before|ago|previously|prior|back)\b"
    r"(?:(?<=ago)\s+(?P<today>today)\b)?"  # "a year ago today": that very day
    r"(?:\s+(?:the|its|their|his|her)\s+(?P<np>[^,.;:()\"“”]{1,60}))?",
    _F,
)
_PAST = re.compile(
    r"\b(?:in|during|over|within|for|throughout)\s+the\s+(?:past|last|previous)\s+"
    rf"(?:(?P<n>{NUMBER})\s+)?(?P<unit>hours?|days?|weeks?|months?|years?)\b",
    _F,
)
_CALENDAR = re.compile(
    rf"(?:\b(?P<part>{PART})[\s-]+)?(?<!\bthe\s)\b(?P<rel>last|this|next|coming|past)\s+"
    rf"(?P<unit>week|weekend|month|year)\b(?:\s*,\s*(?P<mon>{MONTH_FULL}))?",
    _F,
)
_NEW_YEAR = re.compile(
    r"\b(?:the\s+)?first\s+day\s+of\s+(?:the\s+)?new\s+year\b|\bnew\s+year'?s?\s+(?P<eve>day|eve)\b", _F
)
_YEAR = re.compile(
    rf"\b(?P<lead>in|of|since|during|until|till|by|from|throughout|early|late|mid)[\s-]+{year_pattern('y')}",
    _F,
)
_FUTURE = re.compile(
    r"\bin\s+the\s+(?:coming|next|upcoming)\s+(?:(?:few|several|two|three)\s+)?"
    r"(?P<unit>hours|days|weeks|months|years|period|phase|stage)\b"
    r"|\bin\s+the\s+near\s+future\b|\bin\s+the\s+(?:days|weeks|months)\s+ahead\b"
    r"|\bsoon\b(?!\s+after)|\blater\s+(?:this|in\s+the)\s+(?:week|month|year)\b",
    _F,
)
_LEAD_BEFORE = re.compile(rf"\b(?P<lead>{_LEADS})\s+$", _F)

_Builder = Callable[[re.Match[str]], TimeExpr | None]


def _base(m: re.Match[str], kind: Kind, **fields: object) -> TimeExpr:
    """A TimeExpr covering the whole match."""
    return TimeExpr(m.start(), m.end(), m.group(0), kind, **fields)  # type: ignore[arg-type]


def _night(*parts: str | None) -> bool:
    """True when a time-of-day word says night."""
    return any(p is not None and p.lower() in ("night", "midnight") for p in parts)


def _calendar_date(m: re.Match[str]) -> TimeExpr | None:
    """Month and day in either order, with an optional weekday, year and second day."""
    groups = m.groupdict()
    day = int(m["d"])
    second_day = m["d2"] or m["d2b"]
    day_end = int(second_day) if second_day else None
    # the second month: "December 31-January 1" (month first) or "31 December-1 January" (day first)
    first, second = (groups["mon0"], m["mon"]) if groups.get("mon0") else (m["mon"], groups.get("mon2"))
    month, month_end = month_number(first), month_number(second) if second else None
    if day_end is not None and month_end in (None, month) and day_end <= day:
        return None
    return _base(
        m,
        Kind.DATE,
        year=int(m["y"]) if m["y"] else None,
        month=month,
        day=day,
        day_end=day_end,
        month_end=month_end if month_end != month else None,
        weekday=weekday_number(m["wd"]) if m["wd"] else None,
        night=_night(m["tod0"], m["wdtod"]),
    )


def _numeric_date(m: re.Match[str]) -> TimeExpr | None:
    """An ISO or day-first numeric date with its year."""
    return _base(m, Kind.DATE, year=int(m["y"]), month=int(m["m"]), day=int(m["d"]))


def _month_only(m: re.Match[str]) -> TimeExpr | None:
    """A month with a lead word, a part or a year: 'in January', 'last February', 'June 2016'."""
    rel = (m["rel"] or "").lower()
    ry = (m["ry"] or "").lower()
    if not (m["part"] or rel or ry or m["y"]):
        return None  # a bare month name ("March", "May") is too often another word
    year = int(m["y"]) if m["y"] else None
    relation = rel if rel in ("last", "this", "next", "coming") else ""
    return _base(
        m,
        Kind.MONTH,
        year=year,
        month=month_number(m["mon"]),
        rel=relation or (f"{ry}-year" if ry else ""),
        part=part_key(m["part"]),
        future=(relation in ("next", "coming") or ry == "next") and year is None,
        lead=rel if not relation else "",
    )


def _weekday(m: re.Match[str]) -> TimeExpr | None:
    """A weekday, maybe 'last'/'next', maybe with a time of day or a second weekday."""
    mod = (m["mod"] or "").lower()
    if mod in ("past", "previous"):
        mod = "last"
    if mod == "coming":
        mod = "next"
    return _base(
        m,
        Kind.WEEKDAY,
        weekday=weekday_number(m["wd"]),
        weekday_end=weekday_number(m["wd2"]) if m["wd2"] else None,
        rel=mod,
        night=_night(m["tod"], m["tod1"]),
        future=mod == "next",
    )


_DEICTIC_DAYS = {
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
    "yesterday": -1,
    "today": 0,
    "tonight": 0,
    "tomorrow": 1,
    "last night": -1,
}


def _deictic(m: re.Match[str]) -> TimeExpr | None:
    """Today, yesterday, tomorrow, last night, this morning."""
    word = " ".join(m["w"].lower().split())
    days = _DEICTIC_DAYS.get(word, 0)
    night = word in ("tonight", "last night") or _night(m["tod"])
    return _base(m, Kind.DEICTIC, amount=days, unit="day", night=night, future=days > 0)


def _anaphoric(m: re.Match[str]) -> TimeExpr | None:
    """The next/following/previous/same day (week, month), the day before, that day."""
    if m["unit3"]:
        return _base(m, Kind.ANAPHORIC, unit="day", direction=0, night=_night(m["unit3"]))
    if m["unit2"]:
        direction = -1 if m["rel2"].lower() == "before" else 1
        return _base(m, Kind.ANAPHORIC, amount=1, unit="day", direction=direction, night=_night(m["unit2"]))
    rel = m["rel"].lower()
    unit = UNITS[m["unit"].lower()]
    direction = {"same": 0, "previous": -1, "preceding": -1}.get(rel, 1)
    night = _night(m["unit"], m["tod0"])
    amount = 0 if direction == 0 else 1
    return _base(m, Kind.ANAPHORIC, amount=amount, unit=unit, direction=direction, night=night, rel="whole")


def _relative(m: re.Match[str]) -> TimeExpr | None:
    """N units later/earlier/ago, or N units after/before an earlier happening."""
    amount, approximate = number_value(m["n"])
    unit = UNITS[m["unit"].lower().rstrip("s")]
    word = m["dir"].lower()
    if word in ("ago", "back"):
        exact = "exact" if m["today"] else ""
        return _base(m, Kind.AGO, amount=amount, unit=unit, direction=-1, approximate=approximate, rel=exact)
    direction = 1 if word.startswith(("later", "after")) else -1
    head, of = _anchor_words(m["np"]) if m["np"] and word in ("after", "before") else ("", "")
    if head:
        return _base(
            m,
            Kind.AFTER_EVENT,
            amount=amount,
            unit=unit,
            direction=direction,
            approximate=approximate,
            anchor_head=head,
            anchor_of=of,
        )
    end = m.start("np") - 1 if m["np"] else m.end()
    text = m.string[m.start() : end].rstrip()
    return TimeExpr(
        m.start(),
        m.start() + len(text),
        text,
        Kind.ANAPHORIC,
        amount=amount,
        unit=unit,
        direction=direction,
        approximate=approximate,
    )


_NP_STOP = frozenset(
    {"of", "that", "which", "who", "when", "where", "in", "on", "at", "by", "with", "to", "from", "against"}
)


def _anchor_words(np: str) -> tuple[str, str]:
    """The head noun of 'launch of the campaign' and its of-complement: ('launch', 'campaign').

    The head is the last word before the first preposition or relative word ('the Iraqi air
    strikes on ...' -> 'strikes').
    """
    words = [w.strip("’'\"“”").lower() for w in np.split()]
    words = [w for w in words if w]
    cut = next((i for i, w in enumerate(words) if w in _NP_STOP), len(words))
    if cut == 0:
        return "", ""
    head, of = words[cut - 1], ""
    if cut < len(words) and words[cut] == "of":
        rest = [w for w in words[cut + 1 :] if w not in ("the", "a", "an", "its", "their")]
        of = rest[0] if rest and rest[0] not in _NP_STOP else ""
    return head, of


def _past(m: re.Match[str]) -> TimeExpr | None:
    """In the past N hours/days/weeks: a range ending on the reference date."""
    amount, approximate = number_value(m["n"]) if m["n"] else (1, False)
    return _base(
        m, Kind.PAST, amount=amount, unit=UNITS[m["unit"].lower().rstrip("s")], approximate=approximate
    )


def _calendar(m: re.Match[str]) -> TimeExpr | None:
    """Last/this/next week, weekend, month or year, maybe with a part and the month's name."""
    rel = m["rel"].lower()
    rel = {"past": "last", "coming": "next"}.get(rel, rel)
    return _base(
        m,
        Kind.CALENDAR,
        unit=UNITS[m["unit"].lower()],
        rel=rel,
        part=part_key(m["part"]),
        month=month_number(m["mon"]) if m["mon"] else None,
        future=rel == "next",
    )


def _new_year(m: re.Match[str]) -> TimeExpr | None:
    """The first day of the new year, New Year's Day, New Year's Eve."""
    eve = bool(m["eve"]) and m["eve"].lower() == "eve"
    return _base(m, Kind.NEW_YEAR, month=12 if eve else 1, day=31 if eve else 1)


def _year(m: re.Match[str]) -> TimeExpr | None:
    """A year on its own after a preposition: 'in 2016', 'since 2017'."""
    return _base(m, Kind.YEAR, year=int(m["y"]), lead=m["lead"].lower())


def _future(m: re.Match[str]) -> TimeExpr | None:
    """Soon, in the coming days, in the near future."""
    return _base(m, Kind.FUTURE, future=True)


# Each pattern runs only in small windows around the words it needs (its "keys"): a regex that
# opens with optional words is slow to try at every position of a long sentence. A key family is a
# set of lower-case words; the window reaches `before` characters back and `after` forward.
_FAMILIES: dict[str, frozenset[str]] = {
    "month": frozenset([*MONTHS, "sept", *MONTH_NAMES]),
    "weekday": frozenset(WEEKDAYS),
    "timeword": frozenset(
        "day days week weeks weekend weekends month months night nights morning mornings evening evenings "
        "afternoon afternoons year years hour hours dawn noon midnight".split()
    ),
    "deictic": frozenset({"yesterday", "today", "tonight", "tomorrow"}),
    "relative": frozenset(
        "later after afterwards afterward earlier before ago previously prior back".split()
    ),
    "past": frozenset({"past", "last", "previous"}),
    "future": frozenset({"coming", "next", "upcoming", "near", "ahead", "soon", "later"}),
}
_TOKEN = re.compile(r"[A-Za-z]+|\d+")

# pattern, builder, key families, window before, window after
PATTERNS: tuple[tuple[re.Pattern[str], _Builder, tuple[str, ...], int, int], ...] = (
    (_MDY, _calendar_date, ("month",), 45, 30),
    (_DMY, _calendar_date, ("month",), 50, 20),
    (_ISO, _numeric_date, ("digit",), 12, 12),
    (_NUMERIC, _numeric_date, ("digit",), 12, 12),
    (_MONTH_ONLY, _month_only, ("month",), 45, 30),
    (_WEEKDAY, _weekday, ("weekday",), 45, 45),
    (_DEICTIC, _deictic, ("deictic", "timeword"), 30, 25),
    (_ANAPHORIC, _anaphoric, ("timeword",), 50, 30),
    (_RELATIVE, _relative, ("relative",), 45, 80),
    (_PAST, _past, ("past",), 35, 35),
    (_CALENDAR, _calendar, ("timeword",), 50, 30),
    (_NEW_YEAR, _new_year, ("timeword",), 45, 15),
    (_YEAR, _year, ("year",), 25, 10),
    (_FUTURE, _future, ("future",), 30, 35),
)
_STRIP_LEAD = re.compile(rf"^(?P<lead>{_LEADS})\s+", _F)


def scan(text: str, offset: int = 0) -> list[TimeExpr]:
    """Find the time expressions in `text`, in text order; offsets are shifted by `offset`."""
    keys = _key_positions(text)
    if not keys:
        return []
    found: list[tuple[int, int, TimeExpr]] = []
    for rank, (pattern, build, families, before, after) in enumerate(PATTERNS):
        hits = sorted(pos for family in families for pos in keys.get(family, ()))
        for m in _matches(pattern, text, _windows(hits, len(text), before, after)):
            expr = build(m)
            if expr is not None and expr.end > expr.start:
                expr = _finish(text, expr)
                found.append((expr.start - expr.end, rank, expr))
    chosen: list[TimeExpr] = []
    for _, _, expr in sorted(found, key=lambda item: (item[0], item[1], item[2].start)):
        if all(expr.end <= c.start or expr.start >= c.end for c in chosen):
            chosen.append(expr)
    chosen.sort(key=lambda e: e.start)
    if offset:
        chosen = [replace(e, start=e.start + offset, end=e.end + offset) for e in chosen]
    return chosen


@cache
def _word_families() -> dict[str, tuple[str, ...]]:
    """Each key word and the families it belongs to ('later' is both relative and future)."""
    out: dict[str, tuple[str, ...]] = {}
    for family, words in _FAMILIES.items():
        for word in words:
            out[word] = (*out.get(word, ()), family)
    return out


def _key_positions(text: str) -> dict[str, list[tuple[int, int]]]:
    """Where each key family's words occur in `text`, as (start, end) pairs."""
    out: dict[str, list[tuple[int, int]]] = {}
    word_families = _word_families()
    for m in _TOKEN.finditer(text):
        word = m.group().lower()
        families = word_families.get(word)
        if families is None:
            if not word.isdigit():
                continue
            families = ("digit", "year") if len(word) == 4 and word[:2] in ("19", "20") else ("digit",)
        for family in families:
            out.setdefault(family, []).append(m.span())
    return out


def _windows(hits: list[tuple[int, int]], length: int, before: int, after: int) -> list[tuple[int, int]]:
    """Merged stretches around each key hit, wide enough to hold a whole expression."""
    out: list[tuple[int, int]] = []
    for start, end in hits:
        lo, hi = max(0, start - before), min(length, end + after)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(hi, out[-1][1]))
        else:
            out.append((lo, hi))
    return out


def _matches(pattern: re.Pattern[str], text: str, windows: list[tuple[int, int]]) -> list[re.Match[str]]:
    """The pattern's matches inside the windows (none cut short by a window's end)."""
    out: list[re.Match[str]] = []
    for lo, hi in windows:
        out.extend(m for m in pattern.finditer(text, lo, hi) if m.end() < hi or hi == len(text))
    return out


def _finish(text: str, expr: TimeExpr) -> TimeExpr:
    """Move a leading preposition out of the span into `lead`, or note the one before it."""
    start, body, lead = expr.start, expr.text, expr.lead
    m = _STRIP_LEAD.match(body)
    if m:
        lead = lead or m["lead"].lower()
        start, body = start + m.end(), body[m.end() :]
    elif not lead:
        before = _LEAD_BEFORE.search(text, max(0, start - 16), start)
        lead = before["lead"].lower() if before else ""
    return replace(expr, start=start, text=body, lead=lead)
