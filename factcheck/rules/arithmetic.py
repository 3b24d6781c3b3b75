"""Rules for arithmetic stated in the text (arithmetic.nl.yml)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from factcheck.rules._file import (
    RuleFile,
)


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
    min_part_share: float  # a part of a whole said in parts is at least this share of it


def load_arithmetic(f: RuleFile) -> Arithmetic:
    f.check_keys("top level", f.data, ["settings", "words", "periods", "relations", "display",
                                       "explanations"])
    settings, display = f.section("settings"), f.section("display")
    f.check_keys("settings", settings, ["part_max_relative", "high_miss_relative",
                                        "ambiguity_factor", "min_part_share", "example"])
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
        load_arithmetic_relations(f), words, periods,
        {unit: (str(pair[0]), str(pair[1])) for unit, pair in display["units"].items()},
        f.text("display", display, "open_above"), f.text("display", display, "open_below"),
        {kind: (f.text(kind, texts, "consistent"), f.text(kind, texts, "inconsistent"))
         for kind, texts in f.section("explanations").items()},
        f.number("settings", settings, "part_max_relative", minimum=0, maximum=0.5),
        f.number("settings", settings, "high_miss_relative", minimum=0, maximum=10),
        f.number("settings", settings, "ambiguity_factor", minimum=0, maximum=1),
        f.number("settings", settings, "min_part_share", minimum=0, maximum=0.5))


def load_arithmetic_relations(f: RuleFile) -> tuple[ArithmeticRelation, ...]:
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
