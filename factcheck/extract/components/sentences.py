"""``factcheck_sentences``: sentence starts for parliamentary text.

Sentences end at . ! ? and at paragraph breaks, after a line that ends in a
colon (a speaker line "De heer Veldman (VVD):"), and where the document's
structure starts a new speaker turn or a question or answer. spaCy's Dutch
tokenizer keeps abbreviations ("ca.", "nr.", "mln.") whole, so their dots
end nothing.
"""

from __future__ import annotations

import bisect
from typing import Any, cast

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from factcheck.extract.components._shared import (
    Reading,
    RulesComponent,
    reading_of,
    register_extensions,
)
from factcheck.limits import DEFAULT_LIMITS
from factcheck.records import Document
from factcheck.rules import Rules

SENTENCE_FINAL = frozenset({".", "!", "?", "…", "?!"})  # tokens that end a sentence
CLAUSE_END = frozenset({",", ";", ":", "–", "—", ")"})  # a too-long sentence may be cut after


def structure_breaks(document: Document | None) -> list[int]:
    """Character offsets where the document's structure opens a new block, sorted.

    Speaker turns and questions start blocks, and so does the line after a
    "Vraag 3" heading; a footnote both starts one and, where the body text
    resumes after it, ends one.
    """
    if document is None:
        return []
    starts = {turn.start for turn in document.turns}
    for section in document.sections:
        starts.add(section.start)
        if section.kind == "footnote":
            starts.add(section.end)
        else:
            starts.add(document.text.find("\n", section.start) + 1 or section.end)
    return sorted(starts)


def sentence_start_flags(doc: Doc, breaks: list[int], titles: frozenset[str] = frozenset(),
                         heading_max: int = 60, text: str | None = None,
                         offset: int = 0) -> list[bool]:
    """For each token: does a sentence start here? ``breaks`` are sorted char offsets.

    ``text`` and ``offset``: when the doc is a window of a longer text, that
    text and where the window starts in it (``breaks`` are offsets into it).
    """
    return _sentence_start_flags(doc, breaks, titles, heading_max, text, offset)


def cut_long_sentences(doc: Doc, flags: list[bool], max_chars: int,
                       clause_words: frozenset[str] = frozenset()) -> list[bool]:
    """Cut every sentence longer than ``max_chars`` into pieces of at most that length.

    A piece ends after the last clause boundary that keeps it within the
    limit (a comma, semicolon, colon, dash or closing bracket, or before a
    word such as "en" that starts a clause); a run of words without any is
    cut at the limit. Only the tokens since the sentence start decide, so a
    window of a document is cut as the whole document is. Without this a
    sentence of thousands of characters makes every claim in it read all of it.
    """
    start_char = 0
    clause: int | None = None  # the token after the last clause boundary in this sentence
    after_end = False
    for i, token in enumerate(doc):
        if token.is_space:
            continue
        if flags[i]:
            start_char, clause, after_end = token.idx, None, False
            continue
        if after_end or token.lower_ in clause_words:
            clause = i
        if token.idx + len(token.text) - start_char > max_chars:
            cut = clause if clause is not None and doc[clause].idx > start_char else i
            flags[cut] = True
            start_char, clause = doc[cut].idx, None
        after_end = token.text in CLAUSE_END
    return flags


def _sentence_start_flags(doc: Doc, breaks: list[int], titles: frozenset[str],
                          heading_max: int, text: str | None, offset: int) -> list[bool]:
    flags = [False] * len(doc)
    if text is None:
        text, offset = doc.text, 0  # built on every access: read it once
    boundary, word_dot, line_end = True, False, False
    pending = bisect.bisect_left(breaks, offset)  # earlier breaks: the first token starts anyway
    for i, token in enumerate(doc):
        idx = token.idx + offset
        while pending < len(breaks) and breaks[pending] <= idx:
            boundary, pending = True, pending + 1
        if token.is_space:
            if "\n\n" in token.text or ("\n" in token.text and i and doc[i - 1].text.endswith(":")):
                boundary = True
            line_end = line_end or "\n" in token.text
            continue
        if line_end and _after_heading(text, idx, heading_max):
            boundary = True
        line_end = "\n" in token.whitespace_
        flags[i] = boundary or i == 0 or (word_dot and token.text[:1].isupper())
        boundary = (token.text in SENTENCE_FINAL
                    or (token.text.endswith(":") and "\n" in token.whitespace_))
        word_dot = _word_with_dot(token.text, titles)
    return flags


def _after_heading(text: str, idx: int, heading_max: int) -> bool:
    """Does the line before ``idx`` end a clause (";") or is it a heading before a capital?"""
    line_end = text.rfind("\n", 0, idx)
    line = text[text.rfind("\n", 0, line_end) + 1:line_end].strip()
    if not line:
        return False
    if line.endswith(";"):
        return True
    return len(line) <= heading_max and line[-1] not in ".!?:;,-–(" and text[idx].isupper()


def _word_with_dot(text: str, titles: frozenset[str]) -> bool:
    """A plain word kept whole with its full stop by a tokenizer exception ("dat.")."""
    word = text[:-1]
    return (text.endswith(".") and len(word) >= 2 and word.isalpha() and word.islower()
            and text.lower() not in titles)


class SentenceSplitter(RulesComponent):
    def __init__(self, name: str, max_chars: int) -> None:
        self.name = name
        self.max_chars = max_chars
        self.clause_words: frozenset[str] = frozenset()
        self._last: tuple[Document | None, list[int]] = (None, [])
        register_extensions()

    def use(self, rules: Rules) -> None:
        super().use(rules)
        self.clause_words = frozenset(w.lower() for w in rules.measures.clause_breaks)

    def _breaks(self, document: Document | None) -> list[int]:
        """``structure_breaks``, once per document (its windows come one after another)."""
        if document is None or self._last[0] is not document:
            self._last = (document, structure_breaks(document))
        return self._last[1]

    def __call__(self, doc: Doc) -> Doc:
        return self.split(doc, reading_of(doc))

    def split(self, doc: Doc, reading: Reading) -> Doc:
        """Set each token's sentence start, unless a trained parser or senter did."""
        if doc.has_annotation("SENT_START"):
            return doc
        structure = self.rules.structure
        flags = sentence_start_flags(doc, self._breaks(reading.document), structure.titles,
                                     structure.heading_max_chars, reading.text(doc),
                                     reading.offset)
        flags = cut_long_sentences(doc, flags, self.max_chars, self.clause_words)
        # One array write: setting token.is_sent_start token by token is quadratic in spaCy.
        values = numpy.array([1 if f else -1 for f in flags], dtype="int64").astype("uint64")
        doc.from_array([SENT_START], cast(Any, values))
        return doc


@Language.factory("factcheck_sentences", assigns=["token.is_sent_start"],
                  default_config={"max_chars": DEFAULT_LIMITS.sentence_chars})
def make_sentence_splitter(nlp: Language, name: str, max_chars: int) -> SentenceSplitter:
    return SentenceSplitter(name, max_chars)
