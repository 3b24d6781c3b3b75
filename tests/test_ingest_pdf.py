"""PDF reading on real documents (factcheck.ingest.pdf, .layout)."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pypdfium2
import pytest

from benchmarks.pdfgen import two_column_pdf
from factcheck.errors import DocumentError
from factcheck.ingest import read_document
from factcheck.ingest.layout import Box, reading_order, rows
from factcheck.ingest.pdf import _bounded_texts, _page_lines, letter_share, open_problem
from factcheck.limits import Limits
from factcheck.rules import Rules
from tests.conftest import DATA, EXAMPLES, corpus_path

INGEST = DATA / "ingest"
OFFICIAL = ["kst-32545-143.pdf", "ah-tk-20202021-3235.pdf", "kst-28286-1366.pdf"]
FURNITURE = re.compile(
    r"vergaderjaar \d{4}–\d{4},|ISSN|’s-Gravenhage \d{4}|^\d{1,3}$|^kst-|^ah-tk-", re.MULTILINE)
NUMBER = re.compile(r"\d[\d.,]*%?")


def numbers(text: str) -> set[str]:
    """Digit strings with a trailing comma or dot (sentence punctuation) removed."""
    return {m.rstrip(".,") for m in NUMBER.findall(text)}


@pytest.mark.parametrize("name", OFFICIAL)
def test_no_running_furniture_left(rules: Rules, name: str) -> None:
    doc = read_document(INGEST / name, rules)
    assert FURNITURE.findall(doc.text) == []
    assert [p.number for p in doc.pages] == list(range(1, len(doc.pages) + 1))
    assert doc.pages[0].start == 0
    assert doc.pages[-1].end == len(doc.text)


def test_pdf_and_xml_give_the_same_numbers(rules: Rules) -> None:
    pdf = numbers(read_document(INGEST / "ah-tk-20202021-3235.pdf", rules).text)
    xml = numbers(read_document(INGEST / "ah-tk-20202021-3235.xml", rules).text)
    assert pdf == xml, (pdf - xml, xml - pdf)


def test_aanhangsel_pdf_structure(rules: Rules) -> None:
    doc = read_document(INGEST / "ah-tk-20202021-3235.pdf", rules)
    answer = doc.section_at(doc.text.index("vastgesteld op 8 procent"), "answer")
    assert answer is not None
    assert answer.number == "3"
    assert doc.page_at(doc.text.index("vastgesteld op 8 procent")) == 2
    assert (doc.meta.doc_type, doc.meta.date) == ("Aanhangsel", "2021-06-21")
    assert "voorgeschreven" in doc.text
    assert "aangemerkt" in doc.text


def test_motion_spills_onto_page_two(rules: Rules) -> None:
    doc = read_document(INGEST / "kst-28286-1366.pdf", rules)
    assert doc.page_at(doc.text.index("en gaat over tot de orde van de dag")) == 2
    assert "hbo-opleiding" in doc.text


def test_letterhead_margin_column_read_after_the_body(rules: Rules) -> None:
    doc = read_document(INGEST / "kamerbrief-justitie_draagmoederschap_2011-03-01.pdf", rules)
    body = doc.text.index("Draagmoederschap is een complex onderwerp")
    assert "samenleving zich\nbetrokken" in doc.text
    assert doc.text.index("Schedeldoekshaven 100") > body
    assert (doc.meta.doc_type, doc.meta.date) == ("Kamerbrief", "2011-03-01")


def test_scan_without_text_layer(rules: Rules) -> None:
    with pytest.raises(DocumentError, match="no text layer: scanned — pass --ocr") as caught:
        read_document(INGEST / "blg-1007826_scan-zonder-tekstlaag.pdf", rules)
    assert caught.value.fix.startswith("pass --ocr to read it with OCR (needs: apt-get install "
                                       "ocrmypdf tesseract-ocr-nld)")
    assert "ocrmypdf -l nld in.pdf out.pdf" in caught.value.fix


def test_partly_scanned_warns_with_page(rules: Rules) -> None:
    doc = read_document(INGEST / "kgg-notitie-kernenergie-gebiedsverbinder_deels-scan.pdf", rules)
    assert any("page(s) 1 " in warning for warning in doc.warnings)
    assert doc.pages[1].end > doc.pages[1].start


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"<html><body>Not found</body></html>", "not a PDF"),
        ((INGEST / "kst-32545-143.pdf").read_bytes()[:15000], "truncated"),
        (b"", "not a PDF"),
    ],
)
def test_broken_files(tmp_path: Path, rules: Rules, data: bytes, problem: str) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(data)
    with pytest.raises(DocumentError, match=problem):
        read_document(path, rules)


def test_encrypted_message() -> None:
    problem, fix = open_problem("Failed to load document (PDFium: Incorrect password error).",
                                b"%PDF-1.7 ...")
    assert problem.startswith("encrypted")
    assert "qpdf --decrypt" in fix


def test_too_large(rules: Rules) -> None:
    with pytest.raises(DocumentError, match="too large") as raised:
        read_document(INGEST / "kst-32545-143.pdf", rules, limits=Limits(file_bytes=1000))
    assert "--limit file_bytes=" in str(raised.value)  # the option that raises it


@pytest.mark.parametrize(
    ("text", "garbled"),
    [
        ("Het rentepercentage is 2%.", False),
        ("Voorwoord ....................................... 3", False),
        ("!\"#$!#%&#'&($&()%*+%+!%,&&,&(-\"#,.&", True),
        ("(cid:3)(cid:4)(cid:5) (cid:6)", True),
        ("\x04\x05\x04\x06\x07\x08\t\x04\x08", True),
    ],
)
def test_letter_share(rules: Rules, text: str, garbled: bool) -> None:
    assert rules.layout.pdf is not None
    assert (letter_share(text) < rules.layout.pdf.min_letter_share) == garbled


@pytest.mark.parametrize("name", [*OFFICIAL, "kamerbrief-justitie_draagmoederschap_2011-03-01.pdf",
                                  "kgg-notitie-kernenergie-gebiedsverbinder_deels-scan.pdf"])
def test_lines_read_once_per_page_match_get_text_bounded(rules: Rules, name: str) -> None:
    """The text cut from one read of the page is what pdfium gives for each line box."""
    assert rules.layout.pdf is not None
    document = pypdfium2.PdfDocument(INGEST / name)
    try:
        for page in document:
            textpage = page.get_textpage()
            if textpage.count_chars() == 0:
                continue
            lines, texts = _page_lines(textpage, rules.layout.pdf)
            assert texts == _bounded_texts(textpage, lines)
    finally:
        document.close()


def test_two_column_pdf_is_read_column_by_column(tmp_path: Path, rules: Rules) -> None:
    words = (EXAMPLES / "kamervragen-vakkrachten_2017-07-18.txt").read_text(encoding="utf-8")
    short = " ".join(w for w in words.split() if len(w) < 30)  # nothing overflows a column
    data, pages = two_column_pdf(short)
    path = tmp_path / "two-columns.pdf"
    path.write_bytes(data)
    flat = " ".join(read_document(path, rules).text.split())
    pairs = [(a, b) for lines in pages for a, b in itertools.pairwise(lines)]
    # a word broken with a hyphen at the end of a line is joined again
    missed = [(a, b) for a, b in pairs
              if not a.endswith("-") and f"{a} {b.rstrip('-')}" not in flat]
    assert len(pages) > 1 and not missed, missed[:3]


def test_column_edge_just_below_the_rounded_gutter_is_no_crossing(rules: Rules) -> None:
    """A right column starting at x 311.07 does not cross a gutter found up to x 311.1."""
    assert rules.layout.pdf is not None
    ends = [290.1, 292.3, 288.7, 294.34, 291.0, 289.9]  # ragged, the gutter starts at 294.3
    left = [Box(56.2, 700 - 11 * i, end, 708 - 11 * i) for i, end in enumerate(ends)]
    right = [Box(311.07 if i % 2 else 311.2, 700 - 11 * i, 500.0, 708 - 11 * i)
             for i in range(6)]
    order = reading_order(rows([*left, *right], rules.layout.pdf.min_gutter), rules.layout.pdf)
    assert [box.left < 300 for box in order] == [True] * 6 + [False] * 6


@pytest.mark.corpus
def test_garbled_font_is_refused(rules: Rules) -> None:
    path = corpus_path("pdf/edge_cases/wetsuite-garble_kapotte-fontcodering.pdf")
    with pytest.raises(DocumentError, match="broken font encoding") as caught:
        read_document(path, rules, ocr=True)
    # --ocr reads pages without text; it does not replace a garbage text layer
    assert "--force-ocr" in caught.value.fix and "pass --ocr" not in caught.value.fix


@pytest.mark.corpus
def test_whole_corpus_reads_or_fails_cleanly(rules: Rules) -> None:
    from factcheck.ingest import discover

    paths, errors = discover([str(corpus_path("pdf")), str(corpus_path("xml")),
                              str(corpus_path("tei")), str(corpus_path("txt"))])
    assert errors == []
    assert len(paths) > 50
    failed: list[tuple[str, bool]] = []
    for path in paths:
        try:
            doc = read_document(path, rules)
        except DocumentError as error:
            failed.append((path.name, bool(error.fix)))
            continue
        assert doc.text.strip()
        assert all(0 <= t.start < t.end <= len(doc.text) for t in doc.turns)
    assert sorted(failed) == [("blg-1007826_scan-zonder-tekstlaag.pdf", True),
                              ("emmen-toezeggingen-commissie-bme_2024-12-10_scan.pdf", True),
                              ("vws-nota-mondzorg_scan.pdf", True),
                              ("wetsuite-garble_kapotte-fontcodering.pdf", True)]
