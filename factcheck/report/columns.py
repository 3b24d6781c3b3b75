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
SCHEMA_VERSION = 2
"""Version of the workbook layout; a later run refuses a workbook of a newer schema.
2: Findings has numeric value, bound and difference columns, the values as written under
"A as written"/"B as written" (schema 1 kept that text under "A value"/"B value")."""
PROPERTY_TOOL = "factcheck tool"
PROPERTY_SCHEMA = "factcheck schema"
PROPERTY_CONTENT = "factcheck content"  # a digest of what the run found
PROPERTY_VERSIONS = "factcheck versions"  # the tool's source and the rules that found it
PROPERTY_PARTS = "factcheck sheet parts"  # sheets past Excel's row limit: {"Claims": 2}
TOOL_SHEETS = frozenset({SHEET_SUMMARY, SHEET_FINDINGS, SHEET_CLAIMS, SHEET_DOCUMENTS,
                         SHEET_RETIRED, SHEET_STATEMENTS, "Reference"})
"""The sheets factcheck writes ("Reference": report.reference_sheet); any other is the
analyst's and is carried over."""
"""Custom document properties that mark a workbook as factcheck's (Excel and LibreOffice
keep them when they save)."""

ColumnKind = Literal["text", "wrap", "quote", "number", "date"]
"""How a column is shown: plain text, wrapped long text, a highlighted quote, a number or a
date."""


@dataclass(frozen=True)
class Column:
    """A column's header, its widest width in characters, and how its cells are written.

    The width a sheet gets is fitted to the header and the cells
    (:func:`.tables.fitted_width`): ``width`` is the most a wrapped column
    ("wrap", "quote") may take, its text wraps beyond it; other columns are
    as wide as their widest cell, so ids, names and numbers are never cut.
    A number column without ``number_format`` gets thousands separators and
    the decimals its value needs (:func:`.cells.number_format_of`).
    """

    header: str
    width: float
    kind: ColumnKind = "text"
    number_format: str | None = None
    fit: bool = True  # False: a column for the analyst to type in keeps its width


INTEGER_FORMAT = "#,##0"
"""Whole numbers with thousands separators (Excel shows them in the reader's locale:
12.000 in a Dutch Excel)."""
DECIMAL_FORMAT = "#,##0.0##"
"""Numbers with a fraction: thousands separators and up to three decimals."""
PERCENT_FORMAT = "0.0%"
"""A fraction shown as a percentage: the relative difference."""
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
PAGE_FORMAT = "0"

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
COL_UNIT = "unit"
"""The unit of side A's figure (and of the differences): percent, EUR, count …"""
COL_A_WRITTEN = "A as written"
COL_A_VALUE = "A value"
COL_A_LOW = "A low"
COL_A_HIGH = "A high"
COL_A_DOC = "A document"
COL_A_PAGE = "A page"
COL_A_DATE = "A date"
COL_A_SPEAKER = "A speaker"
COL_A_QUOTE = "A quote"
COL_B_WRITTEN = "B as written"
COL_B_VALUE = "B value"
COL_B_LOW = "B low"
COL_B_HIGH = "B high"
COL_B_DOC = "B document"
COL_B_PAGE = "B page"
COL_B_DATE = "B date"
COL_B_SPEAKER = "B speaker"
COL_B_QUOTE = "B quote"
COL_DIFFERENCE = "difference"
COL_ABS_DIFFERENCE = "abs difference"
COL_REL_DIFFERENCE = "rel difference"
COL_EXPLANATION = "explanation"
COL_SUPPRESSED = "suppressed"
COL_ANALYST_VERDICT = "Analyst verdict"
COL_ANALYST_NOTE = "Analyst note"
COL_RETIRED = "retired"
"""Retired sheet: the date of the run in which the finding no longer appeared."""
LEGACY_FINDINGS_HEADERS = frozenset({
    COL_ID, COL_KIND, COL_VERDICT, COL_SEVERITY, COL_CONFIDENCE, COL_MEASURE, COL_STATEMENTS,
    COL_VALUES, COL_A_VALUE, COL_A_DOC, COL_A_PAGE, COL_A_SPEAKER, COL_A_QUOTE, COL_B_VALUE,
    COL_B_DOC, COL_B_PAGE, COL_B_SPEAKER, COL_B_QUOTE, COL_DIFFERENCE, COL_EXPLANATION,
    COL_SUPPRESSED, COL_ANALYST_VERDICT, COL_ANALYST_NOTE, COL_RETIRED,
})
"""The Findings and Retired headers of schema 1: any other column there was the analyst's."""
ANALYST_SUFFIX = "(analyst)"
"""Added to an analyst's column whose name a later schema took for one of its own."""
LEGACY_WRITTEN = {COL_A_VALUE: COL_A_WRITTEN, COL_B_VALUE: COL_B_WRITTEN}
"""Schema 1 wrote the value as written (text) under "A value"/"B value"; a row read from
such a workbook has it moved to the "as written" column (:func:`.previous.upgrade_row`)."""

ANALYST_VERDICTS = ("open", "confirmed", "false positive", "explained", "duplicate")
"""The choices of the Analyst verdict dropdown; other text is accepted and carried over."""
VERDICT_OPEN = "open"
VERDICT_CONFIRMED = "confirmed"
VERDICT_FALSE_POSITIVE = "false positive"
VERDICT_EXPLAINED = "explained"
VERDICT_DUPLICATE = "duplicate"
SUPPRESSED_MARK = "yes"

# Summary sheet headers.
COL_ITEM = "item"
COL_VALUE = "value"
ITEM_RUN_DATE = "run date"
ITEM_TOOL_VERSION = "tool version"
ITEM_RULES_VERSION = "rules version"
ITEM_INPUT = "input"
ITEM_SPLIT = "{sheet}: rows on {parts} sheets ({first} to {last})"
"""A sheet past Excel's row limit (:mod:`.parts`): its rows, and the sheets they are on."""

QUOTE_WIDTH = 36
"""Wide enough for six to eight words a line; longer quotes wrap onto more lines, so that
the key columns of a Findings row fit an A4 page width at about two thirds of their size."""
NUMBER_WIDTH = 10
DOC_WIDTH = 24
"""The least width of a document column; it grows to the longest name (a linked cell does
not wrap in LibreOffice, so names are shown whole by the width)."""


def _value_columns(value: str, low: str, high: str) -> tuple[Column, ...]:
    """One side's figure as numbers, for sums, averages and pivot tables."""
    return (Column(value, 16, "number"), Column(low, 16, "number"), Column(high, 16, "number"))


FINDINGS_COLUMNS: tuple[Column, ...] = (
    # The key columns, read first and what a printed page holds: the explanation names
    # each side's document, date and speaker, so the page needs no document columns.
    Column(COL_ID, 13),
    Column(COL_VERDICT, 13, "wrap"),
    Column(COL_SEVERITY, 8),
    Column(COL_A_WRITTEN, 14, "wrap"), Column(COL_A_QUOTE, QUOTE_WIDTH, "quote"),
    Column(COL_B_WRITTEN, 14, "wrap"), Column(COL_B_QUOTE, QUOTE_WIDTH, "quote"),
    Column(COL_EXPLANATION, QUOTE_WIDTH, "wrap"),
    Column(COL_ANALYST_VERDICT, 18),
    Column(COL_ANALYST_NOTE, 20, "wrap", fit=False),
    # Then where each side stands (documents linked to the source files) and the details,
    # numbers as numbers.
    Column(COL_A_DOC, DOC_WIDTH), Column(COL_A_PAGE, 9, "number", PAGE_FORMAT),
    Column(COL_B_DOC, DOC_WIDTH), Column(COL_B_PAGE, 9, "number", PAGE_FORMAT),
    Column(COL_DIFFERENCE, 12, "wrap"),
    Column(COL_ABS_DIFFERENCE, 16, "number"),
    Column(COL_REL_DIFFERENCE, 12, "number", PERCENT_FORMAT),
    Column(COL_UNIT, 10),
    *_value_columns(COL_A_VALUE, COL_A_LOW, COL_A_HIGH),
    *_value_columns(COL_B_VALUE, COL_B_LOW, COL_B_HIGH),
    Column(COL_A_SPEAKER, 16, "wrap"), Column(COL_A_DATE, 10, "date", DATE_FORMAT),
    Column(COL_B_SPEAKER, 16, "wrap"), Column(COL_B_DATE, 10, "date", DATE_FORMAT),
    Column(COL_KIND, 14, "wrap"),
    Column(COL_CONFIDENCE, 13, "number", "0.00"),
    Column(COL_MEASURE, 22, "wrap"),
    Column(COL_STATEMENTS, 13, "number", INTEGER_FORMAT),
    Column(COL_VALUES, 16, "wrap"),
    Column(COL_SUPPRESSED, 10),
)
FINDINGS_HEADERS: tuple[str, ...] = tuple(c.header for c in FINDINGS_COLUMNS)
FINDINGS_PRINTED = FINDINGS_HEADERS.index(COL_ANALYST_NOTE) + 1
"""The key columns, id to Analyst note, are what a printed page holds (fitted to its width)."""
LEGACY_SIGNATURE = (COL_ID, COL_KIND, COL_VERDICT, COL_SEVERITY)
"""How a Findings sheet written before the schema marker begins: still recognised as ours."""
EXTRA_COLUMN = Column("", 20, "wrap", fit=False)
"""How a column the analyst added to Findings is shown when carried over."""
RETIRED_COLUMNS: tuple[Column, ...] = (
    FINDINGS_COLUMNS[0], Column(COL_RETIRED, 16, "date", DATETIME_FORMAT), *FINDINGS_COLUMNS[1:],
)

# Statements sheet headers.
COL_ST_DISAGREES = "disagrees"
COL_ST_VALUE = "value"
"""The value as written."""
COL_ST_NUMBER = "number"
"""The value as a number."""
COL_ST_DOC = "document"
COL_ST_PAGE = "page"
COL_ST_SPEAKER = "speaker"
COL_ST_DATE = "date"
COL_ST_QUOTE = "quote"
COL_ST_CLAIM = "claim"
STATEMENT_COLUMNS: tuple[Column, ...] = (
    Column(COL_ID, 13), Column(COL_VERDICT, 13, "wrap"), Column(COL_ST_DISAGREES, 10),
    Column(COL_ST_VALUE, 14), Column(COL_ST_NUMBER, 16, "number"), Column(COL_UNIT, 10),
    Column(COL_ST_DOC, DOC_WIDTH), Column(COL_ST_PAGE, 7, "number", PAGE_FORMAT),
    Column(COL_ST_SPEAKER, 18, "wrap"), Column(COL_ST_DATE, 10, "date", DATE_FORMAT),
    Column(COL_ST_QUOTE, QUOTE_WIDTH, "quote"), Column(COL_ST_CLAIM, 13),
)
"""The Statements sheet: every statement of every figure (a finding of linked claims),
one row each, so that all quotes of a finding are there to read and filter."""

SUMMARY_COLUMNS: tuple[Column, ...] = (Column(COL_ITEM, 46, "wrap"), Column(COL_VALUE, 40, "wrap"))
TOP_FINDINGS_COLUMNS: tuple[Column, ...] = (
    Column(COL_ID, 13), Column(COL_VERDICT, 13, "wrap"), Column(COL_SEVERITY, 8),
    Column(COL_EXPLANATION, 60, "wrap"), Column(COL_ANALYST_VERDICT, 14),
)
COL_DOC_DOCUMENT = "document"
COL_DOC_FINDINGS = "findings"
COL_DOC_DISAGREEING = "disagreeing (discrepancy + inconsistent)"
"""Findings with the verdict discrepancy or inconsistent, less those an analyst marked
false positive."""
PER_DOCUMENT_COLUMNS: tuple[Column, ...] = (
    Column(COL_DOC_DOCUMENT, DOC_WIDTH), Column(COL_DOC_FINDINGS, 10, "number"),
    Column(COL_DOC_DISAGREEING, 28, "number"),
)
"""The table behind the Summary chart: the documents with most findings, and the real
disagreements among them."""
PER_DOCUMENT_LIMIT = 20

# Claims and Documents sheet headers: the record fields these sheets link or colour.
FIELD_DOC = "doc"
FIELD_PATH = "path"
FIELD_STATUS = "status"
FIELD_SENTENCE = "sentence"
DATE_FIELDS = frozenset({"doc_date", "date"})
"""Record fields holding an ISO date: written as real dates."""
_NUMBER_FIELDS = frozenset({"start", "end", "value", "low", "high", "pages", "claims"})
_FIELD_COLUMNS: dict[str, Column] = {
    "id": Column("id", 13),
    "doc": Column("doc", DOC_WIDTH),
    "path": Column("path", 40),
    "text": Column("text", 16, "wrap"),
    "page": Column("page", 7, "number", PAGE_FORMAT),
    "sentence": Column("sentence", QUOTE_WIDTH, "quote"),
    "message": Column("message", 60, "wrap"),
    "measure": Column("measure", 28, "wrap"),
    "measure_keys": Column("measure_keys", 28, "wrap"),
    "population": Column("population", 22, "wrap"),
    "period": Column("period", 14, "wrap"),
    "source": Column("source", 20, "wrap"),
    "question": Column("question", 10),
    "date": Column("date", 10, "date", DATE_FORMAT),
    "doc_date": Column("doc_date", 10, "date", DATE_FORMAT),
}


def _field_column(name: str) -> Column:
    """A record field's column: numbers narrow, quotes and messages wide and wrapped."""
    if name in _NUMBER_FIELDS:
        return Column(name, NUMBER_WIDTH, "number")
    return _FIELD_COLUMNS.get(name, Column(name, 16, "wrap"))


# Claims and Documents follow their records, so a field added there shows up here.
CLAIM_COLUMNS: tuple[Column, ...] = tuple(_field_column(name) for name in CLAIM_FIELDS)
DOCUMENT_COLUMNS: tuple[Column, ...] = tuple(
    _field_column(f.name) for f in fields(DocumentReport)
)
CLAIMS_PRINTED = list(CLAIM_FIELDS).index(FIELD_SENTENCE) + 1
"""A printed Claims page holds id to sentence: where the number is and how it was read."""
