"""Records → cell values, without openpyxl: what each cell of the workbook will hold."""

from __future__ import annotations

import datetime
import math
from dataclasses import replace

import pytest

from factcheck.records import CLAIM_FIELDS
from factcheck.report.columns import FINDINGS_HEADERS
from factcheck.report.rows import (
    Quote,
    claim_row,
    find_marks,
    finding_row,
    iso_date,
    local_datetime,
    number,
    quote,
    record_value,
    representatives,
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
    row = dict(zip(FINDINGS_HEADERS, finding_row(lone), strict=True))
    assert [row[h] for h in FINDINGS_HEADERS if h.startswith("B ")] == [None] * 9


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
    assert len(finding_row(F_SUM)) == len(FINDINGS_HEADERS)
    assert len(finding_row(F_SUM, extra_headers=("Gebeld met",))) == len(FINDINGS_HEADERS) + 1


def test_the_numbers_of_a_cluster_side_are_those_of_the_statement_furthest_from_a() -> None:
    """A figure said three times, 53, 53 and 52: side B's number is the 52 that disagrees, its
    page and date too; the value as written lists both."""
    c53_again = replace(C53, id="c-antw-53b", page=6)
    cluster = replace(F_TECH, claims=(C53, c53_again, C52), statements=3)
    assert representatives(cluster) == (C53, C52)
    row = dict(zip(FINDINGS_HEADERS, finding_row(cluster), strict=True))
    assert (row["A value"], row["B value"], row["B low"], row["B high"]) == (53, 52, 51.5, 52.5)
    assert row["B page"] == C52.page
    assert row["B as written"] == "53 procent · 52%"
    assert row["A date"] == datetime.date(2017, 7, 18) and row["B date"] is None
    assert row["Analyst verdict"] == "open" and row["suppressed"] is None


def test_arithmetic_parts_have_no_number_of_their_own() -> None:
    row = dict(zip(FINDINGS_HEADERS, finding_row(F_SUM), strict=True))
    assert row["A value"] == 16
    assert (row["B value"], row["B low"], row["B high"]) == (None, None, None)
    assert row["B page"] == 9


@pytest.mark.parametrize(("text", "expected"), [
    ("2017-07-18", datetime.date(2017, 7, 18)), (None, None), ("", None),
    ("juli 2017", "juli 2017"),
])
def test_iso_date(text: str | None, expected: object) -> None:
    assert iso_date(text) == expected


def test_run_date_in_local_time_without_zone() -> None:
    assert local_datetime("2026-11-23T15:40:33+01:00") == datetime.datetime(2026, 11, 23,
                                                                             15, 40, 33)
    assert local_datetime("gisteren") == "gisteren"


def test_unknown_severity_sorts_last_and_unknown_verdict_is_still_counted() -> None:
    odd = replace(F_TECH, id="odd", severity="critical", verdict="onbekend")  # type: ignore[arg-type]
    assert sort_findings([odd, F_TECH])[-1].id == "odd"
    labels = {c.label: c.total for c in counts(CLAIMS, [odd, F_TECH], DOCUMENTS)}
    assert labels["findings: onbekend"] == 1
    assert top_findings([odd, F_TECH]) == [F_TECH]
