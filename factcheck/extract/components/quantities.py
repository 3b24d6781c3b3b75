"""``factcheck_quantities``: every quantity in the doc as a span in ``doc.spans``.

The scanning itself is :func:`factcheck.extract.quantities.find_quantities`, a pure
function over the text; this component only turns its results into spans
carrying ``span._.quantity``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from factcheck.extract.components._shared import (
    QUANTITY_SPANS,
    register_extensions,
    rules_from_config,
    window,
)
from factcheck.extract.quantities import find_quantities


class QuantityFinder:
    def __init__(self, name: str, rules_dir: str | None) -> None:
        self.name = name
        self.rules = rules_from_config(rules_dir)
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        text, offset = window(doc)
        quantities = doc._.quantities
        if quantities is None:  # a window gets the quantities found in its whole document
            quantities = find_quantities(text, self.rules)
        for quantity in quantities:
            span = doc.char_span(quantity.start - offset, quantity.end - offset,
                                 alignment_mode="expand")
            if span is None:
                continue
            span._.quantity = quantity
            spans.append(span)
        doc.spans[QUANTITY_SPANS] = spans
        return doc


@Language.factory(
    "factcheck_quantities",
    assigns=["doc.spans", "span._.quantity"],
    default_config={"rules_dir": None},
)
def make_quantity_finder(nlp: Language, name: str, rules_dir: str | None) -> QuantityFinder:
    return QuantityFinder(name, rules_dir)
