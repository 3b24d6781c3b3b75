"""Records → row values, one list per sheet row, in the column order of :mod:`columns`.

Pure functions without openpyxl, so what goes into each cell can be tested
and reused (the JSON output and a later verdict merge read the same values).
A :class:`Quote` marks a cell the workbook writes as rich text.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from typing import Any

from factcheck.records import Claim, DocumentReport, Finding, claim_fields
from factcheck.report.columns import SUPPRESSED_MARK, VERDICT_OPEN

PART_SEPARATOR = " · "
"""Joins the parts of an arithmetic finding in one cell: "12.000 · 2.000"."""
SENTENCE_SEPARATOR = "\n"
"""Joins distinct quoted sentences: a line break reads better than a dot in a wrapped cell."""
LIST_SEPARATOR = ", "
"""Joins tuple fields such as ``measure_keys``."""


@dataclass(frozen=True)
class Quote:
    """A sentence and the spans in it to highlight, as (start, end) character offsets."""

    text: str
    marks: tuple[tuple[int, int], ...] = ()


CellValue = (str | int | float | Quote | datetime.date | datetime.time | datetime.timedelta
             | None)
"""What a cell holds; dates and times only come from columns an analyst filled in."""


def number(value: float | int | None) -> float | int | None:
    """A number for a cell; NaN and infinity become empty, since Excel rejects them."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return None
    return value


def find_marks(text: str, needles: Iterable[str]) -> tuple[tuple[int, int], ...]:
    """Where each needle sits in text, first free occurrence, not overlapping another.

    A whole-token match wins over a bare substring, so "2.000" is found in
    "2.000 krijgen er een baan" and not inside "12.000 jongeren". A needle
    that does not occur is left out: the cell is then plain text.
    """
    spans: list[tuple[int, int]] = []
    for needle in needles:
        span = _locate(text, needle, spans)
        if span is not None:
            spans.append(span)
    return tuple(sorted(spans))


def _locate(text: str, needle: str, taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The first whole-token, else the first plain, occurrence of needle not yet taken."""
    if not needle:
        return None
    escaped = re.escape(needle)
    for pattern in (rf"(?<![\w.,]){escaped}(?!\w)", escaped):
        for match in re.finditer(pattern, text):
            if not any(match.start() < end and start < match.end() for start, end in taken):
                return match.span()
    return None


def quote(claims: Sequence[Claim]) -> Quote | None:
    """The claims' sentences, each once, with every claim's text highlighted."""
    sentences = _unique(c.sentence for c in claims)
    if not sentences:
        return None
    text = SENTENCE_SEPARATOR.join(sentences)
    return Quote(text, find_marks(text, (c.text for c in claims)))


def speaker_label(claim: Claim) -> str | None:
    """"Amhaouch (CDA)": the speaker with the party in brackets, when the document gives one."""
    if not claim.speaker:
        return None
    return f"{claim.speaker} ({claim.party})" if claim.party else claim.speaker


def sides(finding: Finding) -> tuple[list[Claim], list[Claim]]:
    """Split a finding's claims into side A and side B.

    A pair is A and B in order; an arithmetic finding lists the stated
    figure first and then its parts (see :class:`~factcheck.records.Finding`):
    A is the stated figure, B the parts.
    """
    claims = list(finding.claims)
    return claims[:1], claims[1:]


def side_cells(claims: Sequence[Claim]) -> list[CellValue]:
    """Value as written, document, page, speaker and quote for one side of a finding."""
    if not claims:
        return [None] * 5
    return [
        PART_SEPARATOR.join(c.text for c in claims),
        _joined(c.doc for c in claims),
        _page(claims),
        _joined(speaker_label(c) for c in claims),
        quote(claims),
    ]


def _page(claims: Sequence[Claim]) -> CellValue:
    """One page as a number; parts on several pages as text ("3 · 4")."""
    pages = _unique(str(c.page) for c in claims if c.page is not None)
    if len(pages) == 1:
        return int(pages[0])
    return PART_SEPARATOR.join(pages) or None


NEW_ANALYST_CELLS: tuple[CellValue, ...] = (None, VERDICT_OPEN, None)
"""A finding nobody has looked at: not suppressed, verdict "open", no note."""


def finding_row(finding: Finding,
                analyst: Sequence[CellValue] = NEW_ANALYST_CELLS) -> list[CellValue]:
    """A Findings sheet row: the tool's cells, then the suppressed mark and the analyst's cells.

    ``analyst`` holds the suppressed mark, Analyst verdict, Analyst note and
    any columns the analyst added (see :func:`.merge.analyst_cells`).
    """
    side_a, side_b = sides(finding)
    return [
        finding.id, finding.kind, finding.verdict, finding.severity,
        number(finding.confidence), finding.measure,
        finding.statements if finding.kind != "arithmetic" else None, finding.spread,
        *side_cells(side_a), *side_cells(side_b),
        finding.difference, finding.explanation, *analyst,
    ]


def statement_rows(finding: Finding) -> list[list[CellValue]]:
    """The Statements sheet rows of one finding of linked claims: each claim, the ones that
    disagree with the rest marked."""
    if finding.kind == "arithmetic":
        return []
    return [[finding.id, finding.verdict, SUPPRESSED_MARK if c.id in finding.disagree else None,
             c.text, number(c.value), c.doc, c.page, speaker_label(c), c.doc_date,
             quote([c]), c.id] for c in finding.claims]


def claim_row(claim: Claim) -> list[CellValue]:
    """A Claims sheet row: every field of the record (the interval as low and high), the
    sentence highlighted."""
    return [quote([claim]) if name == "sentence" else record_value(value)
            for name, value in claim_fields(claim).items()]


def document_row(document: DocumentReport) -> list[CellValue]:
    """A Documents sheet row: every field of the record."""
    return [record_value(getattr(document, f.name)) for f in fields(document)]


def record_value(value: Any) -> CellValue:
    """A record field as a cell value: tuples joined, numbers kept, anything else as text."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return number(value)
    if isinstance(value, tuple | list):
        return LIST_SEPARATOR.join(str(v) for v in value) or None
    return str(value)


def _unique(values: Iterable[str | None]) -> list[str]:
    """Distinct non-empty values in first-seen order."""
    return list(dict.fromkeys(v for v in values if v))


def _joined(values: Iterable[str | None]) -> str | None:
    """Distinct values joined with the part separator, or None when there are none."""
    return PART_SEPARATOR.join(_unique(values)) or None
