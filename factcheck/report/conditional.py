"""Colours that follow the cells: conditional formatting instead of fills fixed at writing.

An analyst who changes a verdict in Excel or LibreOffice sees the row
recolour at once: severity and verdict cells by the severity, the Analyst
verdict cell by the verdict typed (compared loosely, as :func:`.merge.verdict_key`
does: "False-positive " is "false positive"), and the whole row greyed when
it is set aside as a false positive or duplicate. The rules refer to their
row relatively (``$C2``), so they follow the rows when an analyst sorts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter

from factcheck.report import columns as col
from factcheck.report.cells import DIM_FONT, SEVERITY_FILLS, VERDICT_FILLS

SET_ASIDE = (col.VERDICT_FALSE_POSITIVE, col.VERDICT_DUPLICATE)
"""Analyst verdicts that grey the whole row."""


def loose(reference: str) -> str:
    """A formula giving a cell's text as :func:`.merge.verdict_key` compares it: lower
    case, hyphens and underscores as spaces, spaces trimmed and single."""
    spaced = f'SUBSTITUTE(SUBSTITUTE({reference},"-"," "),"_"," ")'
    return f"LOWER(TRIM({spaced}))"


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def by_value(sheet: Any, cells: str, driver: str, fills: Mapping[str, PatternFill],
             compare_loosely: bool = False) -> None:
    """Fill ``cells`` (a range such as "B2:C40") by the value of the ``driver`` cell of
    their row (such as "$C2"): one rule per value."""
    subject = loose(driver) if compare_loosely else driver
    for value, fill in fills.items():
        sheet.conditional_formatting.add(
            cells, FormulaRule(formula=[f"{subject}={_quoted(value)}"], fill=fill))


def dim_rows(sheet: Any, cells: str, driver: str, values: Sequence[str] = SET_ASIDE) -> None:
    """Grey the text of rows whose ``driver`` cell (loosely) holds one of ``values``."""
    tests = ",".join(f"{loose(driver)}={_quoted(v)}" for v in values)
    sheet.conditional_formatting.add(cells, FormulaRule(formula=[f"OR({tests})"],
                                                        font=DIM_FONT))


def colour_findings(sheet: Any, headers: Sequence[str], rows: int) -> None:
    """Verdict and severity cells by the severity, Analyst verdict by the verdict typed, the
    suppressed mark grey for a false positive, the row grey when set aside."""
    last = max(rows, 1) + 1

    def column(header: str) -> str:
        return str(get_column_letter(headers.index(header) + 1))

    def cells(header: str) -> str:
        return f"{column(header)}2:{column(header)}{last}"

    severity, analyst = f"${column(col.COL_SEVERITY)}2", f"${column(col.COL_ANALYST_VERDICT)}2"
    by_value(sheet, cells(col.COL_ANALYST_VERDICT), analyst, VERDICT_FILLS, compare_loosely=True)
    by_value(sheet, cells(col.COL_SUPPRESSED), analyst,
             {col.VERDICT_FALSE_POSITIVE: VERDICT_FILLS[col.VERDICT_FALSE_POSITIVE]},
             compare_loosely=True)
    for header in (col.COL_SEVERITY, col.COL_VERDICT):
        by_value(sheet, cells(header), severity, SEVERITY_FILLS)
    dim_rows(sheet, f"A2:{get_column_letter(len(headers))}{last}", analyst)


def colour_column(sheet: Any, column: int, rows: int, fills: Mapping[str, PatternFill],
                  first_row: int = 2, compare_loosely: bool = False) -> None:
    """A column's cells coloured by their own value (a status, a severity, a verdict)."""
    letter = get_column_letter(column)
    last = first_row + max(rows, 1) - 1
    by_value(sheet, f"{letter}{first_row}:{letter}{last}", f"{letter}{first_row}", fills,
             compare_loosely)
