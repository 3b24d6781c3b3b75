"""A per-document cache of what reading and extraction produced.

An entry holds one document's :class:`~factcheck.records.Document` and its
claims. Its key is the SHA-256 of

- the file's bytes (and of a ``NAME_metadata.xml`` companion, which the XML
  reader also uses),
- the name the document is shown under (claim ids include it, so the same
  content under another name is another entry: renaming a file re-reads it),
- the tool: its version and a fingerprint of its own source files, so that
  an edited checkout never serves stale claims,
- the rules version (which changes whenever any rules file does), the spaCy
  model and the OCR setting.

Where: ``$FACTCHECK_CACHE`` if set, else ``$XDG_CACHE_HOME/factcheck``, else
``~/.cache/factcheck``; ``--cache-dir`` overrides all three. Entries are
written atomically (a temporary file renamed into place), so two runs may
share a cache; an entry that cannot be read is a miss and is rewritten.

Entries are plain JSON (never pickle: loading one runs no code), rebuilt
field by field into the records, with every type checked. An entry holds
its own key and the SHA-256 of the file it was read from; a read checks
both, so an entry copied or renamed to another key, or planted, is a miss.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from factcheck import __version__
from factcheck.codec import decode
from factcheck.ingest import COMPANION_SUFFIX
from factcheck.records import Claim, Document

CACHE_ENV = "FACTCHECK_CACHE"
FORMAT = 3  # bump when the entry layout changes (1 was pickle, 2 had low/high on the claim)

Entry = tuple[Document, list[Claim]]


def default_cache_dir() -> Path:
    """``$FACTCHECK_CACHE``, else ``$XDG_CACHE_HOME/factcheck``, else ``~/.cache/factcheck``."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser() / "factcheck"


@cache
def code_fingerprint() -> str:
    """The tool version and a hash of factcheck's own source files."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def file_digest(path: Path) -> str:
    """SHA-256 of a file, followed by that of its metadata companion when there is one."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    companion = path.with_name(path.stem + COMPANION_SUFFIX)
    if companion != path and companion.is_file():
        digest += hashlib.sha256(companion.read_bytes()).hexdigest()
    return digest


@dataclass(frozen=True)
class Cache:
    """The cache folder and the settings every key of this run includes."""

    directory: Path
    rules_version: str
    model: str | None = None
    ocr: bool = False

    def key(self, path: Path, name: str) -> str | None:
        """The entry key for a file shown as ``name``; None when the file cannot be read."""
        try:
            content = file_digest(path)
        except OSError:
            return None  # the reader reports the problem
        parts = (str(FORMAT), code_fingerprint(), self.rules_version, self.model or "",
                 str(self.ocr), name, content)
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()

    def _file(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def has(self, key: str) -> bool:
        return self._file(key).is_file()

    def get(self, key: str, path: Path) -> Entry | None:
        """The stored entry, with ``path`` as the document's path; None on a miss.

        A missing, truncated, malformed, mistyped or misplaced entry is a miss,
        and so is one whose document is not the file at ``path`` as it is now.
        """
        try:
            data = json.loads(self._file(key).read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("key") != key:
                return None  # another entry's content under this name
            document = decode_document(data["document"])
            claims = [decode_claim(c) for c in data["claims"]]
            if document.sha256 != hashlib.sha256(path.read_bytes()).hexdigest():
                return None
        except Exception:  # any broken entry is just a miss
            return None
        if any(c.doc != document.doc for c in claims):
            return None
        if document.path != str(path):
            document = replace(document, path=str(path))
        return document, claims

    def put(self, key: str, document: Document, claims: list[Claim]) -> None:
        """Store an entry atomically; a cache that cannot be written is skipped silently."""
        target = self._file(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        except OSError:
            return
        entry = {"format": FORMAT, "key": key, "document": asdict(document),
                 "claims": [asdict(c) for c in claims]}
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(entry, out, ensure_ascii=False, separators=(",", ":"))
            os.replace(temporary, target)
        except (OSError, ValueError):
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def decode_document(data: Any) -> Document:
    """A Document from its JSON form, every field checked against the record's types."""
    document: Document = decode(Document, data)
    return document


def decode_claim(data: Any) -> Claim:
    """A Claim from its JSON form, every field checked against the record's types."""
    claim: Claim = decode(Claim, data)
    return claim
