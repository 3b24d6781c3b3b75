"""The spaCy pipeline: named factcheck_* factories, extensions, and what each component writes."""

from __future__ import annotations

from spacy.language import Language

from factcheck.components._shared import QUANTITY_SPANS
from factcheck.extract import extract_claims
from factcheck.nlp import PIPE_NAMES
from factcheck.records import Document


def _doc(text: str) -> Document:
    return Document(doc="t.txt", path="t.txt", format="txt", text=text, sha256="")


def test_pipeline_is_blank_dutch_plus_factcheck_components(nlp: Language) -> None:
    assert nlp.lang == "nl"
    assert tuple(nlp.pipe_names) == PIPE_NAMES
    assert all(name.startswith("factcheck_") for name in nlp.pipe_names)
    assert all(Language.has_factory(name) for name in PIPE_NAMES)


def test_quantities_component_writes_spans_with_quantities(nlp: Language) -> None:
    doc = nlp("Slechts 53 procent werkt in een technisch beroep. Aanvang 19.03 uur.")
    spans = doc.spans[QUANTITY_SPANS]
    assert [s.text for s in spans] == ["53 procent"]
    assert spans[0]._.quantity.value == 53


def test_sentences_break_at_speaker_lines_and_paragraphs(nlp: Language) -> None:
    doc = nlp("De heer Veldman (VVD):\nDe vraag is 59.900 groter\n\nNieuwe alinea met 5 banen")
    assert [s.text.strip() for s in doc.sents][:3] == [
        "De heer Veldman (VVD):", "De vraag is 59.900 groter", "Nieuwe alinea met 5 banen"]


def test_claims_carry_their_sentence(nlp: Language) -> None:
    claims = extract_claims(_doc("Inleiding.\nDe vraag naar hbo-geschoolde jongeren is\n"
                                 "59.900 groter dan de instroom. Verder niets."), nlp)
    assert [c.sentence for c in claims] == [
        "De vraag naar hbo-geschoolde jongeren is 59.900 groter dan de instroom."]
    assert claims[0].speaker is None and claims[0].page is None
