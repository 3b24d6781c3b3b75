"""Carry what an analyst did outside the Findings verdict columns into the new workbook.

:mod:`.merge` carries verdicts, notes and added columns of Findings. This
module carries the rest of an analyst's work, so that a re-run never drops it:

* sheets the analyst added, with every value (formulas as formulas);
* columns added to Claims, matched by claim id;
* edits of Claims cells: when the same tool and rules wrote the previous
  workbook, a cell that differs from what this run reads was edited by
  hand; the edit is kept, with a comment giving what factcheck reads;
* cell comments, on the same row (by finding or claim id, else by the first
  cell of the row) and column (by header).

What cannot be carried is returned as one line each, for the terminal,
which names the backup where it still is.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter

from factcheck.records import Claim, claim_fields
from factcheck.report import columns as col
from factcheck.report.cells import put
from factcheck.report.merge import CellNote, Previous
from factcheck.report.parts import owner, parts_of, place, titles_in
from factcheck.report.rows import CellValue, field_cell

AUTHOR = "factcheck"


def carry_analyst_work(workbook: Any, previous: Previous | None, claims: Sequence[Claim],
                       versions: str) -> list[str]:
    """Put the analyst's other work into ``workbook``; lines for what could not be put."""
    if previous is None:
        return []
    not_kept: list[str] = []
    titles: dict[str, str] = {}  # an added sheet's title → where it is now
    for added in previous.added_sheets:
        sheet = workbook.create_sheet(_free_title(workbook, added.title))
        titles[added.title] = sheet.title
        for values in added.rows:
            sheet.append(list(values))
    parts = parts_of(workbook)
    claim_sheets = [workbook[t] for t in titles_in(workbook, col.SHEET_CLAIMS, parts)]
    if claim_sheets:
        not_kept += _claims(claim_sheets, previous, claims, versions)
    lost = [note for note in previous.notes
            if not _attach(workbook, _placed(note, previous, titles), parts)]
    if lost:
        where = ", ".join(sorted({f"{n.sheet}!{n.ref}" for n in lost})[:5])
        not_kept.append(f"{len(lost)} cell comment{'' if len(lost) == 1 else 's'} could not be "
                        f"put back (their row is gone: {where})")
    return not_kept


def _free_title(workbook: Any, title: str) -> str:
    """An added sheet's title, or, when this run's workbook has a sheet so named (a part of a
    sheet past the row limit: "Claims (2)", also what Excel calls a copy of Claims), the
    title marked as the analyst's."""
    if title not in workbook.sheetnames:
        return title
    marked = f"{title[:31 - len(col.ANALYST_SUFFIX) - 1]} {col.ANALYST_SUFFIX}"
    return marked if marked not in workbook.sheetnames else title  # openpyxl numbers it


def _placed(note: CellNote, previous: Previous, titles: Mapping[str, str]) -> CellNote:
    """A note with the sheet it belongs on now: a part of a split sheet as the sheet it
    continues (its row may be on another part now), an added sheet by its title now."""
    sheet = owner(note.sheet, previous.parts, col.TOOL_SHEETS)
    if sheet is None:
        sheet = titles.get(note.sheet, note.sheet)
    return _moved(note, sheet)


def _claims(sheets: Sequence[Any], previous: Previous, claims: Sequence[Claim],
            versions: str) -> list[str]:
    """Added columns and hand edits of the Claims sheet (all its parts, ``sheets``); a line if
    edits were not kept."""
    headers = [c.header for c in col.CLAIM_COLUMNS]
    by_title = {sheet.title: sheet for sheet in sheets}

    def cell(index: int, column: int) -> Any:
        """The cell of the claim at ``index`` of the Claims table, on the part holding it."""
        title, number = place(col.SHEET_CLAIMS, index)
        return by_title[title].cell(row=number, column=column)

    rows = {claim.id: index for index, claim in enumerate(claims)}
    extra = previous.claim_extra_headers
    for offset, header in enumerate(extra, start=len(headers) + 1):
        for sheet in sheets:
            put(sheet.cell(row=1, column=offset), header)
        for claim_id, index in rows.items():
            value = previous.claims.get(claim_id, {}).get(header)
            if value not in (None, ""):
                cell(index, offset).value = value
    if extra:
        for sheet in sheets:
            _widen_table(sheet, len(headers) + len(extra))
    same_reader = bool(versions) and previous.versions == versions
    edited = 0
    for claim in claims:
        old = previous.claims.get(claim.id)
        if old is None:
            continue
        for index, (name, value) in enumerate(claim_fields(claim).items(), start=1):
            new = field_cell(name, value)
            before = old.get(name)
            if before in (None, "") or _same(before, new):
                continue
            edited += 1
            if same_reader:
                edited_cell = cell(rows[claim.id], index)
                edited_cell.value = before
                _comment(edited_cell, f"edited by hand; factcheck reads: {new}")
    if edited and not same_reader:
        return [f"{edited} Claims cell{'' if edited == 1 else 's'} differ from what this "
                "version of factcheck or the rules reads, and show the new reading"]
    return []


def _same(before: CellValue, new: CellValue) -> bool:
    """The cell a previous run wrote (or an older version: a date as text) holds what this
    run reads."""
    if isinstance(before, int | float) and isinstance(new, int | float):
        return abs(float(before) - float(new)) <= 1e-9 * max(1.0, abs(float(new)))
    return _comparable(before) == _comparable(new)


def _comparable(value: CellValue) -> str:
    """A value as text; a date (read back as midnight of that day) as its ISO date."""
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def _widen_table(sheet: Any, width: int) -> None:
    """Stretch the sheet's Excel table over columns added to its right."""
    if not sheet.tables:
        return
    table = next(iter(sheet.tables.values()))
    start, end = table.ref.split(":")
    last_row = "".join(ch for ch in end if ch.isdigit())
    table.ref = f"{start}:{get_column_letter(width)}{last_row}"
    table.tableColumns = []  # rebuilt from the header row when saved
    if table.autoFilter is not None:
        table.autoFilter.ref = table.ref


def _attach(workbook: Any, note: CellNote, parts: Mapping[str, int]) -> bool:
    """Put a comment back on its row and column (on whichever part of a split sheet holds the
    row now); False when that row is gone."""
    if note.sheet not in col.TOOL_SHEETS:
        if note.sheet not in workbook.sheetnames:
            return False
        _comment(workbook[note.sheet][note.ref], note.text, note.author)
        return True
    for title in titles_in(workbook, note.sheet, parts):
        sheet = workbook[title]
        header = {str(c.value): c.column for c in sheet[1] if c.value is not None}
        column = header.get(note.header or "")
        row = _find_row(sheet, header, note.key) if column else None
        if row is not None and column is not None:
            _comment(sheet.cell(row=row, column=column), note.text, note.author)
            return True
    if note.sheet == col.SHEET_FINDINGS and col.SHEET_RETIRED in workbook.sheetnames:
        return _attach(workbook, _moved(note, col.SHEET_RETIRED), parts)
    return False


def _moved(note: CellNote, sheet: str) -> CellNote:
    return CellNote(sheet, note.ref, note.key, note.header, note.text, note.author)


def _find_row(sheet: Any, header: Mapping[str, int], key: str | None) -> int | None:
    if key is None:
        return None
    column = header.get(col.COL_ID, 1)
    for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
        if cell.value is not None and str(cell.value) == key:
            return int(cell.row)
    return None


def _comment(cell: Any, text: str, author: str = AUTHOR) -> None:
    if cell.comment is not None:
        text = f"{cell.comment.text}\n{text}"
    cell.comment = Comment(text, author or AUTHOR, width=240, height=90)
