"""``factcheck_context``: what each claim measures, who it is about, when, and per whom.

Reads ``doc._.claims`` and replaces each claim with one that carries its
measure, measure keys, population, place, period and source (see
:mod:`factcheck.context`, the pure functions that do the reading).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from factcheck.components._shared import register_extensions, rules_from_config
from factcheck.components.claims import clean_sentence
from factcheck.context import read_context, refers_back
from factcheck.records import Claim


def _offset_in(text: str, sentence: Span, claim: Claim) -> int:
    """Where a claim's number sits in its cleaned sentence (just inside its first word).

    ``text`` is ``doc.text``, read once by the caller: spaCy rebuilds it from
    every token on each access, which made this quadratic in the document.
    """
    return len(clean_sentence(text[sentence.start_char:claim.start])) + 1


def _passage(doc: Doc, sentence: Span, text: str, rules_pointers: bool) -> str:
    """The sentence, preceded by the one before it when it points back."""
    if not rules_pointers or sentence.start == 0:
        return text
    previous = doc[sentence.start - 1].sent
    return clean_sentence(previous.text) + " " + text


class ContextReader:
    def __init__(self, name: str, rules_dir: str | None) -> None:
        self.name = name
        self.rules = rules_from_config(rules_dir)
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        source = doc._.source
        year = int(source.meta.date[:4]) if source and source.meta.date else None
        claims = doc._.claims or []
        text = doc.text
        doc._.claims = [self._read(doc, text, claim, year, claims) for claim in claims]
        return doc

    def _read(self, doc: Doc, text: str, claim: Claim, year: int | None,
              claims: list[Claim]) -> Claim:
        span = doc.char_span(claim.start, claim.end, alignment_mode="expand")
        if span is None:
            return claim
        sentence = span.sent
        offset = _offset_in(text, sentence, claim)
        others = tuple(_offset_in(text, sentence, c) for c in claims
                       if c is not claim and sentence.start_char <= c.start < sentence.end_char)
        points_back = refers_back(claim.sentence, self.rules.measures)
        passage = _passage(doc, sentence, claim.sentence, points_back)
        context = read_context(passage, claim.sentence, offset, self.rules, year, others)
        return replace(claim, measure=context.measure, measure_keys=context.measure_keys,
                       population=context.population, level=context.level,
                       place=context.place,
                       period=context.period, source=context.source)


@Language.factory(
    "factcheck_context",
    requires=["doc._.claims"],
    assigns=["doc._.claims"],
    default_config={"rules_dir": None},
)
def make_context_reader(nlp: Language, name: str, rules_dir: str | None) -> ContextReader:
    return ContextReader(name, rules_dir)
