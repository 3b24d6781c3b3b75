"""The orchestrator: paths in → documents read → claims extracted (→ linked → compared).

One bad document never stops the batch: it becomes a failed
:class:`~factcheck.records.DocumentReport` and the run goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from tqdm import tqdm

from factcheck.errors import DocumentError
from factcheck.extract import extract_claims
from factcheck.ingest import discover, read_document
from factcheck.records import Claim, Document, DocumentReport
from factcheck.rules import Rules

Reporter = Callable[[DocumentError], None]


@dataclass
class Batch:
    """What a run over the inputs produced, in input order."""

    documents: list[Document] = field(default_factory=list)
    reports: list[DocumentReport] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return sum(1 for r in self.reports if r.status == "failed")


def failed_report(error: DocumentError) -> DocumentReport:
    path = error.path
    return DocumentReport(doc=Path(path).name, path=path, format=Path(path).suffix.lstrip("."),
                          status="failed", message=f"{error.problem} — {error.fix}", pages=None,
                          claims=0)


def ok_report(document: Document, claims: int) -> DocumentReport:
    warnings = "; ".join(document.warnings)
    return DocumentReport(doc=document.doc, path=document.path, format=document.format,
                          status="warning" if warnings else "ok", message=warnings,
                          pages=len(document.pages) or None, claims=claims,
                          doc_type=document.meta.doc_type, date=document.meta.date)


def read_and_extract(paths: Sequence[str], rules: Rules, nlp: Language, *, ocr: bool = False,
                     on_error: Reporter | None = None, progress: bool | None = None) -> Batch:
    """Read every input and extract its claims; failures are reported and skipped."""
    files, errors = discover(paths)
    batch = Batch()
    for error in errors:
        _fail(batch, error, on_error)
    for outcome in _each(files, rules, ocr, progress):
        if isinstance(outcome, DocumentError):
            _fail(batch, outcome, on_error)
            continue
        claims = extract_claims(outcome, nlp)
        batch.documents.append(outcome)
        batch.claims.extend(claims)
        batch.reports.append(ok_report(outcome, len(claims)))
    return batch


def _each(files: list[Path], rules: Rules, ocr: bool,
          progress: bool | None) -> Iterator[Document | DocumentError]:
    bar = tqdm(files, desc="documents", unit="doc", disable=None if progress is None
               else not progress, leave=False)
    for path in bar:
        try:
            yield read_document(path, rules, ocr=ocr)
        except DocumentError as error:
            yield error


def _fail(batch: Batch, error: DocumentError, on_error: Reporter | None) -> None:
    batch.reports.append(failed_report(error))
    if on_error is not None:
        on_error(error)
