"""``factcheck_context``: what each claim measures, who it is about, when, and per whom.

Reads ``doc._.factcheck_claims`` and replaces each claim with one that carries its
measure, measure keys, population, place, period and source (see
:mod:`factcheck.extract.context`, the pure functions that do the reading).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from factcheck.extract.components._shared import (
    Reading,
    RulesComponent,
    reading_of,
    register_extensions,
)
from factcheck.extract.components.claims import clean_sentence
from factcheck.extract.context import read_context, refers_back
from factcheck.extract.measure import Measure, compound_kind, keys, read_measure
from factcheck.records import Claim


def _beside(words: tuple[str, ...]) -> set[str]:
    """The words near the number, and each compound's last part as a word of its own:
    "gezondheidszorg" also says "zorg"."""
    return {*words, *(kind for w in words if ":" not in w and (kind := compound_kind(w)) != w)}


def _label(measure: Measure, words: str) -> str:
    """What the number measures, for a person: its name and what it counts, else nearby words."""
    parts = [slot.phrase for slot in (measure.name, measure.counted) if slot is not None]
    if measure.of is not None:
        parts.append("van " + measure.of.phrase)
    return " ".join(dict.fromkeys(parts)) if parts else words


def _offset_in(text: str, sentence_start: int, claim: Claim) -> int:
    """Where a claim's number sits in its cleaned sentence (just inside its first word).

    ``text`` is ``doc.text`` (or the source text of a window), read once by the
    caller: spaCy rebuilds it from every token on each access, which made this
    quadratic in the document.
    """
    return len(clean_sentence(text[sentence_start:claim.start])) + 1


def _passage(doc: Doc, reading: Reading, sentence: Span, text: str, rules_pointers: bool) -> str:
    """The sentence, preceded by the one before it when it points back."""
    if not rules_pointers:
        return text
    if sentence.start == 0:  # a window's first sentence: the one before is in another window
        preceding = reading.preceding() if reading.preceding is not None else None
        return text if preceding is None else preceding + " " + text
    previous = doc[sentence.start - 1].sent
    return clean_sentence(previous.text) + " " + text


class ContextReader(RulesComponent):
    def __init__(self, name: str) -> None:
        self.name = name
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        doc._.factcheck_claims = self.read(doc, reading_of(doc), doc._.factcheck_claims or [])
        return doc

    def read(self, doc: Doc, reading: Reading, claims: list[Claim]) -> list[Claim]:
        """The claims, each with what it measures, who it is about, when, and per whom."""
        source = reading.document
        year = int(source.meta.date[:4]) if source and source.meta.date else None
        text, shift = reading.text(doc), reading.offset
        offsets: dict[int, dict[int, int]] = {}  # sentence start → claim index → offset
        return [self._read(doc, reading, text, shift, i, year, claims, offsets)
                for i in range(len(claims))]

    def _read(self, doc: Doc, reading: Reading, text: str, shift: int, index: int,
              year: int | None, claims: list[Claim],
              offsets: dict[int, dict[int, int]]) -> Claim:
        claim = claims[index]
        span = doc.char_span(claim.start - shift, claim.end - shift, alignment_mode="expand")
        if span is None:
            return claim
        sentence = span.sent
        start, end = sentence.start_char + shift, sentence.end_char + shift
        if start not in offsets:  # each claim's offset once per sentence, not once per pair
            offsets[start] = {i: _offset_in(text, start, c) for i, c in enumerate(claims)
                              if start <= c.start < end}
        in_sentence = offsets[start]
        offset = in_sentence.get(index, _offset_in(text, start, claim))
        others = tuple(at for i, at in in_sentence.items() if i != index)
        points_back = refers_back(claim.sentence, self.rules.measures)
        passage = _passage(doc, reading, sentence, claim.sentence, points_back)
        context = read_context(passage, claim.sentence, offset, self.rules, year, others)
        at = claim.sentence.find(claim.text, max(0, offset - 2))
        at = at if at >= 0 else offset
        structure = read_measure(claim.sentence, at, at + len(claim.text), claim.unit,
                                 self.rules.phrases)
        return replace(claim, measure=_label(structure, context.measure),
                       measure_keys=tuple(sorted(
                           {*_beside(context.measure_keys), *keys(structure)})),
                       counted=structure.counted.phrase if structure.counted else None,
                       of=structure.of.phrase if structure.of else None,
                       population=context.population, level=context.level,
                       place=context.place,
                       period=context.period, source=context.source)


@Language.factory(
    "factcheck_context",
    requires=["doc._.factcheck_claims"],
    assigns=["doc._.factcheck_claims"],
)
def make_context_reader(nlp: Language, name: str) -> ContextReader:
    return ContextReader(name)
