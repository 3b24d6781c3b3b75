"""The measurements: the full check, its stages, the pdfplumber baseline, linking scaling."""

from __future__ import annotations

import gc
import itertools
import resource
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
from spacy.language import Language

from benchmarks.corpus import Corpus
from factcheck.engine import Engine, LocalEngine
from factcheck.ingest import read_document
from factcheck.link import link_claims
from factcheck.pipeline import Batch
from factcheck.records import Claim
from factcheck.rules import Rules
from factcheck.settings import Settings


@dataclass(frozen=True)
class Run:
    batch: Batch
    read_seconds: float  # read and extract, wall clock
    check_seconds: float  # link, compare, arithmetic
    findings: int


def full_check(corpus: Corpus, rules: Rules, nlp: Language, jobs: int, cache_dir: Path,
               progress: bool, engine: Engine | None = None) -> Run:
    """The whole check on ``engine`` (default: the local process pool)."""
    runner = engine or LocalEngine()
    started = time.perf_counter()
    batch = runner.read_and_extract([str(corpus.folder)], rules, nlp,
                                    Settings(jobs=jobs, cache=True, cache_dir=cache_dir),
                                    progress=progress)
    read = time.perf_counter()
    findings = runner.check(batch, rules)
    return Run(batch, read - started, time.perf_counter() - read, len(findings))


def rate(amount: float, seconds: float) -> float:
    return amount / seconds if seconds > 0 else 0.0


def stage_rates(batch: Batch) -> dict[str, float]:
    """Per-core rates from what each document cost inside its worker."""
    fresh = [s for s in batch.stats if not s.cached]
    pdf = [s for s in fresh if s.format == "pdf"]
    return {
        "pdf_pages": sum(s.pages for s in pdf),
        "pdf_read_seconds": sum(s.read_seconds for s in pdf),
        "pdf_pages_per_s_per_core": rate(sum(s.pages for s in pdf),
                                         sum(s.read_seconds for s in pdf)),
        "other_read_seconds": sum(s.read_seconds for s in fresh if s.format != "pdf"),
        "extract_seconds": sum(s.extract_seconds for s in fresh),
        "words": sum(s.words for s in fresh),
        "words_per_s_per_core": rate(sum(s.words for s in fresh),
                                     sum(s.extract_seconds for s in fresh)),
    }


def column_order(texts: dict[str, str], corpus: Corpus) -> float:
    """Share of consecutive line pairs of the two-column PDFs that a reader kept together."""
    kept = total = 0
    for name, pages in corpus.reading_order.items():
        if name not in texts:
            continue
        flat = " ".join(texts[name].split())
        for lines in pages:
            for a, b in itertools.pairwise(lines):
                total += 1
                kept += " ".join(f"{a} {b}".split()) in flat
    return kept / total if total else 0.0


def baseline(pdfs: Sequence[Path], budget_seconds: float) -> tuple[int, float, dict[str, str]]:
    """pdfplumber ``extract_text`` page by page, in one process, until the budget is spent.

    At least one file of each source is read: the corpus cycles through them.
    """
    pages, texts = 0, {}
    started = time.perf_counter()
    for path in pdfs:
        with pdfplumber.open(path) as pdf:
            texts[path.name] = "\n".join(page.extract_text() or "" for page in pdf.pages)
            pages += len(pdf.pages)
        if time.perf_counter() - started > budget_seconds:
            break
    return pages, time.perf_counter() - started, texts


def link_scaling(claims: Sequence[Claim], rules: Rules,
                 repeats: int = 7) -> tuple[float, float, int]:
    """Link time for the first half of the claims and for all of them (2N/N).

    Timed as ``timeit`` times: each is the fastest of ``repeats`` runs, with
    the garbage collector off while a run lasts (a collection lands in one
    run or another depending on what came before), and the N and 2N runs
    take turns, so that a slow minute on a shared machine slows both alike.
    """
    half = len(claims) // 2
    subsets = (claims[:half], claims)
    timings = [float("inf"), float("inf")]
    for _ in range(repeats):
        for k, subset in enumerate(subsets):
            gc.collect()
            gc.disable()
            try:
                started = time.perf_counter()
                link_claims(subset, rules)
                timings[k] = min(timings[k], time.perf_counter() - started)
            finally:
                gc.enable()
    return timings[0], timings[1], half


def peak_rss_mb(batch: Batch | None) -> tuple[float, float]:
    """Peak resident memory of this process and of the largest worker, in MiB.

    Workers are children of the forkserver, not of this process, so each
    reports its own peak with every document it reads.
    """
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    stats = batch.stats if batch is not None else []
    return own, max((s.peak_rss_mb for s in stats if not s.cached), default=0.0)


def read_texts(corpus: Corpus, rules: Rules, limit: int) -> dict[str, str]:
    """The text factcheck reads from the first ``limit`` two-column PDFs, in this process
    (whatever the engine, which may keep the texts where it read them)."""
    paths = [p for p in corpus.files if p.name in corpus.reading_order][:limit]
    return {path.name: read_document(path, rules).text for path in paths}
