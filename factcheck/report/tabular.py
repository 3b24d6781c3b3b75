"""The report's tables as CSV or Parquet files in a folder, and CSV read back exactly.

``findings.csv``, ``claims.csv``, ``documents.csv`` (and ``reference.csv``
after a check against CBS): UTF-8, a header row, one row per record, the
columns of :mod:`.frames`. :func:`read_csv_tables` reads them back with the
same dtypes and values as the frames that were written (floats to the last
bit). With plain pandas the values come back the same with::

    pd.read_csv(path, keep_default_na=False, na_values=[""], dtype=str)
    # then the dtypes of factcheck.report.frames.SCHEMAS; numbers parsed by pandas 2
    # need float_precision="round_trip" to come back to the last bit (pandas 3: the default)

Parquet keeps the dtypes itself (``pd.read_parquet``); it needs pyarrow
(``pip install 'factcheck[parquet]'``). Each file is written to a temporary
name and moved into place, so a failed write leaves no half file.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

import pandas as pd

from factcheck.errors import OutputError
from factcheck.report.atomic import atomic_write
from factcheck.report.frames import SCHEMAS, conform

FLOAT_PRECISION: Literal["round_trip"] | None = (
    None if int(pd.__version__.split(".")[0]) >= 3 else "round_trip")
"""pandas 3 reads floats back to the last bit by default; pandas 2 must be asked."""


@dataclass(frozen=True)
class Tables:
    """The report's tables read back from a folder; ``reference`` is None when the run did
    not check against CBS."""

    findings: pd.DataFrame
    claims: pd.DataFrame
    documents: pd.DataFrame
    reference: pd.DataFrame | None = None


def write_csv(folder: Path, frames: Mapping[str, pd.DataFrame]) -> list[Path]:
    """Write each frame as ``NAME.csv`` in ``folder`` (created); the paths written."""
    return _write(folder, frames, "csv", _csv_bytes)


def write_parquet(folder: Path, frames: Mapping[str, pd.DataFrame]) -> list[Path]:
    """Write each frame as ``NAME.parquet``; OutputError names the fix when pyarrow is missing."""
    if importlib.util.find_spec("pyarrow") is None:
        raise OutputError(f"cannot write Parquet to {folder}: pyarrow is not installed — "
                          "pip install 'factcheck[parquet]', or write CSV instead")
    return _write(folder, frames, "parquet", _parquet_bytes)


def _csv_bytes(frame: pd.DataFrame) -> bytes:
    text = frame.to_csv(index=False, date_format="%Y-%m-%d", lineterminator="\n")
    return text.encode("utf-8")


def _parquet_bytes(frame: pd.DataFrame) -> bytes:
    data = frame.to_parquet(index=False, engine="pyarrow")
    return bytes(data) if data is not None else b""


def _write(folder: Path, frames: Mapping[str, pd.DataFrame], suffix: str,
           encode: Callable[[pd.DataFrame], bytes]) -> list[Path]:
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the folder {folder}: {exc.strerror or exc} — "
                          "choose another folder") from exc
    written = []
    for name, frame in frames.items():
        path = folder / f"{name}.{suffix}"
        data = encode(frame)

        def write(handle: BinaryIO, data: bytes = data) -> None:
            handle.write(data)

        atomic_write(path, write)
        written.append(path)
    return written


def read_csv_tables(folder: Path | str) -> Tables:
    """The tables :func:`write_csv` wrote to ``folder``, with their dtypes.

    OutputError names the folder when it holds no findings, claims or documents file.
    """
    folder = Path(folder)
    frames = {name: read_csv_table(folder / f"{name}.csv", name) for name in SCHEMAS
              if name != "reference" or (folder / "reference.csv").exists()}
    return Tables(frames["findings"], frames["claims"], frames["documents"],
                  frames.get("reference"))


def read_csv_table(path: Path, name: str) -> pd.DataFrame:
    """One table (``name``: a key of :data:`.frames.SCHEMAS`) read back from its CSV file."""
    if not path.is_file():
        raise OutputError(f"{path} is missing — give the folder that factcheck check --csv "
                          "wrote")
    schema = SCHEMAS[name]
    parsed = {column for column, kind in schema.items()
              if kind in ("float", "int", "Int", "bool")}  # numbers and flags: pandas parses
    frame = pd.read_csv(path, keep_default_na=False, na_values=[""], encoding="utf-8",
                        dtype={c: object for c in schema if c not in parsed},
                        float_precision=FLOAT_PRECISION)
    return conform(frame, schema)

