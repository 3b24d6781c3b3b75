"""Stage 4: a verdict for each linked pair, from the intervals the claims allow. Pure.

- ``different-period``: both claims name a period, and the periods differ;
- ``different-population``: they are about different groups (or one about a
  group and one about everyone): "67% van de mbo'ers" against "53% van alle
  technisch opgeleiden";
- ``consistent``: the intervals overlap ("59.900" and "bijna 60.000");
- ``discrepancy``: they do not ("52%" and "53 procent": 51,5–52,5 against
  52,5–53,5), with the difference in percentage points for percentages.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

from factcheck.arithmetic import figure_value
from factcheck.context import period_years
from factcheck.link import Link, statement_key
from factcheck.numbers import format_dutch
from factcheck.records import Claim, Finding, Severity, Verdict
from factcheck.rules import Rules


def finding_id(claims: tuple[Claim, ...]) -> str:
    """Stable over runs, input order, and documents added or removed.

    Derived from the statements (each claim's stable sentence and figure), so
    a copy of a statement in another document gives the same finding.
    """
    key = "\x1e".join(sorted(statement_key(c) for c in claims))
    return "f" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:11]


def overlap(a: Claim, b: Claim) -> bool:
    """Do the intervals the two statements allow share any value? (None is unbounded.)"""
    a_low = float("-inf") if a.low is None else a.low
    b_low = float("-inf") if b.low is None else b.low
    a_high = float("inf") if a.high is None else a.high
    b_high = float("inf") if b.high is None else b.high
    return a_low < b_high and b_low < a_high


def different_periods(a: Claim, b: Claim) -> bool:
    """Both name a period, and not the same one ("in 2018" against "nu", "2015" against "2019")."""
    if not a.period or not b.period:
        return False
    years_a, years_b = period_years(a.period), period_years(b.period)
    if years_a and years_b:
        return not years_a & years_b
    return a.period != b.period


def verdict_of(a: Claim, b: Claim) -> Verdict:
    if different_periods(a, b):
        return "different-period"
    if a.population != b.population:
        return "different-population"
    return "consistent" if overlap(a, b) else "discrepancy"


def difference(a: Claim, b: Claim, rules: Rules) -> tuple[float, float | None, str]:
    """Absolute and relative difference of b from a, and how to say it.

    Percentages differ in percentage points; amounts are written as the
    arithmetic check writes them (units from ``rules/arithmetic.nl.yml``).
    """
    absolute = b.value - a.value
    relative = absolute / a.value if a.value else None
    if a.unit in ("percent", "pp"):
        return absolute, relative, figure_value(abs(absolute), "pp", rules.arithmetic, rules)
    amount = figure_value(abs(absolute), a.unit, rules.arithmetic, rules)
    share = f" ({format_dutch(Decimal(str(abs(relative) * 100)), 1)}%)" if relative else ""
    return absolute, relative, f"{amount}{share}"


def severity_of(verdict: Verdict, a: Claim, absolute: float, relative: float | None,
                rules: Rules) -> Severity:
    """How much a verdict matters; ``absolute``, ``relative``: the difference of b from a."""
    if verdict != "discrepancy":
        return "low" if verdict.startswith("different") else "info"
    points = abs(absolute) if a.unit in ("percent", "pp") else None
    rel = abs(relative) if relative is not None else float("inf")
    limits = rules.severity
    if rel >= limits.high_relative or (points is not None and points >= limits.high_points):
        return "high"
    if rel >= limits.medium_relative or (points is not None and points >= limits.medium_points):
        return "medium"
    return "low"


def describe(claim: Claim, rules: Rules) -> str:
    """Where a claim stands, for the explanation: "52% (debat.txt, Amhaouch, CDA)"."""
    who = ", ".join(x for x in (claim.speaker, claim.party) if x)
    page = rules.explanations.page.format(page=claim.page) if claim.page else None
    where = ", ".join(x for x in (claim.doc, claim.doc_date, who, claim.source, page) if x)
    return f"{claim.text} ({where})"


def explain(verdict: Verdict, a: Claim, b: Claim, gap: str, rules: Rules) -> str:
    """The verdict in one Dutch sentence, from the templates in ``rules/verdicts.nl.yml``;
    ``gap``: the difference as :func:`difference` writes it."""
    words = rules.explanations
    return words.verdicts[verdict].format(
        a=describe(a, rules), b=describe(b, rules), difference=gap,
        period_a=a.period, period_b=b.period,
        population_a=a.population or words.everyone, population_b=b.population or words.everyone)


def _copies(count: int, rules: Rules) -> str:
    return " " + rules.explanations.copies.format(count=count) if count else ""


def compare(link: Link, rules: Rules) -> Finding:
    """The finding for a linked pair: verdict, severity, confidence, difference, explanation."""
    a, b = sorted((link.a, link.b), key=lambda c: (c.doc_date or "", c.doc, c.start))
    verdict = verdict_of(a, b)
    absolute, relative, gap = difference(a, b, rules)
    return Finding(
        id=finding_id((a, b)),
        kind="within-document" if a.doc == b.doc else "cross-document",
        verdict=verdict,
        severity=severity_of(verdict, a, absolute, relative, rules),
        confidence=round(min(1.0, link.score), 2),
        measure=a.measure or b.measure or "",
        explanation=explain(verdict, a, b, gap, rules) + _copies(link.copies, rules),
        claims=(a, b),
        difference=gap if verdict != "consistent" else None,
        abs_difference=absolute,
        rel_difference=relative,
    )
