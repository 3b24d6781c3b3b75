"""How much of one document factcheck will take on: the limits, their defaults, and parsing.

Every limit bounds the time or memory one hostile or huge input can cost.
Going over one never crashes a run: the document gets a ``warning`` (what
fits is read) or is ``failed`` (nothing sensible can be read), with the
limit's name in the message so that ``--limit NAME=VALUE`` can raise it.

Example::

    limits = parse_limits(["sentence_chars=2000"])   # everything else at its default
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace

from factcheck.errors import FactcheckError


@dataclass(frozen=True)
class Limits:
    """The limits of one run (defaults in the README's "Limits" table)."""

    file_bytes: int = 200_000_000
    """Size of an input file; a larger file fails."""
    unpacked_bytes: int = 100_000_000
    """Unpacked size of the part of an .odt that is read (content.xml); more fails."""
    pdf_pages: int = 3_000
    """Pages read of a PDF; the rest are left out with a warning."""
    pdf_stream_bytes: int = 400_000_000
    """Decompressed size of a PDF's streams taken together; more fails before rendering."""
    document_chars: int = 60_000_000
    """Characters of text kept per document; the rest is left out with a warning."""
    sentence_chars: int = 1_000
    """Length of a sentence; a longer one is cut at clause boundaries (commas, "en" …)."""
    document_claims: int = 250_000
    """Claims kept per document; the rest are left out with a warning."""


DEFAULT_LIMITS = Limits()
NAMES = tuple(f.name for f in fields(Limits))


def parse_limits(settings: Iterable[str]) -> Limits:
    """``NAME=VALUE`` settings over the defaults; FactcheckError names a bad one."""
    limits = DEFAULT_LIMITS
    for setting in settings:
        name, _, value = setting.partition("=")
        name = name.strip().replace("-", "_")
        if name not in NAMES:
            raise FactcheckError(f"--limit {setting}: unknown limit {name!r} — use one of "
                                 + ", ".join(NAMES))
        try:
            number = int(value.strip().replace("_", ""))
        except ValueError:
            number = 0
        if number < 1:
            raise FactcheckError(f"--limit {setting}: give a whole number above 0, "
                                 f"e.g. --limit {name}={getattr(DEFAULT_LIMITS, name)}")
        limits = replace(limits, **{name: number})
    return limits
