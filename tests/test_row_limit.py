"""Excel's row limit: a sheet too long for one continues on numbered sheets, nothing lost.

The limit (``factcheck.report.parts.MAX_ROWS``, Excel's 1.048.576) is lowered
to a few rows, so the bundled examples (147 claims, 13 findings) split the way
a corpus of 50.000 documents does at the real limit.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.comments import Comment

from factcheck import read_csv_report
from factcheck.cli import ExitStatus, main
from factcheck.report import parts
from factcheck.report.parts import chunks, part_count, place

from conftest import EXAMPLES

ROWS = 8
"""Data rows per sheet in these tests (the limit is ROWS + 1 with the header)."""
REFERENCE = Path(__file__).parent / "data" / "reference"


def check(docs: Path, out: Path, limit: int, monkeypatch: pytest.MonkeyPatch,
          *extra: str) -> None:
    monkeypatch.setattr(parts, "MAX_ROWS", limit)
    assert main(["check", str(docs), "--out", str(out), *extra]) == ExitStatus.OK


def sheets_of(book: Any, name: str) -> list[Any]:
    """The sheet ``name`` and its parts "name (2)" …, in the workbook's order."""
    pattern = re.compile(rf"{re.escape(name)}( \((\d+)\))?")
    return [book[t] for t in book.sheetnames if pattern.fullmatch(t)]


def header(sheet: Any) -> list[Any]:
    return [c.value for c in sheet[1]]


def data_rows(sheet: Any) -> list[dict[str, Any]]:
    names = header(sheet)
    return [dict(zip(names, values, strict=False))
            for values in sheet.iter_rows(min_row=2, values_only=True)]


def ids(book: Any, name: str, column: str = "id") -> list[Any]:
    return [row[column] for sheet in sheets_of(book, name) for row in data_rows(sheet)]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The examples checked at the real limit and at ROWS rows per sheet."""
    folder = tmp_path_factory.mktemp("rowlimit")
    whole, split = folder / "whole.xlsx", folder / "split.xlsx"
    with pytest.MonkeyPatch.context() as monkeypatch:
        check(EXAMPLES, whole, parts.MAX_ROWS, monkeypatch)
        check(EXAMPLES, split, ROWS + 1, monkeypatch, "--csv", str(folder / "csv"))
    return whole, split


@pytest.fixture(scope="module")
def side_claims(runs: tuple[Path, Path]) -> dict[str, tuple[Any, Any]]:
    """Finding id → the claim ids its A and B values stand for (the CSV tables say)."""
    findings = read_csv_report(runs[1].parent / "csv").findings
    return {str(f.id): (f.a_id, f.b_id) for f in findings.itertuples()}


@pytest.fixture(scope="module")
def whole(runs: tuple[Path, Path]) -> Any:
    return openpyxl.load_workbook(runs[0])


@pytest.fixture(scope="module")
def split(runs: tuple[Path, Path]) -> Any:
    return openpyxl.load_workbook(runs[1])


# --- the limit and where a row goes -----------------------------------------------------------

def test_the_limit_is_excels() -> None:
    assert parts.MAX_ROWS == 1_048_576 == 2**20


def test_rows_fill_a_sheet_to_the_limit_then_the_next(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parts, "MAX_ROWS", 4)  # a header and 3 data rows per sheet
    assert [place("Claims", i) for i in range(7)] == [
        ("Claims", 2), ("Claims", 3), ("Claims", 4), ("Claims (2)", 2), ("Claims (2)", 3),
        ("Claims (2)", 4), ("Claims (3)", 2)]
    assert [list(c) for c in chunks(list(range(7)))] == [[0, 1, 2], [3, 4, 5], [6]]
    empty: list[int] = []
    assert [list(c) for c in chunks(empty)] == [[]]  # an empty table still gets its sheet
    assert [part_count(n) for n in (0, 1, 3, 4, 6, 7)] == [1, 1, 1, 2, 2, 3]
    monkeypatch.setattr(parts, "MAX_ROWS", 1_048_576)
    assert place("Claims", 1_048_574) == ("Claims", 1_048_576)  # the last row Excel has
    assert place("Claims", 1_048_575) == ("Claims (2)", 2)
    assert part_count(1_372_104) == 2


# --- the split sheets -------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["Findings", "Statements", "Claims"])
def test_split_sheets_each_have_the_header_and_at_most_the_limit(whole: Any, split: Any,
                                                                 name: str) -> None:
    total = len(ids(whole, name))
    assert total > ROWS  # the examples are long enough to split
    titles = [s.title for s in sheets_of(split, name)]
    count = -(-total // ROWS)
    assert titles == [name, *(f"{name} ({n})" for n in range(2, count + 1))]
    order = split.sheetnames
    assert order[order.index(name):order.index(name) + count] == titles  # side by side
    for sheet in sheets_of(split, name):
        assert header(sheet) == header(whole[name])
        assert sheet.max_row <= ROWS + 1
    assert [len(data_rows(s)) for s in sheets_of(split, name)] == [
        *[ROWS] * (count - 1), total - ROWS * (count - 1)]


def test_documents_sheet_under_the_limit_is_not_split(split: Any) -> None:
    assert [s.title for s in sheets_of(split, "Documents")] == ["Documents"]


@pytest.mark.parametrize("name", ["Findings", "Statements", "Claims"])
def test_every_row_once_and_in_order_across_the_parts(whole: Any, split: Any,
                                                      name: str) -> None:
    assert ids(split, name) == ids(whole, name)


def test_every_claim_id_exactly_once(whole: Any, split: Any) -> None:
    claim_ids = ids(split, "Claims")
    assert len(claim_ids) == len(set(claim_ids)) == len(ids(whole, "Claims")) == 147


@pytest.mark.parametrize(("name", "freeze", "table"), [
    ("Findings", "B2", "FindingsTable"), ("Statements", "B2", "StatementsTable"),
    ("Claims", "A2", "ClaimsTable")])
def test_each_part_laid_out_like_the_first(whole: Any, split: Any, name: str, freeze: str,
                                           table: str) -> None:
    first = whole[name]
    widths = {k: d.width for k, d in first.column_dimensions.items()}
    for number, sheet in enumerate(sheets_of(split, name), start=1):
        assert sheet.freeze_panes == freeze
        (own,) = sheet.tables.values()  # one table per part, named uniquely in the workbook
        assert own.displayName == (table if number == 1 else f"{table}{number}")
        last = openpyxl.utils.get_column_letter(len(header(sheet)))
        assert own.ref == f"A1:{last}{sheet.max_row}"
        assert own.autoFilter.ref == own.ref
        assert [c.name for c in own.tableColumns] == header(sheet)
        assert sheet["A1"].font.b and sheet["A1"].fill.fill_type == "solid"
        assert {k: d.width for k, d in sheet.column_dimensions.items()} == widths
        assert sheet.print_title_rows == first.print_title_rows == "$1:$1"
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.page_setup.fitToWidth == 1
        if not first.print_area:  # all columns printed
            assert not sheet.print_area
        else:  # the same key columns
            printed = first.print_area.split(":")[1].rstrip("0123456789")
            assert sheet.print_area == f"'{sheet.title}'!$A$1:{printed}{sheet.max_row}"


def test_findings_parts_keep_colours_and_the_verdict_dropdown(split: Any) -> None:
    for sheet in sheets_of(split, "Findings"):
        names = header(sheet)
        verdict = openpyxl.utils.get_column_letter(names.index("Analyst verdict") + 1)
        rows = sheet.max_row
        (dropdown,) = sheet.data_validations.dataValidation
        assert str(dropdown.sqref) == f"{verdict}2:{verdict}{rows}"
        ranges = {str(r.sqref) for r in sheet.conditional_formatting}
        assert f"{verdict}2:{verdict}{rows}" in ranges


# --- links --------------------------------------------------------------------------------

def target(book: Any, location: str) -> dict[str, Any]:
    """The row a link inside the workbook lands on, by header."""
    found = re.fullmatch(r"'(.+)'!A(\d+)", location)
    assert found, location
    sheet = book[found[1]]
    return dict(zip(header(sheet), [c.value for c in sheet[int(found[2])]], strict=False))


def test_statement_links_land_on_their_claims_row(split: Any) -> None:
    landed = set()
    for sheet in sheets_of(split, "Statements"):
        names = header(sheet)
        for row in sheet.iter_rows(min_row=2):
            value = row[names.index("value")]
            claim = target(split, value.hyperlink.location)
            assert claim["id"] == row[names.index("claim")].value
            landed.add(re.sub(r"'!.*", "", value.hyperlink.location))
    assert len(landed) > 3  # the links go to many parts of Claims, not only the first


def test_findings_links_land_on_the_claim_of_their_value(
        split: Any, side_claims: dict[str, tuple[Any, Any]]) -> None:
    landed = 0
    for sheet in sheets_of(split, "Findings"):
        names = header(sheet)
        for row in sheet.iter_rows(min_row=2):
            for number, side in enumerate(("A", "B")):
                cell = row[names.index(f"{side} value")]
                if cell.hyperlink is None:
                    continue
                claim = target(split, cell.hyperlink.location)
                assert claim["id"] == side_claims[row[0].value][number]
                assert claim["value"] == cell.value
                assert claim["text"] in row[names.index(f"{side} as written")].value
                assert claim["doc"] in row[names.index(f"{side} document")].value
                landed += 1
    assert landed >= 2 * 12  # every pair's two sides (the arithmetic finding has one)


def test_summary_top_findings_link_to_their_findings_part(split: Any) -> None:
    summary = split["Summary"]
    links = [c for row in summary.iter_rows() for c in row if c.hyperlink is not None]
    assert links
    for cell in links:
        assert target(split, cell.hyperlink.location)["id"] == cell.value


def summary(book: Any) -> dict[str, Any]:
    return {row[0]: row[1] for row in book["Summary"].iter_rows(min_row=2, max_col=2,
                                                                values_only=True)}


def test_summary_says_which_sheets_are_split(whole: Any, split: Any) -> None:
    claims = len(ids(whole, "Claims"))
    count = -(-claims // ROWS)
    items = summary(split)
    assert items[f"Claims: rows on {count} sheets (Claims to Claims ({count}))"] == claims
    assert not [item for item in summary(whole) if "rows on" in str(item)]
    assert not [item for item in items if str(item).startswith("Documents:")]


def test_under_the_limit_the_workbook_is_as_before(runs: tuple[Path, Path], tmp_path: Path,
                                                   whole: Any,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """At a limit the longest sheet just fits, every sheet is written exactly as at Excel's
    limit: nothing of the split changes a workbook that needs none."""
    out = tmp_path / "fits.xlsx"
    check(EXAMPLES, out, len(ids(whole, "Claims")) + 1, monkeypatch)
    assert openpyxl.load_workbook(out).sheetnames == whole.sheetnames
    with zipfile.ZipFile(runs[0]) as before, zipfile.ZipFile(out) as now:
        names = sorted(n for n in before.namelist() if n.startswith("xl/")
                       and n != "xl/worksheets/sheet1.xml")  # the Summary holds the run date
        assert names == sorted(n for n in now.namelist() if n.startswith("xl/")
                               and n != "xl/worksheets/sheet1.xml")
        for name in names:
            assert before.read(name) == now.read(name), name


# --- the analyst's work on split sheets ----------------------------------------------------

def type_in(out: Path, titles: list[str], values: dict[str, dict[str, Any]],
            new_column: str | None = None) -> None:
    """Type into sheets as an analyst would (in the row of an id), save."""
    book = openpyxl.load_workbook(out, rich_text=True)
    for sheet in (book[t] for t in titles):
        names = header(sheet)
        if new_column:
            sheet.cell(row=1, column=len(names) + 1).value = new_column
            names.append(new_column)
        for row in sheet.iter_rows(min_row=2):
            for column, value in values.get(row[0].value, {}).items():
                sheet.cell(row=row[0].row, column=names.index(column) + 1).value = value
    book.save(out)


def by_id(book: Any, name: str) -> dict[Any, dict[str, Any]]:
    return {row["id"]: row for sheet in sheets_of(book, name) for row in data_rows(sheet)}


def test_analyst_work_on_every_part_survives_reruns(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "factcheck.xlsx"
    check(EXAMPLES, out, ROWS + 1, monkeypatch)
    book = openpyxl.load_workbook(out)
    later = [row["id"] for row in data_rows(book["Findings (2)"])]
    first = data_rows(book["Findings"])[0]["id"]
    claim_part = book["Claims (3)"]
    claim_id = data_rows(claim_part)[1]["id"]
    type_in(out, [s.title for s in sheets_of(book, "Findings")], {
        later[0]: {"Analyst verdict": "confirmed", "Analyst note": "zie bijlage"},
        later[-1]: {"Analyst verdict": "explained", "Gebeld met": "griffie"},
        first: {"Analyst verdict": "duplicate"}}, new_column="Gebeld met")
    type_in(out, ["Claims (3)"], {claim_id: {"nagekeken": "ja"}}, new_column="nagekeken")
    book = openpyxl.load_workbook(out)
    book["Claims (3)"].cell(row=3, column=1).comment = Comment("bron opgevraagd", "analist")
    book.save(out)

    def kept(book: Any) -> None:
        findings = by_id(book, "Findings")
        assert findings[later[0]]["Analyst verdict"] == "confirmed"
        assert findings[later[0]]["Analyst note"] == "zie bijlage"
        assert findings[later[-1]]["Analyst verdict"] == "explained"
        assert findings[later[-1]]["Gebeld met"] == "griffie"
        assert findings[first]["Analyst verdict"] == "duplicate"
        assert by_id(book, "Claims")[claim_id]["nagekeken"] == "ja"
        notes = [(s.title, c.comment.text) for s in sheets_of(book, "Claims")
                 for row in s.iter_rows(min_row=2) for c in row
                 if c.comment is not None and row[0].value == claim_id]
        assert [text for _, text in notes] == ["bron opgevraagd"]
        assert not [t for t in book.sheetnames if "analyst" in t]  # no part taken for the
        # analyst's own sheet

    check(EXAMPLES, out, ROWS + 1, monkeypatch)  # the same limit
    kept(openpyxl.load_workbook(out))
    check(EXAMPLES, out, 6, monkeypatch)  # rows move to other parts
    moved = openpyxl.load_workbook(out)
    kept(moved)
    assert [s.title for s in sheets_of(moved, "Findings")] == [
        "Findings", "Findings (2)", "Findings (3)"]
    check(EXAMPLES, out, 1_048_576, monkeypatch)  # Excel's own limit
    one = openpyxl.load_workbook(out)
    kept(one)
    assert [s.title for s in sheets_of(one, "Findings")] == ["Findings"]
    assert [s.title for s in sheets_of(one, "Claims")] == ["Claims"]


def test_an_analysts_sheet_named_like_a_part_stays_theirs(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    """Excel names a copy of the Claims sheet "Claims (2)": without the workbook's record of
    its parts that sheet is the analyst's, kept beside the tool's own "Claims (2)"."""
    out = tmp_path / "factcheck.xlsx"
    check(EXAMPLES, out, 1_048_576, monkeypatch)
    book = openpyxl.load_workbook(out)
    copy = book.copy_worksheet(book["Claims"])
    copy.title = "Claims (2)"
    copy["A2"] = "mijn selectie"
    book.save(out)
    check(EXAMPLES, out, ROWS + 1, monkeypatch)
    again = openpyxl.load_workbook(out)
    assert again["Claims (2) (analyst)"]["A2"].value == "mijn selectie"
    assert data_rows(again["Claims (2)"])[0]["id"] != "mijn selectie"  # the tool's part
    check(EXAMPLES, out, 1_048_576, monkeypatch)
    third = openpyxl.load_workbook(out)
    assert third["Claims (2) (analyst)"]["A2"].value == "mijn selectie"
    assert "Claims (2)" not in third.sheetnames


def test_a_split_workbook_saved_by_libreoffice_is_read_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """LibreOffice keeps the record of the parts when it saves: a verdict on "Findings (2)"
    comes back, and no part is taken for a sheet of the analyst's."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice is not installed")
    out = tmp_path / "factcheck.xlsx"
    check(EXAMPLES, out, ROWS + 1, monkeypatch)
    later = data_rows(openpyxl.load_workbook(out)["Findings (2)"])[-1]["id"]
    type_in(out, ["Findings (2)"], {later: {"Analyst verdict": "confirmed"}})
    saved = tmp_path / "saved"
    subprocess.run([office, "--headless", "--convert-to", "xlsx", "--outdir", str(saved),
                    str(out)], check=True, capture_output=True, timeout=180,
                   env={**os.environ, "HOME": str(tmp_path)})
    shutil.copy(saved / out.name, out)
    check(EXAMPLES, out, 6, monkeypatch)  # rewritten (rows move to other parts), not left be
    again = openpyxl.load_workbook(out)
    assert "Findings (3)" in again.sheetnames
    assert by_id(again, "Findings")[later]["Analyst verdict"] == "confirmed"
    assert ids(again, "Claims") == ids(openpyxl.load_workbook(saved / out.name), "Claims")
    assert not [t for t in again.sheetnames if "analyst" in t]


def test_reference_sheet_split_and_its_verdicts_kept(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Two documents, one CBS check each, one row per sheet: the verdict typed on
    "Reference (2)" comes back on its row."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("brief.txt", "kopie.txt"):
        shutil.copy(REFERENCE / "docs" / "kst-35925-XV-25.txt", docs / name)
    out = tmp_path / "r.xlsx"
    extra = ("--reference", str(REFERENCE / "cbs"), "--no-cache", "--jobs", "1")
    check(docs, out, 2, monkeypatch, *extra)
    book = openpyxl.load_workbook(out)
    assert [s.title for s in sheets_of(book, "Reference")] == ["Reference", "Reference (2)"]
    (second,) = data_rows(book["Reference (2)"])
    type_in(out, ["Reference (2)"], {second["id"]: {"Analyst verdict": "confirmed"}})
    check(docs, out, 2, monkeypatch, *extra)
    rows = by_id(openpyxl.load_workbook(out), "Reference")
    assert rows[second["id"]]["Analyst verdict"] == "confirmed"
    assert len(rows) == 2
