"""A workbook made for pivoting, on real documents through the real command.

The inputs are the two bundled examples, a Handelingen PDF with its metadata
file (findings on a page), and what an input folder also holds: a README, an
old Word file and a broken PDF. The checks are what an analyst relies on:
numbers and dates are real numbers and dates (pandas reads them as such),
colours follow the verdict cells, the key columns print on A4 landscape, the
per-document chart shows documents only, and all of it survives a re-run
into the same workbook, also from a workbook of the previous layout.
"""

from __future__ import annotations

import datetime
import re
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from openpyxl.comments import Comment
from openpyxl.packaging.custom import StringProperty
from openpyxl.utils import get_column_letter

from factcheck.cli import ExitStatus, main
from factcheck.records import DocumentReport
from factcheck.report import RunInfo, write_workbook
from factcheck.report.cells import SEVERITY_FILLS, VERDICT_FILLS
from factcheck.report.columns import Column
from factcheck.report.summary import per_document
from factcheck.report.tables import fitted_width, header_lines
from tests.test_report import C52, C53, F_TECH

from conftest import DATA, EXAMPLES

PDF = "ah-tk-20202021-3235.pdf"
NOT_DOCUMENTS = ("README.md", "notes.doc", "broken.pdf", "ah-tk-20202021-3235_metadata.xml")
NUMERIC = ("A value", "A low", "A high", "B value", "B low", "B high", "abs difference",
           "rel difference", "A page", "B page", "confidence", "statements")
KEY_COLUMNS = ["id", "verdict", "severity", "A as written", "A quote", "B as written",
               "B quote", "explanation", "Analyst verdict", "Analyst note"]


def make_folder(folder: Path) -> Path:
    folder.mkdir()
    for name in ("techniekpact-debat_2018-06-27.txt", "kamervragen-vakkrachten_2017-07-18.txt"):
        shutil.copy(EXAMPLES / name, folder)
    shutil.copy(DATA / "ingest" / PDF, folder)
    shutil.copy(DATA / "ingest" / "ah-tk-20202021-3235_metadata.xml", folder)
    (folder / "README.md").write_text("# Stukken\n\nDe map bevat 3 stukken; 59.900 vacatures.\n",
                                      encoding="utf-8")
    (folder / "notes.doc").write_bytes(b"\xd0\xcf\x11\xe0 oud Word-bestand")
    (folder / "broken.pdf").write_bytes(b"<html>not a pdf</html>")
    return folder


def check(folder: Path, out: Path) -> None:
    status = main(["check", str(folder), "--out", str(out)])
    assert status == ExitStatus.INPUT_FAILED  # broken.pdf; everything else is read


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("pivot")
    out = base / "reports" / "factcheck.xlsx"
    check(make_folder(base / "stukken"), out)
    return out


@pytest.fixture(scope="module")
def book(written: Path) -> Any:
    return openpyxl.load_workbook(written)


def headers(sheet: Any) -> list[str]:
    return [c.value for c in sheet[1] if c.value is not None]


def cells(sheet: Any, name: str) -> list[Any]:
    index = headers(sheet).index(name) + 1
    return [sheet.cell(row=r, column=index) for r in range(2, sheet.max_row + 1)]


def rows(sheet: Any) -> Iterator[dict[str, Any]]:
    names = headers(sheet)
    for row in sheet.iter_rows(min_row=2, max_col=len(names)):
        yield dict(zip(names, row, strict=True))


def width(sheet: Any, index: int) -> float:
    """A column's width as Excel reads it (openpyxl groups equal neighbours into one range)."""
    for dimension in sheet.column_dimensions.values():
        if dimension.min is not None and dimension.min <= index <= dimension.max:
            return float(dimension.width)
    raise AssertionError(f"column {index} has no width")


# --- what Excel does with the conditional formats, for the rules factcheck writes ------------

_LOOSE = re.compile(r'^LOWER\(TRIM\(SUBSTITUTE\(SUBSTITUTE\(\$?([A-Z]+)\$?2,"-"," "\),"_"," "\)\)\)'
                    r'="([^"]*)"$')
_EXACT = re.compile(r'^\$?([A-Z]+)\$?2="([^"]*)"$')


def _holds(test: str, sheet: Any, row: int) -> bool:
    """One comparison of a rule, evaluated as Excel does for the cell's row."""
    if test.startswith("OR(") and test.endswith(")"):
        return any(_holds(part, sheet, row) for part in re.split(r",(?=LOWER\()", test[3:-1]))
    loose = _LOOSE.match(test)
    if loose:
        value = sheet[f"{loose.group(1)}{row}"].value
        text = " ".join(str(value or "").replace("-", " ").replace("_", " ").split()).lower()
        return text == loose.group(2)
    exact = _EXACT.match(test)
    assert exact, f"a rule this test cannot read: {test}"
    return str(sheet[f"{exact.group(1)}{row}"].value or "").lower() == exact.group(2).lower()


def shown(sheet: Any, ref: str) -> tuple[str | None, str | None]:
    """(fill colour, font colour) the conditional formats give a cell; the first rule that
    holds sets each."""
    cell = sheet[ref]
    fill = font = None
    for formatting in sheet.conditional_formatting:
        if not any(cell.coordinate in r for r in formatting.sqref.ranges):
            continue
        for rule in sorted(formatting.rules, key=lambda r: r.priority):
            if not _holds(rule.formula[0], sheet, cell.row):
                continue
            if rule.dxf.fill is not None and fill is None:
                fill = str(rule.dxf.fill.fgColor.rgb)[-6:]
            if rule.dxf.font is not None and font is None:
                font = str(rule.dxf.font.color.rgb)[-6:]
    return fill, font


def colour(fills: dict[str, Any], key: str) -> str:
    return str(fills[key].fgColor.rgb)[-6:]


# --- numbers, dates and their formats -------------------------------------------------------

def test_findings_numbers_are_numbers_with_thousands_separators(book: Any) -> None:
    sheet = book["Findings"]
    by_written = {r["A as written"].value: r for r in rows(sheet)}
    hundred = by_written["100 miljoen euro"]
    assert hundred["A value"].value == 100_000_000 and hundred["A value"].data_type == "n"
    assert hundred["A value"].number_format == "#,##0"
    assert (hundred["A low"].value, hundred["A high"].value) == (95_000_000, 105_000_000)
    assert hundred["unit"].value == "EUR"
    (pair,) = [r for r in rows(sheet) if r["verdict"].value == "discrepancy"]
    assert pair["A as written"].value == "53 procent"
    assert (pair["A value"].value, pair["B value"].value) == (53, 52)
    assert (pair["A low"].value, pair["A high"].value) == (52.5, 53.5)
    assert pair["A low"].number_format == "#,##0.0##"
    assert pair["abs difference"].value == -1
    assert pair["rel difference"].value == pytest.approx(-1 / 53)
    assert pair["rel difference"].number_format == "0.0%"
    assert pair["difference"].value == "1 procentpunt"  # the text stays beside the numbers
    for row in rows(sheet):
        for name in NUMERIC:
            assert row[name].value is None or isinstance(row[name].value, int | float), \
                (row["id"].value, name, row[name].value)


def test_arithmetic_has_the_stated_figure_as_a_number_and_its_parts_as_text(book: Any) -> None:
    (row,) = [r for r in rows(book["Findings"]) if r["kind"].value == "arithmetic"]
    assert row["A as written"].value == "nog geen 16%"
    assert row["A value"].value == 16 and row["A low"].value is None
    assert row["B as written"].value == "12.000 · 2.000"
    assert row["B value"].value is None  # two parts are no one number
    assert row["abs difference"].value == pytest.approx(2 / 12 * 100 - 16)


def test_pages_are_numbers_and_dates_are_dates(book: Any) -> None:
    sheet = book["Findings"]
    pdf_rows = [r for r in rows(sheet) if r["A document"].value == PDF]
    assert len(pdf_rows) == 3
    assert all(isinstance(r[side].value, int) and r[side].number_format == "0"
               for r in pdf_rows for side in ("A page", "B page"))
    assert {r["A page"].value for r in pdf_rows} == {1, 2}
    debate = next(r for r in rows(sheet) if r["A document"].value.startswith("techniekpact"))
    assert debate["A date"].value == datetime.datetime(2018, 6, 27)
    assert debate["A date"].is_date and debate["A date"].number_format == "yyyy-mm-dd"
    claims = {r["doc"].value: r["doc_date"] for r in rows(book["Claims"])}
    assert claims["kamervragen-vakkrachten_2017-07-18.txt"].value == datetime.datetime(2017, 7, 18)
    documents = {r["doc"].value: r for r in rows(book["Documents"])}
    assert documents["techniekpact-debat_2018-06-27.txt"]["date"].is_date
    statements = list(rows(book["Statements"]))
    assert all(r["date"].is_date for r in statements if r["date"].value is not None)
    assert all(r["number"].data_type == "n" for r in statements)
    run_date = {r[0].value: r[1] for r in book["Summary"].iter_rows(min_row=2, max_col=2)}
    assert run_date["run date"].is_date


def test_pandas_reads_numbers_as_numbers_and_dates_as_dates(written: Path) -> None:
    findings = pd.read_excel(written, sheet_name="Findings")
    for name in NUMERIC:
        assert pd.api.types.is_numeric_dtype(findings[name]), (name, findings[name].dtype)
    assert findings["A value"].sum() > 100_000_000  # a pivot can sum them
    assert pd.api.types.is_datetime64_any_dtype(findings["A date"])
    assert pd.api.types.is_datetime64_any_dtype(findings["B date"])
    claims = pd.read_excel(written, sheet_name="Claims")
    for name in ("value", "low", "high", "start", "end"):
        assert pd.api.types.is_numeric_dtype(claims[name]), name
    assert pd.api.types.is_datetime64_any_dtype(claims["doc_date"])
    statements = pd.read_excel(written, sheet_name="Statements")
    assert pd.api.types.is_numeric_dtype(statements["number"])
    assert pd.api.types.is_datetime64_any_dtype(statements["date"])


# --- colours that follow the cells ----------------------------------------------------------

def test_colours_are_conditional_formats_driven_by_the_verdict_cells(book: Any) -> None:
    sheet = book["Findings"]
    names = headers(sheet)
    analyst = get_column_letter(names.index("Analyst verdict") + 1)
    severity = get_column_letter(names.index("severity") + 1)
    formulas = [rule.formula[0] for f in sheet.conditional_formatting for rule in f.rules]
    assert sum(f"${analyst}2" in f for f in formulas) >= 5  # four verdicts and the row
    assert sum(f"${severity}2" in f for f in formulas) == 8  # severity and verdict cells
    assert not any(c.fill.fill_type for name in ("severity", "Analyst verdict", "suppressed")
                   for c in cells(sheet, name))  # no static fills left
    for row in rows(sheet):
        level = row["severity"].value
        assert shown(sheet, row["severity"].coordinate)[0] == colour(SEVERITY_FILLS, level)
        assert shown(sheet, row["verdict"].coordinate)[0] == colour(SEVERITY_FILLS, level)
        assert shown(sheet, row["Analyst verdict"].coordinate) == (None, None)  # "open"


def test_an_analyst_changing_a_verdict_recolours_the_row(written: Path, tmp_path: Path) -> None:
    copy = tmp_path / "factcheck.xlsx"
    shutil.copy(written, copy)
    book = openpyxl.load_workbook(copy)
    sheet = book["Findings"]
    row = next(rows(sheet))
    row["Analyst verdict"].value = "Confirmed"
    assert shown(sheet, row["Analyst verdict"].coordinate)[0] == colour(VERDICT_FILLS,
                                                                        "confirmed")
    row["Analyst verdict"].value = " False-positive"
    grey = colour(VERDICT_FILLS, "false positive")
    assert shown(sheet, row["Analyst verdict"].coordinate)[0] == grey
    assert shown(sheet, row["suppressed"].coordinate)[0] == grey
    assert shown(sheet, row["A quote"].coordinate)[1] == "808080"  # the row greyed
    row["severity"].value = "high"  # what drives the colour is the cell, not the run
    assert shown(sheet, row["verdict"].coordinate)[0] == colour(SEVERITY_FILLS, "high")
    row["Analyst verdict"].value = "explained"
    assert shown(sheet, row["A quote"].coordinate)[1] is None


# --- widths and print set-up ---------------------------------------------------------------

def test_ids_names_and_numbers_fit_their_columns(book: Any) -> None:
    for title in ("Findings", "Statements", "Claims"):
        sheet = book[title]
        for name in ("id", "A document", "B document", "document", "doc", "A as written",
                     "value", "text", "A value", "B value", "abs difference", "Analyst verdict",
                     "suppressed"):
            if name not in headers(sheet):
                continue
            index = headers(sheet).index(name) + 1
            longest = max((len(f"{c.value:,.3f}" if isinstance(c.value, float) else str(c.value))
                           for c in cells(sheet, name) if c.value is not None), default=0)
            wrapped = all(c.alignment.wrap_text for c in cells(sheet, name))
            assert wrapped or width(sheet, index) > longest, (title, name)
            assert width(sheet, index) >= len(name) + 2 or book[title][1][index - 1].alignment\
                .wrap_text, (title, name)  # the header beside its filter button
    findings = book["Findings"]
    for name in ("A quote", "B quote"):
        index = headers(findings).index(name) + 1
        assert 30 <= width(findings, index) <= 40
        assert all(c.alignment.wrap_text for c in cells(findings, name))


def test_prints_the_key_columns_on_a4_landscape_with_the_header_on_every_page(
        book: Any) -> None:
    for sheet in book.worksheets:
        assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
        assert sheet.print_title_rows == "$1:$1"
    findings = book["Findings"]
    last = get_column_letter(len(KEY_COLUMNS))
    assert findings.print_area == f"'Findings'!$A$1:${last}${findings.max_row}"
    assert headers(findings)[: len(KEY_COLUMNS)] == KEY_COLUMNS
    pairs = [r for r in rows(findings) if r["kind"].value == "cross-document"]
    assert pairs and all(r["A document"].value in r["explanation"].value
                         and r["B document"].value in r["explanation"].value
                         for r in pairs)  # the printed page names the documents
    assert book["Claims"].print_area.startswith("'Claims'!$A$1:$L$")
    assert headers(book["Claims"])[11] == "sentence"


# --- the per-document table and chart -------------------------------------------------------

def per_document_rows(sheet: Any) -> list[tuple[Any, ...]]:
    table = sheet.tables["PerDocumentTable"]
    return [tuple(c.value for c in row) for row in sheet[table.ref]]


def test_per_document_table_holds_documents_only(book: Any) -> None:
    header, *body = per_document_rows(book["Summary"])
    assert header == ("document", "findings", "disagreeing (discrepancy + inconsistent)")
    names = [r[0] for r in body]
    assert not set(names) & set(NOT_DOCUMENTS)
    assert names == ["techniekpact-debat_2018-06-27.txt", PDF,
                     "kamervragen-vakkrachten_2017-07-18.txt"]
    assert [r[1] for r in body] == sorted((r[1] for r in body), reverse=True)
    assert body[0][1:] == (13, 2) and body[2][1:] == (2, 1)
    documents = {r["doc"].value: r for r in rows(book["Documents"])}
    assert set(NOT_DOCUMENTS) <= set(documents)  # still listed where they belong
    sheet = book["Documents"]
    assert shown(sheet, documents["broken.pdf"]["status"].coordinate)[0] == colour(
        SEVERITY_FILLS, "high")  # failed
    assert shown(sheet, documents["notes.doc"]["status"].coordinate)[0] == colour(
        SEVERITY_FILLS, "medium")  # set aside with a warning
    assert shown(sheet, documents[PDF]["status"].coordinate)[0] is None


def test_per_document_table_is_the_top_twenty(tmp_path: Path) -> None:
    """25 documents each repeating the 52% (document i in i findings): the 20 with most."""
    documents = [DocumentReport(f"stuk-{i:02}.txt", f"stuk-{i:02}.txt", "txt", "ok", "", None, 3)
                 for i in range(25)]
    documents.append(DocumentReport("README.md", "README.md", "md", "warning",
                                    "not a document", None, 0))
    findings = []
    for i, document in enumerate(documents[:25]):
        for n in range(i + 1):
            a = replace(C52, id=f"a{i}-{n}", doc=document.doc)
            findings.append(replace(F_TECH, id=f"f{i}-{n}", claims=(a, C53)))
    tallies = per_document(findings, documents)
    assert [t.doc for t in tallies][:3] == ["stuk-24.txt", "stuk-23.txt", "stuk-22.txt"]
    assert tallies[0].findings == 25 and tallies[0].discrepancies == 25
    out = tmp_path / "top.xlsx"
    info = RunInfo("2026-11-30T09:00:00+01:00", "0.1.0", "rules", ("stukken/",))
    write_workbook(out, info, [], findings, documents)
    _, *body = per_document_rows(openpyxl.load_workbook(out)["Summary"])
    assert len(body) == 20
    assert [r[0] for r in body] == [f"stuk-{i:02}.txt" for i in range(24, 4, -1)]
    caption = openpyxl.load_workbook(out)["Summary"]["D13"].value
    assert "the 20 with most findings, of 25 documents with findings" in caption


# --- the round trip keeps all of it --------------------------------------------------------

def test_a_rerun_keeps_analyst_work_and_the_pivot_layout(written: Path, tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "stukken")
    out = tmp_path / "factcheck.xlsx"
    shutil.copy(written, out)
    book = openpyxl.load_workbook(out)
    sheet = book["Findings"]
    first = next(rows(sheet))
    fid = first["id"].value
    first["Analyst verdict"].value = "confirmed"
    first["Analyst note"].value = "Nagerekend: 16,7%."
    first["A value"].comment = Comment("16 of 16,7?", "analist")
    sheet.cell(row=1, column=len(headers(sheet)) + 1).value = "Gebeld met"
    sheet.cell(row=first["id"].row, column=len(headers(sheet))).value = "griffie"
    book.create_sheet("Draaitabel").append(["verdict", "aantal"])
    claim = next(rows(book["Claims"]))
    read = claim["doc_date"].value.date().isoformat()
    claim["doc_date"].value = datetime.datetime(2017, 7, 19)  # an analyst corrects a date
    book.save(out)
    check(folder, out)
    after = openpyxl.load_workbook(out)
    commented = [c for row in after["Claims"].iter_rows(min_row=2) for c in row if c.comment]
    assert [c.coordinate for c in commented] == [claim["doc_date"].coordinate]  # dates read
    assert commented[0].value == datetime.datetime(2017, 7, 19)  # back are no edits; this is
    assert f"factcheck reads: {read}" in commented[0].comment.text
    again = {r["id"].value: r for r in rows(after["Findings"])}[fid]
    assert again["Analyst verdict"].value == "confirmed"
    assert again["Analyst note"].value == "Nagerekend: 16,7%."
    assert again["Gebeld met"].value == "griffie"
    assert again["A value"].comment.text.startswith("16 of 16,7?")
    assert again["A value"].value == 16 and again["A value"].number_format == "#,##0"
    assert after["Draaitabel"]["A1"].value == "verdict"
    assert shown(after["Findings"], again["Analyst verdict"].coordinate)[0] == colour(
        VERDICT_FILLS, "confirmed")
    assert after["Findings"].print_area is not None
    frame = pd.read_excel(out, sheet_name="Findings")
    assert all(pd.api.types.is_numeric_dtype(frame[name]) for name in NUMERIC)


SCHEMA_ONE = ["id", "kind", "verdict", "severity", "confidence", "measure", "statements",
              "values", "A value", "A document", "A page", "A speaker", "A quote", "B value",
              "B document", "B page", "B speaker", "B quote", "difference", "explanation",
              "suppressed", "Analyst verdict", "Analyst note"]
"""The Findings headers factcheck wrote before the numeric columns (schema 1)."""


def make_schema_one(new: Path, old: Path, gone: str) -> None:
    """The workbook as factcheck wrote it before the numeric columns: the value as written
    (text) under "A value", none of the new columns; one finding since gone."""
    book = openpyxl.load_workbook(new)
    sheet = book["Findings"]
    for side in ("A", "B"):
        names = headers(sheet)
        sheet.delete_cols(names.index(f"{side} value") + 1)
        names = headers(sheet)
        sheet.cell(row=1, column=names.index(f"{side} as written") + 1).value = f"{side} value"
    for index in range(len(headers(sheet)), 0, -1):
        if sheet.cell(row=1, column=index).value not in SCHEMA_ONE:
            sheet.delete_cols(index)
    assert sorted(headers(sheet)) == sorted(SCHEMA_ONE)
    names = headers(sheet)
    last = sheet.max_row + 1
    sheet.cell(row=last, column=1).value = gone
    sheet.cell(row=last, column=names.index("A value") + 1).value = "12,5 miljard"
    sheet.cell(row=last, column=names.index("A document") + 1).value = \
        "techniekpact-debat_2018-06-27.txt"
    sheet.cell(row=last, column=names.index("Analyst verdict") + 1).value = "explained"
    book.custom_doc_props = openpyxl.packaging.custom.CustomPropertyList()
    book.custom_doc_props.append(StringProperty(name="factcheck tool", value="factcheck"))
    book.custom_doc_props.append(StringProperty(name="factcheck schema", value="1"))
    book.save(old)


def test_a_workbook_of_the_text_layout_is_read_and_upgraded(written: Path,
                                                           tmp_path: Path) -> None:
    out = tmp_path / "factcheck.xlsx"
    make_schema_one(written, out, gone="f0000000gone")
    book = openpyxl.load_workbook(out)
    sheet = book["Findings"]
    first = next(rows(sheet))
    fid = first["id"].value
    assert isinstance(first["A value"].value, str)  # text, as schema 1 wrote it
    first["Analyst verdict"].value = "duplicate"
    for name in ("unit",):  # the analyst's own column then; schema 2 has one of that name
        assert name not in headers(sheet)
        sheet.cell(row=1, column=sheet.max_column + 1).value = name
        sheet.cell(row=first["id"].row, column=sheet.max_column).value = "miljoen euro"
    book.save(out)
    check(make_folder(tmp_path / "stukken"), out)
    after = openpyxl.load_workbook(out)
    props = {p.name: p.value for p in after.custom_doc_props}
    assert props["factcheck schema"] == "2"
    now = {r["id"].value: r for r in rows(after["Findings"])}
    assert now[fid]["Analyst verdict"].value == "duplicate"
    assert isinstance(now[fid]["A value"].value, int | float)
    assert now[fid]["unit (analyst)"].value == "miljoen euro"  # kept, beside the tool's unit
    assert now[fid]["unit"].value in ("percent", "count", "EUR")
    assert set(headers(after["Findings"])) == {*headers(openpyxl.load_workbook(written)
                                                         ["Findings"]), "unit (analyst)"}
    (retired,) = list(rows(after["Retired"]))
    assert retired["id"].value == "f0000000gone"
    assert retired["A as written"].value == "12,5 miljard"  # moved to where text now goes
    assert retired["A value"].value is None
    assert retired["Analyst verdict"].value == "explained"
    assert retired["retired"].is_date


@pytest.mark.parametrize(("column", "values", "expected"), [
    (Column("id", 13), ["fad974630e9b"], 13),  # the id whole, and a space
    (Column("suppressed", 10), [None, "yes"], 13),  # the header and its filter button
    (Column("A document", 24), ["kamervragen-vakkrachten_2017-07-18.txt"], 39),  # whole
    (Column("A quote", 40, "quote"), ["x" * 300], 40),  # wraps beyond its width
    (Column("A quote", 40, "quote"), ["Nu doet 52%."], 13),  # no wider than it needs
    (Column("A value", 16, "number"), [100_000_000.0], 12),  # as shown: 100.000.000
    (Column("rel difference", 12, "number", "0.0%"), [-0.0189], 13),  # "difference" whole
    (Column("Analyst note", 24, "wrap", fit=False), [None], 24),  # room to type
])
def test_fitted_width(column: Column, values: list[Any], expected: float) -> None:
    assert fitted_width(column, values) == expected


def test_a_long_header_wraps_instead_of_widening_a_narrow_column() -> None:
    column = Column("disagreeing (discrepancy + inconsistent)", 28, "number")
    fitted = replace(column, width=fitted_width(column, [2]))
    assert fitted.width == 28
    assert header_lines(fitted) == 2


def test_a_workbook_of_the_old_layout_is_rewritten_even_when_nothing_else_changed(
        written: Path, tmp_path: Path) -> None:
    out = tmp_path / "factcheck.xlsx"
    shutil.copy(written, out)
    book = openpyxl.load_workbook(out)
    for prop in book.custom_doc_props:
        if prop.name == "factcheck schema":
            prop.value = "1"  # same findings, same tool and rules: only the layout is old
    book.save(out)
    check(written.parent.parent / "stukken", out)  # the same documents, the same paths
    props = {p.name: p.value for p in openpyxl.load_workbook(out).custom_doc_props}
    assert props["factcheck schema"] == "2"
    assert len(list(tmp_path.glob("factcheck.2*.xlsx"))) == 1  # the old one kept as a backup
