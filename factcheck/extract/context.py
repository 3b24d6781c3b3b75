"""What a number measures, read from the words around it. Pure functions over text.

For each claim: the concepts its passage expresses ("tekort", "technisch-werk"),
the content words near the number (as lemmas), the population it is about
("hbo", "vrouwen"), the place, the period ("2017", "t/m 2022", "vorig jaar"
resolved against the document's date) and the source the text names
("volgens het ROA"). Word lists and patterns come from ``rules/measures.nl.yml``
and ``rules/periods.nl.yml``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar, cast

import simplemma

from factcheck import measure_keys as mk
from factcheck.rules import Concept, Measures, NamedPatterns, PeriodRule, Rules

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_T = TypeVar("_T")


@dataclass(frozen=True)
class Context:
    measure: str
    measure_keys: tuple[str, ...]
    population: str | None
    level: str | None
    place: str | None
    period: str | None
    source: str | None


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The dictionary form of a Dutch word ("geschoolde" → "geschoold"), lowercased."""
    return str(simplemma.lemmatize(word.lower(), lang="nl")).lower()


def load_lemmas() -> None:
    """Load the Dutch lemma dictionary now (~1 s) rather than inside the first document."""
    lemma("geschoolde")


def refers_back(sentence: str, measures: Measures) -> bool:
    """Does the sentence open or close with a word that points to the sentence before?"""
    words = _WORD.findall(sentence.lower())
    return bool(words) and (words[0] in measures.pointers or words[-1] in measures.pointers)


def near_words(sentence: str, offset: int, window: int, measures: Measures) -> list[str]:
    """Content-word lemmas within ``window`` words either side of ``offset`` in the sentence."""
    def content(text: str) -> list[str]:
        words = (part for w in _WORD.findall(text) for part in _parts(w))
        lemmas = (lemma(w) for w in words if w.lower() not in measures.stopwords)
        return [w for w in lemmas if w not in measures.stopwords]

    words = _per_sentence(measures.stopwords, sentence, None, lambda: _content_words(
        sentence, content))
    ends = [end for _, end, _ in words]
    k = bisect.bisect_right(ends, offset)  # words[:k] end at or before the offset
    before = [w for _, _, w in words[:k] if w is not None]
    after = [w for _, _, w in words[k:] if w is not None]
    if k < len(words) and words[k][0] < offset:  # the offset falls inside this word
        start, end, _ = words[k]
        before.extend(content(sentence[start:offset]))
        after = content(sentence[offset:end]) + after[1 if words[k][2] is not None else 0:]
    return before[-window:] + after[:window]


def _content_words(sentence: str, content: Callable[[str], list[str]]) -> list[
        tuple[int, int, str | None]]:
    """Every word of the sentence with its lemma, or None when it is no content word."""
    found = []
    for m in _WORD.finditer(sentence):
        lemmas = content(m.group())
        found.append((m.start(), m.end(), lemmas[0] if lemmas else None))
    return found


_MEMO: dict[tuple[int, str, object], tuple[object, object]] = {}
_MEMO_SIZE = 256


def _per_sentence(rules: object, sentence: str, extra: object,
                  compute: Callable[[], _T]) -> _T:
    """What ``compute`` finds in a sentence with these rules, worked out once per sentence.

    Every claim of a sentence asks the same question of it: answering it
    once keeps a sentence with many numbers linear instead of quadratic.
    """
    key = (id(rules), sentence, extra)
    stored = _MEMO.get(key)
    if stored is None or stored[0] is not rules:
        if len(_MEMO) >= _MEMO_SIZE:
            _MEMO.clear()
        stored = (rules, compute())
        _MEMO[key] = stored
    return cast(_T, stored[1])


def _parts(word: str) -> list[str]:
    """A hyphenated compound and its parts: "TOZO-lening" → TOZO-lening, TOZO, lening."""
    if "-" not in word.strip("-"):
        return [word]
    return [word, *(p for p in word.split("-") if len(p) > 1)]


def _names(rules: tuple[NamedPatterns, ...], text: str) -> list[str]:
    return _per_sentence(rules, text, None,
                         lambda: [rule.name for rule in rules if rule.found_in(text)])


def concepts_near(concepts: tuple[Concept, ...], sentence: str, offset: int,
                  others: tuple[int, ...]) -> list[str]:
    """Concepts mentioned in the sentence whose mention is nearer this number than any other.

    "61.000 banen in wo-techniek op een instroom van 29.500": "banen" belongs to
    61.000 and "instroom" to 29.500. A concept's ``overrides`` drop the concepts
    that only describe it.
    """
    found = [concept for concept, spans in _concept_spans(concepts, sentence)
             if any(_nearest_number(span, offset, others) for span in spans)]
    dropped = {name for c in found for name in c.overrides}
    return [c.name for c in found if c.name not in dropped]


def _concept_spans(concepts: tuple[Concept, ...],
                   sentence: str) -> list[tuple[Concept, list[tuple[int, int]]]]:
    """Each concept mentioned in the sentence with where, once per sentence."""
    def compute() -> list[tuple[Concept, list[tuple[int, int]]]]:
        found = []
        for concept in concepts:
            spans = [m.span() for pattern in concept.patterns for m in pattern.finditer(sentence)]
            if spans:
                found.append((concept, spans))
        return found
    return _per_sentence(concepts, sentence, None, compute)


def _nearest_number(span: tuple[int, int], offset: int, others: tuple[int, ...]) -> bool:
    start, end = span

    def distance(at: int) -> int:
        return 0 if start <= at <= end else min(abs(start - at), abs(end - at))
    mine = distance(offset)
    return all(mine <= distance(other) for other in others)


@lru_cache(maxsize=8)
def _clause_end(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"[,;:()]|\s(?:" + "|".join(map(re.escape, words)) + r")\s")


def clause(text: str, offset: int, breaks: tuple[str, ...]) -> tuple[int, int]:
    """The clause around ``offset``: between the nearest commas, semicolons or ``breaks``."""
    clause_end = _clause_end(breaks)
    starts = [m.end() for m in clause_end.finditer(text, 0, offset)]
    end = clause_end.search(text, offset)
    return (starts[-1] if starts else 0), (end.start() if end else len(text))


def _nearest(rules: tuple[NamedPatterns, ...], text: str, offset: int,
             breaks: tuple[str, ...]) -> str | None:
    """The name matching nearest ``offset``, in its clause first; words after count closer.

    "50 procent van de havo/vwo-leerlingen": what a share is of follows it.
    """
    found = _per_sentence(rules, text, None, lambda: [
        (m.start(), m.end(), rule.name)
        for rule in rules for pattern in rule.patterns for m in pattern.finditer(text)])
    for start, end in (clause(text, offset, breaks), (0, len(text))):
        best: tuple[float, str] | None = None
        for m_start, m_end, name in found:
            if m_start < start or m_end > end:
                continue
            distance = offset - m_end if m_end <= offset else (m_start - offset) / 2
            if best is None or distance < best[0]:
                best = (distance, name)
        if best:
            return best[1]
    return None


def read_period(sentence: str, offset: int, periods: tuple[PeriodRule, ...],
                doc_year: int | None) -> str | None:
    """The period nearest the number in its sentence, written as a label."""
    def compute() -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), label) for rule in periods
                for m in rule.pattern.finditer(sentence)
                if (label := _period_label(rule, m, doc_year)) is not None]
    best: tuple[int, str] | None = None
    for start, end, label in _per_sentence(periods, sentence, doc_year, compute):
        distance = min(abs(start - offset), abs(end - offset))
        if best is None or distance < best[0]:
            best = (distance, label)
    return best[1] if best else None


def _period_label(rule: PeriodRule, m: re.Match[str], doc_year: int | None) -> str | None:
    if rule.offset is not None:  # "vorig jaar", "nu": relative to the document's date
        relative = m.group().lower()
        return relative if doc_year is None else rule.label.format(year=doc_year + rule.offset)
    groups = {k: v for k, v in m.groupdict().items() if v is not None}
    return rule.label.format(**groups)


def period_years(period: str | None) -> frozenset[int]:
    """The years a period label names ("2006/07" → {2006}, "t/m 2022" → {2022})."""
    if not period:
        return frozenset()
    return frozenset(int(y) for y in re.findall(r"(?:19|20)\d{2}", period))


def read_context(passage: str, sentence: str, offset: int, rules: Rules,
                 doc_year: int | None, others: tuple[int, ...] = ()) -> Context:
    """The context of a number at ``offset`` in ``sentence``.

    ``passage`` is the sentence with the one before it when it points back;
    ``others`` are the offsets of the other numbers in the sentence.
    """
    m = rules.measures
    local = sentence[max(0, offset - 150): offset + 150]
    concepts = concepts_near(m.concepts, sentence, offset, others)
    if passage != sentence:  # what the sentence points back to, but not whether it is a change
        before = passage[: len(passage) - len(sentence)]
        changes = {c.name for c in m.concepts if c.change}
        concepts += [c for c in concepts_near(m.concepts, before, len(before), ())
                     if c not in concepts and c not in changes]
    population = (_nearest(m.populations, sentence, offset, m.clause_breaks)
                  or _nearest(m.populations, passage, 0, m.clause_breaks))
    words = near_words(sentence, offset, rules.linking.window, m)
    keys = {mk.key(mk.CONCEPT, c) for c in concepts} | set(words)
    if population:
        keys.add(mk.key(mk.POPULATION, population))
    label_words = [w for w in dict.fromkeys(words) if len(w) > 3][:4]
    measure = ", ".join(concepts) if concepts else " ".join(label_words)
    sources = _names(m.sources, passage)
    places = _names(m.places, local)
    return Context(
        measure=measure,
        measure_keys=tuple(sorted(keys)),
        population=population,
        level=population if population in m.levels else None,
        place=places[0] if places else None,
        period=read_period(sentence, offset, rules.periods, doc_year),
        source=sources[0] if sources else None,
    )
