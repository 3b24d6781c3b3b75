"""The check's stages over partitions: what a cluster worker runs. No Dask in here.

Each function takes a partition or a bucket of a shuffle, reads what the stage
before wrote to the run's folder (:mod:`factcheck.engine.partitions`) and
writes what the next one needs, returning only small records: a worker holds
one partition or one bucket at a time, however large the corpus. The same
per-document and per-block functions as the local engine do the work
(:func:`~factcheck.parallel.read_one`, :func:`~factcheck.arithmetic.check_arithmetic`,
:func:`~factcheck.link.block_pairs`, :func:`~factcheck.link.score_pairs`,
:func:`~factcheck.compare.compare`), so both engines give the same result:

1. :func:`extract_part` — read and extract a partition of documents (the cache as on
   one machine), recheck their arithmetic, and write their claims as Parquet;
2. :func:`by_statement` → :func:`statements_of` — a shuffle on the statement
   (sentence and figure): one claim per statement, its copies counted, and the
   measure-key and block counts the word weights and open blocks are made from
   (added up on the client);
3. :func:`by_block` → :func:`links_in` — a shuffle on (unit family, measure key)
   blocks: each block whole in one bucket, ``max_block`` applied as on one
   machine, its pairs scored and compared where the block is.

A claim's place in input order is its :data:`Position` (task index, index in
its document); the local engine's order is the order of positions, so ties
are broken alike. Bucket numbers come from CRC-32 (Python's ``hash`` of a
string differs per process).
"""

from __future__ import annotations

import zlib
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from factcheck.arithmetic import check_arithmetic
from factcheck.compare import compare
from factcheck.engine import partitions as pt
from factcheck.engine.partitions import RunFolder
from factcheck.link import (
    BlockKey,
    Link,
    block_keys,
    block_pairs,
    blocks,
    choose_statements,
    features,
    score_pairs,
    statement_key,
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
from factcheck.records import Claim, Document, Finding
from factcheck.rules import Linking, Rules

Position = tuple[int, int]
"""A claim's place in input order: (task index, index among its document's claims)."""


@dataclass(frozen=True)
class Part:
    """What one partition of documents gave the client: each task's outcome (by task
    index; the documents without their text, which stays on the worker), the
    arithmetic findings of each document read (by its name), and the size of the
    claims file it wrote."""

    outcomes: tuple[tuple[int, Outcome], ...]
    arithmetic: tuple[tuple[str, tuple[Finding, ...]], ...]
    nbytes: int

    @property
    def documents(self) -> int:
        return len(self.outcomes)


@dataclass(frozen=True)
class Statement:
    """One statement: the claim that stands for it, where it first occurs, its copies."""

    position: Position
    claim: Claim
    copies: int


Tally = tuple[int, tuple[tuple[str, int], ...], tuple[tuple[BlockKey, int], ...]]
"""What the client adds up of a statement bucket: its statements, and how often each
measure key and each block occurs among them."""

PairFinding = tuple[Position, Position, Link, Finding]
"""A linked pair (the positions of its statements, first the earlier) and its finding."""


def bucket(key: str, buckets: int) -> int:
    """The shuffle bucket of a key: the same in every process and on every run."""
    return zlib.crc32(key.encode("utf-8")) % buckets


def joined(key: BlockKey) -> str:
    """A block key as one string (as the run's files hold it)."""
    return f"{key[0]}\x1f{key[1]}"


def split_key(text: str) -> BlockKey:
    """A block key from its string (:func:`joined`)."""
    unit, _, key = text.partition("\x1f")
    return unit, key


def block_bucket(key: BlockKey, buckets: int) -> int:
    return bucket(joined(key), buckets)


_WORKERS: dict[tuple[object, ...], Worker] = {}


def worker_for(settings: WorkerSettings) -> Worker:
    """Rules and pipeline, built once per worker process and settings."""
    rules = settings.rules
    key = (rules.directory, rules.version, settings.model, settings.ocr, settings.cache,
           settings.limits)
    if key not in _WORKERS:
        _WORKERS[key] = build_worker(settings)
    return _WORKERS[key]


def without_text(document: Document) -> Document:
    """A document as the client needs it for the report: no text, no table cells (its
    claims and arithmetic are read from them on the worker)."""
    return replace(document, text="", cells=())


def extract_part(number: int, items: Sequence[tuple[int, Task]], settings: WorkerSettings,
                 folder: RunFolder) -> Part:
    """Read and extract each document of partition ``number`` (from the cache where it
    holds it), recheck its arithmetic while the document is at hand, and write its
    claims to the run's folder for the check."""
    worker = worker_for(settings)
    outcomes, arithmetic, rows = [], [], pt.empty()
    for index, task in items:
        outcome = read_one(task, worker)
        if isinstance(outcome.result, Failure):
            outcomes.append((index, outcome))
            continue
        document, claims = outcome.result
        arithmetic.append((document.doc,
                           tuple(check_arithmetic(document, claims, worker.rules))))
        outcomes.append((index, replace(outcome, result=(without_text(document), claims))))
        for k, claim in enumerate(claims):
            _append(rows, (index, k), claim, pt.claim_json(claim), worker.rules.linking)
    return Part(tuple(outcomes), tuple(arithmetic), pt.write(folder.claims(number), rows))


def by_statement(number: int, folder: RunFolder, copies: frozenset[str], buckets: int) -> int:
    """The claims of partition ``number``'s documents (not those of copies of a
    publication), each to the bucket of its statement; the bytes written."""
    rows = pt.read(folder.claims(number))
    routed: dict[int, list[int]] = defaultdict(list)
    for k, (doc, key) in enumerate(zip(rows["doc"], rows["statement"], strict=True)):
        if doc not in copies:
            routed[bucket(key, buckets)].append(k)
    return sum(pt.write(folder.statement_piece(b, number), pt.take(rows, picked))
               for b, picked in sorted(routed.items()))


def statements_of(number: int, folder: RunFolder, *written: int) -> Tally:
    """Bucket ``number`` of the statement shuffle: one claim per statement (chosen as
    :func:`~factcheck.link.statements` chooses it), where the statement first occurs
    and its copies, written for the block shuffle; and its counts, for the client.
    Works on the rows' keys alone: no claim is read here.
    (``written``: the sizes of the pieces, there to make this wait for all of them.)"""
    del written
    rows = pt.read_all(folder.statement_pieces(number))
    rows = pt.take(rows, sorted(range(len(rows["task"])),
                                key=lambda k: (rows["task"][k], rows["index"][k])))
    chosen = choose_statements(rows["statement"], list(zip(rows["doc"], rows["start"],
                                                           strict=True)))
    found = pt.take(rows, [s.chosen for s in chosen])
    found["task"] = [rows["task"][s.first] for s in chosen]  # where the statement first is
    found["index"] = [rows["index"][s.first] for s in chosen]
    found["copies"] = [s.copies for s in chosen]
    pt.write(folder.statements(number), found)
    keys: Counter[str] = Counter(key for of in found["keys"] for key in of)
    sizes: Counter[BlockKey] = Counter(split_key(key) for of in found["blocks"] for key in of)
    return len(chosen), tuple(sorted(keys.items())), tuple(sorted(sizes.items()))


def open_blocks(sizes: Mapping[BlockKey, int], linking: Linking) -> dict[BlockKey, int]:
    """The blocks pairs can come from: two claims or more, at most ``max_block``."""
    return {key: size for key, size in sizes.items() if 2 <= size <= linking.max_block}


def by_block(number: int, folder: RunFolder, opened: Mapping[BlockKey, int],
             buckets: int) -> int:
    """Each statement of statement bucket ``number`` to the buckets of its open blocks
    (once to each): a block is whole in the bucket its key falls in. The bytes written."""
    rows = pt.read(folder.statements(number))
    into = {joined(key): block_bucket(key, buckets) for key in opened}
    routed: dict[int, list[int]] = defaultdict(list)
    for k, keys in enumerate(rows["blocks"]):
        for target in sorted({into[key] for key in keys if key in into}):
            routed[target].append(k)
    return sum(pt.write(folder.block_piece(b, number), pt.take(rows, picked))
               for b, picked in sorted(routed.items()))


def links_in(number: int, buckets: int, folder: RunFolder, weights: Mapping[str, float],
             opened: Mapping[BlockKey, int], rules: Rules, *written: int
             ) -> tuple[PairFinding, ...]:
    """The linked pairs of the open blocks in block bucket ``number``, each with its
    finding. (``written``: the sizes of the pieces, there to make this wait for them.)

    A pair in two blocks of different buckets is scored in the first of them when
    that block is small enough to pair all its members (then it surely gives the
    pair too); else it may be found twice, alike, and the client keeps one.
    """
    del written
    linking = rules.linking
    rows = pt.read_all(folder.block_pieces(number))
    order = sorted(range(len(rows["task"])), key=lambda k: (rows["task"][k], rows["index"][k]))
    members = [Statement((rows["task"][k], rows["index"][k]), pt.claim_of(rows["claim"][k]),
                         rows["copies"][k]) for k in order]
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


def _append(rows: pt.Rows, position: Position, claim: Claim, text: str,
            linking: Linking) -> None:
    """A claim's row: its place, the keys the shuffles route on, and the claim as JSON."""
    values = (position[0], position[1], claim.doc, statement_key(claim), claim.start, 0,
              sorted(set(claim.measure_keys)),
              sorted(joined(key) for key in block_keys(claim, linking)), text)
    for name, value in zip(pt.SCHEMA.names, values, strict=True):
        rows[name].append(value)
