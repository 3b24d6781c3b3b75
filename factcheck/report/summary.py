"""What both outputs share: the run's identity, the order findings are shown in, the counts.

The workbook and the JSON file are two views of one report. Keeping the
ordering and counting here means an analyst who filters the spreadsheet and a
script that reads the JSON see the same findings in the same order and the
same totals.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
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


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Most severe first, then most confident; the id breaks ties so reruns diff cleanly."""
    return sorted(findings, key=lambda f: (SEVERITY_RANK.get(f.severity, len(SEVERITIES)),
                                           -_confidence(f), f.id))


def _confidence(finding: Finding) -> float:
    """Confidence for sorting; NaN sorts as 0 rather than scrambling the order."""
    value = finding.confidence
    return value if value == value else 0.0


def top_findings(findings: Iterable[Finding], limit: int = TOP_FINDINGS) -> list[Finding]:
    """The findings an analyst should read first: the most severe real disagreements."""
    return [f for f in sort_findings(findings) if f.verdict in TOP_VERDICTS][:limit]


def counts(claims: Sequence[Claim], findings: Sequence[Finding],
           documents: Sequence[DocumentReport]) -> list[Count]:
    """Every total on the Summary sheet, zeros included, so two runs line up row by row."""
    rows = _tally("documents", DOC_STATUSES, (d.status for d in documents))
    rows.append(Count("claims", len(claims)))
    rows.append(Count("findings", len(findings)))
    rows += _tally("findings", FINDING_KINDS, (f.kind for f in findings))
    rows += _tally("findings", VERDICTS, (f.verdict for f in findings))
    return rows


def _tally(prefix: str, known: Sequence[str], values: Iterable[str]) -> list[Count]:
    """Count values per known category; values outside it still get a row, not a silent drop."""
    seen = list(values)
    extra = sorted({v for v in seen if v not in known})
    return [Count(f"{prefix}: {name}", seen.count(name)) for name in (*known, *extra)]
