"""Where a time expression hangs in the dependency parse, and how close it is to an event's trigger.

Works on spaCy tokens of one sentence (typed `Any`: spaCy has no type stubs). A time expression
belongs first to its own clause, then to clauses below it, then to the clauses above it.
"""

from __future__ import annotations

from typing import Any

_CLAUSE_POS = frozenset({"VERB", "AUX"})
_NOMINAL_POS = frozenset({"NOUN", "PROPN", "NUM", "PRON"})
_BOUND_WORDS = frozenset({"since", "until", "till", "before", "by"})
_MODALS = frozenset({"will", "shall", "would", "'ll", "wo"})
# verbs whose infinitive complement lies ahead: 'is expected to take', 'plan to push'
_EXPECTING = frozenset({"expect", "plan", "intend", "aim", "threaten", "vow", "prepare", "schedule", "hope"})

# how an expression relates to a trigger, best first
SAME_CLAUSE, BELOW, ABOVE, ELSEWHERE, DATELINE = range(5)


def tokens_in(span: Any, offset: int, start: int, end: int) -> list[Any]:
    """The tokens of a sentence span that overlap the document range [start, end).

    `offset` is the document offset of the span's spaCy doc (its paragraph).
    """
    chars = span.doc.char_span(start - offset, max(end, start + 1) - offset, alignment_mode="expand")
    if chars is None:
        return []
    return [tok for tok in chars if span.start <= tok.i < span.end]


def root_of(tokens: list[Any]) -> Any | None:
    """The token of a group whose head lies outside the group (the group's syntactic root)."""
    ids = {t.i for t in tokens}
    for tok in tokens:
        if tok.head.i not in ids or tok.head.i == tok.i:
            return tok
    return tokens[0] if tokens else None


def governor(tok: Any) -> Any:
    """The word an expression's root modifies, skipping the prepositions in between."""
    head = tok.head
    while head.i != head.head.i and (head.pos_ == "ADP" or head.dep_ in ("prep", "pcomp")):
        head = head.head
    return head


def clause_of(tok: Any) -> Any:
    """The verb heading the clause `tok` sits in (the sentence root when there is none)."""
    cur = tok
    while cur.pos_ not in _CLAUSE_POS and cur.head.i != cur.i:
        cur = cur.head
    return cur


def is_ancestor(upper: Any, lower: Any) -> bool:
    """True when `upper` is `lower` or dominates it."""
    return upper.i == lower.i or any(a.i == upper.i for a in lower.ancestors)


def tree_distance(a: Any, b: Any) -> int:
    """The number of dependency arcs between two tokens."""
    up_a = [a, *a.ancestors]
    depth_a = {t.i: n for n, t in enumerate(up_a)}
    for n, t in enumerate([b, *b.ancestors]):
        if t.i in depth_a:
            return n + depth_a[t.i]
    return len(up_a) + 50


def relation(expr_root: Any, trigger: Any) -> int:
    """SAME_CLAUSE, BELOW, ABOVE or ELSEWHERE: where the expression sits relative to the trigger."""
    e_clause = clause_of(governor(expr_root))
    t_clause = clause_of(trigger)
    if e_clause.i == t_clause.i:
        return SAME_CLAUSE
    if is_ancestor(t_clause, e_clause):
        return BELOW
    if is_ancestor(e_clause, t_clause):
        return ABOVE
    return ELSEWHERE


def attached_to_noun(expr_root: Any) -> bool:
    """True for an expression that modifies a noun ('an agreement last month'), not a verb."""
    return bool(governor(expr_root).pos_ in _NOMINAL_POS)


def in_noun_modifier(expr_root: Any) -> bool:
    """True inside a clause that modifies a noun ('The agreement, reached late on Tuesday, ...')."""
    return bool(clause_of(governor(expr_root)).dep_ in ("acl", "relcl"))


def under_bound(expr_root: Any) -> bool:
    """True inside a 'since ...'/'until ...' phrase ('their fourth since an agreement last month')."""
    cur = expr_root
    while cur.head.i != cur.i and cur.pos_ not in _CLAUSE_POS:
        if cur.lower_ in _BOUND_WORDS and cur.pos_ in ("ADP", "SCONJ"):
            # 'by' bounds only its own object ('by March'), not a passive's agent it passes through
            # ('captured by rebels in March')
            return cur.lower_ != "by" or cur.i == expr_root.head.i
        cur = cur.head
    return False


def future_clause(expr_root: Any) -> bool:
    """True when the expression's clause speaks of the future ('will', 'would', 'plan to', 'expected to')."""
    clause = clause_of(governor(expr_root))
    while True:
        if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in clause.children):
            return True
        if clause.dep_ != "xcomp" or clause.head.i == clause.i:
            return False
        if clause.head.lemma_ in _EXPECTING:
            return True
        clause = clause.head


def perfect_clause(expr_root: Any) -> bool:
    """True when the expression's clause is in the present perfect ('the group has carried out such
    barrages before, including on January 25'): a look back from the present, not a narrative step."""
    clause = clause_of(governor(expr_root))
    return any(
        c.dep_ in ("aux", "auxpass") and c.lemma_.lower() == "have" and c.tag_ in ("VBZ", "VBP")
        for c in clause.children
    )


def past_clause(expr_root: Any) -> bool:
    """True when the expression's clause is in the past tense ('the formation was soon exposed')."""
    clause = clause_of(governor(expr_root))
    if clause.tag_ == "VBD":
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in clause.children)
