"""``factcheck_quantities``: every quantity in the doc as a span in ``doc.spans``.

The scanning itself is :func:`factcheck.extract.quantities.find_quantities`, a pure
function over the text; this component only turns its results into spans
with the quantities beside them in ``doc._.factcheck_quantities``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from factcheck.extract.components._shared import (
    QUANTITY_SPANS,
    Reading,
    RulesComponent,
    reading_of,
    register_extensions,
)
from factcheck.extract.quantities import find_quantities
from factcheck.ingest.tables import with_cells
from factcheck.records import Document, Quantity

Found = tuple[Span, Quantity]
"""A quantity and the tokens it covers."""


class QuantityFinder(RulesComponent):
    def __init__(self, name: str) -> None:
        self.name = name
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        found = self.find(doc, reading_of(doc))
        doc.spans[QUANTITY_SPANS] = [span for span, _ in found]
        doc._.factcheck_quantities = [quantity for _, quantity in found]
        return doc

    def find(self, doc: Doc, reading: Reading) -> list[Found]:
        """The quantities in the doc, each with its span (a window's come found already)."""
        quantities = reading.quantities
        if quantities is None:
            quantities = (find_quantities(doc.text, self.rules) if reading.document is None
                          else self.quantities(reading.document))
        found = []
        for quantity in quantities:
            span = doc.char_span(quantity.start - reading.offset, quantity.end - reading.offset,
                                 alignment_mode="expand")
            if span is not None:
                found.append((span, quantity))
        return found

    def quantities(self, document: Document) -> list[Quantity]:
        """Every quantity in a document, the figures of its tables read cell by cell."""
        return with_cells(document.text, document.cells, find_quantities(document.text, self.rules),
                          lambda cell: find_quantities(cell, self.rules))


@Language.factory(
    "factcheck_quantities",
    assigns=["doc.spans", "doc._.factcheck_quantities"],
)
def make_quantity_finder(nlp: Language, name: str) -> QuantityFinder:
    return QuantityFinder(name)
