"""What reading one document cost: time, size and memory, for the benchmark and the README.

The numbers ride along with each document's outcome (``Batch.stats``); factcheck itself
decides nothing on them. Peak memory comes from ``resource``, which only Unix has; elsewhere
it reads 0.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from factcheck.records import Document


@dataclass(frozen=True)
class DocStats:
    """What one document cost: the benchmark and the README's stage table read these."""

    path: str
    format: str
    pages: int
    words: int
    claims: int
    read_seconds: float
    extract_seconds: float
    cached: bool
    peak_rss_mb: float = 0.0  # of the process that read it, after reading it


def document_stats(document: Document, claims: int, read_s: float, extract_s: float,
                   cached: bool) -> DocStats:
    peak = peak_rss_mb()
    return DocStats(document.path, document.format, len(document.pages),
                    len(document.text.split()), claims, read_s, extract_s, cached, peak)


def peak_rss_mb() -> float:
    """The peak resident memory of this process in MB (0 where ``resource`` is missing)."""
    try:
        import resource  # Unix only
    except ImportError:
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes on macOS
