"""Recheck arithmetic stated in the text: "van de 8.000 … 2.000 …, ruim 30%".

Where one sentence, or a sentence and the next one in the same paragraph and
turn, gives parts and a figure derived from them, the figure is recomputed
from the parts and compared with what the text says. Both sides are
intervals (hedges and rounding), so "nog geen 16%" is checked as "below 16".

The ways of stating arithmetic are patterns in ``rules/arithmetic.nl.yml``,
matched against a *skeleton* of the passage in which each claim is a
placeholder ``⟦i⟧``; what each kind recomputes is in
:mod:`factcheck.arithmetic_kinds`. Pure functions: no spaCy here.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import simplemma

from factcheck.arithmetic_kinds import KINDS, PERCENTISH, Operand, Periods, Recomputation
from factcheck.errors import RulesError
from factcheck.figures import figure_value
from factcheck.interval import Interval
from factcheck.link import statement_key
from factcheck.records import Claim, Document, Finding, Severity
from factcheck.rules import Arithmetic, ArithmeticRelation, Rules

_WORD = r"[^\W\d]+(?:['’-][^\W\d]+)*"
_BUILTINS = {
    "gap": r"[^⟦.!?]{0,80}?",
    "near": r"[^⟦.!?]{0,30}?",
    "word": _WORD,
    "noun": rf"(?P<noun>{_WORD}(?:\s+{_WORD})?)",
    "per": rf"(?P<per>{_WORD}(?:\s+{_WORD})?)",
    "stop": r"[.!?]\s+",
    "end": r"(?=\s*(?:[.!?;:,)]|$))",
}
_PLACEHOLDER = re.compile(r"⟦(\d+)⟧")
_SLOT = r"(?P<{}>⟦\d+⟧)"
_TOKEN = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
_ROUNDED = frozenset({"exact", "approx"})  # qualifiers whose ends come from rounding
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_SPACE = re.compile(r"\s+")


# --------------------------------------------------------------------------- compiling


@dataclass(frozen=True)
class Compiled:
    """A relation from the rules with its pattern turned into a regular expression."""

    relation: ArithmeticRelation
    regex: re.Pattern[str]
    slots: tuple[str, ...]  # the claim slots the pattern names, "derived" among them


_COMPILED: dict[tuple[str, str], tuple[Compiled, ...]] = {}


def compiled_relations(rules: Rules) -> tuple[Compiled, ...]:
    """The relations of a rules version, compiled once; a bad relation is a RulesError."""
    key = (rules.directory, rules.version)
    if key not in _COMPILED:
        data = _data(rules)
        _COMPILED[key] = tuple(compile_relation(r, data) for r in data.relations)
    return _COMPILED[key]


def _data(rules: Rules) -> Arithmetic:
    return rules.arithmetic


def compile_relation(relation: ArithmeticRelation, data: Arithmetic) -> Compiled:
    where = f"arithmetic.nl.yml: relation {relation.name!r}"
    if relation.relation not in KINDS or relation.relation not in data.explanations:
        raise RulesError(f"{where}: unknown relation kind {relation.relation!r}; known: "
                         f"{', '.join(sorted(KINDS))} (each needs an explanation)")
    _, required, optional = KINDS[relation.relation]
    allowed = {*required, *optional, "derived"}
    slots = tuple(dict.fromkeys(t for t in _TOKEN.findall(relation.pattern) if t in allowed))
    missing = set(allowed) - set(optional) - set(slots)
    if missing:
        raise RulesError(f"{where}: the pattern lacks the slot {{{sorted(missing)[0]}}}")

    def expand(m: re.Match[str]) -> str:
        name = m.group(1)
        if name in allowed:
            return _SLOT.format(name)
        if name == "period":
            return _alternation(data.periods)
        if name in data.words:
            return _alternation(data.words[name])
        if name in _BUILTINS:
            return _BUILTINS[name]
        raise RulesError(f"{where}: unknown placeholder {{{name}}}")

    try:
        regex = re.compile(_TOKEN.sub(expand, relation.pattern), re.IGNORECASE)
    except re.error as exc:
        raise RulesError(f"{where}: the expanded pattern is invalid ({exc})") from exc
    return Compiled(relation, regex, slots)


def _alternation(phrases: Sequence[str] | Mapping[str, object]) -> str:
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered) + ")"


# --------------------------------------------------------------------------- passages


@dataclass(frozen=True)
class Sentence:
    """A sentence with the claims in it and where each sits in the sentence."""

    text: str
    claims: tuple[Claim, ...]
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Passage:
    text: str
    claims: tuple[Claim, ...]
    skeleton: str  # the text with claim i replaced by ⟦i⟧


def sentences(claims: Sequence[Claim]) -> list[Sentence]:
    """Group claims (in text order) by sentence, finding each claim in its sentence text."""
    out: list[Sentence] = []
    group: list[Claim] = []
    spans: list[tuple[int, int]] = []
    for claim in claims:
        cursor = spans[-1][1] if spans else 0
        at = claim.sentence.find(claim.text, cursor) if group else claim.sentence.find(claim.text)
        if group and (claim.sentence != group[0].sentence or at < 0):
            out.append(Sentence(group[0].sentence, tuple(group), tuple(spans)))
            group, spans = [], []
            at = claim.sentence.find(claim.text)
        if at < 0:
            continue  # the claim text is not in its sentence: cannot place it
        group.append(claim)
        spans.append((at, at + len(claim.text)))
    if group:
        out.append(Sentence(group[0].sentence, tuple(group), tuple(spans)))
    return out


def follows(document: Document, first: Sentence, second: Sentence) -> bool:
    """Is ``second`` the very next sentence after ``first``, in the same paragraph and turn?"""
    start, end = first.claims[-1].end, second.claims[0].start
    if end < start or _PARAGRAPH.search(document.text, start, end):
        return False
    if document.turn_at(start) != document.turn_at(end):
        return False
    between = _SPACE.sub(" ", document.text[first.claims[0].start:second.claims[-1].end]).strip()
    return between in f"{first.text} {second.text}" or between in first.text + second.text


def passages(document: Document, claims: Sequence[Claim]) -> Iterator[Passage]:
    """Each sentence on its own, and each sentence with the next one where that follows."""
    found = sentences(claims)
    for i, sentence in enumerate(found):
        yield _passage((sentence,))
        if i + 1 < len(found) and follows(document, sentence, found[i + 1]):
            yield _passage((sentence, found[i + 1]))


def _passage(group: tuple[Sentence, ...]) -> Passage:
    text, skeleton = "", ""
    claims: list[Claim] = []
    for sentence in group:
        if text:
            text, skeleton = text + " ", skeleton + " "
        cursor = 0
        for claim, (start, end) in zip(sentence.claims, sentence.spans, strict=True):
            skeleton += sentence.text[cursor:start] + f"⟦{len(claims)}⟧"
            claims.append(claim)
            cursor = end
        skeleton += sentence.text[cursor:]
        text += sentence.text
    return Passage(text, tuple(claims), skeleton)


# --------------------------------------------------------------------------- checking


def check_arithmetic(document: Document, claims: Sequence[Claim], rules: Rules) -> list[Finding]:
    """Recompute every derived figure the text states with its parts; one finding per figure."""
    relations = compiled_relations(rules)
    data = _data(rules)
    best: dict[str, Finding] = {}
    for passage in passages(document, claims):
        for compiled in relations:
            for finding in _relation_findings(passage, compiled, data, rules):
                key = finding.claims[0].id
                if key not in best or finding.confidence > best[key].confidence:
                    best[key] = finding
    return sorted(best.values(), key=lambda f: (f.claims[0].start, f.id))


def _relation_findings(passage: Passage, compiled: Compiled, data: Arithmetic,
                       rules: Rules) -> Iterator[Finding]:
    position = 0
    while (match := compiled.regex.search(passage.skeleton, position)) is not None:
        position = match.start() + 1
        finding = _finding(passage, compiled, match, data, rules)
        if finding is not None:
            yield finding


def _slot_claims(passage: Passage, compiled: Compiled, match: re.Match[str]) -> dict[str, Claim]:
    out = {}
    for slot in compiled.slots:
        placeholder = match.group(slot)
        if placeholder is not None:
            out[slot] = passage.claims[int(placeholder[1:-1])]
    return out


def operand(claim: Claim, max_relative: float, *, part: bool) -> Operand:
    """A claim as a figure in a computation.

    An unhedged part counts at its written value, give or take ``max_relative``:
    the derived figure was computed from the part as written.

    A rounded figure's interval is taken with its ends closed: a recomputation
    that reaches exactly the edge of the stated figure's interval misses it by
    nothing (the writer may have rounded a half the other way). An end said in
    words stays as said: "meer dan 5.000" and 3.000 make more than 8.000, never
    "hooguit 8.000".
    """
    allowed = claim.interval.closure() if claim.qualifier in _ROUNDED else claim.interval
    if part and claim.qualifier == "exact":
        reach = abs(claim.value) * max_relative
        allowed = Interval(max(allowed.low, claim.value - reach),
                           min(allowed.high, claim.value + reach))
    return Operand(claim.value, allowed, claim.unit)


def _finding(passage: Passage, compiled: Compiled, match: re.Match[str], data: Arithmetic,
             rules: Rules) -> Finding | None:
    claims = _slot_claims(passage, compiled, match)
    groups = {k: v for k, v in match.groupdict().items() if v is not None}
    if "noun" in groups and "per" in groups and not nouns_agree(groups["noun"], groups["per"]):
        return None
    derived = claims.pop("derived")
    ops = {slot: operand(c, data.part_max_relative, part=True) for slot, c in claims.items()}
    stated = operand(derived, data.part_max_relative, part=False)
    kind = KINDS[compiled.relation.relation][0]
    readings = kind(ops, derived.unit, _periods(groups, data))
    if not readings:
        return None
    reading = _closest(readings, stated.interval)
    consistent = reading.interval.overlaps(stated.interval)
    confidence = compiled.relation.confidence
    if reading.ambiguous:
        confidence *= data.ambiguity_factor
    ordered = (derived, *claims.values())
    difference, abs_difference, rel_difference = (
        (None, None, None) if consistent else _differences(reading, stated, data, rules))
    return Finding(
        # from the statements (sentence and figure), not the claim ids, which hold the file
        # name: a renamed file keeps its findings and their verdicts
        id="a" + hashlib.sha1("\x1e".join(statement_key(c) for c in ordered).encode()
                              ).hexdigest()[:11],
        kind="arithmetic",
        verdict="consistent" if consistent else "inconsistent",
        severity="info" if consistent else _severity(reading, stated, data),
        confidence=round(confidence, 2),
        measure=_measure(passage, match),
        explanation=_explanation(compiled, consistent, groups, derived, claims,
                                 figure(reading, data, rules), data),
        claims=ordered,
        difference=difference,
        abs_difference=abs_difference,
        rel_difference=rel_difference,
    )


def _explanation(compiled: Compiled, consistent: bool, groups: Mapping[str, str], derived: Claim,
                 parts: Mapping[str, Claim], result: str, data: Arithmetic) -> str:
    """The rule's sentence for the kind, with the claims as written and the recomputation."""
    texts = {**groups, **{slot: claim.text for slot, claim in parts.items()}}
    texts.update(derived=derived.text, result=result,
                 parts=" + ".join(claim.text for claim in parts.values()))
    return data.explanations[compiled.relation.relation][0 if consistent else 1].format_map(texts)


def _closest(readings: Sequence[Recomputation], stated: Interval) -> Recomputation:
    return min(readings, key=lambda r: r.interval.distance(stated))


def _periods(groups: Mapping[str, str], data: Arithmetic) -> Periods:
    def days(key: str) -> Interval | None:
        word = groups.get(key)
        span = data.periods.get(word.lower()) if word else None
        return Interval(*span) if span else None

    return Periods(days("from_period"), days("to_period"))


def nouns_agree(noun: str, per: str) -> bool:
    """Do the counted noun and the noun after "per" name the same thing ("scholen", "school")?"""
    lemmas = [{simplemma.lemmatize(w, lang="nl").lower() for w in text.split()}
              for text in (noun, per)]
    return any(a.endswith(b) or b.endswith(a)
               for a in lemmas[0] for b in lemmas[1] if min(len(a), len(b)) >= 4)


def _severity(reading: Recomputation, stated: Operand, data: Arithmetic) -> Severity:
    miss = reading.interval.distance(stated.interval)
    scale = abs(stated.value)
    return "high" if scale == 0 or miss / scale >= data.high_miss_relative else "medium"


def _differences(reading: Recomputation, stated: Operand, data: Arithmetic,
                 rules: Rules) -> tuple[str | None, float, float | None]:
    """The gap as written ("-5 procentpunt", "+8,3%"), in the unit, and relative to the text."""
    gap = reading.value - stated.value
    relative = gap / abs(stated.value) if stated.value else None
    if stated.unit in PERCENTISH:
        text = _signed(gap) + figure_value(abs(gap), "pp", data, rules)
    elif relative is not None:
        text = _signed(relative) + figure_value(abs(relative) * 100, "percent", data, rules)
    else:
        text = None
    return text, gap, relative


def _signed(value: float) -> str:
    return "-" if value < 0 else "+"


def _measure(passage: Passage, match: re.Match[str], limit: int = 80) -> str:
    """The matched stretch of the passage, with the claims written back in."""
    phrase = _PLACEHOLDER.sub(lambda m: passage.claims[int(m.group(1))].text, match.group())
    phrase = _SPACE.sub(" ", phrase).strip(" ,;:")
    if len(phrase) <= limit:
        return phrase
    return phrase[: limit // 2 - 1].rstrip() + " … " + phrase[-(limit // 2 - 2):].lstrip()


# --------------------------------------------------------------------------- writing figures


def figure(reading: Recomputation, data: Arithmetic, rules: Rules) -> str:
    """A recomputed figure in Dutch, with "minstens"/"hooguit" when one side is unbounded."""
    text = figure_value(reading.value, reading.unit, data, rules)
    if math.isinf(reading.interval.high) and not math.isinf(reading.interval.low):
        return f"{data.open_above} {text}"
    if math.isinf(reading.interval.low) and not math.isinf(reading.interval.high):
        return f"{data.open_below} {text}"
    return text
