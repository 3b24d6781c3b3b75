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
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from factcheck.errors import RulesError
from factcheck.records import QUALIFIERS, Qualifier

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
)


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class NumberWords:
    """Dutch number words: the atoms compounds are made of, and fractions."""

    units: Mapping[str, int]  # een..negentien (as parts of compounds)
    tens: Mapping[str, int]  # twintig..negentig
    hundred: str  # honderd
    thousand: str  # duizend
    standalone: Mapping[str, int]  # words that count on their own ("één", "twee", ...)
    fractions: Mapping[str, Fraction]
    min_bare_value: int  # a bare number word below this is no claim ("twee dingen")
    approx_suffix: ApproxSuffix


@dataclass(frozen=True)
class ApproxSuffix:
    """A suffix that makes a number word approximate: "een twintigtal" is about 20."""

    suffix: str
    article: str
    margin: float
    example: str


@dataclass(frozen=True)
class Fraction:
    word: str
    value: float
    percent_alone: bool  # "de helft" (no scale word after it) reads as 50 percent
    needs_after: tuple[str, ...]  # "een derde van": without one of these it is an ordinal
    example: str


@dataclass(frozen=True)
class Scale:
    words: tuple[str, ...]
    factor: float
    money_only: bool
    example: str


@dataclass(frozen=True)
class Unit:
    unit: str
    before: tuple[str, ...]
    after: tuple[str, ...]
    money: bool
    example: str


@dataclass(frozen=True)
class Hedge:
    words: tuple[str, ...]
    qualifier: Qualifier
    margin: float | None  # relative reach of "a bit" / "around"; None is unbounded
    example: str


@dataclass(frozen=True)
class PatternRule:
    """A named regular expression with the kind of thing it recognizes."""

    name: str
    kind: str
    pattern: re.Pattern[str]
    example: str


@dataclass(frozen=True)
class Rounding:
    """How far an unhedged number may stray because it was rounded when written."""

    round_number_max_relative: float


@dataclass(frozen=True)
class PerWords:
    """Words before a number that make it a rate: "jaarlijks" → per jaar."""

    words: Mapping[str, str]
    window: int
    example: str


@dataclass(frozen=True)
class MoneyContext:
    words: tuple[str, ...]  # words near an amount that make it money
    window: int  # how many words either side are looked at
    after_amount: tuple[str, ...]  # words that may follow an amount; any other is a counted noun
    participle: re.Pattern[str]  # a verb form after an amount ("aangekondigd"), no counted noun
    example: str


@dataclass(frozen=True)
class PdfGeometry:
    """Page geometry, in PDF points, for finding columns and footnotes."""

    min_gutter: float  # a text-free vertical strip this wide may separate columns
    min_column_width: float  # median line width each side of a gutter; narrower is a table
    max_spanning_share: float  # share of lines that may cross a gutter (headings)
    footnote_height_ratio: float  # footnote lines are lower than this share of body lines
    min_letter_share: float  # below this share of letters a text layer is garbage


@dataclass(frozen=True)
class Layout:
    furniture: tuple[PatternRule, ...]  # whole lines that are page furniture
    keep_hyphen_prefixes: tuple[str, ...]  # "hbo-" at a line end stays "hbo-"
    keep_hyphen_example: str
    vowel_clash: frozenset[str] = frozenset()  # "zee-\negel": "ee" keeps the hyphen
    conjunctions: frozenset[str] = frozenset()  # "Wet-\nen regelgeving" → "Wet- en"
    footnote: re.Pattern[str] | None = None  # first line of a footnote; group "number"
    pdf: PdfGeometry | None = None


@dataclass(frozen=True)
class Structure:
    speakers: tuple[PatternRule, ...]  # a line that opens a speaker turn
    sections: tuple[PatternRule, ...]  # "Vraag 3", "Antwoord 3"
    dates: tuple[PatternRule, ...] = ()  # where a document states its date; groups day/month/year
    months: Mapping[str, int] | None = None  # "juni" → 6
    doc_types: tuple[PatternRule, ...] = ()  # a phrase naming the document type (kind)
    titles: frozenset[str] = frozenset()  # "mr.", "dr.": a dot that ends no sentence
    written_questions: tuple[PatternRule, ...] = ()  # who asks and who answers (Aanhangsel)
    heading_max_chars: int = 60  # a short line without punctuation is a heading


@dataclass(frozen=True)
class ArithmeticRelation:
    """A way of stating arithmetic: a pattern over a passage whose claims are slots."""

    name: str
    relation: str  # the kind: share, difference, change, per_unit, rate, product, sum, ...
    pattern: str  # with {slot} and {word-list} placeholders (factcheck/arithmetic.py)
    confidence: float
    example: str


@dataclass(frozen=True)
class Arithmetic:
    """``arithmetic.nl.yml``: cue words and patterns for arithmetic stated in the text."""

    relations: tuple[ArithmeticRelation, ...]
    words: Mapping[str, tuple[str, ...]]
    periods: Mapping[str, tuple[float, float]]  # period word → days (low, high)
    units: Mapping[str, tuple[str, str]]  # unit → text before and after a number
    open_above: str
    open_below: str
    explanations: Mapping[str, tuple[str, str]]  # kind → (consistent, inconsistent)
    part_max_relative: float
    high_miss_relative: float
    ambiguity_factor: float


@dataclass(frozen=True)
class NamedPatterns:
    """A name with the regular expressions that recognize it ("tekort", "hbo", "CBS")."""

    name: str
    patterns: tuple[re.Pattern[str], ...]
    example: str

    def found_in(self, text: str) -> bool:
        return any(p.search(text) for p in self.patterns)


@dataclass(frozen=True)
class Concept(NamedPatterns):
    overrides: frozenset[str] = frozenset()  # concepts that, found with this one, describe it
    weight: float = 1.0  # how much sharing it says; a generic noun ("banen") says less
    change: bool = False  # the number is a change, not a level


@dataclass(frozen=True)
class Measures:
    """What a number measures: concepts, populations, sources, places (measures.nl.yml)."""

    concepts: tuple[Concept, ...]
    populations: tuple[NamedPatterns, ...]
    levels: frozenset[str]  # the populations that are education levels (mbo, hbo …)
    sources: tuple[NamedPatterns, ...]
    places: tuple[NamedPatterns, ...]
    stopwords: frozenset[str]
    pointers: frozenset[str]


@dataclass(frozen=True)
class PeriodRule:
    name: str
    pattern: re.Pattern[str]
    label: str
    offset: int | None  # relative to the document's year ("vorig jaar" = -1)
    example: str


@dataclass(frozen=True)
class Linking:
    min_distance: int
    min_evidence: int
    min_word_score: float
    units: frozenset[str]
    min_score: float
    min_score_without_concept: float
    min_words_without_concept: int
    concept_weight: float
    max_block: int
    window: int


@dataclass(frozen=True)
class SeverityRules:
    high_relative: float
    high_points: float
    medium_relative: float
    medium_points: float


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
    rounding: Rounding
    layout: Layout
    structure: Structure
    measures: Measures
    periods: tuple[PeriodRule, ...]
    linking: Linking
    severity: SeverityRules
    arithmetic: Arithmetic | None = None


# --------------------------------------------------------------------------- loading


def default_rules_dir() -> Path:
    """The rules shipped with factcheck.

    A wheel carries them inside the package (``factcheck/default_rules``); a
    source checkout or editable install reads the top-level ``rules/`` folder.
    """
    shipped = importlib.resources.files("factcheck").joinpath("default_rules")
    if shipped.is_dir():
        return Path(str(shipped))
    checkout = Path(__file__).resolve().parent.parent / "rules"
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
    raw = {name: _read(folder / name) for name in RULE_FILES}
    version = hashlib.sha256(b"".join(raw[name][1] for name in RULE_FILES)).hexdigest()[:12]
    key = (str(folder.resolve()), version)
    if key not in _CACHE:
        data = {name: raw[name][0] for name in RULE_FILES}
        _CACHE[key] = _build(str(folder), version, data)
    return _CACHE[key]


def _read(path: Path) -> tuple[Any, bytes]:
    if not path.is_file():
        raise RulesError(f"{path}: rules file missing — copy it from the default rules folder")
    content = path.read_bytes()
    try:
        data = yaml.safe_load(content.decode("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise RulesError(f"{path.name}: not valid UTF-8 YAML ({detail})") from exc
    if not isinstance(data, dict):
        raise RulesError(f"{path.name}: expected a mapping at the top level")
    return data, content


def _build(directory: str, version: str, data: Mapping[str, Any]) -> Rules:
    return Rules(
        directory=directory,
        version=version,
        numbers=_numbers(_File("numbers.nl.yml", data["numbers.nl.yml"])),
        scales=_scales(_File("scales.nl.yml", data["scales.nl.yml"])),
        units=_units(_File("units.nl.yml", data["units.nl.yml"])),
        money_context=_money_context(_File("units.nl.yml", data["units.nl.yml"])),
        per_words=_per_words(_File("units.nl.yml", data["units.nl.yml"])),
        hedges=_hedges(_File("hedges.nl.yml", data["hedges.nl.yml"])),
        nonclaims=_patterns(_File("nonclaims.nl.yml", data["nonclaims.nl.yml"]), "nonclaims"),
        rounding=_rounding(_File("tolerances.yml", data["tolerances.yml"])),
        layout=_layout(_File("layout.nl.yml", data["layout.nl.yml"])),
        structure=_structure(_File("structure.nl.yml", data["structure.nl.yml"])),
        arithmetic=_arithmetic(_File("arithmetic.nl.yml", data["arithmetic.nl.yml"])),
        measures=_measures(_File("measures.nl.yml", data["measures.nl.yml"])),
        periods=_periods(_File("periods.nl.yml", data["periods.nl.yml"])),
        linking=_linking(_File("tolerances.yml", data["tolerances.yml"])),
        severity=_severity(_File("tolerances.yml", data["tolerances.yml"])),
    )


# --------------------------------------------------------------------------- validation


class _File:
    """One parsed rules file, with helpers that raise errors naming file and key."""

    def __init__(self, name: str, data: Mapping[str, Any]) -> None:
        self.name = name
        self.data = data

    def fail(self, where: str, problem: str, value: object = None) -> RulesError:
        got = "" if value is None else f" (got {value!r})"
        return RulesError(f"{self.name}: {where}: {problem}{got}")

    def section(self, key: str) -> Any:
        if key not in self.data:
            raise self.fail(key, "missing section")
        return self.data[key]

    def mapping(self, key: str, required: Iterable[str],
                optional: Iterable[str] = ()) -> Mapping[str, Any]:
        """A section that is one mapping with known keys."""
        entry = self.section(key)
        if not isinstance(entry, dict):
            raise self.fail(key, "expected a mapping", entry)
        self.check_keys(key, entry, required, optional)
        return entry

    def entries(self, key: str) -> list[tuple[str, Mapping[str, Any]]]:
        items = self.section(key)
        if not isinstance(items, list) or not items:
            raise self.fail(key, "expected a non-empty list of entries", items)
        out: list[tuple[str, Mapping[str, Any]]] = []
        for i, item in enumerate(items):
            where = f"{key}[{i}]"
            if not isinstance(item, dict):
                raise self.fail(where, "expected a mapping", item)
            out.append((where, item))
        return out

    def check_keys(self, where: str, entry: Mapping[str, Any], required: Iterable[str],
                   optional: Iterable[str] = ()) -> None:
        required, optional = set(required), set(optional)
        unknown = set(entry) - required - optional
        if unknown:
            raise self.fail(where, f"unknown key {sorted(unknown)[0]!r}; allowed: "
                            f"{', '.join(sorted(required | optional))}")
        missing = required - set(entry)
        if missing:
            raise self.fail(where, f"missing key {sorted(missing)[0]!r}")

    def text(self, where: str, entry: Mapping[str, Any], key: str) -> str:
        value = entry.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{where}.{key}", "expected non-empty text", value)
        return value

    def words(self, where: str, entry: Mapping[str, Any], key: str,
              seen: dict[str, str] | None = None) -> tuple[str, ...]:
        value = entry.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.fail(f"{where}.{key}", "expected a list of words", value)
        for word in value:
            if seen is not None:
                if word.lower() in seen:
                    raise self.fail(f"{where}.{key}",
                                    f"duplicate word, also in {seen[word.lower()]}", word)
                seen[word.lower()] = where
        return tuple(value)

    def number(self, where: str, entry: Mapping[str, Any], key: str, *,
               minimum: float | None = None, maximum: float | None = None) -> float:
        value = entry.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(f"{where}.{key}", "expected a number", value)
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            raise self.fail(f"{where}.{key}", f"must lie between {minimum} and {maximum}", value)
        return float(value)

    def pattern(self, where: str, entry: Mapping[str, Any], key: str) -> re.Pattern[str]:
        source = self.text(where, entry, key)
        try:
            return re.compile(source, re.MULTILINE)
        except re.error as exc:
            raise self.fail(f"{where}.{key}", f"not a valid regular expression ({exc})",
                            source) from exc


def _int_table(f: _File, key: str) -> dict[str, int]:
    table = f.section(key)
    if not isinstance(table, dict) or not table:
        raise f.fail(key, "expected a mapping of word: value", table)
    for word, value in table.items():
        if not isinstance(word, str) or isinstance(value, bool) or not isinstance(value, int):
            raise f.fail(f"{key}.{word}", "expected a whole number", value)
    return {word.lower(): value for word, value in table.items()}


def _numbers(f: _File) -> NumberWords:
    f.check_keys("top level", f.data, ["units", "tens", "hundred", "thousand", "standalone",
                                       "fractions", "min_bare_value", "approx_suffix", "example"])
    f.text("top level", f.data, "example")
    fractions = {}
    for where, entry in f.entries("fractions"):
        f.check_keys(where, entry, ["word", "value", "example"], ["percent_alone", "needs_after"])
        word = f.text(where, entry, "word").lower()
        if word in fractions:
            raise f.fail(where, "duplicate fraction word", word)
        fractions[word] = Fraction(word, f.number(where, entry, "value", minimum=0),
                                   bool(entry.get("percent_alone", False)),
                                   tuple(w.lower() for w in f.words(where, entry, "needs_after")),
                                   f.text(where, entry, "example"))
    return NumberWords(
        units=_int_table(f, "units"),
        tens=_int_table(f, "tens"),
        hundred=f.text("top level", f.data, "hundred").lower(),
        thousand=f.text("top level", f.data, "thousand").lower(),
        standalone=_int_table(f, "standalone"),
        fractions=fractions,
        min_bare_value=int(f.number("top level", f.data, "min_bare_value", minimum=0)),
        approx_suffix=_approx_suffix(f),
    )


def _approx_suffix(f: _File) -> ApproxSuffix:
    entry = f.mapping("approx_suffix", ["suffix", "article", "margin", "example"])
    return ApproxSuffix(f.text("approx_suffix", entry, "suffix").lower(),
                        f.text("approx_suffix", entry, "article").lower(),
                        f.number("approx_suffix", entry, "margin", minimum=0, maximum=1),
                        f.text("approx_suffix", entry, "example"))


def _scales(f: _File) -> tuple[Scale, ...]:
    seen: dict[str, str] = {}
    out = []
    for where, entry in f.entries("scales"):
        f.check_keys(where, entry, ["words", "factor", "example"], ["money_only"])
        out.append(Scale(f.words(where, entry, "words", seen),
                         f.number(where, entry, "factor", minimum=1),
                         bool(entry.get("money_only", False)), f.text(where, entry, "example")))
    return tuple(out)


def _units(f: _File) -> tuple[Unit, ...]:
    seen_before: dict[str, str] = {}
    seen_after: dict[str, str] = {}
    out = []
    for where, entry in f.entries("units"):
        f.check_keys(where, entry, ["unit", "example"], ["before", "after", "money"])
        unit = Unit(f.text(where, entry, "unit"), f.words(where, entry, "before", seen_before),
                    f.words(where, entry, "after", seen_after), bool(entry.get("money", False)),
                    f.text(where, entry, "example"))
        if not unit.before and not unit.after:
            raise f.fail(where, "a unit needs words before or after the number", entry)
        out.append(unit)
    return tuple(out)


def _money_context(f: _File) -> MoneyContext:
    entry = f.mapping("money_context", ["words", "window", "after_amount", "participle",
                                          "example"])
    return MoneyContext(f.words("money_context", entry, "words", {}),
                        int(f.number("money_context", entry, "window", minimum=1, maximum=30)),
                        tuple(w.lower() for w in f.words("money_context", entry, "after_amount",
                                                          {})),
                        f.pattern("money_context", entry, "participle"),
                        f.text("money_context", entry, "example"))


def _per_words(f: _File) -> PerWords:
    entry = f.mapping("per_words", ["words", "window", "example"])
    words = entry["words"]
    if not isinstance(words, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                              for k, v in words.items()):
        raise f.fail("per_words.words", "expected a mapping of word: period", words)
    return PerWords({k.lower(): v for k, v in words.items()},
                    int(f.number("per_words", entry, "window", minimum=1, maximum=10)),
                    f.text("per_words", entry, "example"))


def _hedges(f: _File) -> tuple[Hedge, ...]:
    seen: dict[str, str] = {}
    out = []
    for where, entry in f.entries("hedges"):
        f.check_keys(where, entry, ["words", "qualifier", "example"], ["margin"])
        qualifier = entry["qualifier"]
        if qualifier not in QUALIFIERS or qualifier == "range":
            raise f.fail(f"{where}.qualifier", f"expected one of {', '.join(QUALIFIERS[:-1])}",
                         qualifier)
        margin = (f.number(where, entry, "margin", minimum=0, maximum=1)
                  if "margin" in entry else None)
        if qualifier == "approx" and margin is None:
            raise f.fail(where, "an approx hedge needs a margin")
        out.append(Hedge(f.words(where, entry, "words", seen), qualifier, margin,
                         f.text(where, entry, "example")))
    return tuple(out)


def _patterns(f: _File, key: str) -> tuple[PatternRule, ...]:
    names: set[str] = set()
    out = []
    for where, entry in f.entries(key):
        f.check_keys(where, entry, ["name", "kind", "pattern", "example"])
        name = f.text(where, entry, "name")
        if name in names:
            raise f.fail(where, "duplicate name", name)
        names.add(name)
        rule = PatternRule(name, f.text(where, entry, "kind"), f.pattern(where, entry, "pattern"),
                           f.text(where, entry, "example"))
        if not rule.pattern.search(rule.example):
            raise f.fail(f"{where}.example", f"the pattern of {name!r} does not match its own "
                         "example", rule.example)
        out.append(rule)
    return tuple(out)


def _rounding(f: _File) -> Rounding:
    entry = f.mapping("rounding", ["round_number_max_relative", "example"])
    f.text("rounding", entry, "example")
    return Rounding(f.number("rounding", entry, "round_number_max_relative", minimum=0,
                             maximum=0.5))


def _layout(f: _File) -> Layout:
    keep = f.mapping("keep_hyphen", ["prefixes", "example"], ["vowel_clash", "conjunctions"])
    example = f.text("keep_hyphen", keep, "example")
    return Layout(_patterns(f, "furniture"),
                  tuple(w.lower() for w in f.words("keep_hyphen", keep, "prefixes", {})),
                  example,
                  frozenset(w.lower() for w in f.words("keep_hyphen", keep, "vowel_clash", {})),
                  frozenset(w.lower() for w in f.words("keep_hyphen", keep, "conjunctions", {})),
                  _single_pattern(f, "footnote", "number"), _pdf_geometry(f))


def _single_pattern(f: _File, key: str, group: str) -> re.Pattern[str]:
    entry = f.mapping(key, ["pattern", "example"])
    pattern = f.pattern(key, entry, "pattern")
    if group not in pattern.groupindex:
        raise f.fail(f"{key}.pattern", f"needs a named group {group!r}", pattern.pattern)
    if not pattern.search(f.text(key, entry, "example")):
        raise f.fail(f"{key}.example", "the pattern does not match its own example",
                     entry["example"])
    return pattern


def _pdf_geometry(f: _File) -> PdfGeometry:
    names = ["min_gutter", "min_column_width", "max_spanning_share", "footnote_height_ratio",
             "min_letter_share"]
    entry = f.mapping("pdf", [*names, "example"])
    f.text("pdf", entry, "example")
    limits = {"min_gutter": 200.0, "min_column_width": 400.0}
    return PdfGeometry(*(f.number("pdf", entry, name, minimum=0, maximum=limits.get(name, 1.0))
                         for name in names))


def _structure(f: _File) -> Structure:
    dates = _patterns(f, "dates")
    for rule in dates:
        missing = {"day", "month", "year"} - set(rule.pattern.groupindex)
        if missing:
            raise f.fail(f"dates {rule.name!r}", f"needs the named group {sorted(missing)[0]!r}")
    months = f.mapping("months", ["names", "example"])
    f.text("months", months, "example")
    titles = f.mapping("titles", ["words", "example"])
    return Structure(_patterns(f, "speakers"), _patterns(f, "sections"), dates,
                     _int_table(_File(f.name, months), "names"), _patterns(f, "doc_types"),
                     frozenset(w.lower() for w in f.words("titles", titles, "words")),
                     _patterns(f, "written_questions"), _heading_max_chars(f))


def _heading_max_chars(f: _File) -> int:
    entry = f.mapping("headings", ["max_chars", "example"])
    return int(f.number("headings", entry, "max_chars", minimum=10, maximum=200))


def _arithmetic(f: _File) -> Arithmetic:
    f.check_keys("top level", f.data, ["settings", "words", "periods", "relations", "display",
                                       "explanations"])
    settings, display = f.section("settings"), f.section("display")
    f.check_keys("settings", settings, ["part_max_relative", "high_miss_relative",
                                        "ambiguity_factor", "example"])
    f.check_keys("display", display, ["units", "open_above", "open_below", "example"])
    words = {key: f.words("words", f.section("words"), key, {}) for key in f.section("words")}
    periods = {}
    for where, entry in f.entries("periods"):
        f.check_keys(where, entry, ["words", "days", "example"])
        days = entry["days"]
        if not (isinstance(days, list) and len(days) == 2 and days[0] <= days[1]):
            raise f.fail(f"{where}.days", "expected [low, high] days", days)
        periods.update({w.lower(): (float(days[0]), float(days[1]))
                        for w in f.words(where, entry, "words")})
    return Arithmetic(
        _arithmetic_relations(f), words, periods,
        {unit: (str(pair[0]), str(pair[1])) for unit, pair in display["units"].items()},
        f.text("display", display, "open_above"), f.text("display", display, "open_below"),
        {kind: (f.text(kind, texts, "consistent"), f.text(kind, texts, "inconsistent"))
         for kind, texts in f.section("explanations").items()},
        f.number("settings", settings, "part_max_relative", minimum=0, maximum=0.5),
        f.number("settings", settings, "high_miss_relative", minimum=0, maximum=10),
        f.number("settings", settings, "ambiguity_factor", minimum=0, maximum=1))


def _arithmetic_relations(f: _File) -> tuple[ArithmeticRelation, ...]:
    names: set[str] = set()
    out = []
    for where, entry in f.entries("relations"):
        f.check_keys(where, entry, ["name", "relation", "pattern", "confidence", "example"])
        name = f.text(where, entry, "name")
        if name in names:
            raise f.fail(where, "duplicate name", name)
        names.add(name)
        pattern = f.text(where, entry, "pattern")
        try:  # placeholders stand for groups; the rest must be a valid expression
            re.compile(re.sub(r"\{[a-z_][a-z0-9_]*\}", "(?:x)", pattern))
        except re.error as exc:
            raise f.fail(f"{where}.pattern", f"not a valid regular expression ({exc})",
                         pattern) from exc
        out.append(ArithmeticRelation(name, f.text(where, entry, "relation"), pattern,
                                      f.number(where, entry, "confidence", minimum=0, maximum=1),
                                      f.text(where, entry, "example")))
    return tuple(out)


# --------------------------------------------------------------------------- measures


def _concepts(f: _File) -> tuple[Concept, ...]:
    named = _named(f, "concepts", "concept", optional=("overrides", "weight", "change"))
    names = {c.name for c in named}
    out = []
    for (where, entry), rule in zip(f.entries("concepts"), named, strict=True):
        overrides = frozenset(f.words(where, entry, "overrides"))
        unknown = overrides - names
        if unknown:
            raise f.fail(f"{where}.overrides", "not a concept in this file",
                         sorted(unknown)[0])
        weight = (f.number(where, entry, "weight", minimum=0, maximum=1)
                  if "weight" in entry else 1.0)
        change = entry.get("change", False)
        if not isinstance(change, bool):
            raise f.fail(f"{where}.change", "expected true or false", change)
        out.append(Concept(rule.name, rule.patterns, rule.example, overrides, weight, change))
    return tuple(out)


def _named(f: _File, key: str, name_key: str,
           optional: tuple[str, ...] = ()) -> tuple[NamedPatterns, ...]:
    out, names = [], set()
    for where, entry in f.entries(key):
        f.check_keys(where, entry, [name_key, "patterns", "example"], optional)
        name = f.text(where, entry, name_key)
        if name in names:
            raise f.fail(where, f"duplicate {name_key}", name)
        names.add(name)
        sources = f.words(where, entry, "patterns")
        if not sources:
            raise f.fail(f"{where}.patterns", "expected at least one pattern")
        patterns = tuple(f.pattern(where, {"pattern": s}, "pattern") for s in sources)
        rule = NamedPatterns(name, tuple(re.compile(p.pattern, re.IGNORECASE) for p in patterns),
                             f.text(where, entry, "example"))
        if not rule.found_in(rule.example):
            raise f.fail(f"{where}.example", f"no pattern of {name!r} matches its own example",
                         rule.example)
        out.append(rule)
    return tuple(out)


def _measures(f: _File) -> Measures:
    pointers = f.mapping("pointers", ["words", "example"])
    stop = f.section("stopwords")
    if not isinstance(stop, list) or not all(isinstance(w, str) for w in stop):
        raise f.fail("stopwords", "expected a list of words", stop)
    return Measures(
        concepts=_concepts(f),
        populations=_named(f, "populations", "population", optional=("level",)),
        levels=frozenset(str(entry["population"]) for _, entry in f.entries("populations")
                         if entry.get("level") is True),
        sources=_named(f, "sources", "source"),
        places=_named(f, "places", "place"),
        stopwords=frozenset(w.lower() for w in stop),
        pointers=frozenset(w.lower() for w in f.words("pointers", pointers, "words")),
    )


def _periods(f: _File) -> tuple[PeriodRule, ...]:
    out = []
    for where, entry in f.entries("periods"):
        f.check_keys(where, entry, ["name", "pattern", "label", "example"], ["offset"])
        pattern = re.compile(f.pattern(where, entry, "pattern").pattern, re.IGNORECASE)
        offset = entry.get("offset")
        if offset is not None and (isinstance(offset, bool) or not isinstance(offset, int)):
            raise f.fail(f"{where}.offset", "expected a whole number of years", offset)
        if offset is None and "year" not in pattern.groupindex:
            raise f.fail(f"{where}.pattern", "needs a named group (?P<year>…) or an offset")
        rule = PeriodRule(f.text(where, entry, "name"), pattern, f.text(where, entry, "label"),
                          offset, f.text(where, entry, "example"))
        if not pattern.search(rule.example):
            raise f.fail(f"{where}.example", "the pattern does not match its own example",
                         rule.example)
        out.append(rule)
    return tuple(out)


def _linking(f: _File) -> Linking:
    keys = ["min_distance", "min_evidence", "min_word_score", "units", "min_score",
            "min_score_without_concept", "min_words_without_concept", "concept_weight",
            "max_block", "window"]
    entry = f.mapping("linking", [*keys, "example"])
    return Linking(int(f.number("linking", entry, "min_distance", minimum=0)),
                   int(f.number("linking", entry, "min_evidence", minimum=1, maximum=10)),
                   f.number("linking", entry, "min_word_score", minimum=0, maximum=1),
                   frozenset(f.words("linking", entry, "units")),
                   f.number("linking", entry, "min_score", minimum=0, maximum=1),
                   f.number("linking", entry, "min_score_without_concept", minimum=0, maximum=1),
                   int(f.number("linking", entry, "min_words_without_concept", minimum=1)),
                   f.number("linking", entry, "concept_weight", minimum=0, maximum=1),
                   int(f.number("linking", entry, "max_block", minimum=2)),
                   int(f.number("linking", entry, "window", minimum=1, maximum=50)))


def _severity(f: _File) -> SeverityRules:
    keys = ["high_relative", "high_points", "medium_relative", "medium_points"]
    entry = f.mapping("severity", [*keys, "example"])
    return SeverityRules(*(f.number("severity", entry, k, minimum=0) for k in keys))
