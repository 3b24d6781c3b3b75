"""``python -m benchmarks --docs N --json FILE``: factcheck against the obvious alternative.

Builds N documents from the bundled examples and test files (see
:mod:`benchmarks.corpus`) in a temporary folder, runs the full check over them
with ``--jobs`` processes and a cache in that folder, re-runs it after
changing 1% of the documents, times linking at N and 2N claims, and reads the
same PDFs with pdfplumber ``extract_text`` (the baseline) for up to
``--baseline-seconds``. Prints a table, writes the numbers as JSON, and
leaves nothing behind but that file.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import corpus as corpus_module
from benchmarks import measure
from factcheck import __version__
from factcheck.engine import ENGINES, Engine, open_engine
from factcheck.extract.nlp import build_pipeline
from factcheck.parallel import default_jobs
from factcheck.rules import load_rules
from factcheck.settings import Settings

TARGETS = {  # key: (at least / at most, value)
    "pdf_pages_per_s_per_core": (">=", 100.0),
    "words_per_s_per_core": (">=", 50_000.0),
    "link_scaling_ratio": ("<=", 2.3),
    "baseline_speedup": (">=", 10.0),
    "warm_seconds": ("<=", 10.0),
}


LINK_SCALING_CLAIMS = 300_000  # linking is timed in this process on at most this many claims
COLUMN_ORDER_PDFS = 50  # the reading order is measured on this many two-column PDFs


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--docs", type=int, default=200, help="documents in the corpus")
    parser.add_argument("--json", type=Path, default=None, help="write the numbers here")
    parser.add_argument("--jobs", type=int, default=default_jobs(), help="worker processes")
    parser.add_argument("--baseline-seconds", type=float, default=60.0,
                        help="how long to run the pdfplumber baseline at most")
    parser.add_argument("--progress", action="store_true", help="show the progress bar")
    parser.add_argument("--engine", choices=ENGINES, default="local",
                        help="where the check runs (dask: a LocalCluster of --jobs workers, "
                             "or the cluster at --scheduler)")
    parser.add_argument("--scheduler", default=None, metavar="ADDRESS",
                        help="with --engine dask: the scheduler of an existing cluster")
    return parser.parse_args(argv)


def run(args: argparse.Namespace, folder: Path) -> dict[str, Any]:
    started = time.perf_counter()
    corpus = corpus_module.build(folder / "corpus", args.docs)
    built = time.perf_counter() - started
    rules = load_rules()
    nlp = build_pipeline(rules)
    cache_dir = folder / "cache"
    opened = time.perf_counter()
    with open_engine(Settings(engine=args.engine, scheduler=args.scheduler, jobs=args.jobs),
                     progress=args.progress) as engine:
        engine_start = time.perf_counter() - opened
        cold = measure.full_check(corpus, rules, nlp, args.jobs, cache_dir, args.progress,
                                  engine)
        result = _cold(cold, corpus, args.docs) | _stage_report(engine)
        result["cache_mb"] = sum(f.stat().st_size for f in cache_dir.rglob("*.json")) / 2**20
        claims = cold.batch.claims[:LINK_SCALING_CLAIMS]  # all of them would double the memory
        del cold  # one batch in memory at a time: at N = 50.000 two would not fit
        changed = corpus_module.change(corpus, max(1, args.docs // 100))
        warm = measure.full_check(corpus, rules, nlp, args.jobs, cache_dir, args.progress,
                                  engine)
        warm_reread = sum(1 for s in warm.batch.stats if not s.cached)
        warm_seconds = warm.read_seconds
        del warm
    pages, seconds, plumber = measure.baseline(corpus.pdfs, args.baseline_seconds)
    link_n, link_2n, n = measure.link_scaling(claims, rules)
    own = measure.peak_rss_mb(None)[0]
    worker = max(result.pop("peak_rss_worker_mb"), result.pop("cluster_peak_rss_worker_mb", 0.0))
    return {"tool_version": __version__, "rules_version": rules.version, "jobs": args.jobs,
            "engine": args.engine, "engine_start_seconds": engine_start,
            "cores": os.cpu_count(), "docs": args.docs, "corpus_seconds": built,
            **result,
            "baseline_pdf_pages": pages, "baseline_seconds": seconds,
            "baseline_pdf_pages_per_s_per_core": measure.rate(pages, seconds),
            "column_order_factcheck": measure.column_order(
                measure.read_texts(corpus, rules, COLUMN_ORDER_PDFS), corpus),
            "column_order_baseline": measure.column_order(plumber, corpus),
            "link_claims_n": n, "link_seconds_n": link_n, "link_seconds": link_2n,
            "link_scaling_ratio": measure.rate(link_2n, link_n),
            "warm_changed": len(changed), "warm_seconds": warm_seconds,
            "warm_reread": warm_reread,
            "peak_rss_mb": own + args.jobs * worker, "peak_rss_main_mb": own,
            "peak_rss_worker_mb": worker}


def _cold(cold: measure.Run, corpus: corpus_module.Corpus, docs: int) -> dict[str, Any]:
    """What the first run says (taken before the second run, which needs the memory)."""
    batch = cold.batch
    return {"documents_read": len(batch.documents), "failed": batch.failed,
            "pages": sum(len(d.pages) for d in batch.documents), "claims": len(batch.claims),
            "findings": cold.findings,
            "read_extract_seconds": cold.read_seconds, "check_seconds": cold.check_seconds,
            "total_seconds": cold.read_seconds + cold.check_seconds,
            **measure.stage_rates(batch),
            "docs_per_s": measure.rate(docs, cold.read_seconds),
            "peak_rss_worker_mb": measure.peak_rss_mb(batch)[1]}


def _stage_report(engine: Engine) -> dict[str, Any]:
    """The Dask engine's cost by stage (cold run): seconds per stage, shuffle volume."""
    report = getattr(engine, "report", None)
    if report is None:
        return {}
    return {**{f"stage_{name}_seconds": value for name, value in report.seconds.items()},
            "shuffle_mb": report.shuffle_bytes / 2**20, "partitions": report.partitions,
            "shuffle_buckets": report.buckets, "block_buckets": report.block_buckets,
            "workers": report.workers,
            "cluster_peak_rss_worker_mb": report.worker_peak_rss_mb,
            **{f"peak_rss_worker_mb_after_{name}": value
               for name, value in report.worker_peak_rss_mb_after.items()}}


def verdicts(result: dict[str, Any]) -> dict[str, bool]:
    result["baseline_speedup"] = measure.rate(result["pdf_pages_per_s_per_core"],
                                              result["baseline_pdf_pages_per_s_per_core"])
    return {key: (result[key] >= bound if op == ">=" else result[key] <= bound)
            for key, (op, bound) in TARGETS.items()}


def table(result: dict[str, Any], met: dict[str, bool]) -> str:
    lines = []
    for key, value in result.items():
        shown = f"{value:,.3f}" if isinstance(value, float) else str(value)
        mark = ""
        if key in TARGETS:
            op, bound = TARGETS[key]
            mark = f"  target {op} {bound:g}: {'met' if met[key] else 'MISSED'}"
        lines.append(f"{key:36s} {shown:>16s}{mark}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as folder:
        result = run(args, Path(folder))
    met = verdicts(result)
    result["targets_met"] = met
    print(table({k: v for k, v in result.items() if k != "targets_met"}, met))
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
