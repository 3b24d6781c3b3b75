"""A run's partitions on shared storage: Parquet files the Dask engine's stages pass on.

A stage writes what the next one needs to files in the run's folder and hands
on only their names and sizes, so a worker holds one partition (or one bucket
of a shuffle) at a time, never its share of the corpus. The folder is laid
out as a partitioned Parquet dataset (``bucket=0003/part-00012.parquet``);
each row is one claim, under its place in input order, with the claim itself
as the JSON the cache stores (:mod:`factcheck.codec`) and the keys the
shuffles route on beside it, so routing a row never has to read the claim.

The folder is ``runs/<run>`` in the cache folder, which may be an fsspec URL
(``s3://bucket/factcheck-cache``: :class:`~factcheck.cache.Storage`), so that
workers on other machines see it. Files are written whole (under a temporary
name and renamed on a local disk, in one put on an object store), so a task
run again after its worker died replaces what it wrote, whole, and a reader
never sees half a file. No Dask in here.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from factcheck.cache import Location, Storage, decode_claim, is_url, write_whole
from factcheck.codec import encode
from factcheck.records import Claim

SCHEMA = pa.schema([
    ("task", pa.int32()),  # the document's place among the inputs
    ("index", pa.int32()),  # the claim's place among its document's claims
    ("doc", pa.string()),  # the document's name
    ("statement", pa.string()),  # the statement key (sentence and figure)
    ("start", pa.int64()),  # where the claim starts in its document's text
    ("copies", pa.int32()),  # other claims of the same statement (0 before they are counted)
    ("keys", pa.list_(pa.string())),  # the measure keys (for the word weights)
    ("blocks", pa.list_(pa.string())),  # the block keys, "unit\x1fkey"
    ("claim", pa.string()),  # the claim, as JSON
])

Rows = dict[str, list[Any]]
"""Columns by name (of :data:`SCHEMA`), each a list of equal length."""


def empty() -> Rows:
    return {name: [] for name in SCHEMA.names}


def claim_json(claim: Claim) -> str:
    return json.dumps(encode(claim), ensure_ascii=False, separators=(",", ":"))


def claim_of(text: str) -> Claim:
    return decode_claim(json.loads(text))


def take(rows: Rows, picked: Sequence[int]) -> Rows:
    """The rows at ``picked``, in that order."""
    return {name: [column[k] for k in picked] for name, column in rows.items()}


@dataclass(frozen=True)
class RunFolder:
    """The folder of one run on storage every worker sees (the cache folder's ``runs``)."""

    root: str

    @classmethod
    def under(cls, cache_dir: Location, run: str) -> RunFolder:
        """The folder of ``run`` in a cache folder, or under a cache URL."""
        if is_url(cache_dir):
            return cls(f"{cache_dir.rstrip('/')}/runs/{run}")
        return cls(str(Path(cache_dir) / "runs" / run))

    def claims(self, part: int) -> str:
        """The claims the extraction of partition ``part`` found."""
        return f"{self.root}/claims/part-{part:05d}.parquet"

    def statement_piece(self, bucket: int, part: int) -> str:
        return f"{self.root}/statement-pieces/bucket={bucket:04d}/part-{part:05d}.parquet"

    def statement_pieces(self, bucket: int) -> str:
        return f"{self.root}/statement-pieces/bucket={bucket:04d}"

    def statements(self, bucket: int) -> str:
        """One claim per statement of a bucket of the statement shuffle, with its copies."""
        return f"{self.root}/statements/bucket={bucket:04d}.parquet"

    def block_piece(self, bucket: int, source: int) -> str:
        return f"{self.root}/block-pieces/bucket={bucket:04d}/part-{source:05d}.parquet"

    def block_pieces(self, bucket: int) -> str:
        return f"{self.root}/block-pieces/bucket={bucket:04d}"

    def remove(self) -> None:
        """Remove the folder and all in it (nothing when it is not there)."""
        if is_url(self.root):
            Storage(self.root).remove("")
        else:
            shutil.rmtree(self.root, ignore_errors=True)


def write(path: str, rows: Rows) -> int:
    """Write ``rows`` to ``path`` (a file or a URL) whole; the bytes written.

    The Parquet bytes are made here and written as the cache writes an entry
    (:func:`~factcheck.cache.write_whole` on a disk, one put at a URL).
    """
    sink = pa.BufferOutputStream()
    pq.write_table(pa.Table.from_pydict(rows, schema=SCHEMA), sink)
    data: bytes = sink.getvalue().to_pybytes()
    if is_url(path):
        Storage(path).write("", data)
    else:
        write_whole(Path(path), data)
    return len(data)


def read(path: str) -> Rows:
    """The rows of the file (or URL) at ``path``."""
    if is_url(path):
        storage = Storage(path)
        table = pq.read_table(storage.path(""), schema=SCHEMA, filesystem=storage.filesystem)
    else:
        table = pq.read_table(path, schema=SCHEMA)
    columns: Rows = table.to_pydict()
    return columns


def read_all(folder: str) -> Rows:
    """The rows of every file in ``folder`` (a folder or a URL; none when there is none),
    file by file."""
    rows = empty()
    if is_url(folder):
        paths = [f"{folder}/{name}" for name in Storage(folder).names("", "*.parquet")]
    else:
        directory = Path(folder)
        paths = sorted(str(p) for p in directory.glob("*.parquet")) if directory.is_dir() else []
    for path in paths:
        for name, column in read(path).items():
            rows[name].extend(column)
    return rows
