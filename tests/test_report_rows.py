"""Records → cell values, without openpyxl: what each cell of the workbook will hold."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from factcheck.records import CLAIM_FIELDS
from factcheck.report.rows import (
    Quote,
    claim_row,
    find_marks,
    finding_row,
    number,
    quote,
    record_value,
    sides,
    speaker_label,
)
from factcheck.report.summary import counts, sort_findings, top_findings
from tests.test_report import C16, C52, C53, C2000, C12000, CLAIMS, DOCUMENTS, F_SUM, F_TECH

COMMUNICATIE = C12000.sentence


@pytest.mark.parametrize(("text", "needles", "marked"), [
    ("Nu doet 52% van de afgestudeerden dat.", ["52%"], ["52%"]),
    (COMMUNICATIE, ["2.000"], ["2.000"]),  # not the "2.000" inside "12.000"
    (COMMUNICATIE, ["12.000", "2.000", "16%"], ["12.000", "2.000", "16%"]),
    ("tussen 18.000 en 73.000 vacatures", ["8.000"], ["8.000"]),  # fallback: plain substring
    ("Nu doet 52% van de afgestudeerden dat.", ["53%"], []),
    ("3 en 3 is 6", ["3", "3"], ["3", "3"]),  # the same text twice: two different places
    ("zonder getal", [""], []),
])
def test_find_marks(text: str, needles: list[str], marked: list[str]) -> None:
    spans = find_marks(text, needles)
    assert sorted(text[s:e] for s, e in spans) == sorted(marked)
    assert len({s for s, _ in spans}) == len(spans)


def test_whole_token_match_is_preferred() -> None:
    (start, _end), = find_marks(COMMUNICATIE, ["2.000"])
    assert COMMUNICATIE[start - 1] == " "


def test_quote_joins_distinct_sentences_once() -> None:
    result = quote([C52, C53, C52])
    assert isinstance(result, Quote)
    assert result.text == f"{C52.sentence}\n{C53.sentence}"
    assert [result.text[s:e] for s, e in result.marks] == ["52%", "53 procent"]


def test_sides_of_a_pair_and_of_arithmetic() -> None:
    assert sides(F_TECH) == ([C52], [C53])
    assert sides(F_SUM) == ([C16], [C12000, C2000])
    lone = replace(F_TECH, claims=(C52,))
    assert sides(lone) == ([C52], [])
    assert finding_row(lone)[13:18] == [None] * 5  # side B: value, document, page, speaker, quote


def test_speaker_label() -> None:
    assert speaker_label(C52) == "Amhaouch (CDA)"
    assert speaker_label(C53) == "Van Engelshoven"
    assert speaker_label(replace(C52, speaker=None)) is None


@pytest.mark.parametrize(("value", "expected"), [
    (None, None), ("x", "x"), (3, 3), (2.5, 2.5), (float("nan"), None), (math.inf, None),
    (("a", "b"), "a, b"), ((), None), (True, "True"),
])
def test_record_value(value: object, expected: object) -> None:
    assert record_value(value) == expected


def test_number_keeps_zero() -> None:
    assert number(0.0) == 0.0
    assert number(0) == 0


def test_claim_row_follows_the_record() -> None:
    row = claim_row(C52)
    assert row[0] == C52.id
    assert len(row) == len(CLAIM_FIELDS)
    assert row[CLAIM_FIELDS.index("low"):CLAIM_FIELDS.index("high") + 1] == [51.5, 52.5]
    assert any(isinstance(v, Quote) for v in row)


def test_finding_row_has_every_column() -> None:
    from factcheck.report.columns import FINDINGS_COLUMNS

    assert len(finding_row(F_SUM)) == len(FINDINGS_COLUMNS)


def test_unknown_severity_sorts_last_and_unknown_verdict_is_still_counted() -> None:
    odd = replace(F_TECH, id="odd", severity="critical", verdict="onbekend")  # type: ignore[arg-type]
    assert sort_findings([odd, F_TECH])[-1].id == "odd"
    labels = {c.label: c.total for c in counts(CLAIMS, [odd, F_TECH], DOCUMENTS)}
    assert labels["findings: onbekend"] == 1
    assert top_findings([odd, F_TECH]) == [F_TECH]
