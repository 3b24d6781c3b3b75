"""Find quantities in Dutch running text. Pure functions over a string.

A quantity is a number core (digits, a number word, or a fraction) with what
is written around it: a hedge and a currency sign before it, a scale word
("miljoen") and a unit ("procent", "euro") after it, and for a range a second
core joined by "à", "tot", "-" or "tussen … en". Numbers that are no claim
(clock times, dates, years, references, labels, footnote markers …) are
masked first by the patterns in ``rules/nonclaims.nl.yml``.

All word lists come from :class:`~factcheck.rules.Rules`; this module holds
only the grammar that combines them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from factcheck.numbers import Reading, interval, parse_digits, parse_word
from factcheck.records import Qualifier, Quantity
from factcheck.rules import Hedge, Rules, Scale, Unit

_SENTENCE_END = re.compile(r"[.!?]\s|\n\s*\n")
_SPACE = re.compile(r"\s")
_THROUGH_LAST_SPACE = re.compile(r".*\s", re.DOTALL)


@dataclass(frozen=True)
class Core:
    """A bare number in the text, before its context is read."""

    start: int
    end: int
    reading: Reading
    is_word: bool
    fraction: bool = False  # "de helft", "een kwart": a share unless a scale word follows
    percent_alone: bool = False
    approx_margin: float | None = None  # "een twintigtal": about twenty


@dataclass(frozen=True)
class Grammar:
    """The rules compiled into regular expressions, once per rules version."""

    rules: Rules
    digits: re.Pattern[str]
    words: re.Pattern[str]
    fraction: re.Pattern[str]
    scale: re.Pattern[str]
    unit_after: re.Pattern[str]
    unit_before: re.Pattern[str]
    hedge: re.Pattern[str]
    per: re.Pattern[str]
    range_gap: re.Pattern[str]  # "à", "tot", "-" … between the two ends of a range
    ordered_gap: re.Pattern[str]  # a dash: the second end must not be smaller
    between: re.Pattern[str]  # "tussen (de)" right before the first end
    closer_gap: re.Pattern[str]  # "en" between the ends after "tussen"
    currency: re.Pattern[str]  # a currency sign anywhere ("€"): a bare amount near it is money
    money_words: frozenset[str]
    after_amount: frozenset[str]
    scales: dict[str, Scale]
    units_after: dict[str, Unit]
    units_before: dict[str, Unit]
    hedges: dict[str, Hedge]


def currency_signs(rules: Rules) -> str:
    """A regex class of the currency signs the units rules write before an amount ("€")."""
    signs = {f for u in rules.units if u.money for f in u.before
             if len(f) == 1 and not f.isalnum()}
    return "[" + "".join(sorted(re.escape(s) for s in signs)) + "]" if signs else r"(?!x)x"


def _alternation(forms: Iterable[str], *, left: bool = True, right: bool = True,
                 signs: str = "") -> str:
    """A regex alternation of literal forms, longest first; guards keep it to whole words."""
    ordered = sorted(set(forms), key=lambda f: (-len(f), f))
    body = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in ordered) or r"(?!x)x"
    guard = rf"(?<!\w)(?<!{signs})" if signs else r"(?<!\w)"
    return (guard if left else "") + f"(?:{body})" + (r"(?!\w)" if right else "")


_GRAMMARS: dict[tuple[str, str], Grammar] = {}


def grammar(rules: Rules) -> Grammar:
    """The scanner's regular expressions for a rules version, compiled once."""
    key = (rules.directory, rules.version)
    if key not in _GRAMMARS:
        _GRAMMARS[key] = _compile(rules)
    return _GRAMMARS[key]


def _compile(rules: Rules) -> Grammar:
    nw = rules.numbers
    signs = currency_signs(rules)
    atoms = [*nw.units, *nw.tens, nw.hundred, nw.thousand, "en", "ën"]
    atom_re = "|".join(sorted((re.escape(a) for a in atoms), key=len, reverse=True))
    units_after = {f.lower(): u for u in rules.units for f in u.after}
    units_before = {f.lower(): u for u in rules.units for f in u.before}
    return Grammar(
        rules=rules,
        digits=re.compile(r"(?<![\w.,])\d(?:[\d.,]*\d)?"),
        words=re.compile(rf"(?<![\w-])(?:{atom_re})+({re.escape(nw.approx_suffix.suffix)})?"
                         r"(?![\w-])", re.IGNORECASE),
        fraction=re.compile(_alternation(nw.fractions, signs=signs), re.IGNORECASE),
        scale=re.compile(r"\s*" + _alternation((w for s in rules.scales for w in s.words),
                                                signs=signs),
                         re.IGNORECASE),
        unit_after=re.compile(r"\s*" + _alternation(units_after, left=False), re.IGNORECASE),
        unit_before=re.compile(_alternation(units_before, right=False, signs=signs) + r"\s*$",
                               re.IGNORECASE),
        hedge=re.compile(_alternation((w for h in rules.hedges for w in h.words), signs=signs)
                         + r"\s+$",
                         re.IGNORECASE),
        per=re.compile(r"\s+per\s+([^\W\d]+)", re.IGNORECASE),
        range_gap=_gap(nw.ranges.joiners, signs),
        ordered_gap=_gap(nw.ranges.ordered, signs),
        between=re.compile(_alternation(nw.ranges.between, signs=signs) + r"\s+$",
                           re.IGNORECASE),
        closer_gap=_gap((nw.ranges.closer,), signs),
        currency=re.compile(signs),
        money_words=frozenset(w.lower() for w in rules.money_context.words),
        after_amount=frozenset(rules.money_context.after_amount),
        scales={w.lower(): s for s in rules.scales for w in s.words},
        units_after=units_after,
        units_before=units_before,
        hedges={w.lower(): h for h in rules.hedges for w in h.words},
    )


def _gap(words: Iterable[str], signs: str) -> re.Pattern[str]:
    """What may stand between the two ends of a range: a joining word, maybe a currency sign."""
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len,
                                                                         reverse=True))
    return re.compile(rf"\s*(?:{body})\s*(?:{signs}\s*)?", re.IGNORECASE)


def nonclaim_mask(text: str, rules: Rules,
                  stretches: Sequence[tuple[int, int]] | None = None) -> list[tuple[int, int, str]]:
    """Spans of text that hold numbers which are no claim, with the rule that found them.

    The patterns run over ``stretches`` of the text (default: all of it).
    """
    around = [(0, len(text))] if stretches is None else stretches
    spans = [(m.start(), m.end(), rule.name)
             for rule in rules.nonclaims for start, end in around
             for m in rule.pattern.finditer(text, start, end)]
    spans.sort()
    return spans


def stretches(text: str, cores: Sequence[Core], reach: int) -> list[tuple[int, int]]:
    """The text around ``cores`` the non-claim patterns see, as sorted (start, end).

    From ``reach`` characters before each core to ``reach`` after it, widened
    to whole words; overlapping stretches are merged. Linear in the text even
    where it has no whitespace for long.
    """
    out: list[tuple[int, int]] = []
    space_after = -1  # the first whitespace at or after the last stretch's end
    for core in cores:
        start, end = max(0, core.start - reach), min(len(text), core.end + reach)
        if out and start <= out[-1][1]:
            start = out[-1][0]
            out.pop()
        else:
            floor = out[-1][1] if out else 0
            last = _THROUGH_LAST_SPACE.match(text, floor, start)
            start = last.end() if last else floor
        if end > space_after:
            space = _SPACE.search(text, end)
            space_after = space.start() if space else len(text)
        out.append((start, space_after))
    return out


def _mask_index(mask: list[tuple[int, int, str]]) -> tuple[list[int], list[int]]:
    """The mask's starts and, for each, the furthest end of a span starting no later."""
    starts, reach, furthest = [], [], -1
    for s, e, _ in mask:
        furthest = max(furthest, e)
        starts.append(s)
        reach.append(furthest)
    return starts, reach


def _covered(start: int, end: int, starts: list[int], reach: list[int]) -> bool:
    """Over ``_mask_index``: does a span that starts before ``end`` reach past
    ``start``?"""
    k = bisect.bisect_left(starts, end)
    return k > 0 and reach[k - 1] > start


def find_cores(text: str, g: Grammar) -> list[Core]:
    """Every digit string, number word and fraction word that reads as a number."""
    cores = []
    for m in g.digits.finditer(text):
        reading = parse_digits(m.group())
        if reading is not None:
            cores.append(Core(m.start(), m.end(), reading, is_word=False))
    for m in g.words.finditer(text):
        cores.extend(_word_core(text, m, g))
    cores.extend(_fraction_cores(text, g))
    cores.sort(key=lambda c: c.start)
    return _drop_overlaps(cores)


def _word_core(text: str, m: re.Match[str], g: Grammar) -> Iterable[Core]:
    """A number word; with the approximating suffix ("een twintigtal") an approximate one."""
    suffix = g.rules.numbers.approx_suffix
    word, start = m.group(), m.start()
    margin = None
    if m.group(1):
        word, margin = word[: -len(suffix.suffix)], suffix.margin
        before = text[max(0, start - 8):start]
        article = re.search(rf"(?<!\w){re.escape(suffix.article)}\s+$", before, re.IGNORECASE)
        start = start - len(before) + article.start() if article else start
    reading = parse_word(word, g.rules.numbers)
    if reading is not None:
        yield Core(start, m.end(), reading, is_word=True, approx_margin=margin)


def _fraction_cores(text: str, g: Grammar) -> Iterable[Core]:
    for m in g.fraction.finditer(text):
        fraction = g.rules.numbers.fractions[m.group().lower()]
        if fraction.needs_after and not _followed_by(text, m.end(), fraction.needs_after, g):
            continue
        start, multiplier = m.start(), Decimal(1)
        before = text[max(0, start - 12):start]
        numerator = re.search(r"(?<!\w)(\w+)\s+$", before)
        if numerator:
            word = numerator.group(1).lower()
            article = word in g.rules.numbers.fraction_articles
            count = None if article else parse_word(word, g.rules.numbers)
            if count is not None or article:
                start = start - len(before) + numerator.start(1)
                multiplier = count.value if count is not None else Decimal(1)
        value = Decimal(str(fraction.value)) * multiplier
        yield Core(start, m.end(), Reading(value, Decimal("0.1"), False), is_word=True,
                   fraction=True, percent_alone=fraction.percent_alone)


def _followed_by(text: str, end: int, words: tuple[str, ...], g: Grammar) -> bool:
    """Is the next word one of ``words``, or a scale word?"""
    if g.scale.match(text, end):
        return True
    nxt = re.match(r"\s+([^\W\d]+)", text[end:end + 40])
    return nxt is not None and nxt.group(1).lower() in words


def _drop_overlaps(cores: list[Core]) -> list[Core]:
    kept: list[Core] = []
    for core in cores:
        if kept and core.start < kept[-1].end:
            if (core.end - core.start) > (kept[-1].end - kept[-1].start):
                kept[-1] = core
            continue
        kept.append(core)
    return kept


@dataclass
class _Reach:
    """What was read around one core, growing as the scanner looks further."""

    core: Core
    start: int
    end: int
    factor: Decimal = Decimal(1)
    scale: Scale | None = None
    unit: Unit | None = None
    per: str | None = None


def _read_right(text: str, core: Core, g: Grammar) -> _Reach:
    reach = _Reach(core, core.start, core.end)
    m = g.scale.match(text, reach.end)
    if m:
        reach.scale = g.scales[re.sub(r"\s+", " ", m.group().strip().lower())]
        reach.factor, reach.end = Decimal(str(reach.scale.factor)), m.end()
    m = g.unit_after.match(text, reach.end)
    if m:
        reach.unit = g.units_after[re.sub(r"\s+", " ", m.group().strip().lower())]
        reach.end = m.end()
    return reach


def _read_per(text: str, reach: _Reach, g: Grammar) -> None:
    """What the number is counted per: "per week" after it, or "jaarlijks" before it."""
    m = g.per.match(text, reach.end)
    if m:
        reach.per = m.group(1).lower()
        return
    per = g.rules.per_words
    before = re.findall(r"[^\W\d]+", text[max(0, reach.core.start - 80):reach.core.start].lower())
    for word in before[-per.window:]:
        if word in per.words:
            reach.per = per.words[word]


def _unit_before(text: str, start: int, g: Grammar) -> tuple[Unit | None, int]:
    m = g.unit_before.search(text, max(0, start - 8), start)
    if m:
        key = re.sub(r"\s+", " ", m.group().strip().lower())
        return g.units_before.get(key), m.start()
    return None, start


def _hedge_before(text: str, start: int, g: Grammar) -> tuple[Hedge | None, int]:
    m = g.hedge.search(text, max(0, start - 40), start)
    if m:
        return g.hedges[re.sub(r"\s+", " ", m.group().strip().lower())], m.start()
    return None, start


def _money_context(text: str, start: int, end: int, g: Grammar) -> bool:
    """Is an amount without a currency money, judged by the words of its sentence around it?"""
    context = g.rules.money_context
    after = text[end:end + 400]
    cut = _SENTENCE_END.search(after)
    after_words = re.findall(r"[^\W\d]+", (after[:cut.start() + 1] if cut else after).lower())
    if (after_words and re.match(r"\s+[^\W\d]", after) and after_words[0] not in g.after_amount
            and not context.participle.match(after_words[0])):
        return False  # "17 miljoen mensen": a counted noun follows
    before = text[max(0, start - 400):start]
    ends = list(_SENTENCE_END.finditer(before))
    if ends:
        before = before[ends[-1].end():]
    near = re.findall(r"[^\W\d]+", before.lower())[-context.window:] + after_words[:context.window]
    if any(w in g.money_words for w in near):
        return True
    sentence = before + (after[:cut.start() + 1] if cut else after)
    return g.currency.search(sentence) is not None  # "125 miljoen, dat is €45.000 per woning"


def find_quantities(text: str, rules: Rules) -> list[Quantity]:
    """Every quantity in ``text`` that is a claim, in text order."""
    g = grammar(rules)
    cores = find_cores(text, g)
    may_count = [c for i, c in enumerate(cores) if _may_count(text, cores, i, g)]
    mask = nonclaim_mask(text, rules, stretches(text, may_count, rules.nonclaim_reach))
    starts, reach = _mask_index(mask)
    cores = [c for c in cores if not _covered(c.start, c.end, starts, reach)]
    quantities: list[Quantity] = []
    i = 0
    while i < len(cores):
        first = _read_right(text, cores[i], g)
        second = _range_partner(text, first, cores[i + 1] if i + 1 < len(cores) else None, g)
        quantity = _build(text, first, second, g)
        if quantity is not None:
            quantities.append(quantity)
        i += 2 if second is not None else 1
    return quantities


def _may_count(text: str, cores: Sequence[Core], i: int, g: Grammar) -> bool:
    """Could this core be (the first end of) a quantity, masked or not?

    A bare small number word ("een", "één": nothing beside it, see
    :func:`_is_bare_word`) with no range after it never is, whatever the
    non-claim patterns say: it needs no masking, and most number words in a
    text are such.
    """
    core = cores[i]
    if not core.is_word:
        return True
    reach = _read_right(text, core, g)
    if not _is_bare_word(reach, _unit_before(text, core.start, g)[0] or reach.unit, g):
        return True
    if i + 1 == len(cores):
        return False
    gap = (core.end, cores[i + 1].start)
    return bool(g.range_gap.fullmatch(text, *gap) or g.closer_gap.fullmatch(text, *gap))


def _range_partner(text: str, first: _Reach, nxt: Core | None, g: Grammar) -> _Reach | None:
    """The second end of a range ("5% à 10%", "tussen 18.000 en 73.000"), if any."""
    if nxt is None:
        return None
    gap = text[first.end:nxt.start]
    between = g.between.search(text, max(0, first.core.start - 20), first.core.start)
    joined = g.range_gap.fullmatch(gap) or (between and g.closer_gap.fullmatch(gap))
    if not joined or nxt.is_word != first.core.is_word:
        return None
    second = _read_right(text, nxt, g)
    descending = nxt.reading.value * second.factor < first.core.reading.value * first.factor
    if descending and g.ordered_gap.fullmatch(gap):
        return None  # "2–0" is a score, not a range
    return second


def _build(text: str, first: _Reach, second: _Reach | None, g: Grammar) -> Quantity | None:
    last = second or first
    if second is not None:
        if first.scale is None and second.scale is not None:
            first.factor, first.scale = second.factor, second.scale
        first.unit = first.unit or second.unit
    unit, start = _unit_before(text, first.core.start, g)
    unit = unit or first.unit
    if second is None:
        _read_per(text, first, g)
    else:
        _read_per(text, second, g)
    hedge, hedge_start = _hedge_before(text, start, g)
    if second is None and g.between.search(text, max(0, start - 20), start):
        hedge = None
    unit_name = _unit_name(text, first, unit, g)
    if unit_name is None:
        return None
    if _is_bare_word(first, unit, g):
        return None
    value, low, high, qualifier = _value_and_interval(first, second, hedge, unit_name, g)
    text_start = hedge_start if hedge is not None and hedge.qualifier != "exact" else start
    if second is not None:
        between = g.between.search(text, max(0, start - 20), start)
        text_start = between.start() if between else text_start
    end = last.end
    return Quantity(start=text_start, end=end, text=text[text_start:end], value=value,
                    unit=unit_name, qualifier=qualifier, low=low, high=high,
                    per=(second or first).per)


def _unit_name(text: str, reach: _Reach, unit: Unit | None, g: Grammar) -> str | None:
    """The unit of a quantity; None when a money-only scale word turns out not to be money."""
    if unit is not None:
        return unit.unit
    if reach.core.fraction and reach.core.percent_alone and reach.scale is None:
        return "percent"
    if reach.scale is not None and _money_context(text, reach.core.start, reach.end, g):
        return "EUR"
    if reach.scale is not None and reach.scale.money_only:
        return None
    return "count"


def _is_bare_word(reach: _Reach, unit: Unit | None, g: Grammar) -> bool:
    """A number word with nothing after it, too small to be a claim ("twee dingen")."""
    if not reach.core.is_word or reach.scale is not None or unit is not None:
        return False
    if reach.core.approx_margin is not None:
        return False
    if reach.core.fraction:
        return not reach.core.percent_alone and reach.scale is None
    return reach.core.reading.value < g.rules.numbers.min_bare_value


def _value_and_interval(first: _Reach, second: _Reach | None, hedge: Hedge | None, unit: str,
                        g: Grammar) -> tuple[float, float | None, float | None, Qualifier]:
    percent_share = first.core.fraction and unit == "percent" and first.scale is None
    factor = Decimal(100) if percent_share else first.factor
    low, high = interval(first.core.reading, factor, g.rules.rounding)
    value = first.core.reading.value * factor
    if second is not None:
        low2, high2 = interval(second.core.reading, second.factor, g.rules.rounding)
        value2 = second.core.reading.value * second.factor
        # "98% of 97%": alternatives may come in either order
        return float((value + value2) / 2), min(low, low2), max(high, high2), "range"
    if first.core.approx_margin is not None and hedge is None:
        m = first.core.approx_margin
        return float(value), float(value) * (1 - m), float(value) * (1 + m), "approx"
    if hedge is None or hedge.qualifier == "exact":
        return float(value), low, high, "exact"
    hedged_low, hedged_high = _hedged(float(value), hedge)
    return float(value), hedged_low, hedged_high, hedge.qualifier


def _hedged(value: float, hedge: Hedge) -> tuple[float | None, float | None]:
    margin = hedge.margin
    match hedge.qualifier:
        case "approx":
            m = margin or 0.0
            return value * (1 - m), value * (1 + m)
        case "less_than":
            return (value * (1 - margin) if margin is not None else None), value
        case "more_than":
            return value, (value * (1 + margin) if margin is not None else None)
        case "at_most":
            return None, value
        case "at_least":
            return value, None
    return value, value
