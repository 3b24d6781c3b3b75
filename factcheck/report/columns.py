"""Every sheet's columns, defined once (statcheck's constants.R).

The header strings are the workbook's interface: analysts filter on them and a
later run will find the ``Analyst verdict`` and ``Analyst note`` columns of a
previous workbook by name to carry the analysts' work over. Change a header
here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Literal

from factcheck.records import CLAIM_FIELDS, DocumentReport

SHEET_SUMMARY = "Summary"
SHEET_FINDINGS = "Findings"
SHEET_CLAIMS = "Claims"
SHEET_STATEMENTS = "Statements"
SHEET_DOCUMENTS = "Documents"
SHEET_RETIRED = "Retired"
"""The order of the sheets; Retired is only written when findings have retired."""
OWN_SHEETS = ("Summary", "Findings", "Retired", "Statements", "Claims", "Documents")
"""Every sheet factcheck writes; any other sheet in a workbook is the analyst's."""

TOOL_NAME = "factcheck"
SCHEMA_VERSION = 1
"""Version of the workbook layout; a later run refuses a workbook of a newer schema."""
PROPERTY_TOOL = "factcheck tool"
PROPERTY_SCHEMA = "factcheck schema"
PROPERTY_CONTENT = "factcheck content"  # a digest of what the run found
PROPERTY_VERSIONS = "factcheck versions"  # the tool's source and the rules that found it
TOOL_SHEETS = frozenset({SHEET_SUMMARY, SHEET_FINDINGS, SHEET_CLAIMS, SHEET_DOCUMENTS,
                         SHEET_RETIRED, SHEET_STATEMENTS, "Reference"})
"""The sheets factcheck writes ("Reference": report.reference_sheet); any other is the
analyst's and is carried over."""
"""Custom document properties that mark a workbook as factcheck's (Excel and LibreOffice
keep them when they save)."""

ColumnKind = Literal["text", "wrap", "quote", "number"]
"""How a column is shown: plain text, wrapped long text, a highlighted quote, or a number."""


@dataclass(frozen=True)
class Column:
    """A column's header, its width in characters, and how its cells are written."""

    header: str
    width: float
    kind: ColumnKind = "text"
    number_format: str | None = None


# Findings sheet headers.
COL_ID = "id"
COL_KIND = "kind"
COL_VERDICT = "verdict"
COL_SEVERITY = "severity"
COL_CONFIDENCE = "confidence"
COL_MEASURE = "measure"
COL_STATEMENTS = "statements"
"""How many statements make the finding: the same figure said N times counts N."""
COL_VALUES = "values"
"""The values said, lowest to highest."""
COL_A_VALUE = "A value"
COL_A_DOC = "A document"
COL_A_PAGE = "A page"
COL_A_SPEAKER = "A speaker"
COL_A_QUOTE = "A quote"
COL_B_VALUE = "B value"
COL_B_DOC = "B document"
COL_B_PAGE = "B page"
COL_B_SPEAKER = "B speaker"
COL_B_QUOTE = "B quote"
COL_DIFFERENCE = "difference"
COL_EXPLANATION = "explanation"
COL_SUPPRESSED = "suppressed"
COL_ANALYST_VERDICT = "Analyst verdict"
COL_ANALYST_NOTE = "Analyst note"
COL_RETIRED = "retired"
"""Retired sheet: the date of the run in which the finding no longer appeared."""

ANALYST_VERDICTS = ("open", "confirmed", "false positive", "explained", "duplicate")
"""The choices of the Analyst verdict dropdown; other text is accepted and carried over."""
VERDICT_OPEN = "open"
VERDICT_CONFIRMED = "confirmed"
VERDICT_FALSE_POSITIVE = "false positive"
SUPPRESSED_MARK = "yes"

# Summary sheet headers.
COL_ITEM = "item"
COL_VALUE = "value"

QUOTE_WIDTH = 48
"""Wide enough for a dozen words a line; narrower quotes wrap onto more lines, so that
the whole Findings row still fits an A3 page width when printed."""
NUMBER_WIDTH = 10


def _side(value: str, doc: str, page: str, speaker: str, quote: str) -> tuple[Column, ...]:
    """The five columns that show one side (A or B) of a finding."""
    return (Column(value, 12, "wrap"), Column(doc, 18, "wrap"), Column(page, 7, "number", "0"),
            Column(speaker, 14, "wrap"), Column(quote, QUOTE_WIDTH, "quote"))


FINDINGS_COLUMNS: tuple[Column, ...] = (
    Column(COL_ID, 13),
    Column(COL_KIND, 14, "wrap"),
    Column(COL_VERDICT, 13, "wrap"),
    Column(COL_SEVERITY, 8),
    Column(COL_CONFIDENCE, 10, "number", "0.00"),
    Column(COL_MEASURE, 22, "wrap"),
    Column(COL_STATEMENTS, 11, "number", "0"),
    Column(COL_VALUES, 16, "wrap"),
    *_side(COL_A_VALUE, COL_A_DOC, COL_A_PAGE, COL_A_SPEAKER, COL_A_QUOTE),
    *_side(COL_B_VALUE, COL_B_DOC, COL_B_PAGE, COL_B_SPEAKER, COL_B_QUOTE),
    Column(COL_DIFFERENCE, 12, "wrap"),
    Column(COL_EXPLANATION, 40, "wrap"),
    Column(COL_SUPPRESSED, 10),
    Column(COL_ANALYST_VERDICT, 14),
    Column(COL_ANALYST_NOTE, 30, "wrap"),
)
FINDINGS_HEADERS: tuple[str, ...] = tuple(c.header for c in FINDINGS_COLUMNS)
LEGACY_SIGNATURE = (COL_ID, COL_KIND, COL_VERDICT, COL_SEVERITY)
"""How a Findings sheet written before the schema marker begins: still recognised as ours."""
EXTRA_COLUMN = Column("", 20, "wrap")
"""How a column the analyst added to Findings is shown when carried over."""
RETIRED_COLUMNS: tuple[Column, ...] = (
    FINDINGS_COLUMNS[0], Column(COL_RETIRED, 26), *FINDINGS_COLUMNS[1:],
)

STATEMENT_COLUMNS: tuple[Column, ...] = (
    Column(COL_ID, 13), Column(COL_VERDICT, 13, "wrap"), Column("disagrees", 10),
    Column("value", 14, "wrap"), Column("number", 14, "number", "#,##0.##"),
    Column("document", 24, "wrap"), Column("page", 7, "number", "0"),
    Column("speaker", 18, "wrap"), Column("date", 11), Column("quote", QUOTE_WIDTH, "quote"),
    Column("claim", 14),
)
"""The Statements sheet: every statement of every figure (a finding of linked claims),
one row each, so that all quotes of a finding are there to read and filter."""

SUMMARY_COLUMNS: tuple[Column, ...] = (Column(COL_ITEM, 46), Column(COL_VALUE, 40, "wrap"))
TOP_FINDINGS_COLUMNS: tuple[Column, ...] = (
    Column(COL_ID, 36), Column(COL_VERDICT, 15), Column(COL_SEVERITY, 13),
    Column(COL_EXPLANATION, 80, "wrap"), Column(COL_ANALYST_VERDICT, 16),
)
PER_DOCUMENT_COLUMNS: tuple[Column, ...] = (
    Column("document", 36), Column("findings", 15, "number"),
    Column("discrepancies", 13, "number"),
)
"""The table behind the Summary chart: findings per document, and the real disagreements
among them (discrepancy or inconsistent, not suppressed)."""

_NUMBER_FIELDS = frozenset({"page", "start", "end", "value", "low", "high", "pages", "claims"})
_FIELD_COLUMNS: dict[str, Column] = {
    "id": Column("id", 18),
    "doc": Column("doc", 24),
    "path": Column("path", 40),
    "text": Column("text", 14),
    "sentence": Column("sentence", QUOTE_WIDTH, "quote"),
    "message": Column("message", 60, "wrap"),
    "measure": Column("measure", 28, "wrap"),
    "measure_keys": Column("measure_keys", 28),
    "population": Column("population", 22, "wrap"),
    "period": Column("period", 14, "wrap"),
    "source": Column("source", 20, "wrap"),
    "question": Column("question", 10),
    "date": Column("date", 11),
    "doc_date": Column("doc_date", 11),
}


def _field_column(name: str) -> Column:
    """A record field's column: numbers narrow, quotes and messages wide and wrapped."""
    if name in _NUMBER_FIELDS:
        return Column(name, NUMBER_WIDTH, "number")
    return _FIELD_COLUMNS.get(name, Column(name, 14))


# Claims and Documents follow their records, so a field added there shows up here.
CLAIM_COLUMNS: tuple[Column, ...] = tuple(_field_column(name) for name in CLAIM_FIELDS)
DOCUMENT_COLUMNS: tuple[Column, ...] = tuple(
    _field_column(f.name) for f in fields(DocumentReport)
)
