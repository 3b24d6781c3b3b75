"""The code stays `mypy --strict` and `ruff` clean: CI fails otherwise."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from conftest import ROOT


@pytest.mark.parametrize(
    "command",
    [[sys.executable, "-m", "mypy"],
     [sys.executable, "-m", "ruff", "check", "factcheck", "tests", "benchmarks"]],
    ids=["mypy --strict", "ruff"],
)
def test_static_checks_pass(command: list[str]) -> None:
    if shutil.which(command[0]) is None:
        pytest.skip(f"{command[0]} is not installed")
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
