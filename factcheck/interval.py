"""The interval a claim's wording allows, and whether two such intervals meet. Pure.

"53 procent" allows 52,5 … 53,5 (rounded to its last digit), "bijna 60.000"
57.000 … 60.000, "meer dan 600 miljoen" anything above 600 miljoen. A bound of
``None`` is unbounded.

Whether an end belongs to the interval depends on how it was said. The ends
of a rounding interval are shared by two numbers ("52%" ends where "53%"
begins) and belong to neither, so "52%" and "53 procent" disagree. An end said
in words belongs to it or not as the words say: "maximaal 12.000" and
"minstens 12.000" meet at 12.000; "minder dan 12.000" and "minstens 12.000"
do not.
"""

from __future__ import annotations

import math
from typing import Protocol

# qualifier → (low end belongs, high end belongs)
_CLOSED: dict[str, tuple[bool, bool]] = {
    "at_most": (False, True),
    "less_than": (False, False),
    "at_least": (True, False),
    "more_than": (False, False),
    "range": (True, True),
}


class Bounded(Protocol):
    @property
    def low(self) -> float | None: ...

    @property
    def high(self) -> float | None: ...

    @property
    def qualifier(self) -> str: ...


def ends(claim: Bounded) -> tuple[float, float, bool, bool]:
    """Low, high, and whether each end belongs to the interval."""
    low = -math.inf if claim.low is None else claim.low
    high = math.inf if claim.high is None else claim.high
    low_closed, high_closed = _CLOSED.get(claim.qualifier, (False, False))
    return low, high, low_closed, high_closed


def overlap(a: Bounded, b: Bounded) -> bool:
    """Do the intervals the two statements allow share a value?"""
    a_low, a_high, a_low_in, a_high_in = ends(a)
    b_low, b_high, b_low_in, b_high_in = ends(b)
    low, low_in = (a_low, a_low_in) if a_low > b_low else (b_low, b_low_in)
    if a_low == b_low:
        low_in = a_low_in and b_low_in
    high, high_in = (a_high, a_high_in) if a_high < b_high else (b_high, b_high_in)
    if a_high == b_high:
        high_in = a_high_in and b_high_in
    return low < high or (low == high and low_in and high_in)
