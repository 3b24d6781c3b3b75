"""Records → row values, one list per sheet row, in the column order of :mod:`columns`.

Pure functions without openpyxl, so what goes into each cell can be tested
and reused (the JSON output and a later verdict merge read the same values).
A :class:`Quote` marks a cell the workbook writes as rich text.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

from factcheck.records import Claim, DocumentReport, Finding, claim_fields
from factcheck.report import columns as col

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
"""What a cell holds (a ``datetime.datetime`` is a ``datetime.date`` too)."""


def number(value: float | int | None) -> float | int | None:
    """A number for a cell; NaN and infinity become empty, since Excel rejects them."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return None
    return value


def iso_date(text: str | None) -> datetime.date | str | None:
    """A record's ISO date ("2017-07-18") as a date, so Excel sorts, filters and groups it by
    year and month; anything else stays as it is."""
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return text


def local_datetime(text: str | None) -> datetime.datetime | str | None:
    """A run date ("2026-11-23T15:40:33+01:00") as the date and time it was where it ran
    (Excel has no time zones); anything else stays as it is."""
    if not text:
        return None
    try:
        return datetime.datetime.fromisoformat(text).replace(tzinfo=None)
    except ValueError:
        return text


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


def representatives(finding: Finding) -> tuple[Claim | None, Claim | None]:
    """The claim each side's number, page, date and links stand for.

    A is the first claim. B is the second claim of a pair; of a figure said
    more than twice, the statement furthest from A (where it disagrees); of
    arithmetic, the first part (whose page and date the parts share).
    """
    side_a, side_b = sides(finding)
    a = side_a[0] if side_a else None
    if not side_b:
        return a, None
    if a is None or finding.kind == "arithmetic":
        return a, side_b[0]
    return a, max(side_b, key=lambda c: abs(c.value - a.value))


def _side_cells(claims: Sequence[Claim], shown: Claim | None, numeric: bool,
                headers: Sequence[str]) -> dict[str, CellValue]:
    """One side of a finding by header: value as written, document, page, speaker, quote;
    value, low and high as numbers (``numeric``: not for the parts of arithmetic)."""
    written, value, low, high, doc, page, date, speaker, text = headers
    if not claims or shown is None:
        return {}
    cells: dict[str, CellValue] = {
        written: PART_SEPARATOR.join(c.text for c in claims),
        doc: _joined(c.doc for c in claims),
        page: shown.page,
        date: iso_date(shown.doc_date),
        speaker: _joined(speaker_label(c) for c in claims),
        text: quote(claims),
    }
    if numeric:
        bottom, top = shown.interval.bounds()
        cells.update({value: number(shown.value), low: number(bottom), high: number(top)})
    return cells


_SIDE_A = (col.COL_A_WRITTEN, col.COL_A_VALUE, col.COL_A_LOW, col.COL_A_HIGH, col.COL_A_DOC,
           col.COL_A_PAGE, col.COL_A_DATE, col.COL_A_SPEAKER, col.COL_A_QUOTE)
_SIDE_B = (col.COL_B_WRITTEN, col.COL_B_VALUE, col.COL_B_LOW, col.COL_B_HIGH, col.COL_B_DOC,
           col.COL_B_PAGE, col.COL_B_DATE, col.COL_B_SPEAKER, col.COL_B_QUOTE)

NEW_ANALYST_CELLS: Mapping[str, CellValue] = {col.COL_ANALYST_VERDICT: col.VERDICT_OPEN}
"""A finding nobody has looked at: not suppressed, verdict "open", no note."""


def finding_cells(finding: Finding) -> dict[str, CellValue]:
    """The tool's cells of a Findings row, by header (the analyst's are added to them)."""
    side_a, side_b = sides(finding)
    a, b = representatives(finding)
    return {
        col.COL_ID: finding.id, col.COL_KIND: finding.kind, col.COL_VERDICT: finding.verdict,
        col.COL_SEVERITY: finding.severity, col.COL_CONFIDENCE: number(finding.confidence),
        col.COL_MEASURE: finding.measure,
        col.COL_STATEMENTS: finding.statements if finding.kind != "arithmetic" else None,
        col.COL_VALUES: finding.spread, col.COL_UNIT: a.unit if a is not None else None,
        **_side_cells(side_a, a, True, _SIDE_A),
        **_side_cells(side_b, b, finding.kind != "arithmetic", _SIDE_B),
        col.COL_DIFFERENCE: finding.difference,
        col.COL_ABS_DIFFERENCE: number(finding.abs_difference),
        col.COL_REL_DIFFERENCE: number(finding.rel_difference),
        col.COL_EXPLANATION: finding.explanation,
    }


def finding_row(finding: Finding, analyst: Mapping[str, CellValue] = NEW_ANALYST_CELLS,
                extra_headers: Sequence[str] = ()) -> list[CellValue]:
    """A Findings sheet row in the order of :data:`~.columns.FINDINGS_HEADERS`, then the
    columns the analyst added.

    ``analyst`` holds the suppressed mark, Analyst verdict, Analyst note and the
    added columns by header (see :func:`.merge.analyst_cells`).
    """
    cells = {**finding_cells(finding), **analyst}
    return [cells.get(header) for header in (*col.FINDINGS_HEADERS, *extra_headers)]


def statement_rows(finding: Finding) -> list[list[CellValue]]:
    """The Statements sheet rows of one finding of linked claims: each claim, the ones that
    disagree with the rest marked."""
    if finding.kind == "arithmetic":
        return []
    return [[finding.id, finding.verdict,
             col.SUPPRESSED_MARK if c.id in finding.disagree else None, c.text, number(c.value),
             c.unit, c.doc, c.page, speaker_label(c), iso_date(c.doc_date), quote([c]), c.id]
            for c in finding.claims]


def claim_row(claim: Claim) -> list[CellValue]:
    """A Claims sheet row: every field of the record (the interval as low and high), dates as
    dates, the sentence highlighted."""
    return [quote([claim]) if name == col.FIELD_SENTENCE else field_cell(name, value)
            for name, value in claim_fields(claim).items()]


def document_row(document: DocumentReport) -> list[CellValue]:
    """A Documents sheet row: every field of the record."""
    return [field_cell(f.name, getattr(document, f.name)) for f in fields(document)]


def field_cell(name: str, value: Any) -> CellValue:
    """A record field's cell on the Claims or Documents sheet: dates as dates."""
    if name in col.DATE_FIELDS and isinstance(value, str):
        return iso_date(value)
    return record_value(value)


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
