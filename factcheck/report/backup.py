"""Keep the previous workbook as a timestamped copy beside the new one.

``reports/factcheck.xlsx`` is copied to ``reports/factcheck.2026-11-23T154501.xlsx``
before it is replaced. An existing backup is never overwritten: a second run
within the same second gets ``…T154501-2.xlsx``.
"""

from __future__ import annotations

import re
import shutil
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from factcheck.errors import OutputError

STAMP_FORMAT = "%Y-%m-%dT%H%M%S"


def backup_name(path: Path, now: datetime, attempt: int = 1) -> Path:
    """``name.<timestamp>.xlsx`` beside ``path``; attempts after the first get ``-2``, ``-3``…"""
    suffix = "" if attempt == 1 else f"-{attempt}"
    return path.with_name(f"{path.stem}.{now.strftime(STAMP_FORMAT)}{suffix}{path.suffix}")


def make_backup(path: Path, now: datetime | None = None) -> Path:
    """Copy ``path`` to a new backup file and return its name; OutputError if that fails."""
    now = now or datetime.now()
    for attempt in range(1, 1000):
        target = backup_name(path, now, attempt)
        try:
            handle = target.open("xb")
        except FileExistsError:
            continue
        except OSError as exc:
            raise OutputError(_message(path, target, exc)) from exc
        _copy(path, target, handle)
        return target
    raise OutputError(f"cannot keep a backup of {path}: too many backups this second — "
                      "run again")


def prune_backups(path: Path, keep: int) -> list[Path]:
    """Remove all but the ``keep`` newest backups of ``path``; return what was removed.

    Only files named as :func:`backup_name` names them are touched; the
    timestamp in the name orders them (an attempt suffix sorts after its second).
    """
    pattern = re.compile(re.escape(path.stem) + r"\.(\d{4}-\d{2}-\d{2}T\d{6})(?:-(\d+))?"
                         + re.escape(path.suffix) + "$")
    found = []
    for candidate in path.parent.iterdir():
        m = pattern.match(candidate.name)
        if m and candidate.is_file():
            found.append((m.group(1), int(m.group(2) or 1), candidate))
    found.sort()
    removed = [c for _, _, c in found[:max(0, len(found) - keep)]]
    for old in removed:
        old.unlink(missing_ok=True)
    return removed


def _copy(path: Path, target: Path, handle: BinaryIO) -> None:
    """Fill the new backup file; on failure remove it (it is ours: it was just created)."""
    try:
        with handle, path.open("rb") as source:
            shutil.copyfileobj(source, handle)
        shutil.copystat(path, target)
    except OSError as exc:
        target.unlink(missing_ok=True)
        raise OutputError(_message(path, target, exc)) from exc


def _message(path: Path, target: Path, exc: OSError) -> str:
    return (f"cannot keep a backup of {path} as {target.name}: {exc.strerror or exc} — "
            "free disk space or choose another --out")
