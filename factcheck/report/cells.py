"""Writing one cell safely: text stays text, numbers stay numbers, quotes get highlighted.

Document text is untrusted: a sentence may start with "=", "+", "-" or "@"
(openpyxl would store "=SUM(A1)" as a formula, Excel would run it) and PDF
extraction leaves control characters and U+FFFE that make openpyxl refuse or
write an XML file Excel cannot open. Every string goes through :func:`clean`
and every text cell is forced to the string type.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.hyperlink import Hyperlink

from factcheck.report import columns as col
from factcheck.report.columns import Column
from factcheck.report.rows import CellValue, Quote

MAX_CELL_CHARS = 32_767
"""Excel's limit on the characters in one cell; longer text is cut with an ellipsis."""
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")
"""Lone surrogates and the two non-characters: lxml refuses them when saving."""

HIGHLIGHT = InlineFont(rFont="Calibri", sz=11, b=True, color="C00000")
"""Bold dark red: the claim's number inside its sentence."""
HEADER_FONT = Font(name="Calibri", size=11, bold=True, color="000000")
LINK_FONT = Font(name="Calibri", size=11, color="0563C1", underline="single")
"""Blue underlined, set on the cell itself so LibreOffice shows links the way Excel does."""
HEADER_FILL = PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7")
SEVERITY_FILLS: dict[str, PatternFill] = {
    severity: PatternFill("solid", start_color=colour, end_color=colour)
    for severity, colour in {
        "high": "F8B4B4", "medium": "FCD5A5", "low": "FFF2A8", "info": "E4E4E4",
    }.items()
}
STATUS_FILLS: dict[str, PatternFill] = {
    "failed": SEVERITY_FILLS["high"], "warning": SEVERITY_FILLS["medium"],
}
GREY_FILL = SEVERITY_FILLS["info"]
VERDICT_FILLS: dict[str, PatternFill] = {
    "confirmed": SEVERITY_FILLS["high"],
    "false positive": GREY_FILL,
    "explained": PatternFill("solid", start_color="C6EFCE", end_color="C6EFCE"),
    "duplicate": GREY_FILL,
}
"""Analyst verdict cells by the (loosely compared) verdict; "open" stays white."""
DIM_FONT = Font(color="808080")
"""A row an analyst set aside (false positive, duplicate): greyed, still readable."""
WRAPPED = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="top")
"""A header longer than its column wraps rather than being cut off."""


def clean(text: str) -> str:
    """Text without the characters a workbook cannot hold, cut to Excel's cell limit."""
    text = _NOT_XML.sub("", ILLEGAL_CHARACTERS_RE.sub("", text))
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - 1] + "…"
    return text


def rich_quote(quote: Quote) -> CellRichText | str:
    """The sentence as rich text with each marked span bold red; plain text without marks.

    Cleaning happens per piece, so removing a control character never shifts a
    highlight off its number.
    """
    if not quote.marks or len(quote.text) > MAX_CELL_CHARS:
        return clean(quote.text)
    blocks: list[str | TextBlock] = []
    position = 0
    for start, end in quote.marks:
        blocks.append(clean(quote.text[position:start]))
        blocks.append(TextBlock(HIGHLIGHT, clean(quote.text[start:end])))
        position = end
    blocks.append(clean(quote.text[position:]))
    return CellRichText([b for b in blocks if _has_text(b)])


def _has_text(block: str | TextBlock) -> bool:
    """Empty runs are dropped: Excel shows them as nothing but some readers choke on them."""
    return bool(block.text if isinstance(block, TextBlock) else block)


def put(cell: Any, value: CellValue) -> None:
    """Write a value into a cell: text forced to a string, numbers as numbers, None empty."""
    if isinstance(value, Quote):
        cell.value = rich_quote(value)
        cell.data_type = "s"
    elif isinstance(value, str):
        cell.value = clean(value)
        cell.data_type = "s"  # after assigning: "=…" must stay text, not become a formula
    else:
        cell.value = value


def number_format_of(column: Column, value: CellValue) -> str | None:
    """The column's number format; without one, by the value: whole numbers with thousands
    separators, fractions with up to three decimals, dates as dates (None: General)."""
    if column.number_format:
        return column.number_format
    if value is None or isinstance(value, str):  # most cells: decided at once
        return None
    if isinstance(value, datetime.datetime):
        return col.DATETIME_FORMAT
    if isinstance(value, datetime.date):
        return col.DATE_FORMAT
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return col.INTEGER_FORMAT if float(value).is_integer() else col.DECIMAL_FORMAT


def style_body(cell: Any, column: Column, value: CellValue = None) -> None:
    """Alignment and number format of a data cell, by its column's kind and its value."""
    cell.alignment = WRAPPED if column.kind in ("wrap", "quote") else TOP
    number_format = number_format_of(column, value)
    if number_format:
        cell.number_format = number_format


def link(cell: Any, target: str | None = None, location: str | None = None) -> None:
    """Make a cell a link to a file (``target``) or a place in the workbook (``location``).

    Targets are built from file paths and sheet rows, never from document text.
    """
    if (target is None and location is None) or cell.value is None:
        return
    cell.hyperlink = Hyperlink(ref=cell.coordinate, target=target, location=location)
    cell.font = LINK_FONT


def style_header(cell: Any) -> None:
    """Bold on a light fill, so the frozen header row stands apart while scrolling."""
    cell.font = HEADER_FONT
    cell.fill = HEADER_FILL
    cell.alignment = HEADER_ALIGNMENT
