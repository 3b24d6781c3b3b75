"""The interval a figure's wording allows, whether two meet, and interval arithmetic. Pure.

"53 procent" allows 52,5 … 53,5 (rounded to its last digit), "bijna 60.000"
57.000 … 60.000, "meer dan 600 miljoen" anything above 600 miljoen. A side
without a bound is ``-inf``/``inf``.

Whether an end belongs to the interval depends on how it was said. The ends
of a rounding interval are shared by two numbers ("52%" ends where "53%"
begins) and belong to neither, so "52%" and "53 procent" disagree. An end said
in words belongs to it or not as the words say: "maximaal 12.000" and
"minstens 12.000" meet at 12.000; "minder dan 12.000" and "minstens 12.000"
do not. A range ("tussen 20 en 30") holds both its ends.

Extraction builds one interval per figure (:meth:`Interval.stated`); the
linker and compare ask whether two statements' intervals meet (:func:`overlap`), the
arithmetic check computes with them (``+``, ``-``, ``*``, :meth:`divided_by`).
Arithmetic and the CBS check take each figure's :meth:`~Interval.closure`: a
figure recomputed from parts as written ("300 van de 800": 37,5%) that lands
exactly on the edge of a stated one ("38%") misses it by nothing, as the
writer rounded the half up.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Protocol

# qualifier → (low end belongs, high end belongs); rounding ("exact", "approx") holds neither
_CLOSED: dict[str, tuple[bool, bool]] = {
    "at_most": (False, True),
    "less_than": (False, False),
    "at_least": (True, False),
    "more_than": (False, False),
    "range": (True, True),
}


@dataclass(frozen=True)
class Interval:
    """``low`` … ``high``, and whether each end belongs to it (closed) or not (open)."""

    low: float
    high: float
    low_closed: bool = True
    high_closed: bool = True

    @staticmethod
    def stated(low: float | None, high: float | None, qualifier: str) -> Interval:
        """The interval a wording allows: None is an unbounded side; the qualifier says
        which ends belong to it."""
        low_closed, high_closed = _CLOSED.get(qualifier, (False, False))
        return Interval(-math.inf if low is None else low, math.inf if high is None else high,
                        low_closed and low is not None, high_closed and high is not None)

    @staticmethod
    def rounded(low: float, high: float) -> Interval:
        """A rounding interval: its ends are shared with the neighbouring numbers."""
        return Interval(low, high, False, False)

    def bounds(self) -> tuple[float | None, float | None]:
        """Low and high as the outputs write them: None for an unbounded side."""
        return (None if math.isinf(self.low) else self.low,
                None if math.isinf(self.high) else self.high)

    def closure(self) -> Interval:
        """The same interval with both ends in it."""
        return Interval(self.low, self.high)

    def overlaps(self, other: Interval) -> bool:
        """Do the two intervals share a value?"""
        low, low_in = max((self.low, self.low_closed), (other.low, other.low_closed),
                          key=lambda end: end[0])
        if self.low == other.low:
            low_in = self.low_closed and other.low_closed
        high, high_in = min((self.high, self.high_closed), (other.high, other.high_closed),
                            key=lambda end: end[0])
        if self.high == other.high:
            high_in = self.high_closed and other.high_closed
        return low < high or (low == high and low_in and high_in)

    def distance(self, other: Interval) -> float:
        """How far apart two intervals are; 0 when they overlap or touch."""
        return max(0.0, self.low - other.high, other.low - self.high)

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.low + other.low, self.high + other.high,
                        self.low_closed and other.low_closed,
                        self.high_closed and other.high_closed)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.low - other.high, self.high - other.low,
                        self.low_closed and other.high_closed,
                        self.high_closed and other.low_closed)

    def __mul__(self, other: Interval) -> Interval:
        products = [(_times(a, b), (a_in and b_in) or (a == 0 and a_in) or (b == 0 and b_in))
                    for a, a_in in self._ends() for b, b_in in other._ends()]
        low = min(value for value, _ in products)
        high = max(value for value, _ in products)
        return Interval(low, high, any(c for value, c in products if value == low),
                        any(c for value, c in products if value == high))

    def divided_by(self, other: Interval) -> Interval | None:
        """None when the divisor may be zero."""
        if other.low <= 0 <= other.high:
            return None
        return self * Interval(1 / other.high, 1 / other.low, other.high_closed,
                               other.low_closed)

    def scaled(self, factor: float) -> Interval:
        return self * Interval(factor, factor)

    def absolute(self) -> Interval:
        if self.low >= 0:
            return self
        if self.high <= 0:
            return Interval(-self.high, -self.low, self.high_closed, self.low_closed)
        if -self.low == self.high:
            return Interval(0.0, self.high, True, self.low_closed or self.high_closed)
        if -self.low > self.high:
            return Interval(0.0, -self.low, True, self.low_closed)
        return Interval(0.0, self.high, True, self.high_closed)

    def _ends(self) -> tuple[tuple[float, bool], tuple[float, bool]]:
        return (self.low, self.low_closed), (self.high, self.high_closed)


class Stated(Protocol):
    """A statement of a figure: a claim or a quantity."""

    @property
    def interval(self) -> Interval: ...


def overlap(a: Stated, b: Stated) -> bool:
    """Do the intervals the two statements allow share a value?"""
    return a.interval.overlaps(b.interval)


def _times(a: float, b: float) -> float:
    return 0.0 if a == 0 or b == 0 else a * b  # 0 × inf is 0 for a bound
