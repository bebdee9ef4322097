"""Time expressions: a grammar that finds them in text and a resolver that turns them into dates."""

from marsad.timeexpr.calendar import DateRange
from marsad.timeexpr.expr import Kind, TimeExpr
from marsad.timeexpr.grammar import scan
from marsad.timeexpr.resolve import Context, infer_year, resolve

__all__ = ["Context", "DateRange", "Kind", "TimeExpr", "infer_year", "resolve", "scan"]
