"""Word (.docx) and Markdown read as their readers see them, and the dates documents state.

The .docx is the corpus ODT of Aanhangsel 3235 saved as Word by LibreOffice
(``soffice --headless --convert-to docx``); the Markdown file is the
rijksoverheid.nl transcript of the 17 November 2017 press conference as a
website export: YAML front matter, WordPress comments, inline HTML, links,
an image and emphasis. Each has its plain-text copy beside it.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from spacy.language import Language

from factcheck.errors import DocumentError
from factcheck.extract import extract_claims
from factcheck.ingest import discover, read_document
from factcheck.ingest.docx import docx_lines
from factcheck.ingest.markdown import reader_text, split_front_matter
from factcheck.ingest.xml import _odt_lines
from factcheck.records import Claim
from factcheck.rules import Rules
from tests.conftest import DATA

FORMATS = DATA / "formats"
INGEST = DATA / "ingest"
NEWS = "persconferentie-ministerraad_2017-11-17"
ANSWERS = "ah-tk-20202021-3235"


def claims_of(path: Path, rules: Rules, nlp: Language) -> list[tuple[object, ...]]:
    """What an analyst compares: the figure, its reading and its sentence."""
    def key(c: Claim) -> tuple[object, ...]:
        return (c.text, c.value, c.unit, c.qualifier, c.interval, c.sentence, c.speaker,
                c.question)
    return [key(c) for c in extract_claims(read_document(path, rules), nlp)]


@pytest.mark.issue(11)
def test_docx_gives_the_claims_of_its_plain_text_copy(rules: Rules, nlp: Language) -> None:
    from_word = claims_of(FORMATS / f"{ANSWERS}.docx", rules, nlp)
    assert len(from_word) >= 20
    assert from_word == claims_of(FORMATS / f"{ANSWERS}.txt", rules, nlp)
    assert from_word == claims_of(INGEST / f"{ANSWERS}.odt", rules, nlp)


def test_docx_has_the_structure_of_the_odt_it_was_saved_from() -> None:
    word = docx_lines(Path("a.docx"), (FORMATS / f"{ANSWERS}.docx").read_bytes())
    odt = [line for line in _odt_lines(Path("a.odt"), (INGEST / f"{ANSWERS}.odt").read_bytes())
           if line]
    assert word == odt  # text boxes (the imprint) first, then paragraphs and cells in order


def test_docx_document_meta_and_answers(rules: Rules) -> None:
    document = read_document(FORMATS / f"{ANSWERS}.docx", rules)
    assert (document.format, document.meta.doc_type, document.meta.date) == (
        "docx", "Aanhangsel", "2021-06-21")
    plain = read_document(FORMATS / f"{ANSWERS}.txt", rules)
    answers = [s.number for s in document.sections if s.kind == "answer"]
    assert answers == [s.number for s in plain.sections if s.kind == "answer"]
    assert answers[:3] == ["1", "2", "3"]


def test_docx_tables_notes_merges_and_tracked_changes(tmp_path: Path, rules: Rules) -> None:
    word = docx.Document()
    word.add_paragraph("De regeling kost € 45 miljoen per jaar.")
    table = word.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "Uitgaven"
    table.cell(0, 1).text, table.cell(0, 2).text = "2023", "2024"
    table.cell(1, 1).text, table.cell(1, 2).text = "12,5", "-3"
    word.add_paragraph("Slot.")
    buffer = io.BytesIO()
    word.save(buffer)
    lines = docx_lines(Path("t.docx"), buffer.getvalue())
    assert lines == ["De regeling kost € 45 miljoen per jaar.", "Uitgaven", "2023", "2024",
                     "12,5", "-3", "Slot."]


def test_a_file_that_is_no_docx_is_one_clear_error(tmp_path: Path, rules: Rules) -> None:
    fake = tmp_path / "notulen.docx"
    fake.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(DocumentError, match=r"not a Word \.docx file") as caught:
        read_document(fake, rules)
    assert "save it again as .docx" in caught.value.fix


def test_docx_files_are_found_in_folders(tmp_path: Path) -> None:
    (tmp_path / "brief.docx").write_bytes((FORMATS / f"{ANSWERS}.docx").read_bytes())
    found, errors = discover([str(tmp_path)])
    assert [p.name for p in found] == ["brief.docx"] and errors == []


# --- Markdown ----------------------------------------------------------------------------------

@pytest.mark.issue(11)
def test_markdown_export_gives_the_claims_of_its_plain_text_copy(rules: Rules,
                                                                 nlp: Language) -> None:
    from_markdown = claims_of(FORMATS / f"{NEWS}.md", rules, nlp)
    assert from_markdown == claims_of(FORMATS / f"{NEWS}.txt", rules, nlp)
    texts = [c[0] for c in from_markdown]
    assert "achttien procent" in texts and "30.000" in texts and "400 miljoen" in texts
    # the front matter's description ("Min 18% WW-uitkeringen …"), weight and dates are no claims
    assert "18%" not in texts and not any("20171117" in str(c[0]) for c in from_markdown)


def test_markdown_reads_as_the_page_a_reader_sees(rules: Rules) -> None:
    document = read_document(FORMATS / f"{NEWS}.md", rules)
    plain = read_document(FORMATS / f"{NEWS}.txt", rules)
    assert document.text.replace("\n", " ") == plain.text.replace("\n", " ")
    assert (document.meta.title, document.meta.date) == (
        "Letterlijke tekst persconferentie na ministerraad 17 november 2017", "2017-11-17")
    for markup in ("<", "](", "**", "&nbsp;", "shareInit", "wp:heading", "dejonge-800x450"):
        assert markup not in document.text


@pytest.mark.parametrize(
    ("markdown", "seen"),
    [("Een **vette\nzin** en _schuin_ en `code`.", "Een vette\nzin en schuin en code."),
     ("Zie [het rapport](https://x.nl/r \"titel\") en ![foto](a.jpg).", "Zie het rapport en ."),
     ("<p>Eén <abbr title=\"x\">CBS</abbr>-cijfer:<br/>4,4&nbsp;%</p>", "Eén CBS-cijfer:\n4,4 %"),
     ("## Kop ##\nTekst", "Kop\nTekst"),
     ("- 12 scholen\n- 3 gemeenten\n\n1. eerste", "12 scholen\n3 gemeenten\n\n1. eerste"),
     ("> geciteerd\n> verder", "geciteerd\nverder"),
     ("De voorzitter:\nIk geef het woord aan **de minister**.",
      "De voorzitter:\nIk geef het woord aan de minister."),
     ("<!-- 1.000 -->Tekst<script>var n = 5;</script>", "Tekst"),
     ("| jaar | 2023 |\n|---|---|\n| kosten | 5 |", "| jaar | 2023 |\n| kosten | 5 |"),
     ("[1]: https://x.nl\nTekst \\*niet\\* vet", "Tekst *niet* vet"),
     ("```\nx = 10 * 2\n```", "x = 10 * 2")])
def test_markdown_syntax_and_inline_html(markdown: str, seen: str) -> None:
    assert reader_text(markdown) == seen


def test_front_matter_gives_title_and_date_and_is_not_text(rules: Rules, tmp_path: Path) -> None:
    page = tmp_path / "nieuws.md"
    page.write_text("+++\ntitle = \"Woningbouw\"\ndate = \"2024-03-05T10:00:00Z\"\n+++\n"
                    "Er kwamen 82.000 woningen bij.\n", encoding="utf-8")
    document = read_document(page, rules)
    assert (document.meta.title, document.meta.date) == ("Woningbouw", "2024-03-05")
    assert document.text == "Er kwamen 82.000 woningen bij."
    body, fields, warnings = split_front_matter("---\ntitle: [kapot\n---\nTekst")
    assert (body.strip(), fields) == ("Tekst", {}) and "not valid YAML" in warnings[0]
    assert split_front_matter("Tekst --- zonder\n---\n")[1] == {}


def test_dutch_date_in_front_matter(rules: Rules, tmp_path: Path) -> None:
    page = tmp_path / "bericht.md"
    page.write_text("---\ndatum: 3 juni 2021\n---\nTekst.\n", encoding="utf-8")
    assert read_document(page, rules).meta.date == "2021-06-03"


# --- dates and document types -----------------------------------------------------------------

def test_text_gets_its_date_from_its_first_lines(rules: Rules) -> None:
    assert read_document(FORMATS / f"{NEWS}.txt", rules).meta.date == "2017-11-17"


def test_tei_date_from_its_header_not_its_publication(rules: Rules) -> None:
    document = read_document(INGEST / "ParlaMint-NL_2019-05-16-tweedekamer-11.xml", rules)
    assert document.meta.date == "2019-05-16"


def test_official_xml_date_from_its_own_metadata(rules: Rules, tmp_path: Path) -> None:
    source = (INGEST / "h-tk-20202021-102-4.xml").read_text(encoding="utf-8-sig")
    dated = source.replace("<metadata>", '<metadata>\n    <meta name="OVERHEIDop.datumVergadering"'
                           ' scheme="" content="2021-06-10" />', 1)
    path = tmp_path / "h-tk-20202021-102-4.xml"
    path.write_text(dated, encoding="utf-8")
    document = read_document(path, rules)
    assert (document.meta.doc_type, document.meta.date) == ("Handelingen", "2021-06-10")
    assert read_document(INGEST / "h-tk-20202021-102-4.xml", rules).meta.date is None


@pytest.mark.parametrize(
    ("name", "doc_type"),
    [("kst-32545-143.pdf", "Motie"), ("kst-28286-1366.pdf", "Motie"),
     ("ah-tk-20202021-3235.pdf", "Aanhangsel"),
     ("kamerbrief-justitie_draagmoederschap_2011-03-01.pdf", "Kamerbrief")])
def test_pdf_type_from_its_first_page(rules: Rules, name: str, doc_type: str) -> None:
    assert read_document(INGEST / name, rules).meta.doc_type == doc_type


def test_markdown_transcript_keeps_its_speaker_turns(rules: Rules, tmp_path: Path) -> None:
    from tests.conftest import EXAMPLES

    plain = EXAMPLES / "techniekpact-debat_2018-06-27.txt"
    page = tmp_path / "debat.md"
    page.write_text("---\ntitle: Debat Techniekpact\ndate: 2018-06-27\n---\n"
                    + plain.read_text(encoding="utf-8"), encoding="utf-8")
    as_markdown, as_text = read_document(page, rules), read_document(plain, rules)
    assert len(as_markdown.turns) >= 10
    assert [(t.speaker, t.party) for t in as_markdown.turns] == [
        (t.speaker, t.party) for t in as_text.turns]
