"""The report as pandas DataFrames with real dtypes, and the schema that keeps them exact.

One schema per table says each column's kind; :func:`conform` applies it to
records turned into a frame and, in the same way, to a frame read back from
CSV (:mod:`.tabular`), which is why the round trip is exact:

* text: pandas ``string`` (missing is ``<NA>``; an empty text is missing too);
* numbers: ``float64`` (missing is NaN), ``int64``, or ``Int64`` where a count
  or page may be missing; flags ``bool``;
* dates: ``datetime64[ns]`` (NaT when the document states none);
* categories (pandas ``Categorical``): verdict, kind, qualifier (the hedge),
  status and format with their declared values; severity ordered ``info <
  low < medium < high``, so ``findings[findings.severity >= "medium"]`` works;
  units with the values present, sorted.

A finding is one row: its own fields, then side A (its first claim: the
stated figure of arithmetic, the first statement of a figure) and side B
(the other claim of a pair; of a figure said more than twice, the statement
furthest from A; of arithmetic, the first part) as ``a_*`` and ``b_*``
columns, and the analyst's verdict and note when a previous workbook was
merged. ``claim_ids`` lists every claim of the finding, to join with Claims.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, fields
from typing import Any, get_args

import pandas as pd

from factcheck.records import (
    CLAIM_FIELDS,
    QUALIFIERS,
    Claim,
    DocStatus,
    DocumentReport,
    Finding,
    FindingKind,
    Severity,
    Verdict,
    claim_fields,
)
from factcheck.refdata.reference import ReferenceCheck, ReferenceVerdict
from factcheck.report.merge import NO_MERGE, Merge
from factcheck.report.rows import representatives
from factcheck.report.summary import sort_findings

Kind = str | tuple[str, tuple[str, ...]]
"""A column's kind: "str", "float", "int", "Int", "bool", "date", "category" (the values
present), or ("category", values) / ("ordered", values) with declared values."""

SEVERITY_ORDER: tuple[str, ...] = tuple(reversed(get_args(Severity)))  # info < … < high
IDS = " "  # claim ids in one cell: "c1ae52536bda 7f3e…"
FORMATS = ("txt", "md", "pdf", "xml", "tei", "html", "odt", "docx", "metadata")

_CLAIM_KINDS: dict[str, Kind] = {
    "page": "Int", "start": "int", "end": "int", "value": "float", "unit": "category",
    "qualifier": ("category", QUALIFIERS), "low": "float", "high": "float",
    "measure_keys": "str", "doc_date": "date", "table": "bool", "link_group": "Int",
    "link_role": "category",
}
CLAIMS: dict[str, Kind] = {name: _CLAIM_KINDS.get(name, "str") for name in CLAIM_FIELDS}

SIDE: dict[str, Kind] = {
    "id": "str", "doc": "str", "page": "Int", "text": "str", "value": "float",
    "unit": "category", "qualifier": ("category", QUALIFIERS), "low": "float",
    "high": "float", "speaker": "str", "party": "str", "doc_date": "date", "sentence": "str",
}
FINDINGS: dict[str, Kind] = {
    "id": "str", "kind": ("category", get_args(FindingKind)),
    "verdict": ("category", get_args(Verdict)), "severity": ("ordered", SEVERITY_ORDER),
    "confidence": "float", "measure": "str", "explanation": "str", "difference": "str",
    "abs_difference": "float", "rel_difference": "float", "statements": "int",
    "documents": "int", "spread": "str", "disagree": "str", "aliases": "str",
    "claim_ids": "str",
    **{f"a_{name}": kind for name, kind in SIDE.items()},
    **{f"b_{name}": kind for name, kind in SIDE.items()},
    "analyst_verdict": "str", "analyst_note": "str", "suppressed": "bool",
}
DOCUMENTS: dict[str, Kind] = {
    "doc": "str", "path": "str", "format": ("category", FORMATS),
    "status": ("category", get_args(DocStatus)), "message": "str", "pages": "Int",
    "claims": "int", "doc_type": "str", "date": "date",
}
REFERENCE: dict[str, Kind] = {
    "id": "str", "indicator": "str", "verdict": ("category", get_args(ReferenceVerdict)),
    "severity": ("ordered", SEVERITY_ORDER), "table": "str", "table_title": "str",
    "measure": "str", "measure_title": "str", "period": "str", "dimensions": "str",
    "cbs_value": "float", "cbs_text": "str", "difference": "float", "status": "str",
    "captured": "date", "link": "str", "explanation": "str", "doc": "str",
    "claim_text": "str", "claim_value": "float", "unit": "category", "sentence": "str",
}
SCHEMAS: dict[str, dict[str, Kind]] = {"findings": FINDINGS, "claims": CLAIMS,
                                       "documents": DOCUMENTS, "reference": REFERENCE}
"""Every table, by the name of its file (``claims.csv``, ``claims.parquet``)."""


def conform(frame: pd.DataFrame, schema: Mapping[str, Kind]) -> pd.DataFrame:
    """The frame with exactly the schema's columns, in its order, each of its kind."""
    return pd.DataFrame({name: _column(frame[name] if name in frame else
                                       pd.Series([None] * len(frame), dtype=object), kind)
                         for name, kind in schema.items()}, index=pd.RangeIndex(len(frame)))


def _column(series: pd.Series, kind: Kind) -> pd.Series:
    series = series.reset_index(drop=True)
    if isinstance(kind, tuple):
        return _category(series, kind[1], ordered=kind[0] == "ordered")
    if kind == "str":
        text = series.astype("string")
        return text.mask(text == "")
    if kind == "float":
        return pd.to_numeric(series.astype(object), errors="coerce").astype("float64")
    if kind in ("int", "Int"):
        return pd.to_numeric(series.astype(object)).astype("int64" if kind == "int" else "Int64")
    if kind == "bool":
        return series.astype(bool)
    if kind == "date":
        dates = pd.to_datetime(series.astype(object), format="%Y-%m-%d", errors="coerce")
        return dates.astype("datetime64[ns]")
    return _category(series, (), ordered=False)


def _category(series: pd.Series, declared: Sequence[str], *, ordered: bool) -> pd.Series:
    """Declared values first, in their order; any other value present after them, sorted
    (a value is never lost to a category list that does not know it)."""
    present = {str(v) for v in series if isinstance(v, str) and v}
    values = [*declared, *sorted(present - set(declared))]
    text = series.astype(object).where(series.notna(), None)
    text = text.where(text != "", None)
    return pd.Series(pd.Categorical(text, categories=values, ordered=ordered))


def claims_frame(claims: Iterable[Claim]) -> pd.DataFrame:
    """One row per claim, every field of the record."""
    return conform(pd.DataFrame([_claim_row(c) for c in claims], columns=list(CLAIMS)), CLAIMS)


def _claim_row(claim: Claim) -> dict[str, Any]:
    row = claim_fields(claim)  # the interval as low and high, as in the JSON
    row["measure_keys"] = IDS.join(claim.measure_keys)
    return row


def findings_frame(findings: Iterable[Finding], merge: Merge = NO_MERGE) -> pd.DataFrame:
    """One row per finding, in the workbook's order (confirmed first, suppressed last)."""
    ordered = sort_findings(findings, merge.annotations)
    rows = [_finding_row(f, merge) for f in ordered]
    return conform(pd.DataFrame(rows, columns=list(FINDINGS)), FINDINGS)


def _finding_row(finding: Finding, merge: Merge) -> dict[str, Any]:
    row: dict[str, Any] = {name: getattr(finding, name) for name in FINDINGS
                           if name in {f.name for f in fields(Finding)}}
    row["disagree"] = IDS.join(finding.disagree)
    row["aliases"] = IDS.join(finding.aliases)
    row["claim_ids"] = IDS.join(c.id for c in finding.claims)
    side_a, side_b = representatives(finding)  # the workbook's A and B
    for prefix, claim in (("a_", side_a), ("b_", side_b)):
        if claim is not None:
            values = claim_fields(claim)
            row.update({prefix + name: values[name] for name in SIDE})
    annotation = merge.annotation(finding.id)
    row["analyst_verdict"] = annotation.verdict
    row["analyst_note"] = annotation.note
    row["suppressed"] = annotation.suppressed
    return row


def documents_frame(documents: Iterable[DocumentReport]) -> pd.DataFrame:
    """One row per input: how reading it went."""
    rows = [asdict(d) for d in documents]
    return conform(pd.DataFrame(rows, columns=list(DOCUMENTS)), DOCUMENTS)


def reference_frame(checks: Iterable[ReferenceCheck]) -> pd.DataFrame:
    """One row per claim checked against a CBS cell."""
    rows = []
    for check in checks:
        row = {name: getattr(check, name) for name in REFERENCE if hasattr(check, name)}
        row["dimensions"] = "; ".join(f"{k}={v}" for k, v in check.dimensions)
        row.update(doc=check.claim.doc, claim_text=check.claim.text,
                   claim_value=check.claim.value, unit=check.claim.unit,
                   sentence=check.claim.sentence)
        rows.append(row)
    return conform(pd.DataFrame(rows, columns=list(REFERENCE)), REFERENCE)
