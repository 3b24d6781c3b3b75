"""What each kind of stated arithmetic recomputes, pinned by what the analyst reads: the
verdict, the recomputation in the explanation, the severity, the gap and the confidence.
Each row is a Dutch passage run through the real pipeline (tests/test_arithmetic.py has
the verdict of each relation pattern; these rows pin the arithmetic behind it)."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from spacy.language import Language

from factcheck.arithmetic import check_arithmetic, compile_relation
from factcheck.errors import RulesError
from factcheck.extract import extract_claims
from factcheck.records import Document, Finding
from factcheck.rules import ArithmeticRelation, Rules, default_rules_dir, load_rules


def findings_for(text: str, nlp: Language, rules: Rules) -> list[Finding]:
    document = Document(doc="brief.txt", path="brief.txt", format="txt", text=text,
                        sha256="0" * 64)
    return check_arithmetic(document, extract_claims(document, nlp), rules)


# passage, explanation, severity, the gap as written, confidence
RECOMPUTED = [
    # share: part / whole; the gap in percentage points, medium below a miss of 10%
    ("Er werden 2.000 van de 8.000 aanvragen afgewezen, ofwel 25,5%.",
     "2.000 van 8.000 is 25%, niet 25,5%", "medium", "-0,5 procentpunt", 0.9),
    ("Er werden 2.000 van de 8.000 aanvragen afgewezen, ofwel 27%.",
     "2.000 van 8.000 is 25%, niet 27%", "medium", "-2 procentpunt", 0.9),
    # a phrase of the rules ("dat is") broken over two lines, as in a PDF
    ("Er werden 2.000 van de 8.000 aanvragen afgewezen, dat\nis 25%.",
     "2.000 van 8.000 is 25%: klopt met 25%", "info", None, 0.9),
    ("Er werden 2.000 van de 8.000 aanvragen afgewezen, ofwel 0%.",
     "2.000 van 8.000 is 25%, niet 0%", "high", "+25 procentpunt", 0.9),
    # percent of a whole: share × whole, in the whole's unit
    ("Het gaat om 25% van de € 8.000 subsidie, dat is € 2.000.",
     "25% van € 8.000 is € 2.000: klopt met € 2.000", "info", None, 0.85),
    ("Het gaat om 25% van de € 8.000 subsidie, dat is € 3.000.",
     "25% van € 8.000 is € 2.000, niet € 3.000", "high", "-33,3%", 0.85),
    ("Het gaat om 40% van de 8.000 aanvragen, dat zijn 3.000 aanvragen.",
     "40% van 8.000 is 3.200, niet 3.000", "medium", "+6,7%", 0.85),
    # difference: |a − b|, whichever is larger
    ("De vraag is 100.000 en het aanbod 40.000; de vraag is daarmee 60.000 groter dan het "
     "aanbod.", "het verschil tussen 100.000 en 40.000 is 60.000: klopt met 60.000", "info",
     None, 0.75),
    ("De vraag is 40.000 en het aanbod 100.000; het aanbod is daarmee 60.000 groter dan de "
     "vraag.", "het verschil tussen 40.000 en 100.000 is 60.000: klopt met 60.000", "info",
     None, 0.75),
    ("De vraag is 40.000 en het aanbod 100.000; het aanbod is daarmee 50.000 groter dan de "
     "vraag.", "het verschil tussen 40.000 en 100.000 is 60.000, niet 50.000", "high", "+20%",
     0.75),
    ("De vraag is ongeveer 100.000 en het aanbod ongeveer 98.000; de vraag is daarmee 30.000 "
     "groter dan het aanbod.",
     "het verschil tussen ongeveer 100.000 en ongeveer 98.000 is 2.000, niet 30.000", "high",
     "-93,3%", 0.75),
    # two hedged figures allow a wide difference: "ongeveer" is 10% either way
    ("De vraag is ongeveer 98.000 en het aanbod ongeveer 100.000; het aanbod is daarmee "
     "20.000 groter dan de vraag.",
     "het verschil tussen ongeveer 98.000 en ongeveer 100.000 is 2.000: klopt met 20.000",
     "info", None, 0.75),
    # … of two percentages, in percentage points
    ("Het aandeel mbo'ers is 40% en het aandeel hbo'ers 25%; het aandeel mbo'ers is daarmee "
     "15 procentpunt groter dan het aandeel hbo'ers.",
     "het verschil tussen 40% en 25% is 15 procentpunt: klopt met 15 procentpunt", "info",
     None, 0.75),
    ("Het aandeel mbo'ers is 40% en het aandeel hbo'ers 25%; het aandeel mbo'ers is daarmee "
     "20 procentpunt groter dan het aandeel hbo'ers.",
     "het verschil tussen 40% en 25% is 15 procentpunt, niet 20 procentpunt", "high",
     "-5 procentpunt", 0.75),
    # change: in points, relative, or in the unit of the figures
    ("Het aandeel steeg van 20 naar 25 procent, een stijging van 25 procentpunt.",
     "van 20 naar 25 procent is een verandering van 5 procentpunt, niet 25 procentpunt",
     "high", "-20 procentpunt", 0.9),
    ("Het aantal steeg van 200 naar 250 woningen, een stijging van 25 procent.",
     "van 200 naar 250 is een verandering van 25%: klopt met 25 procent", "info", None, 0.9),
    ("Het aantal steeg van 200 naar 250 woningen, een stijging van 25,0 procent.",
     "van 200 naar 250 is een verandering van 25%: klopt met 25,0 procent", "info", None,
     0.9),
    ("Het aandeel steeg van 20,0 naar 20,5 procent, een stijging van 0,2 procentpunt.",
     "van 20,0 naar 20,5 procent is een verandering van 0,5 procentpunt, niet 0,2 "
     "procentpunt", "high", "+0,3 procentpunt", 0.9),
    ("Het aantal daalde van 250 naar 200 woningen, een daling van 20 procent.",
     "van 250 naar 200 is een verandering van 20%: klopt met 20 procent", "info", None, 0.9),
    ("Het aantal daalde van 250 naar 200 woningen, een daling van 25 procent.",
     "van 250 naar 200 is een verandering van 20%, niet 25 procent", "high",
     "-5 procentpunt", 0.9),
    ("Het budget steeg van € 20 miljoen naar € 25 miljoen, een stijging van € 5 miljoen.",
     "van € 20 miljoen naar € 25 miljoen is een verandering van € 5 miljoen: klopt met "
     "€ 5 miljoen", "info", None, 0.9),
    # a bare figure takes its partner's unit ("van 2,0 miljard euro naar 2,5 miljard")
    ("De omzet groeide van 2,0 miljard euro naar 2,5 miljard, een groei van 0,5 miljard euro.",
     "van 2,0 miljard euro naar 2,5 miljard is een verandering van € 500 miljoen: klopt met "
     "0,5 miljard euro", "info", None, 0.9),
    ("De werkloosheid daalde van 5,2% naar 4,9, een daling van 0,3 procentpunt.",
     "van 5,2% naar 4,9 is een verandering van 0,3 procentpunt: klopt met 0,3 procentpunt",
     "info", None, 0.9),
    ("De omzet groeide van 2,0 miljard euro naar 2,5 miljard, een groei van 25%.",
     "van 2,0 miljard euro naar 2,5 miljard is een verandering van 25%: klopt met 25%",
     "info", None, 0.9),
    # "procent" after two percentages may be points or relative: either reading, less sure
    ("Het aandeel steeg van 20% naar 25%, een stijging van 25%.",
     "van 20% naar 25% is een verandering van 25%: klopt met 25%", "info", None, 0.72),
    ("Het aandeel daalde van 25% naar 20%, een daling van 5%.",
     "van 25% naar 20% is een verandering van 5%: klopt met 5%", "info", None, 0.72),
    ("Het aandeel steeg van 20% naar 25%, een stijging van 40%.",
     "van 20% naar 25% is een verandering van 25%, niet 40%", "high", "-15 procentpunt",
     0.72),
    # per unit: total / count, when "per" names what was counted (a four-letter "wijk" too)
    ("Het kabinet trekt € 3 miljoen uit voor 600 wijken, zo'n € 5.000 per wijk.",
     "€ 3 miljoen / 600 wijken = € 5.000 per wijk: klopt", "info", None, 0.85),
    ("Het kabinet trekt € 3 miljoen uit voor 600 scholen, zo'n € 50.000 per school.",
     "€ 3 miljoen / 600 scholen = € 5.000 per school, niet zo'n € 50.000", "high", "-90%",
     0.85),
    # rate: days in each period; an open end says "minstens" or "hooguit"
    ("Er vertrekken 350 vluchten per week. Dat zijn 50 vluchten per dag.",
     "350 per week is 50 per dag: klopt met 50", "info", None, 0.85),
    ("Er vertrekken 350 vluchten per week. Dat zijn 70 vluchten per dag.",
     "350 per week is 50 per dag, niet 70", "high", "-28,6%", 0.85),
    ("Er komen 120 meldingen per uur binnen. Dat zijn 2.880 meldingen per dag.",
     "120 per uur is 2.880 per dag: klopt met 2.880", "info", None, 0.85),
    ("Nederland slacht meer dan 600 miljoen dieren per jaar. Dat zijn 1.700.000 dieren die "
     "per dag worden geslacht.",
     "meer dan 600 miljoen per jaar is minstens 1,64 miljoen per dag: klopt met 1.700.000",
     "info", None, 0.85),
    ("Nederland slacht minder dan 600 miljoen dieren per jaar. Dat zijn 1.700.000 dieren die "
     "per dag worden geslacht.",
     "minder dan 600 miljoen per jaar is hooguit 1,64 miljoen per dag, niet 1.700.000",
     "medium", "-3,4%", 0.85),
    # product: count × each
    ("Het kabinet geeft € 10.000 per school aan 500 scholen, in totaal € 4 miljoen.",
     "500 × € 10.000 = € 5 miljoen, niet € 4 miljoen", "high", "+25%", 0.85),
    # an end said in words stays as said: more than 5.000 and 3.000 is more than 8.000,
    # never at most 8.000 (a rounded end is closed: see test_arithmetic's "nog geen 17%")
    ("Er waren meer dan 5.000 mbo'ers en 3.000 hbo'ers, samen hooguit 8.000 studenten.",
     "meer dan 5.000 + 3.000 = minstens 8.000, niet hooguit 8.000", "medium", "+0%", 0.75),
    ("Er waren minder dan 5.000 mbo'ers en 3.000 hbo'ers, samen minstens 8.000 studenten.",
     "minder dan 5.000 + 3.000 = hooguit 8.000, niet minstens 8.000", "medium", "+0%", 0.75),
    ("Er waren maximaal 5.000 mbo'ers en 3.000 hbo'ers, samen minstens 8.000 studenten.",
     "maximaal 5.000 + 3.000 = hooguit 8.000: klopt met minstens 8.000", "info", None, 0.75),
    ("De vraag is meer dan 100.000 en het aanbod 40.000; de vraag is daarmee hooguit 60.000 "
     "groter dan het aanbod.", "het verschil tussen meer dan 100.000 en 40.000 is minstens "
     "60.000, niet hooguit 60.000", "medium", "+0%", 0.75),
    ("De vraag is ongeveer 100.000 en het aanbod ongeveer 98.000; de vraag is daarmee 20.000 "
     "groter dan het aanbod.", "het verschil tussen ongeveer 100.000 en ongeveer 98.000 is "
     "2.000: klopt met 20.000", "info", None, 0.75),
    ("De vraag is ongeveer 100.000 en het aanbod ongeveer 100.000; de vraag is daarmee "
     "5.000 groter dan het aanbod.", "het verschil tussen ongeveer 100.000 en ongeveer "
     "100.000 is 0: klopt met 5.000", "info", None, 0.75),
    # sum of two or three parts
    ("In totaal gaat het om 9.000 studenten: 5.000 mbo'ers, 1.000 wo'ers en 3.000 hbo'ers.",
     "5.000 + 1.000 + 3.000 = 9.000: klopt met 9.000", "info", None, 0.8),
    ("In totaal gaat het om 8.000 studenten: 5.000 mbo'ers, 1.000 wo'ers en 3.000 hbo'ers.",
     "5.000 + 1.000 + 3.000 = 9.000, niet 8.000", "medium", "+12,5%", 0.8),  # 8.000: ±500
]


@pytest.mark.parametrize(("text", "explanation", "severity", "gap", "confidence"), RECOMPUTED)
def test_the_recomputation_is_what_the_analyst_reads(text: str, explanation: str,
                                                     severity: str, gap: str | None,
                                                     confidence: float, nlp: Language,
                                                     rules: Rules) -> None:
    (found,) = findings_for(text, nlp, rules)
    assert found.explanation == explanation
    assert found.verdict == ("consistent" if severity == "info" else "inconsistent")
    assert (found.severity, found.difference, found.confidence) == (severity, gap, confidence)


@pytest.mark.parametrize("text", [
    # the units do not fit the kind: no recomputation, no finding
    "Het gaat om 25% van de 8.000 aanvragen, dat zijn € 2.000 aanvragen.",
    "Het kabinet trekt € 3 miljoen uit voor 600 scholen, zo'n 5.000 leerlingen per school.",
    "Nederland slacht 600 miljoen dieren per jaar. Dat is € 1,7 miljoen per dag.",
    "500 scholen krijgen elk 10.000 leerlingen, in totaal € 5 miljoen.",
    "Het aantal steeg van 200 naar 250 woningen, een stijging van 50 procentpunt.",
    "Het budget steeg van € 20 miljoen naar € 25 miljoen, een stijging van 5.000 banen.",
    "Er waren 5.000 mbo'ers en € 3.000 subsidie, samen 8.000 studenten.",
    "De vraag is 100.000 en het aanbod 40.000; de vraag is daarmee € 60.000 groter dan het "
    "aanbod.",
    "Van de 8.000 aanvragen zijn er 2.000 afgewezen, dat is 2.000.",
    "Het aandeel mbo'ers is 40% en het aandeel hbo'ers 25%; het aandeel mbo'ers is daarmee "
    "15 groter dan het aandeel hbo'ers.",
    "Het kabinet trekt € 3 miljoen uit voor 600 scholen, zo'n 5.000 per school.",
    # a share of shares, more than the whole, or of nothing: the roles were misread
    "Van de 80% aanvragen zijn er 20% afgewezen, dat is 25%.",
    "Van de 8.000 aanvragen zijn er 10.000 afgewezen, dat is 125%.",
    "Het kabinet trekt € 3 miljoen uit voor 0 scholen, zo'n € 5.000 per school.",
    "Het aantal steeg van 0 naar 250 woningen, een stijging van 25 procent.",
])
def test_no_recomputation_when_the_units_do_not_fit(text: str, nlp: Language,
                                                    rules: Rules) -> None:
    assert findings_for(text, nlp, rules) == []


def test_the_gap_is_signed_and_relative_to_the_stated_figure(nlp: Language,
                                                            rules: Rules) -> None:
    """The recomputation minus what the text says: 60.000 against 50.000 is +10.000, +20%."""
    (found,) = findings_for("De vraag is 40.000 en het aanbod 100.000; het aanbod is daarmee "
                            "50.000 groter dan de vraag.", nlp, rules)
    assert found.abs_difference == pytest.approx(10_000)
    assert found.rel_difference == pytest.approx(0.2)
    (below,) = findings_for("Er werden 2.000 van de 8.000 aanvragen afgewezen, ofwel 27%.",
                            nlp, rules)
    assert below.abs_difference == pytest.approx(-2)
    assert below.rel_difference == pytest.approx(-2 / 27)


def test_an_own_rules_folder_finds_every_relation(tmp_path: Path, nlp: Language) -> None:
    """A copy of the rules in another folder (an analyst's own) is compiled anew and finds
    each relation's example with its confidence, as the shipped rules do."""
    shutil.copytree(default_rules_dir(), tmp_path / "rules")
    own = load_rules(tmp_path / "rules")
    assert own.arithmetic is not None
    for relation in own.arithmetic.relations:
        found = findings_for(relation.example, nlp, own)
        assert round(relation.confidence, 2) in {f.confidence for f in found}, relation.name
        assert all(f.explanation and f.measure for f in found)


@pytest.mark.parametrize(("pattern", "error"), [
    ("{part} van {whole}",
     "[FC001] arithmetic.nl.yml: relation 'kapot': the pattern lacks the slot {derived}"),
    ("{part} {whole} {derived} {nope}",
     "[FC001] arithmetic.nl.yml: relation 'kapot': unknown placeholder {nope}"),
    ("{part} ({whole} {derived}",
     "[FC001] arithmetic.nl.yml: relation 'kapot': the expanded pattern is invalid (missing ), "
     "unterminated subpattern at position 16)"),
])
def test_a_broken_relation_names_itself_and_the_fix(pattern: str, error: str,
                                                    rules: Rules) -> None:
    assert rules.arithmetic is not None
    bad = ArithmeticRelation("kapot", "share", pattern, 0.5, "x")
    with pytest.raises(RulesError) as raised:
        compile_relation(bad, rules.arithmetic)
    assert str(raised.value) == error


def test_an_unknown_relation_kind_lists_the_known_ones(rules: Rules) -> None:
    assert rules.arithmetic is not None
    bad = ArithmeticRelation("kapot", "quotient", "{a} {derived}", 0.5, "x")
    with pytest.raises(RulesError) as raised:
        compile_relation(bad, rules.arithmetic)
    assert str(raised.value) == (
        "[FC001] arithmetic.nl.yml: relation 'kapot': unknown relation kind 'quotient'; known: "
        "change, difference, per_unit, percent_of, product, rate, share, sum "
        "(each needs an explanation)")


def test_a_relation_kind_without_an_explanation_is_a_rules_error(rules: Rules) -> None:
    """Every finding is explained: a kind the explanations do not cover is refused."""
    assert rules.arithmetic is not None
    explanations = {k: v for k, v in rules.arithmetic.explanations.items() if k != "share"}
    data = replace(rules.arithmetic, explanations=explanations)
    relation = ArithmeticRelation("aandeel", "share", "{part} van {whole}, {derived}", 0.5, "x")
    with pytest.raises(RulesError, match="unknown relation kind 'share'"):
        compile_relation(relation, data)
