"""The basis of a figure: the period, base and group it names, and whether two figures share it.

Two figures that disagree while one names a period, a base ("per week") or a group the other
does not are no contradiction but a near-miss; the comparison stage asks these questions.
A period that is only the document's own year ("nu", "dit jaar") says no more than the
present tense, so it counts as unstated. Pure functions over claims.
"""

from __future__ import annotations

from factcheck.extract.context import period_years
from factcheck.records import Claim, Verdict


def stated_period(claim: Claim) -> str | None:
    """The period a claim names, unless it is only the document's own year ("nu", "dit
    jaar"): that says no more than the present tense of an unqualified claim."""
    if not claim.period:
        return None
    years = period_years(claim.period)
    if not years:  # "nu", "op dit moment" in a document without a date: the present tense
        return None
    if claim.doc_date and years == {int(claim.doc_date[:4])}:
        return None
    return claim.period


def different_periods(a: Claim, b: Claim) -> bool:
    """Both name a period, and not the same one ("rond 2000" against "nu", "2015" against
    "2019")."""
    period_a, period_b = stated_period(a), stated_period(b)
    if not period_a or not period_b:
        return False
    years_a, years_b = period_years(period_a), period_years(period_b)
    if years_a and years_b:
        return not years_a & years_b
    return period_a != period_b


def one_sided(a: Claim, b: Claim) -> Verdict | None:
    """The verdict for figures that disagree while one of them names a basis, period or group
    the other does not: no contradiction, a near-miss."""
    if bool(a.per) != bool(b.per):
        return "different-basis"
    if bool(stated_period(a)) != bool(stated_period(b)):
        return "different-period"
    if a.population != b.population or bool(a.of) != bool(b.of):
        return "different-population"
    return None
