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
from dataclasses import dataclass, replace
from decimal import Decimal

from factcheck.extract.numbers import Reading, interval, parse_digits, parse_word
from factcheck.interval import Interval
from factcheck.records import Qualifier, Quantity
from factcheck.rules import Hedge, Rules, Scale, Unit

_SENTENCE_END = re.compile(r"[.!?]\s|\n\s*\n")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_WORD_BEFORE = re.compile(r"([^\W\d]+)\s+$")
_SIGN_GAP = re.compile(r"\s+[-\u2212]")  # space before a dash, none after: a sign, not a joiner
_COMPOUND_STEM = 5  # a money word this long counts inside a compound ("exportland")
_PASSAGE = 400  # how far back a passage's currency carries to a bare amount
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
    money_stems: tuple[str, ...]  # money words long enough to head or end a compound
    money_units: frozenset[str]  # "EUR", "GBP", …: what a passage's currency may be
    after_amount: frozenset[str]
    ratio_ones: frozenset[str]  # "een", "één", "1": the one of "een op de twintig"
    ratio: re.Pattern[str]  # what follows the one: "op de twintig"
    and_a_half: re.Pattern[str]  # "…ënhalf": the suffix of a number word and a half
    word_before: re.Pattern[str]  # number-word atoms that end where a suffix starts
    alternatives: re.Pattern[str]  # "of" between two numbers: two claims
    change_before: re.Pattern[str]  # "met" right before a number: a change
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
        per=re.compile(r"\s+per\s+((?:\d[\d.,]*\s+)?[^\W\d]+)", re.IGNORECASE),
        range_gap=_gap(nw.ranges.joiners, signs),
        ordered_gap=_gap(nw.ranges.ordered, signs),
        between=re.compile(_alternation(nw.ranges.between, signs=signs) + r"\s+$",
                           re.IGNORECASE),
        closer_gap=_gap((nw.ranges.closer,), signs),
        currency=re.compile(signs),
        money_words=frozenset(w.lower() for w in rules.money_context.words),
        money_stems=tuple(sorted({w.lower() for w in rules.money_context.words
                                  if len(w) >= _COMPOUND_STEM})),
        money_units=frozenset(u.unit for u in rules.units if u.money),
        after_amount=frozenset(rules.money_context.after_amount),
        ratio_ones=frozenset(nw.ratio.ones),
        ratio=re.compile(r"\s+" + _alternation(nw.ratio.joiners) + r"\s+"
                         + rf"(\d+|(?:{atom_re})+)(?![\w-])", re.IGNORECASE),
        and_a_half=re.compile(
            rf"(?:{'|'.join(map(re.escape, nw.and_a_half))})(?![\w-])", re.IGNORECASE),
        word_before=re.compile(rf"(?<![\w-])(?:{atom_re})+$", re.IGNORECASE),
        alternatives=_gap(nw.ranges.alternatives, signs),
        change_before=re.compile(_alternation(nw.ranges.change_before, signs=signs) + r"\s+$",
                                 re.IGNORECASE),
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

    The patterns run over ``stretches`` of the text (default: all of it); a
    pattern with ``needs`` only over those that hold one of its strings.
    """
    around = [(0, len(text))] if stretches is None else stretches
    lowered = [text[start:end].lower() for start, end in around]
    spans = [(m.start(), m.end(), rule.name)
             for rule in rules.nonclaims for (start, end), low in zip(around, lowered, strict=True)
             if not rule.needs or any(n in low for n in rule.needs)
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
    cores.extend(list(_ratio_cores(text, cores, g)))
    cores.extend(_fraction_cores(text, g))
    cores.extend(_half_cores(text, g))
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
        if fraction.not_after and _next_word(text, m.end()) in fraction.not_after:
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


def _ratio_cores(text: str, cores: Iterable[Core], g: Grammar) -> Iterable[Core]:
    """"een op de twintig": one in N, a share of 1/N (read as percent, the wording kept)."""
    for core in cores:
        if core.reading.value != 1 or text[core.start:core.end].lower() not in g.ratio_ones:
            continue
        m = g.ratio.match(text, core.end)
        if m is None:
            continue
        word = m.group(1)
        reading = (parse_digits(word) if word[0].isdigit()
                   else parse_word(word, g.rules.numbers))
        if reading is None or reading.value < 2:
            continue
        share = Decimal(1) / reading.value
        yield Core(core.start, m.end(), Reading(share, share / 10, False), is_word=True,
                   fraction=True, percent_alone=True)


def _next_word(text: str, end: int) -> str | None:
    nxt = re.match(r"\s+([^\W\d]+)", text[end:end + 40])
    return nxt.group(1).lower() if nxt else None


def _half_cores(text: str, g: Grammar) -> Iterable[Core]:
    """"drieënhalf": a number word and a half."""
    for m in g.and_a_half.finditer(text):
        word = g.word_before.search(text, max(0, m.start() - 30), m.start())
        reading = parse_word(word.group(), g.rules.numbers) if word else None
        if word is not None and reading is not None:
            yield Core(word.start(), m.end(), Reading(reading.value + Decimal("0.5"),
                                                      Decimal("0.5"), False), is_word=True)


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
    per_end: int = 0  # where "per 100 werklozen" ends: the cores up to here are its words


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
    """What the number is counted per: "per week" or "per 100 werklozen" after it, or
    "jaarlijks" before it."""
    m = g.per.match(text, reach.end)
    if m:
        reach.per = re.sub(r"\s+", " ", m.group(1).lower())
        reach.per_end = m.end()
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
        hedge = g.hedges[re.sub(r"\s+", " ", m.group().strip().lower())]
        before = _WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if hedge.not_after and before and before.group(1).lower() in hedge.not_after:
            return None, start  # "steeg tot 277.000": the level reached, not a bound
        return hedge, m.start()
    return None, start


def _is_money_word(word: str, g: Grammar) -> bool:
    """A money word, or a compound that starts or ends with a long one ("exportland",
    "belastinggeld", "zorgkosten")."""
    return word in g.money_words or any(
        word.startswith(stem) or word.endswith(stem) for stem in g.money_stems)


def _counted_noun_follows(text: str, end: int, g: Grammar) -> bool:
    """Does a counted noun follow an amount ("17 miljoen mensen"), not a verb or "aan"?"""
    m = re.match(r"\s+([^\W\d]+)", text[end:end + 60])
    if m is None:
        return False
    word = m.group(1).lower()
    return (word not in g.after_amount and not g.rules.money_context.participle.match(word)
            and not _is_money_word(word, g))  # "acht ton subsidie": what the money is


def _money_context(text: str, start: int, end: int, g: Grammar) -> bool:
    """Is an amount without a currency money, judged by the words of its sentence around it?"""
    context = g.rules.money_context
    if _counted_noun_follows(text, end, g):
        return False  # "17 miljoen mensen": a counted noun follows
    after = text[end:end + 400]
    cut = _SENTENCE_END.search(after)
    after_words = re.findall(r"[^\W\d]+", (after[:cut.start() + 1] if cut else after).lower())
    before = text[max(0, start - 400):start]
    ends = list(_SENTENCE_END.finditer(before))
    if ends:
        before = before[ends[-1].end():]
    near = re.findall(r"[^\W\d]+", before.lower())[-context.window:] + after_words[:context.window]
    if any(_is_money_word(w, g) for w in near):
        return True
    sentence = before + (after[:cut.start() + 1] if cut else after)
    return g.currency.search(sentence) is not None  # "125 miljoen, dat is €45.000 per woning"


def _passage_currency(text: str, found: Sequence[Quantity], start: int,
                      g: Grammar) -> str | None:
    """The currency of the amount just before ``start`` in the same paragraph, if any.

    "zo'n 39 miljard aan goederen en nog eens zo'n 22 miljard aan diensten":
    when the passage is about money, a bare scaled amount in it is money too.
    """
    if not found:
        return None
    last = found[-1]
    if (last.unit not in g.money_units or start - last.end > _PASSAGE
            or _PARAGRAPH_BREAK.search(text, last.end, start)):
        return None
    return last.unit


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
        nxt = cores[i + 1] if i + 1 < len(cores) else None
        second = _range_partner(text, first, nxt, g)
        carried = _passage_currency(text, quantities, cores[i].start, g)
        pair = _pair(text, first, second, carried, g) if second is not None else None
        if pair is not None:
            quantities.extend(pair)
            consumed = max(pair[-1].end, second.per_end if second is not None else 0)
        else:
            quantity = _build(text, first, second, g, carried)
            if quantity is not None:
                quantities.append(quantity)
            consumed = max(quantity.end if quantity is not None else first.end,
                           first.per_end, second.per_end if second is not None else 0)
        i += 1
        while i < len(cores) and cores[i].start < consumed:
            i += 1
    return quantities


def _pair(text: str, first: _Reach, second: _Reach, carried: str | None,
          g: Grammar) -> list[Quantity] | None:
    """Two numbers joined that are two claims, not a range: alternatives ("€ 150 of € 175
    per werkplek") and a change with the level it reaches ("met 13.000 tot 277.000")."""
    gap = text[first.end:second.core.start]
    change = g.change_before.search(text, max(0, first.core.start - 12), first.core.start)
    if change is None and not g.alternatives.fullmatch(gap):
        return None
    later = _build(text, second, None, g, carried, hedged=False)  # its hedge is the joiner
    if later is None:
        return None
    if first.scale is None and second.scale is not None and change is None:
        first.factor, first.scale = second.factor, second.scale
    if first.unit is None and _unit_before(text, first.core.start, g)[0] is None:
        first.unit = second.unit or _unit_before(text, second.core.start, g)[0]
    earlier = _build(text, first, None, g, carried or (later.unit if later.unit in g.money_units
                                                        else None))
    if earlier is None:
        return None
    if earlier.per is None and change is None:
        earlier = replace(earlier, per=later.per)
    roles = ("change", "level") if change is not None else ("alternative", "alternative")
    group = earlier.start
    return [replace(earlier, link_role=roles[0], link_group=group),
            replace(later, link_role=roles[1], link_group=group)]


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
    if _SIGN_GAP.fullmatch(gap):
        return None  # "19 -123": a minus sign on the second number, as in a table row
    between = g.between.search(text, max(0, first.core.start - 20), first.core.start)
    joined = g.range_gap.fullmatch(gap) or (between and g.closer_gap.fullmatch(gap))
    if not joined or nxt.is_word != first.core.is_word:
        return None
    second = _read_right(text, nxt, g)
    descending = nxt.reading.value * second.factor < first.core.reading.value * first.factor
    if descending and g.ordered_gap.fullmatch(gap):
        return None  # "2–0" is a score, not a range
    return second


def _build(text: str, first: _Reach, second: _Reach | None, g: Grammar,
           carried: str | None = None, *, hedged: bool = True) -> Quantity | None:
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
    hedge, hedge_start = _hedge_before(text, start, g) if hedged else (None, start)
    if second is None and g.between.search(text, max(0, start - 20), start):
        hedge = None
    unit_name = _unit_name(text, first, unit, g, carried)
    if unit_name is None:
        return None
    if _is_bare_word(first, unit, g):
        return None
    if unit is not None and unit.factor != 1:
        scale_by = Decimal(str(unit.factor))
        first.factor *= scale_by
        if second is not None:
            second.factor *= scale_by
    if first.scale is not None and first.scale.money_only and unit_name not in g.money_units:
        first.factor = Decimal(1)  # "acht ton CO2": tonnes, not 800.000
        if second is not None:
            second.factor = Decimal(1)
    value, allowed, qualifier = _value_and_interval(first, second, hedge, unit_name, g)
    text_start = hedge_start if hedge is not None and hedge.qualifier != "exact" else start
    if second is not None:
        between = g.between.search(text, max(0, start - 20), start)
        text_start = between.start() if between else text_start
    end = last.end
    return Quantity(start=text_start, end=end, text=text[text_start:end], value=value,
                    unit=unit_name, qualifier=qualifier, interval=allowed,
                    per=(second or first).per)


def _unit_name(text: str, reach: _Reach, unit: Unit | None, g: Grammar,
               carried: str | None = None) -> str | None:
    """The unit of a quantity; None when a money-only scale word turns out not to be money.

    ``carried``: the currency of the passage, which a bare scaled amount takes
    unless a counted noun follows it.
    """
    if unit is not None:
        return unit.unit
    if reach.core.fraction and reach.core.percent_alone and reach.scale is None:
        return "percent"
    if reach.scale is not None and _money_context(text, reach.core.start, reach.end, g):
        return "EUR"
    if (reach.scale is not None and carried is not None
            and not _counted_noun_follows(text, reach.end, g)):
        return carried
    if reach.scale is not None and reach.scale.money_only:
        return reach.scale.otherwise_unit
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
                        g: Grammar) -> tuple[float, Interval, Qualifier]:
    percent_share = first.core.fraction and unit == "percent" and first.scale is None
    factor = Decimal(100) if percent_share else first.factor
    rounded = interval(first.core.reading, factor, g.rules.rounding)
    value = first.core.reading.value * factor
    if second is not None:
        other = interval(second.core.reading, second.factor, g.rules.rounding)
        value2 = second.core.reading.value * second.factor
        # "98% of 97%": alternatives may come in either order
        return (float((value + value2) / 2),
                Interval.stated(min(rounded.low, other.low), max(rounded.high, other.high),
                                "range"), "range")
    if first.core.approx_margin is not None and hedge is None:
        m = first.core.approx_margin
        return (float(value), Interval.stated(float(value) * (1 - m), float(value) * (1 + m),
                                              "approx"), "approx")
    if hedge is None or hedge.qualifier == "exact":
        return float(value), rounded, "exact"
    hedged_low, hedged_high = _hedged(float(value), hedge)
    return float(value), Interval.stated(hedged_low, hedged_high, hedge.qualifier), hedge.qualifier


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
