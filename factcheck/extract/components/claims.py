"""``factcheck_claims``: each quantity in its sentence, with speaker, page and question.

Writes ``doc._.factcheck_claims``: a list of :class:`~factcheck.records.Claim`.
Who said it and where comes from the :class:`~factcheck.records.Document`
in ``doc._.factcheck_source`` (ingestion found the speaker turns, pages and questions).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span

from factcheck.extract.components._shared import (
    QUANTITY_SPANS,
    Reading,
    reading_of,
    register_extensions,
)
from factcheck.extract.components.quantities import Found
from factcheck.records import Claim, Document, Quantity

_SPACE = re.compile(r"\s+")


def clean_sentence(text: str) -> str:
    """A sentence on one line: line breaks and runs of spaces become one space."""
    return _SPACE.sub(" ", text).strip()


def claim_id(doc_name: str, sentence: str, offset_in_sentence: int, occurrence: int) -> str:
    """A stable id: the same document, sentence and position give the same id on every run.

    It does not depend on where the sentence sits in the document, so an edit
    elsewhere in the document (or a re-extraction with other page furniture)
    leaves it unchanged.
    """
    key = f"{doc_name}\x1f{sentence}\x1f{offset_in_sentence}\x1f{occurrence}"
    return "c" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:11]


def build_claim(document: Document, quantity: Quantity, sentence: Span, occurrence: int,
                sentence_start: int | None = None, text: str | None = None) -> Claim:
    """Combine a quantity with what the document says about its place.

    ``sentence_start``: where the sentence starts in ``document.text`` when
    the doc holds only a window of it (default: ``sentence.start_char``);
    ``text``: the sentence cleaned, when the caller has it already.
    """
    if text is None:
        text = clean_sentence(sentence.text)
    if sentence_start is None:
        sentence_start = sentence.start_char
    offset = len(clean_sentence(document.text[sentence_start:quantity.start]))
    turn = document.turn_at(quantity.start)
    section = (document.section_at(quantity.start, "answer")
               or document.section_at(quantity.start, "question"))
    cell = document.cell_at(quantity.start)
    return Claim(
        id=claim_id(document.doc, text, offset, occurrence),
        doc=document.doc,
        page=document.page_at(quantity.start),
        start=quantity.start,
        end=quantity.end,
        text=clean_sentence(quantity.text),
        value=quantity.value,
        unit=quantity.unit,
        qualifier=quantity.qualifier,
        interval=quantity.interval,
        sentence=text,
        speaker=turn.speaker if turn else None,
        per=quantity.per,
        party=turn.party if turn else None,
        role=turn.role if turn else None,
        question=section.number if section else None,
        doc_date=document.meta.date,
        table=cell is not None,
        row_label=cell.row_label if cell else None,
        column_label=cell.column_label if cell else None,
        table_unit=cell.unit if cell else None,
        link_role=quantity.link_role,
        link_group=quantity.link_group,
    )


def claims_for(found: Iterable[Found], document: Document, offset: int = 0,
               seen: Counter[tuple[str, int]] | None = None) -> list[Claim]:
    """The claims of the quantities found in a doc.

    ``offset``: where the doc starts in ``document.text``.

    ``seen`` counts (sentence, position) pairs over the whole document, so a
    document read window by window shares one.
    """
    claims = []
    if seen is None:
        seen = Counter()
    texts: dict[int, str] = {}  # each sentence cleaned once, not once per claim in it
    for span, quantity in found:
        sentence = span.sent
        start = sentence.start_char + offset
        if start not in texts:
            texts[start] = clean_sentence(sentence.text)
        text = texts[start]
        claim = build_claim(document, quantity, sentence, 0, start, text)
        key = (claim.sentence, claim.start - start)
        if seen[key]:
            claim = build_claim(document, quantity, sentence, seen[key], start, text)
        seen[key] += 1
        claims.append(claim)
    return claims


class ClaimBuilder:
    def __init__(self, name: str) -> None:
        self.name = name
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        found = list(zip(doc.spans[QUANTITY_SPANS], doc._.factcheck_quantities or (),
                         strict=True))
        doc._.factcheck_claims = self.build(doc, reading_of(doc), found)
        return doc

    def build(self, doc: Doc, reading: Reading, found: Iterable[Found]) -> list[Claim]:
        """Each quantity found as a claim, in its sentence, with who said it and where."""
        document = reading.document or Document(doc="<text>", path="<text>", format="txt",
                                                text=doc.text, sha256="")
        return claims_for(found, document, reading.offset, reading.counts)


@Language.factory(
    "factcheck_claims",
    requires=["doc.spans", "doc._.factcheck_quantities", "token.is_sent_start"],
    assigns=["doc._.factcheck_claims"],
)
def make_claim_builder(nlp: Language, name: str) -> ClaimBuilder:
    return ClaimBuilder(name)
