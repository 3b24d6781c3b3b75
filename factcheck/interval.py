"""The interval a claim's wording allows, and whether two such intervals meet. Pure.

"53 procent" allows 52,5 … 53,5 (rounded to its last digit), "bijna 60.000"
57.000 … 60.000, "meer dan 600 miljoen" anything above 600 miljoen. A bound of
``None`` is unbounded. The ends of a rounding interval are shared by two
numbers ("52%" ends where "53%" begins), so two intervals that only touch do
not overlap: "52%" and "53 procent" disagree.
"""

from __future__ import annotations

from typing import Protocol


class Bounded(Protocol):
    @property
    def low(self) -> float | None: ...

    @property
    def high(self) -> float | None: ...


def overlap(a: Bounded, b: Bounded) -> bool:
    """Do the intervals the two statements allow share more than an end point?"""
    a_low = float("-inf") if a.low is None else a.low
    b_low = float("-inf") if b.low is None else b.low
    a_high = float("inf") if a.high is None else a.high
    b_high = float("inf") if b.high is None else b.high
    return a_low < b_high and b_low < a_high
