"""A stated total against the sum of its parts stated elsewhere. Pure functions.

"Voor Nederland gaat het om 40 miljard aan export" in one speech, and in
another "het VK is het derde exportland voor Nederland, met zo'n 39 miljard aan
goederen en nog eens zo'n 22 miljard aan diensten": 39 + 22 is 61, not 40.

A **parts sentence** states two or more amounts of one unit, joined by "en",
"plus", "en nog eens" (``joiners`` in ``rules/arithmetic.nl.yml``), each
counting something different (goederen, diensten). A **total** is a claim in
another sentence, of the same unit, that counts a thing the parts sentence
names outside its parts — as a word, or as the first part of a compound
("export" in "exportland") — and that none of the parts counts. The total is
checked against the sum of the parts' intervals: ``consistent`` when they
overlap, ``inconsistent`` when not. An index from words to parts sentences
keeps this linear in the number of claims.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from factcheck import measure_keys as mk
from factcheck.arithmetic import figure, operand
from factcheck.arithmetic_kinds import Recomputation
from factcheck.extract.context import lemma
from factcheck.extract.measure import compound_parts
from factcheck.interval import Interval
from factcheck.link import in_scale, statement_key
from factcheck.records import Claim, Finding
from factcheck.rules import Rules

_WORD = re.compile(r"[^\W\d_][\w'’-]*")


@dataclass(frozen=True)
class Parts:
    """Amounts said together in one sentence, and the words of the sentence around them."""

    claims: tuple[Claim, ...]
    words: frozenset[str]  # lemmas (and compounds' first parts) outside the parts


def counted_head(claim: Claim) -> str | None:
    heads = [k.removeprefix(mk.WHAT) for k in claim.measure_keys if k.startswith(mk.WHAT)]
    return heads[0] if heads else None


def parts_sentences(claims: Sequence[Claim], rules: Rules) -> list[Parts]:
    """Each sentence that states a whole in parts (see the module's docstring)."""
    joiners = tuple(sorted(rules.arithmetic.words.get("joiners", ()), key=len, reverse=True))
    by_sentence: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        by_sentence[(claim.doc, claim.sentence)].append(claim)
    found = []
    for (_, sentence), members in by_sentence.items():
        members.sort(key=lambda c: c.start)
        for run in _joined_runs(sentence, members, joiners):
            found.append(Parts(tuple(run), _words_outside(sentence, run)))
    return found


def _joined_runs(sentence: str, claims: Sequence[Claim],
                 joiners: tuple[str, ...]) -> Iterator[list[Claim]]:
    """Runs of claims of one unit, each counting another thing, joined by a joiner."""
    run: list[Claim] = []
    at = 0
    for claim in claims:
        where = sentence.find(claim.text, at)
        head = counted_head(claim)
        if where < 0 or head is None:
            continue
        between = sentence[at:where].lower()
        joined = bool(run) and run[-1].unit == claim.unit and _joins(between, joiners) and \
            head not in {counted_head(c) for c in run}
        if not joined:
            if len(run) > 1:
                yield run
            run = []
        run.append(claim)
        at = where + len(claim.text)
    if len(run) > 1:
        yield run


def _joins(between: str, joiners: tuple[str, ...]) -> bool:
    """The text between two parts joins them: "aan goederen en nog eens zo'n"."""
    words = f" {' '.join(_WORD.findall(between))} "
    return any(f" {joiner} " in words for joiner in joiners) and "," not in between.strip()[-2:]


def _words_outside(sentence: str, parts: Sequence[Claim]) -> frozenset[str]:
    text = sentence
    for claim in parts:
        head = claim.counted or ""
        text = text.replace(claim.text, " ").replace(head, " ")
    found: set[str] = set()
    for word in _WORD.findall(text):
        low = lemma(word)
        found.add(low)
        split = compound_parts(low)  # "exportland" names the export too
        if split is not None:
            found.add(split[0])
    return frozenset(found)


def check_totals(claims: Sequence[Claim], rules: Rules) -> list[Finding]:
    """A finding for each total stated against the sum of its parts stated elsewhere."""
    parts = parts_sentences(claims, rules)
    index: dict[str, list[Parts]] = defaultdict(list)
    for group in parts:
        for word in group.words:
            index[word].append(group)
    findings: dict[str, Finding] = {}
    for claim in claims:
        head = counted_head(claim)
        groups = index.get(head, ()) if head is not None else ()
        if len(groups) > rules.linking.max_block:
            continue  # a word in that many sentences says nothing ("jaar", "euro")
        for group in groups:
            finding = _compare(claim, group, rules)
            if finding is not None:
                findings.setdefault(finding.id, finding)
    return sorted(findings.values(), key=lambda f: f.id)


def _compare(total: Claim, group: Parts, rules: Rules) -> Finding | None:
    members = group.claims
    if total.unit != members[0].unit or total.sentence == members[0].sentence or \
            counted_head(total) in {counted_head(c) for c in members}:
        return None
    data = rules.arithmetic
    ops = [operand(c, data.part_max_relative, part=True) for c in members]
    value = sum(op.value for op in ops)
    if not value or min(abs(op.value) for op in ops) < data.min_part_share * abs(value):
        return None  # "17 miljoen Nederlanders en 150 Kamerleden": no whole in parts
    interval = sum((op.interval for op in ops[1:]), ops[0].interval)
    reading = Recomputation(value, interval, total.unit)
    summed = replace(total, value=value)
    if not in_scale(total, summed, rules.linking):
        return None
    stated = operand(total, data.part_max_relative, part=False)
    consistent = interval.overlaps(stated.interval)
    result = figure(reading, data, rules)
    parts_text = " + ".join(c.text for c in members)
    template = data.explanations["sum"][0 if consistent else 1]
    explanation = template.format_map({"parts": parts_text, "result": result,
                                       "derived": total.text})
    key = "\x1e".join([statement_key(total), *(statement_key(c) for c in members)])
    gap = stated.value - value
    return Finding(
        id="t" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:11],
        kind="arithmetic",
        verdict="consistent" if consistent else "inconsistent",
        severity="info" if consistent else (
            "high" if abs(gap) >= data.high_miss_relative * abs(stated.value) else "medium"),
        confidence=0.5,
        measure=total.counted or total.measure or "",
        explanation=explanation,
        claims=(total, *members),
        difference=None if consistent else figure(
            Recomputation(abs(gap), Interval(abs(gap), abs(gap)), total.unit), data, rules),
        abs_difference=None if consistent else gap,
        rel_difference=None if consistent or not value else gap / value,
    )
