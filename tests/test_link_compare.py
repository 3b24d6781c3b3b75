"""Linking and verdicts: the seed pairs an analyst expects, each verdict, and the traps."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from spacy.language import Language

from factcheck.interval import Interval
from factcheck.link import candidate_pairs, link_claims
from factcheck.pipeline import Batch, check, read_and_extract
from factcheck.records import Claim, Finding
from factcheck.rules import Rules, default_rules_dir
from factcheck.settings import Settings

from conftest import EXAMPLES


def _check(paths: list[str], rules: Rules, nlp: Language) -> tuple[Batch, list[Finding]]:
    batch = read_and_extract(paths, rules, nlp, Settings(jobs=1, cache=False), progress=False)
    return batch, check(batch, rules)


def _pair(findings: list[Finding], a: str, b: str) -> list[Finding]:
    return [f for f in findings if f.kind != "arithmetic"
            and {c.text for c in f.claims} == {a, b}]


@pytest.fixture(scope="module")
def seed_findings(rules: Rules, nlp: Language) -> list[Finding]:
    return _check([str(EXAMPLES)], rules, nlp)[1]


def test_the_52_53_discrepancy_between_debate_and_answers(seed_findings: list[Finding]) -> None:
    (finding,) = _pair(seed_findings, "52%", "53 procent")
    assert finding.verdict == "discrepancy"
    assert finding.kind == "cross-document"
    assert finding.difference == "1 procentpunt"
    assert "Amhaouch" in finding.explanation and "Monitor Techniekpact" in finding.explanation
    assert {c.doc for c in finding.claims} == {"techniekpact-debat_2018-06-27.txt",
                                               "kamervragen-vakkrachten_2017-07-18.txt"}


def test_the_explanation_is_written_from_the_verdict_templates(
        seed_findings: list[Finding]) -> None:
    """rules/verdicts.nl.yml's example is what the analyst reads for the 52/53 pair."""
    data = yaml.safe_load((default_rules_dir() / "verdicts.nl.yml").read_text("utf-8"))
    (finding,) = _pair(seed_findings, "52%", "53 procent")
    assert finding.explanation == data["verdicts"]["example"]
    (other,) = _pair(seed_findings, "67%", "53 procent")
    assert "andere groep (technisch opgeleiden tegenover mbo)" in other.explanation


def test_59900_and_bijna_60000_agree(seed_findings: list[Finding]) -> None:
    (finding,) = _pair(seed_findings, "59.900", "bijna 60.000")
    assert finding.verdict == "consistent"
    assert {c.speaker for c in finding.claims} == {"Veldman", "Moorlag"}


def test_mbo_67_percent_is_another_population_than_all_53(seed_findings: list[Finding]) -> None:
    (finding,) = _pair(seed_findings, "67%", "53 procent")
    assert finding.verdict == "different-population"


def test_every_discrepancy_on_the_examples_is_one_an_analyst_wants(
        seed_findings: list[Finding]) -> None:
    discrepancies = {frozenset(c.text for c in f.claims) for f in seed_findings
                     if f.verdict in ("discrepancy", "inconsistent")}
    assert discrepancies == {frozenset({"52%", "53 procent"}),
                             frozenset({"nog geen 16%", "12.000", "2.000"})}


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


VERDICTS = [
    # two documents, the figures to pair, the verdict
    ("Het tekort aan hbo’ers in de techniek bedraagt 12.000.",
     "Het tekort aan hbo’ers in de techniek is ruim 11.900.", "12.000", "ruim 11.900",
     "consistent"),
    ("Van de technisch opgeleiden werkt 53 procent in een technisch beroep.",
     "Van de technisch opgeleiden werkt 61 procent in een technisch beroep.", "53 procent",
     "61 procent", "discrepancy"),
    ("In 2015 werkte 53 procent van de technisch opgeleiden in een technisch beroep.",
     "In 2019 werkte 61 procent van de technisch opgeleiden in een technisch beroep.",
     "53 procent", "61 procent", "different-period"),
    ("Van de technisch opgeleiden in het mbo werkt 67 procent in een technisch beroep.",
     "Van alle technisch opgeleiden werkt 53 procent in een technisch beroep.", "67 procent",
     "53 procent", "different-population"),
]


@pytest.mark.parametrize(("first", "second", "a", "b", "verdict"), VERDICTS)
def test_each_verdict(tmp_path: Path, rules: Rules, nlp: Language, first: str, second: str,
                      a: str, b: str, verdict: str) -> None:
    paths = [_write(tmp_path, "brief.txt", first), _write(tmp_path, "debat.txt", second)]
    _, findings = _check(paths, rules, nlp)
    (finding,) = _pair(findings, a, b)
    assert finding.verdict == verdict
    assert finding.explanation and 0 < finding.confidence <= 1


def test_the_same_value_in_unrelated_debates_is_no_match(tmp_path: Path, rules: Rules,
                                                         nlp: Language) -> None:
    paths = [
        _write(tmp_path, "pensioen.txt", "Er is een gat van 400 miljoen euro in het fonds."),
        _write(tmp_path, "step.txt", "De STEP-subsidie van 400 miljoen euro loopt eind 2018 af."),
        _write(tmp_path, "defensie.txt", "We maken nu 400 miljoen vrij voor Defensie."),
    ]
    _, findings = _check(paths, rules, nlp)
    assert [f for f in findings if f.kind != "arithmetic"] == []


def test_per_week_and_per_month_are_not_compared_as_one_amount(tmp_path: Path, rules: Rules,
                                                               nlp: Language) -> None:
    paths = [_write(tmp_path, "a.txt", "Er zou 350 miljoen pond per week naar de NHS gaan."),
             _write(tmp_path, "b.txt", "Er zou 1,4 miljard pond per maand naar de NHS gaan.")]
    _, findings = _check(paths, rules, nlp)
    assert _pair(findings, "350 miljoen pond", "1,4 miljard pond") == []


def test_finding_ids_do_not_depend_on_input_order(tmp_path: Path, rules: Rules,
                                                  nlp: Language) -> None:
    first, second = VERDICTS[1][0], VERDICTS[1][1]
    a, b = _write(tmp_path, "a.txt", first), _write(tmp_path, "b.txt", second)
    ids_ab = sorted(f.id for f in _check([a, b], rules, nlp)[1])
    ids_ba = sorted(f.id for f in _check([b, a], rules, nlp)[1])
    assert ids_ab == ids_ba and ids_ab


def _claim(i: int, keys: tuple[str, ...]) -> Claim:
    return Claim(id=f"c{i}", doc=f"d{i}.txt", page=None, start=0, end=2, text="10", value=10,
                 unit="count", qualifier="exact", interval=Interval.rounded(9.5, 10.5),
                 sentence=f"zin {i}",
                 speaker=None, measure_keys=keys)


def test_linking_never_compares_all_pairs(rules: Rules) -> None:
    """A key shared by more claims than max_block is too common to link on."""
    many = rules.linking.max_block + 50
    claims = [_claim(i, ("concept:groei", f"woord{i}")) for i in range(many)]
    assert candidate_pairs(claims, rules.linking) == []
    assert link_claims(claims, rules) == []


def test_only_claims_in_one_unit_are_paired(rules: Rules) -> None:
    from dataclasses import replace

    a, b = _claim(1, ("werkloosheid",)), _claim(2, ("werkloosheid",))
    assert candidate_pairs([a, b], rules.linking) == [(0, 1)]
    assert candidate_pairs([a, replace(b, unit="percent")], rules.linking) == []


def test_copies_of_a_statement_give_one_finding(tmp_path: Path, rules: Rules,
                                                nlp: Language) -> None:
    """The same publication as PDF and XML, or a figure quoted in three letters: one finding."""
    first, second = VERDICTS[1][0], VERDICTS[1][1]
    paths = [_write(tmp_path, f"brief-{i}.txt", first) for i in range(3)]
    paths += [_write(tmp_path, f"debat-{i}.txt", second) for i in range(3)]
    _, findings = _check(paths, rules, nlp)
    (finding,) = _pair(findings, "53 procent", "61 procent")
    assert finding.verdict == "discrepancy"
    assert "nog 4 keer elders" in finding.explanation
    _, fewer = _check(paths[:1] + paths[3:4], rules, nlp)
    assert [f.id for f in _pair(fewer, "53 procent", "61 procent")] == [finding.id]


def test_renaming_a_file_keeps_every_finding_id(tmp_path: Path, rules: Rules,
                                                nlp: Language) -> None:
    """Finding ids come from statements, not file names: an analyst's verdicts survive a
    rename, arithmetic included."""
    import shutil
    before, after = tmp_path / "before", tmp_path / "after"
    before.mkdir()
    after.mkdir()
    for source in sorted(EXAMPLES.glob("*.txt")):
        shutil.copy(source, before / source.name)
        shutil.copy(source, after / f"hernoemd-{source.name}")
    ids_before = {f.id for f in _check([str(before)], rules, nlp)[1]}
    ids_after = {f.id for f in _check([str(after)], rules, nlp)[1]}
    assert ids_before == ids_after
    assert any(i.startswith("a") for i in ids_after)  # arithmetic findings among them


def test_choose_statements_takes_the_first_by_place_and_counts_the_copies() -> None:
    """Which claim stands for a statement decides which quote a finding shows: the one
    first by document name and offset (of equal places, the one given first), whatever
    order the items come in; the statement stays where it first occurs."""
    from factcheck.link import Chosen, choose_statements

    keys = ["53%|zin", "52%|zin", "53%|zin", "53%|zin", "52%|zin"]
    places = [("b.pdf", 10), ("a.pdf", 5), ("a.pdf", 99), ("a.pdf", 99), ("a.pdf", 5)]
    assert choose_statements(keys, places) == [Chosen(first=0, chosen=2, copies=2),
                                               Chosen(first=1, chosen=1, copies=1)]
    assert choose_statements([], []) == []
