"""Stage 3: which claims are about the same quantity. Pure functions over claims.

Claims are compared only within a unit family (percentages with percentages,
euros with euros …) and only when their measures share something: a concept
from ``rules/measures.nl.yml`` or content words. Never by value alone — the same
"400 miljoen" in three unrelated debates is no match.

Blocking keeps this near-linear: an inverted index from each measure key to
the claims that have it, where a key shared by more than ``max_block`` claims
is too common to link on. Pairs are scored by the weighted overlap of their
keys: concepts and population by their overlap, words by their rarity.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from factcheck.records import Claim
from factcheck.rules import Concept, Linking, Rules

_CONCEPT = "concept:"
_STRUCTURED = ("concept:", "population:")
_FAMILIES = {"percent": "percent", "pp": "pp", "EUR": "EUR", "GBP": "GBP", "USD": "USD"}


@dataclass(frozen=True)
class Link:
    """Two statements that look like they are about the same quantity.

    ``a`` and ``b`` stand for their statements; ``copies`` counts the other
    places the same statements were made (the same sentence and figure in other
    documents, as when a publication comes as PDF and XML, or is quoted).
    """

    a: Claim
    b: Claim
    score: float
    shared: tuple[str, ...]
    copies: int = 0


def statement_key(claim: Claim) -> str:
    """What makes two claims one statement: the same sentence and the same figure in it."""
    return f"{_folded(claim.sentence)}\x1f{claim.text}"


def statements(claims: Sequence[Claim]) -> tuple[list[Claim], dict[str, int]]:
    """One claim per statement (the first by document name and place, whatever the
    input order), and how many copies each statement has."""
    groups: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        groups[statement_key(claim)].append(claim)
    representatives = [min(group, key=lambda c: (c.doc, c.start)) for group in groups.values()]
    return representatives, {key: len(group) - 1 for key, group in groups.items()}


def unit_family(claim: Claim) -> str:
    """Claims are only compared within one family: a unit, with what it is counted per."""
    return f"{_FAMILIES.get(claim.unit, claim.unit)}/{claim.per or ''}"


def word_weights(claims: Sequence[Claim]) -> dict[str, float]:
    """Inverse document frequency of each measure word over the claims."""
    df: dict[str, int] = defaultdict(int)
    for claim in claims:
        for key in set(claim.measure_keys):
            df[key] += 1
    n = max(len(claims), 1)
    return {key: math.log(1 + n / count) for key, count in df.items()}


@dataclass(frozen=True)
class Likeness:
    """How alike two claims' measures are, and on what evidence."""

    score: float  # 0–1: concepts by overlap, words by rarity-weighted cosine, mixed
    concepts: tuple[str, ...]  # shared concepts
    same_population: bool
    words: float  # the word cosine alone
    shared_words: int
    most_numbers: int  # the most numbers either sentence holds
    fewest_words: int  # the fewest words either sentence holds


def likeness(a: Claim, b: Claim, weights: dict[str, float], linking: Linking) -> Likeness:
    keys_a, keys_b = set(a.measure_keys), set(b.measure_keys)
    concepts_a = {k for k in keys_a if k.startswith(_CONCEPT)}
    concepts_b = {k for k in keys_b if k.startswith(_CONCEPT)}
    union = concepts_a | concepts_b
    tags = len(concepts_a & concepts_b) / len(union) if union else 0.0
    words_a = {k for k in keys_a if not k.startswith(_STRUCTURED)}
    words_b = {k for k in keys_b if not k.startswith(_STRUCTURED)}
    norm = math.sqrt(sum(weights[k] ** 2 for k in words_a) * sum(weights[k] ** 2 for k in words_b))
    words = sum(weights[k] ** 2 for k in words_a & words_b) / norm if norm else 0.0
    share = linking.concept_weight
    return Likeness(share * tags + (1 - share) * words,
                    tuple(sorted(k.removeprefix(_CONCEPT) for k in concepts_a & concepts_b)),
                    a.population is not None and a.population == b.population, words,
                    len(words_a & words_b), max(_numbers_in(a.sentence), _numbers_in(b.sentence)),
                    min(len(a.sentence.split()), len(b.sentence.split())))


def linked(like: Likeness, linking: Linking, concepts: Mapping[str, Concept]) -> bool:
    """Enough independent evidence that two claims measure the same thing.

    Each shared concept counts its weight (a generic noun like "banen" half),
    the same named population one, and overlapping words one.
    """
    if not like.concepts:
        return (like.words >= linking.min_score_without_concept
                and like.shared_words >= linking.min_words_without_concept
                and like.most_numbers <= linking.max_numbers_without_concept
                and like.fewest_words >= linking.min_words_without_concept_sentence)
    evidence = (sum(concepts[c].weight for c in like.concepts if c in concepts)
                + like.same_population + (like.words >= linking.min_word_score))
    return evidence >= linking.min_evidence and like.score >= linking.min_score


def same_kind(a: Claim, b: Claim, concepts: Mapping[str, Concept]) -> bool:
    """A change ("steeg met 3%") is never the same quantity as a level ("is 3%")."""
    def is_change(claim: Claim) -> bool:
        return any(concepts[k.removeprefix(_CONCEPT)].change for k in claim.measure_keys
                   if k.startswith(_CONCEPT) and k.removeprefix(_CONCEPT) in concepts)
    return is_change(a) == is_change(b)


def candidate_pairs(claims: Sequence[Claim], linking: Linking) -> list[tuple[int, int]]:
    """Index pairs of claims in one unit family that share an uncommon measure key."""
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, claim in enumerate(claims):
        if claim.unit not in linking.units:
            continue
        for key in set(claim.measure_keys):
            index[(unit_family(claim), key)].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in index.values():
        if len(members) > linking.max_block:
            continue  # too common to say anything: "jaar", "mens"
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                if apart(claims[i], claims[j], linking.min_distance):
                    pairs.add((i, j))
    return sorted(pairs)


def apart(a: Claim, b: Claim, min_distance: int) -> bool:
    """Two independent statements: not one sentence (in one document or in two copies of
    it, as when a publication comes as PDF and XML), and not one passage."""
    if _folded(a.sentence) == _folded(b.sentence):
        return False
    return a.doc != b.doc or abs(a.start - b.start) >= min_distance


_NUMBER = re.compile(r"\d[\d.,]*")


def _numbers_in(sentence: str) -> int:
    return len(_NUMBER.findall(sentence))


def _folded(sentence: str) -> str:
    return "".join(ch for ch in sentence.lower() if ch.isalnum())


def link_claims(claims: Sequence[Claim], rules: Rules) -> list[Link]:
    """Every pair of statements that the measures say are about the same quantity.

    Copies of one statement are linked once: k copies of two statements would
    otherwise give k² findings that all say the same.
    """
    linking = rules.linking
    concepts = {c.name: c for c in rules.measures.concepts}
    unique, copies = statements(claims)
    weights = word_weights(unique)
    links = []
    for i, j in candidate_pairs(unique, linking):
        a, b = unique[i], unique[j]
        like = likeness(a, b, weights, linking)
        if same_kind(a, b, concepts) and linked(like, linking, concepts):
            extra = copies[statement_key(a)] + copies[statement_key(b)]
            links.append(Link(a, b, like.score, like.concepts, extra))
    return links
