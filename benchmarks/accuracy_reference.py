"""Accuracy of ``check --reference`` on hand-written gold (tests/data/reference/gold.yml).

The documents are real (tests/data/reference/docs, sources in its README); the
snapshots are trimmed copies of the shared CBS StatLine snapshots. For every
gold claim: was it matched to the cell a careful analyst picks (table, measure,
period, dimensions)? Is any verdict a false ``differs-from-reference``? Was
any trap matched to a cell at all? Precision: of all cells the checker matched
in these documents, the share that are a gold claim's right cell.

Run: ``python -m benchmarks.accuracy_reference`` (or ``python -m benchmarks.accuracy``).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from factcheck.extract.nlp import build_pipeline
from factcheck.pipeline import read_and_extract
from factcheck.records import Claim
from factcheck.refdata.reference import ReferenceCheck, check_claims
from factcheck.refdata.snapshot import Snapshots
from factcheck.rules import load_rules
from factcheck.settings import Settings

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "reference"


@dataclass(frozen=True)
class ReferenceScore:
    claims: int
    right_cell: int
    right_verdict: int
    false_differs: int
    traps: int
    traps_matched: int
    checks: int  # cells matched in the documents, gold or not
    checks_right: int  # of which a gold claim's right cell
    misses: tuple[str, ...]

    @property
    def recall(self) -> float:
        return self.right_cell / self.claims if self.claims else 0.0

    @property
    def precision(self) -> float:
        return self.checks_right / self.checks if self.checks else 0.0

    def lines(self) -> list[str]:
        return [
            "reference (check --reference against CBS StatLine snapshots)",
            f"  gold claims matched to the right cell: {self.right_cell}/{self.claims} "
            f"({self.recall:.0%})",
            f"  verdict as the gold says:              {self.right_verdict}/{self.claims}",
            f"  false differs-from-reference:          {self.false_differs}",
            f"  traps matched to a cell:               {self.traps_matched}/{self.traps}",
            f"  precision (matched cells that are a gold claim's right cell): "
            f"{self.checks_right}/{self.checks} ({self.precision:.0%})",
        ]


def find_claim(claims: Sequence[Claim], entry: Mapping[str, Any]) -> Claim | None:
    """The claim a gold entry means: document, number as written, sentence words, occurrence."""
    found = sorted((c for c in claims if c.doc == entry["doc"] and c.text == entry["text"]
                    and entry["context"] in c.sentence), key=lambda c: c.start)
    index = int(entry.get("occurrence", 1)) - 1
    return found[index] if 0 <= index < len(found) else None


def right_cell(check: ReferenceCheck, entry: Mapping[str, Any]) -> bool:
    dims = dict(check.dimensions)
    wanted = {str(k): str(v) for k, v in (entry.get("dimensions") or {}).items()}
    return (check.table.lower() == str(entry["table"]).lower()
            and check.measure == str(entry["measure"]) and check.period == str(entry["period"])
            and all(dims.get(k) == v for k, v in wanted.items()))


def score(gold: Mapping[str, Any], claims: Sequence[Claim],
          checks: Sequence[ReferenceCheck]) -> ReferenceScore:
    by_claim = {c.id: c for c in checks}
    right = verdicts = false_differs = 0
    right_ids: set[str] = set()
    misses = []
    for entry in gold["claims"]:
        claim = find_claim(claims, entry)
        check = by_claim.get(claim.id) if claim else None
        if check is not None and right_cell(check, entry):
            right += 1
            right_ids.add(check.id)
        else:
            got = "no claim" if claim is None else (
                "not checked" if check is None else f"{check.table} {check.measure} "
                f"{check.period}")
            misses.append(f"{entry['doc']}: {entry['text']} ({entry['context']}) → {got}")
        if check is not None and check.verdict == entry["verdict"]:
            verdicts += 1
        if check is not None and check.verdict == "differs-from-reference" \
                and entry["verdict"] != "differs-from-reference":
            false_differs += 1
    matched_traps = 0
    for entry in gold["traps"]:
        claim = find_claim(claims, entry)
        if claim is not None and claim.id in by_claim:
            matched_traps += 1
            misses.append(f"TRAP matched: {entry['doc']}: {entry['text']} ({entry['why']})")
    return ReferenceScore(len(gold["claims"]), right, verdicts, false_differs,
                          len(gold["traps"]), matched_traps, len(checks), len(right_ids),
                          tuple(misses))


def run(data: Path = DATA) -> ReferenceScore:
    """Extract the gold documents' claims, check them against the snapshots, score."""
    rules = load_rules()
    batch = read_and_extract([str(data / "docs")], rules, build_pipeline(rules),
                             Settings(jobs=1, cache=False), progress=False)
    texts = {document.doc: document.text for document in batch.documents}
    checks = check_claims(batch.claims, Snapshots(data / "cbs"), rules, texts)
    gold = yaml.safe_load((data / "gold.yml").read_text(encoding="utf-8"))
    return score(gold, batch.claims, checks)


def main(argv: Sequence[str] | None = None) -> int:
    result = run()
    for line in result.lines():
        print(line)
    if (argv is not None and "--verbose" in argv) or "--verbose" in sys.argv:
        for miss in result.misses:
            print(f"    {miss}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
