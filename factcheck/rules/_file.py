"""Validation shared by every rules file: errors that name the file, the entry and the value."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from factcheck.errors import RulesError


@dataclass(frozen=True)
class PatternRule:
    """A named regular expression with the kind of thing it recognizes."""

    name: str
    kind: str
    pattern: re.Pattern[str]
    example: str
    # The pattern can only match text that holds one of these (lowercase) strings,
    # so text without any of them need not be searched; empty: always search.
    needs: tuple[str, ...] = ()


@dataclass(frozen=True)
class NamedPatterns:
    """A name with the regular expressions that recognize it ("tekort", "hbo", "CBS")."""

    name: str
    patterns: tuple[re.Pattern[str], ...]
    example: str

    def found_in(self, text: str) -> bool:
        return any(p.search(text) for p in self.patterns)


class RuleFile:
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


def int_table(f: RuleFile, key: str) -> dict[str, int]:
    table = f.section(key)
    if not isinstance(table, dict) or not table:
        raise f.fail(key, "expected a mapping of word: value", table)
    for word, value in table.items():
        if not isinstance(word, str) or isinstance(value, bool) or not isinstance(value, int):
            raise f.fail(f"{key}.{word}", "expected a whole number", value)
    return {word.lower(): value for word, value in table.items()}


def pattern_rules(f: RuleFile, key: str) -> tuple[PatternRule, ...]:
    names: set[str] = set()
    out = []
    for where, entry in f.entries(key):
        f.check_keys(where, entry, ["name", "kind", "pattern", "example"], ["needs"])
        name = f.text(where, entry, "name")
        if name in names:
            raise f.fail(where, "duplicate name", name)
        names.add(name)
        rule = PatternRule(name, f.text(where, entry, "kind"), f.pattern(where, entry, "pattern"),
                           f.text(where, entry, "example"),
                           tuple(w.lower() for w in f.words(where, entry, "needs")))
        if not rule.pattern.search(rule.example):
            raise f.fail(f"{where}.example", f"the pattern of {name!r} does not match its own "
                         "example", rule.example)
        for match in rule.pattern.finditer(rule.example):
            if rule.needs and not any(n in match.group().lower() for n in rule.needs):
                raise f.fail(f"{where}.needs", f"a match of {name!r} in its example holds none "
                             "of these strings", match.group())
        out.append(rule)
    return tuple(out)


def named_patterns(f: RuleFile, key: str, name_key: str,
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


def single_pattern(f: RuleFile, key: str, group: str, optional: Iterable[str] = (), *,
                   ignore_case: bool = False) -> re.Pattern[str]:
    """The one pattern of section ``key``: it must have the named ``group`` and match its
    own example."""
    entry = f.mapping(key, ["pattern", "example"], optional)
    pattern = f.pattern(key, entry, "pattern")
    if ignore_case:
        pattern = re.compile(pattern.pattern, pattern.flags | re.IGNORECASE)
    if group not in pattern.groupindex:
        raise f.fail(f"{key}.pattern", f"needs a named group {group!r}", pattern.pattern)
    if not pattern.search(f.text(key, entry, "example")):
        raise f.fail(f"{key}.example", "the pattern does not match its own example",
                     entry["example"])
    return pattern
