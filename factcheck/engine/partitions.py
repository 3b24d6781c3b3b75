"""A run's partitions on shared storage: Parquet files the Dask engine's stages pass on.

A stage writes what the next one needs to files in the run's folder and hands
on only their names and sizes, so a worker holds one partition (or one bucket
of a shuffle) at a time, never its share of the corpus. The folder is laid
out as a partitioned Parquet dataset (``bucket=0003/part-00012.parquet``);
each row is one claim, under its place in input order, with the claim itself
as the JSON the cache stores (:mod:`factcheck.codec`) and the keys the
shuffles route on beside it, so routing a row never has to read the claim.

Files are written under a temporary name and renamed, so a task run again
after its worker died replaces what it wrote, whole, and a reader never sees
half a file. No Dask in here.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from factcheck.cache import decode_claim
from factcheck.codec import encode
from factcheck.records import Claim

SCHEMA = pa.schema([
    ("task", pa.int32()),  # the document's place among the inputs
    ("index", pa.int32()),  # the claim's place among its document's claims
    ("doc", pa.string()),  # the document's name
    ("statement", pa.string()),  # the statement key (sentence and figure)
    ("copies", pa.int32()),  # other claims of the same statement (0 before they are counted)
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
    def under(cls, cache_dir: Path, run: str) -> RunFolder:
        return cls(str(cache_dir / "runs" / run))

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
        shutil.rmtree(self.root, ignore_errors=True)


def write(path: str, rows: Rows) -> int:
    """Write ``rows`` to ``path`` whole (temporary name, then renamed); the bytes written."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    os.close(handle)
    try:
        pq.write_table(pa.Table.from_pydict(rows, schema=SCHEMA), temporary)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target.stat().st_size


def read(path: str) -> Rows:
    columns: Rows = pq.read_table(path, schema=SCHEMA).to_pydict()
    return columns


def read_all(folder: str) -> Rows:
    """The rows of every file in ``folder`` (none when there is none), file by file."""
    rows = empty()
    directory = Path(folder)
    if not directory.is_dir():
        return rows
    for path in sorted(directory.glob("*.parquet")):
        for name, column in read(str(path)).items():
            rows[name].extend(column)
    return rows
