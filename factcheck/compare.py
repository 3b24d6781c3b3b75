"""Stage 4: a verdict for each linked pair, and one finding per figure. Pure.

A pair of linked statements gets, in this order:

- ``different-period``: both name a period, and the periods differ ("rond
  2000" against "nu"). A period that is just the document's own year ("nu",
  "dit jaar" in a 2018 debate) says no more than the present tense does, so it
  counts as unstated;
- ``different-basis``: both say what they are counted per, and it differs
  ("350 miljoen pond per week" against "per maand");
- ``different-population``: both name a group, and the groups differ;
- ``consistent``: the intervals the wordings allow overlap ("59.900" and
  "bijna 60.000"); a period, group or basis named on one side only does not
  stand in the way of agreeing figures;
- otherwise, if a period, basis or group is named on one side only, the
  matching ``different-…`` verdict: figures that disagree while one of them
  is qualified are no contradiction ("67% van de mbo'ers" against "53%");
- ``discrepancy``: they do not overlap ("52%" and "53 procent": 51,5–52,5
  against 52,5–53,5), with the difference in percentage points for
  percentages.

Statements linked as consistent or discrepant are about one figure: they form
a cluster (connected through their links), and the cluster is one finding —
the same statistic said N times in M documents. The cluster is a
``discrepancy`` when any two of its statements that were linked directly
disagree (statements linked only through others are never set against each
other), and names the statements that disagree. A near-miss (different
period, basis or group) between two clusters is one finding, however many
statements each cluster holds.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from decimal import Decimal

from factcheck.basis import different_periods, one_sided
from factcheck.extract.numbers import format_dutch
from factcheck.figures import figure_value
from factcheck.interval import overlap
from factcheck.link import Link, statement_key
from factcheck.records import Claim, Finding, FindingKind, Severity, Verdict
from factcheck.rules import Rules


def finding_id(claims: tuple[Claim, ...]) -> str:
    """Stable over runs, input order, and documents added or removed.

    Derived from the statements (each claim's stable sentence and figure), so
    a copy of a statement in another document gives the same finding.
    """
    key = "\x1e".join(sorted(statement_key(c) for c in claims))
    return "f" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:11]


def verdict_of(a: Claim, b: Claim) -> Verdict:
    if different_periods(a, b):
        return "different-period"
    if a.per and b.per and a.per != b.per:
        return "different-basis"
    if a.population and b.population and a.population != b.population:
        return "different-population"
    if overlap(a, b):
        return "consistent"
    return one_sided(a, b) or "discrepancy"


SAME_FIGURE: frozenset[Verdict] = frozenset({"consistent", "discrepancy"})
"""Verdicts that say two statements are about one figure (the rest are near-misses)."""


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
        period_a=a.period or words.unstated, period_b=b.period or words.unstated,
        population_a=a.population or a.of or words.everyone,
        population_b=b.population or b.of or words.everyone,
        per_a=a.per or words.unstated, per_b=b.per or words.unstated)


def _copies(count: int, rules: Rules) -> str:
    return " " + rules.explanations.copies.format(count=count) if count else ""


def compare(link: Link, rules: Rules) -> Finding:
    """The finding for a linked pair: verdict, severity, confidence, difference, explanation."""
    a, b = _ordered((link.a, link.b))
    verdict = verdict_of(a, b)
    absolute, relative, gap = difference(a, b, rules)
    return Finding(
        id=finding_id((a, b)),
        kind=_kind((a, b)),
        verdict=verdict,
        severity=severity_of(verdict, a, absolute, relative, rules),
        confidence=round(min(1.0, link.score), 2),
        measure=a.measure or b.measure or "",
        explanation=explain(verdict, a, b, gap, rules) + _copies(link.copies, rules),
        claims=(a, b),
        difference=gap if verdict != "consistent" else None,
        abs_difference=absolute,
        rel_difference=relative,
        statements=2,
        documents=len({a.doc, b.doc}),
        spread=spread_of((a, b)),
    )


def _ordered(claims: Iterable[Claim]) -> list[Claim]:
    return sorted(claims, key=lambda c: (c.doc_date or "", c.doc, c.start))


def _kind(claims: Sequence[Claim]) -> FindingKind:
    return "within-document" if len({c.doc for c in claims}) == 1 else "cross-document"


def spread_of(claims: Sequence[Claim]) -> str:
    """The values said, lowest to highest, each as written once: "52% – 53 procent"."""
    ordered = sorted(claims, key=lambda c: c.value)
    texts = list(dict.fromkeys(c.text for c in (ordered[0], ordered[-1])))
    return " – ".join(texts)


class _Clusters:
    """Union-find over statements (claim ids)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def root(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a: str, b: str) -> None:
        ra, rb = self.root(a), self.root(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def judge(links: Sequence[Link], rules: Rules) -> list[Finding]:
    """One finding per figure (a cluster of statements linked as consistent or
    discrepant), and one per near-miss between two clusters."""
    return assemble([(link, compare(link, rules)) for link in links], rules)


def assemble(pairs: Sequence[tuple[Link, Finding]], rules: Rules) -> list[Finding]:
    """The findings of :func:`judge` from the linked pairs with their pair findings
    (:func:`compare`), which may have been made anywhere: the clusters are joined here."""
    clusters = _Clusters()
    for link, finding in pairs:
        clusters.root(link.a.id)
        clusters.root(link.b.id)
        if finding.verdict in SAME_FIGURE:
            clusters.join(link.a.id, link.b.id)
    members: dict[str, list[tuple[Link, Finding]]] = defaultdict(list)
    near: dict[tuple[str, str, str], list[tuple[Link, Finding]]] = defaultdict(list)
    for link, finding in pairs:
        if finding.verdict in SAME_FIGURE:
            members[clusters.root(link.a.id)].append((link, finding))
            continue
        ends = sorted((clusters.root(link.a.id), clusters.root(link.b.id)))
        near[(ends[0], ends[1], finding.verdict)].append((link, finding))
    findings = [_cluster_finding(group, rules) for group in members.values()]
    for group in near.values():
        best = max(group, key=lambda lf: (lf[0].score, lf[1].id))[1]
        findings.append(replace(best, aliases=tuple(sorted(
            {f.id for _, f in group} - {best.id}))))
    return sorted(findings, key=lambda f: f.id)


def _cluster_finding(group: Sequence[tuple[Link, Finding]], rules: Rules) -> Finding:
    """The finding of one figure: its pair finding when two statements make it, else the
    cluster, led by its worst disagreement (or its best-linked pair)."""
    if len(group) == 1:
        return group[0][1]
    claims: dict[str, Claim] = {}
    copies = 0
    for link, _ in group:
        claims.setdefault(link.a.id, link.a)
        claims.setdefault(link.b.id, link.b)
        copies += link.copies
    discrepant = [(link, f) for link, f in group if f.verdict == "discrepancy"]
    worst = max(discrepant or group, key=lambda lf: (
        abs(lf[1].rel_difference or 0.0) if discrepant else lf[0].score, lf[1].id))[1]
    a, b = worst.claims
    everyone = _ordered(claims.values())
    odd = _disagreeing(discrepant, everyone)
    lead = [c for c in everyone if c.id not in odd] + [c for c in everyone if c.id in odd]
    words = rules.explanations
    documents = len({c.doc for c in everyone})
    in_documents = f"{documents} {words.document[0] if documents == 1 else words.document[1]}"
    note = " " + words.cluster.format(count=len(everyone) + copies, documents=in_documents)
    if odd:
        note += " " + words.disagree.format(claims=", ".join(
            describe(c, rules) for c in everyone if c.id in odd))
    return Finding(
        id=finding_id(tuple(sorted(everyone, key=statement_key)[:2])),
        kind=_kind(everyone),
        verdict=worst.verdict,
        severity=worst.severity,
        confidence=round(min(1.0, max(link.score for link, _ in group)), 2),
        measure=worst.measure,
        explanation=explain(worst.verdict, a, b, worst.difference or "", rules) + note,
        claims=tuple(lead),
        difference=worst.difference,
        abs_difference=worst.abs_difference,
        rel_difference=worst.rel_difference,
        statements=len(everyone),
        documents=documents,
        disagree=tuple(sorted(odd)),
        spread=spread_of(everyone),
        aliases=tuple(sorted({f.id for _, f in group} - {finding_id(
            tuple(sorted(everyone, key=statement_key)[:2]))})),
    )


def _disagreeing(discrepant: Sequence[tuple[Link, Finding]],
                 everyone: Sequence[Claim]) -> set[str]:
    """The statements on the losing side of the disagreements: of each discrepant pair, the
    one whose figure fewer statements of the cluster say, then the one more of the cluster's
    disagreements are about (four say 12.000, one 12.600: the 12.600 is named)."""
    support: dict[float, int] = defaultdict(int)
    for claim in everyone:
        support[claim.value] += 1
    count: dict[str, int] = defaultdict(int)
    for link, _ in discrepant:
        count[link.a.id] += 1
        count[link.b.id] += 1
    odd: set[str] = set()
    for link, _ in discrepant:
        if link.a.id in odd or link.b.id in odd:
            continue
        odd.add(max((link.a, link.b),
                    key=lambda c: (-support[c.value], count[c.id], c.id)).id)
    return odd
