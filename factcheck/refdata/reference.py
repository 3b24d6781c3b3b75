"""Check claims against CBS StatLine snapshots: one claim → one cell → one verdict.

For each claim, :func:`match_claim` finds the indicator its words name near the
number (``rules/indicators.nl.yml``), in the claim's unit; refuses it when the
words around it name a region, a sub-group, another definition, a forecast or
a change (a trap for the national total); reads the period from the sentence
(:mod:`.periods`) and picks the measure (seasonally adjusted unless the text
says otherwise, or the default has no value) and the dimension codes (the
totals, or a sub-group the table holds). :func:`check_claim` compares the
claim's interval with the cell's, widened by half a unit of the cell's
published decimals:

* ``matches-reference`` — the intervals overlap;
* ``revised-since`` — they do not, but the period is provisional or the table's
  notes show the series was revised after the claim was made: never an accusation;
* ``differs-from-reference`` — they do not, and the figure is final and unrevised;
  severity as for discrepancies;
* ``no-reference`` — the indicator is known but the snapshot has no value for the cell.

Claims about no known indicator are not checked. Pure functions over records.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from factcheck.compare import severity_of
from factcheck.interval import Interval
from factcheck.records import Claim, Severity
from factcheck.refdata.periods import carried_period, claim_period, period_title
from factcheck.refdata.snapshot import Snapshots, Table
from factcheck.rules import Indicator, Rules

ReferenceVerdict = Literal["matches-reference", "differs-from-reference", "revised-since",
                           "no-reference"]
PROVISIONAL = ("voorlopig", "nader voorlopig")
SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[A-Z0-9‘“'\"(])")


@dataclass(frozen=True)
class Match:
    """The cell a claim is about, before its value is read."""

    indicator: Indicator
    measure: str
    codes: tuple[tuple[str, str], ...]  # every dimension's code, Perioden included
    period: str


@dataclass(frozen=True)
class ReferenceCheck:
    """A claim checked against one CBS cell."""

    id: str  # the claim's id: stable over runs
    claim: Claim
    indicator: str
    verdict: ReferenceVerdict
    severity: Severity
    table: str
    table_title: str
    measure: str  # CBS measure identifier
    measure_title: str
    period: str  # CBS period code
    dimensions: tuple[tuple[str, str], ...]
    cbs_value: float | None  # in the claim's unit (scale applied)
    cbs_text: str  # as CBS publishes it: "3,9 %", "355 x 1000"
    status: str | None  # the period's status: Definitief, Voorlopig …
    captured: str  # when the snapshot was taken
    link: str  # the table on StatLine
    explanation: str
    difference: float | None = None  # claim value minus CBS value, in the claim's unit


def check_claims(claims: Iterable[Claim], snapshots: Snapshots, rules: Rules,
                 texts: Mapping[str, str] | None = None) -> list[ReferenceCheck]:
    """Every claim that names a known indicator, checked; in claim order.

    ``texts`` (document name → normalized text) lets a sentence that names no
    indicator take the one its previous sentence names ("In januari was dat nog
    4,2 procent.").
    """
    claims = without_nested(list(claims))
    offsets = number_offsets(claims)
    out = []
    for claim in claims:
        offset = offsets[claim.id]
        before = previous_sentence(claim, offset, (texts or {}).get(claim.doc, ""), rules)
        checked = check_claim(claim, snapshots, rules, before, offset)
        if checked is not None:
            out.append(checked)
    return out


def without_nested(claims: list[Claim]) -> list[Claim]:
    """The claims, less any whose number lies inside another claim's ("duizend" in
    "413 duizend"): a piece of a figure is no figure of its own. One pass over the claims
    sorted by position."""
    nested: set[str] = set()
    cover: tuple[str, int, int] | None = None  # (doc, start, end) reaching furthest so far
    for c in sorted(claims, key=lambda c: (c.doc, c.start, -c.end)):
        if cover is not None and cover[0] == c.doc and cover[2] >= c.end \
                and (cover[1], cover[2]) != (c.start, c.end):
            nested.add(c.id)
        if cover is None or cover[0] != c.doc or c.end > cover[2]:
            cover = (c.doc, c.start, c.end)
    return [c for c in claims if c.id not in nested]


def number_offsets(claims: Sequence[Claim]) -> dict[str, int]:
    """Where each claim's number stands in its sentence: the k-th claim with the same text
    in a sentence is the k-th occurrence of that text ("9,6 procent … 9,6 procent")."""
    seen: dict[tuple[str, str, str], int] = {}
    out = {}
    for claim in sorted(claims, key=lambda c: (c.doc, c.start)):
        key = (claim.doc, claim.sentence, claim.text)
        k = seen.get(key, 0)
        seen[key] = k + 1
        at = -1
        for _ in range(k + 1):
            at = claim.sentence.find(claim.text, at + 1)
            if at < 0:
                break
        out[claim.id] = at if at >= 0 else number_offset(claim)
    return out


def previous_sentence(claim: Claim, offset: int, text: str, rules: Rules) -> str:
    """The (up to two) sentences before the claim's own in its paragraph (empty when unknown
    or when the claim's sentence opens the paragraph); none across a table row."""
    start = claim.start - offset
    if not text or start <= 0:
        return ""
    head = text[max(0, start - 400): start]
    paragraph = head[head.rfind("\n\n") + 1:] if "\n\n" in head else head
    sentences = [s for s in SENTENCE_END.split(" ".join(paragraph.split())) if s][-2:]
    while sentences and any(table_row(s, rules) for s in sentences):
        sentences = sentences[1:]
    return " ".join(sentences)


def check_claim(claim: Claim, snapshots: Snapshots, rules: Rules, before: str = "",
                offset: int | None = None) -> ReferenceCheck | None:
    """The claim checked against its cell, or None when it is about no known indicator.

    ``before``: the sentences before the claim's, for an indicator or period it leaves
    unsaid; ``offset``: where the number stands in its sentence (default: its first
    occurrence).
    """
    offset = number_offset(claim) if offset is None else offset
    if table_row(claim.sentence, rules):
        return None
    indicator = find_indicator(claim, offset, rules)
    if indicator is None and before and not names_indicator(claim.sentence, rules):
        indicator = carried_indicator(claim, offset, before, rules)
    if indicator is None:
        return None
    table = snapshots.table(indicator.table)
    if table is None:
        return None  # the indicator's table is not in this snapshot folder
    match = match_cell(claim, offset, indicator, table, rules, before)
    if match is None or not plausible(claim, match, table, rules):
        return None
    return judge(claim, match, table, rules)


_TOKEN = re.compile(r"[^\W\d_][\w'’-]*|\d[\d.,]*%?")
_YEAR = re.compile(r"(?:19|20)\d{2}")


def table_row(sentence: str, rules: Rules) -> bool:
    """Is the "sentence" a row of a table: more of its words numbers than running text has?
    Years are left out: they name periods in running text as often as columns in tables."""
    tokens = [t for t in _TOKEN.findall(sentence) if not _YEAR.fullmatch(t)]
    numbers = sum(1 for t in tokens if t[0].isdigit())
    return bool(tokens) and numbers / len(tokens) > rules.indicators.max_number_share


def number_offset(claim: Claim) -> int:
    """Where the claim's number stands in its sentence (its first occurrence)."""
    at = claim.sentence.find(claim.text)
    return at if at >= 0 else 0


def find_indicator(claim: Claim, offset: int, rules: Rules) -> Indicator | None:
    """The indicator named nearest the number, within reach, in the claim's unit,
    unless the words around it make the figure about something else."""
    best: tuple[int, Indicator, int, int] | None = None
    reach = rules.indicators.reach
    end = offset + len(claim.text)
    for indicator in rules.indicators.indicators:
        if indicator.unit != claim.unit or claim.per is not None:
            continue
        for pattern in indicator.phrases.patterns:
            for m in pattern.finditer(claim.sentence):
                distance = max(m.start() - end, offset - m.end(), 0)
                if distance <= reach and (best is None or distance < best[0]):
                    best = (distance, indicator, m.start(), m.end())
    if best is None:
        return None
    _, indicator, start, stop = best
    window = claim.sentence[max(0, min(start, offset) - 80): max(stop, end) + 40]
    return None if blocked(window, indicator, rules) else indicator


def names_indicator(text: str, rules: Rules) -> bool:
    """Does the text name any known indicator?"""
    return any(i.phrases.found_in(text) for i in rules.indicators.indicators)


def carried_indicator(claim: Claim, offset: int, before: str,
                      rules: Rules) -> Indicator | None:
    """The indicator the previous sentence names last, in the claim's unit, unless the
    claim's own words make the figure about something else."""
    best: tuple[int, Indicator] | None = None
    for indicator in rules.indicators.indicators:
        if indicator.unit != claim.unit or claim.per is not None:
            continue
        for pattern in indicator.phrases.patterns:
            for m in pattern.finditer(before):
                if best is None or m.end() > best[0]:
                    best = (m.end(), indicator)
    if best is None:
        return None
    return None if blocked(claim.sentence, best[1], rules) else best[1]


def blocked(window: str, indicator: Indicator, rules: Rules) -> bool:
    """Do the words around the figure make it about a region, a group the table does not
    hold, another definition, a forecast, or (for a level) a change? Words that are the
    indicator's own name ("koopwoningen") block nothing."""
    held = [g for g, _ in indicator.groups if g.found_in(window)]
    for blocker in rules.indicators.blockers:
        if indicator.kind not in blocker.kinds or (blocker.reason == "subgroup" and held):
            continue
        for pattern in blocker.rule.patterns:
            for m in pattern.finditer(window):
                if not indicator.phrases.found_in(m.group()):
                    return True
    return any(p.found_in(window) for p in rules.measures.populations)


def match_cell(claim: Claim, offset: int, indicator: Indicator, table: Table,
               rules: Rules, before: str = "") -> Match | None:
    """The cell: period from the sentence (or the one before), measure, dimension codes."""
    year_change = indicator.kind == "year-change"
    period = claim_period(claim.sentence, offset, claim.doc_date, year_change, rules)
    if period is None and before:
        period = carried_period(claim.sentence, before, claim.doc_date, year_change, rules)
    if period is None:
        return None  # a figure without a period cannot be checked against a series
    codes = dict(indicator.dimensions)
    for group, group_codes in indicator.groups:
        if group.found_in(claim.sentence):
            codes.update(group_codes)
    codes["Perioden"] = period
    measure = indicator.measure
    if indicator.unadjusted and rules.indicators.unadjusted.found_in(claim.sentence):
        measure = indicator.unadjusted
    elif indicator.unadjusted:
        cell = table.cell(measure, codes)
        if cell is None or cell.value is None:
            measure = indicator.unadjusted  # year figures are not seasonally adjusted
    return Match(indicator, measure, tuple(sorted(codes.items())), period)


def plausible(claim: Claim, match: Match, table: Table, rules: Rules) -> bool:
    """Does the figure lie within (a margin around) the range the series has held, at the
    claim's scale? A series the snapshot has no values of cannot say no."""
    measure = table.measures.get(match.measure)
    unit = rules.indicators.unit_of(measure.unit) if measure else None
    if measure is None or unit is None:
        return True
    codes = {k: v for k, v in match.codes if k != "Perioden"}
    values = [v * unit.factor for v in table.series(match.measure, codes)]
    if not values:
        return True
    low, high = min(values), max(values)
    span = max(high - low, abs(high) * 0.1) * rules.indicators.plausible_margin
    return low - span <= claim.value <= high + span


def judge(claim: Claim, match: Match, table: Table, rules: Rules) -> ReferenceCheck:
    """Read the cell and give the verdict."""
    measure = table.measures.get(match.measure)
    cell = table.cell(match.measure, dict(match.codes))
    status = table.period_status(match.period)
    unit = rules.indicators.unit_of(measure.unit) if measure else None
    found = ReferenceCheck(
        id=claim.id, claim=claim, indicator=match.indicator.name, verdict="no-reference",
        severity="info", table=table.id, table_title=table.title, measure=match.measure,
        measure_title=match.indicator.title, period=match.period, dimensions=match.codes,
        cbs_value=None, cbs_text="", status=status, captured=table.captured[:10],
        link=table.link,
        explanation=explain("no-reference", claim, "", match, table, status, rules))
    if measure is None or cell is None or cell.value is None or unit is None \
            or unit.unit != claim.unit:
        return found
    value = cell.value * unit.factor
    half = 0.5 * 10 ** -measure.decimals * unit.factor
    text = cbs_text(cell.value, measure.decimals, measure.unit)
    verdict = compare(claim, value - half, value + half)
    if verdict != "matches-reference" and revised(claim, table, status, rules):
        verdict = "revised-since"
    severity: Severity = "info"
    difference = claim.value - value
    if verdict == "differs-from-reference":
        relative = -difference / claim.value if claim.value else None
        severity = severity_of("discrepancy", claim, -difference, relative, rules)
    elif verdict == "revised-since":
        severity = "low"
    return replace(found, verdict=verdict, severity=severity, cbs_value=value, cbs_text=text,
                   difference=difference,
                   explanation=explain(verdict, claim, text, match, table, status, rules))


def compare(claim: Claim, low: float, high: float) -> ReferenceVerdict:
    """Do the claim's interval and the cell's overlap? Both taken with their ends: a claim
    rounded to the edge of the cell's rounding interval matches it."""
    overlap = claim.interval.closure().overlaps(Interval(low, high))
    return "matches-reference" if overlap else "differs-from-reference"


def revised(claim: Claim, table: Table, status: str | None, rules: Rules) -> bool:
    """Was the figure provisional, or has the series changed since the claim was made: the
    table's notes say it publishes provisional figures first or was revised, or it was
    rebased ("2020=100") in or after the year the claim was made?"""
    if status is not None and status.strip().lower() in PROVISIONAL:
        return True
    rebase = rules.indicators.rebased.search(table.title)
    if rebase and claim.doc_date and claim.doc_date[:4] <= rebase.group("year"):
        return True
    if not rules.indicators.revision_notes.found_in(table.notes):
        return False
    modified = str(table.properties.get("Modified") or table.captured)[:10]
    return claim.doc_date is None or claim.doc_date < modified


def cbs_text(value: float, decimals: int, unit: str) -> str:
    """The value as CBS publishes it, Dutch style: "3,9 %", "17.282.163 aantal"."""
    formatted = f"{value:,.{max(decimals, 0)}f}".replace(",", "_").replace(".", ",")
    return f"{formatted.replace('_', '.')} {unit}".strip()


def explain(verdict: ReferenceVerdict, claim: Claim, text: str, match: Match, table: Table,
            status: str | None, rules: Rules) -> str:
    template = rules.indicators.explanations[verdict]
    return template.format(claim=claim.text, cbs=text, table=table.id,
                           measure=match.indicator.title,
                           period=period_title(match.period, rules),
                           status=(status or "status onbekend").lower(),
                           captured=table.captured[:10])


def dimension_text(dimensions: Sequence[tuple[str, str]], table: Table) -> str:
    """The cell's codes with their titles: "Geslacht: Totaal; Perioden: 2018 mei"."""
    parts = []
    for name, code in dimensions:
        try:
            title = table.codes(name).get(code, {}).get("Title", code)
        except Exception:
            title = code
        parts.append(f"{name}: {str(title).strip()}")
    return "; ".join(parts)


def counts(checks: Iterable[ReferenceCheck]) -> Mapping[str, int]:
    out: dict[str, int] = {}
    for c in checks:
        out[c.verdict] = out.get(c.verdict, 0) + 1
    return out

