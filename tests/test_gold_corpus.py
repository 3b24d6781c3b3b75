"""Issue 11's measure: claim extraction against the hand-made gold on real documents.

The gold (``tests/data/gold``: the seeds' statistics and 178 claims in 11
other policy domains, txt and PDF, with 105 non-claim traps — dates,
references, phone numbers, addresses, PO boxes, case numbers, list
enumerators, names with digits) was written by reading the documents, before
factcheck was run on them. ``python -m benchmarks.accuracy`` prints the same
numbers per domain and format.
"""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from benchmarks import accuracy_claims
from factcheck.rules import Rules


@pytest.fixture(scope="module")
def scored(rules: Rules, nlp: Language) -> dict[str, Any]:
    return accuracy_claims.score(rules, nlp)


def test_the_gold_is_large_and_varied(scored: dict[str, Any]) -> None:
    rows = scored["rows"]
    assert rows["overall"]["gold_claims"] >= 300
    assert rows["overall"]["traps"] - 191 >= 60  # beyond the seeds' own non-claims
    domains = [k for k, r in rows.items() if k.startswith("domain:") and r["gold_claims"] >= 5]
    assert len(domains) >= 5, domains
    assert scored["unlocated"] == []


def test_value_and_unit_recall_is_at_least_97_percent(scored: dict[str, Any]) -> None:
    recall = scored["rows"]["overall"]["value_unit_recall"]
    assert recall >= 0.97, "\n".join(scored["missed"])


def test_hedges_point_the_right_way(scored: dict[str, Any]) -> None:
    overall = scored["rows"]["overall"]
    assert overall["hedge_direction"] >= 0.95, "\n".join(scored["wrong_direction"])
    assert overall["hedged_direction"] >= 0.95, "\n".join(scored["wrong_direction"])


def test_no_nonclaim_is_taken_as_a_claim(scored: dict[str, Any]) -> None:
    assert scored["nonclaims_taken"] == []
