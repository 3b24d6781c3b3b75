"""Read numbers the way a Dutch reader does. Pure functions, no spaCy.

Digits: a dot groups thousands and a comma is the decimal sign, so
"59.900" is 59900, "3,2" is 3.2 and "1.200,50" is 1200.5; "19.03" (a clock
time) and "2.3" (a section number) are not numbers at all.
Words: "twaalf", "vijfenveertig", "honderdvijftig", "drieëntwintigduizend",
read from the atoms in ``rules/numbers.nl.yml``.

Each reading carries its *step*: the unit of the last digit written, which
says how far rounding may have moved the number ("53" → 1, "3,2" → 0.1,
"59.900" → 100). Round integers ("60.000") are marked ``round`` because their
trailing zeros may or may not be significant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from factcheck.interval import Interval
from factcheck.rules import NumberWords, Rounding

_DOT_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_PLAIN = re.compile(r"\d+(?:,\d+)?")
MAX_CHARS = 40  # a digit string longer than this is no number anybody states


@dataclass(frozen=True)
class Reading:
    """A number as read: its exact value and the unit of its last written digit."""

    value: Decimal
    step: Decimal
    round: bool  # an integer ending in zeros: the zeros may be rounding


def parse_digits(written: str) -> Reading | None:
    """Read a Dutch digit string; None when it is not a plain Dutch number.

    >>> parse_digits("59.900").value
    Decimal('59900')
    >>> parse_digits("19.03") is None
    True
    """
    s = written.strip().replace("\u2212", "-")
    if len(s) > MAX_CHARS:
        return None  # no statistic has that many digits (Python refuses past 4.300)
    if not (_DOT_GROUPED.fullmatch(s) or _PLAIN.fullmatch(s)):
        return None
    whole, _, decimals = s.replace(".", "").partition(",")
    value = Decimal(f"{whole}.{decimals}") if decimals else Decimal(whole)
    if decimals:
        return Reading(value, Decimal(1).scaleb(-len(decimals)), False)
    return _integer_reading(int(whole))


def _integer_reading(number: int) -> Reading:
    zeros = len(str(number)) - len(str(number).rstrip("0")) if number else 0
    return Reading(Decimal(number), Decimal(10) ** zeros, zeros > 0)


def parse_word(word: str, words: NumberWords) -> Reading | None:
    """Read a Dutch number word ("vijfenveertig" → 45); None if it is not one."""
    value = _word_value(word.lower(), words)
    return None if value is None else _integer_reading(value)


def _word_value(word: str, words: NumberWords) -> int | None:
    return _cached_word_value(word, _WordTables.of(words))


@dataclass(frozen=True)
class _WordTables:
    """Hashable view of the number-word tables, so readings can be cached."""

    units: tuple[tuple[str, int], ...]
    tens: tuple[tuple[str, int], ...]
    hundred: str
    thousand: str

    @staticmethod
    def of(words: NumberWords) -> _WordTables:
        return _WordTables(tuple(words.units.items()), tuple(words.tens.items()),
                           words.hundred, words.thousand)


@lru_cache(maxsize=4096)
def _cached_word_value(word: str, tables: _WordTables) -> int | None:
    if not word:
        return None
    head, sep, tail = word.partition(tables.thousand)
    if sep:
        left = _below_thousand(head, tables) if head else 1
        right = _below_thousand(tail, tables) if tail else 0
        return None if left is None or right is None else left * 1000 + right
    return _below_thousand(word, tables)


def _below_thousand(word: str, tables: _WordTables) -> int | None:
    head, sep, tail = word.partition(tables.hundred)
    if not sep:
        return _below_hundred(word, tables)
    left = _below_hundred(head, tables) if head else 1  # "negentienhonderd" = 1900
    right = _below_hundred(tail, tables) if tail else 0
    return None if left is None or right is None else left * 100 + right


def _below_hundred(word: str, tables: _WordTables) -> int | None:
    units, tens = dict(tables.units), dict(tables.tens)
    if word in units:
        return units[word]
    if word in tens:
        return tens[word]
    for ten, ten_value in tens.items():
        if word.endswith(ten):
            unit = word[: -len(ten)].removesuffix("en").removesuffix("ën")
            if unit in units and units[unit] < 10 and word[len(unit):-len(ten)] in ("en", "ën"):
                return units[unit] + ten_value
    return None


def interval(reading: Reading, factor: Decimal, rounding: Rounding) -> Interval:
    """The interval a number allows because it was rounded when written.

    Half a step either side (statcheck's rule); for round integers the step
    is capped at ``rounding.round_number_max_relative`` of the value, but
    never below half a unit of the last digit. Its ends are open: each is
    shared with the next number that could have been written.
    """
    value = reading.value * factor
    half = reading.step * factor / 2
    if reading.round:
        last_digit_half = factor / 2
        cap = abs(value) * Decimal(str(rounding.round_number_max_relative))
        half = max(min(half, cap), last_digit_half)
    return Interval.rounded(float(value - half), float(value + half))


def format_dutch(value: Decimal, decimals: int = 0) -> str:
    """Write a number the Dutch way: 59900 → "59.900", 3.2 → "3,2" (inverse of parse_digits)."""
    quantized = value.quantize(Decimal(1).scaleb(-decimals)) if decimals else value.quantize(1)
    sign = "-" if quantized < 0 else ""
    whole, _, frac = f"{abs(quantized):f}".partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    grouped = ".".join([whole, *groups])
    return f"{sign}{grouped},{frac}" if frac else f"{sign}{grouped}"
