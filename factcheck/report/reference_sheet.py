"""The Reference sheet: one row per claim checked against CBS StatLine, with analyst columns.

A row's id is the claim's id (stable over runs), so what an analyst typed in
``Analyst verdict``, ``Analyst note`` or a column they added is carried over
to the same claim's row on the next run, like on Findings. Rows of claims that
are no longer checked are kept at the bottom, marked ``retired``, when an
analyst had written something in them: nothing an analyst wrote is lost.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import openpyxl

from factcheck.refdata.reference import ReferenceCheck
from factcheck.report import columns as col
from factcheck.report.cells import link
from factcheck.report.columns import Column
from factcheck.report.parts import chunks, parts_of, place, titles_in
from factcheck.report.rows import CellValue, iso_date, quote
from factcheck.report.tables import verdict_dropdown, write_parts

SHEET_REFERENCE = "Reference"
COL_REF_VERDICT = "reference verdict"
COL_STATUS = "status"
REFERENCE_COLUMNS: tuple[Column, ...] = (
    Column(col.COL_ID, 14),
    Column(COL_REF_VERDICT, 22),
    Column(col.COL_SEVERITY, 10),
    Column("value", 16),
    Column("document", 28),
    Column("quote", 70, "quote"),
    Column("CBS value", 16),
    Column("difference", 12, "number", "0.00"),
    Column("table", 11),
    Column("measure", 40, "wrap"),
    Column("period", 11),
    Column("dimensions", 30, "wrap"),
    Column(COL_STATUS, 12),
    Column("captured", 10, "date", col.DATE_FORMAT),
    Column("StatLine", 14),
    Column("explanation", 60, "wrap"),
    Column(col.COL_ANALYST_VERDICT, 18),
    Column(col.COL_ANALYST_NOTE, 40, "wrap"),
)
HEADERS = tuple(c.header for c in REFERENCE_COLUMNS)
ANALYST = (col.COL_ANALYST_VERDICT, col.COL_ANALYST_NOTE)
RETIRED_MARK = "retired"

Row = dict[str, CellValue]


@dataclass(frozen=True)
class Reference:
    """What the Reference sheet shows: the checks, each cell's dimensions as text, and the
    previous workbook's Reference rows (filled by :func:`.workbook.write_workbook`)."""

    checks: Sequence[ReferenceCheck]
    dimensions: Mapping[str, str] = field(default_factory=dict)  # check id → "Geslacht: Totaal; …"
    previous: Mapping[str, Row] = field(default_factory=dict)


def read_reference(path: Path) -> dict[str, Row]:
    """The previous workbook's Reference rows by id (empty when it has none).

    Called only after :func:`.previous.read_previous` accepted the file.
    """
    if not Path(path).is_file():
        return {}
    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        out: dict[str, Row] = {}
        for title in titles_in(workbook, SHEET_REFERENCE, parts_of(workbook)):  # every part
            rows = workbook[title].iter_rows(values_only=True, max_col=256)
            header = ["" if v is None else str(v).strip() for v in next(rows, ())]
            for values in rows:
                row = {h: v for h, v in zip(header, values, strict=False) if h}
                if row.get(col.COL_ID) not in (None, ""):
                    out.setdefault(str(row[col.COL_ID]), row)
        return out
    finally:
        workbook.close()


def analyst_headers(previous: Mapping[str, Row]) -> tuple[str, ...]:
    """Columns the analyst added to the Reference sheet, in first-seen order."""
    own = set(HEADERS)
    return tuple(dict.fromkeys(h for row in previous.values() for h in row if h not in own))


def has_input(row: Mapping[str, CellValue], extra: Sequence[str]) -> bool:
    verdict = str(row.get(col.COL_ANALYST_VERDICT) or "").strip().lower()
    return (verdict not in ("", col.VERDICT_OPEN) or bool(row.get(col.COL_ANALYST_NOTE))
            or any(row.get(h) not in (None, "") for h in extra))


def reference_row(check: ReferenceCheck, previous: Mapping[str, CellValue],
                  extra: Sequence[str], dimensions: str) -> list[CellValue]:
    claim = check.claim
    values: list[CellValue] = [
        check.id, check.verdict, check.severity, claim.text, claim.doc, None,
        check.cbs_text, check.difference, check.table, check.measure_title,
        check.period, dimensions, check.status, iso_date(check.captured), check.table,
        check.explanation,
        previous.get(col.COL_ANALYST_VERDICT) or col.VERDICT_OPEN,
        previous.get(col.COL_ANALYST_NOTE)]
    return [*values, *(previous.get(h) for h in extra)]


def kept_rows(checks: Sequence[ReferenceCheck], previous: Mapping[str, Row],
              extra: Sequence[str]) -> list[Row]:
    """Previous rows of claims no longer checked that hold analyst input."""
    current = {c.id for c in checks}
    return [old for fid, old in previous.items() if fid not in current and has_input(old, extra)]


def reference_size(reference: Reference) -> int:
    """The data rows the sheet gets: a row per check and per kept row."""
    return len(reference.checks) + len(kept_rows(reference.checks, reference.previous,
                                                 analyst_headers(reference.previous)))


def reference_sheet(workbook: Any, checks: Sequence[ReferenceCheck],
                    previous: Mapping[str, Row], dimensions: Mapping[str, str]) -> int:
    """Write the sheet (on more than one past Excel's row limit); returns how many rows got
    analyst input from the previous run."""
    extra = analyst_headers(previous)
    columns = (*REFERENCE_COLUMNS, *(replace(col.EXTRA_COLUMN, header=h) for h in extra))
    rows = [reference_row(c, previous.get(c.id, {}), extra, dimensions.get(c.id, ""))
            for c in checks]
    kept = kept_rows(checks, previous, extra)
    headers = [c.header for c in columns]
    for old in kept:  # a claim no longer checked: its last row, marked, never dropped
        rows.append([RETIRED_MARK if h == COL_REF_VERDICT else old.get(h) for h in headers])
    quote_at = headers.index("quote")
    for row, check in zip(rows, checks, strict=False):
        row[quote_at] = quote([check.claim])
    sheets = write_parts(workbook, SHEET_REFERENCE, columns, rows, "ReferenceTable",
                         freeze="B2")
    link_at = headers.index("StatLine") + 1
    for sheet, part in zip(sheets, chunks(rows), strict=True):
        verdict_dropdown(sheet, headers.index(col.COL_ANALYST_VERDICT) + 1, len(part))
    by_title = {sheet.title: sheet for sheet in sheets}
    for index, check in enumerate(checks):  # the kept rows, after the checks, have no link
        title, number = place(SHEET_REFERENCE, index)
        link(by_title[title].cell(row=number, column=link_at), target=check.link)
    return sum(1 for c in checks if c.id in previous and has_input(previous[c.id], extra))
