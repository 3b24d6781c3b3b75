"""Every sheet's columns, defined once (statcheck's constants.R).

The header strings are the workbook's interface: analysts filter on them and a
later run will find the ``Analyst verdict`` and ``Analyst note`` columns of a
previous workbook by name to carry the analysts' work over. Change a header
here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Literal

from factcheck.records import Claim, DocumentReport

SHEET_SUMMARY = "Summary"
SHEET_FINDINGS = "Findings"
SHEET_CLAIMS = "Claims"
SHEET_DOCUMENTS = "Documents"
SHEETS = (SHEET_SUMMARY, SHEET_FINDINGS, SHEET_CLAIMS, SHEET_DOCUMENTS)

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
COL_ANALYST_VERDICT = "Analyst verdict"
COL_ANALYST_NOTE = "Analyst note"

# Summary sheet headers.
COL_ITEM = "item"
COL_VALUE = "value"

QUOTE_WIDTH = 70
NUMBER_WIDTH = 10


def _side(value: str, doc: str, page: str, speaker: str, quote: str) -> tuple[Column, ...]:
    """The five columns that show one side (A or B) of a finding."""
    return (Column(value, 14), Column(doc, 24), Column(page, 7, "number", "0"),
            Column(speaker, 22, "wrap"), Column(quote, QUOTE_WIDTH, "quote"))


FINDINGS_COLUMNS: tuple[Column, ...] = (
    Column(COL_ID, 18),
    Column(COL_KIND, 15),
    Column(COL_VERDICT, 15),
    Column(COL_SEVERITY, 9),
    Column(COL_CONFIDENCE, NUMBER_WIDTH, "number", "0.00"),
    Column(COL_MEASURE, 28, "wrap"),
    *_side(COL_A_VALUE, COL_A_DOC, COL_A_PAGE, COL_A_SPEAKER, COL_A_QUOTE),
    *_side(COL_B_VALUE, COL_B_DOC, COL_B_PAGE, COL_B_SPEAKER, COL_B_QUOTE),
    Column(COL_DIFFERENCE, 14),
    Column(COL_EXPLANATION, 50, "wrap"),
    Column(COL_ANALYST_VERDICT, 16),
    Column(COL_ANALYST_NOTE, 40, "wrap"),
)
FINDINGS_HEADERS: tuple[str, ...] = tuple(c.header for c in FINDINGS_COLUMNS)

SUMMARY_COLUMNS: tuple[Column, ...] = (Column(COL_ITEM, 28), Column(COL_VALUE, 60, "wrap"))
TOP_FINDINGS_COLUMNS: tuple[Column, ...] = (
    Column(COL_ID, 18), Column(COL_VERDICT, 15), Column(COL_SEVERITY, 9),
    Column(COL_EXPLANATION, 80, "wrap"),
)

_NUMBER_FIELDS = frozenset({"page", "start", "end", "value", "low", "high", "pages", "claims"})
_FIELD_COLUMNS: dict[str, Column] = {
    "id": Column("id", 18),
    "doc": Column("doc", 24),
    "path": Column("path", 40),
    "text": Column("text", 14),
    "sentence": Column("sentence", QUOTE_WIDTH, "quote"),
    "message": Column("message", 60, "wrap"),
    "measure": Column("measure", 28, "wrap"),
    "measure_keys": Column("measure_keys", 28, "wrap"),
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
CLAIM_COLUMNS: tuple[Column, ...] = tuple(_field_column(f.name) for f in fields(Claim))
DOCUMENT_COLUMNS: tuple[Column, ...] = tuple(
    _field_column(f.name) for f in fields(DocumentReport)
)
