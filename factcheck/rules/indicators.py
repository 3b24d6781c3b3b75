"""``indicators.nl.yml``: which words name which CBS StatLine indicator, and how to read a cell.

Each indicator maps phrases ("de werkloosheid", "de inflatie") to one table,
one measure (and the measure to use when the wording says the figure is not
seasonally adjusted, or when the default measure has no value for the
period), the default dimension codes (the totals) and the sub-groups whose
codes the snapshot holds. ``blockers`` are wordings that make a figure about
something else than the indicator's national total (a region, a sub-group,
another definition, a forecast); ``units`` says how a CBS unit text compares
with a claim's unit. Every entry carries an example the tests run.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from factcheck.rules._file import NamedPatterns, RuleFile, named_patterns, single_pattern

VERDICTS = ("matches-reference", "differs-from-reference", "revised-since", "no-reference")
PLACEHOLDERS = {"claim", "cbs", "table", "measure", "period", "status", "captured"}
KINDS = ("level", "year-change")
"""``level``: the figure itself (3,6%, 17,9 miljoen); ``year-change``: a change on a year
earlier (inflatie), so "ten opzichte van oktober 2020" names the period a year later."""


@dataclass(frozen=True)
class Indicator:
    """One indicator: phrases → table, measure, default dimensions."""

    name: str
    table: str
    title: str
    measure: str
    unadjusted: str | None  # the measure when not seasonally adjusted (or the default is empty)
    unit: str  # the claim unit it is stated in: "percent", "count", "EUR"
    kind: str  # one of KINDS
    phrases: NamedPatterns
    dimensions: Mapping[str, str]  # the totals: dimension → code
    groups: tuple[tuple[NamedPatterns, Mapping[str, str]], ...]  # sub-groups the table holds
    example: str


@dataclass(frozen=True)
class CbsUnit:
    """A CBS unit text ("x 1000") read as a claim unit and a factor."""

    text: str
    unit: str
    factor: float


@dataclass(frozen=True)
class Blocker:
    """Words that make a figure about something else; ``kinds`` limits it to indicator kinds."""

    rule: NamedPatterns
    reason: str  # region, subgroup, definition, forecast, change
    kinds: tuple[str, ...]


@dataclass(frozen=True)
class Indicators:
    """All of ``indicators.nl.yml``."""

    indicators: tuple[Indicator, ...]
    units: tuple[CbsUnit, ...]
    blockers: tuple[Blocker, ...]
    unadjusted: NamedPatterns  # "niet seizoengecorrigeerd"
    base_period: re.Pattern[str]  # "ten opzichte van" before a period: the base, not the claim's
    base_window: int  # years before the document's date a base + 1 year may lie
    earlier: re.Pattern[str]  # "een maand eerder": the period before the previous sentence's
    earlier_not_after: re.Pattern[str]  # "dan … een jaar eerder": a comparison, not a period
    rebased: re.Pattern[str]  # "2020=100" in a table title: the index base year
    quarters: Mapping[str, int]  # "eerste" → 1
    quarter_example: str
    revision_notes: NamedPatterns  # table notes that show the series was revised
    reach: int  # characters between an indicator phrase and the number
    max_number_share: float  # a "sentence" with more numbers among its words is a table row
    plausible_margin: float  # spans of the series' range a figure may lie outside it
    explanations: Mapping[str, str]  # verdict → sentence template

    def unit_of(self, text: str) -> CbsUnit | None:
        key = " ".join(text.lower().split())
        return next((u for u in self.units if u.text == key), None)


def load_indicators(f: RuleFile) -> Indicators:
    f.check_keys("top level", f.data, ["indicators", "units", "blockers", "unadjusted",
                                        "base_period", "quarters", "revision_notes", "reach",
                                        "explanations", "earlier", "rebased", "running_text",
                                        "plausible"])
    running = f.mapping("running_text", ["max_number_share", "example"])
    f.text("running_text", running, "example")
    plausible = f.mapping("plausible", ["margin", "example"])
    f.text("plausible", plausible, "example")
    texts = f.mapping("explanations", [*VERDICTS, "example"])
    f.text("explanations", texts, "example")
    reach = f.mapping("reach", ["characters", "example"])
    base = f.mapping("base_period", ["pattern", "window_years", "example"])
    base_pattern = re.compile(f.pattern("base_period", base, "pattern").pattern, re.IGNORECASE)
    if not base_pattern.search(f.text("base_period", base, "example")):
        raise f.fail("base_period.example", "the pattern does not match its own example",
                     base["example"])
    quarters = f.mapping("quarters", ["words", "example"])
    words = quarters["words"]
    if not isinstance(words, dict) or not all(isinstance(k, str) and isinstance(v, int)
                                              and 1 <= v <= 4 for k, v in words.items()):
        raise f.fail("quarters.words", "expected a mapping of word: quarter number 1-4", words)
    return Indicators(
        indicators=_indicators(f),
        units=_units(f),
        blockers=_blockers(f),
        unadjusted=_single(f, "unadjusted"),
        base_period=base_pattern,
        base_window=int(f.number("base_period", base, "window_years", minimum=0, maximum=10)),
        earlier=single_pattern(f, "earlier", "unit", ["not_after"], ignore_case=True),
        earlier_not_after=re.compile(f.pattern("earlier", f.section("earlier"), "not_after")
                                     .pattern, re.IGNORECASE),
        rebased=single_pattern(f, "rebased", "year", ignore_case=True),
        quarters={k.lower(): v for k, v in words.items()},
        quarter_example=f.text("quarters", quarters, "example"),
        revision_notes=_single(f, "revision_notes"),
        reach=int(f.number("reach", reach, "characters", minimum=10, maximum=400)),
        max_number_share=f.number("running_text", running, "max_number_share", minimum=0.05,
                                  maximum=1.0),
        plausible_margin=f.number("plausible", plausible, "margin", minimum=0, maximum=100),
        explanations={v: _template(f, texts, v) for v in VERDICTS},
    )


def _template(f: RuleFile, texts: Mapping[str, Any], verdict: str) -> str:
    text = f.text("explanations", texts, verdict)
    try:
        used = {name for _, name, _, _ in string.Formatter().parse(text) if name}
    except ValueError as exc:
        raise f.fail(f"explanations.{verdict}", f"unbalanced braces ({exc})", text) from exc
    if used - PLACEHOLDERS:
        raise f.fail(f"explanations.{verdict}", f"unknown placeholder "
                     f"{{{sorted(used - PLACEHOLDERS)[0]}}}; allowed: "
                     f"{', '.join(sorted(PLACEHOLDERS))}", text)
    return text


def _single(f: RuleFile, key: str) -> NamedPatterns:
    entry = f.mapping(key, ["patterns", "example"])
    return named_patterns(RuleFile(f.name, {key: [{"name": key, **entry}]}), key, "name")[0]


def _indicators(f: RuleFile) -> tuple[Indicator, ...]:
    required = ["name", "table", "title", "measure", "unit", "kind", "patterns", "dimensions",
                "example"]
    entries = f.entries("indicators")
    out = []
    for where, entry in entries:
        f.check_keys(where, entry, required, ["unadjusted", "groups"])
    phrases = named_patterns(RuleFile(f.name, {"indicators": [
        {"name": e["name"], "patterns": e["patterns"], "example": e["example"]}
        for _, e in entries]}), "indicators", "name")
    for (where, entry), rule in zip(entries, phrases, strict=True):
        kind = f.text(where, entry, "kind")
        if kind not in KINDS:
            raise f.fail(f"{where}.kind", f"expected one of {', '.join(KINDS)}", kind)
        unadjusted = entry.get("unadjusted")
        if unadjusted is not None:
            f.text(where, entry, "unadjusted")
        out.append(Indicator(
            name=rule.name, table=f.text(where, entry, "table"),
            title=f.text(where, entry, "title"), measure=f.text(where, entry, "measure"),
            unadjusted=unadjusted, unit=f.text(where, entry, "unit"), kind=kind,
            phrases=rule, dimensions=_codes(f, f"{where}.dimensions", entry["dimensions"]),
            groups=_groups(f, where, entry.get("groups", [])), example=rule.example))
    return tuple(out)


def _codes(f: RuleFile, where: str, value: object) -> Mapping[str, str]:
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                              for k, v in value.items()):
        raise f.fail(where, "expected a mapping of dimension: code", value)
    return dict(value)


def _groups(f: RuleFile, where: str, value: object
            ) -> tuple[tuple[NamedPatterns, Mapping[str, str]], ...]:
    if not isinstance(value, list):
        raise f.fail(f"{where}.groups", "expected a list of groups", value)
    key = f"{where}.groups"
    for i, group in enumerate(value):
        if not isinstance(group, dict):
            raise f.fail(f"{key}[{i}]", "expected a mapping", group)
        f.check_keys(f"{key}[{i}]", group, ["name", "patterns", "codes", "example"])
    if not value:
        return ()
    rules = named_patterns(RuleFile(f.name, {key: [
        {"name": g["name"], "patterns": g["patterns"], "example": g["example"]} for g in value]}),
        key, "name")
    return tuple((rule, _codes(f, f"{key}[{i}].codes", g["codes"]))
                 for i, (rule, g) in enumerate(zip(rules, value, strict=True)))


def _units(f: RuleFile) -> tuple[CbsUnit, ...]:
    out = []
    for where, entry in f.entries("units"):
        f.check_keys(where, entry, ["cbs", "unit", "factor", "example"])
        f.text(where, entry, "example")
        for text in f.words(where, entry, "cbs"):
            out.append(CbsUnit(" ".join(text.lower().split()), f.text(where, entry, "unit"),
                               f.number(where, entry, "factor", minimum=1e-9, maximum=1e12)))
    return tuple(out)


def _blockers(f: RuleFile) -> tuple[Blocker, ...]:
    entries = f.entries("blockers")
    rules = named_patterns(RuleFile(f.name, {"blockers": [
        {k: v for k, v in e.items() if k in ("name", "patterns", "example")}
        for _, e in entries]}), "blockers", "name")
    out = []
    for (where, entry), rule in zip(entries, rules, strict=True):
        f.check_keys(where, entry, ["name", "reason", "patterns", "example"], ["kinds"])
        kinds = f.words(where, entry, "kinds") or KINDS
        unknown = set(kinds) - set(KINDS)
        if unknown:
            raise f.fail(f"{where}.kinds", f"expected some of {', '.join(KINDS)}",
                         sorted(unknown)[0])
        out.append(Blocker(rule, f.text(where, entry, "reason"), tuple(kinds)))
    return tuple(out)
