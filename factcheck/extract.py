"""Stage 2: a Document in, its claims out (runs the spaCy pipeline).

Most of a document holds no quantity, and tokenizing it is the dearest part
of the pipeline. So with the built-in pipeline the quantities are found in
the whole text first, and only the paragraphs that hold one are tokenized,
each as a doc of its own that knows where it starts in the text (see
``doc._.offset``). Paragraphs end at a blank line: a whitespace token with
"\\n\\n" always ends a sentence there, and spaCy tokenizes each run of
non-space characters on its own, so a paragraph read alone gets the tokens
and sentences it gets in the whole document.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Callable, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from factcheck.components.claims import clean_sentence
from factcheck.components.quantities import QuantityFinder
from factcheck.nlp import PIPE_NAMES
from factcheck.quantities import find_quantities
from factcheck.records import Claim, Document, Quantity

_PARAGRAPH_END = re.compile(r"\n\n\s*")


def extract_claims(document: Document, nlp: Language) -> list[Claim]:
    """Every numeric claim in a document, in text order."""
    finder = nlp.get_pipe("factcheck_quantities") if "factcheck_quantities" in nlp.pipe_names \
        else None
    if tuple(nlp.pipe_names) != PIPE_NAMES or not isinstance(finder, QuantityFinder):
        return _run(nlp, _whole(nlp, document))  # a trained model reads whole documents
    quantities = find_quantities(document.text, finder.rules)
    if not quantities:
        return []
    windows = paragraph_windows(document.text, quantities)
    counts: Counter[tuple[str, int]] = Counter()
    claims: list[Claim] = []
    starts = [q.start for q in quantities]
    for i, (start, end) in enumerate(windows):
        first, last = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
        if first == last:
            continue
        doc = _window(nlp, document, start, end)
        doc._.quantities = quantities[first:last]
        doc._.claim_counts = counts
        doc._.preceding = _preceding(nlp, document, windows, i)
        claims.extend(_run(nlp, doc))
    return claims


def paragraph_windows(text: str, quantities: Sequence[Quantity]) -> list[tuple[int, int]]:
    """The text cut into paragraphs that cover it, as (start, end); none cuts a quantity.

    A paragraph ends after a run of whitespace holding a blank line, so each
    but the first starts at a non-space character.
    """
    covered: list[tuple[int, int]] = []  # the quantities' spans, merged
    for q in sorted(quantities, key=lambda q: q.start):
        if covered and q.start < covered[-1][1]:
            covered[-1] = (covered[-1][0], max(covered[-1][1], q.end))
        else:
            covered.append((q.start, q.end))
    covered_starts = [s for s, _ in covered]
    lead = len(text) - len(text.lstrip())
    cuts = [0]
    for m in _PARAGRAPH_END.finditer(text):
        cut = m.end()
        if cut >= len(text) or m.start() <= lead:
            continue  # no paragraph of only whitespace
        k = bisect.bisect_left(covered_starts, cut) - 1
        if k >= 0 and covered[k][1] > cut:
            continue  # a quantity runs over the blank line
        cuts.append(cut)
    cuts.append(len(text))
    return list(itertools.pairwise(cuts))


def _whole(nlp: Language, document: Document) -> Doc:
    doc = nlp.make_doc(document.text)
    doc._.source = document
    return doc


def _window(nlp: Language, document: Document, start: int, end: int) -> Doc:
    doc = nlp.make_doc(document.text[start:end])
    doc._.source = document
    doc._.offset = start
    return doc


def _run(nlp: Language, doc: Doc) -> list[Claim]:
    for _, component in nlp.pipeline:
        doc = component(doc)
    claims: list[Claim] = doc._.claims
    return claims


def _preceding(nlp: Language, document: Document, windows: list[tuple[int, int]],
               i: int) -> Callable[[], str | None]:
    """The last sentence of the paragraph before window ``i``, cleaned; read when asked."""
    def read() -> str | None:
        if i == 0:
            return None
        doc = _window(nlp, document, *windows[i - 1])
        doc = nlp.get_pipe("factcheck_sentences")(doc)
        return clean_sentence(doc[len(doc) - 1].sent.text) if len(doc) else None
    return read
