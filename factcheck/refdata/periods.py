"""The period a claim is about, as a CBS period code (``2022MM04``, ``2019KW01``, ``2017JJ00``).

Read from the claim's sentence, the mention nearest the number wins: a month
("in april", "december 2022"), a quarter ("het eerste kwartaal", "derde kwartaal
van 2019"), "1 januari 2020" (a stock on 1 January: the year), a year ("in 2023"),
or "vorig jaar"/"afgelopen jaar" and "vorige maand" relative to the document's
date. A month or quarter without a year is the latest one on or before the
document's date. A period after "ten opzichte van" is the base a change is
measured against: for a change on a year earlier the claim is about the year
after it; otherwise it is not the claim's period. "nu", "dit jaar" name no
finished period and are not used. Pure functions.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from factcheck.rules import Rules


@dataclass(frozen=True)
class Period:
    code: str  # CBS Perioden code
    start: int  # where its mention starts in the sentence
    end: int
    base: bool  # written as the base of a comparison ("ten opzichte van oktober 2020")


def _month_names(rules: Rules) -> Mapping[str, int]:
    return rules.structure.months or {}


_COMPILED: dict[str, tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]] = {}


def _patterns(rules: Rules) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The month, quarter and year patterns, compiled once per rules version."""
    if rules.version not in _COMPILED:
        _COMPILED[rules.version] = _compile(rules)
    return _COMPILED[rules.version]


def _compile(rules: Rules) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    months = "|".join(sorted(_month_names(rules), key=len, reverse=True))
    quarters = "|".join(re.escape(q) for q in sorted(rules.indicators.quarters, key=len,
                                                      reverse=True))
    month = re.compile(rf"\b(?P<first>1\s+)?(?P<month>{months})\b(?:\s+(?:van\s+)?"
                       rf"(?P<year>(?:19|20)\d{{2}}))?", re.IGNORECASE)
    quarter = re.compile(rf"\b(?P<q>{quarters})\s+kwartaal\b(?:\s+(?:van\s+)?"
                         rf"(?P<year>(?:19|20)\d{{2}}))?", re.IGNORECASE)
    year = re.compile(r"(?<![\d/.,-])(?P<year>(?:19|20)\d{2})(?![\d/.,-]\d)")
    return month, quarter, year


_RELATIVE = re.compile(r"\b(?P<which>vorige?|afgelopen)\s+(?P<unit>jaar|maand|kwartaal)\b",
                       re.IGNORECASE)


def find_periods(sentence: str, doc_date: str | None, rules: Rules) -> list[Period]:
    """Every period the sentence names, as CBS codes, in order of appearance."""
    doc = _date(doc_date)
    month_re, quarter_re, year_re = _patterns(rules)
    months = _month_names(rules)
    found: list[Period] = []
    taken: list[tuple[int, int]] = []

    def add(code: str | None, m: re.Match[str]) -> None:
        if code is None or any(s < m.end() and m.start() < e for s, e in taken):
            return
        taken.append((m.start(), m.end()))
        base = bool(rules.indicators.base_period.search(sentence[max(0, m.start() - 40):
                                                                 m.start()]))
        found.append(Period(code, m.start(), m.end(), base))

    for m in month_re.finditer(sentence):
        number = months[m.group("month").lower()]
        year = _year(m.group("year"), number, 12, doc)
        if m.group("first") and number == 1 and m.group("year"):
            add(f"{year}JJ00", m)  # "1 januari 2020": a stock at the start of the year
        else:
            add(None if year is None else f"{year}MM{number:02d}", m)
    for m in quarter_re.finditer(sentence):
        q = rules.indicators.quarters[m.group("q").lower()]
        year = _year(m.group("year"), q, 4, doc)
        add(None if year is None else f"{year}KW{q:02d}", m)
    for m in _RELATIVE.finditer(sentence):
        add(_relative(m.group("unit").lower(), doc), m)
    for m in year_re.finditer(sentence):
        add(f"{m.group('year')}JJ00", m)
    return sorted(found, key=lambda p: p.start)


def claim_period(sentence: str, offset: int, doc_date: str | None, year_change: bool,
                 rules: Rules) -> str | None:
    """The period code of the number at ``offset``: the nearest mention that is its own;
    failing that, for a change on a year earlier, the year after the nearest base (when
    that lies within the rules' window before the document's date)."""
    best: tuple[bool, int, str] | None = None
    for period in find_periods(sentence, doc_date, rules):
        if period.base and not (year_change and recent(shift_year(period.code, 1), doc_date,
                                                       rules)):
            continue
        code = shift_year(period.code, 1) if period.base else period.code
        distance = 0 if period.start <= offset < period.end else min(
            abs(period.start - offset), abs(period.end - offset))
        key = (period.base, distance, code)
        if best is None or key[:2] < best[:2]:
            best = key
    return best[2] if best else None


def carried_period(sentence: str, before: str, doc_date: str | None, year_change: bool,
                   rules: Rules) -> str | None:
    """The period of a sentence that names none, from the sentences before it: the one
    nearest its start, moved back when the sentence says "een maand eerder". A sentence
    that says "nu" or "dit jaar" is about now, not about the period before it."""
    if any(rule.offset == 0 and rule.pattern.search(sentence) for rule in rules.periods):
        return None
    if find_periods(sentence, doc_date, rules):
        return None  # it names a period, if only as a base: its own time frame
    period = claim_period(before, len(before), doc_date, year_change, rules)
    if period is None:
        return None
    for m in rules.indicators.earlier.finditer(sentence):
        if rules.indicators.earlier_not_after.search(sentence[: m.start()]):
            continue  # "duurder dan een jaar eerder": the comparison, not the period
        return shift_back(period, m.group("unit").lower())
    return period


def shift_back(code: str, unit: str) -> str | None:
    """One month, quarter or year before a period of that kind; None across kinds."""
    year, kind, number = int(code[:4]), code[4:6], int(code[6:] or 0)
    if unit == "jaar":
        return shift_year(code, -1)
    if unit == "maand" and kind == "MM":
        return f"{year}MM{number - 1:02d}" if number > 1 else f"{year - 1}MM12"
    if unit == "kwartaal" and kind == "KW":
        return f"{year}KW{number - 1:02d}" if number > 1 else f"{year - 1}KW04"
    return None


def recent(code: str, doc_date: str | None, rules: Rules) -> bool:
    """Does a period lie within the rules' window of years before the document's date?"""
    doc = _date(doc_date)
    return doc is not None and 0 <= doc[0] - int(code[:4]) <= rules.indicators.base_window


def shift_year(code: str, years: int) -> str:
    return f"{int(code[:4]) + years}{code[4:]}"


def _date(doc_date: str | None) -> tuple[int, int] | None:
    if not doc_date or not re.match(r"\d{4}-\d{2}", doc_date):
        return None
    return int(doc_date[:4]), int(doc_date[5:7])


def _year(written: str | None, number: int, per_year: int,
          doc: tuple[int, int] | None) -> int | None:
    """The year of a month (per_year 12) or quarter (4): as written, else the latest one
    on or before the document's date."""
    if written:
        return int(written)
    if doc is None:
        return None
    current = doc[1] if per_year == 12 else (doc[1] - 1) // 3 + 1
    return doc[0] if number <= current else doc[0] - 1


def _relative(unit: str, doc: tuple[int, int] | None) -> str | None:
    if doc is None:
        return None
    year, month = doc
    if unit == "jaar":
        return f"{year - 1}JJ00"
    if unit == "maand":
        return f"{year}MM{month - 1:02d}" if month > 1 else f"{year - 1}MM12"
    quarter = (month - 1) // 3 + 1
    return f"{year}KW{quarter - 1:02d}" if quarter > 1 else f"{year - 1}KW04"


def period_title(code: str, rules: Rules) -> str:
    """A period code as Dutch words: "2022MM04" → "april 2022"."""
    names = {v: k for k, v in _month_names(rules).items()}
    year, kind, number = code[:4], code[4:6], int(code[6:] or 0)
    if kind == "MM" and number in names:
        return f"{names[number]} {year}"
    if kind == "KW":
        return f"{year} kwartaal {number}"
    return year
