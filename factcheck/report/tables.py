"""A block of rows on a sheet, as analysts need it: an Excel table, widths, wrapping, print setup.

Each data block is an Excel table (filter buttons, banded rows, sorting that
keeps rows together). Everything a reader must see — header fill, severity
colours, link colour, widths, row heights — is set on the cells too, because
LibreOffice shows a table's filters but not its style.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from copy import copy
from dataclasses import replace
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo

from factcheck.report.cells import number_format_of, put, style_body, style_header
from factcheck.report.columns import (
    ANALYST_VERDICTS,
    INTEGER_FORMAT,
    PAGE_FORMAT,
    PERCENT_FORMAT,
    Column,
)
from factcheck.report.parts import chunks, part_title, table_name
from factcheck.report.rows import CellValue

TABLE_STYLE = "TableStyleLight1"
"""Light grey bands and a plain header: it sits well under the cells' own fills."""
LINE_HEIGHT = 15.0  # points per line of 11-point text
MAX_LINES = 12  # a longer cell scrolls instead of making one row a page high
FILTER_ROOM = 3
"""Characters a header needs beside its text for the filter button."""
MIN_WIDTH = 5
TEXT_CAP = 60
"""The widest a column of unwrapped text, numbers or dates gets; nothing in them is longer."""


def write_table(sheet: Any, columns: Sequence[Column], rows: Sequence[Sequence[CellValue]],
                name: str, freeze: str = "A2") -> None:
    """A header row and data rows as an Excel table named ``name``, each column as wide as
    its content; the header row frozen (and the id column too, with ``freeze="B2"``)."""
    fill_sheet(sheet, fit_columns(columns, rows), rows, name, freeze)


def write_parts(workbook: Any, title: str, columns: Sequence[Column],
                rows: Sequence[Sequence[CellValue]], name: str, freeze: str = "A2") -> list[Any]:
    """:func:`write_table` on new sheets at the end of ``workbook``: one sheet ``title``, or,
    past Excel's row limit, as many as the rows need ("Claims", "Claims (2)" …, see
    :mod:`.parts`), each with the header row, the same column widths (fitted to all rows),
    the same frozen panes and a table of its own. Returns the sheets in order."""
    columns = fit_columns(columns, rows)
    sheets = []
    for number, part in enumerate(chunks(rows), start=1):
        sheet = workbook.create_sheet(part_title(title, number))
        fill_sheet(sheet, columns, part, table_name(name, number), freeze)
        sheets.append(sheet)
    return sheets


def fill_sheet(sheet: Any, columns: Sequence[Column], rows: Sequence[Sequence[CellValue]],
               name: str, freeze: str) -> None:
    """The header, the rows and their table, with columns already fitted."""
    write_header(sheet, columns)
    write_rows(sheet, columns, rows)
    sheet.freeze_panes = freeze
    add_table(sheet, name, len(columns), len(rows))


def write_rows(sheet: Any, columns: Sequence[Column], rows: Sequence[Sequence[CellValue]],
               first_column: int = 1, first_row: int = 2) -> None:
    """Data cells styled by their column; each row as high as its longest wrapped text."""
    styles: dict[tuple[int, str | None], Any] = {}
    for row_number, row in enumerate(rows, start=first_row):
        for offset, (column, value) in enumerate(zip(columns, row, strict=True)):
            cell = sheet.cell(row=row_number, column=first_column + offset)
            put(cell, value)
            _style_like_column(cell, column, value, styles, offset)
        fit_height(sheet, row_number, columns, row)


def fit_columns(columns: Sequence[Column], rows: Sequence[Sequence[CellValue]]
                ) -> tuple[Column, ...]:
    """The columns with the width their header and cells need (see :func:`fitted_width`)."""
    return tuple(replace(column, width=fitted_width(column, [row[index] for row in rows]))
                 for index, column in enumerate(columns))


def fitted_width(column: Column, values: Sequence[CellValue]) -> float:
    """As wide as the widest cell and the header with its filter button, so that ids, names
    and numbers are shown whole; a wrapped column ("wrap", "quote") at most its
    ``column.width``, beyond which its text wraps (a header too, between its words)."""
    content = _longest(column, values) + 1
    if not column.fit:
        return max(column.width, float(content if column.kind == "text" else 0))
    header = len(column.header) + FILTER_ROOM
    word = max((len(w) for w in column.header.split()), default=0) + FILTER_ROOM
    if column.kind in ("wrap", "quote"):
        width = min(max(content, header), column.width)
    else:
        width = min(max(content, min(header, max(column.width, content))), TEXT_CAP)
    return float(max(width, word, MIN_WIDTH))  # a header wraps between words, never in one


def _longest(column: Column, values: Sequence[CellValue]) -> int:
    """The longest cell, stopping early once a wrapped column is full."""
    enough = column.width if column.kind in ("wrap", "quote") else TEXT_CAP
    longest = 0
    for value in values:
        longest = max(longest, shown_length(column, value))
        if longest >= enough:
            break
    return longest


def shown_length(column: Column, value: CellValue) -> int:
    """How many characters a cell shows: its longest line, a number as formatted."""
    if value is None:
        return 0
    if isinstance(value, str) and "\n" not in value:
        return len(value)
    if isinstance(value, bool):
        return len(str(value))
    if isinstance(value, datetime.datetime):
        return 16
    if isinstance(value, datetime.date):
        return 10
    if isinstance(value, int | float):
        if column.number_format == PERCENT_FORMAT:
            return len(f"{value * 100:.1f}%")
        if number_format_of(column, value) in (PAGE_FORMAT, INTEGER_FORMAT):
            return len(f"{round(value):,}")
        return len(f"{value:,.3f}".rstrip("0"))
    text = value if isinstance(value, str) else str(getattr(value, "text", value))
    return max((len(line) for line in text.split("\n")), default=0)


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
            per_line = max(int(column.width), 1)  # long names break lines early
            lines = max(lines, sum(-(-max(len(part), 1) // per_line)
                                   for part in text.split("\n")))
    return LINE_HEIGHT * min(lines, MAX_LINES)


def _style_like_column(cell: Any, column: Column, value: CellValue,
                       styles: dict[tuple[int, str | None], Any], offset: int) -> None:
    """Style the column's first cell (of each number format), then copy its style array to
    the others.

    Setting alignment and number format through openpyxl's descriptors hashes
    the style objects on every cell and took half the time on large runs;
    copying ``_style`` is the idiom openpyxl's own worksheet copier uses.
    """
    key = (offset, number_format_of(column, value))
    if key in styles:
        cell._style = copy(styles[key])
    else:
        style_body(cell, column, value)
        styles[key] = copy(cell._style)


def write_header(sheet: Any, columns: Sequence[Column], first_column: int = 1,
                 row: int = 1) -> None:
    """Bold, filled header cells, as high as a wrapped header needs; each column's width
    (never narrowed: two tables may share a column of the Summary)."""
    for offset, column in enumerate(columns):
        cell = sheet.cell(row=row, column=first_column + offset)
        put(cell, column.header)
        style_header(cell)
        letter = get_column_letter(first_column + offset)
        before = sheet.column_dimensions[letter].width if letter in sheet.column_dimensions else 0
        sheet.column_dimensions[letter].width = max(column.width, before or 0)
    lines = max((header_lines(c) for c in columns), default=1)
    current = sheet.row_dimensions[row].height or LINE_HEIGHT
    sheet.row_dimensions[row].height = max(current, LINE_HEIGHT * lines)


def header_lines(column: Column) -> int:
    """Lines a header wraps onto in its column (its filter button takes room too)."""
    room = max(int(column.width) - FILTER_ROOM, 1)
    lines, used = 1, 0
    for word in column.header.split():
        if used and used + 1 + len(word) > room:
            lines, used = lines + 1, len(word)
        else:
            used += len(word) + (1 if used else 0)
    return lines


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


def print_setup(sheet: Any, columns: int | None = None, grid: bool = True) -> None:
    """Landscape A4, the first ``columns`` columns (all when None) fitted to the page width,
    the header row repeated on every page; ``grid``: cell borders printed, so a row is
    followed across the page.

    The key columns of a wide sheet are what a reader of paper needs; the
    rest (numbers for pivot tables) stay on screen. Without it a printed or
    PDF-converted sheet (LibreOffice) spreads one row over a dozen pages.
    """
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.print_title_rows = "1:1"
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.5
    sheet.print_options.gridLines = grid
    if columns is not None:
        last = get_column_letter(max(min(columns, sheet.max_column), 1))
        sheet.print_area = f"A1:{last}{max(sheet.max_row, 1)}"
