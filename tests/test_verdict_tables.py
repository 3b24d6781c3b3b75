"""The verdict logic pinned by tables: what an analyst reads in a finding (verdict, severity,
difference, explanation) for each kind of pair, how alike two measures are, when claims
link, and the three guards the mutation run showed unguarded (severity, change against
level, one passage). Complements tests/test_link_rules.py; each row is a Dutch statement.

See the README, "How the verdict logic is tested": these tests are the ones mutmut runs.
"""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import pytest
from spacy.language import Language

from factcheck.compare import compare, describe, judge, severity_of
from factcheck.extract.context import read_context
from factcheck.interval import Interval, overlap
from factcheck.link import (
    Features,
    Likeness,
    Link,
    candidate_pairs,
    features,
    likeness,
    link_claims,
    linked,
    one_passage,
    statements,
    word_weights,
)
from factcheck.pipeline import check, read_and_extract
from factcheck.records import Claim, Finding
from factcheck.rules import Rules
from factcheck.settings import Settings


def said(id: str, text: str, value: float, *, unit: str = "count", doc: str = "brief.txt",
         sentence: str | None = None, low: float | None = None, high: float | None = None,
         qualifier: str = "exact", start: int = 0, **fields: object) -> Claim:
    """A claim as extraction gives it: a rounding interval of half the last digit unless
    the wording says otherwise."""
    step = 0.05 if not float(value).is_integer() else 0.5
    return Claim(id=id, doc=doc, page=fields.pop("page", None),  # type: ignore[arg-type]
                 start=start, end=start + len(text), text=text, value=value, unit=unit,
                 qualifier=qualifier,  # type: ignore[arg-type]
                 interval=Interval.stated(
                     value - step if low is None and qualifier == "exact" else low,
                     value + step if high is None and qualifier == "exact" else high,
                     qualifier),
                 sentence=sentence or f"Volgens de brief is het {text}.",
                 speaker=fields.pop("speaker", None), **fields)  # type: ignore[arg-type]


def finding(a: Claim, b: Claim, rules: Rules, score: float = 0.6, copies: int = 0) -> Finding:
    return compare(Link(a, b, score, (), copies), rules)


# --- severity: how much a discrepancy matters -----------------------------------------------

def _pct(id: str, value: float, doc: str) -> Claim:
    text = f"{value:g}%".replace(".", ",")
    return said(id, text, value, unit="percent", doc=doc,
                sentence=f"Van de technisch opgeleiden werkt {text} in de techniek.")


def _count(id: str, value: float, doc: str) -> Claim:
    text = f"{value:,.0f}".replace(",", ".")
    return said(id, text, value, doc=doc,
                sentence=f"Het tekort aan technici in de zorg bedraagt {text}.")


@pytest.mark.parametrize(("a", "b", "severity", "gap"), [
    # percentages by their distance in points: 1 point is medium, 5 or more high
    (_pct("a", 53, "a.txt"), _pct("b", 52, "b.txt"), "medium", "1 procentpunt"),
    (_pct("a", 53, "a.txt"), _pct("b", 61, "b.txt"), "high", "8 procentpunt"),
    (_pct("a", 53, "a.txt"), _pct("b", 58, "b.txt"), "high", "5 procentpunt"),
    # … or by their relative distance, whichever is larger: 0,4 point on 3,1% is 13%
    (_pct("a", 3.1, "a.txt"), _pct("b", 3.5, "b.txt"), "high", "0,4 procentpunt"),
    (_pct("a", 40.1, "a.txt"), _pct("b", 40.6, "b.txt"), "low", "0,5 procentpunt"),
    # changes in points are compared in points too
    (said("a", "2 procentpunt", 2, unit="pp", doc="a.txt"),
     said("b", "3 procentpunt", 3, unit="pp", doc="b.txt"), "high", "1 procentpunt"),
    (said("a", "53 procentpunt", 53, unit="pp", doc="a.txt"),
     said("b", "58 procentpunt", 58, unit="pp", doc="b.txt"), "high", "5 procentpunt"),
    # amounts by their relative distance: 2% is medium, 10% high
    (_count("a", 12_000, "a.txt"), _count("b", 15_000, "b.txt"), "high", "3.000 (25,0%)"),
    (_count("a", 12_000, "a.txt"), _count("b", 12_600, "b.txt"), "medium", "600 (5,0%)"),
    (_count("a", 100_000, "a.txt"), _count("b", 101_000, "b.txt"), "low", "1.000 (1,0%)"),
    (_count("a", 100_000, "a.txt"), _count("b", 110_000, "b.txt"), "high", "10.000 (10,0%)"),
    (_count("a", 100_000, "a.txt"), _count("b", 102_000, "b.txt"), "medium", "2.000 (2,0%)"),
])
def test_a_discrepancy_is_as_severe_as_its_gap(a: Claim, b: Claim, severity: str, gap: str,
                                               rules: Rules) -> None:
    found = finding(a, b, rules)
    assert (found.verdict, found.severity, found.difference) == ("discrepancy", severity, gap)
    assert found.explanation.endswith(f": {gap} verschil.")


def test_a_discrepancy_from_nothing_is_high(rules: Rules) -> None:
    """From 0 the relative gap is unbounded: "0 projecten" against "2.900" is high."""
    zero, some = _count("a", 0, "a.txt"), _count("b", 2_900, "b.txt")
    found = finding(zero, some, rules)
    assert (found.verdict, found.severity) == ("discrepancy", "high")
    assert found.rel_difference is None and found.difference == "2.900"


@pytest.mark.parametrize(("verdict", "severity"), [
    ("consistent", "info"), ("different-period", "low"), ("different-basis", "low"),
    ("different-population", "low"),
])
def test_agreement_is_info_and_a_near_miss_low(verdict: str, severity: str,
                                               rules: Rules) -> None:
    far = _count("b", 15_000, "b.txt")
    assert severity_of(verdict, _count("a", 12_000, "a.txt"), 3_000, 0.25,  # type: ignore[arg-type]
                       rules) == severity
    assert severity_of(verdict, far, -3_000, -0.2, rules) == severity  # type: ignore[arg-type]


@pytest.mark.parametrize(("a", "b", "verdict"), [
    # a rounding end belongs to neither number: "53%" is 52,5 … 53,5 without its ends, so
    # "hooguit 52,5%" and "minstens 53,5%" each miss it
    (said("a", "hooguit 52,5%", 52.5, unit="percent", qualifier="at_most", high=52.5),
     _pct("b", 53, "b.txt"), "discrepancy"),
    (said("a", "minstens 53,5%", 53.5, unit="percent", qualifier="at_least", low=53.5),
     _pct("b", 53, "b.txt"), "discrepancy"),
    (said("a", "hooguit 52,6%", 52.6, unit="percent", qualifier="at_most", high=52.6),
     _pct("b", 53, "b.txt"), "consistent"),
])
def test_a_rounding_end_meets_no_stated_bound(a: Claim, b: Claim, verdict: str,
                                              rules: Rules) -> None:
    assert finding(a, b, rules).verdict == verdict == finding(b, a, rules).verdict


# --- what the finding says ---------------------------------------------------------------

def test_a_pair_finding_reads_as_the_analyst_needs_it(rules: Rules) -> None:
    """Oldest statement first, where each stands, the gap both ways, the copies elsewhere."""
    late = said("late", "15.000", 15_000, doc="debat.txt", doc_date="2019-03-01",
                speaker="Moorlag", party="PvdA", page=4, start=900,
                sentence="Het tekort aan technici in de zorg is 15.000.")
    early = said("early", "12.000", 12_000, doc="zorgbrief.txt", doc_date="2018-06-27",
                 source="UWV", page=2,
                 sentence="Het tekort aan technici in de zorg is 12.000.")
    found = finding(late, early, rules, score=1.4, copies=2)
    assert [c.id for c in found.claims] == ["early", "late"]
    assert found.kind == "cross-document" and found.documents == 2 and found.statements == 2
    assert found.abs_difference == 3_000 and found.rel_difference == pytest.approx(0.25)
    assert found.confidence == 1.0  # a score above 1 is certainty, not more
    assert found.spread == "12.000 – 15.000"
    assert found.explanation == (
        "12.000 (zorgbrief.txt, 2018-06-27, UWV, p. 2) tegenover 15.000 (debat.txt, 2019-03-01, "
        "Moorlag, PvdA, p. 4): 3.000 (25,0%) verschil. "
        "Dezelfde uitspraak staat nog 2 keer elders.")
    # from the two statements (sentence and figure): the same in every run and version,
    # so an analyst's verdict on it is kept
    assert found.id == "f568f61ce10e"


def test_within_one_document_the_earlier_place_comes_first(rules: Rules) -> None:
    first = said("x", "12.000", 12_000, doc="debat.txt", start=100,
                 sentence="Het tekort is 12.000.")
    later = said("y", "15.000", 15_000, doc="debat.txt", start=5_000,
                 sentence="Het tekort is inmiddels 15.000.")
    found = finding(later, first, rules, score=0.456)
    assert [c.id for c in found.claims] == ["x", "y"]
    assert found.kind == "within-document" and found.documents == 1
    assert found.confidence == 0.46
    assert found.difference == "3.000 (25,0%)"
    assert found.measure == ""  # neither names what it measures


def test_agreeing_figures_have_no_difference_to_show(rules: Rules) -> None:
    exact = said("a", "59.900", 59_900, doc="a.txt", sentence="Er zijn 59.900 plekken.")
    nearly = said("b", "bijna 60.000", 60_000, qualifier="approx", low=57_000, high=60_000,
                  doc="b.txt", sentence="Er zijn bijna 60.000 plekken.", measure="plekken")
    found = finding(exact, nearly, rules)
    assert (found.verdict, found.severity, found.difference) == ("consistent", "info", None)
    assert found.measure == "plekken"  # from whichever claim names it
    assert found.explanation.endswith("de cijfers sluiten op elkaar aan.")
    assert found.spread == "59.900 – bijna 60.000"


@pytest.mark.parametrize(("a", "b", "says"), [
    (said("a", "350 miljoen pond", 350e6, unit="GBP", per="week", doc="a.txt"),
     said("b", "1,4 miljard pond", 1.4e9, unit="GBP", per="maand", doc="b.txt"),
     "andere basis (per week tegenover per maand)"),
    (said("a", "20.000", 20_000, per="jaar", doc="a.txt"),
     said("b", "18.300", 18_300, doc="b.txt"),
     "andere basis (per jaar tegenover per niet genoemd)"),
    (said("a", "90%", 90, unit="percent", period="2000", doc="a.txt"),
     said("b", "67%", 67, unit="percent", period="2018", doc="b.txt"),
     "andere periode (2000 tegenover 2018)"),
    (said("a", "67%", 67, unit="percent", population="mbo", doc="a.txt"),
     said("b", "53%", 53, unit="percent", doc="b.txt"),
     "andere groep (mbo tegenover algemeen)"),
    (said("a", "53%", 53, unit="percent", doc="a.txt"),
     said("b", "67%", 67, unit="percent", population="mbo", doc="b.txt"),
     "andere groep (algemeen tegenover mbo)"),
    (said("a", "67%", 67, unit="percent", of="de mbo'ers", doc="a.txt"),
     said("b", "53%", 53, unit="percent", doc="b.txt"),
     "andere groep (de mbo'ers tegenover algemeen)"),
])
def test_a_near_miss_says_what_differs(a: Claim, b: Claim, says: str, rules: Rules) -> None:
    found = finding(a, b, rules)
    assert found.verdict.startswith("different-") and found.severity == "low"
    assert says in found.explanation and "geen tegenspraak" in found.explanation


def test_describe_names_only_what_is_known(rules: Rules) -> None:
    bare = said("a", "52%", 52, unit="percent", doc="debat.txt")
    assert describe(bare, rules) == "52% (debat.txt)"
    full = said("a", "52%", 52, unit="percent", doc="debat.txt", doc_date="2018-06-27",
                speaker="Amhaouch", party="CDA", source="Monitor Techniekpact", page=12)
    assert describe(full, rules) == (
        "52% (debat.txt, 2018-06-27, Amhaouch, CDA, Monitor Techniekpact, p. 12)")


# --- one finding per figure ----------------------------------------------------------------

def _shortage(id: str, value: float, doc: str, sentence: str) -> Claim:
    text = f"{value:,.0f}".replace(",", ".")
    return said(id, text, value, doc=doc, sentence=sentence)


def test_a_cluster_is_led_by_its_worst_disagreement(rules: Rules) -> None:
    """Four documents say 12.000; one says 12.600 (5%), another 15.000 (25%): one finding,
    a high discrepancy led by the 25% gap, both dissenters named, the count right."""
    agree = [_shortage(f"s{i}", 12_000, f"d{i}.txt", f"Zin {i}: het tekort is 12.000.")
             for i in range(4)]
    near = _shortage("near", 12_600, "e.txt", "Het tekort is 12.600.")
    far = _shortage("far", 15_000, "f.txt", "Het tekort is 15.000.")
    near = replace(near, page=3, measure="tekort")
    far = replace(far, measure="tekort")
    links = [Link(agree[0], agree[1], 0.8765, (), 1), Link(agree[1], agree[2], 0.5, ()),
             Link(agree[2], agree[3], 0.5, ()), Link(agree[0], near, 0.8, ()),
             Link(agree[3], far, 0.7, ())]
    (found,) = judge(links, rules)
    assert (found.verdict, found.severity) == ("discrepancy", "high")
    assert found.difference == "3.000 (25,0%)"  # the worst gap, not the best-linked one
    assert found.abs_difference == 3_000 and found.rel_difference == pytest.approx(0.25)
    assert found.measure == "tekort"
    assert set(found.disagree) == {"near", "far"}
    assert [c.id for c in found.claims] == ["s0", "s1", "s2", "s3", "near", "far"]
    assert found.statements == 6 and found.documents == 6
    assert found.confidence == 0.88  # its best link
    assert found.explanation == (
        "12.000 (d3.txt) tegenover 15.000 (f.txt): 3.000 (25,0%) verschil. "
        "Hetzelfde cijfer komt 7 keer voor, in 6 documenten. "
        "Wijkt af: 12.600 (e.txt, p. 3), 15.000 (f.txt).")
    assert found.spread == "12.000 – 15.000"
    # the id comes from its statements, so an analyst's verdict on it survives a re-run
    assert found.id == "fed74d7e1250"
    assert len(found.aliases) == 5 and found.id not in found.aliases


def test_a_cluster_that_agrees_is_one_consistent_finding(rules: Rules) -> None:
    same = [_shortage(f"s{i}", 12_000, "debat.txt", f"Spreker {i}: het tekort is 12.000.")
            for i in range(3)]
    (found,) = judge([Link(same[0], same[1], 0.4, ()), Link(same[1], same[2], 1.3, ())],
                     rules)
    assert found.verdict == "consistent" and found.disagree == ()
    assert found.kind == "within-document"
    assert found.explanation.endswith(
        "de cijfers sluiten op elkaar aan. Hetzelfde cijfer komt 3 keer voor, in 1 document.")
    assert found.confidence == 1.0
    assert found.aliases == (finding(same[1], same[2], rules).id,)  # the other pair


def test_a_consistent_cluster_is_explained_by_its_best_linked_pair(rules: Rules) -> None:
    a = _shortage("a", 12_000, "a.txt", "A: het tekort is 12.000.")
    b = said("b", "ongeveer 12.500", 12_500, qualifier="approx", low=11_250, high=13_750,
             doc="b.txt", sentence="B: het tekort is ongeveer 12.500.")
    c = said("c", "bijna 12.000", 12_000, qualifier="approx", low=11_000, high=12_000,
             doc="c.txt", sentence="C: het tekort is bijna 12.000.")
    (found,) = judge([Link(a, b, 0.4, ()), Link(a, c, 0.9, ())], rules)
    assert found.verdict == "consistent"
    assert found.explanation.startswith("12.000 (a.txt) tegenover bijna 12.000 (c.txt)")


def test_near_misses_between_different_figures_are_separate_findings(rules: Rules) -> None:
    """350 miljoen pond per week and per jaar, each against the same per maand: two
    near-misses, not one."""
    def pounds(id: str, per: str) -> Claim:
        return said(id, "350 miljoen pond", 350e6, unit="GBP", per=per, doc=f"{id}.txt",
                    sentence=f"{id.upper()}: 350 miljoen pond per {per}.")
    week, year, month = pounds("a", "week"), pounds("b", "jaar"), pounds("m", "maand")
    findings = judge([Link(week, month, 0.5, ()), Link(year, month, 0.5, ())], rules)
    assert [f.verdict for f in findings] == ["different-basis", "different-basis"]


def test_everyone_who_agrees_with_one_statement_is_in_its_cluster(rules: Rules) -> None:
    """Three documents each repeat the minister's 12.000: four statements, one figure."""
    minister = _shortage("m", 12_000, "brief.txt", "De minister: het tekort is 12.000.")
    others = [_shortage(f"o{i}", 12_000, f"o{i}.txt", f"Krant {i}: het tekort is 12.000.")
              for i in range(3)]
    (found,) = judge([Link(o, minister, 0.5, ()) for o in others], rules)
    assert found.statements == 4 and {c.id for c in found.claims} == {"m", "o0", "o1", "o2"}


def test_each_disagreement_names_the_statement_at_odds_with_more(rules: Rules) -> None:
    """12.000 is contradicted by "ongeveer 15.000" and by 15.200, which agree with each other;
    15.200 is contradicted again by 19.000. The 12.000 and the 15.200 are named."""
    a = _shortage("a", 12_000, "a.txt", "A: het tekort is 12.000.")
    b = said("b", "ongeveer 15.000", 15_000, qualifier="approx", low=13_500, high=16_500,
             doc="b.txt", sentence="B: het tekort is ongeveer 15.000.")
    c = _shortage("c", 15_200, "c.txt", "C: het tekort is 15.200.")
    f = _shortage("f", 19_000, "f.txt", "F: het tekort is 19.000.")
    (found,) = judge([Link(a, b, 0.5, ()), Link(a, c, 0.5, ()), Link(b, c, 0.5, ()),
                      Link(c, f, 0.5, ())], rules)
    assert found.verdict == "discrepancy" and found.disagree == ("a", "c")


def test_the_one_who_disagrees_with_most_is_named(rules: Rules) -> None:
    """12.000 said by two, 15.000 by one who is contradicted by both: 15.000 is the odd one."""
    a = _shortage("a", 12_000, "a.txt", "A: het tekort is 12.000.")
    b = _shortage("b", 12_000, "b.txt", "B: het tekort is 12.000.")
    odd = _shortage("c", 15_000, "c.txt", "C: het tekort is 15.000.")
    (found,) = judge([Link(a, b, 0.5, ()), Link(a, odd, 0.5, ()), Link(b, odd, 0.5, ())],
                     rules)
    assert found.disagree == ("c",)
    assert found.explanation.endswith("Wijkt af: 15.000 (c.txt).")


# --- how alike two measures are ------------------------------------------------------------

def _read(rules: Rules, *claims: Claim) -> tuple[list[Features], dict[str, float]]:
    concepts = {c.name: c for c in rules.measures.concepts}
    weights = word_weights(claims)
    return [features(c, weights, concepts) for c in claims], weights


def _keyed(id: str, keys: tuple[str, ...], *, population: str | None = None,
           sentence: str = "Het tekort aan technici in de zorg is 12.000.") -> Claim:
    return said(id, "12.000", 12_000, doc=f"{id}.txt", sentence=sentence, measure_keys=keys,
                population=population)


@pytest.mark.parametrize(("a", "b", "score", "concepts", "population"), [
    # the same concept and nothing else: all the concept weight (0,7)
    (("concept:tekort",), ("concept:tekort",), 0.7, ("tekort",), False),
    # one of two concepts shared: half of it
    (("concept:tekort", "concept:technisch-werk"), ("concept:tekort",), 0.35, ("tekort",),
     False),
    # no concepts at all, the same words: all the word weight (0,3)
    (("zorg", "technicus"), ("zorg", "technicus"), 0.3, (), False),
    # nothing in common
    (("concept:tekort", "zorg"), ("concept:vacatures", "onderwijs"), 0.0, (), False),
])
def test_likeness_weighs_concepts_and_words(a: tuple[str, ...], b: tuple[str, ...],
                                            score: float, concepts: tuple[str, ...],
                                            population: bool, rules: Rules) -> None:
    (fa, fb), weights = _read(rules, _keyed("a", a), _keyed("b", b))
    alike = likeness(fa, fb, weights, rules.linking)
    assert alike.score == pytest.approx(score)
    assert alike.concepts == concepts and alike.same_population is population
    assert likeness(fb, fa, weights, rules.linking).score == pytest.approx(score)


def test_likeness_reads_population_numbers_and_length(rules: Rules) -> None:
    hbo = _keyed("a", ("concept:tekort",), population="hbo",
                 sentence="Het tekort aan hbo'ers is 12.000 in 2018 en 9.000 in 2017.")
    also = _keyed("b", ("concept:tekort",), population="hbo", sentence="Tekort: 12.000.")
    mbo = _keyed("c", ("concept:tekort",), population="mbo")
    nobody = _keyed("d", ("concept:tekort",))
    (fa, fb, fc, fd), weights = _read(rules, hbo, also, mbo, nobody)
    alike = likeness(fa, fb, weights, rules.linking)
    assert alike.same_population and alike.most_numbers == 4 and alike.fewest_words == 2
    assert not likeness(fa, fc, weights, rules.linking).same_population
    assert not likeness(fd, fd, weights, rules.linking).same_population  # nobody is no group


def test_likeness_passes_the_figures_evidence_on(rules: Rules) -> None:
    (fa, fb), weights = _read(rules, _keyed("a", ("concept:tekort",)),
                              _keyed("b", ("concept:tekort",)))
    plain = likeness(fa, fb, weights, rules.linking)
    assert (plain.agree, plain.informative, plain.equal, plain.tiny, plain.qualified) == (
        True, True, False, False, False)
    told = likeness(fa, fb, weights, rules.linking, False, False, True, True, True)
    assert (told.agree, told.informative, told.equal, told.tiny, told.qualified) == (
        False, False, True, True, True)


def test_a_shared_head_counts_once_as_structure_not_again_as_words(rules: Rules) -> None:
    """"projecten" is what both count: the structure's point, not a shared word as well."""
    keys_a = ("what:project", "project", "zorg", "technicus")
    keys_b = ("what:project", "project", "onderwijs", "leraar")
    (fa, fb), weights = _read(rules, _keyed("a", keys_a), _keyed("b", keys_b))
    alike = likeness(fa, fb, weights, rules.linking)
    assert alike.match == "same" and alike.shared_words == 0 and alike.words == 0.0
    # without the structure the shared word is evidence
    (ga, gb), weights = _read(rules, _keyed("a", ("project", "zorg")),
                              _keyed("b", ("project", "onderwijs")))
    loose = likeness(ga, gb, weights, rules.linking)
    assert loose.match == "none" and loose.shared_words == 1
    assert 0 < loose.words < 1


@pytest.mark.parametrize(("a", "b"), [
    # "een tekort van 12.000" and "12.000 tekorten": the name meets what is counted
    (("name:tekort", "tekort"), ("what:tekort", "tekort")),
    # two shares of "de afgestudeerden"
    (("of:afgestudeerde", "afgestudeerde"), ("of:afgestudeerde", "afgestudeerde")),
])
def test_a_shared_name_or_whole_is_no_shared_word(a: tuple[str, ...], b: tuple[str, ...],
                                                  rules: Rules) -> None:
    (fa, fb), weights = _read(rules, _keyed("a", a), _keyed("b", b))
    alike = likeness(fa, fb, weights, rules.linking)
    assert alike.match == "same" and alike.shared_words == 0


def test_the_word_score_is_a_cosine_of_rarity(rules: Rules) -> None:
    """Rare words weigh more; the score is 1 for the same words and falls with the rest."""
    claims = [_keyed("a", ("zorg", "technicus", "tekort")),
              _keyed("b", ("zorg", "technicus", "vacature")),
              _keyed("c", ("zorg",)), _keyed("d", ("zorg",)), _keyed("e", ("zorg",))]
    read, weights = _read(rules, *claims)
    assert weights["zorg"] < weights["technicus"] < weights["tekort"]
    assert weights["technicus"] == pytest.approx(math.log(1 + 5 / 2))
    alike = likeness(read[0], read[1], weights, rules.linking)
    w = weights
    expected = (w["zorg"] ** 2 + w["technicus"] ** 2) / math.sqrt(
        (w["zorg"] ** 2 + w["technicus"] ** 2 + w["tekort"] ** 2)
        * (w["zorg"] ** 2 + w["technicus"] ** 2 + w["vacature"] ** 2))
    assert alike.words == pytest.approx(expected) and alike.shared_words == 2
    assert alike.score == pytest.approx(0.3 * expected)
    assert likeness(read[2], read[3], weights, rules.linking).words == pytest.approx(1.0)


def test_what_a_compound_is_a_kind_of_is_read_from_its_keys(rules: Rules) -> None:
    """"asielplekken" are a kind of "plekken": their keys say so, and the pair matches as a
    kind; two things that only share their last part are different."""
    asylum = _keyed("a", ("what:asielplek", "kind:plek", "asielplek"))
    places = _keyed("b", ("what:plek", "kind:plek", "plek"))
    rentals = _keyed("c", ("what:huurwoning", "kind:woning"))
    owned = _keyed("d", ("what:koopwoning", "kind:woning"))
    (fa, fb, fc, fd), weights = _read(rules, asylum, places, rentals, owned)
    assert likeness(fa, fb, weights, rules.linking).match == "kind"
    assert likeness(fc, fd, weights, rules.linking).match == "different"
    # the shared head "plek" is the structure's evidence, not a shared word as well
    (ga, gb), weights = _read(rules, _keyed("a", ("what:asielplek", "kind:plek", "plek")),
                              _keyed("b", ("what:plek", "kind:plek", "plek")))
    assert likeness(ga, gb, weights, rules.linking).shared_words == 0
    assert fa.words == frozenset({"asielplek"})  # structure keys are no words


# --- when two claims link ------------------------------------------------------------------

def _like(match: str = "none", *, agree: bool = True, informative: bool = True,
          equal: bool = False, tiny: bool = False, concepts: tuple[str, ...] = (),
          population: bool = False, words: float = 0.0, shared: int = 0, score: float = 0.0,
          numbers: int = 1, length: int = 20) -> Likeness:
    return Likeness(score, match, agree, informative, equal, tiny, concepts, population,
                    words, shared, numbers, length)


@pytest.mark.parametrize(("case", "expected"), [
    # one is a kind of the other ("asielplekken" and "plekken") counts as structure
    (_like("kind", equal=True), True),
    (_like("kind", agree=False, concepts=("technisch-opgeleid", "technisch-werk")), True),
    # the word score counts from min_word_score (0,15) on, inclusive
    (_like("same", words=0.15, informative=False), True),
    (_like("same", words=0.14, informative=False), False),
    # … or from min_words_without_concept (3) shared words on
    (_like("same", shared=3, informative=False), True),
    (_like("same", shared=2, informative=False), False),
    # long sentences sharing many rare words are a point more (0,75 score, 3 words,
    # at most 2 numbers, at least 8 words): enough to link on the words alone
    (_like("none", words=0.75, shared=3, numbers=2, length=8, score=0.3), True),
    (_like("none", words=0.74, shared=3, numbers=2, length=8, score=0.3), False),
    (_like("none", words=0.75, shared=3, numbers=3, length=8, score=0.3), False),
    (_like("none", words=0.75, shared=3, numbers=2, length=7, score=0.3), False),
    (_like("none", words=0.75, shared=3, informative=False, numbers=2, length=8,
           score=0.3), False),
    # without structure the score must reach min_score (0,3)
    (_like("none", words=0.75, shared=3, numbers=2, length=8, score=0.29), False),
    # a shared generic concept ("banen") is half a point
    (_like("same", concepts=("banen",), informative=False), False),
    (_like("same", concepts=("banen", "tekort"), informative=False), True),
])
def test_evidence_thresholds(rules: Rules, case: Likeness, expected: bool) -> None:
    concepts = {c.name: c for c in rules.measures.concepts}
    assert concepts["banen"].weight == 0.5 and concepts["tekort"].weight == 1.0
    assert linked(case, rules.linking, concepts) is expected


def feats(what: str = "", names: str = "", of: str = "") -> Features:
    def s(text: str) -> frozenset[str]:
        return frozenset(text.split())
    return Features("", frozenset(), frozenset(), 0.0, None, 0, 10, False,
                    s(what), s(what), s(names), s(of))


@pytest.mark.parametrize(("a", "b", "match"), [
    # a share of a whole against a named value: the structure says nothing either way
    (feats(of="afgestudeerde"), feats(names="investering"), "none"),
    # shares of one whole, one saying what it counts: the same measure
    (feats(what="baan", of="afgestudeerde"), feats(of="afgestudeerde"), "same"),
])
def test_structure_of_shares(a: Features, b: Features, match: str) -> None:
    from factcheck.link import structure_match
    assert structure_match(a, b) == match == structure_match(b, a)


@pytest.mark.parametrize(("a", "b", "unit", "same_scale"), [
    (30_000, 60_000, "count", True),  # a factor 2 is still one figure said wrongly
    (29_999, 60_000, "count", False),
    (0, 0, "count", True), (0, 5, "count", False),
    (0.5, 0.6, "count", True),
    (-5, -9, "count", True), (-5, 5, "count", False),
    (5, 15, "percent", True),  # percentages by points (15), not by ratio
    (3, 17, "pp", True), (2, 20, "pp", False),
])
def test_in_scale(a: float, b: float, unit: str, same_scale: bool, rules: Rules) -> None:
    from factcheck.link import in_scale
    one, other = said("a", str(a), a, unit=unit), said("b", str(b), b, unit=unit)
    assert in_scale(one, other, rules.linking) is same_scale
    assert in_scale(other, one, rules.linking) is same_scale


def test_small_and_tiny_boundaries(rules: Rules) -> None:
    from factcheck.link import informative, tiny
    assert informative(said("a", "100", 100), rules.linking)  # small: below 100
    assert not informative(said("a", "99", 99), rules.linking)
    assert informative(said("a", "10%", 10, unit="percent"), rules.linking)
    assert not tiny(said("a", "tien", 10), rules.linking)  # tiny: below 10
    assert tiny(said("a", "negen", 9), rules.linking)
    assert not tiny(said("a", "9%", 9, unit="percent"), rules.linking)


def _block(values: list[float], keys: tuple[str, ...] = ("concept:tekort",)) -> list[Claim]:
    return [said(f"c{i}", str(v), v, doc=f"d{i}.txt", sentence=f"Zin {i}: {v}.",
                 measure_keys=keys) for i, v in enumerate(values)]


@pytest.mark.parametrize("size", [31, 32, 40])
def test_a_large_block_pairs_each_claim_with_its_nearest_values(size: int,
                                                                 rules: Rules) -> None:
    """Up to neighbours + 1 (31) claims sharing a key: every pair. Above: each claim with
    the 30 nearest in value, whatever the input order, so the work stays linear."""
    width = rules.linking.neighbours
    values = [1_000.0 * ((7 * i) % size + 1) for i in range(size)]  # shuffled
    pairs = candidate_pairs(_block(values), rules.linking)
    rank = {i: sorted(range(size), key=lambda k: values[k]).index(i) for i in range(size)}
    if size <= width + 1:
        expected = {(i, j) for i in range(size) for j in range(i + 1, size)}
    else:
        expected = {(i, j) for i in range(size) for j in range(i + 1, size)
                    if abs(rank[i] - rank[j]) <= width}
    assert set(pairs) == expected and pairs == sorted(expected)


def test_a_block_of_max_block_claims_is_still_linked_on(rules: Rules) -> None:
    size = rules.linking.max_block
    assert candidate_pairs(_block([float(v) for v in range(1, size + 1)]), rules.linking)


def test_a_too_common_key_does_not_stop_the_rarer_ones(rules: Rules) -> None:
    """"jaar" is in every sentence; the two claims about the shortage still pair."""
    common = ("jaar",)
    size = rules.linking.max_block + 1
    claims = _block([float(v) for v in range(1, size + 1)], common)
    claims += [replace(c, id=f"t{k}", doc=f"t{k}.txt")
               for k, c in enumerate(_block([12_000.0, 12_500.0], ("jaar", "concept:tekort")))]
    assert candidate_pairs(claims, rules.linking) == [(size, size + 1)]


def test_one_sentence_is_never_set_against_itself(rules: Rules) -> None:
    """The same sentence in the PDF and the XML of one publication, with its two figures:
    the figures of one sentence are a contrast, even across the copies."""
    sentence = "Het tekort steeg van 12.000 naar 15.000."
    claims = [said("a", "12.000", 12_000, doc="kst.pdf", sentence=sentence, start=20,
                   measure_keys=("concept:tekort",)),
              said("b", "15.000", 15_000, doc="kst.xml", sentence=sentence, start=30,
                   measure_keys=("concept:tekort",))]
    assert candidate_pairs(claims, rules.linking) == []


def test_one_passage_is_one_document_within_the_distance() -> None:
    here = said("a", "12.000", 12_000, doc="debat.txt", start=1_000)
    assert one_passage(here, said("b", "15.000", 15_000, doc="debat.txt", start=1_299), 300)
    assert one_passage(said("b", "15.000", 15_000, doc="debat.txt", start=701), here, 300)
    assert not one_passage(here, said("b", "15.000", 15_000, doc="debat.txt", start=1_300),
                           300)
    assert not one_passage(here, said("b", "15.000", 15_000, doc="brief.txt", start=1_000),
                           300)


def test_copies_of_a_statement_are_counted_once(rules: Rules) -> None:
    """One sentence with its figure in three documents is one statement with two copies,
    represented by the first document; case and punctuation do not make another."""
    texts = ["Het tekort is 12.000.", "HET TEKORT IS 12.000!", "het tekort is 12.000"]
    copies = [said(f"c{i}", "12.000", 12_000, doc=f"{'cba'[i]}.txt", sentence=t)
              for i, t in enumerate(texts)]
    other = said("o", "15.000", 15_000, doc="d.txt", sentence="Het tekort is 15.000.")
    unique, counts = statements([*copies, other])
    assert [(c.id, n) for c, n in zip(unique, counts, strict=True)] == [("c2", 2), ("o", 0)]


def test_candidates_share_an_uncommon_key_within_a_unit(rules: Rules) -> None:
    def keyed(i: int, unit: str, keys: tuple[str, ...], doc: str | None = None) -> Claim:
        return said(f"k{i}", "12", 12, unit=unit, doc=doc or f"d{i}.txt", start=i * 1_000,
                    sentence=f"Zin nummer {i}.", measure_keys=keys)
    claims = [keyed(0, "count", ("concept:tekort",)), keyed(1, "count", ("concept:tekort",)),
              keyed(2, "percent", ("concept:tekort",)),  # another unit
              keyed(3, "count", ("concept:vacatures",)),  # another key
              keyed(4, "count", ("concept:tekort",), doc="d0.txt"),  # far in one document
              keyed(5, "hour", ("concept:tekort",))]  # a unit never linked
    assert candidate_pairs(claims, rules.linking) == [(0, 1), (0, 4), (1, 4)]


# --- the three guards the first mutation run found unguarded (issue 13) ------------------

def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _pairs(paths: list[str], rules: Rules, nlp: Language) -> list[Finding]:
    batch = read_and_extract(paths, rules, nlp, Settings(jobs=1, cache=False), progress=False)
    return [f for f in check(batch, rules) if f.kind != "arithmetic"]


def test_a_change_is_never_the_same_quantity_as_a_level(tmp_path: Path, rules: Rules,
                                                         nlp: Language) -> None:
    """"steeg met 4,5 procent" is a change; "bedroeg 4,5 procent" a level: no finding."""
    paths = [_write(tmp_path, "a.txt", "De jeugdwerkloosheid steeg met 4,5 procent."),
             _write(tmp_path, "b.txt", "De jeugdwerkloosheid bedroeg 4,5 procent.")]
    assert _pairs(paths, rules, nlp) == []
    # two changes are compared
    paths = [_write(tmp_path, "a.txt", "De jeugdwerkloosheid steeg met 4,5 procent in 2018."),
             _write(tmp_path, "b.txt", "De jeugdwerkloosheid steeg met 4,5 procent in 2018, "
                                       "volgens het CBS.")]
    assert [f.verdict for f in _pairs(paths, rules, nlp)] == ["consistent"]


SHORTAGE = ("Het tekort aan technici in de zorg bedraagt volgens het UWV 12.000 mensen.",
            "Volgens de brancheorganisatie is het tekort aan technici in de zorg 15.000 mensen.")


def test_two_figures_in_one_passage_are_a_contrast_not_a_repeat(
        tmp_path: Path, rules: Rules, nlp: Language) -> None:
    """Side by side in one paragraph the two estimates are set against each other on
    purpose; the same two sentences in two documents are a discrepancy."""
    assert _pairs([_write(tmp_path, "debat.txt", " ".join(SHORTAGE))], rules, nlp) == []
    paths = [_write(tmp_path, "uwv.txt", SHORTAGE[0]),
             _write(tmp_path, "branche.txt", SHORTAGE[1])]
    (found,) = _pairs(paths, rules, nlp)
    assert (found.verdict, found.severity, found.difference) == (
        "discrepancy", "high", "3.000 (20,0%)")  # from branche.txt's 15.000, by name


def test_repeated_far_apart_in_one_document_is_a_discrepancy(
        tmp_path: Path, rules: Rules, nlp: Language) -> None:
    filler = " ".join(["De minister antwoordt dat zij de Kamer hierover later informeert."] * 6)
    path = _write(tmp_path, "debat.txt", f"{SHORTAGE[0]}\n\n{filler}\n\n{SHORTAGE[1]}")
    (found,) = _pairs([path], rules, nlp)
    assert (found.verdict, found.kind) == ("discrepancy", "within-document")


def test_links_end_to_end_on_figures_that_agree_and_disagree(rules: Rules) -> None:
    """link_claims on hand-read claims: the same shortage said in two documents links,
    a figure about something else does not, however close in value."""
    keys = ("concept:tekort", "population:hbo", "techniek", "hbo'er")
    a = said("a", "12.000", 12_000, doc="a.txt", measure_keys=keys, population="hbo",
             sentence="Het tekort aan hbo'ers in de techniek bedraagt 12.000.")
    b = said("b", "ruim 11.900", 11_900, qualifier="approx", low=11_900, high=12_200,
             doc="b.txt", measure_keys=keys, population="hbo",
             sentence="Het tekort aan hbo'ers in de techniek is ruim 11.900.")
    c = said("c", "12.000", 12_000, doc="c.txt", measure_keys=("concept:vacatures", "zorg"),
             sentence="Er staan in de zorg 12.000 vacatures open.")
    (link,) = link_claims([a, b, c], rules)
    assert {link.a.id, link.b.id} == {"a", "b"} and link.shared == ("tekort",)
    assert overlap(a, b)


def _shortage_in(id: str, text: str, value: float, doc: str, **fields: object) -> Claim:
    keys = ("concept:tekort", "population:hbo", "techniek", "hbo'er")
    return said(id, text, value, doc=doc, measure_keys=keys, population="hbo",
                sentence=f"Het tekort aan hbo'ers in de techniek bedraagt {text}.", **fields)


@pytest.mark.parametrize(("a", "b", "links"), [
    # the same shortage, agreeing figures: linked on the concept and the group
    (_shortage_in("a", "12.000", 12_000, "a.txt"),
     _shortage_in("b", "bijna 12.000", 12_000, "b.txt", qualifier="approx", low=11_000,
                  high=12_000), True),
    # disagreeing figures without the structure saying they count one thing: no link …
    (_shortage_in("a", "12.000", 12_000, "a.txt"),
     _shortage_in("b", "15.000", 15_000, "b.txt"), False),
    # … unless one names a basis the other does not: a near-miss worth showing
    (_shortage_in("a", "12.000", 12_000, "a.txt", per="jaar"),
     _shortage_in("b", "15.000", 15_000, "b.txt"), True),
    # further apart than a factor two: another scope, never one figure
    (_shortage_in("a", "12.000", 12_000, "a.txt", per="jaar"),
     _shortage_in("b", "30.000", 30_000, "b.txt"), False),
])
def test_link_claims_decides_on_the_evidence(a: Claim, b: Claim, links: bool,
                                             rules: Rules) -> None:
    assert bool(link_claims([a, b], rules)) is links


def test_the_same_rare_figure_and_its_words_link_without_structure(rules: Rules) -> None:
    """"675 miljoen euro" for Vestia in two documents: the figure is specific, the words
    agree; the same words with another figure are no evidence on their own."""
    keys = ("vestia", "sanering", "woningcorporatie", "miljoen")
    def vestia(id: str, value: float, doc: str) -> Claim:
        text = f"{value / 1e6:g} miljoen euro"
        return said(id, text, value, unit="EUR", doc=doc, low=value - 5e5, high=value + 5e5,
                    measure_keys=keys, sentence=f"Vestia kreeg {text} ({doc}).")
    (link,) = link_claims([vestia("a", 675e6, "a.txt"), vestia("b", 675e6, "b.txt")], rules)
    assert link.shared == ()
    assert link_claims([vestia("a", 675e6, "a.txt"), vestia("b", 680e6, "b.txt")],
                       rules) == []


# --- the context a claim is read in --------------------------------------------------------

@pytest.mark.parametrize(("sentence", "number", "year", "expected"), [
    ("Volgens het ROA werkt 53 procent van de technisch opgeleiden in een technisch beroep.",
     "53", 2018, {"source": "ROA", "period": None, "population": None,
                  "concepts": {"technisch-opgeleid", "technisch-werk"}}),
    ("Van de mbo'ers werkt vorig jaar 67 procent in de techniek.", "67", 2018,
     {"population": "mbo", "level": "mbo", "period": "2017", "source": None}),
    ("Het tekort aan hbo'ers in de techniek bedraagt 12.000.", "12.000", 2019,
     {"population": "hbo", "concepts": {"tekort"}, "period": None}),
    ("In 2015 waren er 45.000 vacatures in de ICT.", "45.000", 2018,
     {"period": "2015", "concepts": {"vacatures"}, "population": None}),
])
def test_read_context(sentence: str, number: str, year: int, expected: dict[str, object],
                      rules: Rules) -> None:
    read = read_context(sentence, sentence, sentence.index(number), rules, year)
    concepts = {k.removeprefix("concept:") for k in read.measure_keys
                if k.startswith("concept:")}
    for field, value in expected.items():
        got = concepts if field == "concepts" else getattr(read, field)
        assert got == value, field
    if read.population:
        assert f"population:{read.population}" in read.measure_keys


def test_read_context_takes_what_a_pointer_refers_to_but_not_its_change(rules: Rules) -> None:
    """"Dat is 3 procent" after a sentence about jobs in care is about jobs; a rise said in
    the sentence before does not make this figure a change."""
    before = "Het aantal banen in de zorg steeg met 12.000."
    sentence = "Dat is 3 procent van alle banen."
    read = read_context(f"{before} {sentence}", sentence, sentence.index("3"), rules, 2018)
    assert "concept:banen" in read.measure_keys
    assert "concept:groei" not in read.measure_keys


@pytest.mark.parametrize(("claim", "low", "high"), [
    (said("a", "meer dan 600 miljoen", 600e6, qualifier="more_than", low=600e6), 600e6, None),
    (said("a", "nog geen 16%", 16, unit="percent", qualifier="less_than", high=16), None, 16),
    (said("a", "53 procent", 53, unit="percent"), 52.5, 53.5),
])
def test_the_outputs_write_an_open_side_as_empty(claim: Claim, low: float | None,
                                                 high: float | None) -> None:
    """JSON and the Claims sheet give low and high; a side without a bound is empty."""
    from factcheck.records import claim_fields
    written = claim_fields(claim)
    assert (written["low"], written["high"]) == (low, high)
