"""Compare extracted claims with the hand-made gold lists in tests/data/gold/.

A gold row is located by its quote: the quote is found in the document's
text after both are folded (whitespace, hyphens and apostrophe forms
ignored), and the claim found there must have the gold text, value, unit and
qualifier. This is the measure issue 2 sets: at least 95% of the statistics
found exactly, and none of the non-claims reported.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path

from benchmarks.accuracy_claims import fold
from factcheck.records import Claim

GOLD = Path(__file__).resolve().parent / "data" / "gold"


@dataclass(frozen=True)
class GoldRow:
    doc: str
    quote: str
    text: str
    value: float
    unit: str
    qualifier: str
    kind: str
    note: str


def load_claims_gold() -> list[GoldRow]:
    with (GOLD / "seed_claims.csv").open(encoding="utf-8") as f:
        return [GoldRow(r["doc"], r["quote"], r["text"], float(r["value"]), r["unit"],
                        r["qualifier"], r["kind"], r["note"]) for r in csv.DictReader(f)]


def load_nonclaims_gold() -> list[dict[str, str]]:
    with (GOLD / "seed_nonclaims.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def locate(quote: str, text: str, target: str) -> tuple[int, int] | None:
    """The span of ``target`` inside the occurrence of ``quote`` in ``text``."""
    folded, where = fold(text)
    fq, ft = fold(quote)[0], fold(target)[0]
    at = folded.find(fq)
    inner = fq.find(ft)
    if at < 0 or inner < 0:
        return None
    first = at + inner
    return where[first], where[first + len(ft) - 1] + 1


def same(claim: Claim, row: GoldRow) -> bool:
    return (fold(claim.text)[0] == fold(row.text)[0]
            and math.isclose(claim.value, row.value, rel_tol=1e-3, abs_tol=1e-3)
            and claim.unit == row.unit and claim.qualifier == row.qualifier)


def claims_at(claims: list[Claim], span: tuple[int, int]) -> list[Claim]:
    return [c for c in claims if c.start < span[1] and span[0] < c.end]
