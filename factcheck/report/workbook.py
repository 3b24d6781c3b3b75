"""The analysts' workbook: Summary, Findings, Claims and Documents sheets.

Building and saving are separate steps (:func:`build_workbook`, then
:func:`write_workbook`) and each sheet has its own function, so that carrying
analyst verdicts over from a previous workbook can slot in between building
the Findings sheet and saving.
"""

from __future__ import annotations

from collections.abc import Sequence
from copy import copy
from pathlib import Path
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink

from factcheck.records import Claim, DocumentReport, Finding
from factcheck.report import columns as col
from factcheck.report.atomic import atomic_write
from factcheck.report.cells import (
    SEVERITY_FILLS,
    STATUS_FILLS,
    put,
    style_body,
    style_header,
)
from factcheck.report.columns import Column
from factcheck.report.rows import CellValue, claim_row, document_row, finding_row
from factcheck.report.summary import RunInfo, counts, sort_findings, top_findings

TOP_TABLE_COLUMN = len(col.SUMMARY_COLUMNS) + 2
"""The top-findings table starts after the counts and one empty spacer column."""
NO_TOP_FINDINGS = "no discrepancies or inconsistencies found"


def write_workbook(path: Path, info: RunInfo, claims: Sequence[Claim],
                   findings: Sequence[Finding], documents: Sequence[DocumentReport]) -> None:
    """Build the workbook and write it to ``path`` atomically; OutputError if that fails."""
    workbook = build_workbook(info, claims, findings, documents)
    save_workbook(workbook, path)


def save_workbook(workbook: Any, path: Path) -> None:
    """Save atomically: the target is either the old file or the complete new one."""
    def write(handle: BinaryIO) -> None:
        workbook.save(handle)

    atomic_write(Path(path), write)


def build_workbook(info: RunInfo, claims: Sequence[Claim], findings: Sequence[Finding],
                   documents: Sequence[DocumentReport]) -> Any:
    """All four sheets, in the order analysts read them."""
    workbook = Workbook()
    ordered = sort_findings(findings)
    summary_sheet(workbook.active, info, claims, ordered, documents)
    findings_sheet(workbook.create_sheet(col.SHEET_FINDINGS), ordered)
    write_table(workbook.create_sheet(col.SHEET_CLAIMS), col.CLAIM_COLUMNS,
                [claim_row(c) for c in claims])
    documents_sheet(workbook.create_sheet(col.SHEET_DOCUMENTS), documents)
    for sheet in workbook.worksheets:
        print_setup(sheet)
    return workbook


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


def write_table(sheet: Any, columns: Sequence[Column], rows: Sequence[Sequence[CellValue]],
                first_column: int = 1) -> None:
    """A header row and data rows, with widths, a frozen header and an auto-filter."""
    write_header(sheet, columns, first_column)
    styles: dict[int, Any] = {}
    for row_number, row in enumerate(rows, start=2):
        for offset, (column, value) in enumerate(zip(columns, row, strict=True)):
            cell = sheet.cell(row=row_number, column=first_column + offset)
            put(cell, value)
            _style_like_column(cell, column, styles, offset)
        sheet.row_dimensions[row_number].height = row_height(columns, row)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = _table_range(len(columns), len(rows), first_column)


LINE_HEIGHT = 15.0  # points per line of 11-point text
MAX_LINES = 12  # a longer cell scrolls instead of making one row a page high


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


def write_header(sheet: Any, columns: Sequence[Column], first_column: int = 1) -> None:
    """Bold, filled header cells in row 1 and each column's width."""
    for offset, column in enumerate(columns):
        cell = sheet.cell(row=1, column=first_column + offset)
        put(cell, column.header)
        style_header(cell)
        sheet.column_dimensions[get_column_letter(first_column + offset)].width = column.width


def _table_range(width: int, height: int, first_column: int = 1) -> str:
    """The A1-style range of a table with a header row and ``height`` data rows."""
    first = get_column_letter(first_column)
    last = get_column_letter(first_column + width - 1)
    return f"{first}1:{last}{height + 1}"


def findings_sheet(sheet: Any, ordered: Sequence[Finding]) -> None:
    """One row per finding, already in severity order; the severity cell coloured."""
    write_table(sheet, col.FINDINGS_COLUMNS, [finding_row(f) for f in ordered])
    _fill_column(sheet, col.FINDINGS_HEADERS.index(col.COL_SEVERITY) + 1, SEVERITY_FILLS)


def documents_sheet(sheet: Any, documents: Sequence[DocumentReport]) -> None:
    """One row per input; failed and warning statuses coloured so they are not missed."""
    write_table(sheet, col.DOCUMENT_COLUMNS, [document_row(d) for d in documents])
    headers = [c.header for c in col.DOCUMENT_COLUMNS]
    _fill_column(sheet, headers.index("status") + 1, STATUS_FILLS)


def _fill_column(sheet: Any, column: int, fills: dict[str, Any]) -> None:
    """Colour each data cell of a column by its value (a severity or a status)."""
    for row in range(2, sheet.max_row + 1):
        cell = sheet.cell(row=row, column=column)
        fill = fills.get(str(cell.value))
        if fill is not None:
            cell.fill = fill


def summary_sheet(sheet: Any, info: RunInfo, claims: Sequence[Claim],
                  ordered: Sequence[Finding], documents: Sequence[DocumentReport]) -> None:
    """Run identity and counts on the left; the ten findings to read first on the right."""
    sheet.title = col.SHEET_SUMMARY
    write_table(sheet, col.SUMMARY_COLUMNS, summary_rows(info, claims, ordered, documents))
    top = top_findings(ordered)
    write_header(sheet, col.TOP_FINDINGS_COLUMNS, TOP_TABLE_COLUMN)
    for row_number, finding in enumerate(top, start=2):
        _top_row(sheet, row_number, finding, ordered.index(finding) + 2)
    if not top:
        put(sheet.cell(row=2, column=TOP_TABLE_COLUMN), NO_TOP_FINDINGS)


def summary_rows(info: RunInfo, claims: Sequence[Claim], findings: Sequence[Finding],
                 documents: Sequence[DocumentReport]) -> list[list[CellValue]]:
    """Item/value rows: run date, versions, one row per input, then every count."""
    rows: list[list[CellValue]] = [
        ["run date", info.run_date],
        ["tool version", info.tool_version],
        ["rules version", info.rules_version],
    ]
    rows += [["input", given] for given in info.inputs]
    rows += [[count.label, count.total] for count in counts(claims, findings, documents)]
    return rows


def _top_row(sheet: Any, row_number: int, finding: Finding, findings_row: int) -> None:
    """One top finding; its id links to its row on the Findings sheet."""
    values: list[CellValue] = [finding.id, finding.verdict, finding.severity,
                               finding.explanation]
    cells = [sheet.cell(row=row_number, column=TOP_TABLE_COLUMN + offset)
             for offset in range(len(values))]
    cells[0].style = "Hyperlink"
    cells[0].hyperlink = Hyperlink(ref=cells[0].coordinate,
                                   location=f"'{col.SHEET_FINDINGS}'!A{findings_row}")
    for cell, column, value in zip(cells, col.TOP_FINDINGS_COLUMNS, values, strict=True):
        put(cell, value)
        style_body(cell, column)
    cells[2].fill = SEVERITY_FILLS.get(finding.severity, SEVERITY_FILLS["info"])
