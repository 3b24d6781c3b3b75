"""Figures written back in Dutch, for the differences and recomputations a finding reports.

``1643835.6, "count"`` reads "1,64 miljoen", ``16.667, "percent"`` reads "16,7%": large
numbers with the scale words of ``rules/scales.nl.yml``, units with the affixes of
``rules/arithmetic.nl.yml``. Used by compare (the difference between two figures) and by
arithmetic (a recomputed figure); pure functions.
"""

from __future__ import annotations

from decimal import Decimal

from factcheck.extract.numbers import format_dutch
from factcheck.rules import Arithmetic, Rules


def figure_value(value: float, unit: str, data: Arithmetic, rules: Rules) -> str:
    """``1643835.6, "count"`` → "1,64 miljoen"; ``16.667, "percent"`` → "16,7%"."""
    before, after = data.units.get(unit, ("", f" {unit}"))
    number = _number(value, rules)
    return f"{before}{number}{after}"


def _number(value: float, rules: Rules) -> str:
    scales = sorted((s for s in rules.scales if not s.money_only and s.factor >= 1e6),
                    key=lambda s: -s.factor)
    for scale in scales:
        if abs(value) >= scale.factor:
            shown = format_dutch(Decimal(str(round(value / scale.factor, 2))), 2)
            return f"{_trim(shown)} {scale.words[0]}"
    if abs(value) >= 100:
        return format_dutch(Decimal(round(value)))
    return _trim(format_dutch(Decimal(str(round(value, 1))), 1))


def _trim(number: str) -> str:
    return number.rstrip("0").rstrip(",") if "," in number else number
