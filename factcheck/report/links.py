"""Where the workbook's links point: a claim's row on the Claims sheet, a source file and page.

A row is found by its place in its table, so a link lands on the right sheet
when the table continues past Excel's row limit ("Claims (2)" …, :mod:`.parts`).

Pure: built from the records before any cell is written. Link targets come
from file paths (made absolute ``file:`` URIs, percent-encoded) and row
numbers, never from document text, so a sentence cannot smuggle in a link.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.records import Claim, DocumentReport
from factcheck.report.columns import SHEET_CLAIMS, SHEET_FINDINGS
from factcheck.report.parts import place


@dataclass(frozen=True)
class Links:
    """Claim id → its place in the Claims table (0: the first data row); document name → its
    source file URI."""

    claim_index: dict[str, int] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)

    def claim(self, claims: Sequence[Claim]) -> str | None:
        """The Claims row of the first claim of a side (an arithmetic side has several), on
        the part of the Claims sheet that holds it."""
        index = self.claim_index.get(claims[0].id) if claims else None
        return None if index is None else sheet_location(*place(SHEET_CLAIMS, index))

    def source(self, doc: str | None, page: int | None = None) -> str | None:
        """The source file, at the page for a PDF (``#page=N``, which PDF viewers honour)."""
        uri = self.sources.get(doc or "")
        if uri is None or page is None or not uri.lower().endswith(".pdf"):
            return uri
        return f"{uri}#page={page}"


def sheet_location(sheet: str, row: int, column: str = "A") -> str:
    """An in-workbook link location: ``'Claims'!A12``."""
    return f"'{sheet}'!{column}{row}"


def finding_location(index: int) -> str:
    """The Findings row of the finding at ``index`` (0: the first) of the sheet's order."""
    return sheet_location(*place(SHEET_FINDINGS, index))


def build_links(claims: Sequence[Claim], documents: Sequence[DocumentReport]) -> Links:
    """Places follow the Claims sheet's order; sources the documents read."""
    rows = {claim.id: index for index, claim in enumerate(claims)}
    sources = {d.doc: uri for d in documents if (uri := file_uri(d.path)) is not None}
    return Links(rows, sources)


def file_uri(path: str) -> str | None:
    """``file:///abs/path.pdf`` for an existing file, else None (nothing to open)."""
    try:
        resolved = Path(path).resolve()
        return resolved.as_uri() if resolved.is_file() else None
    except (OSError, ValueError):
        return None
