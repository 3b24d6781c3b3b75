"""The whole check on a Dask cluster: ``factcheck check PATHS --engine dask``.

Without a scheduler address a ``LocalCluster`` with one single-threaded
worker process per job runs on this machine; with one, the user's cluster
(Slurm through dask-jobqueue, Kubernetes through dask-kubernetes, or
``dask scheduler`` / ``dask worker`` by hand). Input files and the cache
folder must be at the same paths on every worker (shared storage), as the
process pool needs them on one machine; the rules are sent, loaded.

The stages (:mod:`factcheck.engine.stages`), each a set of tasks:

1. ``extract``: documents in partitions of consecutive inputs; each partition
   read and extracted (from the cache where it holds them) on a worker. The
   documents and claims come back to this process for the report (the
   workbook and JSON list every claim); they stay on the workers for the
   next stages as well.
2. ``copies``: which inputs are copies of one publication (here, on the
   documents and their statements).
3. ``statements``: a shuffle on the statement; one claim per statement.
4. ``weights``: the measure-key counts summed here, sent to every worker.
5. ``blocks``: a shuffle on (unit family, measure key); pairs scored and
   compared per block; a pair found in two blocks is kept once.
6. ``clusters``: the figures' clusters joined over all pairs, here;
7. ``arithmetic_totals``: each kept document's arithmetic (rechecked where
   it was read, in stage 1), and the totals check here.

Tasks are pure and named by run and partition, so a task whose worker died is
run again elsewhere (Dask recomputes lost results from their inputs) and its
result replaces, never adds to, what was lost: no finding is counted twice.
"""

from __future__ import annotations

import logging
import math
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from distributed import Client, Future, LocalCluster, as_completed
from spacy.language import Language
from tqdm import tqdm

from factcheck.compare import assemble
from factcheck.engine import EngineError
from factcheck.engine import stages as st
from factcheck.link import weights_from
from factcheck.parallel import Outcome, WorkerSettings, default_jobs
from factcheck.pipeline import Batch, Reporter, add_outcome, keep_one_copy, plan
from factcheck.records import Finding
from factcheck.rules import Rules
from factcheck.settings import Settings
from factcheck.stats import peak_rss_mb
from factcheck.totals import check_totals

CONNECT_TIMEOUT = "10s"
PARTITION_DOCS = 64  # at most this many documents per extraction task
PARTITIONS_PER_WORKER = 4  # at least this many extraction tasks per worker, for balance
STATEMENTS_PER_BUCKET = 100_000  # at most about this many claims per shuffle bucket

K = TypeVar("K")
Listener = Callable[[str, int, int], None]
"""Told (stage, done, total) as each task of a stage ends: documents for ``extract``,
buckets for the shuffles."""


@dataclass
class StageReport:
    """What the last run cost, stage by stage (wall clock on the client) and in
    bytes moved between partitions by the two shuffles."""

    seconds: dict[str, float] = field(default_factory=dict)
    shuffle_bytes: int = 0
    partitions: int = 0
    buckets: int = 0  # of the statement shuffle
    block_buckets: int = 0  # of the block shuffle
    workers: int = 0
    worker_peak_rss_mb: float = 0.0


@dataclass
class _Extracted:
    """What the extract stage left on the cluster for the check."""

    parts: list[Future]  # of PartClaims
    arithmetic: list[tuple[str, tuple[Finding, ...]]]  # by document, in input order
    rules: Future  # the Rules, on the cluster


class DaskEngine:
    """Reads, extracts and checks on a Dask cluster (see the module's docstring)."""

    def __init__(self, client: Client, *, progress: bool | None = None,
                 partition_docs: int | None = None, buckets: int | None = None,
                 listener: Listener | None = None) -> None:
        self.client = client
        self.progress = progress
        self.listener = listener
        self.partition_docs = partition_docs
        self.buckets = buckets
        self.report = StageReport()
        self._run = ""
        self._extracted: _Extracted | None = None

    @classmethod
    @contextmanager
    def connect(cls, scheduler: str | None = None, *, jobs: int | None = None,
                progress: bool | None = None, **options: Any) -> Iterator[DaskEngine]:
        """An engine on the cluster at ``scheduler``, or on a LocalCluster of ``jobs``
        single-threaded worker processes; EngineError when the scheduler cannot be reached."""
        if scheduler is not None:
            client = _client(scheduler)
            try:
                yield cls(client, progress=progress, **options)
            finally:
                client.close()
            return
        cluster = LocalCluster(n_workers=jobs or default_jobs(), threads_per_worker=1,
                               processes=True, dashboard_address=":0",  # any free port
                               silence_logs=logging.CRITICAL)  # not its shutdown chatter
        try:
            with Client(cluster) as client:
                yield cls(client, progress=progress, **options)
        finally:
            cluster.close()

    # --- stage 1 ---------------------------------------------------------------------------

    def read_and_extract(self, paths: Sequence[str], rules: Rules, nlp: Language,
                         settings: Settings, *, on_error: Reporter | None = None,
                         progress: bool | None = None) -> Batch:
        """As :func:`~factcheck.pipeline.read_and_extract`, on the cluster's workers
        (``nlp`` and ``settings.jobs`` are not used: each worker builds its own pipeline)."""
        del nlp
        started = time.perf_counter()
        self.report = StageReport(workers=len(self.client.scheduler_info()["workers"]))
        self._run = uuid.uuid4().hex[:8]
        batch, tasks, store = plan(paths, rules, settings, on_error=on_error)
        # the rules travel loaded, once to the cluster, not as a folder the workers must see
        starting = self.client.scatter(WorkerSettings(rules, settings.model, settings.ocr, store,
                                                      settings.limits), hash=False)
        size = self.partition_docs or _partition_size(len(tasks), self.report.workers)
        numbered = list(enumerate(tasks))
        chunks = [numbered[i:i + size] for i in range(0, len(numbered), size)]
        parts = [self._submit(st.extract_part, chunk, starting, name=f"extract-{k}")
                 for k, chunk in enumerate(chunks)]
        kept = [self._submit(st.claims_of, part, name=f"claims-{k}")
                for k, part in enumerate(parts)]
        self.report.partitions = len(parts)
        results: dict[int, st.Part] = {}
        shown = self.progress if progress is None else progress
        with self._bar("extract", len(tasks), "doc", shown) as bar:
            index = {future.key: k for k, future in enumerate(parts)}
            for future in as_completed(parts):
                part: st.Part = future.result()
                results[index[future.key]] = part
                bar.update(part.documents)
        del parts, future  # the documents are here now; the cluster keeps their claims
        outcomes: list[tuple[int, Outcome]] = [o for k in sorted(results)
                                               for o in results[k].outcomes]
        for _, outcome in outcomes:
            add_outcome(batch, outcome, on_error)
        arithmetic = [found for k in sorted(results) for found in results[k].arithmetic]
        self._extracted = _Extracted(kept, arithmetic, self.client.scatter(rules, hash=False))
        self.report.seconds["extract"] = time.perf_counter() - started
        return batch

    # --- stages 2-6 ------------------------------------------------------------------------

    def check(self, batch: Batch, rules: Rules) -> list[Finding]:
        """As :func:`~factcheck.pipeline.check`, for the batch the last
        :meth:`read_and_extract` made, with the claims from where they are."""
        if self._extracted is None:
            raise RuntimeError("check before read_and_extract")
        extracted, self._extracted = self._extracted, None
        shown = self.progress
        timer = _Timer(self.report.seconds)
        with timer("copies"):
            kept = keep_one_copy(batch, rules)
            copies = frozenset(batch.copies)
        claims = sum(len(c) for _, c in kept)
        buckets = self.buckets or max(self.report.workers,
                                      math.ceil(claims / STATEMENTS_PER_BUCKET))
        self.report.buckets = buckets
        with timer("statements"):
            splits = [self._submit(st.by_statement, part, copies, buckets,
                                   name=f"by-statement-{k}")
                      for k, part in enumerate(extracted.parts)]
            grouped = self._shuffle(splits, buckets, st.statements_of, "statements", shown,
                                    lambda _: (rules.linking,))
            extracted.parts.clear()  # the claims are in the buckets now
        with timer("weights"):
            tallies: list[st.Tally] = self.client.gather(
                [self._submit(st.tally, g, name=f"tally-{k}") for k, g in enumerate(grouped)])
            # to one worker; the others fetch them from there when they need them
            open_blocks = st.open_blocks(_summed([t[2] for t in tallies]), rules.linking)
            weights, opened = self.client.scatter([
                weights_from(_summed([t[1] for t in tallies]), sum(t[0] for t in tallies)),
                open_blocks])
            # a statement goes to the bucket of each of its open blocks: as many buckets as
            # keep the copies per bucket near STATEMENTS_PER_BUCKET as well
            block_buckets = self.buckets or max(self.report.workers, math.ceil(
                sum(open_blocks.values()) / STATEMENTS_PER_BUCKET))
            self.report.block_buckets = block_buckets
        with timer("blocks"):
            splits = [self._submit(st.by_block, g, rules.linking, opened, block_buckets,
                                   name=f"by-block-{k}") for k, g in enumerate(grouped)]
            linked = self._shuffle(splits, block_buckets, st.links_in, "blocks", shown,
                                   lambda number: (number, block_buckets, weights, opened,
                                                   extracted.rules))
            pairs: dict[tuple[st.Position, st.Position], st.PairFinding] = {}
            for result in self.client.gather(linked):
                for item in result:
                    pairs.setdefault((item[0], item[1]), item)
            del grouped, linked
        with timer("clusters"):
            findings = assemble([(pairs[k][2], pairs[k][3]) for k in sorted(pairs)], rules)
        with timer("arithmetic_totals"):
            for doc, rechecked in extracted.arithmetic:
                if doc not in copies:
                    findings.extend(rechecked)
            findings.extend(check_totals([c for _, of in kept for c in of], rules))
        self.report.worker_peak_rss_mb = max(self.client.run(peak_rss_mb).values(), default=0.0)
        return findings

    # --- helpers ---------------------------------------------------------------------------

    @contextmanager
    def _bar(self, stage: str, total: int, unit: str, shown: bool | None) -> Iterator[_Bar]:
        bar = _Bar(stage, total, unit, shown, self.listener)
        try:
            yield bar
        finally:
            bar.bar.close()

    def _submit(self, function: Callable[..., Any], *args: Any, name: str) -> Future:
        return self.client.submit(function, *args, key=f"factcheck-{name}-{self._run}",
                                  retries=2)

    def _shuffle(self, splits: list[Future], buckets: int, reduce: Callable[..., Any],
                 stage: str, shown: bool | None,
                 leading: Callable[[int], tuple[Any, ...]] = lambda _: ()) -> list[Future]:
        """The splits' pieces, bucket by bucket, each bucket to ``reduce`` (after the
        ``leading`` arguments); the pieces' bytes are added to the shuffle volume."""
        pieces = [[self._submit(st.piece, s, b, name=f"{stage}-piece-{k}-{b}")
                   for k, s in enumerate(splits)] for b in range(buckets)]
        reduced = [self._submit(reduce, *leading(b), *pieces[b], name=f"{stage}-{b}")
                   for b in range(buckets)]
        sizes = [self._submit(st.nbytes, s, name=f"{stage}-bytes-{k}")
                 for k, s in enumerate(splits)]
        with self._bar(stage, buckets, "bucket", shown) as bar:
            for _ in as_completed(reduced):
                bar.update(1)
        self.report.shuffle_bytes += sum(self.client.gather(sizes))
        return reduced


class _Bar:
    """A stage's progress: a bar with its name, done of all and the rate (documents/s),
    and the listener told the same."""

    def __init__(self, stage: str, total: int, unit: str, shown: bool | None,
                 listener: Listener | None) -> None:
        self.stage, self.total, self.done, self.listener = stage, total, 0, listener
        self.bar = tqdm(total=total, desc=stage, unit=unit, leave=False, smoothing=0.1,
                        disable=None if shown is None else not shown)

    def update(self, count: int) -> None:
        self.done += count
        self.bar.update(count)
        if self.listener is not None:
            self.listener(self.stage, self.done, self.total)


def _summed(tallies: Sequence[Sequence[tuple[K, int]]]) -> dict[K, int]:
    """Counts from the buckets, added up."""
    total: dict[K, int] = {}
    for tally in tallies:
        for key, count in tally:
            total[key] = total.get(key, 0) + count
    return total


def _client(address: str) -> Client:
    try:
        return Client(address, timeout=CONNECT_TIMEOUT)
    except Exception as exc:  # refused, timed out, a bad address, or no Dask scheduler there
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise EngineError(f"cannot reach the Dask scheduler at {address} ({reason[:120]}) — "
                          "check the address, or start one (dask scheduler; dask worker "
                          "ADDRESS), or leave out --scheduler for a cluster on this machine"
                          ) from exc


def _partition_size(tasks: int, workers: int) -> int:
    return max(1, min(PARTITION_DOCS,
                      math.ceil(tasks / max(1, workers * PARTITIONS_PER_WORKER))))



class _Timer:
    def __init__(self, seconds: dict[str, float]) -> None:
        self.seconds = seconds

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] = time.perf_counter() - started
