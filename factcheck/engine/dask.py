"""The whole check on a Dask cluster: ``factcheck check PATHS --engine dask``.

Without a scheduler address a ``LocalCluster`` with one single-threaded
worker process per job runs on this machine; with one, the user's cluster
(Slurm through dask-jobqueue, Kubernetes through dask-kubernetes, or
``dask scheduler`` / ``dask worker`` by hand). Input files must be at the
same paths on every worker (shared storage), as the process pool needs them
on one machine; the cache folder too, or it is an fsspec URL every worker
reaches (``--cache-dir s3://bucket/factcheck-cache``); the rules are sent,
loaded.

The stages (:mod:`factcheck.engine.stages`), each a set of tasks:

1. ``extract``: documents in partitions of consecutive inputs; each partition
   read and extracted (from the cache where it holds them) on a worker, its
   arithmetic rechecked there, and its claims written as Parquet to the run's
   folder (:mod:`factcheck.engine.partitions`). The claims and the documents
   without their text come back to this process for the report (the workbook
   and JSON list every claim).
2. ``copies``: which inputs are copies of one publication (here, on the
   documents and their statements).
3. ``statements``: a shuffle on the statement, through the run's folder; one
   claim per statement.
4. ``weights``: the measure-key and block counts summed here; the weights and
   the open blocks sent to every worker.
5. ``blocks``: a shuffle on (unit family, measure key), through the run's
   folder; pairs scored and compared per block; a pair found in two blocks is
   kept once.
6. ``clusters``: the figures' clusters joined over all pairs, here;
7. ``arithmetic_totals``: each kept document's arithmetic (rechecked where
   it was read, in stage 1), and the totals check here.

A worker holds one partition or one bucket at a time, never its share of the
corpus: what passes between stages is in the run's folder (``runs/`` in the
cache folder, which every worker must see; removed when the run ends), and
only file sizes, counts and findings pass through Dask.

Tasks are pure and named by run and partition, so a task whose worker died is
run again elsewhere (Dask recomputes lost results from their inputs) and its
result replaces, never adds to, what was lost: each file is written whole under
its own name, again the same, and no finding is counted twice.
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

import dask
from distributed import Client, Future, LocalCluster, as_completed
from spacy.language import Language
from tqdm import tqdm

from factcheck.cache import default_cache_dir
from factcheck.compare import assemble
from factcheck.engine import EngineError
from factcheck.engine import stages as st
from factcheck.engine.partitions import RunFolder
from factcheck.link import weights_from
from factcheck.parallel import WorkerSettings, default_jobs
from factcheck.pipeline import Batch, Reporter, add_outcome, keep_one_copy, plan
from factcheck.records import Finding
from factcheck.rules import Rules
from factcheck.settings import Settings
from factcheck.stats import peak_rss_mb
from factcheck.totals import check_totals

CONNECT_TIMEOUT = "10s"
WORKER_CONFIG = {"distributed.worker.profile.enabled": False}
"""Dask's statistical profiler keeps a call tree per second of work for an hour: on a
worker of this engine it grew by about 14 KB per document read (360 MB to 1,5 GB over
25.000 documents), so the cluster factcheck starts runs without it."""
PARTITION_DOCS = 64  # at most this many documents per extraction task
PARTITIONS_PER_WORKER = 4  # at least this many extraction tasks per worker, for balance
STATEMENTS_PER_BUCKET = 25_000  # at most about this many claims per shuffle bucket: a
# bucket of 125.000 took a worker to 2,3 GB in the statement shuffle at N = 50.000

K = TypeVar("K")
Listener = Callable[[str, int, int], None]
"""Told (stage, done, total) as each task of a stage ends: documents for ``extract``,
buckets for the shuffles."""


@dataclass
class StageReport:
    """What the last run cost, stage by stage (wall clock on the client), and the bytes
    of Parquet the stages wrote to the run's folder (the claims and both shuffles)."""

    seconds: dict[str, float] = field(default_factory=dict)
    shuffle_bytes: int = 0
    partitions: int = 0
    buckets: int = 0  # of the statement shuffle
    block_buckets: int = 0  # of the block shuffle
    workers: int = 0
    worker_peak_rss_mb: float = 0.0
    # the largest worker's peak so far, taken as each stage ends: where the peak was reached
    worker_peak_rss_mb_after: dict[str, float] = field(default_factory=dict)


@dataclass
class _Extracted:
    """What the extract stage left for the check: the claims in the run's folder."""

    folder: RunFolder
    partitions: int
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
                with cls._using(client, progress, options) as engine:
                    yield engine
            finally:
                client.close()
            return
        with dask.config.set(WORKER_CONFIG):  # the workers take the config they start with
            cluster = LocalCluster(n_workers=jobs or default_jobs(), threads_per_worker=1,
                                   processes=True, dashboard_address=":0",  # any free port
                                   silence_logs=logging.CRITICAL)  # not its shutdown chatter
        try:
            with Client(cluster) as client, cls._using(client, progress, options) as engine:
                yield engine
        finally:
            cluster.close()

    @classmethod
    @contextmanager
    def _using(cls, client: Client, progress: bool | None,
               options: dict[str, Any]) -> Iterator[DaskEngine]:
        """An engine on ``client`` that leaves no run folder behind, whatever happens."""
        engine = cls(client, progress=progress, **options)
        try:
            yield engine
        finally:
            engine._forget()

    # --- stage 1 ---------------------------------------------------------------------------

    def read_and_extract(self, paths: Sequence[str], rules: Rules, nlp: Language,
                         settings: Settings, *, on_error: Reporter | None = None,
                         progress: bool | None = None) -> Batch:
        """As :func:`~factcheck.pipeline.read_and_extract`, on the cluster's workers
        (``nlp`` and ``settings.jobs`` are not used: each worker builds its own pipeline).

        The batch's documents come without their text: it stays on the workers,
        which recheck each document's arithmetic where it was read.
        """
        del nlp
        self._forget()
        started = time.perf_counter()
        self.report = StageReport(workers=len(self.client.scheduler_info()["workers"]))
        self._run = uuid.uuid4().hex[:8]
        folder = RunFolder.under(settings.cache_dir or default_cache_dir(),
                                    f"{time.strftime('%Y%m%d-%H%M%S')}-{self._run}")
        batch, tasks, store = plan(paths, rules, settings, on_error=on_error)
        # the rules travel loaded, once to the cluster, not as a folder the workers must see
        starting = self.client.scatter(WorkerSettings(rules, settings.model, settings.ocr, store,
                                                      settings.limits), hash=False)
        size = self.partition_docs or _partition_size(len(tasks), self.report.workers)
        numbered = list(enumerate(tasks))
        chunks = [numbered[i:i + size] for i in range(0, len(numbered), size)]
        self._extracted = _Extracted(folder, len(chunks), [],
                                     self.client.scatter(rules, hash=False))
        parts = [self._submit(st.extract_part, k, chunk, starting, folder, name=f"extract-{k}")
                 for k, chunk in enumerate(chunks)]
        self.report.partitions = len(parts)
        results: dict[int, st.Part] = {}
        shown = self.progress if progress is None else progress
        with self._bar("extract", len(tasks), "doc", shown) as bar:
            index = {future.key: k for k, future in enumerate(parts)}
            for future in as_completed(parts):
                part: st.Part = future.result()
                results[index[future.key]] = part
                future.release()  # here now; the claims are in the run's folder as well
                bar.update(part.documents)
        del parts
        for k in sorted(results):
            for _, outcome in results[k].outcomes:
                add_outcome(batch, outcome, on_error)
        self._extracted.arithmetic.extend(found for k in sorted(results)
                                          for found in results[k].arithmetic)
        self.report.shuffle_bytes = sum(part.nbytes for part in results.values())
        self.report.seconds["extract"] = time.perf_counter() - started
        self._peak("extract")
        return batch

    # --- stages 2-7 ------------------------------------------------------------------------

    def check(self, batch: Batch, rules: Rules) -> list[Finding]:
        """As :func:`~factcheck.pipeline.check`, for the batch the last
        :meth:`read_and_extract` made, with the claims from the run's folder (removed
        when the check is done)."""
        if self._extracted is None:
            raise RuntimeError("check before read_and_extract")
        extracted = self._extracted
        try:
            return self._check(batch, rules, extracted)
        finally:
            self._forget()

    def _check(self, batch: Batch, rules: Rules, extracted: _Extracted) -> list[Finding]:
        shown, folder = self.progress, extracted.folder
        timer = _Timer(self.report.seconds)
        with timer("copies"):
            kept = keep_one_copy(batch, rules)
            copies = frozenset(batch.copies)
        claims = sum(len(c) for _, c in kept)
        buckets = self.buckets or max(self.report.workers,
                                      math.ceil(claims / STATEMENTS_PER_BUCKET))
        self.report.buckets = buckets
        with timer("statements"):
            written = [self._submit(st.by_statement, k, folder, copies, buckets,
                                    name=f"by-statement-{k}")
                       for k in range(extracted.partitions)]
            tallies: list[st.Tally] = self._reduce(
                [self._submit(st.statements_of, b, folder, *written,
                              name=f"statements-{b}") for b in range(buckets)],
                "statements", shown)
            self.report.shuffle_bytes += sum(self.client.gather(written))
            del written
        self._peak("statements")
        with timer("weights"):
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
            written = [self._submit(st.by_block, b, folder, opened, block_buckets,
                                    name=f"by-block-{b}") for b in range(buckets)]
            linked: list[tuple[st.PairFinding, ...]] = self._reduce(
                [self._submit(st.links_in, c, block_buckets, folder, weights, opened,
                              extracted.rules, *written, name=f"blocks-{c}")
                 for c in range(block_buckets)], "blocks", shown)
            self.report.shuffle_bytes += sum(self.client.gather(written))
            pairs: dict[tuple[st.Position, st.Position], st.PairFinding] = {}
            for result in linked:
                for item in result:
                    pairs.setdefault((item[0], item[1]), item)
            del linked, written
        self._peak("blocks")
        with timer("clusters"):
            findings = assemble([(pairs[k][2], pairs[k][3]) for k in sorted(pairs)], rules)
        with timer("arithmetic_totals"):
            for doc, rechecked in extracted.arithmetic:
                if doc not in copies:
                    findings.extend(rechecked)
            findings.extend(check_totals([c for _, of in kept for c in of], rules))
        self.report.worker_peak_rss_mb = self._peak("arithmetic_totals")
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

    def _reduce(self, reduced: list[Future], stage: str, shown: bool | None) -> list[Any]:
        """The results of a shuffle's buckets, in bucket order, with a bar as they end."""
        with self._bar(stage, len(reduced), "bucket", shown) as bar:
            for _ in as_completed(reduced):
                bar.update(1)
        results: list[Any] = self.client.gather(reduced)
        return results

    def _peak(self, stage: str) -> float:
        """The largest worker's peak memory so far (MiB), noted as of the end of ``stage``."""
        peak: float = max(self.client.run(peak_rss_mb).values(), default=0.0)
        self.report.worker_peak_rss_mb_after[stage] = peak
        return peak

    def _forget(self) -> None:
        """Remove the last run's folder (its partitions are of no use to another run)."""
        if self._extracted is not None:
            self._extracted.folder.remove()
            self._extracted = None


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
