"""The Summary sheet: run identity and counts, the findings to read first, a chart per document.

Layout: counts in columns A–B (an Excel table); the top findings in D–H, each
id a link to its Findings row; below them the findings per document (a table)
and a bar chart of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.chart import BarChart, Reference
from openpyxl.utils import get_column_letter

from factcheck.records import Claim, DocumentReport, Finding
from factcheck.report import columns as col
from factcheck.report.cells import SEVERITY_FILLS, VERDICT_FILLS, link, put, style_body
from factcheck.report.links import finding_location
from factcheck.report.merge import Merge, verdict_key
from factcheck.report.rows import CellValue
from factcheck.report.summary import RunInfo, counts, per_document, top_findings
from factcheck.report.tables import add_table, fit_height, write_header, write_rows, write_table

TOP_TABLE_COLUMN = len(col.SUMMARY_COLUMNS) + 2
"""The top-findings table starts after the counts and one empty spacer column."""
PER_DOCUMENT_ROW = 1 + 10 + 2
"""Header row of the per-document table: below the header and ten top findings, one gap."""
NO_TOP_FINDINGS = "no discrepancies or inconsistencies found"
CHART_TITLE = "Findings per document"


def summary_sheet(sheet: Any, info: RunInfo, claims: Sequence[Claim], ordered: Sequence[Finding],
                  documents: Sequence[DocumentReport], merge: Merge) -> None:
    """Counts on the left; the findings to read first and the per-document chart on the right."""
    sheet.title = col.SHEET_SUMMARY
    write_table(sheet, col.SUMMARY_COLUMNS, summary_rows(info, claims, ordered, documents, merge),
                "CountsTable")
    top_table(sheet, ordered, merge)
    per_document_block(sheet, ordered, documents, merge)


def summary_rows(info: RunInfo, claims: Sequence[Claim], findings: Sequence[Finding],
                 documents: Sequence[DocumentReport], merge: Merge) -> list[list[CellValue]]:
    """Item/value rows: run date, versions, one row per input, then every count."""
    rows: list[list[CellValue]] = [
        ["run date", info.run_date],
        ["tool version", info.tool_version],
        ["rules version", info.rules_version],
    ]
    rows += [["input", given] for given in info.inputs]
    rows += [[c.label, c.total] for c in counts(claims, findings, documents, merge)]
    return rows


def top_table(sheet: Any, ordered: Sequence[Finding], merge: Merge) -> None:
    """The ten findings to read first (confirmed ones at the top), or a line saying none."""
    write_header(sheet, col.TOP_FINDINGS_COLUMNS, TOP_TABLE_COLUMN)
    top = top_findings(ordered, annotations=merge.annotations)
    for row_number, finding in enumerate(top, start=2):
        _top_row(sheet, row_number, finding, ordered.index(finding) + 2, merge)
    if not top:
        put(sheet.cell(row=2, column=TOP_TABLE_COLUMN), NO_TOP_FINDINGS)


def _top_row(sheet: Any, row_number: int, finding: Finding, findings_row: int,
             merge: Merge) -> None:
    """One top finding; its id links to its row on the Findings sheet."""
    verdict = merge.annotation(finding.id).verdict or col.VERDICT_OPEN
    values: list[CellValue] = [finding.id, finding.verdict, finding.severity,
                               finding.explanation, verdict]
    cells = [sheet.cell(row=row_number, column=TOP_TABLE_COLUMN + offset)
             for offset in range(len(values))]
    for cell, column, value in zip(cells, col.TOP_FINDINGS_COLUMNS, values, strict=True):
        put(cell, value)
        style_body(cell, column)
    link(cells[0], location=finding_location(findings_row))
    cells[2].fill = SEVERITY_FILLS.get(finding.severity, SEVERITY_FILLS["info"])
    fill = VERDICT_FILLS.get(verdict_key(verdict))
    if fill is not None:
        cells[4].fill = fill
    fit_height(sheet, row_number, col.TOP_FINDINGS_COLUMNS, values)


def per_document_block(sheet: Any, ordered: Sequence[Finding],
                       documents: Sequence[DocumentReport], merge: Merge) -> None:
    """Findings per document as a small table and a bar chart under it."""
    tallies = per_document(ordered, documents, merge.annotations)
    rows: list[list[CellValue]] = [[t.doc, t.findings, t.discrepancies] for t in tallies]
    write_header(sheet, col.PER_DOCUMENT_COLUMNS, TOP_TABLE_COLUMN, PER_DOCUMENT_ROW)
    write_rows(sheet, col.PER_DOCUMENT_COLUMNS, rows, TOP_TABLE_COLUMN, PER_DOCUMENT_ROW + 1)
    add_table(sheet, "PerDocumentTable", len(col.PER_DOCUMENT_COLUMNS), len(rows), TOP_TABLE_COLUMN,
              PER_DOCUMENT_ROW)
    if rows:
        sheet.add_chart(findings_chart(sheet, len(rows)),
                        f"{get_column_letter(TOP_TABLE_COLUMN)}{PER_DOCUMENT_ROW + len(rows) + 3}")


def findings_chart(sheet: Any, documents: int) -> BarChart:
    """Horizontal bars: findings and discrepancies for each document."""
    chart = BarChart()
    chart.type = "bar"
    chart.title = CHART_TITLE
    chart.style = 10
    first, last = PER_DOCUMENT_ROW, PER_DOCUMENT_ROW + documents
    data = Reference(sheet, min_col=TOP_TABLE_COLUMN + 1, max_col=TOP_TABLE_COLUMN + 2,
                     min_row=first, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=TOP_TABLE_COLUMN, min_row=first + 1,
                                   max_row=last))
    chart.x_axis.delete = False  # openpyxl 3.1 otherwise hides both axes in Excel
    chart.y_axis.delete = False
    chart.y_axis.majorGridlines = None
    chart.width = 24.0
    chart.height = max(6.0, 1.6 * documents + 3.0)
    return chart

