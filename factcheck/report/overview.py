"""The Summary sheet: run identity and counts, the findings to read first, a chart per document.

Layout: counts in columns A–B (an Excel table); the top findings in D–H, each
id a link to its Findings row; below them the findings per document (a table)
and a bar chart of it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from factcheck.records import Claim, DocumentReport, Finding
from factcheck.report import columns as col
from factcheck.report.cells import SEVERITY_FILLS, VERDICT_FILLS, link, put, style_body
from factcheck.report.conditional import colour_column
from factcheck.report.links import finding_location
from factcheck.report.merge import Merge
from factcheck.report.parts import part_count, part_title
from factcheck.report.rows import CellValue, local_datetime
from factcheck.report.summary import RunInfo, counts, per_document, top_findings
from factcheck.report.tables import (
    add_table,
    fit_columns,
    fit_height,
    write_header,
    write_rows,
    write_table,
)

TOP_TABLE_COLUMN = len(col.SUMMARY_COLUMNS) + 2
"""The top-findings table starts after the counts and one empty spacer column."""
PER_DOCUMENT_ROW = 1 + 10 + 3
"""Header row of the per-document table: below the header and ten top findings, a gap and
the table's caption."""
NO_TOP_FINDINGS = "no discrepancies or inconsistencies found"
CAPTION_FONT = Font(name="Calibri", size=11, italic=True)
CHART_TITLE = "Findings per document"


def summary_sheet(sheet: Any, info: RunInfo, claims: Sequence[Claim], ordered: Sequence[Finding],
                  documents: Sequence[DocumentReport], merge: Merge,
                  long_sheets: Mapping[str, int] | None = None) -> None:
    """Counts on the left; the findings to read first and the per-document chart on the right.

    ``long_sheets``: the sheets whose rows pass Excel's row limit, with their rows.
    """
    sheet.title = col.SHEET_SUMMARY
    rows = summary_rows(info, claims, ordered, documents, merge)
    rows += split_rows(long_sheets or {})
    write_table(sheet, col.SUMMARY_COLUMNS, rows, "CountsTable")
    top_table(sheet, ordered, merge)
    per_document_block(sheet, ordered, documents, merge)


def summary_rows(info: RunInfo, claims: Sequence[Claim], findings: Sequence[Finding],
                 documents: Sequence[DocumentReport], merge: Merge) -> list[list[CellValue]]:
    """Item/value rows: run date, versions, one row per input, then every count."""
    rows: list[list[CellValue]] = [
        [col.ITEM_RUN_DATE, local_datetime(info.run_date)],
        [col.ITEM_TOOL_VERSION, info.tool_version],
        [col.ITEM_RULES_VERSION, info.rules_version],
    ]
    rows += [[col.ITEM_INPUT, given] for given in info.inputs]
    rows += [[c.label, c.total] for c in counts(claims, findings, documents, merge)]
    return rows


def split_rows(long_sheets: Mapping[str, int]) -> list[list[CellValue]]:
    """A line for each sheet continued on more sheets: "Claims: rows on 2 sheets (Claims to
    Claims (2))" and its rows, so nobody takes the first sheet for the whole table."""
    rows: list[list[CellValue]] = []
    for sheet, total in long_sheets.items():
        parts = part_count(total)
        rows.append([col.ITEM_SPLIT.format(sheet=sheet, parts=parts, first=sheet,
                                           last=part_title(sheet, parts)), total])
    return rows


def top_table(sheet: Any, ordered: Sequence[Finding], merge: Merge) -> None:
    """The ten findings to read first (confirmed ones at the top), or a line saying none."""
    top = top_findings(ordered, annotations=merge.annotations)
    rows = [_top_values(finding, merge) for finding in top]
    columns = fit_columns(col.TOP_FINDINGS_COLUMNS, rows)
    write_header(sheet, columns, TOP_TABLE_COLUMN)
    for row_number, (finding, values) in enumerate(zip(top, rows, strict=True), start=2):
        _top_row(sheet, row_number, columns, values, ordered.index(finding))
    if not top:
        put(sheet.cell(row=2, column=TOP_TABLE_COLUMN), NO_TOP_FINDINGS)
    colour_column(sheet, TOP_TABLE_COLUMN + 2, len(rows), SEVERITY_FILLS)
    colour_column(sheet, TOP_TABLE_COLUMN + 4, len(rows), VERDICT_FILLS, compare_loosely=True)


def _top_values(finding: Finding, merge: Merge) -> list[CellValue]:
    verdict = merge.annotation(finding.id).verdict or col.VERDICT_OPEN
    return [finding.id, finding.verdict, finding.severity, finding.explanation, verdict]


def _top_row(sheet: Any, row_number: int, columns: Sequence[col.Column],
             values: Sequence[CellValue], findings_index: int) -> None:
    """One top finding; its id links to its row on the Findings sheet (``findings_index``:
    its place in the sheet's order)."""
    cells = [sheet.cell(row=row_number, column=TOP_TABLE_COLUMN + offset)
             for offset in range(len(values))]
    for cell, column, value in zip(cells, columns, values, strict=True):
        put(cell, value)
        style_body(cell, column, value)
    link(cells[0], location=finding_location(findings_index))
    fit_height(sheet, row_number, columns, values)


def per_document_block(sheet: Any, ordered: Sequence[Finding],
                       documents: Sequence[DocumentReport], merge: Merge) -> None:
    """The documents with most findings as a small table (at most
    :data:`~.columns.PER_DOCUMENT_LIMIT`, with a caption saying how many have findings) and
    a bar chart under it."""
    tallies = per_document(ordered, documents, merge.annotations)
    rows: list[list[CellValue]] = [[t.doc, t.findings, t.discrepancies]
                                   for t in tallies[:col.PER_DOCUMENT_LIMIT]]
    put(sheet.cell(row=PER_DOCUMENT_ROW - 1, column=TOP_TABLE_COLUMN),
        per_document_caption(len(rows), len(tallies)))
    sheet.cell(row=PER_DOCUMENT_ROW - 1, column=TOP_TABLE_COLUMN).font = CAPTION_FONT
    columns = fit_columns(col.PER_DOCUMENT_COLUMNS, rows)
    write_header(sheet, columns, TOP_TABLE_COLUMN, PER_DOCUMENT_ROW)
    write_rows(sheet, columns, rows, TOP_TABLE_COLUMN, PER_DOCUMENT_ROW + 1)
    add_table(sheet, "PerDocumentTable", len(col.PER_DOCUMENT_COLUMNS), len(rows), TOP_TABLE_COLUMN,
              PER_DOCUMENT_ROW)
    if rows:
        sheet.add_chart(findings_chart(sheet, len(rows)),
                        f"{get_column_letter(TOP_TABLE_COLUMN)}{PER_DOCUMENT_ROW + len(rows) + 3}")


def per_document_caption(shown: int, total: int) -> str:
    """What the per-document table holds, said plainly."""
    if not total:
        return f"{CHART_TITLE}: no document takes part in a finding"
    if shown == total:
        return f"{CHART_TITLE}: the {total} document{'' if total == 1 else 's'} with findings"
    return f"{CHART_TITLE}: the {shown} with most findings, of {total} documents with findings"


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
    chart.x_axis.scaling.orientation = "maxMin"  # the document with most findings on top
    chart.y_axis.majorGridlines = None
    chart.width = 24.0
    chart.height = max(6.0, 0.75 * documents + 3.0)  # 20 documents fit one A4 page
    return chart

