"""The analysts' workbook: Summary, Findings, Retired, Claims and Documents sheets.

A sheet whose rows pass Excel's row limit continues on numbered sheets
("Claims (2)" …, :mod:`.parts`); links to its rows point at the part that holds them.

:func:`write_workbook` is the round trip: read what analysts typed in the
workbook already at the path (:mod:`.previous`), carry it to the same findings
(:mod:`.merge`), build the new workbook, keep the old one as a timestamped
backup (:mod:`.backup`) and move the new one into place atomically
(:mod:`.atomic`). Each sheet has its own function.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty

from factcheck import __version__
from factcheck.records import Claim, DocumentReport, Finding
from factcheck.report import columns as col
from factcheck.report.analyst import carry_analyst_work
from factcheck.report.atomic import atomic_write
from factcheck.report.backup import make_backup, prune_backups
from factcheck.report.cells import STATUS_FILLS, link
from factcheck.report.columns import Column
from factcheck.report.conditional import colour_column, colour_findings
from factcheck.report.links import Links, build_links
from factcheck.report.merge import (
    NO_MERGE,
    Merge,
    Previous,
    RetiredRow,
    analyst_cells,
    merge_findings,
)
from factcheck.report.overview import summary_sheet
from factcheck.report.parts import (
    chunks,
    part_owners,
    parts_value,
    rows_per_sheet,
    split_sheets,
)
from factcheck.report.previous import check_unchanged, read_previous
from factcheck.report.reference_sheet import (
    SHEET_REFERENCE,
    Reference,
    read_reference,
    reference_sheet,
    reference_size,
)
from factcheck.report.rows import (
    CellValue,
    claim_row,
    document_row,
    finding_row,
    local_datetime,
    representatives,
    sides,
    statement_rows,
)
from factcheck.report.summary import RunInfo, sort_findings
from factcheck.report.tables import print_setup, verdict_dropdown, write_parts

FINDINGS_INDEX = {header: index for index, header in enumerate(col.FINDINGS_HEADERS)}
PRINTED: dict[str, int] = {
    col.SHEET_FINDINGS: col.FINDINGS_PRINTED, col.SHEET_RETIRED: col.FINDINGS_PRINTED + 1,
    col.SHEET_CLAIMS: col.CLAIMS_PRINTED,
}
"""How many columns of a wide sheet a printed page holds (the rest are for the screen)."""


READ_IT = "read"
"""``previous=READ_IT``: :func:`write_workbook` reads the workbook at the path itself."""


def write_workbook(path: Path, info: RunInfo, claims: Sequence[Claim],
                   findings: Sequence[Finding], documents: Sequence[DocumentReport],
                   reference: Reference | None = None,
                   previous: Previous | str | None = READ_IT, keep_backups: int = 10,
                   versions: str = "") -> Merge:
    """Write the workbook to ``path``, carrying over what analysts typed in the one there.

    Returns what was carried over and retired. Raises OutputError, and leaves
    the old file as it was, when it cannot be read, is not a factcheck
    workbook, is open in another program, or cannot be replaced. ``previous``:
    the workbook at the path as :func:`read_previous` read it before the run.
    When the run found exactly what the previous one found (same content,
    same ``versions`` of tool and rules) the file is left as it is. Backups
    beyond the newest ``keep_backups`` are removed.
    """
    path = Path(path)
    if isinstance(previous, str):
        previous = read_previous(path)
    merge = merge_findings(previous, findings, info.run_date)
    if reference is not None and previous is not None:
        reference = replace(reference, previous=read_reference(path))
    fingerprint = content_fingerprint(
        claims, findings, documents, versions + repr(sorted(merge.annotations.items()))
        + ("" if reference is None else repr(reference)) + f"/{rows_per_sheet()}")
    if (previous is not None and previous.fingerprint == fingerprint and not merge.newly_retired
            and previous.schema == col.SCHEMA_VERSION):  # an older layout is rewritten
        check_unchanged(previous)
        return replace(merge, unchanged=True)
    workbook = build_workbook(info, claims, findings, documents, merge, reference)
    mark_content(workbook, fingerprint, versions)
    not_kept = carry_analyst_work(workbook, previous, claims, versions)
    backup = replace_with_backup(workbook, path, previous)
    if backup is not None:
        prune_backups(path, keep_backups)
    return replace(merge, backup=backup, not_kept=tuple(not_kept))


def content_fingerprint(claims: Sequence[Claim], findings: Sequence[Finding],
                        documents: Sequence[DocumentReport], versions: str) -> str:
    """A digest of everything a run writes that can change (not the run date); ``versions``
    also stands for the analyst input carried over, which changes the order of Findings."""
    digest = hashlib.sha256(versions.encode())
    for record in (*claims, *findings, *documents):
        digest.update(repr(record).encode("utf-8", "replace"))
    return digest.hexdigest()[:32]


def mark_content(workbook: Any, fingerprint: str, versions: str) -> None:
    workbook.custom_doc_props.append(StringProperty(name=col.PROPERTY_CONTENT, value=fingerprint))
    workbook.custom_doc_props.append(StringProperty(name=col.PROPERTY_VERSIONS,
                                                    value=versions or "-"))


def replace_with_backup(workbook: Any, path: Path, previous: Previous | None) -> Path | None:
    """Copy the previous workbook to a backup, then save the new one over it atomically.

    The backup is removed again if the save fails: then nothing has changed.
    """
    if previous is None:
        save_workbook(workbook, path)
        return None
    check_unchanged(previous)
    backup = make_backup(path)
    try:
        save_workbook(workbook, path)
    except BaseException:
        backup.unlink(missing_ok=True)
        raise
    return backup


def save_workbook(workbook: Any, path: Path) -> None:
    """Save atomically: the target is either the old file or the complete new one."""
    def write(handle: BinaryIO) -> None:
        workbook.save(handle)

    atomic_write(Path(path), write)


def build_workbook(info: RunInfo, claims: Sequence[Claim], findings: Sequence[Finding],
                   documents: Sequence[DocumentReport], merge: Merge = NO_MERGE,
                   reference: Reference | None = None) -> Any:
    """All sheets, in the order analysts read them, marked as a factcheck workbook."""
    workbook = Workbook()
    ordered = sort_findings(findings, merge.annotations)
    links = build_links(claims, documents)
    sizes = sheet_sizes(ordered, merge, claims, documents, reference)
    split = split_sheets(sizes)
    summary_sheet(workbook.active, info, claims, ordered, documents, merge,
                  {sheet: sizes[sheet] for sheet in split})
    findings_sheet(workbook, ordered, merge, links)
    if merge.retired:
        retired_sheet(workbook, merge)
    statements_sheet(workbook, ordered, links)
    if reference is not None:
        reference_sheet(workbook, reference.checks, reference.previous, reference.dimensions)
    claims_sheet(workbook, claims, links)
    documents_sheet(workbook, documents, links)
    owners = part_owners(split)
    for sheet in workbook.worksheets:
        kind = owners.get(sheet.title, sheet.title)  # a part prints like its first sheet
        print_setup(sheet, PRINTED.get(kind), grid=kind != col.SHEET_SUMMARY)
    mark(workbook, split)
    return workbook


def sheet_sizes(ordered: Sequence[Finding], merge: Merge, claims: Sequence[Claim],
                documents: Sequence[DocumentReport], reference: Reference | None
                ) -> dict[str, int]:
    """The data rows each table sheet gets, known before any is written (the Summary, written
    first, says which of them pass Excel's row limit)."""
    sizes = {col.SHEET_FINDINGS: len(ordered), col.SHEET_RETIRED: len(merge.retired),
             col.SHEET_STATEMENTS: len(statement_claims(ordered)),
             col.SHEET_CLAIMS: len(claims), col.SHEET_DOCUMENTS: len(documents)}
    if reference is not None:
        sizes[SHEET_REFERENCE] = reference_size(reference)
    return sizes


def mark(workbook: Any, split: Mapping[str, int] | None = None) -> None:
    """Custom document properties that tell a later run this workbook is factcheck's (and,
    when a sheet passed Excel's row limit, which sheets are its parts)."""
    workbook.custom_doc_props.append(StringProperty(name=col.PROPERTY_TOOL, value=col.TOOL_NAME))
    workbook.custom_doc_props.append(StringProperty(name=col.PROPERTY_SCHEMA,
                                                    value=str(col.SCHEMA_VERSION)))
    if split:
        workbook.custom_doc_props.append(StringProperty(name=col.PROPERTY_PARTS,
                                                        value=parts_value(split)))
    workbook.properties.creator = f"{col.TOOL_NAME} {__version__}"


def extra_columns(headers: Sequence[str]) -> tuple[Column, ...]:
    """Columns the analyst added, shown like a wrapped note."""
    return tuple(replace(col.EXTRA_COLUMN, header=h) for h in headers)


def findings_sheet(workbook: Any, ordered: Sequence[Finding], merge: Merge,
                   links: Links) -> None:
    """One row per finding in the order of :func:`sort_findings`, with the analyst's columns."""
    columns = (*col.FINDINGS_COLUMNS, *extra_columns(merge.extra_headers))
    rows = [finding_row(f, analyst_cells(merge.annotation(f.id), merge.extra_headers),
                        merge.extra_headers) for f in ordered]
    sheets = write_parts(workbook, col.SHEET_FINDINGS, columns, rows, "FindingsTable",
                         freeze="B2")
    headers = [c.header for c in columns]
    for sheet, part in zip(sheets, chunks(ordered), strict=True):
        colour_findings(sheet, headers, len(part))
        verdict_dropdown(sheet, headers.index(col.COL_ANALYST_VERDICT) + 1, len(part))
        for row_number, finding in enumerate(part, start=2):
            link_finding(sheet, row_number, finding, links)


SIDE_LINKS = ((col.COL_A_VALUE, col.COL_A_DOC), (col.COL_B_VALUE, col.COL_B_DOC))
"""Per side: the cell linked to its claim row (the number, which keeps its type), the cell
linked to its source file. The value as written is not linked: LibreOffice does not wrap a
linked cell."""


def link_finding(sheet: Any, row_number: int, finding: Finding, links: Links) -> None:
    """Each side's number links to its claim row, its document to the source file at the page
    of the claim its numbers stand for."""
    for side, shown, (written, document) in zip(sides(finding), representatives(finding),
                                                SIDE_LINKS, strict=True):
        if not side or shown is None:
            continue
        link(_cell(sheet, row_number, written), location=links.claim([shown]))
        link(_cell(sheet, row_number, document), target=links.source(shown.doc, shown.page))


def _cell(sheet: Any, row_number: int, header: str) -> Any:
    return sheet.cell(row=row_number, column=FINDINGS_INDEX[header] + 1)


def retired_sheet(workbook: Any, merge: Merge) -> None:
    """Findings that no longer appear, with their last row and verdict; never dropped."""
    columns = (*col.RETIRED_COLUMNS, *extra_columns(merge.extra_headers))
    headers = [c.header for c in columns]
    sheets = write_parts(workbook, col.SHEET_RETIRED, columns,
                         [retired_row(r, headers) for r in merge.retired], "RetiredTable",
                         freeze="B2")
    for sheet, part in zip(sheets, chunks(merge.retired), strict=True):
        colour_findings(sheet, headers, len(part))
        verdict_dropdown(sheet, headers.index(col.COL_ANALYST_VERDICT) + 1, len(part))


def retired_row(retired: RetiredRow, headers: Sequence[str]) -> list[CellValue]:
    """A retired finding's row: the values it last had, the date it went."""
    values: Mapping[str, CellValue] = {**retired.values, col.COL_ID: retired.id,
                                       col.COL_RETIRED: local_datetime(retired.retired)}
    return [values.get(h) for h in headers]


def statement_claims(ordered: Sequence[Finding]) -> list[Claim]:
    """The claim of each Statements row, in the sheet's order (see :func:`statement_rows`)."""
    return [c for finding in ordered if finding.kind != "arithmetic" for c in finding.claims]


def statements_sheet(workbook: Any, ordered: Sequence[Finding], links: Links) -> None:
    """Every statement of every figure, in the order of the Findings sheet; its value links
    to its claim row, its document to the source file at its page."""
    rows = [row for finding in ordered for row in statement_rows(finding)]
    sheets = write_parts(workbook, col.SHEET_STATEMENTS, col.STATEMENT_COLUMNS, rows,
                         "StatementsTable", freeze="B2")
    headers = [c.header for c in col.STATEMENT_COLUMNS]
    for sheet, part in zip(sheets, chunks(statement_claims(ordered)), strict=True):
        for row_number, claim in enumerate(part, start=2):
            link(sheet.cell(row=row_number, column=headers.index(col.COL_ST_VALUE) + 1),
                 location=links.claim([claim]))
            link(sheet.cell(row=row_number, column=headers.index(col.COL_ST_DOC) + 1),
                 target=links.source(claim.doc, claim.page))


def claims_sheet(workbook: Any, claims: Sequence[Claim], links: Links) -> None:
    """Every claim; its document links to the source file at its page."""
    sheets = write_parts(workbook, col.SHEET_CLAIMS, col.CLAIM_COLUMNS,
                         [claim_row(c) for c in claims], "ClaimsTable")
    doc_column = [c.header for c in col.CLAIM_COLUMNS].index(col.FIELD_DOC) + 1
    for sheet, part in zip(sheets, chunks(claims), strict=True):
        for row_number, claim in enumerate(part, start=2):
            link(sheet.cell(row=row_number, column=doc_column),
                 target=links.source(claim.doc, claim.page))


def documents_sheet(workbook: Any, documents: Sequence[DocumentReport], links: Links) -> None:
    """One row per input; failed and warning statuses coloured so they are not missed."""
    sheets = write_parts(workbook, col.SHEET_DOCUMENTS, col.DOCUMENT_COLUMNS,
                         [document_row(d) for d in documents], "DocumentsTable")
    headers = [c.header for c in col.DOCUMENT_COLUMNS]
    path_column = headers.index(col.FIELD_PATH) + 1
    for sheet, part in zip(sheets, chunks(documents), strict=True):
        colour_column(sheet, headers.index(col.FIELD_STATUS) + 1, len(part), STATUS_FILLS)
        for row_number, document in enumerate(part, start=2):
            link(sheet.cell(row=row_number, column=path_column),
                 target=links.source(document.doc))
