"""What the components share: extension attributes and rules loading from config."""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc, Span

from factcheck.rules import Rules, load_rules

QUANTITY_SPANS = "factcheck_quantities"


def register_extensions() -> None:
    """Declare the Doc and Span attributes the components read and write (idempotent)."""
    if not Doc.has_extension("source"):
        Doc.set_extension("source", default=None)  # the factcheck Document being read
    if not Doc.has_extension("claims"):
        Doc.set_extension("claims", default=None)  # list[Claim], set by factcheck_claims
    if not Span.has_extension("quantity"):
        Span.set_extension("quantity", default=None)  # Quantity, set by factcheck_quantities


def rules_from_config(rules_dir: str | None) -> Rules:
    return load_rules(Path(rules_dir) if rules_dir else None)
