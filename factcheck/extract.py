"""Stage 2: a Document in, its claims out (runs the spaCy pipeline)."""

from __future__ import annotations

from spacy.language import Language

from factcheck.records import Claim, Document


def extract_claims(document: Document, nlp: Language) -> list[Claim]:
    """Every numeric claim in a document, in text order."""
    doc = nlp.make_doc(document.text)
    doc._.source = document
    for _, component in nlp.pipeline:
        doc = component(doc)
    claims: list[Claim] = doc._.claims
    return claims
