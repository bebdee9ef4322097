"""The time stage: find time expressions, resolve them along the narrative, date every event.

1. Each sentence is scanned with the grammar in `marsad.timeexpr`; spaCy DATE entities the grammar
   did not read are tried with dateparser (cached, one span at a time).
2. The reference date is `doc.published`, else the latest full date written in the text
   (`doc.provenance["reference_date"] = "inferred"`), else None.
3. Expressions are resolved in text order. Anaphoric ones ("the next day") count from the
   narrative's date, the last date resolved before them; a date moves the narrative on unless it is
   a bound ("since May"), a future, a headline's, a month hung on a noun ("an agreement last
   month"), or a flashback in a clause that modifies a noun ("The agreement, reached late on
   Tuesday, allows ...").
4. Each event takes the expression of its own clause, else one in a clause below, above or beside
   it (most precise, then nearest in the tree); else the narrative's date at its sentence; else the
   reference date. An event with no date cue at all is coded on the reference date with precision
   2 (the report says only that it happened by then), as ACLED codes an undated report to its
   dateline. An event whose own expression is a future ("in the coming days") becomes a forecast.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from marsad.events.cues import cues, window_start
from marsad.model import Document, Mention, Sentence
from marsad.pipeline import Options, register
from marsad.stages.nlp import ParsedSentence, parsed
from marsad.timeexpr import Context, DateRange, Kind, TimeExpr, resolve, scan
from marsad.timeexpr.fallback import entity_expressions
from marsad.timeexpr.resolve import around
from marsad.timeexpr.syntax import (
    DATELINE,
    ELSEWHERE,
    SAME_CLAUSE,
    attached_to_noun,
    future_clause,
    in_noun_modifier,
    past_clause,
    perfect_clause,
    relation,
    root_of,
    tokens_in,
    tree_distance,
    under_bound,
)

_DATELINE_BEFORE = re.compile(r"^[A-Z][A-Za-z .'’-]{1,40}(?:,\s*[A-Za-z][A-Za-z .'’-]{1,40}){0,2},\s*$")
_DATELINE_AFTER = re.compile(r"^\s*(?:\([^)]{1,60}\))?\s*[-–—]")
_NO_TREE = 99
_STAMP_LABEL_WORDS = 4
_STAMP_AFTER = re.compile(r"^ +(?:\d+ )?[A-Z][a-z]")  # a space, then a sentence's first word


@dataclass(slots=True)
class Found:
    """A time expression found in sentence `sentence`, with what the stage learned about it."""

    expr: TimeExpr
    sentence: int
    heading: bool = False
    dateline: bool = False
    bounded: bool = False  # inside a 'since ...'/'until ...' phrase
    root: Any = None  # the expression's root token, when the sentence is parsed
    resolved: DateRange | None = None

    @property
    def usable(self) -> bool:
        """True when it can date an event: a point in time, not a bound or a habit."""
        return self.expr.point_like and not self.bounded


def date_document(doc: Document) -> Document:
    """Find, resolve and store the document's dates, and date each of its events."""
    found = find_expressions(doc)
    given = _set_reference(doc, found)
    anchors = resolve_narrative(doc, found, given)
    doc.mentions = [m for m in doc.mentions if m.label not in ("date", "year")]
    doc.mentions.extend(
        Mention(f.expr.start, f.expr.end, label="date", key=f.resolved.key, sentence=f.sentence)
        for f in found
        if f.resolved is not None
    )
    # a year alone dates no event, but tells the discourse stage an event is history ('In 1988, ...')
    doc.mentions.extend(
        Mention(f.expr.start, f.expr.end, label="year", key=str(f.expr.year), sentence=f.sentence)
        for f in found
        if f.expr.kind is Kind.YEAR and f.expr.year is not None and not f.bounded
    )
    by_sentence: dict[int, list[Found]] = {}
    for f in found:
        by_sentence.setdefault(f.sentence, []).append(f)
    for event in doc.events:
        date_event(event, doc, by_sentence, anchors, given)
    return doc


def find_expressions(doc: Document) -> list[Found]:
    """Every time expression of the document, in text order."""
    found: list[Found] = []
    for sent in doc.sentences:
        ps = parsed(doc, sent.index)
        text = doc.text[sent.start : sent.end]
        exprs = scan(text, sent.start)
        if ps is not None:
            exprs.extend(entity_expressions(ps.span, ps.offset, exprs, text))
        for expr in sorted(exprs, key=lambda e: e.start):
            found.append(_found(doc, sent, ps, expr))
    return found


def _found(doc: Document, sent: Sentence, ps: ParsedSentence | None, expr: TimeExpr) -> Found:
    """Wrap an expression with its parse root and its dateline/bound flags."""
    root = root_of(tokens_in(ps.span, ps.offset, expr.start, expr.end)) if ps is not None else None
    if root is not None and not expr.future and future_clause(root):
        expr = replace(expr, future=True)
    elif root is not None and expr.kind is Kind.FUTURE and past_clause(root):
        expr = replace(expr, future=False)  # 'the formation was soon exposed to collapse
    paragraph = doc.paragraphs[sent.paragraph] if sent.paragraph < len(doc.paragraphs) else None
    return Found(
        expr,
        sent.index,
        heading=paragraph is not None and paragraph.is_heading,
        dateline=_is_dateline(doc, sent, expr),
        bounded=root is not None and under_bound(root),
        root=root,
    )


def _is_dateline(doc: Document, sent: Sentence, expr: TimeExpr) -> bool:
    """True for the 'BAGHDAD, June 18 (Agency) -' date that opens a wire story."""
    paragraph = doc.paragraphs[sent.paragraph] if sent.paragraph < len(doc.paragraphs) else None
    if paragraph is None or paragraph.start != sent.start or expr.kind is not Kind.DATE:
        return False
    before = doc.text[sent.start : expr.start]
    after = doc.text[expr.end : min(sent.end, expr.end + 70)]
    if _DATELINE_BEFORE.match(before) and _DATELINE_AFTER.match(after):
        return True
    # a page's date stamp run on into its first sentence ('Date of publication 16 October 2017
    # Rebel shelling killed four on Sunday', 'AFP Saturday 21 Feb 2015 Ten children were ...'): a
    # short label or none before it, a new capitalised sentence straight after it
    label = before.split()
    return (
        len(label) <= _STAMP_LABEL_WORDS
        and not (label and label[0].lower() in cues().date_clause_openers)
        and bool(_STAMP_AFTER.match(after))
    )


def _set_reference(doc: Document, found: list[Found]) -> bool:
    """Set `doc.reference_date`; return True when it is the given publication date."""
    if doc.published is not None:
        doc.reference_date = doc.published
        doc.provenance["reference_date"] = "published"
        return True
    written = [
        r.point
        for f in found
        if f.expr.kind is Kind.DATE and f.expr.year is not None and not f.expr.future
        for r in [resolve(f.expr, Context())]
        if r is not None
    ]
    doc.reference_date = max(written) if written else None
    if written:
        doc.provenance["reference_date"] = "inferred"
    return False


def resolve_narrative(doc: Document, found: list[Found], given: bool) -> list[DateRange | None]:
    """Resolve every expression in text order; return the narrative's date at each sentence's start."""
    # a year written in a bound ('since March 2011') dates the bound only, not a bare 'in May' later
    years = [
        (f.expr.start, f.expr.year)
        for f in found
        if f.expr.has_explicit_year and f.expr.year and not f.bounded
    ]
    window = window_start(doc.reference_date) if given else None
    anchors: list[DateRange | None] = [None] * len(doc.sentences)
    anchor: DateRange | None = None
    story: DateRange | None = None  # the narrative's date as the story itself (not a dateline) set it
    pos = 0
    for index in range(len(doc.sentences)):
        anchors[index] = anchor
        while pos < len(found) and found[pos].sentence == index:
            f = found[pos]
            ctx = Context(doc.reference_date, given, anchor, _nearest_year(years, f.expr.start))
            ctx.local_year = _paragraph_year(doc, years, f)
            if f.expr.kind is Kind.AFTER_EVENT:
                ctx.event_anchor = find_event_anchor(doc, found[:pos], f.expr)
            f.resolved = None if f.expr.habitual else resolve(f.expr, ctx)
            if _after_publication(f, doc.reference_date, given):
                f.resolved = None
            if _moves_narrative(f, story) and not _before_window(f, window):
                anchor = f.resolved
                story = story if f.dateline else anchor
            pos += 1
    return anchors


def _after_publication(f: Found, reference: date | None, given: bool) -> bool:
    """A date reckoned past the publication date for what the report tells as done ('days after
    Trump pulled US troops back', reckoned from the narrative's Wednesday): no date a report of
    the past can give, so none."""
    if not given or reference is None or f.resolved is None or f.expr.future:
        return False
    return f.resolved.point > reference and f.expr.kind in (Kind.AFTER_EVENT, Kind.ANAPHORIC)


def _before_window(f: Found, window: date | None) -> bool:
    """A flashback before the reporting window ('the town fell in 2014') dates its own clause only:
    the report's news goes on at the present, not in that year."""
    return window is not None and f.resolved is not None and f.resolved.end < window


def _nearest_year(years: list[tuple[int, int]], offset: int) -> int | None:
    """The written year nearest to `offset` in the text."""
    if not years:
        return None
    return min(years, key=lambda item: abs(item[0] - offset))[1]


def _paragraph_year(doc: Document, years: list[tuple[int, int]], f: Found) -> int | None:
    """The last year written before the expression in its own paragraph."""
    sent = doc.sentences[f.sentence]
    start_of_paragraph = doc.paragraphs[sent.paragraph].start if sent.paragraph < len(doc.paragraphs) else 0
    earlier = [year for start, year in years if start_of_paragraph <= start < f.expr.start]
    return earlier[-1] if earlier else None


def _moves_narrative(f: Found, story: DateRange | None) -> bool:
    """True when a resolved expression becomes the narrative's date for what follows.

    `story` is the narrative's date before it, as set by the story's own sentences.
    """
    if f.resolved is None or f.heading or not f.usable or f.expr.future:
        return False
    if f.root is None:
        return True
    if story is not None and f.resolved.point < story.point:
        if in_noun_modifier(f.root):
            return False  # a flashback in a noun's modifier: 'The agreement, reached on Tuesday, allows'
        if perfect_clause(f.root):
            return False  # a look back: 'the group has carried out such barrages before, including on January 25'
    return not (f.resolved.precision >= 3 and attached_to_noun(f.root))


def find_event_anchor(doc: Document, earlier: list[Found], expr: TimeExpr) -> DateRange | None:
    """The date of the happening 'after the launch of the campaign' refers to.

    The latest earlier sentence that names the head noun (followed closely by its of-complement),
    outside another 'after the ...' phrase, and has a date of its own; its date nearest that noun.
    """
    head = re.compile(rf"\b{re.escape(_stem(expr.anchor_head))}\w*", re.IGNORECASE)
    of = re.compile(rf"\b{re.escape(expr.anchor_of)}\w*", re.IGNORECASE) if expr.anchor_of else None
    by_sentence: dict[int, list[Found]] = {}
    for f in earlier:
        if f.resolved is not None and f.usable and f.expr.kind is not Kind.AFTER_EVENT and not f.heading:
            by_sentence.setdefault(f.sentence, []).append(f)
    for index in sorted(by_sentence, reverse=True):
        sent = doc.sentences[index]
        text = doc.text[sent.start : sent.end]
        hits = [
            m.start()
            for m in head.finditer(text)
            if not _after_phrase(text, m.start()) and (of is None or of.search(text, m.end(), m.end() + 60))
        ]
        if hits:
            at = sent.start + hits[0]
            best = min(by_sentence[index], key=lambda f: abs(f.expr.start - at))
            return best.resolved
    return None


def _stem(word: str) -> str:
    """A crude stem so 'strikes' finds 'strike' and 'launch' finds 'launched'."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3]
    return word[:-1] if word.endswith("s") and len(word) > 4 else word


def _after_phrase(text: str, at: int) -> bool:
    """True when the word at `at` follows 'after the' or 'before the'."""
    return bool(re.search(r"\b(?:after|before)\s+the\s+$", text[max(0, at - 20) : at], re.IGNORECASE))


def date_event(
    event: Any,
    doc: Document,
    by_sentence: dict[int, list[Found]],
    anchors: list[DateRange | None],
    given: bool,
) -> None:
    """Fill an event's dates from its own expression, the narrative, or the reference date."""
    trigger = event.trigger
    best: Found | None = None
    narrative: DateRange | None = None
    if trigger is not None:
        candidates = [f for f in by_sentence.get(trigger.sentence, []) if f.usable]
        best = choose(candidates, _trigger_token(doc, trigger), trigger.start)
        narrative = anchors[trigger.sentence] if trigger.sentence < len(anchors) else None
    if best is not None and best.expr.future and event.modality == "occurred":
        event.modality = "forecast"
    chosen = best.resolved if best is not None and best.resolved is not None else narrative
    if chosen is None:
        chosen = undated(doc.reference_date, given)
    if chosen is not None:
        event.event_date, event.date_start, event.date_end = chosen.point, chosen.start, chosen.end
        event.time_precision = chosen.precision


def undated(reference: date | None, given: bool) -> DateRange | None:
    """The date of an event the report does not date: the reference date.

    Against a publication date it happened within the week before it (precision 2); against a date
    only inferred from the text, somewhere in that month (precision 3).
    """
    if reference is None:
        return None
    if given:
        return DateRange(reference - timedelta(days=6), reference, 2, reference)
    return replace(around(reference, 3), point=reference)


def _trigger_token(doc: Document, trigger: Any) -> Any:
    """The root token of an event's trigger, or None when its sentence is not parsed."""
    ps = parsed(doc, trigger.sentence)
    if ps is None:
        return None
    return root_of(tokens_in(ps.span, ps.offset, trigger.start, max(trigger.end, trigger.start + 1)))


def choose(candidates: list[Found], trigger_token: Any, trigger_start: int) -> Found | None:
    """The expression that dates the trigger: its own clause's first, then the most precise, nearest.

    A future ('in the coming days') counts only in the trigger's own clause: elsewhere in the
    sentence it speaks of something else ('shelled the town and vowed to return in the coming days').
    """
    costs = [(_cost(f, trigger_token, trigger_start), f) for f in candidates]
    eligible = [(c, f) for c, f in costs if not f.expr.future or c[0] == SAME_CLAUSE or f.root is None]
    return min(eligible, key=lambda item: item[0])[1] if eligible else None


def _cost(f: Found, trigger_token: Any, trigger_start: int) -> tuple[int, int, int, int, int]:
    """Rank a candidate for a trigger: clause relation, what it rests on, precision, distances.

    A date counted from an earlier happening ('a month after the launch') rests on finding that
    happening, so a written date in the same clause wins over it.
    """
    if f.dateline:
        rel = DATELINE
    elif trigger_token is None or f.root is None:
        rel = ELSEWHERE
    else:
        rel = relation(f.root, trigger_token)
    precision = f.resolved.precision if f.resolved is not None else 3
    parsed_pair = trigger_token is not None and f.root is not None
    tree = tree_distance(f.root, trigger_token) if parsed_pair else _NO_TREE
    chars = min(abs(f.expr.start - trigger_start), abs(f.expr.end - trigger_start))
    derived = 1 if f.expr.kind is Kind.AFTER_EVENT else 0
    return rel, derived, precision, tree, chars


class TimeStage:
    """Resolve the document's time expressions and date its events."""

    name: str = "time.v1"
    needs: tuple[str, ...] = ("parse", "events")
    sets: tuple[str, ...] = ("dates",)

    def __call__(self, doc: Document) -> Document:
        return date_document(doc)

    def process_batch(self, docs: list[Document]) -> list[Document]:
        return [date_document(doc) for doc in docs]


@register("time.v1")
def make_time(options: Options) -> TimeStage:
    """Build the time stage (it needs no settings)."""
    return TimeStage()
