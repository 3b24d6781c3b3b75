"""More processes, the same result: order, claims, reports and failures as with one."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from factcheck import pipeline
from factcheck.cli import ExitStatus, main
from factcheck.pipeline import read_and_extract
from factcheck.rules import Rules
from factcheck.settings import Settings

from conftest import DATA, EXAMPLES

INPUTS = [str(DATA / "ingest"), str(EXAMPLES)]


def test_jobs_give_the_same_batch_as_one_job(rules: Rules, nlp: Language,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "MIN_TASKS_PER_WORKER", 1)  # use the pool for few files
    one = read_and_extract(INPUTS, rules, nlp, Settings(jobs=1, cache=False))
    two = read_and_extract(INPUTS, rules, nlp, Settings(jobs=2, cache=False))
    assert two.claims == one.claims
    assert two.documents == one.documents
    assert two.reports == one.reports
    assert one.failed == 1  # the scan without a text layer, reported and skipped in both


def test_a_name_seen_twice_is_shown_by_its_path(tmp_path: Path, rules: Rules,
                                                nlp: Language) -> None:
    seed = EXAMPLES / "kamervragen-vakkrachten_2017-07-18.txt"
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / seed.name).write_bytes(seed.read_bytes())
    batch = read_and_extract([str(tmp_path)], rules, nlp, Settings(jobs=1, cache=False))
    assert [d.doc for d in batch.documents] == [seed.name, str(tmp_path / "b" / seed.name)]
    assert not {c.id for c in batch.claims[:5]} & {c.id for c in batch.claims[-5:]}


def test_cli_jobs_and_cache_give_the_same_output(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    cache = ["--cache-dir", str(tmp_path / "cache")]
    outputs = []
    for options in (["--jobs", "1", "--no-cache"], ["--jobs", "2", *cache], ["-j", "2", *cache]):
        assert main(["claims", *INPUTS, "--format", "jsonl", *options]) == ExitStatus.INPUT_FAILED
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1] == outputs[2]
    assert list((tmp_path / "cache").rglob("*.json"))
