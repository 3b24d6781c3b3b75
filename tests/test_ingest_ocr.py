"""OCR of scanned PDFs (``--ocr``): ocrmypdf or tesseract with the Dutch model.

The scan is the corpus's Kamer bijlage blg-1007826 (an LNV beslisnota, two
pages, images only). ``.ci/run`` installs ocrmypdf and tesseract-ocr-nld; on
a machine without them the tests that need OCR are skipped, and the message
an analyst gets there is tested by hiding the tools.
"""

from __future__ import annotations

import shutil
import subprocess

import pypdfium2
import pytest
from spacy.language import Language

import factcheck.ingest.ocr as ocr
from factcheck.errors import DocumentError
from factcheck.extract import extract_claims
from factcheck.ingest import read_document
from factcheck.rules import Rules
from tests.conftest import DATA

SCAN = DATA / "ingest" / "blg-1007826_scan-zonder-tekstlaag.pdf"
PARTLY = DATA / "ingest" / "kgg-notitie-kernenergie-gebiedsverbinder_deels-scan.pdf"


def dutch_ocr() -> bool:
    tesseract = shutil.which("tesseract")
    if tesseract is None:
        return False
    listed = subprocess.run([tesseract, "--list-langs"], capture_output=True, text=True,
                            check=False)
    return "nld" in (listed.stdout + listed.stderr).split()


needs_ocr = pytest.mark.skipif(not dutch_ocr(), reason="tesseract-ocr-nld is not installed "
                               "(apt-get install ocrmypdf tesseract-ocr-nld)")


@needs_ocr
@pytest.mark.issue(11)
def test_a_scan_read_with_ocr_yields_the_figures_a_reader_sees(rules: Rules,
                                                               nlp: Language) -> None:
    document = read_document(SCAN, rules, ocr=True)
    assert "Geadviseerd besluit" in document.text and len(document.pages) == 2
    assert document.meta.date == "2021-11-12"  # "Datum 12 november 2021" in the letterhead
    claims = extract_claims(document, nlp)
    seen = {(c.text, c.value) for c in claims}
    assert ("vier", 4) in seen  # "de vier zienswijzen die zijn ingebracht"
    assert ("twee", 2) in seen  # "Er komen ook nog twee adviezen aan"
    assert any("zienswijzen" in c.sentence for c in claims if c.value == 4)


@needs_ocr
def test_ocr_fills_only_the_scanned_page(rules: Rules) -> None:
    plain = read_document(PARTLY, rules)
    read = read_document(PARTLY, rules, ocr=True)
    assert plain.pages[0].end == plain.pages[0].start  # page 1 is an image
    assert read.pages[0].end - read.pages[0].start > 200
    assert not any("page(s) 1" in w for w in read.warnings)
    assert plain.text[plain.pages[1].start:plain.pages[1].start + 80] in read.text


@needs_ocr
def test_tesseract_alone_reads_a_scanned_page(rules: Rules) -> None:
    """Without ocrmypdf each scanned page goes to tesseract (one page here, for time)."""
    tesseract = shutil.which("tesseract")
    assert tesseract is not None
    scan = pypdfium2.PdfDocument(SCAN)
    try:
        lines = ocr.tesseract_page(scan[0], tesseract)
    finally:
        scan.close()
    text = " ".join(lines)
    assert "Geadviseerd besluit" in text and "vier zienswijzen" in text


def test_without_tesseract_the_message_says_how_to_install_it(
        rules: Rules, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    with pytest.raises(DocumentError) as caught:
        read_document(SCAN, rules, ocr=True)
    assert caught.value.problem == ("no text layer: scanned, and --ocr needs tesseract, which is "
                                    "not installed")
    assert caught.value.fix == ("apt-get install ocrmypdf tesseract-ocr-nld, then run again "
                                "with --ocr")


def test_partly_scanned_without_tesseract_warns_and_keeps_the_text(
        rules: Rules, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    document = read_document(PARTLY, rules, ocr=True)
    assert document.pages[1].end > document.pages[1].start
    assert ("--ocr needs tesseract, which is not installed: apt-get install ocrmypdf "
            "tesseract-ocr-nld") in document.warnings


def test_without_the_dutch_model_the_message_names_it(
        rules: Rules, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr.shutil, "which", lambda name: "/usr/bin/true")
    with pytest.raises(DocumentError) as caught:
        read_document(SCAN, rules, ocr=True)
    assert "Dutch model" in caught.value.problem
    assert caught.value.fix.startswith("apt-get install tesseract-ocr-nld")
