"""Reading and extraction of one document, in this process or in a pool of worker processes.

Each worker builds the rules and the spaCy pipeline once (the pool's
initializer) and then turns tasks (a path and the name to show it under)
into outcomes: the document with its claims, or a failure. Workers are
started with ``forkserver`` (``spawn`` where that is missing): pdfium and
spaCy are not safe to fork mid-run. Results come back in task order.

A worker that dies (a crash inside a PDF library) breaks the pool; the tasks
not yet done are then run again one at a time, so that only the file that
crashed a worker is reported as failed and the batch goes on.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path
from time import perf_counter

from spacy.language import Language

from factcheck.cache import Cache
from factcheck.errors import DocumentError
from factcheck.extract import extract_claims
from factcheck.ingest import display, read_document
from factcheck.limits import DEFAULT_LIMITS, Limits
from factcheck.records import Claim, Document
from factcheck.rules import Rules
from factcheck.stats import DocStats, document_stats

_CRASH_FIX = ("check that the file opens in a viewer; repair or re-export it "
              "(e.g. qpdf in.pdf out.pdf) and run again")
_FAULT_FIX = ("check that the file opens in its own program; save or export it again "
              "(e.g. as PDF) and run again")
Progress = Callable[[int, int], None]
"""Told (characters read, characters in all) while a document is read."""


@dataclass(frozen=True)
class Task:
    """One input to read: where it is, the name to show it under, its cache key."""

    path: Path
    name: str
    key: str | None = None


@dataclass(frozen=True)
class Failure:
    """A DocumentError in a form that crosses process boundaries."""

    path: str
    problem: str
    fix: str

    def error(self) -> DocumentError:
        return DocumentError(self.path, self.problem, self.fix)


@dataclass(frozen=True)
class Outcome:
    """A document with its claims and what it cost, or why it could not be read."""

    result: tuple[Document, list[Claim]] | Failure
    stats: DocStats | None = None


@dataclass(frozen=True)
class WorkerSettings:
    """What a worker needs to build its own pipeline: the rules travel loaded, not as a folder."""

    rules: Rules
    model: str | None
    ocr: bool
    cache: Cache | None
    limits: Limits = DEFAULT_LIMITS


@dataclass(frozen=True)
class Worker:
    """Rules and pipeline, built once per process."""

    rules: Rules
    nlp: Language
    ocr: bool
    cache: Cache | None
    limits: Limits = DEFAULT_LIMITS


def run_task(task: Task, worker: Worker, progress: Progress | None = None) -> Outcome:
    """Read one document and extract its claims; store them in the cache when there is one.

    This is the document's fault boundary: whatever goes wrong inside it
    (a reader's bug, a number too long for Python, a recursion too deep)
    makes this one document failed, with a one-line reason, and nothing else.
    ``progress`` is told how many characters of the text have been read.
    """
    try:
        return _run_task(task, worker, progress)
    except DocumentError as error:
        return Outcome(Failure(display(error.path), error.problem, error.fix))
    except Exception as exc:  # the fault boundary: RecursionError, ValueError, MemoryError …
        return Outcome(Failure(display(task.path), f"could not be read: {one_line(exc)}",
                               _FAULT_FIX))


def one_line(exc: BaseException, width: int = 160) -> str:
    """An exception as one short line: its kind and the start of its message."""
    text = " ".join(str(exc).split()) or "no message"
    text = text if len(text) <= width else text[:width - 1] + "…"
    return f"{type(exc).__name__}: {text}"


def _run_task(task: Task, worker: Worker, progress: Progress | None) -> Outcome:
    started = perf_counter()
    document = read_document(task.path, worker.rules, ocr=worker.ocr, limits=worker.limits)
    if document.doc != task.name or document.path != display(task.path):
        document = replace(document, doc=task.name, path=display(task.path))
    read = perf_counter()
    limit = worker.limits.document_claims
    claims = extract_claims(document, worker.nlp, limit=limit + 1, progress=progress)
    if len(claims) > limit:
        claims = claims[:limit]
        document = replace(document, warnings=(
            *document.warnings, f"only the first {limit:,} claims kept (limit document_claims) "
            "— split the file, or raise it with --limit document_claims=N"))
    done = perf_counter()
    if worker.cache is not None and task.key is not None:
        worker.cache.put(task.key, document, claims)
    return Outcome((document, claims),
                   document_stats(document, len(claims), read - started, done - read, False))


def read_one(task: Task, worker: Worker) -> Outcome:
    """A document from the cache when it holds it, else read (:func:`run_task`): what
    every engine does with one task."""
    store = worker.cache
    if store is not None and task.key is not None:
        started = perf_counter()
        entry = store.get(task.key, task.path)
        if entry is not None:
            document, claims = entry
            return Outcome(entry, document_stats(document, len(claims),
                                                 perf_counter() - started, 0.0, cached=True))
    return run_task(task, worker)


def run_in_process(tasks: Sequence[Task], worker: Worker,
                   progress: Progress | None = None) -> Iterator[Outcome]:
    for task in tasks:
        yield run_task(task, worker, progress)


# --- the pool ------------------------------------------------------------------------------

_WORKER: Worker | None = None


def build_worker(settings: WorkerSettings) -> Worker:
    """Rules and pipeline for a worker process (of the pool, or of a Dask cluster)."""
    from factcheck.extract.context import load_lemmas
    from factcheck.extract.nlp import build_pipeline  # imported here: it registers the components

    rules = settings.rules
    worker = Worker(rules, build_pipeline(rules, settings.model, settings.limits.sentence_chars),
                    settings.ocr, settings.cache, settings.limits)
    load_lemmas()  # part of starting the worker, not of reading its first document
    return worker


def _start_worker(settings: WorkerSettings) -> None:
    global _WORKER
    _WORKER = build_worker(settings)


def _run_in_worker(task: Task) -> Outcome:
    if _WORKER is None:
        raise RuntimeError("worker used before its initializer ran")
    return run_task(task, _WORKER)


def _context() -> multiprocessing.context.BaseContext:
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method)


def _pool(jobs: int, settings: WorkerSettings) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=jobs, mp_context=_context(),
                               initializer=_start_worker, initargs=(settings,))


def run_in_pool(tasks: Sequence[Task], settings: WorkerSettings,
                jobs: int) -> Iterator[Outcome]:
    """Outcomes in task order, computed by ``jobs`` worker processes."""
    pool = _pool(jobs, settings)
    try:
        futures: list[Future[Outcome]] = [pool.submit(_run_in_worker, t) for t in tasks]
        for done, future in enumerate(futures):
            try:
                yield future.result()
            except BrokenProcessPool:
                yield from _one_at_a_time(tasks[done:], settings)
                return
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _one_at_a_time(tasks: Sequence[Task], settings: WorkerSettings) -> Iterator[Outcome]:
    """After a worker died: each task alone, so a crash names exactly one file."""
    pool = _pool(1, settings)
    try:
        for task in tasks:
            try:
                yield pool.submit(_run_in_worker, task).result()
            except BrokenProcessPool:
                pool.shutdown(wait=True, cancel_futures=True)
                pool = _pool(1, settings)
                yield Outcome(Failure(display(task.path), "the reader crashed on this file",
                                      _CRASH_FIX))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)
