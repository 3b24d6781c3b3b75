"""Every rules file loads, each entry's example shows the entry at work, bad rules are named."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from factcheck.errors import RulesError
from factcheck.extract.quantities import find_quantities, nonclaim_mask
from factcheck.rules import RULE_FILES, Rules, default_rules_dir, load_rules


def test_every_rules_file_is_present_and_loads(rules: Rules) -> None:
    folder = default_rules_dir()
    for name in RULE_FILES:
        assert (folder / name).is_file(), name
    assert len(rules.version) == 12


def test_each_hedge_example_yields_its_qualifier(rules: Rules) -> None:
    for hedge in rules.hedges:
        found = find_quantities(hedge.example, rules)
        assert any(q.qualifier == hedge.qualifier for q in found), (hedge.words, hedge.example)


def test_each_unit_example_yields_its_unit(rules: Rules) -> None:
    for unit in rules.units:
        found = find_quantities(unit.example, rules)
        assert any(q.unit == unit.unit for q in found), (unit.unit, unit.example)


def test_each_scale_example_yields_a_scaled_value(rules: Rules) -> None:
    for scale in rules.scales:
        found = find_quantities(scale.example, rules)
        assert any(q.value >= scale.factor for q in found), (scale.words, scale.example)


def test_each_fraction_example_yields_a_claim(rules: Rules) -> None:
    for fraction in rules.numbers.fractions.values():
        assert find_quantities(fraction.example, rules), fraction.example


def test_money_context_example_is_money(rules: Rules) -> None:
    assert [q.unit for q in find_quantities(rules.money_context.example, rules)] == ["EUR"]


def test_each_nonclaim_example_leaves_its_numbers_unclaimed(rules: Rules) -> None:
    for rule in rules.nonclaims:
        match = rule.pattern.search(rule.example)
        assert match is not None
        claimed = [q for q in find_quantities(rule.example, rules)
                   if q.start < match.end() and match.start() < q.end]
        assert claimed == [], (rule.name, [q.text for q in claimed])


def test_reach_example_is_masked_whole(rules: Rules) -> None:
    import yaml

    data = yaml.safe_load((default_rules_dir() / "nonclaims.nl.yml").read_text("utf-8"))
    example = data["reach"]["example"]
    assert re.search(r"\d", example) and find_quantities(example, rules) == []


def test_copies_example_is_the_copies_template_filled_in(rules: Rules) -> None:
    import yaml

    data = yaml.safe_load((default_rules_dir() / "verdicts.nl.yml").read_text("utf-8"))
    assert rules.explanations.copies.format(count=4) == data["words"]["example"]


def test_nonclaim_mask_names_the_rule(rules: Rules) -> None:
    names = {name for _, _, name in nonclaim_mask("Aanvang 19.03 uur.", rules)}
    assert "clock-time" in names


def test_layout_and_structure_examples_match(rules: Rules) -> None:
    for rule in (*rules.layout.furniture, *rules.structure.speakers, *rules.structure.sections):
        assert rule.pattern.search(rule.example), rule.name


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), target)
    return target


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("hedges.nl.yml", "qualifier: at_least", "qualifier: mostly",
         r"hedges\.nl\.yml: hedges\[\d+\]\.qualifier: expected one of .*'mostly'"),
        ("scales.nl.yml", "factor: 1000000\n", "factor: lots\n",
         r"scales\.nl\.yml: scales\[1\]\.factor: expected a number \(got 'lots'\)"),
        ("units.nl.yml", "  - unit: km\n", "  - unit: km\n    colour: blue\n",
         r"units\.nl\.yml: units\[\d+\]: unknown key 'colour'"),
        ("nonclaims.nl.yml", r"pattern: '\b\d{1,2}[-/.]", r"pattern: '(\b\d{1,2}[-/.]",
         r"nonclaims\.nl\.yml: nonclaims\[\d+\]\.pattern: not a valid regular expression"),
        ("nonclaims.nl.yml", "  characters: 60\n", "  characters: 60.5\n",
         r"nonclaims\.nl\.yml: reach\.characters: expected a whole number \(got 60\.5\)"),
        ("nonclaims.nl.yml", "  characters: 60\n", "  characters: 0\n",
         r"nonclaims\.nl\.yml: reach\.characters: must lie between 1 and 10000"),
        ("verdicts.nl.yml", "{difference} verschil", "{diff} verschil",
         r"verdicts\.nl\.yml: verdicts\.discrepancy: unknown placeholder \{diff\}"),
        ("verdicts.nl.yml", '"{a} tegenover {b}: de cijfers', '"{a}: de cijfers',
         r"verdicts\.nl\.yml: verdicts\.consistent: missing placeholder \{b\}"),
        ("verdicts.nl.yml", "  different-period:", "  other-period:",
         r"verdicts\.nl\.yml: verdicts: unknown key 'other-period'"),
        ("nonclaims.nl.yml", "    needs: [postbus, antwoordnummer]\n", "    needs: [telefoon]\n",
         r"nonclaims\.nl\.yml: nonclaims\[\d+\]\.needs: a match of 'po-box' in its example "
         r"holds none of these strings"),
        ("scales.nl.yml", "words: [biljoen]", "words: [biljoen, miljoen]",
         r"scales\.nl\.yml: scales\[3\]\.words: duplicate word, also in scales\[1\]"),
    ],
)
def test_a_bad_entry_is_named_with_file_key_and_value(rules_copy: Path, file: str, old: str,
                                                      new: str, message: str) -> None:
    path = rules_copy / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RulesError, match=message):
        load_rules(rules_copy)


def test_an_entry_without_example_is_refused(rules_copy: Path) -> None:
    path = rules_copy / "scales.nl.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'\n    example: "De gemeente trekt drie ton[^\n]*', "", text),
                    encoding="utf-8")
    with pytest.raises(RulesError, match=r"scales\[4\]: missing key 'example'"):
        load_rules(rules_copy)


def test_a_missing_rules_folder_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match="pass --rules DIR"):
        load_rules(tmp_path / "nowhere")


def test_ranges_example_gives_three_ranges(rules: Rules) -> None:
    import yaml

    data = yaml.safe_load((default_rules_dir() / "numbers.nl.yml").read_text("utf-8"))
    found = find_quantities(data["ranges"]["example"], rules)
    assert [q.qualifier for q in found] == ["range", "range", "range"]


def test_each_table_unit_example_is_read_as_that_unit(rules: Rules) -> None:
    from factcheck.ingest.tables import table_unit

    for unit in rules.layout.table_units:
        assert table_unit(unit.example, rules.layout.table_units) is unit, unit.name


def test_each_doc_type_example_gives_its_type(rules: Rules) -> None:
    from factcheck.ingest.structure import find_doc_type

    for rule in rules.structure.doc_types:
        assert find_doc_type(rule.example, rules.structure) == rule.kind, rule.name


def test_each_date_example_gives_a_date(rules: Rules) -> None:
    from dataclasses import replace

    from factcheck.ingest.structure import find_date

    for rule in rules.structure.dates:
        alone = replace(rules.structure, dates=(rule,))
        assert find_date(rule.example, alone), rule.name


def test_needs_only_skip_text_where_a_pattern_cannot_match(rules: Rules) -> None:
    """The ``needs`` of the non-claim patterns save time, never a match: on real
    documents the mask is the same as when every pattern searches everywhere."""
    from dataclasses import replace

    from factcheck.extract.quantities import find_cores, grammar, stretches

    everywhere = replace(rules, nonclaims=tuple(replace(r, needs=()) for r in rules.nonclaims))
    folder = Path(__file__).resolve().parent
    paths = [*(folder.parent / "examples").glob("*.txt"),
             *(folder / "data" / "gold" / "docs").glob("*.txt")]
    texts = [p.read_text(encoding="utf-8") for p in sorted(paths)]
    assert len(texts) > 30
    for text in texts:
        around = stretches(text, find_cores(text, grammar(rules)), rules.nonclaim_reach)
        assert nonclaim_mask(text, rules, around) == nonclaim_mask(text, everywhere, around)
