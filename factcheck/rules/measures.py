"""Rules for what a number measures, and for linking and comparing claims."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from factcheck.rules._file import (
    NamedPatterns,
    RuleFile,
    named_patterns,
)


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
    clause_breaks: tuple[str, ...]  # words that end a clause, as commas do


@dataclass(frozen=True)
class Phrases:
    """Function words that give a sentence its structure around a number (``phrases``)."""

    articles: frozenset[str]  # skipped before a noun phrase
    of_words: frozenset[str]  # "van", "onder": what a share is of follows
    for_words: frozenset[str]  # "aan", "voor": what an amount is for follows
    clause_words: frozenset[str]  # end a clause, as a comma does
    stop: frozenset[str]  # never the head of a measure ("procent", "jaar", "meer")
    generic: frozenset[str]  # a head that needs its complement ("het aantal werklozen")
    share_units: frozenset[str]  # units of a share, which is "of" something
    amount_units: frozenset[str]  # units of an amount, which is "for" something
    than_words: frozenset[str]  # "dan": after "lager", the number is a gap, not a level
    max_words: int  # words in a noun phrase at most
    reach: int  # words between a number and its name or "van" at most
    synonyms: Mapping[str, str] = field(default_factory=dict)  # a head → its group's first word


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
    max_numbers_without_concept: int
    min_words_without_concept_sentence: int
    concept_weight: float
    max_block: int
    window: int
    max_ratio: float  # figures further apart than this factor are not one quantity
    max_points: float  # … or than this many percentage points
    small: Mapping[str, float]  # per unit: whole numbers below this say little when equal
    tiny: float  # counts below this ("twee", "drie") need a point more evidence
    neighbours: int  # in a large block, each claim is scored against this many nearest values


@dataclass(frozen=True)
class SeverityRules:
    high_relative: float
    high_points: float
    medium_relative: float
    medium_points: float


def load_concepts(f: RuleFile) -> tuple[Concept, ...]:
    named = named_patterns(f, "concepts", "concept", optional=("overrides", "weight", "change"))
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


def load_measures(f: RuleFile) -> Measures:
    pointers = f.mapping("pointers", ["words", "example"])
    stop = f.section("stopwords")
    if not isinstance(stop, list) or not all(isinstance(w, str) for w in stop):
        raise f.fail("stopwords", "expected a list of words", stop)
    return Measures(
        concepts=load_concepts(f),
        populations=named_patterns(f, "populations", "population", optional=("level",)),
        levels=frozenset(str(entry["population"]) for _, entry in f.entries("populations")
                         if entry.get("level") is True),
        sources=named_patterns(f, "sources", "source"),
        places=named_patterns(f, "places", "place"),
        stopwords=frozenset(w.lower() for w in stop),
        pointers=frozenset(w.lower() for w in f.words("pointers", pointers, "words")),
        clause_breaks=f.words("clause_breaks", f.mapping("clause_breaks", ["words", "example"]),
                              "words"),
    )


def load_periods(f: RuleFile) -> tuple[PeriodRule, ...]:
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


def load_linking(f: RuleFile) -> Linking:
    keys = ["min_distance", "min_evidence", "min_word_score", "units", "min_score",
            "min_score_without_concept", "min_words_without_concept",
            "max_numbers_without_concept", "min_words_without_concept_sentence", "concept_weight",
            "max_block", "window", "max_ratio", "max_points", "small", "tiny", "neighbours"]
    entry = f.mapping("linking", [*keys, "example"])
    return Linking(int(f.number("linking", entry, "min_distance", minimum=0)),
                   int(f.number("linking", entry, "min_evidence", minimum=1, maximum=10)),
                   f.number("linking", entry, "min_word_score", minimum=0, maximum=1),
                   frozenset(f.words("linking", entry, "units")),
                   f.number("linking", entry, "min_score", minimum=0, maximum=1),
                   f.number("linking", entry, "min_score_without_concept", minimum=0, maximum=1),
                   int(f.number("linking", entry, "min_words_without_concept", minimum=1)),
                   int(f.number("linking", entry, "max_numbers_without_concept", minimum=1)),
                   int(f.number("linking", entry, "min_words_without_concept_sentence",
                                minimum=1)),
                   f.number("linking", entry, "concept_weight", minimum=0, maximum=1),
                   int(f.number("linking", entry, "max_block", minimum=2)),
                   int(f.number("linking", entry, "window", minimum=1, maximum=50)),
                   f.number("linking", entry, "max_ratio", minimum=1),
                   f.number("linking", entry, "max_points", minimum=0, maximum=100),
                   _small(f, entry),
                   f.number("linking", entry, "tiny", minimum=0),
                   int(f.number("linking", entry, "neighbours", minimum=2)))


def _small(f: RuleFile, entry: Mapping[str, object]) -> dict[str, float]:
    table = entry.get("small")
    if not isinstance(table, dict) or not all(
            isinstance(k, str) and isinstance(v, int | float) and not isinstance(v, bool)
            for k, v in table.items()):
        raise f.fail("linking.small", "expected a mapping of unit to a number", table)
    return {k: float(v) for k, v in table.items()}


def load_severity(f: RuleFile) -> SeverityRules:
    keys = ["high_relative", "high_points", "medium_relative", "medium_points"]
    entry = f.mapping("severity", [*keys, "example"])
    return SeverityRules(*(f.number("severity", entry, k, minimum=0) for k in keys))


def load_phrases(f: RuleFile) -> Phrases:
    lists = ["articles", "of_words", "for_words", "clause_words", "stop", "generic",
             "share_units", "amount_units", "than_words"]
    entry = f.mapping("phrases", [*lists, "max_words", "reach", "example"])

    def words(key: str) -> frozenset[str]:
        found = f.words("phrases", entry, key)
        return frozenset(found if key.endswith("_units") else (w.lower() for w in found))

    articles, of_words, for_words, clause_words, stop, generic, share, amount, than = (
        words(key) for key in lists)
    return Phrases(articles, of_words, for_words, clause_words, stop, generic, share, amount,
                   than,
                   max_words=int(f.number("phrases", entry, "max_words", minimum=1, maximum=8)),
                   reach=int(f.number("phrases", entry, "reach", minimum=1, maximum=12)),
                   synonyms=load_synonyms(f))


def load_synonyms(f: RuleFile) -> dict[str, str]:
    """Each word of a synonym group → the group's first word."""
    found: dict[str, str] = {}
    seen: dict[str, str] = {}
    for where, entry in f.entries("synonyms"):
        f.check_keys(where, entry, ["words", "example"])
        words = [w.lower() for w in f.words(where, entry, "words", seen)]
        if len(words) < 2:
            raise f.fail(f"{where}.words", "a synonym group needs two words or more", words)
        f.text(where, entry, "example")
        found.update(dict.fromkeys(words, words[0]))
    return found
