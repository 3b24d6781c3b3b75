"""Ingestion: input files → normalized :class:`~factcheck.records.Document` records.

Public API:

* :func:`discover` expands the paths given on the command line into document
  files, and reports unusable paths as :class:`DocumentError` values.
* :func:`read_document` reads one file. It raises :class:`DocumentError` when
  the file is unusable; problems that leave usable text become warnings.

One module per format (``text``, ``markdown``, ``pdf`` with ``tables`` and ``ocr``,
``xml``, ``docx``) produces lines; the pure
steps in ``normalize`` and ``structure`` are shared.

Example::

    paths, errors = discover(["examples/"])
    doc = read_document(paths[0], load_rules())
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import cast

from factcheck.errors import DocumentError
from factcheck.ingest.builder import document_from_text
from factcheck.ingest.docx import read_docx
from factcheck.ingest.markdown import read_markdown
from factcheck.ingest.normalize import normalize_lines
from factcheck.ingest.pdf import read_pdf
from factcheck.ingest.text import decode
from factcheck.ingest.xml import read_markup
from factcheck.limits import DEFAULT_LIMITS, Limits
from factcheck.records import Document
from factcheck.rules import Rules

__all__ = ["SUPPORTED", "SetAside", "discover", "display", "read_document", "set_aside"]

SUPPORTED = (".txt", ".md", ".pdf", ".xml", ".html", ".htm", ".odt", ".docx")
COMPANION_SUFFIX = "_metadata.xml"
_FIX_SUPPORTED = "give a .txt, .md, .pdf, .xml, .html, .htm, .odt or .docx file"


def _wanted(path: Path) -> bool:
    """A document file: supported suffix, not hidden, not a metadata companion."""
    return (path.suffix.lower() in SUPPORTED and not path.name.startswith(".")
            and not path.name.endswith(COMPANION_SUFFIX))


Skip = Callable[[str], "str | None"]  # a file name → the glob that keeps it out, if any


def _no_skip(name: str) -> str | None:
    return None


def display(path: Path | str) -> str:
    """A path as it can be shown and written anywhere: bytes that are not UTF-8 become "�"."""
    return os.fsencode(path).decode("utf-8", errors="replace")


@dataclass(frozen=True)
class _Entry:
    """A file met while walking an input folder, or a folder that could not be read."""

    path: Path
    problem: str | None = None  # why it is not read (a link out, a FIFO …), None: a file
    unreadable: bool = False  # a folder whose listing failed


def _walk(folder: Path, follow_links: bool) -> list[_Entry]:
    """Every file below ``folder``, sorted, hidden ones left out; nothing outside it is read.

    A symbolic link is followed only when it stays inside the folder, or with
    ``follow_links``; FIFOs, sockets and devices are never opened (reading
    one can block for ever); a folder that cannot be listed is reported.
    """
    root = folder.resolve()
    found: list[_Entry] = []
    seen: set[Path] = set()

    def visit(current: Path) -> None:
        real = current.resolve()
        if real in seen:
            return  # a link back to a folder already walked
        seen.add(real)
        try:
            with os.scandir(current) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            found.append(_Entry(current, f"folder cannot be read ({exc.strerror or exc})",
                                unreadable=True))
            return
        for entry in entries:
            path = Path(entry.path)
            if entry.name.startswith("."):
                continue
            if entry.is_symlink():
                target = path.resolve()
                if not follow_links and not target.is_relative_to(root):
                    found.append(_Entry(path, f"a link to {display(target)}, outside the "
                                        "input folder — not followed; pass --follow-links "
                                        "to read what links point to"))
                    continue
                if not target.exists():
                    found.append(_Entry(path, "a link to nothing (its target is gone)"))
                    continue
            if _is_dir(entry):
                visit(path)
            elif _is_file(entry):
                found.append(_Entry(path))
            else:
                found.append(_Entry(path, "not a regular file (a FIFO, socket or device) — "
                                    "skipped; copy its content to a file to check it"))

    visit(folder)
    return found


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


def _in_folder(folder: Path, skip: Skip = _no_skip, follow_links: bool = False) -> list[Path]:
    """Document files below a folder, sorted, skipping hidden files and folders and the
    files ``skip`` names (a README or MANIFEST describes the documents, it is not one)."""
    return [e.path for e in _walk(folder, follow_links)
            if e.problem is None and _wanted(e.path) and skip(e.path.name) is None]


def discover(paths: Sequence[str], skip: Skip = _no_skip, *, follow_links: bool = False
             ) -> tuple[list[Path], list[DocumentError]]:
    """Expand files and folders into the documents to read, in a stable order.

    A missing path, a folder without supported documents, a folder inside one
    that cannot be listed, or an explicitly named file of an unsupported kind
    becomes a DocumentError; the rest goes on. A file inside a folder whose
    name ``skip`` matches is left out; a file named on its own is always read.
    """
    found: list[Path] = []
    errors: list[DocumentError] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            walked = _walk(path, follow_links)
            inside = [e.path for e in walked
                      if e.problem is None and _wanted(e.path) and skip(e.path.name) is None]
            found.extend(inside)
            errors.extend(DocumentError(display(e.path), e.problem or "",
                                        "give yourself read access to it (chmod) or leave it out")
                          for e in walked if e.unreadable)
            if not inside:
                errors.append(DocumentError(display(given), "no supported documents in this "
                                            "folder", _FIX_SUPPORTED))
        elif path.is_file():
            if path.suffix.lower() in SUPPORTED:
                found.append(path)
            else:
                errors.append(DocumentError(display(given), f"unsupported file type "
                                            f"{path.suffix!r}", _fix_for(path)))
        elif path.exists():
            errors.append(DocumentError(display(given), "not a regular file (a FIFO, socket or "
                                        "device)", "copy its content to a file and give that"))
        elif "://" in given:
            errors.append(DocumentError(display(given), "a URL, but inputs must be local files",
                                        "mount the bucket (s3fs, gcsfuse) or copy the files "
                                        "here, and give their folder"))
        else:
            errors.append(DocumentError(display(given), "no such file or folder",
                                        "check the spelling, or quote paths with spaces"))
    return list(dict.fromkeys(found)), errors


def _fix_for(path: Path) -> str:
    """The fix for an unsupported file; a Word file gets the conversion command."""
    if path.suffix.lower() in (".doc", ".rtf", ".wpd"):
        return ("convert it first, e.g. `libreoffice --headless --convert-to odt "
                f"{display(path.name)}`, or save it as PDF")
    return _FIX_SUPPORTED


@dataclass(frozen=True)
class SetAside:
    """A file in a given folder that is not read as a document of its own, and why."""

    path: Path
    companion: bool  # a *_metadata.xml read together with its publication
    reason: str


def set_aside(paths: Sequence[str], skip: Skip = _no_skip, *,
              follow_links: bool = False) -> list[SetAside]:
    """Files inside the given folders that :func:`discover` does not return as documents.

    They are listed in the report so that every file of a folder is accounted for.
    """
    found = []
    for given in paths:
        folder = Path(given)
        if not folder.is_dir():
            continue
        for entry in _walk(folder, follow_links):
            if entry.unreadable:
                continue  # a failed row of its own (see discover)
            if entry.problem is not None:
                found.append(SetAside(entry.path, False, entry.problem))
                continue
            glob = skip(entry.path.name)
            if glob is not None:
                found.append(SetAside(entry.path, False, f"not a document (its name matches "
                                      f"{glob!r}) — skipped; name the file itself to have it "
                                      "read"))
            elif not _wanted(entry.path):
                found.append(_aside(entry.path))
    return found


def _aside(path: Path) -> SetAside:
    if path.name.endswith(COMPANION_SUFFIX):
        publication = path.name.removesuffix(COMPANION_SUFFIX)
        return SetAside(path, True, f"metadata of {publication}: its type, date, dossier and "
                        "number are used for that publication in every format")
    kind = path.suffix or "no suffix"
    fix = _fix_for(path)
    fix = fix if fix != _FIX_SUPPORTED else f"{_FIX_SUPPORTED} to have it checked"
    return SetAside(path, False, f"not a document type factcheck reads ({kind}) — skipped; {fix}")


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise DocumentError(str(path), f"too large ({size:,} bytes; the limit is "
                                f"{max_bytes:,})", "split it into parts (e.g. qpdf --split-pages "
                                "for a PDF) or raise the limit with --limit file_bytes=N")
        return path.read_bytes()
    except OSError as exc:
        raise DocumentError(str(path), f"cannot be read ({exc.strerror or exc})",
                            "check that the file exists and is readable") from exc


def read_document(path: Path, rules: Rules, *, ocr: bool = False,
                  limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read one input file into a normalized Document.

    Raises DocumentError(path, problem, fix) for anything that makes the file
    unusable; problems that leave usable text are in ``Document.warnings``.
    ``limits`` bound what one file may cost (a file over ``file_bytes``
    fails); text beyond ``limits.document_chars`` is left out with a warning.
    """
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise DocumentError(str(path), f"unsupported file type {suffix!r}", _FIX_SUPPORTED)
    data = _read_bytes(path, limits.file_bytes)
    sha = hashlib.sha256(data).hexdigest()
    if suffix == ".pdf":
        document = read_pdf(path, data, sha, rules, ocr=ocr, limits=limits)
    elif suffix in (".xml", ".html", ".htm", ".odt"):
        document = read_markup(path, data, sha, rules, unpacked_bytes=limits.unpacked_bytes)
    elif suffix == ".docx":
        document = read_docx(path, data, sha, rules)
    else:
        decoded = decode(data, str(path))
        text, clipped = decoded.text, cast(tuple[str, ...], ())
        if len(text) > limits.document_chars:  # before normalizing: that costs time too
            text, clipped = text[:limits.document_chars], (_clip_warning(len(text), limits),)
        if suffix == ".md":
            markdown = read_markdown(text, rules.structure)
            lines = normalize_lines(markdown.text.split("\n"), rules.layout)
            return document_from_text(path, "md", "\n".join(lines), sha, rules,
                                      meta=markdown.meta,
                                      warnings=decoded.warnings + clipped + markdown.warnings)
        lines = normalize_lines(text.split("\n"), rules.layout)
        return document_from_text(path, suffix.lstrip("."), "\n".join(lines), sha, rules,
                                  warnings=decoded.warnings + clipped)
    return clip(document, limits)


def _clip_warning(chars: int, limits: Limits) -> str:
    return (f"only the first {limits.document_chars:,} of {chars:,} characters read "
            f"(limit document_chars) — split the file, or raise it with "
            f"--limit document_chars=N")


def clip(document: Document, limits: Limits) -> Document:
    """The document cut to ``limits.document_chars`` characters, with a warning if it was."""
    end = limits.document_chars
    if len(document.text) <= end:
        return document
    warning = _clip_warning(len(document.text), limits)
    return replace(
        document, text=document.text[:end],
        pages=tuple(replace(p, end=min(p.end, end)) for p in document.pages if p.start < end),
        turns=tuple(replace(t, end=min(t.end, end)) for t in document.turns if t.start < end),
        sections=tuple(replace(s, end=min(s.end, end)) for s in document.sections
                       if s.start < end),
        warnings=(*document.warnings, warning))
