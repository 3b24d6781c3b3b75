"""factcheck: find, normalize and cross-check numeric claims in Dutch parliamentary documents.

The public face (see the README, "Python API")::

    import factcheck
    report = factcheck.check(["examples/"])
    report.findings              # a pandas DataFrame, one row per finding

``check``, ``read_claims``, ``Report`` and ``read_csv_report`` are imported
on first use, so ``import factcheck`` stays cheap (no spaCy, no pandas).
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from factcheck.settings import Settings

if TYPE_CHECKING:
    from factcheck.api import Report, check, read_claims, read_csv_report

try:
    __version__ = version("factcheck")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0+checkout"

__all__ = ["Report", "Settings", "__version__", "check", "read_claims", "read_csv_report"]

_LAZY = ("Report", "check", "read_claims", "read_csv_report")


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from factcheck import api

        return getattr(api, name)
    raise AttributeError(f"module 'factcheck' has no attribute {name!r}")
