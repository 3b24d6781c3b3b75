"""One interval per figure: ends open or closed as the words say, the same for compare and
arithmetic."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from spacy.language import Language

from factcheck.arithmetic import check_arithmetic
from factcheck.cache import decode_claim
from factcheck.extract import extract_claims
from factcheck.interval import Interval
from factcheck.pipeline import check, read_and_extract
from factcheck.records import Claim, Document
from factcheck.report.jsonout import claim_dict
from factcheck.rules import Rules
from factcheck.settings import Settings

SERIAL = Settings(jobs=1, cache=False)


def _findings(tmp_path: Path, rules: Rules, nlp: Language, first: str,
              second: str) -> list[tuple[set[str], str]]:
    paths = []
    for name, text in (("brief.txt", first), ("debat.txt", second)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    batch = read_and_extract(paths, rules, nlp, SERIAL, progress=False)
    return [({c.text for c in f.claims}, f.verdict) for f in check(batch, rules)
            if f.kind != "arithmetic"]


@pytest.mark.parametrize(("first", "second", "verdicts"), [
    # the case: both allow exactly 12.000
    ("maximaal 12.000", "minstens 12.000", ["consistent"]),
    # "minder dan" leaves 12.000 out: they share no value, so never consistent (two bounds
    # that do not meet are not paired at all)
    ("minder dan 12.000", "minstens 12.000", []),
])
def test_bounds_said_in_words_meet_as_the_words_say(tmp_path: Path, rules: Rules, nlp: Language,
                                                    first: str, second: str,
                                                    verdicts: list[str]) -> None:
    found = _findings(tmp_path, rules, nlp,
                      f"Volgend jaar gaat het om {first} leerplaatsen in de techniek.",
                      f"Volgend jaar gaat het om {second} leerplaatsen in de techniek.")
    assert found == [({first, second}, verdict) for verdict in verdicts]


@pytest.mark.parametrize(("a", "b", "meet"), [
    (Interval(1, 2), Interval(2, 3), True),  # a shared closed end
    (Interval(1, 2, high_closed=False), Interval(2, 3), False),
    (Interval(1, 2), Interval(2, 3, low_closed=False), False),
    (Interval.rounded(51.5, 52.5), Interval.rounded(52.5, 53.5), False),  # "52%", "53%"
    (Interval.stated(None, 5, "at_most"), Interval.stated(5, None, "at_least"), True),
    (Interval.stated(None, 5, "less_than"), Interval.stated(5, None, "at_least"), False),
    (Interval(1, 3, False, False), Interval(2, 2), True),  # a point inside
    (Interval(1, 2), Interval(2.5, 3), False),
])
def test_intervals_meet_when_they_share_a_value(a: Interval, b: Interval, meet: bool) -> None:
    assert a.overlaps(b) is meet and b.overlaps(a) is meet


def test_an_unbounded_side_is_infinite_and_open_and_written_as_none() -> None:
    at_least = Interval.stated(600.0, None, "more_than")
    assert (at_least.low, at_least.high) == (600.0, math.inf)
    assert not at_least.low_closed and not at_least.high_closed
    assert at_least.bounds() == (600.0, None)
    assert Interval.stated(None, 5.0, "at_most").bounds() == (None, 5.0)


@pytest.mark.parametrize(("result", "expected"), [
    # an end of a sum belongs to it when both ends it comes from do
    (Interval(1, 2) + Interval(3, 4, False, True), Interval(4, 6, False, True)),
    (Interval(1, 2) - Interval(3, 4, False, True), Interval(-3, -1, True, False)),
    # a closed zero times anything is zero, whatever the other end
    (Interval(0, 2) * Interval(3, 4, False, False), Interval(0, 8, True, False)),
    (Interval(1, 2, False, True).divided_by(Interval(4, 8)), Interval(0.125, 0.5, False, True)),
    (Interval(-3, 2, False, True).absolute(), Interval(0, 3, True, False)),
    (Interval(-2, 3, True, False).absolute(), Interval(0, 3, True, False)),
    (Interval(-3, -1, False, True).absolute(), Interval(1, 3, True, False)),
    (Interval(2, 3, False, False).scaled(-1), Interval(-3, -2, False, False)),
])
def test_arithmetic_carries_the_ends(result: Interval | None, expected: Interval) -> None:
    assert result == expected


def test_the_claim_holds_the_interval_and_the_outputs_write_its_bounds(
        rules: Rules, nlp: Language, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Er komen maximaal 12.000 leerplaatsen bij.",
                                    encoding="utf-8")
    batch = read_and_extract([str(tmp_path / "a.txt")], rules, nlp, SERIAL, progress=False)
    (claim,) = batch.claims
    assert claim.interval == Interval(-math.inf, 12_000.0, False, True)
    data = claim_dict(claim)
    assert (data["low"], data["high"], data["qualifier"]) == (None, 12_000.0, "at_most")
    assert "interval" not in data


def test_the_cache_keeps_the_ends(rules: Rules, nlp: Language, tmp_path: Path) -> None:
    import json
    from dataclasses import asdict

    (tmp_path / "a.txt").write_text("Er komen meer dan 12.000 leerplaatsen bij.",
                                    encoding="utf-8")
    batch = read_and_extract([str(tmp_path / "a.txt")], rules, nlp, SERIAL, progress=False)
    (claim,) = batch.claims
    stored: Claim = decode_claim(json.loads(json.dumps(asdict(claim))))  # as the cache does
    assert stored == claim and stored.interval.high == math.inf


@pytest.mark.parametrize(("passage", "verdict"), [
    # 300 of 800 is 37,5%: "38%" allows (37,5; 38,5), whose open end the recomputation
    # reaches exactly. It misses by nothing: the writer rounded the half up.
    ("Er werden 300 van de 800 aanvragen afgewezen, ofwel 38%.", "consistent"),
    ("Er werden 300 van de 800 aanvragen afgewezen, ofwel 37%.", "consistent"),  # half down
    ("Er werden 300 van de 800 aanvragen afgewezen, ofwel 39%.", "inconsistent"),
])
def test_arithmetic_on_the_edge_of_a_rounded_figure_is_consistent(
        passage: str, verdict: str, rules: Rules, nlp: Language) -> None:
    document = Document(doc="t.txt", path="t.txt", format="txt", text=passage, sha256="0" * 64)
    (finding,) = check_arithmetic(document, extract_claims(document, nlp), rules)
    assert finding.verdict == verdict
