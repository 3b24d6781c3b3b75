"""The report as JSON, for scripts: the same records and order as the workbook.

Claims are written in full inside each finding, so a consumer can read one
finding without joining tables. Strict JSON: NaN and infinity, which Python's
json module would write as bare ``NaN``, become null.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any, BinaryIO

from factcheck.records import Claim, DocumentReport, Finding
from factcheck.report.atomic import atomic_write
from factcheck.report.summary import RunInfo, sort_findings

FINDING_FIELDS = ("id", "kind", "verdict", "severity", "confidence", "measure", "explanation",
                  "difference", "abs_difference", "rel_difference")
"""The finding's own fields, in output order; its ``claims`` follow as full objects."""


def report_dict(info: RunInfo, claims: Sequence[Claim], findings: Sequence[Finding],
                documents: Sequence[DocumentReport]) -> dict[str, Any]:
    """The whole report as plain JSON-ready data; findings in the workbook's order."""
    return {
        "run": plain(asdict(info)),
        "claims": [claim_dict(c) for c in claims],
        "findings": [finding_dict(f) for f in sort_findings(findings)],
        "documents": [plain(asdict(d)) for d in documents],
    }


def claim_dict(claim: Claim) -> dict[str, Any]:
    """Every field of a claim; tuples become lists."""
    result: dict[str, Any] = plain(asdict(claim))
    return result


def finding_dict(finding: Finding) -> dict[str, Any]:
    """A finding's fields and its claims in full."""
    result: dict[str, Any] = {name: plain(getattr(finding, name)) for name in FINDING_FIELDS}
    result["claims"] = [claim_dict(c) for c in finding.claims]
    return result


def plain(value: Any) -> Any:
    """Tuples → lists and non-finite floats → None, all the way down."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


def write_json(path: Path, info: RunInfo, claims: Sequence[Claim], findings: Sequence[Finding],
               documents: Sequence[DocumentReport]) -> None:
    """Write :func:`report_dict` as indented UTF-8 JSON, atomically; OutputError on failure."""
    data = report_dict(info, claims, findings, documents)
    text = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"

    def write(handle: BinaryIO) -> None:
        handle.write(text.encode("utf-8"))

    atomic_write(Path(path), write)
