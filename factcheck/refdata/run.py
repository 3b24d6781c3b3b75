"""``check --reference``: the batch's claims checked against a snapshot folder."""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.pipeline import Batch
from factcheck.refdata.reference import ReferenceCheck, check_claims, counts, dimension_text
from factcheck.refdata.snapshot import Snapshots
from factcheck.report.reference_sheet import Reference
from factcheck.rules import Rules


def reference_check(batch: Batch, snapshots: Snapshots, rules: Rules) -> Reference:
    """Check every claim of the batch; with each cell's dimensions as text for the sheet."""
    texts = {document.doc: document.text for document in batch.documents}
    checks = check_claims(batch.claims, snapshots, rules, texts)
    dimensions = {}
    for check in checks:
        table = snapshots.table(check.table)
        dimensions[check.id] = "" if table is None else dimension_text(check.dimensions, table)
    return Reference(checks, dimensions)


def reference_summary(checks: Sequence[ReferenceCheck]) -> str:
    """One line: how many claims were checked against CBS, by verdict."""
    found = counts(checks)
    order = ("differs-from-reference", "revised-since", "matches-reference", "no-reference")
    parts = ", ".join(f"{found[v]} {v}" for v in order if found.get(v))
    return f"{len(checks)} claims checked against CBS{': ' + parts if parts else ''}"
