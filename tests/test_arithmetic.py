"""The arithmetic recheck on Dutch passages, run through the real pipeline."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from spacy.language import Language

from factcheck.arithmetic import check_arithmetic, compiled_relations, figure_value, nouns_agree
from factcheck.errors import RulesError
from factcheck.extract import extract_claims
from factcheck.ingest import read_document
from factcheck.interval import Interval
from factcheck.records import Document, Finding
from factcheck.rules import ArithmeticRelation, Rules

from conftest import EXAMPLES, corpus_path


def findings_for(text: str, nlp: Language, rules: Rules) -> list[Finding]:
    document = Document(doc="test.txt", path="test.txt", format="txt", text=text, sha256="0" * 64)
    return check_arithmetic(document, extract_claims(document, nlp), rules)


# (passage, verdict, the derived figure as written), at least two per relation kind
CHECKED = [
    # share
    ("Van de 8.000 aanvragen zijn er 2.000 afgewezen, ruim 30%.", "inconsistent", "ruim 30%"),
    ("Van de 8.000 aanvragen zijn er 2.000 afgewezen, dat is 25%.", "consistent", "25%"),
    ("Er werden 1.500 van de 6.000 meldingen doorgestuurd, ofwel 25%.", "consistent", "25%"),
    ("Er werden 2.000 van de 8.000 meldingen doorgestuurd, ofwel 20%.", "inconsistent", "20%"),
    ("Er kwamen 8.000 aanvragen binnen, waarvan 2.000 werden afgewezen, dat is 35%.",
     "inconsistent", "35%"),
    ("12.000 jongeren worden opgeleid in de communicatie en 2.000 krijgen er een baan in die "
     "richting, nog geen 16%.", "inconsistent", "nog geen 16%"),
    ("12.000 jongeren worden opgeleid in de communicatie en 2.000 krijgen er een baan in die "
     "richting, nog geen 17%.", "consistent", "nog geen 17%"),
    # percent of a whole (a product)
    ("Het gaat om 25% van de 8.000 aanvragen, dat zijn 2.000 aanvragen.", "consistent", "2.000"),
    ("Het gaat om 40% van de 8.000 aanvragen, dat zijn 2.000 aanvragen.", "inconsistent", "2.000"),
    # difference
    ("Er komen 45.000 banen bij op een instroom van 30.000: een tekort van 15.000 mensen.",
     "consistent", "15.000"),
    ("Er komen 45.000 banen bij op een instroom van 30.000: een tekort van 25.000 mensen.",
     "inconsistent", "25.000"),
    ("De vraag is 100.000 en het aanbod 40.000; de vraag is daarmee 60.000 groter dan het aanbod.",
     "consistent", "60.000"),
    ("De vraag is 100.000 en het aanbod 40.000; de vraag is daarmee bijna 70.000 groter dan het "
     "aanbod.", "inconsistent", "bijna 70.000"),
    # change
    ("Het aandeel steeg van 20 naar 25 procent, een stijging van 5 procentpunt.", "consistent",
     "5 procentpunt"),
    ("Het aandeel steeg van 20% naar 25%, een stijging van 3 procentpunt.", "inconsistent",
     "3 procentpunt"),
    ("De omzet groeide van 2,0 miljard naar 2,5 miljard euro, een groei van 25%.", "consistent",
     "25%"),
    ("Het budget steeg van 20 naar 25 miljoen euro, een stijging van 5 procent.", "inconsistent",
     "5 procent"),
    ("Het aandeel steeg van 20% naar 25%, een stijging van 25%.", "consistent", "25%"),
    # per unit
    ("Het kabinet trekt € 3 miljoen uit voor 600 scholen, zo'n € 5.000 per school.", "consistent",
     "zo'n € 5.000"),
    ("Het kabinet trekt € 3 miljoen uit voor 600 scholen, zo'n € 50.000 per school.",
     "inconsistent", "zo'n € 50.000"),
    ("Er ging 125 miljoen euro naar 2.800 sociale huurwoningen. Dat is bijna € 45.000 per woning.",
     "consistent", "bijna € 45.000"),
    # rate
    ("Nederland slacht 600 miljoen dieren per jaar. Dat zijn 1.700.000 dieren die per dag worden "
     "geslacht.", "inconsistent", "1.700.000"),
    ("Nederland slacht meer dan 600 miljoen dieren per jaar. Dat zijn 1.700.000 dieren die per "
     "dag worden geslacht.", "consistent", "1.700.000"),
    # product
    ("500 scholen krijgen elk € 10.000, in totaal € 5 miljoen.", "consistent", "€ 5 miljoen"),
    ("500 scholen krijgen elk € 10.000, in totaal € 50 miljoen.", "inconsistent", "€ 50 miljoen"),
    # sum
    ("We willen een reductie met 20%, 15% vanaf november 2025 en de overige 5% in 2029.",
     "consistent", "20%"),
    ("We willen een reductie met 30%, 15% vanaf november 2025 en de overige 5% in 2029.",
     "inconsistent", "30%"),
    ("Er waren 5.000 mbo'ers en 3.000 hbo'ers, samen 8.000 studenten.", "consistent", "8.000"),
    ("In totaal gaat het om 9.000 studenten: 5.000 mbo'ers en 3.000 hbo'ers.", "inconsistent",
     "9.000"),
]

TRAPS = [
    "Er waren 8.000 aanvragen en 2.000 klachten.",
    "In 2017 waren er 8.000 aanvragen en 30% meer banen.",
    "Van de 8.000 aanvragen zijn er 2.000 afgewezen, 30% meer dan vorig jaar.",
    "Van de 8.000 aanvragen kwamen er 2.000 uit Utrecht, 30% van de totale groei.",
    "In 2016 waren er 5.000, in 2017 8.000 aanvragen, 1.000 meer dan verwacht.",
    "12.000 jongeren worden opgeleid en 2.000 docenten volgen een cursus, 16%.",
    "Het kabinet trekt € 3 miljoen uit voor 600 scholen, zo'n € 50 per leerling.",
    "125 miljoen, dat is bijna €45.000 per sociale huurwoning.",
    "Nederland slacht 600 miljoen dieren per jaar en 1.700.000 kippen per dag.",
    "Nederland slacht 600 miljoen dieren per jaar.\n\nDat zijn 1.700.000 dieren die per dag "
    "worden geslacht.",
    "Nederland slacht 600 miljoen dieren per jaar. Dat is veel. Dat zijn 1.700.000 dieren per dag.",
    "We willen een reductie met 20%, 15% in de industrie en 5% in de landbouw.",
    "Er komen 45.000 banen bij, 30.000 mensen stromen in en 5.000 vallen uit.",
]


@pytest.mark.parametrize(("text", "verdict", "derived"), CHECKED)
def test_stated_arithmetic_is_rechecked(text: str, verdict: str, derived: str, nlp: Language,
                                        rules: Rules) -> None:
    findings = findings_for(text, nlp, rules)
    assert len(findings) == 1, findings
    finding = findings[0]
    assert (finding.kind, finding.verdict) == ("arithmetic", verdict), finding.explanation
    assert finding.claims[0].text == derived
    assert 0 < finding.confidence <= 1
    assert finding.id.startswith("a") and len(finding.id) == 12
    if verdict == "consistent":
        assert finding.severity == "info" and finding.difference is None
    else:
        assert finding.severity in ("high", "medium") and finding.difference
        assert finding.abs_difference is not None


@pytest.mark.parametrize("text", TRAPS)
def test_no_finding_without_a_clearly_stated_relation(text: str, nlp: Language,
                                                      rules: Rules) -> None:
    assert findings_for(text, nlp, rules) == []


@pytest.mark.parametrize(("text", "explanation", "severity"), [
    ("Van de 8.000 aanvragen zijn er 2.000 afgewezen, ruim 30%.",
     "2.000 van 8.000 is 25%, niet ruim 30%", "high"),
    ("Het kabinet trekt € 3 miljoen uit voor 600 scholen, zo'n € 5.000 per school.",
     "€ 3 miljoen / 600 scholen = € 5.000 per school: klopt", "info"),
    ("12.000 jongeren worden opgeleid in de communicatie en 2.000 krijgen er een baan in die "
     "richting, nog geen 16%.", "2.000 van 12.000 is 16,7%, niet nog geen 16%", "medium"),
    ("Nederland slacht 600 miljoen dieren per jaar. Dat zijn 1.700.000 dieren die per dag worden "
     "geslacht.", "600 miljoen per jaar is 1,64 miljoen per dag, niet 1.700.000", "medium"),
    ("We willen een reductie met 20%, 15% vanaf november 2025 en de overige 5% in 2029.",
     "15% + 5% = 20%: klopt met 20%", "info"),
])
def test_explanation_gives_the_recomputation(text: str, explanation: str, severity: str,
                                             nlp: Language, rules: Rules) -> None:
    [finding] = findings_for(text, nlp, rules)
    assert (finding.explanation, finding.severity) == (explanation, severity)


def test_finding_fields(nlp: Language, rules: Rules) -> None:
    text = "Van de 8.000 aanvragen zijn er 2.000 afgewezen, ruim 30%."
    [finding] = findings_for(text, nlp, rules)
    assert [c.text for c in finding.claims] == ["ruim 30%", "8.000", "2.000"]
    assert finding.measure == "Van de 8.000 aanvragen zijn er 2.000 afgewezen, ruim 30%"
    assert finding.difference == "-5 procentpunt"
    assert finding.abs_difference == pytest.approx(-5)
    assert finding.rel_difference == pytest.approx(-5 / 30)
    assert findings_for(text, nlp, rules)[0].id == finding.id  # stable


def test_each_relation_example_is_found_by_its_relation(nlp: Language, rules: Rules) -> None:
    assert rules.arithmetic is not None
    for relation in rules.arithmetic.relations:
        confidences = {f.confidence for f in findings_for(relation.example, nlp, rules)}
        assert round(relation.confidence, 2) in confidences, (relation.name, relation.example)


def test_passage_stays_within_a_speaker_turn(tmp_path: Path, nlp: Language,
                                             rules: Rules) -> None:
    path = tmp_path / "debat.txt"
    path.write_text("De heer Veldman (VVD):\nNederland slacht 600 miljoen dieren per jaar.\n"
                    "Mevrouw Ouwehand (PvdD):\nDat zijn 1.700.000 dieren per dag.\n",
                    encoding="utf-8")
    document = read_document(path, rules)
    assert check_arithmetic(document, extract_claims(document, nlp), rules) == []


def test_the_debate_example(nlp: Language, rules: Rules) -> None:
    document = read_document(EXAMPLES / "techniekpact-debat_2018-06-27.txt", rules)
    findings = check_arithmetic(document, extract_claims(document, nlp), rules)
    assert [(f.verdict, f.claims[0].text) for f in findings] == [("inconsistent", "nog geen 16%")]


@pytest.mark.parametrize(("value", "unit", "written"), [
    (16.6667, "percent", "16,7%"), (25.0, "percent", "25%"), (5000.0, "EUR", "€ 5.000"),
    (1643835.6, "count", "1,64 miljoen"), (5.0, "pp", "5 procentpunt"),
    (3_000_000.0, "EUR", "€ 3 miljoen"),
])
def test_figures_are_written_the_dutch_way(value: float, unit: str, written: str,
                                           rules: Rules) -> None:
    assert rules.arithmetic is not None
    assert figure_value(value, unit, rules.arithmetic, rules) == written


@pytest.mark.parametrize(("a", "b", "op", "expected"), [
    (Interval(1, 2), Interval(3, 4), "add", Interval(4, 6)),
    (Interval(1, 2), Interval(3, 4), "sub", Interval(-3, -1)),
    (Interval(1, 2), Interval(3, math.inf), "mul", Interval(3, math.inf)),
    (Interval(1, 2), Interval(4, 8), "div", Interval(0.125, 0.5)),
])
def test_interval_arithmetic(a: Interval, b: Interval, op: str, expected: Interval) -> None:
    result = {"add": a + b, "sub": a - b, "mul": a * b, "div": a.divided_by(b)}[op]
    assert result == expected


def test_division_by_an_interval_around_zero_is_refused() -> None:
    assert Interval(1, 2).divided_by(Interval(-1, 1)) is None


@pytest.mark.parametrize(("noun", "per", "agree"), [
    ("scholen", "school", True), ("sociale huurwoningen", "woning", True),
    ("scholen", "leerling", False),
])
def test_nouns_agree(noun: str, per: str, agree: bool) -> None:
    assert nouns_agree(noun, per) is agree


def test_a_relation_without_its_slots_is_a_rules_error(rules: Rules) -> None:
    from factcheck.arithmetic import compile_relation

    assert rules.arithmetic is not None
    bad = ArithmeticRelation("kapot", "share", "{part} van {whole}", 0.5, "x")
    with pytest.raises(RulesError, match="derived"):
        compile_relation(bad, rules.arithmetic)
    unknown = ArithmeticRelation("onbekend", "share", "{part} {whole} {derived} {nope}", 0.5, "x")
    with pytest.raises(RulesError, match="nope"):
        compile_relation(unknown, rules.arithmetic)
    assert compiled_relations(rules)


@pytest.mark.corpus
def test_the_slaughter_rate_in_the_corpus(nlp: Language, rules: Rules) -> None:
    document = read_document(corpus_path("txt/handelingen/h-tk-20202021-102-4.txt"), rules)
    findings = check_arithmetic(document, extract_claims(document, nlp), rules)
    assert [(f.verdict, f.claims[0].text, f.claims[1].text) for f in findings] == [
        ("consistent", "1.700.000", "meer dan 600 miljoen")]
