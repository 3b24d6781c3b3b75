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

``--cache-dir`` may also be an fsspec URL (``s3://bucket/factcheck-cache``,
``gcs://…``, ``file:///shared/cache``, ``memory://…``), so that the workers of
a cluster share one cache (:class:`Storage`). The layout is the same; an entry
is written whole there too (renamed into place on a local disk, one put on an
object store, where an object appears whole or not at all). fsspec is imported
only for a URL: a plain folder never needs it.

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
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, TypeGuard

from factcheck import __version__
from factcheck.codec import decode
from factcheck.ingest import COMPANION_SUFFIX
from factcheck.records import Claim, Document

CACHE_ENV = "FACTCHECK_CACHE"
FORMAT = 3  # bump when the entry layout changes (1 was pickle, 2 had low/high on the claim)

Entry = tuple[Document, list[Claim]]

Location = Path | str
"""A local folder, or an fsspec URL: a str with ``://``, such as ``s3://bucket/cache``."""


def default_cache_dir() -> Path:
    """``$FACTCHECK_CACHE``, else ``$XDG_CACHE_HOME/factcheck``, else ``~/.cache/factcheck``."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser() / "factcheck"


def is_url(location: object) -> TypeGuard[str]:
    """Whether ``location`` is an fsspec URL rather than a local folder."""
    return isinstance(location, str) and "://" in location


def url_problem(url: str) -> str | None:
    """Why ``url`` cannot be used as storage, with the fix; None when it can.

    Imports fsspec and the protocol's package (s3fs, gcsfs …), to be sure they load.
    """
    try:
        import fsspec
        from fsspec.registry import known_implementations
    except ImportError:
        return "a URL needs the fsspec package — pip install 'factcheck[dask]'"
    links = url.split("::")  # a chained URL: simplecache::s3://…
    if not links[-1].partition("://")[2].strip("/"):
        return f"{url!r} names no bucket or folder — give e.g. s3://bucket/factcheck-cache"
    for link in links:
        protocol = link.partition("://")[0]
        try:
            fsspec.get_filesystem_class(protocol)
        except ValueError:
            return (f"unknown storage protocol {protocol!r} — give a local folder or a URL "
                    "such as s3://bucket/factcheck-cache (see fsspec's list of protocols)")
        except ImportError:
            known = known_implementations.get(protocol, {}).get("class", protocol)
            package = str(known).split(".")[0]
            return f"{protocol}:// needs the {package} package — pip install {package}"
    return None


@lru_cache(maxsize=256)
def _filesystem(url: str) -> tuple[Any, str]:
    """The fsspec filesystem of ``url`` and the path on it (fsspec keeps one filesystem
    per protocol and options; this spares parsing the URL of every entry again)."""
    from fsspec.core import url_to_fs

    filesystem, root = url_to_fs(url)
    return filesystem, str(root).rstrip("/")


@dataclass(frozen=True)
class Storage:
    """Files under an fsspec URL: read, written whole, listed and removed.

    Holds the URL only (it travels to workers as a str); each process opens the
    filesystem itself, with the credentials it finds (environment, config files).
    """

    url: str

    @property
    def filesystem(self) -> Any:
        return _filesystem(self.url)[0]

    def path(self, name: str) -> str:
        """The path on the filesystem of ``name`` (``/``-separated) under the URL."""
        root = _filesystem(self.url)[1]
        return f"{root}/{name}" if name else root

    def is_file(self, name: str) -> bool:
        return bool(self.filesystem.isfile(self.path(name)))

    def read(self, name: str) -> bytes:
        data: bytes = self.filesystem.cat_file(self.path(name))
        return data

    def write(self, name: str, data: bytes) -> None:
        """Write ``data`` whole: on a local disk under a temporary name renamed into
        place; elsewhere in one put (an object store's object appears whole or not)."""
        filesystem, target = self.filesystem, self.path(name)
        if "file" in _protocols(filesystem):
            write_whole(Path(target), data)
            return
        try:
            filesystem.pipe_file(target, data)
        except FileNotFoundError:  # a filesystem with folders (an object store has none)
            filesystem.makedirs(target.rpartition("/")[0], exist_ok=True)
            filesystem.pipe_file(target, data)

    def names(self, folder: str, pattern: str) -> list[str]:
        """The names (under the URL) of the files in ``folder`` matching ``pattern``, sorted."""
        root = self.path("")
        found = self.filesystem.glob(f"{self.path(folder)}/{pattern}")
        return sorted(str(p)[len(root) + 1:] for p in found)

    def remove(self, folder: str) -> None:
        """Remove ``folder`` and all below it; nothing when it is not there."""
        with contextlib.suppress(FileNotFoundError):
            self.filesystem.rm(self.path(folder), recursive=True)


def _protocols(filesystem: Any) -> tuple[str, ...]:
    protocol = filesystem.protocol
    return (protocol,) if isinstance(protocol, str) else tuple(protocol)


def write_whole(target: Path, data: bytes) -> None:
    """Write ``data`` to a local file under a temporary name and rename it into place,
    so that a reader never sees half a file; OSError when it cannot be written."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


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
    """The cache folder (or URL) and the settings every key of this run includes."""

    directory: Location
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

    def _name(self, key: str) -> str:
        return f"{key[:2]}/{key}.json"

    def _file(self, key: str) -> Path:
        return Path(self.directory) / self._name(key)

    def _storage(self) -> Storage | None:
        """The storage of a URL; None for a local folder."""
        return Storage(self.directory) if is_url(self.directory) else None

    def has(self, key: str) -> bool:
        storage = self._storage()
        if storage is not None:
            try:
                return storage.is_file(self._name(key))
            except Exception:  # storage out of reach: a miss, as a missing entry is
                return False
        return self._file(key).is_file()

    def get(self, key: str, path: Path) -> Entry | None:
        """The stored entry, with ``path`` as the document's path; None on a miss.

        A missing, truncated, malformed, mistyped or misplaced entry is a miss,
        and so is one whose document is not the file at ``path`` as it is now.
        """
        try:
            storage = self._storage()
            if storage is None:
                text = self._file(key).read_text(encoding="utf-8")
            else:
                text = storage.read(self._name(key)).decode("utf-8")
            data = json.loads(text)
            if not isinstance(data, dict) or data.get("key") != key:
                return None  # another entry's content under this name
            document = decode_document(data["document"])
            claims = [decode_claim(c) for c in data["claims"]]
            if document.sha256 != hashlib.sha256(path.read_bytes()).hexdigest():
                return None
        except Exception:  # any broken entry, or storage out of reach, is just a miss
            return None
        if any(c.doc != document.doc for c in claims):
            return None
        if document.path != str(path):
            document = replace(document, path=str(path))
        return document, claims

    def put(self, key: str, document: Document, claims: list[Claim]) -> None:
        """Store an entry whole; a cache that cannot be written is skipped silently."""
        entry = {"format": FORMAT, "key": key, "document": asdict(document),
                 "claims": [asdict(c) for c in claims]}
        try:
            data = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        except ValueError:
            return
        storage = self._storage()
        if storage is None:
            with contextlib.suppress(OSError):
                write_whole(self._file(key), data)
            return
        with contextlib.suppress(Exception):  # refused, out of reach, no credentials …
            storage.write(self._name(key), data)


def decode_document(data: Any) -> Document:
    """A Document from its JSON form, every field checked against the record's types."""
    document: Document = decode(Document, data)
    return document


def decode_claim(data: Any) -> Claim:
    """A Claim from its JSON form, every field checked against the record's types."""
    claim: Claim = decode(Claim, data)
    return claim
