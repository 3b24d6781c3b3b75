"""Shared fixtures: the rules, the pipeline, and where the test documents are."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.rules import Rules, load_rules

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
EXAMPLES = ROOT / "examples"
CORPUS = ROOT.parent / "shared" / "corpus"


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
def nlp():  # type: ignore[no-untyped-def]
    from factcheck.nlp import build_pipeline

    return build_pipeline()
