"""Shared fixtures: the rules, the pipeline, and where the test documents are."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck.rules import Rules, load_rules

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
EXAMPLES = ROOT / "examples"
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session", autouse=True)
def _cache_in_tmp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The suite's runs cache in a temporary folder, never in the user's ~/.cache."""
    previous = os.environ.get("FACTCHECK_CACHE")
    os.environ["FACTCHECK_CACHE"] = str(tmp_path_factory.mktemp("factcheck-cache"))
    yield
    if previous is None:
        os.environ.pop("FACTCHECK_CACHE", None)
    else:
        os.environ["FACTCHECK_CACHE"] = previous


@pytest.fixture(scope="session")
def rules() -> Rules:
    return load_rules()


def corpus_path(relative: str) -> Path:
    """A file in ../shared/corpus; the test is skipped on machines without it."""
    path = CORPUS / relative
    if not path.exists():
        pytest.skip(f"{path} is not on this machine")
    return path


@pytest.fixture(scope="session")
def nlp(rules: Rules):  # type: ignore[no-untyped-def]
    return _pipeline(rules)


_PIPELINES: dict[tuple[str, str], object] = {}


def _pipeline(rules: Rules):  # type: ignore[no-untyped-def]
    """Built once per process and rules (~2 s): mutation testing forks a session per mutant."""
    from factcheck.extract.nlp import build_pipeline

    key = (rules.directory, rules.version)
    if key not in _PIPELINES:
        _PIPELINES[key] = build_pipeline(rules)  # the session's one Rules, to every component
    return _PIPELINES[key]
