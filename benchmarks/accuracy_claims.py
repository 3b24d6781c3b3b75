"""The claim section of ``python -m benchmarks.accuracy``: extraction against the hand-made gold.

The gold lives in ``tests/data/gold/``: ``seed_claims.csv`` and
``seed_nonclaims.csv`` for the two bundled examples (techniek; its rows of
kind ``minor`` — rhetorical "één", "een paar", spoken enumerations — may be
reported or not, so only its statistics count here), and
``corpus_claims.csv`` and ``corpus_nonclaims.csv`` for real documents from
other policy domains, copied (or excerpted) into ``tests/data/gold/docs/``.
Every row names its document and a quote around the number; the quote is
found in the document's normalized text with spaces and hyphens ignored, and
the claims there are compared with the row.

Measured, overall and per domain and per format:

- **value+unit recall**: the share of gold claims for which a claim with the
  gold value (within 0,1%) and unit was found at the quote;
- **hedge direction**: of those found, the share whose qualifier points the
  same way as the gold's (below: ``less_than``/``at_most``; above:
  ``more_than``/``at_least``; around: ``approx``; ``exact``; ``range``),
  over all found claims and over the hedged ones alone;
- **non-claims taken as claims**: gold non-claims (dates, references, phone
  numbers, addresses, case numbers, list enumerators …) that a claim overlaps.
"""

from __future__ import annotations

import csv
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language

from factcheck.extract import extract_claims
from factcheck.ingest import read_document
from factcheck.records import Claim, Document
from factcheck.rules import Rules

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "gold"
DOCS = GOLD / "docs"
EXAMPLES = ROOT / "examples"
SEED_DOMAIN = "techniek"

_DROP = set(" \t\r\n\u00a0-\u00ad\ufffe\u2010\u2011")
DIRECTIONS = {"exact": "exact", "approx": "around", "less_than": "below", "at_most": "below",
              "more_than": "above", "at_least": "above", "range": "range"}


def fold(text: str) -> tuple[str, list[int]]:
    """Text without spaces and hyphens, lowercased, and where each kept character came from."""
    chars, where = [], []
    for i, ch in enumerate(text):
        if ch in _DROP:
            continue
        chars.append("'" if ch in "’‘`" else ch.lower())
        where.append(i)
    return "".join(chars), where


def locate(quote: str, text: str, target: str) -> tuple[int, int] | None:
    """The span of ``target`` inside the first occurrence of ``quote`` in ``text``."""
    folded, where = fold(text)
    fq, ft = fold(quote)[0], fold(target)[0]
    at = folded.find(fq)
    inner = fq.find(ft)
    if at < 0 or inner < 0 or not ft:
        return None
    first = at + inner
    return where[first], where[first + len(ft) - 1] + 1


@dataclass(frozen=True)
class GoldClaim:
    doc: str
    domain: str
    quote: str
    text: str
    value: float
    unit: str
    qualifier: str
    per: str
    kind: str


@dataclass(frozen=True)
class GoldNonClaim:
    doc: str
    domain: str
    quote: str
    text: str
    kind: str


def _path(doc: str) -> Path:
    return EXAMPLES / doc if (EXAMPLES / doc).exists() else DOCS / doc


def load_gold() -> tuple[list[GoldClaim], list[GoldNonClaim]]:
    """Every gold claim and non-claim, seeds first."""
    claims: list[GoldClaim] = []
    nonclaims: list[GoldNonClaim] = []
    for name, domain in (("seed", SEED_DOMAIN), ("corpus", None)):
        with (GOLD / f"{name}_claims.csv").open(encoding="utf-8") as f:
            claims += [GoldClaim(r["doc"], r.get("domain") or domain or "", r["quote"], r["text"],
                                 float(r["value"]), r["unit"], r["qualifier"], r.get("per") or "",
                                 r["kind"]) for r in csv.DictReader(f)
                       if domain is None or r["kind"] == "statistic"]
        with (GOLD / f"{name}_nonclaims.csv").open(encoding="utf-8") as f:
            nonclaims += [GoldNonClaim(r["doc"], r.get("domain") or domain or "", r["quote"],
                                       r["text"], r["kind"]) for r in csv.DictReader(f)]
    return claims, nonclaims


def doc_format(doc: str) -> str:
    return Path(doc).suffix.lstrip(".").lower() or "txt"


def read_all(docs: Iterable[str], rules: Rules,
             nlp: Language) -> dict[str, tuple[Document, list[Claim]]]:
    out = {}
    for doc in sorted(set(docs)):
        document = read_document(_path(doc), rules)
        out[doc] = (document, extract_claims(document, nlp))
    return out


def _overlapping(claims: list[Claim], span: tuple[int, int]) -> list[Claim]:
    return [c for c in claims if c.start < span[1] and span[0] < c.end]


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    direction_right: int = 0
    hedged: int = 0
    hedged_right: int = 0
    traps: int = 0
    traps_taken: int = 0
    missed: list[str] = field(default_factory=list)
    wrong_direction: list[str] = field(default_factory=list)
    taken: list[str] = field(default_factory=list)

    def row(self) -> dict[str, Any]:
        return {"gold_claims": self.gold,
                "value_unit_recall": _ratio(self.found, self.gold),
                "hedge_direction": _ratio(self.direction_right, self.found),
                "hedged_claims": self.hedged,
                "hedged_direction": _ratio(self.hedged_right, self.hedged),
                "traps": self.traps, "nonclaims_taken": self.traps_taken}


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def score(rules: Rules, nlp: Language) -> dict[str, Any]:
    """The claim gold scored: overall, per domain and per format, with what went wrong."""
    gold, traps = load_gold()
    read = read_all([g.doc for g in gold] + [t.doc for t in traps], rules, nlp)
    tallies: dict[str, Tally] = defaultdict(Tally)
    unlocated: list[str] = []
    for g in gold:
        document, claims = read[g.doc]
        span = locate(g.quote, document.text, g.text)
        keys = ("overall", f"domain:{g.domain}", f"format:{doc_format(g.doc)}")
        if span is None:
            unlocated.append(f"{g.doc}: «{g.quote}»")
        hits = [c for c in (_overlapping(claims, span) if span else [])
                if c.unit == g.unit and math.isclose(c.value, g.value, rel_tol=1e-3, abs_tol=1e-3)]
        right = [c for c in hits if DIRECTIONS[c.qualifier] == DIRECTIONS[g.qualifier]]
        for key in keys:
            t = tallies[key]
            t.gold += 1
            if not hits:
                t.missed.append(f"{g.doc}: {g.text} ({g.value:g} {g.unit}) in «{g.quote}»")
                continue
            t.found += 1
            t.direction_right += bool(right)
            if g.qualifier != "exact":
                t.hedged += 1
                t.hedged_right += bool(right)
            if not right:
                t.wrong_direction.append(f"{g.doc}: {g.text}: {hits[0].qualifier} "
                                         f"(gold {g.qualifier})")
    for trap in traps:
        document, claims = read[trap.doc]
        span = locate(trap.quote, document.text, trap.text)
        taken = _overlapping(claims, span) if span else []
        for key in ("overall", f"domain:{trap.domain}", f"format:{doc_format(trap.doc)}"):
            t = tallies[key]
            t.traps += 1
            if taken:
                t.traps_taken += 1
                t.taken.append(f"{trap.doc}: {trap.kind} {taken[0].text!r} in «{trap.quote}»")
    return {"rows": {k: v.row() for k, v in sorted(tallies.items(), key=_order)},
            "missed": tallies["overall"].missed,
            "wrong_direction": tallies["overall"].wrong_direction,
            "nonclaims_taken": tallies["overall"].taken,
            "unlocated": unlocated}


def _order(item: tuple[str, Tally]) -> tuple[int, str]:
    key = item[0]
    return (0 if key == "overall" else 1 if key.startswith("domain") else 2, key)


def _fmt(x: float | None) -> str:
    return "—" if x is None else f"{x:.3f}".replace(".", ",")


def report(result: dict[str, Any]) -> str:
    """The claim section as text: a table, then what was missed or wrongly taken."""
    lines = ["## Claims (hand-made gold: tests/data/gold)", "",
             f"{'':22} {'claims':>6} {'value+unit':>10} {'direction':>9} "
             f"{'hedged':>6} {'hedged dir.':>11} {'traps':>5} {'taken':>5}"]
    for key, r in result["rows"].items():
        lines.append(f"{key:22} {r['gold_claims']:>6} {_fmt(r['value_unit_recall']):>10} "
                     f"{_fmt(r['hedge_direction']):>9} {r['hedged_claims']:>6} "
                     f"{_fmt(r['hedged_direction']):>11} {r['traps']:>5} "
                     f"{r['nonclaims_taken']:>5}")
    for title, items in (("missed", result["missed"]),
                         ("wrong hedge direction", result["wrong_direction"]),
                         ("non-claims taken as claims", result["nonclaims_taken"]),
                         ("quotes not found in their document", result["unlocated"])):
        if items:
            lines += ["", f"{title}:"] + [f"  {x}" for x in items]
    return "\n".join(lines)
