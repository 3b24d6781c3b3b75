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
    # When the doc holds only a window of ``doc._.source.text`` (see factcheck.extract):
    if not Doc.has_extension("offset"):
        Doc.set_extension("offset", default=None)  # where doc.text starts in the source text
    if not Doc.has_extension("quantities"):
        Doc.set_extension("quantities", default=None)  # list[Quantity] found in the source text
    if not Doc.has_extension("claim_counts"):
        Doc.set_extension("claim_counts", default=None)  # Counter shared by a document's windows
    if not Doc.has_extension("preceding"):
        Doc.set_extension("preceding", default=None)  # () -> str | None: the sentence before


def window(doc: Doc) -> tuple[str, int]:
    """The text offsets refer to, and where ``doc.text`` starts in it.

    A whole document: ``doc.text`` itself (read once: spaCy rebuilds it from
    every token on each access) and 0. A window of a document: the source
    document's text and the window's start.
    """
    offset = doc._.offset
    if offset is None or doc._.source is None:
        return doc.text, 0
    text: str = doc._.source.text
    return text, int(offset)


def rules_from_config(rules_dir: str | None) -> Rules:
    return load_rules(Path(rules_dir) if rules_dir else None)
