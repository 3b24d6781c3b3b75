"""The spaCy pipeline: named factcheck_* factories, extensions, and what each component writes."""

from __future__ import annotations

import pytest
from spacy.language import Language

from factcheck.extract.components._shared import QUANTITY_SPANS
from factcheck.extract.nlp import PIPE_NAMES
from factcheck.extract.quantities import find_quantities
from factcheck.extract.windows import SentenceCuts, extract_claims, sentence_windows
from factcheck.ingest import read_document
from factcheck.records import Document
from factcheck.rules import Rules, load_rules

from conftest import ROOT


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
    assert spans[0]._.factcheck_quantity.value == 53


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


WINDOWED = ["examples/techniekpact-debat_2018-06-27.txt",
            "examples/kamervragen-vakkrachten_2017-07-18.txt",
            "tests/data/ingest/h-tk-20202021-102-4.xml", "tests/data/ingest/h-tk-20172018-70-4.xml",
            "tests/data/ingest/ah-tk-20202021-3235.pdf",
            "tests/data/ingest/ParlaMint-NL_2019-05-16-tweedekamer-11.xml",
            "tests/data/ingest/kamerbrief-justitie_draagmoederschap_2011-03-01.pdf"]


@pytest.mark.parametrize("relative", WINDOWED)
def test_reading_sentence_windows_gives_the_claims_of_the_whole_document(
        relative: str, nlp: Language, rules: Rules) -> None:
    """Only the sentences around quantities are tokenized; nothing may change by it."""
    document = read_document(ROOT / relative, rules)
    windowed = extract_claims(document, nlp)
    assert len(windowed) >= 4
    assert windowed == extract_claims(document, nlp, windows=False)


def test_sentence_cuts_follow_the_tokenizer(nlp: Language) -> None:
    text = "Het is ca. 5 procent. Verder 7 banen, zie nr. 3 hier! En 8%.\n\nNieuw 9 keer."
    quantities = find_quantities(text, load_rules())
    cuts = SentenceCuts(text, quantities, lambda word: nlp.tokenizer(word)[-1].text)
    starts = [text.index(s) for s in ("Verder", "En 8%", "Nieuw")]
    assert cuts.after(text.index("ca.")) == starts[0]  # "ca." and "nr." end nothing
    assert cuts.before(text.index("3 hier")) == starts[0]
    assert cuts.after(text.index("3 hier")) == starts[1]
    assert cuts.before(starts[2] - 1) == starts[1]
    assert [text[a:b].strip() for a, b in sentence_windows(cuts, quantities)] == [
        "Het is ca. 5 procent.", "Verder 7 banen, zie nr. 3 hier!", "En 8%.", "Nieuw 9 keer."]
