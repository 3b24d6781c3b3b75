"""Stage 2: a Document in, its claims out (runs the spaCy pipeline).

Most of a document holds no quantity, and tokenizing it is the dearest part
of the pipeline. So with the built-in pipeline the quantities are found in
the whole text first, and only the sentences that hold one are tokenized,
each run of them as a doc of its own that knows where it starts in the text
(see :class:`~factcheck.extract.components._shared.Reading`).

A window starts where the sentence splitter certainly starts a sentence in
the whole text: after a blank line, or after a word whose last token is a
full stop, question mark … ("instroom." is "instroom" + "."; "ca." and
"nr." stay whole and end nothing). spaCy tokenizes each run of non-space
characters on its own, and ``factcheck_sentences`` carries nothing over a
sentence start but the start itself, so a window read alone gets the tokens,
sentences and claims it gets in the whole document (``windows=False`` reads
the whole document, for comparison).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from factcheck.extract.components._shared import Reading
from factcheck.extract.components.claims import ClaimBuilder, clean_sentence
from factcheck.extract.components.context import ContextReader
from factcheck.extract.components.quantities import Found, QuantityFinder
from factcheck.extract.components.sentences import SENTENCE_FINAL, SentenceSplitter
from factcheck.extract.nlp import PIPE_NAMES
from factcheck.records import Claim, Document, Quantity

_PARAGRAPH_END = re.compile(r"\n\n\s*")
# A character that may end a sentence, then whitespace: the tokenizer decides.
_SENTENCE_END = re.compile(
    "[" + "".join(sorted({re.escape(t[-1]) for t in SENTENCE_FINAL})) + r"](\s+)")
_LAST_WORD = re.compile(r"\S{1,80}$")


def extract_claims(document: Document, nlp: Language, *, windows: bool = True,
                   limit: int | None = None,
                   progress: Callable[[int, int], None] | None = None) -> list[Claim]:
    """Every numeric claim in a document, in text order.

    ``limit``: stop once that many claims are found (the first ``limit`` are
    returned). ``progress`` is told how far into the text reading has come
    and how long the text is.
    """
    finder = nlp.get_pipe("factcheck_quantities") if "factcheck_quantities" in nlp.pipe_names \
        else None
    if (not windows or tuple(nlp.pipe_names) != PIPE_NAMES
            or not isinstance(finder, QuantityFinder)):  # a trained model reads whole documents
        return _run(nlp, nlp.make_doc(document.text), Reading(document))
    quantities = finder.quantities(document)
    if not quantities:
        return []
    cuts = SentenceCuts(document.text, quantities, lambda word: nlp.tokenizer(word)[-1].text)
    counts: Counter[tuple[str, int]] = Counter()
    claims: list[Claim] = []
    starts = [q.start for q in quantities]
    for start, end in sentence_windows(cuts, quantities):
        reading = Reading(document, start, quantities[bisect.bisect_left(starts, start):
                                                      bisect.bisect_left(starts, end)],
                          counts, _preceding(nlp, document, cuts, start))
        claims.extend(_run(nlp, nlp.make_doc(document.text[start:end]), reading))
        if progress is not None:
            progress(end, len(document.text))
        if limit is not None and len(claims) >= limit:
            return claims[:limit]
    return claims


class SentenceCuts:
    """Offsets in a text where a sentence certainly starts; each checked when first asked.

    ``last_token`` gives the last token of a word as the tokenizer cuts it.
    No cut falls inside a quantity or in the whitespace the text starts with.
    """

    def __init__(self, text: str, quantities: Sequence[Quantity],
                 last_token: Callable[[str], str]) -> None:
        self.text = text
        self._last_token = last_token
        lead = len(text) - len(text.lstrip())
        found: dict[int, int | None] = {}  # cut: where the word before it ends; None: certain
        for m in _SENTENCE_END.finditer(text, lead):
            found[m.end()] = m.start(1)
        for m in _PARAGRAPH_END.finditer(text):
            if m.start() > lead:
                found[m.end()] = None
        spans = _merged(quantities)
        span_starts = [s for s, _ in spans]
        self._cuts: list[int] = []
        for cut in sorted(found):
            k = bisect.bisect_left(span_starts, cut) - 1
            if cut < len(text) and not (k >= 0 and spans[k][1] > cut):
                self._cuts.append(cut)
        self._word_ends = [found[c] for c in self._cuts]
        self._checked: dict[int, bool] = {}

    def before(self, pos: int) -> int:
        """The last sentence start at or before ``pos`` (0: the text's start)."""
        k = bisect.bisect_right(self._cuts, pos) - 1
        while k >= 0 and not self._check(k):
            k -= 1
        return self._cuts[k] if k >= 0 else 0

    def after(self, pos: int) -> int:
        """The first sentence start at or after ``pos`` (the text's end if none)."""
        k = bisect.bisect_left(self._cuts, pos)
        while k < len(self._cuts) and not self._check(k):
            k += 1
        return self._cuts[k] if k < len(self._cuts) else len(self.text)

    def _check(self, k: int) -> bool:
        end = self._word_ends[k]
        if end is None:
            return True  # after a blank line
        if k not in self._checked:
            word = _LAST_WORD.search(self.text, max(0, end - 80), end)
            self._checked[k] = (word is not None
                                and self._last_token(word.group()) in SENTENCE_FINAL)
        return self._checked[k]


def sentence_windows(cuts: SentenceCuts, quantities: Sequence[Quantity]) -> list[tuple[int, int]]:
    """The runs of sentences that hold the quantities, as (start, end), in text order."""
    windows: list[tuple[int, int]] = []
    for q in quantities:
        if windows and q.start < windows[-1][1]:
            continue  # in the sentences of the quantity before
        windows.append((cuts.before(q.start), cuts.after(q.end)))
    return windows


def _merged(quantities: Sequence[Quantity]) -> list[tuple[int, int]]:
    """The quantities' spans, sorted, overlapping ones merged."""
    spans: list[tuple[int, int]] = []
    for q in sorted(quantities, key=lambda q: q.start):
        if spans and q.start < spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], q.end))
        else:
            spans.append((q.start, q.end))
    return spans


def _run(nlp: Language, doc: Doc, reading: Reading) -> list[Claim]:
    """The pipeline over a doc, the factcheck components handed typed records directly."""
    found: list[Found] = []
    claims: list[Claim] = []
    for _, component in nlp.pipeline:
        if isinstance(component, SentenceSplitter):
            doc = component.split(doc, reading)
        elif isinstance(component, QuantityFinder):
            found = component.find(doc, reading)
        elif isinstance(component, ClaimBuilder):
            claims = component.build(doc, reading, found)
        elif isinstance(component, ContextReader):
            claims = component.read(doc, reading, claims)
        else:
            doc = component(doc)
    return claims


def _preceding(nlp: Language, document: Document, cuts: SentenceCuts,
               start: int) -> Callable[[], str | None]:
    """The sentence before a window starting at ``start``, cleaned; read when asked."""
    def read() -> str | None:
        if start == 0:
            return None
        before = cuts.before(start - 1)
        doc = nlp.make_doc(document.text[before:start])
        splitter = nlp.get_pipe("factcheck_sentences")
        if isinstance(splitter, SentenceSplitter):
            doc = splitter.split(doc, Reading(document, before))
        return clean_sentence(doc[len(doc) - 1].sent.text) if len(doc) else None
    return read
