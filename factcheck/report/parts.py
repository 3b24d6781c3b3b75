"""Excel's row limit: a table too long for one sheet continues on numbered sheets.

Excel holds at most :data:`MAX_ROWS` rows on a sheet, header included; a
longer sheet opens cut short, after a repair dialog. A table that would pass
the limit is written as parts: ``Claims``, ``Claims (2)``, ``Claims (3)`` …,
each with the header row and the rows that follow the previous part's, so
row ``index`` of the table (0 for the first data row) is at
:func:`place` (sheet, row). Pure, except :func:`parts_of`, which reads the
workbook's own record of its parts.

That record is a custom document property (:data:`.columns.PROPERTY_PARTS`,
kept when Excel or LibreOffice saves): a later run reads every part of a
split sheet, and still takes a sheet "Claims (2)" that an analyst made by
copying a sheet (Excel names a copy so) for the analyst's own.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

from factcheck.report.columns import PROPERTY_PARTS

MAX_ROWS = 1_048_576
"""Excel's limit on the rows of one sheet, header row included (2**20). Tests lower it."""

T = TypeVar("T")


def rows_per_sheet() -> int:
    """Data rows one part holds: the limit less its header row."""
    return max(MAX_ROWS - 1, 1)


def part_count(rows: int) -> int:
    """How many sheets a table of ``rows`` data rows takes (one, also when it is empty)."""
    return max(1, -(-rows // rows_per_sheet()))


def part_title(sheet: str, number: int) -> str:
    """The title of part ``number`` (from 1): "Claims", "Claims (2)" …"""
    return sheet if number == 1 else f"{sheet} ({number})"


def part_titles(sheet: str, parts: int) -> list[str]:
    return [part_title(sheet, number) for number in range(1, max(parts, 1) + 1)]


def table_name(name: str, number: int) -> str:
    """An Excel table name, unique in the workbook: "ClaimsTable", "ClaimsTable2" …"""
    return name if number == 1 else f"{name}{number}"


def place(sheet: str, index: int) -> tuple[str, int]:
    """Where data row ``index`` (0-based) of a table is: the part's title and its row number."""
    per = rows_per_sheet()
    return part_title(sheet, index // per + 1), index % per + 2


def chunks(items: Sequence[T]) -> list[Sequence[T]]:
    """The items of each part, in order; one empty part when there are none."""
    per = rows_per_sheet()
    return [items[start:start + per] for start in range(0, max(len(items), 1), per)]


def split_sheets(totals: Mapping[str, int]) -> dict[str, int]:
    """The sheets (by their first title) that take more than one part, and how many."""
    return {sheet: count for sheet, rows in totals.items() if (count := part_count(rows)) > 1}


def parts_value(parts: Mapping[str, int]) -> str:
    """The document property's value: ``{"Claims": 2}``."""
    return json.dumps(dict(parts), ensure_ascii=False, sort_keys=True)


def parts_of(workbook: Any) -> dict[str, int]:
    """The sheets the workbook says it split, and into how many parts; {} when none (or the
    record is unreadable: then parts 2 … are taken for sheets the analyst added, so nothing
    in them is dropped)."""
    for prop in workbook.custom_doc_props:
        if prop.name == PROPERTY_PARTS:
            return _parse(str(prop.value))
    return {}


def _parse(value: str) -> dict[str, int]:
    try:
        data = json.loads(value)
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(sheet): count for sheet, count in data.items()
            if isinstance(count, int) and not isinstance(count, bool) and count > 1}


def titles_in(workbook: Any, sheet: str, parts: Mapping[str, int]) -> list[str]:
    """The titles of ``sheet``'s parts that the workbook holds, in order (``[sheet]`` when
    it was not split; [] when it has no such sheet)."""
    return [t for t in part_titles(sheet, parts.get(sheet, 1)) if t in workbook.sheetnames]


def part_owners(parts: Mapping[str, int]) -> dict[str, str]:
    """Each part title → the sheet it continues ("Claims (2)" → "Claims"), first parts too."""
    return {title: sheet for sheet, count in parts.items() for title in part_titles(sheet, count)}


def owner(title: str, parts: Mapping[str, int], sheets: Iterable[str]) -> str | None:
    """The tool sheet a title is (a part of), or None for a sheet of the analyst's."""
    known = set(sheets)
    found = part_owners(parts).get(title, title)
    return found if found in known else None
