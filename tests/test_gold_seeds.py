"""Issue 2's measure: the claims of the two seed documents against the hand-made gold lists.

At least 95% of the statistics must be found exactly (text, value, unit and
qualifier), and none of the listed non-claims (clock times, dates, years,
references, footers, labels, footnote markers, idioms …) may be reported.
"""

from __future__ import annotations

from collections import Counter

import pytest
from spacy.language import Language

from factcheck.extract import extract_claims
from factcheck.ingest import read_document
from factcheck.records import Claim, Document
from factcheck.rules import Rules

from conftest import EXAMPLES
from gold import claims_at, load_claims_gold, load_nonclaims_gold, locate, same

SEEDS = ("techniekpact-debat_2018-06-27.txt", "kamervragen-vakkrachten_2017-07-18.txt")


@pytest.fixture(scope="module")
def seeds(rules: Rules, nlp: Language) -> dict[str, tuple[Document, list[Claim]]]:
    out = {}
    for name in SEEDS:
        document = read_document(EXAMPLES / name, rules)
        out[name] = (document, extract_claims(document, nlp))
    return out


def test_gold_quotes_are_all_located(seeds: dict[str, tuple[Document, list[Claim]]]) -> None:
    for row in load_claims_gold():
        assert locate(row.quote, seeds[row.doc][0].text, row.text), row.quote


def test_at_least_95_percent_of_statistics_found_exactly(
        seeds: dict[str, tuple[Document, list[Claim]]]) -> None:
    rows = [r for r in load_claims_gold() if r.kind == "statistic"]
    missed = []
    for row in rows:
        document, claims = seeds[row.doc]
        span = locate(row.quote, document.text, row.text)
        assert span is not None
        if not any(same(c, row) for c in claims_at(claims, span)):
            missed.append(f"{row.text} ({row.unit}, {row.qualifier}) in «{row.quote}»")
    recall = 1 - len(missed) / len(rows)
    assert recall >= 0.95, f"recall {recall:.3f}; missed:\n" + "\n".join(missed)


def test_no_nonclaim_is_reported(seeds: dict[str, tuple[Document, list[Claim]]]) -> None:
    false = []
    for row in load_nonclaims_gold():
        document, claims = seeds[row["doc"]]
        span = locate(row["quote"], document.text, row["text"])
        if span is None:
            continue  # page furniture removed on reading: nothing left to claim
        false += [f"{row['kind']}: {c.text!r} in «{row['quote']}»" for c in claims_at(claims, span)]
    assert false == []


def test_every_claim_found_is_in_the_gold_list(
        seeds: dict[str, tuple[Document, list[Claim]]]) -> None:
    """Precision: every claim reported is a quantity the gold list has (statistic or minor)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for row in load_claims_gold():
        span = locate(row.quote, seeds[row.doc][0].text, row.text)
        assert span is not None
        spans.setdefault(row.doc, []).append(span)
    extra = [f"{c.text!r} in «{c.sentence[:80]}»" for name, (_, claims) in seeds.items()
             for c in claims if not any(c.start < e and s < c.end for s, e in spans[name])]
    assert extra == []


def test_claim_ids_are_stable_and_unique(seeds: dict[str, tuple[Document, list[Claim]]],
                                         rules: Rules, nlp: Language) -> None:
    for name, (_, claims) in seeds.items():
        again = extract_claims(read_document(EXAMPLES / name, rules), nlp)
        assert [c.id for c in again] == [c.id for c in claims]
        assert not [i for i, n in Counter(c.id for c in claims).items() if n > 1]


def test_speakers_are_attributed_in_the_debate(
        seeds: dict[str, tuple[Document, list[Claim]]]) -> None:
    _, claims = seeds["techniekpact-debat_2018-06-27.txt"]
    veldman = next(c for c in claims if c.text == "59.900")
    assert (veldman.speaker, veldman.party) == ("Veldman", "VVD")
    assert "hbo-geschoolde jongeren is 59.900 groter" in veldman.sentence


def test_sentences_are_repaired(seeds: dict[str, tuple[Document, list[Claim]]]) -> None:
    for _, claims in seeds.values():
        for claim in claims:
            assert "\n" not in claim.sentence and "  " not in claim.sentence
            assert claim.text.split()[-1].rstrip("%") in claim.sentence
