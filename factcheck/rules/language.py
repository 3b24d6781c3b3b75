"""Rules for reading numbers: number words, scales, units, hedges, rounding."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from factcheck.records import QUALIFIERS, Qualifier
from factcheck.rules._file import (
    RuleFile,
    int_table,
)


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
    and_a_half: tuple[str, ...]  # "drieënhalf" = 3,5: the suffix after a number word
    ranges: Ranges
    fraction_articles: frozenset[str]  # "de helft": an article instead of a number
    ratio: Ratio


@dataclass(frozen=True)
class Ranges:
    """How Dutch joins the two ends of a range."""

    joiners: tuple[str, ...]  # "à", "tot", "of", "-"
    ordered: frozenset[str]  # after these the second number must not be smaller
    between: tuple[str, ...]  # "tussen (de)" opens a range …
    closer: str  # … that "en" closes
    alternatives: frozenset[str] = frozenset()  # "€ 150 of € 175": two claims, not a range
    change_before: tuple[str, ...] = ()  # "steeg met 13.000 tot 277.000": a change, then a level


@dataclass(frozen=True)
class Ratio:
    """"een op de twintig": one in N, a share of 100/N percent."""

    ones: tuple[str, ...]  # "een", "één", "1"
    joiners: tuple[str, ...]  # "op de", "op"
    example: str


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
    not_after: tuple[str, ...] = ()  # "kwart over drie", "een kwart eeuw": no share


@dataclass(frozen=True)
class Scale:
    words: tuple[str, ...]
    factor: float
    money_only: bool
    example: str
    otherwise_unit: str | None = None  # a money-only word that is not money: "acht ton CO2"


@dataclass(frozen=True)
class Unit:
    unit: str
    before: tuple[str, ...]
    after: tuple[str, ...]
    money: bool
    example: str
    factor: float = 1.0  # "20 cent" = 0,20 euro
    family: str = "count"  # what kind of quantity: money, share, time, mass, length, …


@dataclass(frozen=True)
class Hedge:
    words: tuple[str, ...]
    qualifier: Qualifier
    margin: float | None  # relative reach of "a bit" / "around"; None is unbounded
    example: str
    not_after: tuple[str, ...] = ()  # "steeg tot 277.000": after these words no hedge


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


def load_numbers(f: RuleFile) -> NumberWords:
    f.check_keys("top level", f.data, ["units", "tens", "hundred", "thousand", "standalone",
                                       "fractions", "min_bare_value", "approx_suffix", "ranges",
                                       "fraction_articles", "ratio", "and_a_half", "example"])
    f.text("top level", f.data, "example")
    fractions = {}
    for where, entry in f.entries("fractions"):
        f.check_keys(where, entry, ["word", "value", "example"],
                     ["percent_alone", "needs_after", "not_after"])
        word = f.text(where, entry, "word").lower()
        if word in fractions:
            raise f.fail(where, "duplicate fraction word", word)
        fractions[word] = Fraction(word, f.number(where, entry, "value", minimum=0),
                                   bool(entry.get("percent_alone", False)),
                                   tuple(w.lower() for w in f.words(where, entry, "needs_after")),
                                   f.text(where, entry, "example"),
                                   tuple(w.lower() for w in f.words(where, entry, "not_after")))
    return NumberWords(
        units=int_table(f, "units"),
        tens=int_table(f, "tens"),
        hundred=f.text("top level", f.data, "hundred").lower(),
        thousand=f.text("top level", f.data, "thousand").lower(),
        standalone=int_table(f, "standalone"),
        fractions=fractions,
        min_bare_value=int(f.number("top level", f.data, "min_bare_value", minimum=0)),
        approx_suffix=load_approx_suffix(f),
        and_a_half=tuple(w.lower() for w in f.words(
            "and_a_half", f.mapping("and_a_half", ["suffixes", "example"]), "suffixes", {})),
        ranges=load_ranges(f),
        fraction_articles=frozenset(
            w.lower() for w in f.words("fraction_articles",
                                       f.mapping("fraction_articles", ["words", "example"]),
                                       "words")),
        ratio=load_ratio(f),
    )


def load_ratio(f: RuleFile) -> Ratio:
    entry = f.mapping("ratio", ["ones", "joiners", "example"])
    return Ratio(tuple(w.lower() for w in f.words("ratio", entry, "ones", {})),
                 tuple(w.lower() for w in f.words("ratio", entry, "joiners", {})),
                 f.text("ratio", entry, "example"))


def load_ranges(f: RuleFile) -> Ranges:
    entry = f.mapping("ranges", ["joiners", "ordered", "between", "closer", "example"],
                      ["alternatives", "change_before"])
    joiners = f.words("ranges", entry, "joiners", {})
    ordered = frozenset(f.words("ranges", entry, "ordered"))
    alternatives = frozenset(f.words("ranges", entry, "alternatives"))
    for key, words in (("ordered", ordered), ("alternatives", alternatives)):
        if not words <= set(joiners):
            raise f.fail(f"ranges.{key}", f"every {key} joiner must be one of the joiners",
                         sorted(words - set(joiners))[0])
    return Ranges(joiners, ordered, f.words("ranges", entry, "between", {}),
                  f.text("ranges", entry, "closer"), alternatives,
                  tuple(w.lower() for w in f.words("ranges", entry, "change_before")))


def load_approx_suffix(f: RuleFile) -> ApproxSuffix:
    entry = f.mapping("approx_suffix", ["suffix", "article", "margin", "example"])
    return ApproxSuffix(f.text("approx_suffix", entry, "suffix").lower(),
                        f.text("approx_suffix", entry, "article").lower(),
                        f.number("approx_suffix", entry, "margin", minimum=0, maximum=1),
                        f.text("approx_suffix", entry, "example"))


def load_scales(f: RuleFile) -> tuple[Scale, ...]:
    seen: dict[str, str] = {}
    out = []
    for where, entry in f.entries("scales"):
        f.check_keys(where, entry, ["words", "factor", "example"],
                     ["money_only", "otherwise_unit"])
        otherwise = f.text(where, entry, "otherwise_unit") if "otherwise_unit" in entry else None
        out.append(Scale(f.words(where, entry, "words", seen),
                         f.number(where, entry, "factor", minimum=1),
                         bool(entry.get("money_only", False)), f.text(where, entry, "example"),
                         otherwise))
    return tuple(out)


def load_units(f: RuleFile) -> tuple[Unit, ...]:
    seen_before: dict[str, str] = {}
    seen_after: dict[str, str] = {}
    out = []
    for where, entry in f.entries("units"):
        f.check_keys(where, entry, ["unit", "example"],
                     ["before", "after", "money", "factor", "family"])
        factor = (f.number(where, entry, "factor", minimum=1e-12)
                  if "factor" in entry else 1.0)
        unit = Unit(f.text(where, entry, "unit"), f.words(where, entry, "before", seen_before),
                    f.words(where, entry, "after", seen_after), bool(entry.get("money", False)),
                    f.text(where, entry, "example"), factor,
                    f.text(where, entry, "family") if "family" in entry else "count")
        if not unit.before and not unit.after:
            raise f.fail(where, "a unit needs words before or after the number", entry)
        out.append(unit)
    return tuple(out)


def load_money_context(f: RuleFile) -> MoneyContext:
    entry = f.mapping("money_context", ["words", "window", "after_amount", "participle",
                                          "example"])
    return MoneyContext(f.words("money_context", entry, "words", {}),
                        int(f.number("money_context", entry, "window", minimum=1, maximum=30)),
                        tuple(w.lower() for w in f.words("money_context", entry, "after_amount",
                                                          {})),
                        f.pattern("money_context", entry, "participle"),
                        f.text("money_context", entry, "example"))


def load_per_words(f: RuleFile) -> PerWords:
    entry = f.mapping("per_words", ["words", "window", "example"])
    words = entry["words"]
    if not isinstance(words, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                              for k, v in words.items()):
        raise f.fail("per_words.words", "expected a mapping of word: period", words)
    return PerWords({k.lower(): v for k, v in words.items()},
                    int(f.number("per_words", entry, "window", minimum=1, maximum=10)),
                    f.text("per_words", entry, "example"))


def load_hedges(f: RuleFile) -> tuple[Hedge, ...]:
    seen: dict[str, str] = {}
    out = []
    for where, entry in f.entries("hedges"):
        f.check_keys(where, entry, ["words", "qualifier", "example"], ["margin", "not_after"])
        qualifier = entry["qualifier"]
        if qualifier not in QUALIFIERS or qualifier == "range":
            raise f.fail(f"{where}.qualifier", f"expected one of {', '.join(QUALIFIERS[:-1])}",
                         qualifier)
        margin = (f.number(where, entry, "margin", minimum=0, maximum=1)
                  if "margin" in entry else None)
        if qualifier == "approx" and margin is None:
            raise f.fail(where, "an approx hedge needs a margin")
        out.append(Hedge(f.words(where, entry, "words", seen), qualifier, margin,
                         f.text(where, entry, "example"),
                         tuple(w.lower() for w in f.words(where, entry, "not_after"))))
    return tuple(out)


def load_reach(f: RuleFile) -> int:
    """How many characters either side of a number the non-claim patterns see."""
    f.check_keys("top level", f.data, ["nonclaims", "reach"])
    entry = f.mapping("reach", ["characters", "example"])
    f.text("reach", entry, "example")
    characters = f.number("reach", entry, "characters", minimum=1, maximum=10_000)
    if characters != int(characters):
        raise f.fail("reach.characters", "expected a whole number", entry["characters"])
    return int(characters)


def load_rounding(f: RuleFile) -> Rounding:
    entry = f.mapping("rounding", ["round_number_max_relative", "example"])
    f.text("rounding", entry, "example")
    return Rounding(f.number("rounding", entry, "round_number_max_relative", minimum=0,
                             maximum=0.5))
