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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from factcheck.errors import DocumentError
from factcheck.ingest.builder import document_from_text
from factcheck.ingest.docx import read_docx
from factcheck.ingest.markdown import read_markdown
from factcheck.ingest.normalize import normalize_lines
from factcheck.ingest.pdf import read_pdf
from factcheck.ingest.text import decode
from factcheck.ingest.xml import read_markup
from factcheck.records import Document
from factcheck.rules import Rules

__all__ = ["SUPPORTED", "SetAside", "discover", "read_document", "set_aside"]

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


def _in_folder(folder: Path, skip: Skip) -> list[Path]:
    """Document files below a folder, sorted, skipping hidden files and folders and the
    files ``skip`` names (a README or MANIFEST describes the documents, it is not one)."""
    found = []
    for path in sorted(folder.rglob("*")):
        hidden = any(part.startswith(".") for part in path.relative_to(folder).parts)
        if path.is_file() and not hidden and _wanted(path) and skip(path.name) is None:
            found.append(path)
    return found


def discover(paths: Sequence[str],
             skip: Skip = _no_skip) -> tuple[list[Path], list[DocumentError]]:
    """Expand files and folders into the documents to read, in a stable order.

    A missing path, a folder without supported documents, or an explicitly
    named file of an unsupported kind becomes a DocumentError; the rest goes on.
    A file inside a folder whose name ``skip`` matches is left out; a file
    named on its own is always read.
    """
    found: list[Path] = []
    errors: list[DocumentError] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            inside = _in_folder(path, skip)
            found.extend(inside)
            if not inside:
                errors.append(DocumentError(given, "no supported documents in this folder",
                                            _FIX_SUPPORTED))
        elif path.is_file():
            if path.suffix.lower() in SUPPORTED:
                found.append(path)
            else:
                errors.append(DocumentError(given, f"unsupported file type {path.suffix!r}",
                                            _FIX_SUPPORTED))
        else:
            errors.append(DocumentError(given, "no such file or folder",
                                        "check the spelling, or quote paths with spaces"))
    return list(dict.fromkeys(found)), errors


@dataclass(frozen=True)
class SetAside:
    """A file in a given folder that is not read as a document of its own, and why."""

    path: Path
    companion: bool  # a *_metadata.xml read together with its publication
    reason: str


def set_aside(paths: Sequence[str], skip: Skip = _no_skip) -> list[SetAside]:
    """Files inside the given folders that :func:`discover` does not return as documents.

    They are listed in the report so that every file of a folder is accounted for.
    """
    found = []
    for given in paths:
        folder = Path(given)
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            hidden = any(part.startswith(".") for part in path.relative_to(folder).parts)
            if not path.is_file() or hidden:
                continue
            glob = skip(path.name)
            if glob is not None:
                found.append(SetAside(path, False, f"not a document (its name matches {glob!r}) "
                                      "— skipped; name the file itself to have it read"))
            elif not _wanted(path):
                found.append(_aside(path))
    return found


def _aside(path: Path) -> SetAside:
    if path.name.endswith(COMPANION_SUFFIX):
        publication = path.name.removesuffix(COMPANION_SUFFIX)
        return SetAside(path, True, f"metadata of {publication}: its type, date, dossier and "
                        "number are used for that publication in every format")
    kind = path.suffix or "no suffix"
    return SetAside(path, False, f"not a document type factcheck reads ({kind}) — skipped; "
                    f"{_FIX_SUPPORTED} to have it checked")


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise DocumentError(str(path), f"too large ({size:,} bytes; the limit is "
                                f"{max_bytes:,})", "split it into parts (e.g. qpdf --split-pages "
                                "for a PDF) or raise the limit with --max-bytes")
        return path.read_bytes()
    except OSError as exc:
        raise DocumentError(str(path), f"cannot be read ({exc.strerror or exc})",
                            "check that the file exists and is readable") from exc


def read_document(path: Path, rules: Rules, *, ocr: bool = False,
                  max_bytes: int = 200_000_000) -> Document:
    """Read one input file into a normalized Document.

    Raises DocumentError(path, problem, fix) for anything that makes the file
    unusable; problems that leave usable text are in ``Document.warnings``.
    """
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise DocumentError(str(path), f"unsupported file type {suffix!r}", _FIX_SUPPORTED)
    data = _read_bytes(path, max_bytes)
    sha = hashlib.sha256(data).hexdigest()
    if suffix == ".pdf":
        return read_pdf(path, data, sha, rules, ocr=ocr)
    if suffix in (".xml", ".html", ".htm", ".odt"):
        return read_markup(path, data, sha, rules)
    if suffix == ".docx":
        return read_docx(path, data, sha, rules)
    decoded = decode(data, str(path))
    if suffix == ".md":
        markdown = read_markdown(decoded.text, rules.structure)
        lines = normalize_lines(markdown.text.split("\n"), rules.layout)
        return document_from_text(path, "md", "\n".join(lines), sha, rules, meta=markdown.meta,
                                  warnings=decoded.warnings + markdown.warnings)
    lines = normalize_lines(decoded.text.split("\n"), rules.layout)
    return document_from_text(path, suffix.lstrip("."), "\n".join(lines), sha, rules,
                              warnings=decoded.warnings)
