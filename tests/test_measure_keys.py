"""The measure keys: extraction writes them and the linker reads them with one spelling."""

from __future__ import annotations

from spacy.language import Language

from factcheck import measure_keys as mk
from factcheck.extract import extract_claims
from factcheck.link import features, word_weights
from factcheck.records import Claim, Document
from factcheck.rules import Rules


def _claim(text: str, nlp: Language) -> Claim:
    document = Document(doc="t.txt", path="t.txt", format="txt", text=text, sha256="0" * 64)
    (claim,) = extract_claims(document, nlp)
    return claim


def test_the_linker_reads_what_extraction_wrote(rules: Rules, nlp: Language) -> None:
    claim = _claim("Het tekort aan hbo’ers in de techniek bedraagt 12.000.", nlp)
    assert {mk.key(mk.CONCEPT, "tekort"), mk.key(mk.POPULATION, "hbo"),
            mk.key(mk.NAME, "tekort")} <= set(claim.measure_keys)
    read = features(claim, word_weights([claim]), {c.name: c for c in rules.measures.concepts})
    assert read.concepts == {mk.key(mk.CONCEPT, "tekort")}
    assert read.names == {"tekort"}
    # a prefixed key is never taken for a measure word
    assert "tekort" in read.words and not any(k.startswith(mk.PREFIXES) for k in read.words)


def test_a_change_concept_makes_the_claim_a_change(rules: Rules, nlp: Language) -> None:
    claim = _claim("De economie groeide met 2 procent.", nlp)
    assert mk.values(claim.measure_keys, mk.CONCEPT) == {"groei"}
    concepts = {c.name: c for c in rules.measures.concepts}
    assert concepts["groei"].change
    assert features(claim, word_weights([claim]), concepts).change


def test_keys_of_what_is_counted(nlp: Language) -> None:
    claim = _claim("Er komen 300 asielplekken bij in de regio.", nlp)
    assert mk.values(claim.measure_keys, mk.WHAT) == {"asielplek"}
    assert mk.values(claim.measure_keys, mk.KIND) == {"plek"}
