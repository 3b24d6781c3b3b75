"""The Dask engine: the same JSON as the local engine, a killed worker changes nothing,
a clear error without a scheduler, and factcheck without Dask until it is asked for."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from factcheck.cli import ExitStatus, main
from factcheck.rules import Rules
from factcheck.settings import Settings

from conftest import CORPUS, DATA, EXAMPLES

distributed = pytest.importorskip("distributed")

INPUTS = [str(EXAMPLES), str(DATA / "ingest"), str(DATA / "formats"),
          str(DATA / "findings_gold" / "docs")]


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    """Two worker processes of one thread, as the engine starts them on one machine."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as local:
        yield local


def _report(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    data["run"].pop("run_date")
    return data


def _check(paths: list[str], out: Path, *options: str) -> dict[str, Any]:
    status = main(["check", *paths, "--out", str(out.with_suffix(".xlsx")),
                   "--json", str(out), *options])
    assert status in (ExitStatus.OK, ExitStatus.INPUT_FAILED)
    return _report(out)


def test_dask_gives_the_json_of_one_local_process(cluster: Any, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    local = _check(INPUTS, tmp_path / "local.json", "--jobs", "1")  # the suite's cache
    capsys.readouterr()
    dask = _check(INPUTS, tmp_path / "dask.json", "--engine", "dask",
                  "--scheduler", cluster.scheduler_address, "--no-cache", "--progress")
    shown = capsys.readouterr().err
    assert dask["claims"] == local["claims"]
    assert dask["documents"] == local["documents"]
    assert dask["findings"] == local["findings"]
    assert dask == local
    # the comparison has teeth: figures said in several documents, copies of one
    # publication set aside, a failed input, arithmetic and cross-document findings
    findings = local["findings"]
    assert len(findings) > 30
    assert any(f["statements"] > 2 and f["documents"] > 1 for f in findings)
    assert Counter(f["kind"] for f in findings).keys() >= {"cross-document", "arithmetic"}
    assert any("same publication as" in d["message"] for d in local["documents"])
    assert any(d["status"] == "failed" for d in local["documents"])
    assert "extract" in shown and "doc/s" in shown and "blocks" in shown  # progress by stage


def test_a_worker_killed_mid_run_changes_nothing(cluster: Any, rules: Rules) -> None:
    from factcheck.engine.dask import DaskEngine
    from factcheck.extract.nlp import build_pipeline
    from factcheck.pipeline import check, read_and_extract

    inputs = INPUTS[:2]  # the examples and the ingest files: 14 documents, 7 partitions
    nlp = build_pipeline(rules)
    expected = read_and_extract(inputs, rules, nlp, Settings(jobs=1))  # the suite's cache
    expected_findings = check(expected, rules)
    killed: list[int] = []

    def kill_once(stage: str, done: int, total: int) -> None:
        """After the first partition: kill the worker holding it, with work still queued."""
        if killed or stage != "extract":
            return
        pids = engine.client.run(os.getpid)
        victim = sorted(pids)[0]
        killed.append(pids[victim])
        os.kill(pids[victim], signal.SIGKILL)

    # five shuffle buckets: blocks spread over more buckets than workers, pairs in several
    with DaskEngine.connect(cluster.scheduler_address, partition_docs=2, buckets=5,
                            listener=kill_once) as engine:
        batch = engine.read_and_extract(inputs, rules, nlp, Settings(jobs=1, cache=False))
        findings = engine.check(batch, rules)
        engine.client.wait_for_workers(2, timeout=120)  # the nanny starts a new one
    assert killed
    assert batch.claims == expected.claims
    assert batch.reports == expected.reports
    assert findings == expected_findings
    assert len({f.id for f in findings}) == len(findings)  # nothing counted twice


@pytest.mark.corpus
def test_dask_gives_the_json_of_local_processes_on_the_corpus(cluster: Any,
                                                             tmp_path: Path) -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is not on this machine")
    # with the suite's cache: the documents are read once, by either engine
    inputs = [str(CORPUS / part) for part in ("txt", "xml", "tei")]  # the PDFs: 12 MB
    local = _check(inputs, tmp_path / "local.json", "--jobs", "2")
    dask = _check(inputs, tmp_path / "dask.json", "--engine", "dask",
                  "--scheduler", cluster.scheduler_address)
    assert dask == local
    assert len(local["claims"]) > 1000 and len(local["findings"]) > 20


def test_link_scores_do_not_depend_on_the_process(tmp_path: Path) -> None:
    """Workers hash strings differently: a score summed over a set in its iteration order
    differed in the last bit between processes, and a tie between two pairs went one way
    on one worker and the other way on another (another pair led a cluster's finding)."""
    code = ("import sys; from factcheck.rules import load_rules; "
            "from factcheck.extract.nlp import build_pipeline; "
            "from factcheck.pipeline import read_and_extract; "
            "from factcheck.settings import Settings; "
            "from factcheck.link import link_claims; rules = load_rules(); "
            "batch = read_and_extract([sys.argv[1]], rules, build_pipeline(rules), "
            "Settings(jobs=1, cache=False)); "
            "print([(l.a.id, l.b.id, l.score.hex()) for l in link_claims(batch.claims, rules)])")
    runs = [subprocess.Popen([sys.executable, "-c", code, str(EXAMPLES)], text=True,
                             stdout=subprocess.PIPE, env={**os.environ, "PYTHONHASHSEED": seed})
            for seed in ("1", "2")]
    outputs = [run.communicate(timeout=300)[0] for run in runs]
    assert all(run.returncode == 0 for run in runs)
    assert outputs[0] == outputs[1]
    assert outputs[0].count("0x") > 10  # links were made and compared


def test_a_scheduler_out_of_reach_is_one_clear_line(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from factcheck.engine import dask

    monkeypatch.setattr(dask, "CONNECT_TIMEOUT", "2s")
    status = main(["check", str(EXAMPLES), "--out", str(tmp_path / "r.xlsx"),
                   "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"])
    err = capsys.readouterr().err.strip().splitlines()
    assert status == ExitStatus.FATAL
    assert len(err) == 1
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in err[0]
    assert "--scheduler" in err[0]
    assert not (tmp_path / "r.xlsx").exists()


def test_a_server_that_is_no_scheduler_is_one_clear_line(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    """Something else answers at the address (here: a web server's reply)."""
    from factcheck.engine import dask

    monkeypatch.setattr(dask, "CONNECT_TIMEOUT", "2s")
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]

    def answer() -> None:
        with server:
            for _ in range(3):
                connection, _ = server.accept()
                with connection:
                    connection.sendall(b"HTTP/1.1 400 Bad Request\r\n\r\n" * 64)

    threading.Thread(target=answer, daemon=True).start()
    status = main(["check", str(EXAMPLES), "--out", str(tmp_path / "r.xlsx"),
                   "--engine", "dask", "--scheduler", f"tcp://127.0.0.1:{port}"])
    err = capsys.readouterr().err.strip().splitlines()
    assert status == ExitStatus.FATAL
    assert len(err) == 1 and "cannot reach the Dask scheduler" in err[0]


def test_a_scheduler_needs_the_dask_engine(tmp_path: Path) -> None:
    status = main(["check", str(EXAMPLES), "--out", str(tmp_path / "r.xlsx"),
                   "--scheduler", "tcp://127.0.0.1:9"])
    assert status == ExitStatus.USAGE


def test_factcheck_does_not_import_dask_for_the_local_engine() -> None:
    code = ("import sys, factcheck, factcheck.cli, factcheck.pipeline, factcheck.engine; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_the_claims_pass_between_stages_as_parquet_partitions_and_are_removed(
        cluster: Any, rules: Rules, tmp_path: Path) -> None:
    """While the check runs, the run's folder holds each partition's claims as a Parquet
    file any Parquet reader takes (one row per claim, the claim as JSON); when it ends,
    the folder is gone, and so it is when the run stops half-way."""
    import pyarrow.parquet as pq

    from factcheck.engine.dask import DaskEngine
    from factcheck.extract.nlp import build_pipeline

    nlp = build_pipeline(rules)
    seen: dict[str, list[dict[str, Any]]] = {}

    def look(stage: str, done: int, total: int) -> None:
        if stage == "blocks" and not seen:
            for path in sorted((tmp_path / "runs").glob("*/claims/part-*.parquet")):
                seen[path.name] = pq.read_table(path).to_pylist()

    settings = Settings(jobs=1, cache=False, cache_dir=tmp_path)
    with DaskEngine.connect(cluster.scheduler_address, partition_docs=1,
                            listener=look) as engine:
        batch = engine.read_and_extract([str(EXAMPLES)], rules, nlp, settings)
        engine.check(batch, rules)
        assert not list((tmp_path / "runs").iterdir())
        engine.read_and_extract([str(EXAMPLES)], rules, nlp, settings)  # and no check
        assert len(list((tmp_path / "runs").iterdir())) == 1
    assert not list((tmp_path / "runs").iterdir())
    assert sorted(seen) == ["part-00000.parquet", "part-00001.parquet"]  # one per document
    rows = [row for name in sorted(seen) for row in seen[name]]
    assert [json.loads(row["claim"])["id"] for row in rows] == [c.id for c in batch.claims]
    assert [(row["task"], row["doc"]) for row in rows[:1]] == [(0, batch.claims[0].doc)]
    assert all(document.text == "" for document in batch.documents)  # it stayed on the workers


def test_a_cache_url_holds_the_cache_and_the_run_folder_the_workers_share(
        cluster: Any, rules: Rules, nlp: Any, tmp_path: Path) -> None:
    """--cache-dir file://…: the workers write the cache entries and the run's partitions
    through the URL's filesystem (as they would on s3://), the JSON is the local engine's,
    a second run is served from that cache, and the run folder is gone afterwards."""
    from factcheck.engine.dask import DaskEngine

    shared = tmp_path / "shared"
    url = f"file://{shared}"
    local = _check(INPUTS, tmp_path / "local.json", "--jobs", "1")  # the suite's cache
    dask = _check(INPUTS, tmp_path / "dask.json", "--engine", "dask",
                  "--scheduler", cluster.scheduler_address, "--cache-dir", url)
    assert dask == local
    entries = list(shared.glob("??/*.json"))
    assert len(entries) > 10
    assert list((shared / "runs").iterdir()) == []  # the run's folder was there, and is gone
    seen: list[Path] = []

    def look(stage: str, done: int, total: int) -> None:
        if stage == "blocks" and not seen:
            seen.extend(shared.glob("runs/*/claims/part-*.parquet"))

    with DaskEngine.connect(cluster.scheduler_address, listener=look) as engine:
        batch = engine.read_and_extract(INPUTS, rules, nlp, Settings(cache_dir=url))
        engine.check(batch, rules)
    assert len(batch.stats) == len(entries) and all(s.cached for s in batch.stats)
    assert seen  # the partitions were under the URL while the check ran
    assert list((shared / "runs").iterdir()) == []


def test_the_cluster_factcheck_starts_keeps_no_profile() -> None:
    """Dask's profiler keeps a call tree per second of work for an hour: on a worker that
    reads documents for half an hour it grew past a gigabyte. The cluster factcheck starts
    on this machine runs without it."""
    import time

    from factcheck.engine.dask import DaskEngine

    def work() -> None:
        started = time.perf_counter()
        while time.perf_counter() - started < 1.5:  # a second and a half of profiler cycles
            sum(range(1000))

    with DaskEngine.connect(None, jobs=1) as engine:
        engine.client.submit(work, pure=False).result()
        kept = engine.client.run(lambda dask_worker: (len(dask_worker.profile_history),
                                                      dask_worker.profile_recent["count"]))
    assert list(kept.values()) == [(0, 0)]
