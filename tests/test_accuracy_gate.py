"""The findings gold gate: ``python -m benchmarks.accuracy`` on tests/data/findings_gold.

The gold was written by hand from reading the documents (see its README); this test fails
when a change to extraction, linking or verdicts costs repeat recall, discrepancy precision,
or links a trap.
"""

from __future__ import annotations

import pytest

from benchmarks import accuracy, accuracy_findings
from factcheck.rules import Rules


@pytest.fixture(scope="module")
def result(rules: Rules) -> accuracy_findings.Score:
    return accuracy_findings.score(rules)


def test_findings_gold_targets_hold(result: accuracy_findings.Score) -> None:
    repeats = [o for o in result.outcomes if o.item.kind == "repeat"]
    traps = [o for o in result.outcomes if o.item.kind == "trap"]
    assert len(repeats) >= 15 and len(traps) >= 10
    assert len({o.item.domain for o in result.outcomes}) >= 5
    assert sum(o.right for o in repeats) / len(repeats) >= accuracy.TARGETS[
        "findings.repeat_recall"][1]
    right, reported = result.precision()
    assert reported and right / reported >= accuracy.TARGETS["findings.discrepancy_precision"][1]
    assert [o.item.id for o in traps if o.linked] == []


def test_the_seed_discrepancy_is_in_the_gold_and_found(result: accuracy_findings.Score) -> None:
    (seed,) = [o for o in result.outcomes if o.item.id == "arbeidsmarkt-05"]
    assert seed.found == "discrepancy"


def test_the_named_near_misses_are_found(result: accuracy_findings.Score) -> None:
    """350 miljoen pond per week against per maand; 40 miljard aan export against 39 + 22."""
    found = {o.item.id: o.found for o in result.outcomes}
    assert found["economie-05"] == "different-basis"
    assert found["economie-06"] == "inconsistent"
