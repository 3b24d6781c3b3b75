"""Cross-document findings against the hand-made gold in ``tests/data/findings_gold``.

Each gold item is a pair of statements (a quote around a number, in a named
document) and what a careful analyst says of the pair: ``consistent`` (the
same figure said twice), ``discrepancy``, a near-miss (``different-basis``,
``different-period``, ``different-population``, ``inconsistent``) or
``not-linked`` (a trap: the same or a similar number about different things,
or two copies of one publication). The whole gold folder is checked in one run,
as an analyst would point factcheck at it, and each pair is looked up in the
findings:

* **repeat recall**: repeats found as one consistent figure;
* **discrepancy precision**: of every discrepancy factcheck reports on the gold
  documents, the share that a gold item calls a discrepancy (strict: a
  discrepancy the gold does not list counts against it);
* **near-misses**: near-miss items given their expected verdict;
* **trap links**: traps that factcheck linked in any finding (should be 0).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from factcheck.extract.nlp import build_pipeline
from factcheck.pipeline import check, read_and_extract
from factcheck.records import Claim, Finding
from factcheck.rules import Rules
from factcheck.settings import Settings

GOLD = Path(__file__).resolve().parents[1] / "tests" / "data" / "findings_gold"
NEAR_MISSES = ("different-basis", "different-period", "different-population", "inconsistent")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Side:
    doc: str
    number: str
    quote: str


@dataclass(frozen=True)
class Item:
    id: str
    domain: str
    kind: str
    expect: str
    a: Side
    b: Side


@dataclass
class Outcome:
    """How factcheck did on one gold item."""

    item: Item
    found: str  # the verdict factcheck gives the pair, "not-linked", or "claim missed"

    @property
    def right(self) -> bool:
        return self.found == self.item.expect or (self.item.expect == "not-linked"
                                                   and not self.linked)

    @property
    def linked(self) -> bool:
        return self.found not in ("not-linked", "claim missed")


@dataclass
class Score:
    outcomes: list[Outcome] = field(default_factory=list)
    discrepancies: list[tuple[Finding, bool]] = field(default_factory=list)  # reported, in gold

    def table(self) -> list[dict[str, Any]]:
        rows = []
        domains = sorted({o.item.domain for o in self.outcomes})
        for domain in [*domains, "overall"]:
            mine = [o for o in self.outcomes if domain in ("overall", o.item.domain)]
            rows.append({"domain": domain, **_counts(mine)})
        return rows

    def precision(self) -> tuple[int, int]:
        return sum(ok for _, ok in self.discrepancies), len(self.discrepancies)


def _counts(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    def of(kind: str) -> list[Outcome]:
        return [o for o in outcomes if o.item.kind == kind]
    return {
        "repeats": f"{sum(o.right for o in of('repeat'))}/{len(of('repeat'))}",
        "discrepancies": f"{sum(o.right for o in of('discrepancy'))}/{len(of('discrepancy'))}",
        "near-misses": f"{sum(o.right for o in of('near-miss'))}/{len(of('near-miss'))}",
        "trap links": f"{sum(o.linked for o in of('trap'))}/{len(of('trap'))}",
    }


def load_gold(folder: Path = GOLD) -> list[Item]:
    data = yaml.safe_load((folder / "gold.yml").read_text(encoding="utf-8"))
    return [Item(e["id"], e["domain"], e["kind"], e["expect"], Side(**_side(e["a"])),
                 Side(**_side(e["b"]))) for e in data["items"]]


def _side(entry: Mapping[str, Any]) -> dict[str, str]:
    return {"doc": str(entry["doc"]), "number": str(entry["number"]),
            "quote": str(entry["quote"])}


def _flat(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def locate(side: Side, claims: Iterable[Claim]) -> Claim | None:
    """The claim a gold side means: in its document, its number, its sentence holding the
    quote (or the quote holding the number where the sentence was cut elsewhere)."""
    quote, number = _flat(side.quote), _flat(side.number)
    first = number.split()[0]
    candidates = [c for c in claims if c.doc == side.doc and first in c.text]
    for claim in candidates:
        if quote in claim.sentence or claim.sentence in quote:
            return claim
    words = quote.split()
    at = next((i for i, w in enumerate(words) if first in w), None)
    for claim in candidates:  # the quote runs over a sentence end: the words at the number
        if at is not None and " ".join(words[max(0, at - 2):at + 1]) in claim.sentence:
            return claim
    return None


def _original(claim: Claim | None, copies: Mapping[str, str],
              kept: Mapping[str, Claim]) -> Claim | None:
    """A claim in a copy of a publication stands for the same statement in the copy that is
    checked (the same sentence and figure)."""
    if claim is None or claim.doc not in copies:
        return claim
    key = _flat(claim.sentence), claim.text
    for other in kept.values():
        if other.doc == copies[claim.doc] and (_flat(other.sentence), other.text) == key:
            return other
    return claim


def verdict_between(a: Claim, b: Claim, findings: Sequence[Finding]) -> str:
    """What the findings say of two claims: the verdict of the finding that holds both
    (within a figure: consistent, unless one of them is named as disagreeing), a near-miss
    between the figures they belong to, or "not-linked"."""
    figure: dict[str, Finding] = {}
    for finding in findings:
        if finding.kind != "arithmetic" and finding.verdict in ("consistent", "discrepancy"):
            for claim in finding.claims:
                figure[claim.id] = finding
    group_a, group_b = figure.get(a.id), figure.get(b.id)
    if group_a is not None and group_a is group_b:
        odd = set(group_a.disagree) or ({group_a.claims[-1].id}
                                         if group_a.verdict == "discrepancy" else set())
        return "discrepancy" if (a.id in odd) != (b.id in odd) else "consistent"
    members_a = {c.id for c in group_a.claims} if group_a else {a.id}
    members_b = {c.id for c in group_b.claims} if group_b else {b.id}
    for finding in findings:
        ids = {c.id for c in finding.claims}
        if finding.kind == "arithmetic":
            if a.id in ids and b.id in ids:
                return finding.verdict
            continue
        if finding.verdict in ("consistent", "discrepancy"):
            continue
        if ids & members_a and ids & members_b:
            return finding.verdict
    return "not-linked"


def score(rules: Rules, folder: Path = GOLD, jobs: int = 1) -> Score:
    items = load_gold(folder)
    nlp = build_pipeline(rules)
    batch = read_and_extract([str(folder / "docs")], rules, nlp,
                             Settings(jobs=jobs, cache=False))
    findings = check(batch, rules)
    claims = batch.claims
    result = Score()
    gold_discrepancies = []
    kept = {c.id: c for c in claims if c.doc not in batch.copies}
    for item in items:
        a, b = (_original(locate(side, claims), batch.copies, kept)
                for side in (item.a, item.b))
        if a is None or b is None:
            result.outcomes.append(Outcome(item, "claim missed"))
            continue
        # two copies of one publication are one statement, not a pair
        found = "not-linked" if a.id == b.id else verdict_between(a, b, findings)
        result.outcomes.append(Outcome(item, found))
        if item.expect == "discrepancy":
            gold_discrepancies.append((a.id, b.id))
    by_figure = defaultdict(set)
    for finding in findings:
        if finding.verdict == "discrepancy":
            by_figure[finding.id] = {c.id for c in finding.claims}
    for finding in findings:
        if finding.verdict == "discrepancy":
            ids = by_figure[finding.id]
            result.discrepancies.append(
                (finding, any(a in ids and b in ids for a, b in gold_discrepancies)))
    return result


def report(result: Score) -> str:
    lines = ["Cross-document findings (tests/data/findings_gold, "
             f"{len(result.outcomes)} pairs made by hand):"]
    header = ["domain", "repeats", "discrepancies", "near-misses", "trap links"]
    rows = result.table()
    widths = [max(len(h), *(len(str(r[h])) for r in rows)) for h in header]
    lines.append("  " + "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    for row in rows:
        lines.append("  " + "  ".join(str(row[h]).ljust(w)
                                      for h, w in zip(header, widths, strict=True)))
    right, reported = result.precision()
    lines.append(f"  discrepancy precision: {right}/{reported}"
                 + (f" = {right / reported:.2f}" if reported else " (none reported)"))
    wrong = [o for o in result.outcomes if not o.right]
    if wrong:
        lines.append("  not as the gold says:")
        lines.extend(f"    {o.item.id} ({o.item.kind}): expected {o.item.expect}, got {o.found}"
                     for o in wrong)
    for finding, ok in result.discrepancies:
        if not ok:
            lines.append(f"    reported discrepancy not in the gold: {finding.explanation[:160]}")
    return "\n".join(lines)
