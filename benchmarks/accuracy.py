"""``python -m benchmarks.accuracy``: how right factcheck is on hand-made gold.

Each section scores one stage on gold written by hand, before looking at
factcheck's output, from real documents in several policy domains:

* cross-document findings (:mod:`benchmarks.accuracy_findings`): repeat
  recall, discrepancy precision, near-misses and trap links, per domain.
* reference (:mod:`benchmarks.accuracy_reference`): claims checked against CBS
  StatLine snapshots — the right cell, no false differs-from-reference, no trap
  matched to a cell.
* claims (:mod:`benchmarks.accuracy_claims`): value+unit recall, hedge
  direction and non-claims taken as claims, per domain and format.

Exit status 0 when every target is met, 1 otherwise, so CI can gate on it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from benchmarks import accuracy_claims, accuracy_findings, accuracy_reference
from factcheck.extract.nlp import build_pipeline
from factcheck.rules import load_rules

TARGETS = {
    "findings.repeat_recall": (">=", 0.8),
    "findings.discrepancy_precision": (">=", 0.9),
    "findings.trap_links": ("<=", 0),
    "reference.right_cell": (">=", 0.8),
    "reference.false_differs": ("<=", 0),
    "reference.traps_matched": ("<=", 0),
    "claims.value_unit_recall": (">=", 0.97),
    "claims.hedge_direction": (">=", 0.95),
    "claims.nonclaims_taken": ("<=", 0),
}


def measure() -> tuple[dict[str, float], list[str]]:
    """Every score by name, and the printed sections."""
    rules = load_rules()
    found = accuracy_findings.score(rules)
    repeats = [o for o in found.outcomes if o.item.kind == "repeat"]
    right, reported = found.precision()
    scores = {
        "findings.repeat_recall": sum(o.right for o in repeats) / max(len(repeats), 1),
        "findings.discrepancy_precision": right / reported if reported else 1.0,
        "findings.trap_links": float(sum(o.linked for o in found.outcomes
                                         if o.item.kind == "trap")),
    }
    # --- reference section (issue 14): its own module, its own lines ---
    reference = accuracy_reference.run()
    scores.update({
        "reference.right_cell": reference.recall,
        "reference.false_differs": float(reference.false_differs),
        "reference.traps_matched": float(reference.traps_matched),
    })
    # --- claim section (issue 11): extraction against the claim gold ---
    claims = accuracy_claims.score(rules, build_pipeline(rules))
    overall = claims["rows"]["overall"]
    scores["claims.value_unit_recall"] = overall["value_unit_recall"] or 0.0
    scores["claims.hedge_direction"] = overall["hedge_direction"] or 0.0
    scores["claims.nonclaims_taken"] = float(overall["nonclaims_taken"])
    return scores, [accuracy_findings.report(found), "\n".join(reference.lines()),
                    accuracy_claims.report(claims)]


def met(scores: dict[str, float]) -> dict[str, bool]:
    return {key: (scores[key] >= limit if op == ">=" else scores[key] <= limit)
            for key, (op, limit) in TARGETS.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.accuracy", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", type=Path, help="also write the scores here")
    args = parser.parse_args(argv)
    scores, sections = measure()
    for section in sections:
        print(section)
        print()
    ok = met(scores)
    for key, (op, limit) in TARGETS.items():
        print(f"{key:34} {scores[key]:8.2f}  target {op} {limit}  "
              f"{'met' if ok[key] else 'MISSED'}")
    if args.json:
        args.json.write_text(json.dumps({"scores": scores, "met": ok}, indent=2) + "\n",
                             encoding="utf-8")
    return 0 if all(ok.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
