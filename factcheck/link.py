"""Stage 3: which claims are about the same quantity. Pure functions over claims.

Claims are compared only within a unit (percentages with percentages, euros
with euros …), and only when the structure of their sentences says they
measure the same thing (see :mod:`factcheck.extract.measure`): the same thing counted
or named ("18.000 projecten" and "zo'n 18.000 projecten"; a compound is a kind
of its last part: "asielplekken" are "plekken"), or the same whole a share is
of. Two claims that count different things ("studentenkamers" against
"studentenwoningen") or are shares of different wholes are never linked,
whatever their words share. Concepts from ``rules/measures.nl.yml`` and rare
words near the number are supporting evidence, not the gate; claims whose
sentences give no structure at all are linked by words only under a much
stricter rule. Never by value alone — the same "400 miljoen" in three
unrelated debates is no match — and never across orders of magnitude: two
figures further apart than ``max_ratio`` (or ``max_points`` for percentages)
are about different scopes, not one figure said wrongly.

Blocking keeps this near-linear: an inverted index from each measure key to
the claims that have it, where a key shared by more than ``max_block`` claims
is too common to link on. Pairs are scored by the weighted overlap of their
keys: concepts and population by their overlap, words by their rarity.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from factcheck import measure_keys as mk
from factcheck.basis import one_sided
from factcheck.interval import overlap
from factcheck.records import Claim
from factcheck.rules import Concept, Linking, Rules


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


def statements(claims: Sequence[Claim]) -> tuple[list[Claim], list[int]]:
    """One claim per statement (the first by document name and place, whatever the
    input order), and for each how many other copies of the statement there are."""
    chosen = choose_statements([statement_key(c) for c in claims],
                               [(c.doc, c.start) for c in claims])
    return [claims[s.chosen] for s in chosen], [s.copies for s in chosen]


@dataclass(frozen=True)
class Chosen:
    """A statement among items: its first item, the item that stands for it, its copies."""

    first: int
    chosen: int
    copies: int


def choose_statements(keys: Sequence[str], places: Sequence[tuple[str, int]]) -> list[Chosen]:
    """The statements among items with statement ``keys`` and ``places`` (document name,
    offset), in the order they first occur; the item chosen for each is the one first by
    place (of equal places, the one given first), and its copies are how many other
    items say it too. Indices into the items: a caller holding rows, not claims,
    chooses alike."""
    found: dict[str, list[int]] = {}  # key → [first, chosen, count]
    for k, (key, place) in enumerate(zip(keys, places, strict=True)):
        seen = found.get(key)
        if seen is None:
            found[key] = [k, k, 1]
            continue
        seen[2] += 1
        if place < places[seen[1]]:
            seen[1] = k
    return [Chosen(first, chosen, count - 1) for first, chosen, count in found.values()]


def word_weights(claims: Sequence[Claim]) -> dict[str, float]:
    """Inverse document frequency of each measure word over the claims."""
    return weights_from(key_counts(claims), len(claims))


def key_counts(claims: Iterable[Claim]) -> Counter[str]:
    """In how many of the claims each measure key occurs (the first pass of the weights:
    counts from parts of the claims add up)."""
    df: Counter[str] = Counter()
    for claim in claims:
        df.update(set(claim.measure_keys))
    return df


def weights_from(df: Mapping[str, int], claims: int) -> dict[str, float]:
    """The weights from the key counts over ``claims`` claims."""
    n = max(claims, 1)
    return {key: math.log(1 + n / count) for key, count in df.items()}


@dataclass(frozen=True)
class Features:
    """What linking reads of one claim, worked out once: claims are many, pairs more."""

    folded: str  # the sentence, lower case, letters and digits only
    concepts: frozenset[str]
    words: frozenset[str]
    words_square: float  # squared length of the rarity-weighted word vector
    population: str | None
    numbers: int  # numbers in the sentence
    length: int  # words in the sentence
    change: bool  # a change ("steeg met 3%"), not a level ("is 3%")
    what: frozenset[str] = frozenset()  # the head of what it counts ("projecten")
    kinds: frozenset[str] = frozenset()  # its last part, as a compound ("plek")
    names: frozenset[str] = frozenset()  # the noun it is the value of ("tekort")
    of: frozenset[str] = frozenset()  # the head of the whole a share is of


def features(claim: Claim, weights: Mapping[str, float],
             concepts: Mapping[str, Concept]) -> Features:
    keys = set(claim.measure_keys)
    own = frozenset(k for k in keys if k.startswith(mk.CONCEPT))
    words = frozenset(k for k in keys if not k.startswith(mk.PREFIXES))
    change = any(concepts[c].change for c in mk.values(own, mk.CONCEPT) if c in concepts)
    return Features(_folded(claim.sentence), own, words,
                    math.fsum(weights[k] ** 2 for k in words), claim.population,
                    _numbers_in(claim.sentence), len(claim.sentence.split()), change,
                    mk.values(keys, mk.WHAT), mk.values(keys, mk.KIND),
                    mk.values(keys, mk.NAME), mk.values(keys, mk.OF))


Match = str  # "same", "kind" (one is a kind of the other), "none" (structure says nothing),
# or "different" (both say what they measure, and it is not the same)


def structure_match(a: Features, b: Features) -> Match:
    """What the structure of the two sentences says about their measures.

    ``same``: they count or name the same thing, or are shares of the same
    whole; ``kind``: one counts a kind of what the other counts ("asielplekken"
    and "plekken"); ``different``: both say what they count, or what whole
    they are a share of, and it differs (a name alone — "de investering van" —
    is evidence for, never against); ``none``: the structure says nothing.
    """
    if a.of and b.of and not a.of & b.of:
        return "different"
    what_a, what_b = a.what | a.names, b.what | b.names
    if what_a & what_b or (a.of & b.of and not (a.what and b.what)):
        return "same"
    if a.what & b.kinds or b.what & a.kinds:
        return "kind"
    if a.what and b.what:
        return "different"
    return "none"


def informative(claim: Claim, linking: Linking) -> bool:
    """Is the figure specific enough that saying it twice suggests one quantity? Small whole
    numbers ("twee moties", "34 zetels", "8%", "vier weken") are said of many things."""
    small = linking.small.get(claim.unit)
    return small is None or abs(claim.value) >= small or not float(claim.value).is_integer()


def tiny(claim: Claim, linking: Linking) -> bool:
    """A whole count below ``linking.tiny`` ("twee moties", "drie partijen")."""
    return claim.unit == "count" and abs(claim.value) < linking.tiny


def in_scale(a: Claim, b: Claim, linking: Linking) -> bool:
    """Could the two figures be one quantity said twice, roughly or wrongly? Not when they
    are further apart than ``max_points`` (percentages) or a factor ``max_ratio``."""
    if a.unit in ("percent", "pp"):
        return abs(a.value - b.value) <= linking.max_points
    if (a.value < 0) != (b.value < 0):
        return False  # a loss is not a gain said wrongly
    low, high = sorted((abs(a.value), abs(b.value)))
    if low == 0:
        return high == 0
    return high / low <= linking.max_ratio


@dataclass(frozen=True)
class Likeness:
    """How alike two claims' measures are, and on what evidence."""

    score: float  # 0–1: concepts by overlap, words by rarity-weighted cosine, mixed
    match: Match  # what the sentence structure says (see structure_match)
    agree: bool  # the figures' intervals overlap
    informative: bool  # the figures are not small whole counts ("twee", "drie")
    equal: bool  # the same figure
    tiny: bool  # a count below ten ("twee", "drie"): said of anything, needs a point more
    concepts: tuple[str, ...]  # shared concepts
    same_population: bool
    words: float  # the word cosine alone
    shared_words: int
    most_numbers: int  # the most numbers either sentence holds
    fewest_words: int  # the fewest words either sentence holds
    qualified: bool = False  # one names a basis, period or group the other does not


def likeness(a: Features, b: Features, weights: Mapping[str, float],
             linking: Linking, agree: bool = True, informative: bool = True,
             equal: bool = False, tiny: bool = False, qualified: bool = False) -> Likeness:
    union = a.concepts | b.concepts
    shared_concepts = a.concepts & b.concepts
    tags = len(shared_concepts) / len(union) if union else 0.0
    match = structure_match(a, b)
    shared_words = a.words & b.words
    if match in ("same", "kind"):  # a shared head is the structure's evidence, not the words'
        shared_words -= a.what | a.names | a.of | a.kinds
    norm = math.sqrt(a.words_square * b.words_square)
    # fsum: the exact sum whatever the order a set of strings iterates in (which differs
    # per process), so a score, and a tie between two, is the same on every worker
    words = math.fsum(weights[k] ** 2 for k in shared_words) / norm if norm else 0.0
    share = linking.concept_weight
    return Likeness(share * tags + (1 - share) * words, match, agree,
                    informative, equal, tiny,
                    tuple(sorted(mk.values(shared_concepts, mk.CONCEPT))),
                    a.population is not None and a.population == b.population, words,
                    len(shared_words), max(a.numbers, b.numbers), min(a.length, b.length),
                    qualified)


def linked(like: Likeness, linking: Linking, concepts: Mapping[str, Concept]) -> bool:
    """Enough independent evidence that two claims measure the same thing.

    Evidence counts in points: the structure of the sentences saying they
    measure the same thing (one), each shared concept its weight (a generic
    noun like "banen" half), the same named population (one), words near the
    numbers that agree (one; many rare shared words one more), and the same
    specific figure (one: "675 miljoen euro" twice says something, "twee"
    twice does not). ``min_evidence`` points link.

    Figures that disagree are held to more, because a link between them is a
    discrepancy: the structure must say they measure the same thing, and the
    rest must add up to ``min_evidence`` on its own. Structure that says they
    measure different things (different things counted, shares of different
    wholes) never links.
    """
    if like.match == "different":
        return False
    structure = like.match in ("same", "kind")
    words = (like.words >= linking.min_word_score
             or like.shared_words >= linking.min_words_without_concept)
    context = sum(concepts[c].weight for c in like.concepts if c in concepts) \
        + like.same_population + words
    if like.informative:
        context += (like.words >= linking.min_score_without_concept
                    and like.shared_words >= linking.min_words_without_concept
                    and like.most_numbers <= linking.max_numbers_without_concept
                    and like.fewest_words >= linking.min_words_without_concept_sentence)
    if not like.agree:  # a discrepancy, unless one of them is qualified (like.qualified)
        return (structure or like.qualified) and context >= linking.min_evidence
    figure = like.informative and like.equal
    if not structure and like.score < linking.min_score and not figure:
        return False
    return structure + context + figure >= linking.min_evidence + like.tiny


def candidate_pairs(claims: Sequence[Claim], linking: Linking,
                    folded: Sequence[str] | None = None) -> list[tuple[int, int]]:
    """Index pairs of claims in one unit that share an uncommon measure key.

    Claims are only compared within one unit; what they are counted per ("per
    week" against "per maand") is compared in the verdict, as a different basis.

    ``folded``: each claim's sentence as :func:`_folded` gives it, if known.
    """
    if folded is None:
        folded = [_folded(c.sentence) for c in claims]
    return block_pairs(blocks(claims, linking), claims, linking, folded)


BlockKey = tuple[str, str]  # (unit, measure key)


def block_keys(claim: Claim, linking: Linking) -> set[BlockKey]:
    """The blocks a claim is in: one per measure key, within its unit."""
    if claim.unit not in linking.units:
        return set()
    return {(claim.unit, key) for key in claim.measure_keys}


def blocks(claims: Sequence[Claim], linking: Linking) -> dict[BlockKey, list[int]]:
    """The inverted index: each block key → the indices of the claims in it, ascending."""
    index: dict[BlockKey, list[int]] = defaultdict(list)
    for i, claim in enumerate(claims):
        for key in block_keys(claim, linking):
            index[key].append(i)
    return index


def block_pairs(index: Mapping[BlockKey, Sequence[int]], claims: Sequence[Claim],
                linking: Linking, folded: Sequence[str]) -> list[tuple[int, int]]:
    """The candidate pairs of the given blocks (:func:`candidate_pairs`), sorted; the
    blocks must be whole: a block over ``max_block`` claims is skipped."""
    pairs: set[tuple[int, int]] = set()
    for members in index.values():
        if len(members) > linking.max_block:
            continue  # too common to say anything: "jaar", "mens"
        for i, j in _neighbours(members, claims, linking.neighbours):
            # not one sentence (in one document, or in two copies of it as when a
            # publication comes as PDF and XML), and not one passage
            if folded[i] != folded[j] and not one_passage(claims[i], claims[j],
                                                          linking.min_distance):
                pairs.add((i, j) if i < j else (j, i))
    return sorted(pairs)


def _neighbours(members: Sequence[int], claims: Sequence[Claim],
                width: int) -> Iterator[tuple[int, int]]:
    """The pairs of a block worth scoring: all of them in a small block; in a large one
    each claim with the ``width`` claims nearest in value (sorted neighbourhood), since
    claims about one figure say nearly the same value. Keeps a block's work linear."""
    if len(members) <= width + 1:
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                yield i, j
        return
    ordered = sorted(members, key=lambda i: (claims[i].value, i))
    for x, i in enumerate(ordered):
        for j in ordered[x + 1:x + 1 + width]:
            yield i, j


def one_passage(a: Claim, b: Claim, min_distance: int) -> bool:
    """Closer than ``min_distance`` in one document: a contrast or a sum, not a repeat."""
    return a.doc == b.doc and abs(a.start - b.start) < min_distance


_NUMBER = re.compile(r"\d[\d.,]*")


def _numbers_in(sentence: str) -> int:
    return len(_NUMBER.findall(sentence))


_NOT_ALNUM = re.compile(r"[\W_]+")  # \w is str.isalnum() and "_"


def _folded(sentence: str) -> str:
    return _NOT_ALNUM.sub("", sentence.lower())


def link_claims(claims: Sequence[Claim], rules: Rules) -> list[Link]:
    """Every pair of statements that the measures say are about the same quantity.

    Copies of one statement are linked once: k copies of two statements would
    otherwise give k² findings that all say the same.
    """
    unique, copies = statements(claims)
    weights = word_weights(unique)
    concepts = {c.name: c for c in rules.measures.concepts}
    read = [features(c, weights, concepts) for c in unique]
    pairs = candidate_pairs(unique, rules.linking, [f.folded for f in read])
    return score_pairs(unique, copies, read, pairs, weights, rules)


def score_pairs(unique: Sequence[Claim], copies: Sequence[int], read: Sequence[Features],
                pairs: Iterable[tuple[int, int]], weights: Mapping[str, float],
                rules: Rules) -> list[Link]:
    """The links among candidate pairs of statements (indices into ``unique``, with the
    ``copies`` of each and what linking reads of it), in the order of ``pairs``."""
    linking = rules.linking
    concepts = {c.name: c for c in rules.measures.concepts}
    links = []
    for i, j in pairs:
        if read[i].change != read[j].change or not in_scale(unique[i], unique[j], linking):
            continue  # a change is never the same quantity as a level; nor 40 as 40.000
        a, b = unique[i], unique[j]
        like = likeness(read[i], read[j], weights, linking, overlap(a, b),
                        informative(a, linking) and informative(b, linking),
                        a.value == b.value, tiny(a, linking) or tiny(b, linking),
                        one_sided(a, b) is not None)
        if linked(like, linking, concepts):
            links.append(Link(unique[i], unique[j], like.score, like.concepts,
                              copies[i] + copies[j]))
    return links
