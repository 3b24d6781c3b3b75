"""Re-running into an existing workbook: analyst input carried over, retired, suppressed,
and a previous file that is not ours (or open, damaged, too big) refused untouched."""

from __future__ import annotations

import json
import os
import time
import zipfile
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from factcheck.errors import OutputError
from factcheck.report import previous as previous_module
from factcheck.report import write_json, write_workbook
from factcheck.report.backup import backup_name, make_backup
from factcheck.report.merge import merge_findings
from factcheck.report.previous import check_unchanged, read_previous
from tests.test_report import (
    CLAIMS,
    DOCUMENTS,
    F_SCHOOLS,
    F_SUM,
    F_TECH,
    FINDINGS,
    INFO,
    column,
    findings_row,
    header,
    load,
    summary_items,
)
from tests.test_workbook_pivot import shown


def backups(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("factcheck.2"))


def annotate(path: Path, verdicts: dict[str, tuple[str | None, str | None]],
             added: tuple[str, dict[str, Any]] | None = None) -> None:
    """What an analyst does: type verdicts and notes, maybe add a column, save."""
    book = load(path)
    sheet = book["Findings"]
    names = header(sheet)
    if added is not None:
        sheet.cell(row=1, column=len(names) + 1).value = added[0]
    for row in sheet.iter_rows(min_row=2):
        fid = row[0].value
        if fid in verdicts:
            verdict, note = verdicts[fid]
            row[names.index("Analyst verdict")].value = verdict
            row[names.index("Analyst note")].value = note
        if added is not None and fid in added[1]:
            sheet.cell(row=row[0].row, column=len(names) + 1).value = added[1][fid]
    book.save(path)


@pytest.fixture
def target(tmp_path: Path) -> Path:
    path = tmp_path / "factcheck.xlsx"
    write_workbook(path, INFO, CLAIMS, FINDINGS, DOCUMENTS)
    return path


# --- carrying over ----------------------------------------------------------------------------

def test_verdict_note_and_added_column_carried_to_the_same_finding(target: Path) -> None:
    annotate(target, {F_TECH.id: ("explained", "Afronding: 52,4 tegen 52,6.")},
             ("Bron gecheckt", {F_TECH.id: "ja, p. 4"}))
    merge = write_workbook(target, INFO, CLAIMS, tuple(reversed(FINDINGS)), DOCUMENTS)
    row = findings_row(load(target), F_TECH.id)
    assert row["Analyst verdict"].value == "explained"
    assert row["Analyst note"].value == "Afronding: 52,4 tegen 52,6."
    assert row["Bron gecheckt"].value == "ja, p. 4"
    assert findings_row(load(target), F_SUM.id)["Bron gecheckt"].value is None
    assert merge.carried == 1 and merge.newly_retired == 0
    assert "carried over 1 analyst verdict/notes" in merge.describe()


def test_gone_finding_moves_to_retired_with_its_verdict_and_comes_back(target: Path) -> None:
    annotate(target, {F_SUM.id: ("confirmed", "Klopt niet: 16,7%.")})
    merge = write_workbook(target, INFO, CLAIMS, (F_TECH, F_SCHOOLS), DOCUMENTS)
    book = load(target)
    assert book.sheetnames == ["Summary", "Findings", "Retired", "Statements", "Claims",
                               "Documents"]
    retired = {c.value: c.row for c in column(book["Retired"], "id")}
    assert set(retired) == {F_SUM.id, "f-nan", "f-tech-low"}
    names = header(book["Retired"])
    row = [c.value for c in book["Retired"][retired[F_SUM.id]]]
    assert row[names.index("Analyst verdict")] == "confirmed"
    assert row[names.index("Analyst note")] == "Klopt niet: 16,7%."
    assert row[names.index("retired")] == datetime.fromisoformat(INFO.run_date)
    assert row[names.index("explanation")] == F_SUM.explanation
    assert merge.newly_retired == 3
    assert summary_items(book)["findings retired (Retired sheet)"] == 3
    # Still retired after another run without it; back in Findings, verdict kept, when it returns.
    merge = write_workbook(target, INFO, CLAIMS, (F_TECH,), DOCUMENTS)
    assert F_SUM.id in [c.value for c in column(load(target)["Retired"], "id")]
    again = {c.value: c.row for c in column(load(target)["Retired"], "id")}[F_SUM.id]
    when = load(target)["Retired"].cell(row=again, column=names.index("retired") + 1)
    assert when.value == datetime.fromisoformat(INFO.run_date) and when.is_date  # read, kept
    (kept,) = [r for r in merge.retired if r.id == F_SUM.id]
    assert kept.retired == "2024-05-01T00:00:00"  # what --json says: ISO text
    write_workbook(target, INFO, CLAIMS, FINDINGS, DOCUMENTS)
    book = load(target)
    assert "Retired" not in book.sheetnames
    assert findings_row(book, F_SUM.id)["Analyst verdict"].value == "confirmed"


def test_false_positive_suppressed_listed_last_and_confirmed_first(target: Path) -> None:
    annotate(target, {F_SUM.id: ("false positive", None), F_SCHOOLS.id: ("confirmed", None)})
    write_workbook(target, INFO, CLAIMS, FINDINGS, DOCUMENTS)
    book = load(target)
    ids = [c.value for c in column(book["Findings"], "id")]
    assert ids[0] == F_SCHOOLS.id
    assert ids[-1] == F_SUM.id
    last = findings_row(book, F_SUM.id)
    assert last["suppressed"].value == "yes"
    assert shown(book["Findings"], last["Analyst verdict"].coordinate) == ("E4E4E4", "808080")
    top = [r[0].value for r in book["Summary"].iter_rows(min_row=2, max_row=11, min_col=4,
                                                          max_col=4) if r[0].value]
    assert top[0] == F_SCHOOLS.id and F_SUM.id not in top
    items = summary_items(book)
    assert items["findings suppressed (false positive, listed last)"] == 1
    assert items["analyst verdict: confirmed"] == 1
    assert items["analyst verdict: open"] == len(FINDINGS) - 2
    assert items["findings"] == len(FINDINGS)  # listed, not silently gone


def test_json_carries_the_analyst_verdict(target: Path, tmp_path: Path) -> None:
    annotate(target, {F_TECH.id: ("False-positive", "zelfde monitor")})
    merge = write_workbook(target, INFO, CLAIMS, FINDINGS, DOCUMENTS)
    out = tmp_path / "f.json"
    write_json(out, INFO, CLAIMS, FINDINGS, DOCUMENTS, merge)
    data = json.loads(out.read_text(encoding="utf-8"))
    tech = next(f for f in data["findings"] if f["id"] == F_TECH.id)
    assert tech["analyst_verdict"] == "False-positive"
    assert tech["analyst_note"] == "zelfde monitor"
    assert tech["suppressed"] is True
    assert data["findings"][-1]["id"] == F_TECH.id
    assert [f["id"] for f in data["findings"]] == [
        c.value for c in column(load(target)["Findings"], "id")]
    assert "analyst_verdict" not in data["findings"][0]
    assert data["retired"] == []


def test_formula_typed_by_the_analyst_comes_back_as_text(target: Path) -> None:
    annotate(target, {F_TECH.id: ("confirmed", '=HYPERLINK("http://example.org","x")')})
    write_workbook(target, INFO, CLAIMS, FINDINGS, DOCUMENTS)
    cell = findings_row(load(target), F_TECH.id)["Analyst note"]
    assert cell.value == '=HYPERLINK("http://example.org","x")'
    assert cell.data_type == "s"
    with zipfile.ZipFile(target) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert b"<f>" not in archive.read(name)


def test_legacy_workbook_without_marker_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "factcheck.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Findings"
    sheet.append(["id", "kind", "verdict", "severity", "Analyst verdict", "Analyst note"])
    sheet.append([F_TECH.id, "cross-document", "discrepancy", "medium", "confirmed", "oud"])
    book.save(path)
    write_workbook(path, INFO, CLAIMS, FINDINGS, DOCUMENTS)
    assert findings_row(load(path), F_TECH.id)["Analyst note"].value == "oud"


def test_workbook_is_marked_as_ours(target: Path) -> None:
    props = {p.name: p.value for p in openpyxl.load_workbook(target).custom_doc_props}
    assert {k: props[k] for k in ("factcheck tool", "factcheck schema")} \
        == {"factcheck tool": "factcheck", "factcheck schema": "2"}
    assert len(props["factcheck content"]) == 32  # what the run found, to skip a no-op rewrite


# --- refusing -----------------------------------------------------------------------------------

def assert_refused(path: Path, match: str) -> None:
    before = path.read_bytes()
    with pytest.raises(OutputError, match=match) as caught:
        write_workbook(path, INFO, CLAIMS, FINDINGS, DOCUMENTS)
    assert "\n" not in str(caught.value) and str(path) in str(caught.value)
    assert path.read_bytes() == before
    assert backups(path.parent) == []
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_not_an_xlsx_file(tmp_path: Path) -> None:
    path = tmp_path / "factcheck.xlsx"
    path.write_text("id;verdict\n1;ok\n")
    assert_refused(path, "is not a factcheck workbook .*choose another --out or move it away")


def test_someone_elses_workbook(tmp_path: Path) -> None:
    path = tmp_path / "factcheck.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["Begroting", 2024])
    book.save(path)
    assert_refused(path, "is not a factcheck workbook")


def test_damaged_workbook(target: Path) -> None:
    target.write_bytes(target.read_bytes()[:3000])
    assert_refused(target, "not a factcheck workbook|cannot be read")


def test_workbook_with_broken_part(target: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(target) as source, zipfile.ZipFile(broken, "w") as copy:
        for item in source.infolist():
            data = source.read(item)
            copy.writestr(item, b"<oops" if item.filename == "xl/workbook.xml" else data)
    assert_refused(broken, r"cannot be read \(damaged")


def test_open_in_another_program(target: Path) -> None:
    lock = target.with_name(f".~lock.{target.name}#")
    lock.write_text("analist,host")
    assert_refused(target, "is open in another program .*close it and run again")
    lock.unlink()
    target.with_name(f"~${target.name}").write_text("x")
    assert_refused(target, "is open in another program")


def test_newer_schema(target: Path) -> None:
    book = openpyxl.load_workbook(target)
    for prop in book.custom_doc_props:
        if prop.name == "factcheck schema":
            prop.value = "99"
    book.save(target)
    assert_refused(target, "newer factcheck .*upgrade factcheck")


def test_too_large(target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(previous_module, "MAX_BYTES", 1000)
    assert_refused(target, "too large")


def test_zip_bomb(target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(previous_module, "MAX_UNPACKED", 1000)
    assert_refused(target, "too large when unpacked")


def test_findings_without_id_column(target: Path) -> None:
    book = openpyxl.load_workbook(target)
    book["Findings"]["A1"].value = "nummer"
    book.save(target)
    assert_refused(target, "has no 'id' column")


def test_changed_while_running(target: Path) -> None:
    previous = read_previous(target)
    assert previous is not None
    time.sleep(0.01)
    target.write_bytes(target.read_bytes() + b"")
    os.utime(target, ns=(time.time_ns(), time.time_ns() + 10**9))
    with pytest.raises(OutputError, match="changed while factcheck ran"):
        check_unchanged(previous)


# --- backups ------------------------------------------------------------------------------------

def test_backup_is_kept_and_never_overwritten(target: Path) -> None:
    before = target.read_bytes()
    same = write_workbook(target, INFO, CLAIMS, FINDINGS, DOCUMENTS)
    assert same.unchanged and same.backup is None and target.read_bytes() == before
    first = write_workbook(target, INFO, CLAIMS, FINDINGS[:-1], DOCUMENTS).backup
    assert first is not None and first.parent == target.parent
    assert first.read_bytes() == before
    assert first.name.startswith("factcheck.2") and first.suffix == ".xlsx"
    now = datetime(2026, 11, 23, 15, 45, 1)
    assert backup_name(target, now).name == "factcheck.2026-11-23T154501.xlsx"
    one, two = make_backup(target, now), make_backup(target, now)
    assert (one.name, two.name) == ("factcheck.2026-11-23T154501.xlsx",
                                    "factcheck.2026-11-23T154501-2.xlsx")
    assert one.read_bytes() == two.read_bytes() == target.read_bytes()


def test_no_previous_no_merge(tmp_path: Path) -> None:
    assert read_previous(tmp_path / "nieuw.xlsx") is None
    assert not merge_findings(None, FINDINGS, "2024-05-01").merged


# --- working comfort ----------------------------------------------------------------------------

def test_verdict_dropdown(target: Path) -> None:
    sheet = load(target)["Findings"]
    validation = sheet.data_validations.dataValidation[0]
    assert validation.type == "list"
    assert validation.formula1 == '"open,confirmed,false positive,explained,duplicate"'
    letter = openpyxl.utils.get_column_letter(header(sheet).index("Analyst verdict") + 1)
    assert str(validation.sqref) == f"{letter}2:{letter}{len(FINDINGS) + 1}"


def test_links_to_claim_rows_and_source_files(tmp_path: Path) -> None:
    source = tmp_path / "stukken" / "techniekpact-debat_2018-06-27.txt"
    source.parent.mkdir()
    source.write_text("tekst")
    pdf = tmp_path / "stukken" / "kamervragen-vakkrachten_2017-07-18.txt"
    pdf.write_text("tekst")
    documents = (replace(DOCUMENTS[0], path=str(source)), replace(DOCUMENTS[1], path=str(pdf)),
                 DOCUMENTS[2])
    path = tmp_path / "factcheck.xlsx"
    write_workbook(path, INFO, CLAIMS, FINDINGS, documents)
    book = load(path)
    row = findings_row(book, F_TECH.id)
    claim_row = int(row["A value"].hyperlink.location.split("!A")[1])
    assert book["Claims"].cell(row=claim_row, column=1).value == F_TECH.claims[0].id
    assert row["A document"].hyperlink.target == source.resolve().as_uri()
    assert row["A value"].font.u == "single"
    doc_cell = column(book["Claims"], "doc")[0]
    assert doc_cell.hyperlink.target == source.resolve().as_uri()
    path_cell = column(book["Documents"], "path")[0]
    assert path_cell.hyperlink.target == source.resolve().as_uri()
    assert column(book["Documents"], "path")[2].hyperlink is None  # a missing file: no link


def test_pdf_link_opens_at_the_page(tmp_path: Path) -> None:
    from factcheck.report.links import Links

    links = Links(sources={"a.pdf": "file:///s/a.pdf", "b.txt": "file:///s/b.txt"})
    assert links.source("a.pdf", 7) == "file:///s/a.pdf#page=7"
    assert links.source("b.txt", 7) == "file:///s/b.txt"
    assert links.source("c.pdf", 7) is None


def test_summary_chart_of_findings_per_document(target: Path) -> None:
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        chart = archive.read("xl/charts/chart1.xml").decode()
    assert "xl/drawings/drawing1.xml" in names
    assert "Findings per document" in chart and "barChart" in chart
    sheet = load(target)["Summary"]
    table = sheet.tables["PerDocumentTable"]
    rows = list(sheet[table.ref])
    assert [c.value for c in rows[0]] == ["document", "findings",
                                          "disagreeing (discrepancy + inconsistent)"]
    tallies = {r[0].value: (r[1].value, r[2].value) for r in rows[1:]}
    assert tallies["techniekpact-debat_2018-06-27.txt"] == (5, 3)
    assert tallies["kamervragen-vakkrachten_2017-07-18.txt"] == (4, 2)
    assert "scan.pdf" not in tallies  # failed documents have no findings to chart
