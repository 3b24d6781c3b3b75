"""Carry the analysts' work from the previous workbook into the new one (pure functions).

A finding's id is derived from its claims' stable ids (:func:`factcheck.compare.finding_id`),
so the same pair gets the same id whatever documents are added, removed or
reordered. What an analyst typed in ``Findings`` — the verdict, the note and any
column they added — is keyed by that id and written into the same finding's
row of the new workbook. A finding that no longer appears is *retired*: its
last row, verdict included, moves to the ``Retired`` sheet and stays there
until it comes back (then it returns to ``Findings`` with its verdict).

Reading the previous file is :mod:`.previous`; this module only combines.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.records import Finding
from factcheck.report import columns as col
from factcheck.report.rows import CellValue

AnalystValues = tuple[tuple[str, CellValue], ...]
"""Columns the analyst added, as (header, value) pairs in the sheet's order."""


def verdict_key(verdict: object) -> str:
    """A typed verdict compared loosely: "False-positive " and "false positive" are one
    (a number typed in the cell is compared as its text)."""
    text = "" if verdict is None else str(verdict)
    return " ".join(text.casefold().replace("-", " ").replace("_", " ").split())


@dataclass(frozen=True)
class Annotation:
    """What an analyst wrote about one finding."""

    verdict: str | None = None
    note: str | None = None
    extra: AnalystValues = ()
    cells: tuple[CellValue, CellValue] = (None, None)  # verdict and note as typed (a number …)

    @property
    def confirmed(self) -> bool:
        return verdict_key(self.verdict) == col.VERDICT_CONFIRMED

    @property
    def suppressed(self) -> bool:
        """Marked false positive: listed at the bottom, left out of the top findings."""
        return verdict_key(self.verdict) == col.VERDICT_FALSE_POSITIVE

    @property
    def has_input(self) -> bool:
        """Anything beyond the default "open": a verdict, a note or a value in an added column."""
        chosen = verdict_key(self.verdict) not in ("", col.VERDICT_OPEN)
        return chosen or bool(self.note) or any(v not in (None, "") for _, v in self.extra)

    def value(self, header: str) -> CellValue:
        """The value of an added column, or None."""
        return dict(self.extra).get(header)


NO_ANNOTATION = Annotation()


@dataclass(frozen=True)
class RetiredRow:
    """A finding that no longer appears: its last row by header, and when it went."""

    id: str
    retired: str
    values: Mapping[str, CellValue]

    def annotation(self, extra_headers: Sequence[str]) -> Annotation:
        return annotation_of(self.values, extra_headers)


@dataclass(frozen=True)
class CellNote:
    """A comment an analyst left on a cell: where (sheet, row key, column header) and what."""

    sheet: str
    ref: str  # the cell it was on ("F12")
    key: str | None  # the id (Findings, Claims, Retired) or first cell of its row
    header: str | None  # the header of its column
    text: str
    author: str


@dataclass(frozen=True)
class AddedSheet:
    """A sheet the analyst added: its name and every cell value, row by row."""

    title: str
    rows: tuple[tuple[CellValue, ...], ...]


@dataclass(frozen=True)
class Previous:
    """What a previous workbook holds for the merge, read by :func:`.previous.read_previous`."""

    path: Path
    rows: Mapping[str, Mapping[str, CellValue]]  # Findings rows by finding id, by header
    retired: tuple[RetiredRow, ...]
    extra_headers: tuple[str, ...]  # columns the analyst added, in their order
    stamp: tuple[int, int]  # (mtime_ns, size) when read: the file must not change meanwhile
    fingerprint: str = ""  # of the content the run that wrote it computed
    versions: str = ""  # tool and rules of the run that wrote it
    schema: int = 0  # its layout (columns.SCHEMA_VERSION when it was written; 0: unmarked)
    claims: Mapping[str, Mapping[str, CellValue]] = field(default_factory=dict)  # by claim id
    claim_extra_headers: tuple[str, ...] = ()  # columns the analyst added to Claims
    added_sheets: tuple[AddedSheet, ...] = ()
    notes: tuple[CellNote, ...] = ()
    parts: Mapping[str, int] = field(default_factory=dict)  # sheets split past Excel's row
    # limit, into how many sheets ({"Claims": 2}: "Claims (2)" is the tool's, see report.parts)


@dataclass(frozen=True)
class Merge:
    """The outcome: analyst input per current finding, and everything retired."""

    annotations: Mapping[str, Annotation] = field(default_factory=dict)
    retired: tuple[RetiredRow, ...] = ()
    extra_headers: tuple[str, ...] = ()
    carried: int = 0  # current findings that got analyst input from the previous workbook
    newly_retired: int = 0  # findings of the previous Findings sheet that are gone now
    merged: bool = False  # a previous workbook was read
    backup: Path | None = None
    previous: Previous | None = None
    unchanged: bool = False  # the run found what the previous one found: file left alone
    not_kept: tuple[str, ...] = ()  # analyst work that could not be carried, said on the terminal

    def annotation(self, finding_id: str) -> Annotation:
        return self.annotations.get(finding_id, NO_ANNOTATION)

    @property
    def suppressed(self) -> int:
        return sum(1 for a in self.annotations.values() if a.suppressed)

    def describe(self) -> str:
        """One line for the terminal (and one more per piece of work not carried over)."""
        if self.unchanged and self.previous is not None:
            return (f"nothing changed since the last run: {self.previous.path} left as it was "
                    "(no backup needed)")
        backup = f" (previous workbook kept as {self.backup})" if self.backup else ""
        lines = [f"carried over {self.carried} analyst verdict{_s(self.carried)}/notes, "
                 f"retired {self.newly_retired} finding{_s(self.newly_retired)}, "
                 f"{self.suppressed} suppressed as false positive{backup}"]
        lines += [f"{what} — see the backup {self.backup}" for what in self.not_kept]
        return "\nfactcheck: ".join(lines)


NO_MERGE = Merge()


def _s(count: int) -> str:
    return "" if count == 1 else "s"


def analyst_cells(annotation: Annotation, extra_headers: Sequence[str]) -> dict[str, CellValue]:
    """The analyst's cells of a Findings row by header: suppressed mark, verdict, note, added
    columns."""
    verdict, note = annotation.cells
    return {col.COL_SUPPRESSED: col.SUPPRESSED_MARK if annotation.suppressed else None,
            col.COL_ANALYST_VERDICT: verdict if verdict not in (None, "")
            else (annotation.verdict or col.VERDICT_OPEN),
            col.COL_ANALYST_NOTE: note if note not in (None, "") else annotation.note,
            **{h: annotation.value(h) for h in extra_headers}}


def annotation_of(values: Mapping[str, CellValue], extra_headers: Sequence[str]) -> Annotation:
    """The analyst's part of a row read by header."""
    return Annotation(verdict=_text(values.get(col.COL_ANALYST_VERDICT)),
                      note=_text(values.get(col.COL_ANALYST_NOTE)),
                      extra=tuple((h, values.get(h)) for h in extra_headers if h in values),
                      cells=(values.get(col.COL_ANALYST_VERDICT), values.get(col.COL_ANALYST_NOTE)))


def _text(value: CellValue) -> str | None:
    """A cell as text, or None when empty."""
    if value is None or value == "":
        return None
    return str(value)


def merge_findings(previous: Previous | None, findings: Iterable[Finding],
                   run_date: str) -> Merge:
    """Annotations for the current findings and the retired rows, old and new."""
    if previous is None:
        return NO_MERGE
    findings = list(findings)
    current = {f.id for f in findings}
    # a finding that has grown (its figure said once more, a near-miss now between larger
    # clusters) answers to the ids it had before, so its verdict comes with it
    absorbed = {alias: f.id for f in findings for alias in f.aliases if alias not in current}
    extra = previous.extra_headers
    annotations = _annotations(previous, current, extra, absorbed)
    gone = [RetiredRow(fid, run_date, row) for fid, row in previous.rows.items()
            if fid not in current and fid not in absorbed]
    kept = [r for r in previous.retired if r.id not in current and r.id not in previous.rows]
    return Merge(annotations=annotations, retired=(*gone, *kept), extra_headers=extra,
                 carried=sum(1 for a in annotations.values() if a.has_input),
                 newly_retired=len(gone), merged=True, previous=previous)


def _annotations(previous: Previous, current: set[str], extra: Sequence[str],
                 absorbed: Mapping[str, str]) -> dict[str, Annotation]:
    """Analyst input per current finding: from Findings, else from Retired (it came back),
    else from a finding it has absorbed."""
    found: dict[str, Annotation] = {}
    for fid, row in previous.rows.items():
        annotation = annotation_of(row, extra)
        if fid in absorbed and annotation.has_input:
            found.setdefault(absorbed[fid], annotation)
    for retired in previous.retired:
        if retired.id in current:
            found[retired.id] = retired.annotation(extra)
    for fid, row in previous.rows.items():
        if fid in current:
            found[fid] = annotation_of(row, extra)
    return {fid: a for fid, a in found.items() if a.has_input}
