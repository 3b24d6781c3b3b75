"""The orchestrator: paths in → documents read → claims extracted → linked → compared.

One bad document never stops the batch: it becomes a failed
:class:`~factcheck.records.DocumentReport` and the run goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from spacy.language import Language
from tqdm import tqdm

from factcheck.arithmetic import check_arithmetic
from factcheck.compare import compare
from factcheck.errors import DocumentError
from factcheck.extract import extract_claims
from factcheck.ingest import discover, read_document
from factcheck.link import link_claims
from factcheck.records import Claim, Document, DocumentReport, Finding
from factcheck.rules import Rules

Reporter = Callable[[DocumentError], None]


@dataclass
class Batch:
    """What a run over the inputs produced, in input order."""

    extracted: list[tuple[Document, list[Claim]]] = field(default_factory=list)
    reports: list[DocumentReport] = field(default_factory=list)

    @property
    def documents(self) -> list[Document]:
        return [document for document, _ in self.extracted]

    @property
    def claims(self) -> list[Claim]:
        return [claim for _, claims in self.extracted for claim in claims]

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
    names: set[str] = set()
    for outcome in _each(files, rules, ocr, progress):
        if isinstance(outcome, DocumentError):
            _fail(batch, outcome, on_error)
            continue
        document = _unique_name(outcome, names)
        claims = extract_claims(document, nlp)
        batch.extracted.append((document, claims))
        batch.reports.append(ok_report(document, len(claims)))
    return batch


def _unique_name(document: Document, names: set[str]) -> Document:
    """Two inputs with one file name (from different folders) are told apart by their path."""
    if document.doc in names:
        document = replace(document, doc=document.path)
    names.add(document.doc)
    return document


def check(batch: Batch, rules: Rules) -> list[Finding]:
    """Cross-reference the batch's claims and recheck the arithmetic in each document."""
    findings = [compare(link, rules.severity) for link in link_claims(batch.claims, rules)]
    for document, claims in batch.extracted:
        findings.extend(check_arithmetic(document, claims, rules))
    return findings


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
