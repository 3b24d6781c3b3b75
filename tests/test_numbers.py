"""The Dutch number reader: digits, words, rounding intervals."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.extract.numbers import Reading, format_dutch, interval, parse_digits, parse_word
from factcheck.rules import Rules


@pytest.mark.parametrize(
    ("written", "value", "step"),
    [
        ("59.900", "59900", "100"),
        ("3,2", "3.2", "0.1"),
        ("1.200,50", "1200.50", "0.01"),
        ("53", "53", "1"),
        ("1.700.000", "1700000", "100000"),
        ("4.185", "4185", "1"),
        ("0,5", "0.5", "0.1"),
        ("12.500", "12500", "100"),
    ],
)
def test_parse_digits_reads_dutch_notation(written: str, value: str, step: str) -> None:
    reading = parse_digits(written)
    assert reading is not None
    assert reading.value == Decimal(value)
    assert reading.step == Decimal(step)


@pytest.mark.parametrize("written", ["19.03", "2.3", "1,200.50", "12.34.56", "3.", "", "1.2345"])
def test_parse_digits_refuses_what_is_not_a_dutch_number(written: str) -> None:
    assert parse_digits(written) is None


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("twaalf", 12),
        ("vijfenveertig", 45),
        ("drieëntwintig", 23),
        ("honderdvijftig", 150),
        ("tweehonderd", 200),
        ("vijftien", 15),
        ("negentien", 19),
        ("duizend", 1000),
        ("drieduizendvijfhonderd", 3500),
        ("negentienhonderd", 1900),
        ("tweeënzestigduizend", 62000),
        ("Achttien", 18),
    ],
)
def test_parse_word_reads_compound_number_words(word: str, value: int, rules: Rules) -> None:
    reading = parse_word(word, rules.numbers)
    assert reading is not None
    assert reading.value == value


@pytest.mark.parametrize("word", ["tweede", "eens", "tiener", "achter", "veertigste", "enen", ""])
def test_parse_word_refuses_other_words(word: str, rules: Rules) -> None:
    assert parse_word(word, rules.numbers) is None


@pytest.mark.parametrize(
    ("written", "factor", "low", "high"),
    [
        ("53", 1, 52.5, 53.5),  # "53 procent" allows 52,5–53,5
        ("59.900", 1, 59850, 59950),
        ("3,2", 1, 3.15, 3.25),
        ("60.000", 1, 57000, 63000),  # a round number: capped at 5%
        ("1,2", 1_000_000, 1_150_000, 1_250_000),  # "1,2 miljoen"
    ],
)
def test_interval_follows_the_digits_written(written: str, factor: int, low: float, high: float,
                                             rules: Rules) -> None:
    reading = parse_digits(written)
    assert reading is not None
    got = interval(reading, Decimal(factor), rules.rounding)
    assert (got.low, got.high) == pytest.approx((low, high))


@given(st.integers(min_value=0, max_value=10**12))
def test_integers_round_trip_through_dutch_notation(number: int) -> None:
    written = format_dutch(Decimal(number))
    reading = parse_digits(written)
    assert reading is not None and reading.value == number


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_decimals_round_trip_through_dutch_notation(number: Decimal) -> None:
    written = format_dutch(number, decimals=2)
    reading = parse_digits(written)
    assert reading is not None and reading.value == number
    assert reading.step == Decimal("0.01")


@given(st.integers(min_value=1, max_value=999_999))
def test_interval_always_contains_the_value(number: int) -> None:
    from factcheck.rules import Rounding

    reading: Reading | None = parse_digits(format_dutch(Decimal(number)))
    assert reading is not None
    rounded = interval(reading, Decimal(1), Rounding(0.05))
    assert rounded.low < number < rounded.high
