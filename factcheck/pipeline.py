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
from factcheck.cache import Cache, default_cache_dir
from factcheck.compare import judge
from factcheck.errors import DocumentError
from factcheck.ingest import SetAside, discover, display, set_aside
from factcheck.link import link_claims
from factcheck.parallel import (
    Failure,
    Outcome,
    Progress,
    Task,
    Worker,
    WorkerSettings,
    default_jobs,
    read_one,
    run_in_pool,
    run_in_process,
)
from factcheck.publications import copies_of
from factcheck.records import Claim, Document, DocumentReport, Finding
from factcheck.rules import Rules
from factcheck.settings import Settings
from factcheck.stats import DocStats
from factcheck.totals import check_totals

Reporter = Callable[[DocumentError], None]

MIN_TASKS_PER_WORKER = 8  # fewer documents per worker than this: starting a pool costs more


@dataclass
class Batch:
    """What a run over the inputs produced, in input order."""

    extracted: list[tuple[Document, list[Claim]]] = field(default_factory=list)
    reports: list[DocumentReport] = field(default_factory=list)
    stats: list[DocStats] = field(default_factory=list)  # what reading each document cost
    not_documents: list[str] = field(default_factory=list)  # skipped by name (README, MANIFEST)
    copies: dict[str, str] = field(default_factory=dict)  # a copy of a publication → the kept one
    aside: list[SetAside] = field(default_factory=list)  # files in the folders not read

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
    path = display(error.path)
    return DocumentReport(doc=Path(path).name, path=path, format=Path(path).suffix.lstrip("."),
                          status="failed", message=f"{error.problem} — {error.fix}", pages=None,
                          claims=0)


def ok_report(document: Document, claims: int) -> DocumentReport:
    warnings = "; ".join(document.warnings)
    return DocumentReport(doc=document.doc, path=document.path, format=document.format,
                          status="warning" if warnings else "ok", message=warnings,
                          pages=len(document.pages) or None, claims=claims,
                          doc_type=document.meta.doc_type, date=document.meta.date)


def aside_report(item: SetAside) -> DocumentReport:
    """A Documents row for a file in an input folder that is not a document of its own."""
    return DocumentReport(doc=display(item.path.name), path=display(item.path),
                          format="metadata" if item.companion else item.path.suffix.lstrip("."),
                          status="ok" if item.companion else "warning", message=item.reason,
                          pages=None, claims=0)


def read_and_extract(paths: Sequence[str], rules: Rules, nlp: Language, settings: Settings,
                     *, on_error: Reporter | None = None,
                     progress: bool | None = None) -> Batch:
    """Read every input and extract its claims; failures are reported and skipped.

    ``settings.jobs`` worker processes share the documents (None: one per
    core). Each worker builds its own pipeline from ``rules`` and
    ``settings.model``; ``nlp`` is used when the work is done in this process
    (``jobs=1``, or fewer than :data:`MIN_TASKS_PER_WORKER` documents per worker
    to read). With ``settings.cache``, a document whose content, name, tool and
    rules are unchanged is taken from ``settings.cache_dir`` (default
    :func:`~factcheck.cache.default_cache_dir`) instead of being read again.
    Results are in input order whatever the number of jobs. Files in a folder
    that are no documents (``rules/publications.nl.yml``: README, MANIFEST …)
    or that match an ``exclude`` glob are listed, not read. ``settings.limits``
    bound what one document may cost; links out of the input folders are
    followed only with ``settings.follow_links``.
    """
    bar = tqdm(total=None, desc="documents", unit="doc", leave=False, smoothing=0.1,
               bar_format="{l_bar}{bar}| {n:.0f}/{total_fmt} [{elapsed}<{remaining}, "
                          "{rate_fmt}]",
               disable=None if progress is None else not progress)  # shown at once

    batch, tasks, store = plan(paths, rules, settings, on_error=on_error)
    worker = Worker(rules, nlp, settings.ocr, store, settings.limits)
    starting = WorkerSettings(rules, settings.model, settings.ocr, store, settings.limits)
    bar.reset(total=len(tasks))
    done = [0.0]

    def inside(read: int, total: int) -> None:
        """Move the bar within a long document read in this process."""
        share = read / total if total else 1.0
        bar.update(share - done[0])
        done[0] = share

    jobs = settings.jobs or default_jobs()
    for outcome in _outcomes(tasks, worker, starting, jobs, inside):
        _add(batch, outcome, on_error)
        bar.update(1 - done[0])
        done[0] = 0.0
    bar.close()
    return batch


def plan(paths: Sequence[str], rules: Rules, settings: Settings, *,
         on_error: Reporter | None = None) -> tuple[Batch, list[Task], Cache | None]:
    """What a run will read: the batch so far (inputs that cannot be read, files set
    aside), one task per document in input order, and the cache (None: no cache).
    Every engine starts here (see :func:`read_and_extract` for the settings used)."""
    def skip(name: str) -> str | None:
        return rules.publications.skipped(name, settings.exclude)

    follow_links = settings.follow_links
    files, errors = discover(paths, skip, follow_links=follow_links)
    batch = Batch()
    for error in errors:
        _fail(batch, error, on_error)
    batch.aside = set_aside(paths, skip, follow_links=follow_links)
    for item in batch.aside:
        batch.reports.append(aside_report(item))
        if skip(item.path.name) is not None:
            batch.not_documents.append(item.path.name)
    store = (Cache(settings.cache_dir or default_cache_dir(), rules.version, settings.model,
                   settings.ocr) if settings.cache else None)
    return batch, _tasks(files, store), store


def _tasks(files: Sequence[Path], store: Cache | None) -> list[Task]:
    """One task per file, with a unique display name: a second file with a name already
    taken (from another folder) is shown under its path."""
    names: set[str] = set()
    tasks = []
    for path in files:
        name = display(path) if display(path.name) in names else display(path.name)
        names.add(name)
        tasks.append(Task(path, name, store.key(path, name) if store else None))
    return tasks


def _outcomes(tasks: Sequence[Task], worker: Worker, settings: WorkerSettings,
              jobs: int, progress: Progress | None = None) -> Iterator[Outcome]:
    """Outcomes in task order: stored ones from the cache, the rest computed.

    The computing starts first (in the pool, when one is used), so that the
    workers read while this process loads what the cache holds.
    """
    store = worker.cache
    stored = [store is not None and t.key is not None and store.has(t.key) for t in tasks]
    computed = _compute([t for t, hit in zip(tasks, stored, strict=True) if not hit],
                        worker, settings, jobs, progress)
    for task, hit in zip(tasks, stored, strict=True):
        if not hit:
            yield next(computed)
            continue
        yield read_one(task, worker)  # from the cache; read again if the entry is corrupt


def _compute(tasks: list[Task], worker: Worker, settings: WorkerSettings,
             jobs: int, progress: Progress | None = None) -> Iterator[Outcome]:
    workers = min(jobs, len(tasks) // MIN_TASKS_PER_WORKER)
    if workers <= 1:
        return run_in_process(tasks, worker, progress)
    return run_in_pool(tasks, settings, workers)


def add_outcome(batch: Batch, outcome: Outcome, on_error: Reporter | None) -> None:
    """Put one document's outcome in the batch (in input order: call in task order)."""
    _add(batch, outcome, on_error)


def _add(batch: Batch, outcome: Outcome, on_error: Reporter | None) -> None:
    if isinstance(outcome.result, Failure):
        _fail(batch, outcome.result.error(), on_error)
        return
    document, claims = outcome.result
    batch.extracted.append((document, claims))
    batch.reports.append(ok_report(document, len(claims)))
    if outcome.stats is not None:
        batch.stats.append(outcome.stats)


def check(batch: Batch, rules: Rules) -> list[Finding]:
    """Cross-reference the batch's claims and recheck the arithmetic in each document.

    A publication read in several formats is checked once, in the copy
    :func:`~factcheck.publications.copies_of` keeps; the others are marked
    in their Documents rows.
    """
    kept = keep_one_copy(batch, rules)
    claims = [c for _, of_document in kept for c in of_document]
    findings = judge(link_claims(claims, rules), rules)
    for document, of_document in kept:
        findings.extend(check_arithmetic(document, of_document, rules))
    findings.extend(check_totals(claims, rules))
    return findings


def keep_one_copy(batch: Batch, rules: Rules) -> list[tuple[Document, list[Claim]]]:
    """Find the copies of one publication (``batch.copies``), mark them in the Documents
    rows, and return the documents that are checked: all but the copies."""
    batch.copies = copies_of(batch.extracted, rules.publications)
    _mark_copies(batch)
    return [(d, claims) for d, claims in batch.extracted if d.doc not in batch.copies]


def _mark_copies(batch: Batch) -> None:
    for k, report in enumerate(batch.reports):
        original = batch.copies.get(report.doc)
        if original is not None and report.status != "failed":
            note = f"same publication as {original}: its claims are checked there, once"
            message = f"{report.message}; {note}" if report.message else note
            batch.reports[k] = replace(report, message=message)


def _fail(batch: Batch, error: DocumentError, on_error: Reporter | None) -> None:
    batch.reports.append(failed_report(error))
    if on_error is not None:
        on_error(error)
