"""A block of rows on a sheet, as analysts need it: an Excel table, widths, wrapping, print setup.

Each data block is an Excel table (filter buttons, banded rows, sorting that
keeps rows together). Everything a reader must see — header fill, severity
colours, link colour, widths, row heights — is set on the cells too, because
LibreOffice shows a table's filters but not its style.
"""

from __future__ import annotations

from collections.abc import Sequence
from copy import copy
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo

from factcheck.report.cells import put, style_body, style_header
from factcheck.report.columns import ANALYST_VERDICTS, Column
from factcheck.report.rows import CellValue

TABLE_STYLE = "TableStyleLight1"
"""Light grey bands and a plain header: it sits well under the cells' own fills."""
LINE_HEIGHT = 15.0  # points per line of 11-point text
MAX_LINES = 12  # a longer cell scrolls instead of making one row a page high


def write_table(sheet: Any, columns: Sequence[Column], rows: Sequence[Sequence[CellValue]],
                name: str, freeze: str = "A2") -> None:
    """A header row and data rows as an Excel table named ``name``; the header row frozen
    (and the id column too, with ``freeze="B2"``)."""
    write_header(sheet, columns)
    write_rows(sheet, columns, rows)
    sheet.freeze_panes = freeze
    add_table(sheet, name, len(columns), len(rows))


def write_rows(sheet: Any, columns: Sequence[Column], rows: Sequence[Sequence[CellValue]],
               first_column: int = 1, first_row: int = 2) -> None:
    """Data cells styled by their column; each row as high as its longest wrapped text."""
    styles: dict[int, Any] = {}
    for row_number, row in enumerate(rows, start=first_row):
        for offset, (column, value) in enumerate(zip(columns, row, strict=True)):
            cell = sheet.cell(row=row_number, column=first_column + offset)
            put(cell, value)
            _style_like_column(cell, column, styles, offset)
        fit_height(sheet, row_number, columns, row)


def add_table(sheet: Any, name: str, width: int, height: int, first_column: int = 1,
              first_row: int = 1) -> None:
    """An Excel table over a header row and ``height`` rows (one empty row if there are none:
    Excel refuses a table without a data row)."""
    first = get_column_letter(first_column)
    last = get_column_letter(first_column + width - 1)
    ref = f"{first}{first_row}:{last}{first_row + max(height, 1)}"
    style = TableStyleInfo(name=TABLE_STYLE, showRowStripes=True, showColumnStripes=False,
                           showFirstColumn=False, showLastColumn=False)
    sheet.add_table(Table(displayName=name, ref=ref, tableStyleInfo=style))


def fit_height(sheet: Any, row_number: int, columns: Sequence[Column],
               row: Sequence[CellValue]) -> None:
    """Raise a row to the height its wrapped cells need; never lower it."""
    current = sheet.row_dimensions[row_number].height or LINE_HEIGHT
    sheet.row_dimensions[row_number].height = max(current, row_height(columns, row))


def row_height(columns: Sequence[Column], row: Sequence[CellValue]) -> float:
    """Height for a row whose wrapped cells show all their text (up to MAX_LINES lines).

    Excel fits rows itself, LibreOffice does not for rows written by openpyxl:
    an explicit height makes quotes readable in both.
    """
    lines = 1
    for column, value in zip(columns, row, strict=True):
        if column.kind in ("wrap", "quote") and value is not None:
            text = value if isinstance(value, str) else str(getattr(value, "text", value))
            per_line = max(int(column.width * 1.1), 1)
            lines = max(lines, sum(-(-max(len(part), 1) // per_line)
                                   for part in text.split("\n")))
    return LINE_HEIGHT * min(lines, MAX_LINES)


def _style_like_column(cell: Any, column: Column, styles: dict[int, Any], key: int) -> None:
    """Style the column's first cell, then copy its style array to the others.

    Setting alignment and number format through openpyxl's descriptors hashes
    the style objects on every cell and took half the time on large runs;
    copying ``_style`` is the idiom openpyxl's own worksheet copier uses.
    """
    if key in styles:
        cell._style = copy(styles[key])
    else:
        style_body(cell, column)
        styles[key] = copy(cell._style)


def write_header(sheet: Any, columns: Sequence[Column], first_column: int = 1,
                 row: int = 1) -> None:
    """Bold, filled header cells and each column's width."""
    for offset, column in enumerate(columns):
        cell = sheet.cell(row=row, column=first_column + offset)
        put(cell, column.header)
        style_header(cell)
        sheet.column_dimensions[get_column_letter(first_column + offset)].width = column.width


def verdict_dropdown(sheet: Any, column: int, rows: int) -> None:
    """The Analyst verdict choices as a dropdown; other text is allowed after a warning."""
    letter = get_column_letter(column)
    validation = DataValidation(
        type="list", formula1='"' + ",".join(ANALYST_VERDICTS) + '"', allow_blank=True,
        showErrorMessage=True, errorStyle="warning", errorTitle="Analyst verdict",
        error="Not one of the usual verdicts; it is kept as typed.",
    )
    validation.add(f"{letter}2:{letter}{max(rows, 1) + 1}")
    sheet.add_data_validation(validation)


def print_setup(sheet: Any) -> None:
    """Landscape A3, all columns on one page width, the header row on every page.

    Without it a printed or PDF-converted sheet (LibreOffice) spreads one row
    over a dozen pages.
    """
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A3
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.print_title_rows = "1:1"
    sheet.page_margins.left = sheet.page_margins.right = 0.4
