"""Guards around the analyst's workbook, checked before any document is read.

* :func:`check_writable`: the folder can take the new file, the file is not
  read-only (tried, not guessed: root may write anywhere the bits say not).
* :class:`RunLock`: one factcheck run at a time per workbook. A hidden lock
  file beside it holds the run's process id; a lock whose process is gone
  (a run killed with ``kill -9``) is taken over.
* :func:`mass_retirement`: a run that would retire more than half of the
  findings of the previous workbook because their documents are not among
  the inputs is most likely a typo in a path, not a change in the documents.

Each refusal is an :class:`~factcheck.errors.OutputError` naming the file
and the fix; nothing has been written by then.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

from factcheck.errors import OutputError
from factcheck.report import columns as col
from factcheck.report.merge import Previous


def check_writable(path: Path) -> None:
    """Refuse, before reading anything, an --out that could not be written at the end."""
    if path.is_dir():
        raise OutputError(f"{path} is a folder, not a file — give a file name such as "
                          f"{path / 'factcheck.xlsx'}")
    folder = _existing_folder(path)
    try:
        handle, probe = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".probe", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write in {folder}: {exc.strerror or exc} — choose a folder "
                          "you may write to with --out") from exc
    os.close(handle)
    os.unlink(probe)
    if _read_only(path) or (path.exists() and not os.access(path, os.W_OK)):
        raise OutputError(f"{path} is read-only — make it writable (chmod u+w) or choose "
                          "another --out")


def _read_only(path: Path) -> bool:
    """The file's write bits are all off (os.access says yes to root whatever they say)."""
    try:
        return path.stat().st_mode & 0o222 == 0
    except OSError:
        return False


def _existing_folder(path: Path) -> Path:
    """The folder the file goes in, created as the user asking for it expects."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError) as exc:
        raise OutputError(f"cannot create the folder for {path}: a file is in the way "
                          "— choose another output path") from exc
    except OSError as exc:
        raise OutputError(f"cannot create the folder for {path}: {exc.strerror or exc} — "
                          "choose another output path") from exc
    return folder


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.factcheck-lock")


class RunLock:
    """Held while a run reads documents and writes ``path``; released on every exit."""

    def __init__(self, path: Path) -> None:
        self.path = lock_path(path)
        self.target = path
        self.held = False

    def __enter__(self) -> RunLock:
        for _ in range(2):
            try:
                handle = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                owner = _owner(self.path)
                if owner is not None and _alive(owner):
                    raise OutputError(
                        f"another factcheck run (process {owner}) is writing {self.target} — "
                        f"wait for it to finish (or delete {self.path.name} if no run is "
                        "going)") from None
                with contextlib.suppress(FileNotFoundError):
                    self.path.unlink()  # left by a run that was killed
                continue
            except OSError as exc:
                raise OutputError(f"cannot write in {self.path.parent}: "
                                  f"{exc.strerror or exc} — choose another --out") from exc
            with os.fdopen(handle, "w") as out:
                out.write(str(os.getpid()))
            self.held = True
            return self
        raise OutputError(f"cannot take the lock {self.path} — delete it if no run is going")

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self.held:
            with contextlib.suppress(OSError):
                self.path.unlink()
            self.held = False


def _owner(path: Path) -> int | None:
    try:
        text = path.read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def mass_retirement(previous: Previous | None, current_docs: Iterable[str],
                    retiring: Iterable[str]) -> str | None:
    """Why this run would retire most of the previous findings, or None when it would not.

    ``retiring``: ids of previous Findings rows that this run does not find.
    Only findings whose documents are all missing from ``current_docs``
    count: a finding that went because a document changed is the normal case.
    """
    if previous is None or not previous.rows:
        return None
    present = set(current_docs)
    missing_docs: list[str] = []
    missing = 0
    for fid in retiring:
        row = previous.rows.get(fid, {})
        docs = {str(row[h]) for h in (col.COL_A_DOC, col.COL_B_DOC) if row.get(h)}
        if docs and not docs & present:
            missing += 1
            missing_docs.extend(sorted(docs - set(missing_docs)))
    if missing * 2 <= len(previous.rows):
        return None
    example = ", ".join(missing_docs[:3]) + (" …" if len(missing_docs) > 3 else "")
    return (f"this run would retire {missing} of the {len(previous.rows)} findings in "
            f"{previous.path} because their documents are not among the inputs ({example}) "
            "— check the paths given, or pass --allow-retire if those documents are gone "
            "for good")
