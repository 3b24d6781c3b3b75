"""How a pair is decided: structure, evidence points, scale, verdicts, and one finding per
figure. Table-driven over small hand-made claims, so that each rule is pinned by a test."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.basis import one_sided, stated_period
from factcheck.compare import judge, severity_of, verdict_of
from factcheck.interval import Interval, overlap
from factcheck.link import (
    Features,
    Likeness,
    Link,
    in_scale,
    informative,
    linked,
    structure_match,
    tiny,
)
from factcheck.publications import copies_of
from factcheck.records import Claim, Document
from factcheck.rules import Rules, load_rules


def claim(id: str, value: float, text: str, *, unit: str = "count", doc: str = "a.txt",
          sentence: str | None = None, low: float | None = 0.0, high: float | None = 0.0,
          **fields: object) -> Claim:
    half = 0.5
    qualifier = str(fields.pop("qualifier", "exact"))
    return Claim(id=id, doc=doc, page=None, start=0, end=len(text), text=text, value=value,
                 unit=unit, qualifier=qualifier,  # type: ignore[arg-type]
                 interval=Interval.stated(value - half if low == 0.0 else low,
                                          value + half if high == 0.0 else high, qualifier),
                 sentence=sentence or f"Het is {text}.", speaker=None, **fields)  # type: ignore[arg-type]


def feats(what: str = "", names: str = "", of: str = "", kinds: str = "") -> Features:
    def s(text: str) -> frozenset[str]:
        return frozenset(text.split())
    return Features("", frozenset(), frozenset(), 0.0, None, 0, 10, False,
                    s(what), s(kinds or what), s(names), s(of))


@pytest.mark.parametrize(("a", "b", "match"), [
    (feats(what="project"), feats(what="project"), "same"),
    (feats(names="tekort"), feats(what="tekort"), "same"),  # a name meets a count
    (feats(of="afgestudeerde"), feats(of="afgestudeerde"), "same"),
    (feats(what="asielplek", kinds="plek"), feats(what="plek"), "kind"),
    (feats(what="huurwoning", kinds="woning"), feats(what="koopwoning", kinds="woning"),
     "different"),  # siblings are not the same thing
    (feats(of="huurwoning"), feats(of="koopwoning"), "different"),
    (feats(names="investering"), feats(names="inzet"), "none"),  # a name is never against
    (feats(what="project"), feats(), "none"),
])
def test_structure_match(a: Features, b: Features, match: str) -> None:
    assert structure_match(a, b) == match
    assert structure_match(b, a) == match


def like(match: str = "none", *, agree: bool = True, informative: bool = True,
         equal: bool = False, tiny: bool = False, concepts: tuple[str, ...] = (),
         population: bool = False, words: float = 0.0, shared: int = 0,
         score: float = 0.0, qualified: bool = False) -> Likeness:
    return Likeness(score, match, agree, informative, equal, tiny, concepts, population,
                    words, shared, 1, 20, qualified)


@pytest.mark.parametrize(("case", "expected"), [
    # the same specific figure and the same thing counted: a repeat ("2.900 woningen" twice)
    (like("same", equal=True), True),
    # the same figure alone is no evidence ("400 miljoen" in three unrelated debates)
    (like("none", equal=True, score=0.5), False),
    # the same figure and words that agree ("675 miljoen euro … naar Vestia")
    (like("none", equal=True, words=0.3), True),
    # a small figure twice says nothing ("8%" and "8%"): structure and words are needed
    (like("same", equal=True, informative=False), False),
    (like("same", equal=True, informative=False, words=0.3), True),
    # a count below ten needs a point more ("twee moties" and "twee moties")
    (like("same", informative=False, tiny=True, words=0.3), False),
    (like("same", informative=False, tiny=True, words=0.3, population=True), True),
    # structure that says different things never links, whatever else
    (like("different", equal=True, words=0.9, shared=5, concepts=("tekort",),
          population=True), False),
    # figures that disagree need the structure, and the evidence besides it
    (like("same", agree=False, concepts=("technisch-opgeleid", "technisch-werk")), True),
    (like("same", agree=False, concepts=("banen",), words=0.3), False),
    (like("none", agree=False, concepts=("tekort",), population=True, score=0.7), False),
    # … unless one of them is qualified: a near-miss, never a discrepancy
    (like("none", agree=False, concepts=("tekort",), population=True, score=0.7,
          qualified=True), True),
])
def test_linked(rules: Rules, case: Likeness, expected: bool) -> None:
    concepts = {c.name: c for c in rules.measures.concepts}
    assert linked(case, rules.linking, concepts) is expected


def test_scale(rules: Rules) -> None:
    linking = rules.linking
    assert in_scale(claim("a", 40_000, "40.000"), claim("b", 60_000, "60.000"), linking)
    assert not in_scale(claim("a", 27_000, "27.000"), claim("b", 60_000, "60.000"), linking)
    assert in_scale(claim("a", 52, "52%", unit="percent"),
                    claim("b", 67, "67%", unit="percent"), linking)
    assert not in_scale(claim("a", 3.3, "3,3%", unit="percent"),
                        claim("b", 88, "88%", unit="percent"), linking)
    assert not in_scale(claim("a", -5, "-5"), claim("b", 5, "5"), linking)


def test_small_and_tiny_figures(rules: Rules) -> None:
    linking = rules.linking
    assert not informative(claim("a", 8, "8%", unit="percent"), linking)
    assert informative(claim("a", 8.5, "8,5%", unit="percent"), linking)
    assert informative(claim("a", 675e6, "675 miljoen euro", unit="EUR"), linking)
    assert not informative(claim("a", 34, "34"), linking)
    assert informative(claim("a", 2900, "2.900"), linking)
    assert tiny(claim("a", 2, "twee"), linking)
    assert not tiny(claim("a", 12, "12"), linking)


@pytest.mark.parametrize(("a", "b", "verdict"), [
    (claim("a", 53, "53 procent", unit="percent"), claim("b", 52, "52%", unit="percent"),
     "discrepancy"),
    (claim("a", 59_900, "59.900", low=59_850, high=59_950),
     claim("b", 60_000, "bijna 60.000", low=57_000, high=60_000), "consistent"),
    # both name a period, and they differ
    (claim("a", 90, "90%", unit="percent", period="2000"),
     claim("b", 90, "90%", unit="percent", period="2018"), "different-period"),
    # both say what they are counted per, and it differs
    (claim("a", 350e6, "350 miljoen pond", unit="GBP", per="week"),
     claim("b", 350e6, "350 miljoen pond", unit="GBP", per="maand"), "different-basis"),
    # both name a group, and it differs
    (claim("a", 30, "30%", unit="percent", population="mbo"),
     claim("b", 30, "30%", unit="percent", population="hbo"), "different-population"),
    # named on one side only: agreeing figures are a repeat …
    (claim("a", 100e6, "100 miljoen", unit="EUR", per="jaar"),
     claim("b", 100e6, "100 miljoen", unit="EUR"), "consistent"),
    # … disagreeing ones a near-miss, never a discrepancy
    (claim("a", 20_000, "20.000", per="jaar"), claim("b", 18_300, "18.300"),
     "different-basis"),
    (claim("a", 27_000, "27.000"), claim("b", 30_000, "30.000", period="2030",
                                         doc_date="2019-05-01"), "different-period"),
    (claim("a", 67, "67%", unit="percent", population="mbo"),
     claim("b", 53, "53%", unit="percent"), "different-population"),
    (claim("a", 67, "67%", unit="percent", of="de mbo'ers"),
     claim("b", 53, "53%", unit="percent"), "different-population"),
    # a period that is the document's own year is the present tense: no period at all
    (claim("a", 53, "53 procent", unit="percent", doc_date="2017-07-18"),
     claim("b", 52, "52%", unit="percent", period="2018", doc_date="2018-06-27"),
     "discrepancy"),
])
def test_verdict_of(a: Claim, b: Claim, verdict: str) -> None:
    assert verdict_of(a, b) == verdict
    assert verdict_of(b, a) == verdict  # symmetric


def test_stated_period_and_one_sided() -> None:
    now = claim("a", 1, "1", period="2018", doc_date="2018-06-27")
    assert stated_period(now) is None
    assert stated_period(replace(now, period="2000")) == "2000"
    assert stated_period(replace(now, period="op dit moment", doc_date=None)) is None
    assert one_sided(now, claim("b", 2, "2")) is None
    assert one_sided(claim("a", 1, "1", per="week"), claim("b", 2, "2")) == "different-basis"


def _link(a: Claim, b: Claim, score: float = 0.5) -> Link:
    return Link(a, b, score, ())


def test_one_finding_per_figure_names_who_disagrees(rules: Rules) -> None:
    """Three say 53%, one says 52%: one finding, the 52% named as the one that disagrees."""
    said = [claim(f"c{i}", 53, "53%", unit="percent", doc=f"d{i}.txt",
                  sentence=f"Zin {i}: 53% werkt in de techniek.") for i in range(3)]
    odd = claim("odd", 52, "52%", unit="percent", doc="e.txt",
                sentence="Nu doet 52% van de afgestudeerden dat.")
    links = [_link(said[0], said[1]), _link(said[1], said[2]), _link(said[2], odd, 0.6)]
    (finding,) = judge(links, rules)
    assert finding.verdict == "discrepancy"
    assert finding.statements == 4 and finding.documents == 4
    assert finding.disagree == ("odd",)
    assert [c.id for c in finding.claims][-1] == "odd"  # the one that disagrees comes last
    assert finding.spread == "52% – 53%"
    assert "Wijkt af: 52%" in finding.explanation
    pair_ids = {f.id for lk in links for f in judge([lk], rules)}
    assert set(finding.aliases) == pair_ids - {finding.id}  # each pair's verdict carries over


def test_statements_linked_only_through_others_are_not_set_against_each_other(
        rules: Rules) -> None:
    """A ~ B and B ~ C agree pairwise; A and C were never compared: no discrepancy."""
    a = claim("a", 100, "100", low=95, high=105, sentence="A zegt 100.")
    b = claim("b", 104, "ongeveer 104", low=99, high=109, sentence="B zegt 104.")
    c = claim("c", 108, "108", low=103, high=113, sentence="C zegt 108.")
    (finding,) = judge([_link(a, b), _link(b, c)], rules)
    assert finding.verdict == "consistent" and finding.statements == 3


def test_a_near_miss_between_two_figures_is_one_finding(rules: Rules) -> None:
    week = [claim(f"w{i}", 350e6, "350 miljoen pond", unit="GBP", per="week", doc=f"w{i}",
                  sentence=f"W{i} zegt 350 miljoen pond per week.") for i in range(2)]
    month = claim("m", 350e6, "350 miljoen pond", unit="GBP", per="maand", doc="m",
                  sentence="M zegt 350 miljoen pond per maand.")
    findings = judge([_link(week[0], week[1]), _link(week[0], month), _link(week[1], month)],
                     rules)
    assert sorted(f.verdict for f in findings) == ["consistent", "different-basis"]
    (near,) = [f for f in findings if f.verdict == "different-basis"]
    assert len(near.aliases) == 1  # the other pair it stands for


def _doc(name: str, fmt: str) -> Document:
    return Document(doc=name, path=name, format=fmt, text="", sha256=name)


def test_copies_of_one_publication(rules: Rules) -> None:
    """The same Kamerstuk as PDF and XML, and a press conference saved twice: kept once, in
    the best format; an unrelated document that shares one sentence is no copy."""
    s = [claim(f"s{i}", i + 10, str(i + 10), sentence=f"Zin {i} zegt {i + 10}.")
         for i in range(4)]
    def at(doc: str, claims: list[Claim]) -> list[Claim]:
        return [replace(c, doc=doc, id=f"{doc}-{c.id}") for c in claims]
    extracted = [
        (_doc("kst-32545-143.pdf", "pdf"), []),
        (_doc("kst-32545-143.xml", "xml"), []),
        (_doc("persconferentie.txt", "txt"), at("persconferentie.txt", s)),
        (_doc("persconferentie_02dbce21.xml", "xml"), at("persconferentie_02dbce21.xml", s)),
        (_doc("brief.txt", "txt"), at("brief.txt", [*s[:1], claim("x", 99, "99")])),
    ]
    assert copies_of(extracted, rules.publications) == {
        "kst-32545-143.pdf": "kst-32545-143.xml",
        "persconferentie.txt": "persconferentie_02dbce21.xml",
    }


def test_readme_and_manifest_are_no_documents(rules: Rules, tmp_path: Path) -> None:
    from factcheck.ingest import discover, set_aside
    (tmp_path / "MANIFEST.md").write_text("63 files", encoding="utf-8")
    (tmp_path / "motie.txt").write_text("Er zijn 40.000 plekken.", encoding="utf-8")
    (tmp_path / "concept_motie.txt").write_text("Er zijn 40.000 plekken.", encoding="utf-8")

    def skip(name: str) -> str | None:
        return rules.publications.skipped(name, ("concept_*",))

    files, errors = discover([str(tmp_path)], skip)
    assert [f.name for f in files] == ["motie.txt"] and not errors
    aside = {a.path.name: a.reason for a in set_aside([str(tmp_path)], skip)}
    assert set(aside) == {"MANIFEST.md", "concept_motie.txt"}
    assert "manifest*" in aside["MANIFEST.md"]
    # named on its own, a MANIFEST is read all the same
    assert discover([str(tmp_path / "MANIFEST.md")], skip)[0] == [tmp_path / "MANIFEST.md"]


def _said(id: str, text: str, value: float, sentence: str, what: str, doc: str) -> Claim:
    return claim(id, value, text, unit="EUR", doc=doc, sentence=sentence, low=value * 0.99,
                 high=value * 1.01, measure_keys=(f"what:{what}",), counted=what)


def test_a_total_against_its_parts_said_elsewhere(rules: Rules) -> None:
    """40 miljard aan export against 39 miljard aan goederen and 22 miljard aan diensten."""
    from factcheck.totals import check_totals
    parts = ("Het VK is het derde exportland, met zo'n 39 miljard aan goederen en nog eens "
             "zo'n 22 miljard aan diensten.")
    goods = _said("g", "zo'n 39 miljard", 39e9, parts, "goed", "b.txt")
    services = _said("s", "zo'n 22 miljard", 22e9, parts, "dienst", "b.txt")
    total = _said("t", "40 miljard", 40e9, "Voor Nederland gaat het om 40 miljard aan export.",
                  "export", "a.txt")
    (finding,) = check_totals([total, goods, services], rules)
    assert finding.verdict == "inconsistent" and finding.kind == "arithmetic"
    assert [c.id for c in finding.claims] == ["t", "g", "s"]
    assert "zo'n 39 miljard + zo'n 22 miljard" in finding.explanation
    # the right total is consistent; a total of something the sentence does not name is none
    right = replace(total, id="r", value=61e9, interval=Interval.stated(60e9, 62e9, "exact"),
                    text="61 miljard")
    assert [f.verdict for f in check_totals([right, goods, services], rules)] == ["consistent"]
    other = replace(total, measure_keys=("what:landbouw",), counted="landbouw")
    assert check_totals([other, goods, services], rules) == []
    # parts not joined by "en", or counting the same thing, are no whole in parts
    listed = replace(services, sentence=parts.replace(" en nog eens", ", verder"))
    assert check_totals([total, replace(goods, sentence=listed.sentence), listed], rules) == []


def test_amounts_of_different_sizes_are_no_whole_in_parts(rules: Rules) -> None:
    from factcheck.totals import check_totals
    sentence = "Nederland telt 17 miljoen inwoners en 150 Kamerleden."
    people = _said("p", "17 miljoen", 17e6, sentence, "inwoner", "b.txt")
    members = _said("m", "150", 150, sentence, "kamerlid", "b.txt")
    total = _said("t", "17 miljoen", 17e6, "Nederland heeft 17 miljoen Nederlanders.",
                  "nederland", "a.txt")
    assert check_totals([total, people, members], rules) == []


@pytest.mark.parametrize(("a", "b", "meet"), [
    # rounding ends are shared by two numbers and belong to neither
    (claim("a", 52, "52%", unit="percent"), claim("b", 53, "53%", unit="percent"), False),
    # ends said in words belong as the words say
    (claim("a", 12_000, "maximaal 12.000", qualifier="at_most", low=None, high=12_000),
     claim("b", 12_000, "minstens 12.000", qualifier="at_least", low=12_000, high=None), True),
    (claim("a", 12_000, "minder dan 12.000", qualifier="less_than", low=None, high=12_000),
     claim("b", 12_000, "minstens 12.000", qualifier="at_least", low=12_000, high=None), False),
    (claim("a", 12_000, "maximaal 12.000", qualifier="at_most", low=None, high=12_000),
     claim("b", 12_000, "meer dan 12.000", qualifier="more_than", low=12_000, high=None), False),
    (claim("a", 30, "tussen 20 en 30", qualifier="range", low=20, high=30),
     claim("b", 40, "30 tot 40", qualifier="range", low=30, high=40), True),
    (claim("a", 59_900, "59.900", low=59_850, high=59_950),
     claim("b", 60_000, "bijna 60.000", qualifier="approx", low=57_000, high=60_000), True),
])
def test_intervals_meet(a: Claim, b: Claim, meet: bool) -> None:
    assert overlap(a, b) is meet and overlap(b, a) is meet
    assert verdict_of(a, b) == ("consistent" if meet else "discrepancy")


# --- properties ------------------------------------------------------------------------------

_values = st.floats(min_value=0.5, max_value=1e9, allow_nan=False, allow_infinity=False)
_qualifiers = st.sampled_from(["exact", "approx", "at_most", "less_than", "at_least",
                               "more_than", "range"])
_periods = st.sampled_from([None, "2017", "2018", "t/m 2022"])
_pers = st.sampled_from([None, "week", "maand", "jaar"])
_populations = st.sampled_from([None, "mbo", "hbo"])


@st.composite
def claims(draw: st.DrawFn, id: str) -> Claim:
    value = draw(_values)
    qualifier = draw(_qualifiers)
    width = draw(st.floats(min_value=0, max_value=0.2)) * value
    low: float | None = value - width
    high: float | None = value + width
    if qualifier in ("at_most", "less_than"):
        low, high = None, value
    if qualifier in ("at_least", "more_than"):
        low, high = value, None
    return claim(id, value, "x", low=low, high=high, qualifier=qualifier,
                 period=draw(_periods), per=draw(_pers), population=draw(_populations),
                 doc_date=draw(st.sampled_from([None, "2018-06-27"])))


@settings(max_examples=300, deadline=None)
@given(claims("a"), claims("b"))
def test_verdicts_are_symmetric_and_overlap_is_never_a_discrepancy(a: Claim, b: Claim) -> None:
    verdict = verdict_of(a, b)
    assert verdict == verdict_of(b, a)
    assert overlap(a, b) == overlap(b, a)
    if overlap(a, b):
        assert verdict != "discrepancy"
    if verdict == "discrepancy":  # only between figures qualified alike
        assert (a.per, a.population) == (b.per, b.population)
        assert bool(stated_period(a)) == bool(stated_period(b))


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=0.0, max_value=50.0), st.floats(min_value=0.0, max_value=50.0),
       st.sampled_from(["percent", "count", "EUR"]))
def test_severity_grows_with_the_gap(small: float, extra: float, unit: str) -> None:
    rules = load_rules()
    order = {"low": 0, "medium": 1, "high": 2}
    base = claim("a", 100.0, "100", unit=unit)
    near = severity_of("discrepancy", base, small, small / 100, rules)
    far = severity_of("discrepancy", base, small + extra, (small + extra) / 100, rules)
    assert order[far] >= order[near]
    assert severity_of("consistent", base, small, small / 100, rules) == "info"
    assert severity_of("different-basis", base, small, small / 100, rules) == "low"
