"""Where the workbook's links point: a claim's row on the Claims sheet, a source file and page.

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


@dataclass(frozen=True)
class Links:
    """Claim id → its row on the Claims sheet; document name → its source file URI."""

    claim_rows: dict[str, int] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)

    def claim(self, claims: Sequence[Claim]) -> str | None:
        """The Claims row of the first claim of a side (an arithmetic side has several)."""
        row = self.claim_rows.get(claims[0].id) if claims else None
        return None if row is None else sheet_location(SHEET_CLAIMS, row)

    def source(self, doc: str | None, page: int | None = None) -> str | None:
        """The source file, at the page for a PDF (``#page=N``, which PDF viewers honour)."""
        uri = self.sources.get(doc or "")
        if uri is None or page is None or not uri.lower().endswith(".pdf"):
            return uri
        return f"{uri}#page={page}"


def sheet_location(sheet: str, row: int, column: str = "A") -> str:
    """An in-workbook link location: ``'Claims'!A12``."""
    return f"'{sheet}'!{column}{row}"


def finding_location(row: int) -> str:
    return sheet_location(SHEET_FINDINGS, row)


def build_links(claims: Sequence[Claim], documents: Sequence[DocumentReport]) -> Links:
    """Rows follow the Claims sheet's order (header in row 1); sources the documents read."""
    rows = {claim.id: number for number, claim in enumerate(claims, start=2)}
    sources = {d.doc: uri for d in documents if (uri := file_uri(d.path)) is not None}
    return Links(rows, sources)


def file_uri(path: str) -> str | None:
    """``file:///abs/path.pdf`` for an existing file, else None (nothing to open)."""
    try:
        resolved = Path(path).resolve()
        return resolved.as_uri() if resolved.is_file() else None
    except (OSError, ValueError):
        return None
