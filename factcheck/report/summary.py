"""What both outputs share: the run's identity, the order findings are shown in, the counts.

The workbook and the JSON file are two views of one report. Keeping the
ordering and counting here means an analyst who filters the spreadsheet and a
script that reads the JSON see the same findings in the same order and the
same totals.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import get_args

from factcheck.records import (
    Claim,
    DocStatus,
    DocumentReport,
    Finding,
    FindingKind,
    Severity,
    Verdict,
)
from factcheck.report.columns import ANALYST_VERDICTS, VERDICT_OPEN
from factcheck.report.merge import NO_ANNOTATION, NO_MERGE, Annotation, Merge, verdict_key

Annotations = Mapping[str, Annotation]

SEVERITIES: tuple[Severity, ...] = get_args(Severity)
"""Most severe first: the Findings sheet is sorted in this order."""
SEVERITY_RANK: dict[str, int] = {severity: rank for rank, severity in enumerate(SEVERITIES)}
DOC_STATUSES: tuple[DocStatus, ...] = get_args(DocStatus)
FINDING_KINDS: tuple[FindingKind, ...] = get_args(FindingKind)
VERDICTS: tuple[Verdict, ...] = get_args(Verdict)

TOP_VERDICTS: frozenset[str] = frozenset({"discrepancy", "inconsistent"})
"""Verdicts that make a finding worth a line on the Summary sheet."""
TOP_FINDINGS = 10


@dataclass(frozen=True)
class RunInfo:
    """Which run produced a report, so a spreadsheet found later can be traced back."""

    run_date: str
    tool_version: str
    rules_version: str
    inputs: tuple[str, ...]


@dataclass(frozen=True)
class Count:
    """One line of the counts block: a label such as ``findings: discrepancy`` and a total."""

    label: str
    total: int


def sort_findings(findings: Iterable[Finding], annotations: Annotations | None = None,
                  ) -> list[Finding]:
    """Confirmed by an analyst first, suppressed false positives last; in between most
    severe first, then most confident; the id breaks ties so reruns diff cleanly."""
    notes = annotations or {}
    return sorted(findings, key=lambda f: (_analyst_rank(notes.get(f.id, NO_ANNOTATION)),
                                           SEVERITY_RANK.get(f.severity, len(SEVERITIES)),
                                           -_confidence(f), f.id))


def _analyst_rank(annotation: Annotation) -> int:
    """0 confirmed, 1 not (yet) judged or judged otherwise, 2 suppressed as false positive."""
    if annotation.confirmed:
        return 0
    return 2 if annotation.suppressed else 1


def _confidence(finding: Finding) -> float:
    """Confidence for sorting; NaN sorts as 0 rather than scrambling the order."""
    value = finding.confidence
    return value if value == value else 0.0


def top_findings(findings: Iterable[Finding], limit: int = TOP_FINDINGS,
                 annotations: Annotations | None = None) -> list[Finding]:
    """The findings an analyst should read first: confirmed ones, then the most severe real
    disagreements; never a suppressed false positive."""
    notes = annotations or {}
    ordered = sort_findings(findings, notes)
    return [f for f in ordered if _worth_reading(f, notes.get(f.id, NO_ANNOTATION))][:limit]


def _worth_reading(finding: Finding, annotation: Annotation) -> bool:
    if annotation.suppressed:
        return False
    return annotation.confirmed or finding.verdict in TOP_VERDICTS


def counts(claims: Sequence[Claim], findings: Sequence[Finding],
           documents: Sequence[DocumentReport], merge: Merge = NO_MERGE) -> list[Count]:
    """Every total on the Summary sheet, zeros included, so two runs line up row by row."""
    rows = _tally("documents", DOC_STATUSES, (d.status for d in documents))
    rows.append(Count("claims", len(claims)))
    rows.append(Count("findings", len(findings)))
    rows += _tally("findings", FINDING_KINDS, (f.kind for f in findings))
    rows += _tally("findings", VERDICTS, (f.verdict for f in findings))
    rows += analyst_counts(findings, merge)
    return rows


def analyst_counts(findings: Sequence[Finding], merge: Merge) -> list[Count]:
    """Analyst verdicts per choice, suppressed, carried over and retired findings."""
    notes = [merge.annotation(f.id) for f in findings]
    rows = _tally("analyst verdict", ANALYST_VERDICTS,
                  (verdict_key(a.verdict) or VERDICT_OPEN for a in notes))
    rows.append(Count("findings suppressed (false positive, listed last)",
                      sum(1 for a in notes if a.suppressed)))
    rows.append(Count("analyst input carried over", merge.carried))
    rows.append(Count("findings retired (Retired sheet)", len(merge.retired)))
    return rows


def _tally(prefix: str, known: Sequence[str], values: Iterable[str]) -> list[Count]:
    """Count values per known category; values outside it still get a row, not a silent drop."""
    seen = list(values)
    extra = sorted({v for v in seen if v not in known})
    return [Count(f"{prefix}: {name}", seen.count(name)) for name in (*known, *extra)]


@dataclass(frozen=True)
class DocumentTally:
    """One bar of the Summary chart: a document's findings and real disagreements."""

    doc: str
    findings: int
    discrepancies: int  # discrepancy or inconsistent, not marked false positive


def per_document(findings: Sequence[Finding], documents: Sequence[DocumentReport],
                 annotations: Annotations | None = None) -> list[DocumentTally]:
    """Every document read that takes part in a finding (a cross-document finding counts
    for both), most findings first, then most disagreements, then by name.

    Only documents: an input that failed, or a file set aside as no document
    (a README, a publication's metadata, an unsupported type: no claims read),
    has no bar. Disagreements are discrepancies and inconsistencies an analyst
    has not marked false positive.
    """
    notes = annotations or {}
    read = {d.doc for d in documents if d.status != "failed" and d.claims > 0}
    involved: dict[str, int] = dict.fromkeys(read, 0)
    real: dict[str, int] = dict.fromkeys(read, 0)
    for finding in findings:
        disagrees = (finding.verdict in TOP_VERDICTS
                     and not notes.get(finding.id, NO_ANNOTATION).suppressed)
        for doc in {c.doc for c in finding.claims} & read:
            involved[doc] += 1
            real[doc] += disagrees
    tallies = [DocumentTally(doc, count, real[doc]) for doc, count in involved.items() if count]
    return sorted(tallies, key=lambda t: (-t.findings, -t.discrepancies, t.doc))
