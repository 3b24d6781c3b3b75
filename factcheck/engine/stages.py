"""The check's stages over partitions: what a cluster worker runs. No Dask in here.

Each function takes a partition (or the pieces of a shuffle) and returns
plain records; the same per-document and per-block functions as the local
engine do the work (:func:`~factcheck.parallel.read_one`,
:func:`~factcheck.arithmetic.check_arithmetic`, :func:`~factcheck.link.block_pairs`,
:func:`~factcheck.link.score_pairs`, :func:`~factcheck.compare.compare`), so both
engines give the same result:

1. :func:`extract_part` — read and extract a partition of documents (the cache as on
   one machine) and recheck their arithmetic; :func:`claims_of` — what of it stays
   on the cluster for the check: the claims, not the texts;
2. :func:`by_statement` → :func:`statements_of` — a shuffle on the statement
   (sentence and figure): one claim per statement, its copies counted, and the
   measure-key counts the word weights are made from (a reduce on the client);
3. :func:`by_block` → :func:`links_in` — a shuffle on (unit family, measure key)
   blocks: each block whole in one bucket, ``max_block`` applied as on one
   machine, its pairs scored and compared where the block is.

A claim's place in input order is its :data:`Position` (task index, index in
its document); the local engine's order is the order of positions, so ties
are broken alike. Bucket numbers come from CRC-32 (Python's ``hash`` of a
string differs per process).
"""

from __future__ import annotations

import pickle
import zlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from factcheck.arithmetic import check_arithmetic
from factcheck.compare import compare
from factcheck.link import (
    BlockKey,
    Link,
    block_keys,
    block_pairs,
    blocks,
    features,
    key_counts,
    score_pairs,
    statement_key,
    statements,
)
from factcheck.parallel import (
    Failure,
    Outcome,
    Task,
    Worker,
    WorkerSettings,
    build_worker,
    read_one,
)
from factcheck.records import Claim, Finding
from factcheck.rules import Linking, Rules

Position = tuple[int, int]
"""A claim's place in input order: (task index, index among its document's claims)."""

T = TypeVar("T")


@dataclass(frozen=True)
class Part:
    """What one partition of documents gave: each task's outcome (by task index), and
    the arithmetic findings of each document read (by its name)."""

    outcomes: tuple[tuple[int, Outcome], ...]
    arithmetic: tuple[tuple[str, tuple[Finding, ...]], ...]

    @property
    def documents(self) -> int:
        return len(self.outcomes)


@dataclass(frozen=True)
class PartClaims:
    """What the check needs of a partition, kept on the cluster: the claims of each
    document read (by task index, with the document's name), not their texts."""

    documents: tuple[tuple[int, str, tuple[Claim, ...]], ...]


@dataclass(frozen=True)
class Split(Generic[T]):
    """A partition cut into one piece per bucket of a shuffle, and the size of the
    pieces as they travel (pickled bytes): the shuffle volume."""

    pieces: tuple[tuple[T, ...], ...]
    nbytes: int


@dataclass(frozen=True)
class Statement:
    """One statement: the claim that stands for it, where it first occurs, its copies."""

    position: Position
    claim: Claim
    copies: int


@dataclass(frozen=True)
class Statements:
    """The statements of one bucket, in input order, their measure-key counts (for the
    word weights) and their block counts (the sizes of the blocks, summed over buckets)."""

    statements: tuple[Statement, ...]
    counts: tuple[tuple[str, int], ...]
    blocks: tuple[tuple[BlockKey, int], ...]


PairFinding = tuple[Position, Position, Link, Finding]
"""A linked pair (the positions of its statements, first the earlier) and its finding."""


def bucket(key: str, buckets: int) -> int:
    """The shuffle bucket of a key: the same in every process and on every run."""
    return zlib.crc32(key.encode("utf-8")) % buckets


def block_bucket(key: BlockKey, buckets: int) -> int:
    return bucket(f"{key[0]}\x1f{key[1]}", buckets)


_WORKERS: dict[tuple[object, ...], Worker] = {}


def worker_for(settings: WorkerSettings) -> Worker:
    """Rules and pipeline, built once per worker process and settings."""
    rules = settings.rules
    key = (rules.directory, rules.version, settings.model, settings.ocr, settings.cache,
           settings.limits)
    if key not in _WORKERS:
        _WORKERS[key] = build_worker(settings)
    return _WORKERS[key]


def extract_part(items: Sequence[tuple[int, Task]], settings: WorkerSettings) -> Part:
    """Read and extract each document of a partition (from the cache where it holds it),
    and recheck its arithmetic there, while the document is at hand."""
    worker = worker_for(settings)
    outcomes, arithmetic = [], []
    for index, task in items:
        outcome = read_one(task, worker)
        outcomes.append((index, outcome))
        if not isinstance(outcome.result, Failure):
            document, claims = outcome.result
            arithmetic.append((document.doc,
                               tuple(check_arithmetic(document, claims, worker.rules))))
    return Part(tuple(outcomes), tuple(arithmetic))


def claims_of(part: Part) -> PartClaims:
    return PartClaims(tuple((index, outcome.result[0].doc, tuple(outcome.result[1]))
                            for index, outcome in part.outcomes
                            if not isinstance(outcome.result, Failure)))


def split(pieces: Sequence[Sequence[T]]) -> Split[T]:
    frozen = tuple(tuple(piece) for piece in pieces)
    return Split(frozen, sum(len(pickle.dumps(p, protocol=5)) for p in frozen if p))


def piece(split: Split[T], number: int) -> tuple[T, ...]:
    return split.pieces[number]


def nbytes(split: Split[T]) -> int:
    return split.nbytes


def by_statement(part: PartClaims, copies: frozenset[str],
                 buckets: int) -> Split[tuple[Position, Claim]]:
    """The claims of a partition's documents (not those of copies of a publication),
    each to the bucket of its statement."""
    pieces: list[list[tuple[Position, Claim]]] = [[] for _ in range(buckets)]
    for index, doc, claims in part.documents:
        if doc in copies:
            continue
        for k, claim in enumerate(claims):
            pieces[bucket(statement_key(claim), buckets)].append(((index, k), claim))
    return split(pieces)


def statements_of(linking: Linking,
                  *pieces: tuple[tuple[Position, Claim], ...]) -> Statements:
    """One claim per statement (as :func:`~factcheck.link.statements` chooses it), where
    the statement first occurs, how often each measure key occurs among them, and how
    many of them each block holds."""
    ordered = sorted((item for p in pieces for item in p), key=lambda item: item[0])
    first: dict[str, Position] = {}
    for position, claim in ordered:
        first.setdefault(statement_key(claim), position)
    unique, copies = statements([claim for _, claim in ordered])
    found = tuple(Statement(position, claim, count) for position, claim, count
                  in zip(first.values(), unique, copies, strict=True))
    sizes: Counter[BlockKey] = Counter()
    for claim in unique:
        sizes.update(block_keys(claim, linking))
    return Statements(found, tuple(sorted(key_counts(unique).items())),
                      tuple(sorted(sizes.items())))


Tally = tuple[int, tuple[tuple[str, int], ...], tuple[tuple[BlockKey, int], ...]]


def tally(statements: Statements) -> Tally:
    """What the client adds up of a bucket: statements, measure-key and block counts."""
    return len(statements.statements), statements.counts, statements.blocks


def open_blocks(sizes: Mapping[BlockKey, int], linking: Linking) -> dict[BlockKey, int]:
    """The blocks pairs can come from: two claims or more, at most ``max_block``."""
    return {key: size for key, size in sizes.items() if 2 <= size <= linking.max_block}


def by_block(statements: Statements, linking: Linking, opened: Mapping[BlockKey, int],
             buckets: int) -> Split[Statement]:
    """Each statement to the buckets of its open blocks (once to each): a block is whole
    in the bucket its key falls in."""
    pieces: list[list[Statement]] = [[] for _ in range(buckets)]
    for statement in statements.statements:
        for number in sorted({block_bucket(k, buckets)
                              for k in block_keys(statement.claim, linking) if k in opened}):
            pieces[number].append(statement)
    return split(pieces)


def links_in(number: int, buckets: int, weights: Mapping[str, float],
             opened: Mapping[BlockKey, int], rules: Rules,
             *pieces: tuple[Statement, ...]) -> tuple[PairFinding, ...]:
    """The linked pairs of the open blocks in bucket ``number``, each with its finding.

    A pair in two blocks of different buckets is scored in the first of them when
    that block is small enough to pair all its members (then it surely gives the
    pair too); else it may be found twice, alike, and the client keeps one.
    """
    linking = rules.linking
    members = sorted((s for p in pieces for s in p), key=lambda s: s.position)
    unique = [s.claim for s in members]
    concepts = {c.name: c for c in rules.measures.concepts}
    read = [features(c, weights, concepts) for c in unique]
    index = {key: m for key, m in blocks(unique, linking).items()
             if key in opened and block_bucket(key, buckets) == number}
    if any(len(m) != opened[key] for key, m in index.items()):
        raise RuntimeError(f"bucket {number} holds a block in part: the shuffle lost claims")

    def earlier(i: int, j: int) -> bool:
        """Does a whole small block of an earlier bucket pair these two as well?"""
        shared = block_keys(unique[i], linking) & block_keys(unique[j], linking)
        return any(k in opened and opened[k] <= linking.neighbours + 1
                   and block_bucket(k, buckets) < number for k in shared)

    pairs = [(i, j) for i, j in block_pairs(index, unique, linking, [f.folded for f in read])
             if not earlier(i, j)]
    where = {s.claim.id: s.position for s in members}
    links = score_pairs(unique, [s.copies for s in members], read, pairs, weights, rules)
    return tuple((where[link.a.id], where[link.b.id], link, compare(link, rules))
                 for link in links)
