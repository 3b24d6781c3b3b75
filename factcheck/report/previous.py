"""Read the previous workbook at ``--out`` defensively, for the merge.

The file has been in an analyst's hands: it may be open in Excel or
LibreOffice, saved by either, damaged, huge, or not ours at all (a colleague's
spreadsheet that happens to have the same name). Every such case ends in one
:class:`~factcheck.errors.OutputError` naming the file and the fix, raised
before anything is written, so nothing is overwritten.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import openpyxl
from lxml import etree
from openpyxl.utils.cell import coordinate_to_tuple

from factcheck.errors import OutputError
from factcheck.report import columns as col
from factcheck.report.merge import AddedSheet, CellNote, Previous, RetiredRow
from factcheck.report.parts import owner, parts_of, titles_in
from factcheck.report.rows import CellValue

MAX_BYTES = 200 * 1024 * 1024
"""A factcheck workbook of a very large batch is tens of megabytes; more is not ours."""
MAX_UNPACKED = 2 * 1024 * 1024 * 1024
"""Limit on the unpacked size of the zip parts, against zip bombs."""
MAX_PARTS = 10_000
MAX_COMMENT_PART = 50 * 1024 * 1024
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAX_COLUMNS = 1024
"""Columns read per row: the tool's own and plenty the analyst may add."""

Row = dict[str, CellValue]


def lock_files(path: Path) -> list[Path]:
    """The lock files Excel (``~$name``) and LibreOffice (``.~lock.name#``) keep beside an
    open workbook."""
    candidates = (path.with_name(f"~${path.name}"), path.with_name(f".~lock.{path.name}#"))
    return [lock for lock in candidates if lock.exists()]


def read_previous(path: Path) -> Previous | None:
    """The analyst input of the workbook at ``path``, or None when there is none yet.

    Raises OutputError when the file is open in another program, cannot be
    read, is too large, is corrupt, or is not a factcheck workbook.
    """
    path = Path(path)
    if not path.exists() or path.is_dir():
        return None  # a folder is refused, with its own message, when writing
    _refuse_open(path)
    stamp = _stamp(path)
    _check_package(path)
    workbook = _load(path)
    try:
        _check_ours(path, workbook)
        return _previous(path, workbook, stamp)
    finally:
        workbook.close()


def check_unchanged(previous: Previous) -> None:
    """Refuse to replace a workbook someone saved while this run was reading documents."""
    _refuse_open(previous.path)
    if _stamp(previous.path) != previous.stamp:
        raise OutputError(f"{previous.path} was changed while factcheck ran — run again so "
                          "the new verdicts are carried over")


def _refuse_open(path: Path) -> None:
    locks = lock_files(path)
    if locks:
        raise OutputError(f"{path} is open in another program ({locks[0].name} exists) — close "
                          "it and run again (delete the lock file if no program has it open)")


def _stamp(path: Path) -> tuple[int, int]:
    try:
        status = path.stat()
    except OSError as exc:
        raise OutputError(_unreadable(path, exc.strerror or str(exc))) from exc
    if status.st_size > MAX_BYTES:
        raise OutputError(f"{path} is {status.st_size // 2**20} MB, too large for a factcheck "
                          "workbook — choose another --out or move it away")
    return status.st_mtime_ns, status.st_size


def _unreadable(path: Path, reason: str) -> str:
    return (f"{path} cannot be read ({reason}) — close it, restore it from a backup "
            "(factcheck.*.xlsx beside it) or choose another --out")


def _not_ours(path: Path, why: str) -> OutputError:
    return OutputError(f"{path} is not a factcheck workbook ({why}) — choose another --out "
                       "or move it away")


def _check_package(path: Path) -> None:
    """An .xlsx is a zip with a workbook part; its unpacked size must stay reasonable."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise _not_ours(path, "not an .xlsx file") from exc
    except OSError as exc:
        raise OutputError(_unreadable(path, exc.strerror or str(exc))) from exc
    if "xl/workbook.xml" not in {p.filename for p in parts}:
        raise _not_ours(path, "no workbook inside")
    if len(parts) > MAX_PARTS or sum(p.file_size for p in parts) > MAX_UNPACKED:
        raise _not_ours(path, "too large when unpacked")


def _load(path: Path) -> Any:
    try:
        return openpyxl.load_workbook(path, read_only=True)
    except OSError as exc:
        raise OutputError(_unreadable(path, exc.strerror or str(exc))) from exc
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise OutputError(_unreadable(path, f"damaged: {type(exc).__name__}")) from exc


def _check_ours(path: Path, workbook: Any) -> None:
    """The schema marker, or for a workbook written before it, the Findings headers."""
    properties = {p.name: str(p.value) for p in workbook.custom_doc_props}
    schema = properties.get(col.PROPERTY_SCHEMA, "")
    if properties.get(col.PROPERTY_TOOL) == col.TOOL_NAME and schema.isdigit():
        if int(schema) > col.SCHEMA_VERSION:
            raise OutputError(f"{path} was written by a newer factcheck (workbook schema "
                              f"{schema}) — upgrade factcheck or choose another --out")
        return
    if col.SHEET_FINDINGS not in workbook.sheetnames:
        raise _not_ours(path, f"no {col.SHEET_FINDINGS} sheet")
    signature = tuple(_header(workbook[col.SHEET_FINDINGS])[: len(col.LEGACY_SIGNATURE)])
    if signature != col.LEGACY_SIGNATURE:
        raise _not_ours(path, "no factcheck marker and other Findings columns")


def _previous(path: Path, workbook: Any, stamp: tuple[int, int]) -> Previous:
    if col.SHEET_FINDINGS not in workbook.sheetnames:
        raise OutputError(f"{path} has no {col.SHEET_FINDINGS} sheet — restore it from a "
                          "backup (factcheck.*.xlsx beside it) or move the workbook away")
    try:
        return _read_tables(path, workbook, stamp)
    except OutputError:
        raise
    except Exception as exc:  # a sheet damaged in a way openpyxl only finds when reading it
        raise OutputError(_unreadable(path, f"damaged: {type(exc).__name__}")) from exc


def _read_tables(path: Path, workbook: Any, stamp: tuple[int, int]) -> Previous:
    parts = parts_of(workbook)
    header, findings = _tables(path, workbook, col.SHEET_FINDINGS, parts)
    retired_header, retired = _tables(path, workbook, col.SHEET_RETIRED, parts)
    rows: dict[str, Row] = {}
    for row in findings:
        rows.setdefault(str(row[col.COL_ID]), row)
    claims: dict[str, Row] = {}
    claim_header, claim_rows = _tables(path, workbook, col.SHEET_CLAIMS, parts)
    for row in claim_rows:
        claims.setdefault(str(row[col.COL_ID]), row)
    own_claims = {c.header for c in col.CLAIM_COLUMNS}
    properties = {p.name: str(p.value) for p in workbook.custom_doc_props}
    return Previous(path=path, rows=rows, retired=tuple(_retired(retired)),
                    extra_headers=_extra_headers((*header, *retired_header)), stamp=stamp,
                    fingerprint=properties.get(col.PROPERTY_CONTENT, ""),
                    versions=properties.get(col.PROPERTY_VERSIONS, ""),
                    schema=int(schema) if (schema := properties.get(col.PROPERTY_SCHEMA, "")
                                           ).isdigit() else 0,
                    claims=claims,
                    claim_extra_headers=tuple(dict.fromkeys(
                        h for h in claim_header if h and h not in own_claims)),
                    added_sheets=tuple(_added_sheets(workbook, parts)),
                    notes=tuple(_notes(path, workbook)), parts=parts)


def _tables(path: Path, workbook: Any, title: str, parts: Mapping[str, int]
            ) -> tuple[list[str], list[Row]]:
    """:func:`_table` over every part of a sheet (one past Excel's row limit continues on
    "Claims (2)" …): the headers of all parts, first seen first, and all rows in order;
    a Findings or Retired sheet of schema 1 upgraded. ([], []) when there is no such sheet."""
    header: list[str] = []
    rows: list[Row] = []
    for part in titles_in(workbook, title, parts):
        part_header, part_rows = upgrade(*_table(path, workbook[part]))
        header += [h for h in part_header if h not in header]
        rows += part_rows
    return header, rows


def _added_sheets(workbook: Any, parts: Mapping[str, int]) -> Iterator[AddedSheet]:
    """Every sheet that is not one factcheck writes (nor a part of one), with its values."""
    for title in workbook.sheetnames:
        if owner(title, parts, col.TOOL_SHEETS) is not None:
            continue
        sheet = workbook[title]
        rows = tuple(tuple(cell_value(v) for v in values) for values in
                     sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True))
        yield AddedSheet(title, rows)


def _notes(path: Path, workbook: Any) -> Iterator[CellNote]:
    """Every cell comment, with the id (or first cell) of its row and its column header."""
    for title, found in comments_by_sheet(path).items():
        if title not in workbook.sheetnames or not found:
            continue
        wanted = {row for _, row, _, _, _ in found}
        sheet = workbook[title]
        header: list[str] = []
        keys: dict[int, str | None] = {}
        for number, values in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS,
                                                        values_only=True), start=1):
            if number == 1:
                header = ["" if v is None else str(v).strip() for v in values]
            if number in wanted:
                keys[number] = _row_key(header, values)
            if number >= max(wanted):
                break
        for ref, row, column, text, author in found:
            name = header[column - 1] if 0 < column <= len(header) else None
            yield CellNote(title, ref, keys.get(row), name or None, text, author)


def _row_key(header: Sequence[str], values: Sequence[Any]) -> str | None:
    at = header.index(col.COL_ID) if col.COL_ID in header else 0
    value = values[at] if at < len(values) else None
    return None if value is None else str(value)


def comments_by_sheet(path: Path) -> dict[str, list[tuple[str, int, int, str, str]]]:
    """Cell comments of each sheet as (ref, row, column, text, author), from the package.

    openpyxl's read-only mode leaves comments out; they are small parts of
    the zip and are read here with a parser that fetches nothing.
    """
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    found: dict[str, list[tuple[str, int, int, str, str]]] = {}
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())

        def xml(name: str) -> etree._Element | None:
            if name not in names or archive.getinfo(name).file_size > MAX_COMMENT_PART:
                return None
            return etree.fromstring(archive.read(name), parser)

        book, book_rels = xml("xl/workbook.xml"), xml("xl/_rels/workbook.xml.rels")
        if book is None or book_rels is None:
            return found
        targets = {r.get("Id"): _part("xl", r.get("Target") or "") for r in book_rels}
        for sheet in book.iter(f"{{{_MAIN}}}sheet"):
            part = targets.get(sheet.get(f"{{{_REL}}}id"))
            if part is None:
                continue
            folder, file = part.rsplit("/", 1)
            rels = xml(f"{folder}/_rels/{file}.rels")
            for rel in rels if rels is not None else ():
                if not str(rel.get("Type", "")).endswith("/comments"):
                    continue
                comments = xml(_part(folder, rel.get("Target") or ""))
                if comments is not None:
                    found.setdefault(str(sheet.get("name")), []).extend(_comments(comments))
    return found


def _comments(root: etree._Element) -> Iterator[tuple[str, int, int, str, str]]:
    authors = [a.text or "" for a in root.iter(f"{{{_MAIN}}}author")]
    for comment in root.iter(f"{{{_MAIN}}}comment"):
        ref = str(comment.get("ref", ""))
        try:
            column, row = coordinate_to_tuple(ref)[::-1]
        except (ValueError, TypeError):
            continue
        text = "".join(t.text or "" for t in comment.iter(f"{{{_MAIN}}}t"))
        author_id = str(comment.get("authorId", ""))
        author = authors[int(author_id)] if author_id.isdigit() and int(author_id) < len(
            authors) else ""
        yield ref, row, column, text, author


def _part(folder: str, target: str) -> str:
    """A relationship target as a part name in the zip."""
    if target.startswith("/"):
        return target.lstrip("/")
    parts = folder.split("/")
    for piece in target.split("/"):
        if piece == "..":
            parts = parts[:-1]
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts)


def _header(sheet: Any) -> list[str]:
    for values in sheet.iter_rows(max_row=1, max_col=MAX_COLUMNS, values_only=True):
        return ["" if v is None else str(v).strip() for v in values]
    return []


def _table(path: Path, sheet: Any) -> tuple[list[str], list[Row]]:
    """The header and every data row with an id, as header → value.

    A sheet without an id column is refused: without ids nothing can be matched.
    """
    header = _header(sheet)
    if col.COL_ID not in header:
        raise OutputError(f"{path}: the {sheet.title} sheet has no '{col.COL_ID}' column in "
                          "row 1 — restore it (or the workbook from a backup) and run again")
    rows = [row for row in _rows(sheet, header) if row.get(col.COL_ID) not in (None, "")]
    return header, rows


def _rows(sheet: Any, header: Sequence[str]) -> Iterator[Row]:
    """Rows by header name; an empty header's cells are skipped, a repeated one's too."""
    for values in sheet.iter_rows(min_row=2, max_col=MAX_COLUMNS, values_only=True):
        padded = [*values, *[None] * (len(header) - len(values))]
        row: Row = {}
        for name, value in zip(header, padded, strict=False):
            if name and name not in row:
                row[name] = cell_value(value)
        yield row


def cell_value(value: Any) -> CellValue:
    """A value as read; a formula the analyst typed stays as its text ("=B2*2"), so it is
    carried over visibly (as text) instead of lost with a cached value nobody computed."""
    if value is None or isinstance(value, str | int | float | date | time | timedelta):
        return value
    return str(getattr(value, "text", None) or value)


def upgrade(header: Sequence[str], rows: list[Row]) -> tuple[list[str], list[Row]]:
    """The header and rows of a Findings or Retired sheet written with schema 1, as schema 2
    names their cells; a sheet of schema 2 as it is.

    Schema 1 wrote the value as written ("53 procent") under "A value"; schema 2
    writes it under "A as written" and the number under "A value". A sheet
    without the "as written" headers is of schema 1: its text moves, so a
    retired row shows it in the right column and "A value" holds numbers only.
    A column the analyst added whose name schema 2 took for its own ("unit",
    "A date" …) is kept as "unit (analyst)", so nothing typed in it is lost.
    """
    if col.COL_A_WRITTEN in header or col.COL_A_VALUE not in header:
        return list(header), rows
    moves = {old: new for old, new in col.LEGACY_WRITTEN.items() if old in header}
    taken = {h: f"{h} {col.ANALYST_SUFFIX}" for h in header
             if h in col.FINDINGS_HEADERS and h not in col.LEGACY_FINDINGS_HEADERS}
    return ([taken.get(h, moves.get(h, h)) for h in header],
            [upgrade_row(row, moves, taken) for row in rows])


def upgrade_row(row: Row, moves: Mapping[str, str], taken: Mapping[str, str]) -> Row:
    upgraded = {taken.get(name, name): value for name, value in row.items()}
    for old, new in moves.items():
        value = upgraded.get(old)
        if not isinstance(value, int | float) or isinstance(value, bool):
            upgraded[new] = upgraded.pop(old, None)
    return upgraded


def _retired(rows: Sequence[Row]) -> Iterator[RetiredRow]:
    seen: set[str] = set()
    for row in rows:
        fid = str(row[col.COL_ID])
        if fid not in seen:
            seen.add(fid)
            yield RetiredRow(fid, _when(row.get(col.COL_RETIRED)), row)


def _when(value: CellValue) -> str:
    """The retired date as ISO text, whether the cell held a date (schema 2) or text."""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return str(value or "")


def _extra_headers(headers: Sequence[str]) -> tuple[str, ...]:
    """Columns the analyst added, in first-seen order: any named header that is not the tool's."""
    own = {*col.FINDINGS_HEADERS, col.COL_RETIRED}
    return tuple(dict.fromkeys(name for name in headers if name and name not in own))
