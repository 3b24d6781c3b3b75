"""What each kind of stated arithmetic recomputes, in interval arithmetic. Pure functions.

A figure is an :class:`Operand`: its value as written, the interval its
wording allows, and its unit. A kind takes the parts of a relation by slot
name and returns the :class:`Recomputation` (or several, when the wording
allows more than one reading), or nothing when the units do not fit.
``factcheck.arithmetic`` finds the relations in the text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from factcheck.interval import Interval

PERCENTISH = frozenset({"percent", "pp"})
COUNT = "count"


@dataclass(frozen=True)
class Operand:
    value: float
    interval: Interval
    unit: str

    def __add__(self, other: Operand) -> Operand:
        return Operand(self.value + other.value, self.interval + other.interval, self.unit)

    def __sub__(self, other: Operand) -> Operand:
        return Operand(self.value - other.value, self.interval - other.interval, self.unit)


@dataclass(frozen=True)
class Recomputation:
    value: float  # from the parts' written values
    interval: Interval  # from the parts' intervals
    unit: str
    ambiguous: bool = False  # one of two readings the wording allows


@dataclass(frozen=True)
class Periods:
    """Days in the periods of a rate ("per jaar" → "per dag"), when the relation has them."""

    source: Interval | None = None
    target: Interval | None = None


Ops = Mapping[str, Operand]
Kind = Callable[[Ops, str, Periods], tuple[Recomputation, ...]]


def _ratio(a: Operand, b: Operand, scale: float, unit: str) -> tuple[Recomputation, ...]:
    interval = a.interval.divided_by(b.interval)
    if interval is None or b.value == 0:
        return ()
    return (Recomputation(a.value / b.value * scale, interval.scaled(scale), unit),)


def _product(a: Operand, b: Operand, scale: float, unit: str) -> tuple[Recomputation, ...]:
    return (Recomputation(a.value * b.value * scale, (a.interval * b.interval).scaled(scale),
                          unit),)


def share(ops: Ops, unit: str, _: Periods) -> tuple[Recomputation, ...]:
    part, whole = ops["part"], ops["whole"]
    if unit != "percent" or part.unit != whole.unit or part.unit in PERCENTISH:
        return ()
    if part.value > whole.value:
        return ()  # more than all of it: the roles were misread
    return _ratio(part, whole, 100.0, unit)


def percent_of(ops: Ops, unit: str, _: Periods) -> tuple[Recomputation, ...]:
    pct, whole = ops["share"], ops["whole"]
    if pct.unit != "percent" or whole.unit != unit or unit in PERCENTISH:
        return ()
    return _product(pct, whole, 0.01, unit)


def _distance(a: Operand, b: Operand, unit: str, ambiguous: bool = False) -> Recomputation:
    gap = a - b
    return Recomputation(abs(gap.value), gap.interval.absolute(), unit, ambiguous)


def difference(ops: Ops, unit: str, _: Periods) -> tuple[Recomputation, ...]:
    a, b = ops["a"], ops["b"]
    if a.unit != b.unit:
        return ()
    if unit == a.unit or (a.unit == "percent" and unit == "pp"):
        return (_distance(a, b, unit),)
    return ()


def _same_unit(a: Operand, b: Operand) -> tuple[Operand, Operand]:
    """A bare number takes its partner's unit: "van 20 naar 25 procent"."""
    if a.unit == COUNT and b.unit != COUNT:
        return Operand(a.value, a.interval, b.unit), b
    if b.unit == COUNT and a.unit != COUNT:
        return a, Operand(b.value, b.interval, a.unit)
    return a, b


def change(ops: Ops, unit: str, _: Periods) -> tuple[Recomputation, ...]:
    start, end = _same_unit(ops["from"], ops["to"])
    if start.unit != end.unit:
        return ()
    if unit == "pp":
        return (_distance(end, start, unit),) if start.unit == "percent" else ()
    if unit == "percent":
        relative = _relative_change(start, end)
        if start.unit != "percent":
            return relative
        return (*(replace(r, ambiguous=True) for r in relative),
                _distance(end, start, unit, ambiguous=True))
    return (_distance(end, start, unit),) if unit == start.unit else ()


def _relative_change(start: Operand, end: Operand) -> tuple[Recomputation, ...]:
    ratios = _ratio(end, start, 1.0, "percent")
    return tuple(Recomputation(abs(r.value - 1) * 100,
                               (r.interval - Interval(1.0, 1.0)).absolute().scaled(100.0),
                               "percent") for r in ratios)


def per_unit(ops: Ops, unit: str, _: Periods) -> tuple[Recomputation, ...]:
    total, count = ops["total"], ops["count"]
    if count.unit != COUNT or total.unit != unit:
        return ()
    return _ratio(total, count, 1.0, unit)


def rate(ops: Ops, unit: str, periods: Periods) -> tuple[Recomputation, ...]:
    amount = ops["amount"]
    if amount.unit != unit or periods.source is None or periods.target is None:
        return ()
    factor = periods.target.divided_by(periods.source)
    if factor is None:
        return ()
    mid = (periods.target.low + periods.target.high) / (periods.source.low + periods.source.high)
    return (Recomputation(amount.value * mid, amount.interval * factor, unit),)


def product(ops: Ops, unit: str, _: Periods) -> tuple[Recomputation, ...]:
    count, each = ops["count"], ops["each"]
    if count.unit != COUNT or each.unit != unit:
        return ()
    return _product(count, each, 1.0, unit)


def total(ops: Ops, unit: str, _: Periods) -> tuple[Recomputation, ...]:
    parts = [ops[name] for name in ("part1", "part2", "part3") if name in ops]
    if any(p.unit != unit for p in parts):
        return ()
    result = parts[0]
    for part in parts[1:]:
        result = result + part
    return (Recomputation(result.value, result.interval, unit),)


# kind → (the function, the slots it needs, slots it may have); every kind also has "derived"
KINDS: dict[str, tuple[Kind, tuple[str, ...], tuple[str, ...]]] = {
    "share": (share, ("part", "whole"), ()),
    "percent_of": (percent_of, ("share", "whole"), ()),
    "difference": (difference, ("a", "b"), ()),
    "change": (change, ("from", "to"), ()),
    "per_unit": (per_unit, ("total", "count"), ()),
    "rate": (rate, ("amount",), ()),
    "product": (product, ("count", "each"), ()),
    "sum": (total, ("part1", "part2"), ("part3",)),
}
