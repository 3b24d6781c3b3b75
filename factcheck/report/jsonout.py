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

from factcheck.records import Claim, DocumentReport, Finding, claim_fields
from factcheck.report.atomic import atomic_write
from factcheck.report.merge import NO_MERGE, Annotation, Merge, RetiredRow
from factcheck.report.summary import RunInfo, sort_findings

FINDING_FIELDS = ("id", "kind", "verdict", "severity", "confidence", "measure", "explanation",
                  "difference", "abs_difference", "rel_difference", "statements", "documents",
                  "disagree", "spread", "aliases")
"""The finding's own fields, in output order; its ``claims`` follow as full objects."""


def report_dict(info: RunInfo, claims: Sequence[Claim], findings: Sequence[Finding],
                documents: Sequence[DocumentReport], merge: Merge = NO_MERGE,
                reference: Sequence[Any] | None = None) -> dict[str, Any]:
    """The whole report as plain JSON-ready data; findings in the workbook's order.

    With a merge (the result of :func:`.workbook.write_workbook`), findings carry
    the analyst's verdict and note, and ``retired`` lists the Retired sheet.
    """
    ordered = sort_findings(findings, merge.annotations)
    result = {
        "run": plain(asdict(info)),
        "claims": [claim_dict(c) for c in claims],
        "findings": [finding_dict(f, merge.annotations.get(f.id)) for f in ordered],
        "documents": [plain(asdict(d)) for d in documents],
    }
    if merge.merged:
        result["retired"] = [retired_dict(r) for r in merge.retired]
    if reference is not None:  # ReferenceCheck records of check --reference
        result["reference"] = [plain({**asdict(r), "claim": claim_dict(r.claim)})
                               for r in reference]
    return result


def claim_dict(claim: Claim) -> dict[str, Any]:
    """Every field of a claim (the interval as ``low``/``high``); tuples become lists."""
    result: dict[str, Any] = plain(claim_fields(claim))
    return result


def finding_dict(finding: Finding, annotation: Annotation | None = None) -> dict[str, Any]:
    """A finding's fields and its claims in full; the analyst's input when there is any."""
    result: dict[str, Any] = {name: plain(getattr(finding, name)) for name in FINDING_FIELDS}
    result["claims"] = [claim_dict(c) for c in finding.claims]
    if annotation is not None and annotation.has_input:
        result.update(analyst_dict(annotation))
    return result


def analyst_dict(annotation: Annotation) -> dict[str, Any]:
    """``analyst_verdict``, ``analyst_note``, ``suppressed`` and any added columns."""
    return {"analyst_verdict": annotation.verdict, "analyst_note": annotation.note,
            "suppressed": annotation.suppressed,
            "analyst_columns": {name: json_value(v) for name, v in annotation.extra}}


def retired_dict(retired: RetiredRow) -> dict[str, Any]:
    """A retired finding as its last row: column header → value, plus when it retired."""
    values = {name: json_value(v) for name, v in retired.values.items()}
    return {**values, "id": retired.id, "retired": retired.retired}


def json_value(value: Any) -> Any:
    """A cell value from a workbook as JSON: dates and times as ISO text."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if value is not None and not isinstance(value, str | int | float):
        return str(value)
    return plain(value)


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
               documents: Sequence[DocumentReport], merge: Merge = NO_MERGE,
               reference: Sequence[Any] | None = None) -> None:
    """Write :func:`report_dict` as indented UTF-8 JSON, atomically; OutputError on failure."""
    data = report_dict(info, claims, findings, documents, merge, reference)
    text = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"

    def write(handle: BinaryIO) -> None:
        handle.write(text.encode("utf-8"))

    atomic_write(Path(path), write)
