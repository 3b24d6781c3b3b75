"""Load and validate the language data in ``rules/`` into typed, frozen objects.

Every rules file is YAML. Every entry carries an ``example``: a real Dutch
sentence showing the entry at work (``tests/test_rules_files.py`` runs each
example through the code that uses it). Loading checks each file once, at the
boundary: an unknown key, a missing example, a duplicate word or a pattern
that does not compile is a :class:`RulesError` naming the file, the entry and
the bad value.
"""

from __future__ import annotations

import hashlib
import importlib.resources
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from factcheck.errors import RulesError
from factcheck.rules._file import NamedPatterns, PatternRule, RuleFile, pattern_rules
from factcheck.rules.arithmetic import Arithmetic, ArithmeticRelation, load_arithmetic
from factcheck.rules.documents import (
    Layout,
    PdfGeometry,
    Structure,
    TableUnit,
    load_layout,
    load_structure,
)
from factcheck.rules.indicators import Indicator, Indicators, load_indicators
from factcheck.rules.language import (
    ApproxSuffix,
    Fraction,
    Hedge,
    MoneyContext,
    NumberWords,
    PerWords,
    Rounding,
    Scale,
    Unit,
    load_hedges,
    load_money_context,
    load_numbers,
    load_per_words,
    load_reach,
    load_rounding,
    load_scales,
    load_units,
)
from factcheck.rules.measures import (
    Concept,
    Linking,
    Measures,
    PeriodRule,
    Phrases,
    SeverityRules,
    load_linking,
    load_measures,
    load_periods,
    load_phrases,
    load_severity,
)
from factcheck.rules.publications import Publications, load_publications
from factcheck.rules.verdicts import Explanations, load_explanations

__all__ = [
    "RULE_FILES", "ApproxSuffix", "Arithmetic", "ArithmeticRelation", "Concept",
    "Explanations", "Fraction", "Hedge", "Indicator", "Indicators", "Layout", "Linking",
    "Measures", "MoneyContext",
    "NamedPatterns", "NumberWords",
    "PatternRule", "PdfGeometry", "PerWords", "PeriodRule", "Phrases", "Publications",
    "Rounding", "Rules", "Scale",
    "SeverityRules", "Structure", "TableUnit", "Unit", "default_rules_dir", "load_rules",
    "rules_data", "rules_from_data",
]

RULE_FILES = (
    "numbers.nl.yml",
    "scales.nl.yml",
    "units.nl.yml",
    "hedges.nl.yml",
    "nonclaims.nl.yml",
    "tolerances.yml",
    "layout.nl.yml",
    "structure.nl.yml",
    "arithmetic.nl.yml",
    "measures.nl.yml",
    "periods.nl.yml",
    "verdicts.nl.yml",
    "publications.nl.yml",
    "indicators.nl.yml",
)


@dataclass(frozen=True)
class Rules:
    """All language data, validated. ``version`` changes whenever any file does."""

    directory: str
    version: str
    numbers: NumberWords
    scales: tuple[Scale, ...]
    units: tuple[Unit, ...]
    money_context: MoneyContext
    per_words: PerWords
    hedges: tuple[Hedge, ...]
    nonclaims: tuple[PatternRule, ...]
    nonclaim_reach: int  # characters either side of a number the nonclaims see
    rounding: Rounding
    layout: Layout
    structure: Structure
    measures: Measures
    phrases: Phrases
    periods: tuple[PeriodRule, ...]
    linking: Linking
    severity: SeverityRules
    arithmetic: Arithmetic
    explanations: Explanations
    publications: Publications
    indicators: Indicators  # phrases → CBS StatLine cells, for check --reference
    # Each file's content as parsed from YAML, before validation built the fields above:
    # what a saved spaCy pipeline stores (see rules_data, rules_from_data). Read-only.
    data: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)


def default_rules_dir() -> Path:
    """The rules shipped with factcheck.

    A wheel carries them inside the package (``factcheck/default_rules``); a
    source checkout or editable install reads the top-level ``rules/`` folder.
    """
    shipped = importlib.resources.files("factcheck").joinpath("default_rules")
    if shipped.is_dir():
        return Path(str(shipped))
    checkout = Path(__file__).resolve().parents[2] / "rules"
    if checkout.is_dir():
        return checkout
    raise RulesError(
        "the default rules are missing from this installation — reinstall factcheck "
        "or pass --rules DIR"
    )


_CACHE: dict[tuple[str, str], Rules] = {}


def load_rules(directory: Path | None = None) -> Rules:
    """Read every rules file in ``directory`` (default: the shipped rules)."""
    folder = directory if directory is not None else default_rules_dir()
    if not folder.is_dir():
        raise RulesError(f"{folder}: not a folder of rules files — pass --rules DIR")
    raw = {name: _bytes(folder / name) for name in RULE_FILES}
    version = hashlib.sha256(b"".join(raw[name] for name in RULE_FILES)).hexdigest()[:12]
    key = (str(folder.resolve()), version)
    if key not in _CACHE:  # parse and validate only what has not been seen (~0,6 s of YAML)
        data = {name: _parse(folder / name, raw[name]) for name in RULE_FILES}
        _CACHE[key] = _build(str(folder), version, data)
    return _CACHE[key]


def rules_data(rules: Rules) -> dict[str, Any]:
    """The rules as plain data (JSON), to store with a saved pipeline: version and files.

    These are the files the rules were loaded from: a Rules changed in code
    (``dataclasses.replace``) is saved as its files say; change the files instead.
    """
    missing = [name for name in RULE_FILES if name not in rules.data]
    if missing:
        raise RulesError(f"{rules.directory}: these rules were not loaded from files "
                         f"({', '.join(missing)} missing) — load them with load_rules")
    return {"version": rules.version, "files": {name: rules.data[name] for name in RULE_FILES}}


def rules_from_data(data: Any, where: str) -> Rules:
    """Rules from what :func:`rules_data` gave, validated again; ``where``: whence, for errors."""
    if not isinstance(data, dict) or not isinstance(data.get("files"), dict):
        raise RulesError(f"{where}: not saved rules — save the pipeline again with nlp.to_disk")
    files = data["files"]
    missing = [name for name in RULE_FILES if not isinstance(files.get(name), dict)]
    if missing:
        raise RulesError(f"{where}: saved rules lack {', '.join(missing)} — save the pipeline "
                         "again with nlp.to_disk")
    return _build(where, str(data.get("version", "")), files)


def _bytes(path: Path) -> bytes:
    if not path.is_file():
        raise RulesError(f"{path}: rules file missing — copy it from the default rules folder")
    return path.read_bytes()


def _parse(path: Path, content: bytes) -> Any:
    try:
        data = yaml.safe_load(content.decode("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise RulesError(f"{path.name}: not valid UTF-8 YAML ({detail})") from exc
    if not isinstance(data, dict):
        raise RulesError(f"{path.name}: expected a mapping at the top level")
    return data


def _build(directory: str, version: str, data: Mapping[str, Any]) -> Rules:
    def file(name: str) -> RuleFile:
        return RuleFile(name, data[name])

    return Rules(
        directory=directory,
        version=version,
        numbers=load_numbers(file("numbers.nl.yml")),
        scales=load_scales(file("scales.nl.yml")),
        units=load_units(file("units.nl.yml")),
        money_context=load_money_context(file("units.nl.yml")),
        per_words=load_per_words(file("units.nl.yml")),
        hedges=load_hedges(file("hedges.nl.yml")),
        nonclaims=pattern_rules(file("nonclaims.nl.yml"), "nonclaims"),
        nonclaim_reach=load_reach(file("nonclaims.nl.yml")),
        rounding=load_rounding(file("tolerances.yml")),
        layout=load_layout(file("layout.nl.yml")),
        structure=load_structure(file("structure.nl.yml")),
        arithmetic=load_arithmetic(file("arithmetic.nl.yml")),
        measures=load_measures(file("measures.nl.yml")),
        phrases=load_phrases(file("measures.nl.yml")),
        periods=load_periods(file("periods.nl.yml")),
        linking=load_linking(file("tolerances.yml")),
        severity=load_severity(file("tolerances.yml")),
        explanations=load_explanations(file("verdicts.nl.yml")),
        publications=load_publications(file("publications.nl.yml")),
        indicators=load_indicators(file("indicators.nl.yml")),
        data={name: data[name] for name in RULE_FILES},
    )
