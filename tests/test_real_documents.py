"""Issue 4 on real documents: the same publication gives the same claims in every format,
no page furniture ends up in a claim, and a whole corpus runs through with true statuses."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from spacy.language import Language

from factcheck.pipeline import read_and_extract
from factcheck.records import Claim
from factcheck.rules import Rules
from factcheck.settings import Settings

from conftest import CORPUS, DATA

INGEST = DATA / "ingest"
SERIAL = Settings(jobs=1, cache=False)
FURNITURE = re.compile(
    r"vergaderjaar \d{4}\s*[–-]\s*\d{4}, [\d ]+, nr\. \d+|ISSN \d{4}|Pagina \d+ van \d+|"
    r"\(cid:\d+\)|[\ufffe\x02\u00ad]|\bkst-\d{5}-\d+\b|ah-tk-\d{8}-\d+")


def _claims(paths: list[Path], rules: Rules, nlp: Language) -> dict[str, list[Claim]]:
    batch = read_and_extract([str(p) for p in paths], rules, nlp, SERIAL, progress=False)
    out: dict[str, list[Claim]] = {}
    for document, claims in batch.extracted:
        out[document.doc] = claims
    return out


def _key(claims: list[Claim]) -> Counter[tuple[str, float, str, str]]:
    return Counter((c.text, c.value, c.unit, c.qualifier) for c in claims)


@pytest.mark.parametrize("publication", ["ah-tk-20202021-3235", "kst-32545-143"])
def test_pdf_and_official_xml_give_the_same_claims(publication: str, rules: Rules,
                                                   nlp: Language) -> None:
    formats = sorted(INGEST.glob(f"{publication}.*"))
    claims = _claims(formats, rules, nlp)
    reference = _key(claims[f"{publication}.xml"])
    assert reference
    for name, found in claims.items():
        assert _key(found) == reference, name


@pytest.mark.parametrize("name", ["ah-tk-20202021-3235.pdf", "kst-32545-143.pdf",
                                  "kst-28286-1366.pdf",
                                  "kamerbrief-justitie_draagmoederschap_2011-03-01.pdf"])
def test_no_page_furniture_in_text_or_claims_of_official_pdfs(name: str, rules: Rules,
                                                               nlp: Language) -> None:
    batch = read_and_extract([str(INGEST / name)], rules, nlp, SERIAL, progress=False)
    ((document, claims),) = batch.extracted
    assert document.pages  # read page by page
    assert not FURNITURE.search(document.text)
    for claim in claims:
        assert not FURNITURE.search(claim.sentence), claim.sentence
        assert claim.page is not None


def test_answers_to_written_questions_carry_question_and_speaker(rules: Rules,
                                                                  nlp: Language) -> None:
    claims = _claims([INGEST / "ah-tk-20202021-3235.pdf"], rules, nlp)["ah-tk-20202021-3235.pdf"]
    answered = [c for c in claims if c.role == "Minister"]
    assert answered and all(c.question for c in answered)
    assert {c.speaker for c in answered} == {"Koolmees"}


@pytest.mark.corpus
def test_the_whole_corpus_runs_through_with_true_statuses(rules: Rules, nlp: Language) -> None:
    if not CORPUS.exists():
        pytest.skip(f"{CORPUS} is not on this machine")
    folders = [str(CORPUS / part) for part in ("pdf", "xml", "txt", "tei")]
    batch = read_and_extract(folders, rules, nlp, SERIAL, progress=False)
    status = {Path(r.path).name: r for r in batch.reports}
    for scan in ("blg-1007826_scan-zonder-tekstlaag.pdf", "vws-nota-mondzorg_scan.pdf",
                 "emmen-toezeggingen-commissie-bme_2024-12-10_scan.pdf"):
        assert status[scan].status == "failed" and "OCR" in status[scan].message
    assert status["wetsuite-garble_kapotte-fontcodering.pdf"].status == "failed"
    assert status["kgg-notitie-kernenergie-gebiedsverbinder_deels-scan.pdf"].status == "warning"
    assert sum(r.status == "failed" for r in batch.reports) == 4
    readable = [r for r in batch.reports if r.status != "failed"]
    assert len(readable) >= 55 and all(r.claims >= 0 for r in readable)
    for claim in batch.claims:
        assert not FURNITURE.search(claim.sentence), (claim.doc, claim.sentence)
