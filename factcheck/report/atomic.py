"""Replace a file only with a complete new version, or not at all.

Analysts keep the report open and annotate it; a crash or a full disk halfway
through a write must never leave them a truncated workbook where yesterday's
good one was. The new content goes to a hidden temporary file in the same
folder (same file system, so the final rename is atomic) and is renamed over
the target only once it is complete and flushed.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from factcheck.errors import OutputError

Writer = Callable[[BinaryIO], None]


def atomic_write(path: Path, write: Writer) -> None:
    """Call ``write`` on a temporary file next to ``path``, then move it into place.

    Raises OutputError, naming the path and the fix, when the folder cannot be
    created, the file cannot be written, or the target cannot be replaced. The
    temporary file is removed on every failure, including errors in ``write``.
    """
    path = Path(path)
    _check_target(path)
    _make_parent(path)
    temp = _temporary(path)
    try:
        _fill(temp, write)
        _adopt_mode(temp, path)
        os.replace(temp, path)
    except OSError as exc:
        raise OutputError(_message(path, exc)) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def _check_target(path: Path) -> None:
    """Refuse a folder as target before writing anything."""
    if path.is_dir():
        raise OutputError(f"{path} is a folder, not a file — give a file name such as "
                          f"{path / 'factcheck.xlsx'}")


def _make_parent(path: Path) -> None:
    """Create the target's folder, as a user giving --out reports/new/x.xlsx expects."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError) as exc:
        raise OutputError(f"cannot create the folder for {path}: a file is in the way "
                          "— choose another output path") from exc
    except OSError as exc:
        raise OutputError(_message(path, exc)) from exc


def _temporary(path: Path) -> Path:
    """A new hidden file beside the target; its name shows what it was for."""
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(_message(path, exc)) from exc
    os.close(fd)
    return Path(name)


def _fill(temp: Path, write: Writer) -> None:
    """Write the content and flush it to disk, so the rename never exposes an empty file."""
    with temp.open("wb") as handle:
        write(handle)
        handle.flush()
        os.fsync(handle.fileno())


def _adopt_mode(temp: Path, path: Path) -> None:
    """Give the new file the old file's permissions, or the user's default for a new one.

    mkstemp creates files readable by the owner only; a report shared with
    colleagues should not silently become private.
    """
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    os.chmod(temp, mode)


def _umask() -> int:
    """The process umask (readable only by setting it, so it is set back at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _message(path: Path, exc: OSError) -> str:
    """One line: what failed, for which path, and what to do about it."""
    reason = exc.strerror or str(exc)
    if isinstance(exc, PermissionError):
        fix = ("close the file if it is open in Excel or LibreOffice, or choose a folder "
               "you may write to")
    elif isinstance(exc, IsADirectoryError):
        fix = "give a file name, not a folder"
    else:
        fix = "check the path and free disk space, or choose another output path"
    return f"cannot write {path}: {reason} — {fix}"
