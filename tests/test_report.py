"""The report stage: write the workbook and JSON, reopen them, check what analysts will see.

The records are built by hand from sentences in the two seed documents (the
Techniekpact debate of 27 June 2018 and the answers of 18 July 2017), so the
workbook under test looks like the real one.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock

from factcheck.errors import OutputError
from factcheck.interval import Interval
from factcheck.records import CLAIM_FIELDS, Claim, DocumentReport, Finding
from factcheck.report import RunInfo, report_dict, write_json, write_workbook
from factcheck.report.atomic import atomic_write

DEBATE = "techniekpact-debat_2018-06-27.txt"
ANSWERS = "kamervragen-vakkrachten_2017-07-18.txt"

FINDINGS_HEADERS = [
    # the key columns, printed
    "id", "verdict", "severity", "A as written", "A quote", "B as written", "B quote",
    "explanation", "Analyst verdict", "Analyst note",
    # where each side stands, and the details, numbers as numbers
    "A document", "A page", "B document", "B page",
    "difference", "abs difference", "rel difference", "unit",
    "A value", "A low", "A high", "B value", "B low", "B high",
    "A speaker", "A date", "B speaker", "B date",
    "kind", "confidence", "measure", "statements", "values", "suppressed",
]


def claim(id: str, text: str, value: float, sentence: str, **fields: Any) -> Claim:
    """A claim with the dull fields filled in."""
    defaults: dict[str, Any] = {
        "doc": DEBATE, "page": 14, "start": 0, "end": len(text), "unit": "%", "qualifier": "exact",
        "interval": Interval.rounded(value - 0.5, value + 0.5), "speaker": None,
    }
    defaults.update(fields)
    return Claim(id=id, text=text, value=value, sentence=sentence, **defaults)


C52 = claim("c-debat-52", "52%", 52.0,
            "Slechts 52% van de technisch opgeleiden werkt in een technisch beroep.",
            speaker="Amhaouch", party="CDA", measure="technisch opgeleiden in technisch beroep",
            measure_keys=("technisch", "opgeleid", "beroep"), population="technisch opgeleiden")
C53 = claim("c-antw-53", "53 procent", 53.0,
            "Van de technisch opgeleiden werkt 53 procent in een technisch beroep.",
            doc=ANSWERS, page=4, speaker="Van Engelshoven", role="Minister",
            source="Monitor Techniekpact", doc_date="2017-07-18")
C12000 = claim("c-debat-12000", "12.000", 12000.0,
               "Ik sloeg Google erop na voor de opleiding communicatie: 12.000 jongeren worden "
               "opgeleid op het gebied van communicatie en 2.000 krijgen er een baan in die "
               "richting, nog geen 16%.", unit="personen",
               interval=Interval.rounded(11500.0, 12500.0),
               speaker="Van Raan", party="PvdD", page=9)
C2000 = replace(C12000, id="c-debat-2000", text="2.000", value=2000.0,
                interval=Interval.rounded(1500.0, 2500.0))
C16 = replace(C12000, id="c-debat-16", text="16%", value=16.0, unit="%", qualifier="less_than",
              interval=Interval.stated(None, 16.0, "less_than"))
C4185 = claim("c-antw-4185", "4.185", 4185.0,
              "Via de Wetenschap & Technologie-netwerken worden 4.185 basisscholen bereikt.",
              doc=ANSWERS, page=3, unit="scholen",
              interval=Interval.rounded(4184.5, 4185.5))
C4185_DEBATE = replace(C4185, id="c-debat-4185", doc=DEBATE, page=20, speaker="Keijzer",
                       role="Staatssecretaris",
                       sentence="Er worden 4.185 basisscholen bereikt via de bèta-netwerken.")

F_TECH = Finding(
    id="f-tech-52-53", kind="cross-document", verdict="discrepancy", severity="medium",
    confidence=0.82, measure="technisch opgeleiden in technisch beroep",
    explanation="Het debat noemt 52%, de antwoorden 53 procent voor hetzelfde aandeel.",
    claims=(C52, C53), difference="1 procentpunt", abs_difference=1.0, rel_difference=0.019,
)
F_SUM = Finding(
    id="f-arith-communicatie", kind="arithmetic", verdict="inconsistent", severity="high",
    confidence=0.7, measure="afgestudeerden communicatie met baan",
    explanation="2.000 van 12.000 is 16,7%, niet 'nog geen 16%'.",
    claims=(C16, C12000, C2000), difference="+0,7 procentpunt", abs_difference=0.7,
)
F_SCHOOLS = Finding(
    id="f-scholen", kind="cross-document", verdict="consistent", severity="info",
    confidence=0.95, measure="basisscholen bereikt", explanation="Beide noemen 4.185.",
    claims=(C4185, C4185_DEBATE),
)
F_LOW = replace(F_TECH, id="f-tech-low", severity="medium", confidence=0.4, verdict="discrepancy")
F_NAN = replace(F_SCHOOLS, id="f-nan", severity="low", confidence=float("nan"),
                abs_difference=float("inf"), verdict="different-period")

CLAIMS = (C52, C53, C12000, C2000, C16, C4185, C4185_DEBATE)
FINDINGS = (F_SCHOOLS, F_TECH, F_NAN, F_LOW, F_SUM)  # deliberately not in severity order
DOCUMENTS = (
    DocumentReport(DEBATE, f"stukken/{DEBATE}", "txt", "ok", "", 42, 5, "Kamerstuk",
                   "2018-06-27"),
    DocumentReport(ANSWERS, f"stukken/{ANSWERS}", "txt", "warning",
                   "page footer not found", 8, 2, "Aanhangsel", "2017-07-18"),
    DocumentReport("scan.pdf", "stukken/scan.pdf", "pdf", "failed",
                   "no text layer: scanned — run OCR first", None, 0),
)
INFO = RunInfo("2024-05-01", "0.1.0", "rules-2024.1", ("stukken/",))


def write(tmp_path: Path, claims: tuple[Claim, ...] = CLAIMS,
          findings: tuple[Finding, ...] = FINDINGS) -> Path:
    path = tmp_path / "out" / "factcheck.xlsx"
    write_workbook(path, INFO, claims, findings, DOCUMENTS)
    return path


def load(path: Any) -> Any:
    return openpyxl.load_workbook(path, rich_text=True)


@pytest.fixture
def book(tmp_path: Path) -> Any:
    return load(write(tmp_path))


def header(sheet: Any) -> list[Any]:
    return [cell.value for cell in sheet[1]]


def column(sheet: Any, name: str) -> list[Any]:
    """The data cells under a header."""
    index = header(sheet).index(name)
    return [row[index] for row in sheet.iter_rows(min_row=2)]


def findings_row(book: Any, finding_id: str) -> dict[str, Any]:
    sheet = book["Findings"]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == finding_id:
            return dict(zip(header(sheet), row, strict=True))
    raise AssertionError(f"{finding_id} not on the Findings sheet")


def bold_runs(value: Any) -> list[str]:
    assert isinstance(value, CellRichText), f"not rich text: {value!r}"
    return [b.text for b in value if isinstance(b, TextBlock) and b.font.b]


# --- structure -----------------------------------------------------------------------------

def test_sheets_in_order(book: Any) -> None:
    assert book.sheetnames == ["Summary", "Findings", "Statements", "Claims", "Documents"]


def test_findings_headers_exactly(book: Any) -> None:
    assert header(book["Findings"]) == FINDINGS_HEADERS


def test_claims_sheet_has_a_column_per_claim_field(book: Any) -> None:
    assert header(book["Claims"]) == list(CLAIM_FIELDS)
    # the interval is written as its bounds, where they always stood
    assert header(book["Claims"])[8:11] == ["qualifier", "low", "high"]


def test_documents_sheet_columns(book: Any) -> None:
    assert header(book["Documents"]) == ["doc", "path", "format", "status", "message", "pages",
                                         "claims", "doc_type", "date"]


@pytest.mark.parametrize(("name", "freeze"), [("Summary", "A2"), ("Findings", "B2"),
                                              ("Claims", "A2"), ("Documents", "A2")])
def test_every_sheet_frozen_a_styled_table_with_filters(book: Any, name: str,
                                                        freeze: str) -> None:
    sheet = book[name]
    assert sheet.freeze_panes == freeze
    table = next(iter(sheet.tables.values()))
    assert table.ref.startswith("A1:")
    assert table.autoFilter.ref == table.ref
    assert table.tableStyleInfo.name.startswith("TableStyle")
    assert table.tableStyleInfo.showRowStripes
    assert [c.name for c in table.tableColumns] == [c.value for c in sheet[1]][
        : len(table.tableColumns)]
    first = sheet["A1"]
    assert first.font.b
    assert first.fill.fill_type == "solid"
    assert not sheet.auto_filter.ref  # a sheet filter over a table makes Excel repair the file


def test_table_covers_every_findings_row(book: Any) -> None:
    last = openpyxl.utils.get_column_letter(len(FINDINGS_HEADERS))
    assert book["Findings"].tables["FindingsTable"].ref == f"A1:{last}{len(FINDINGS) + 1}"


def test_widths_quotes_wide_and_wrapped_numbers_narrow(book: Any) -> None:
    sheet = book["Findings"]
    letters = {h: openpyxl.utils.get_column_letter(i + 1) for i, h in enumerate(header(sheet))}
    for name in ("A quote", "B quote"):
        assert 30 <= sheet.column_dimensions[letters[name]].width <= 40
        assert all(c.alignment.wrap_text for c in column(sheet, name))
    for name in ("confidence", "A page"):
        assert sheet.column_dimensions[letters[name]].width <= 13


def test_findings_sorted_by_severity_then_confidence(book: Any) -> None:
    ids = [c.value for c in column(book["Findings"], "id")]
    assert ids == ["f-arith-communicatie", "f-tech-52-53", "f-tech-low", "f-nan", "f-scholen"]


def test_severity_cell_coloured(book: Any) -> None:
    from tests.test_workbook_pivot import shown

    sheet = book["Findings"]
    colours = {c.value: shown(sheet, c.coordinate)[0] for c in column(sheet, "severity")}
    assert len(set(colours.values())) == 4
    assert colours["high"] == "F8B4B4"


# --- cell contents -------------------------------------------------------------------------

def test_quote_is_rich_text_with_the_claim_in_bold(book: Any) -> None:
    row = findings_row(book, "f-tech-52-53")
    assert bold_runs(row["A quote"].value) == ["52%"]
    assert bold_runs(row["B quote"].value) == ["53 procent"]
    assert str(row["A quote"].value) == C52.sentence
    assert row["A quote"].value[1].font.color.rgb.endswith("C00000")


def test_quote_without_the_claim_text_is_plain(tmp_path: Path) -> None:
    odd = replace(C52, text="tweeënvijftig procent")
    book = load(write(tmp_path, claims=(odd,), findings=()))
    cell = column(book["Claims"], "sentence")[0]
    assert cell.value == C52.sentence
    assert not isinstance(cell.value, CellRichText)


def test_arithmetic_derived_figure_left_parts_right(book: Any) -> None:
    row = findings_row(book, "f-arith-communicatie")
    assert row["A as written"].value == "16%"
    assert row["A value"].value == 16
    assert row["B as written"].value == "12.000 · 2.000"
    assert row["B value"].value is None
    assert row["B page"].value == 9
    assert row["B speaker"].value == "Van Raan (PvdD)"
    assert bold_runs(row["B quote"].value) == ["12.000", "2.000"]
    assert str(row["B quote"].value) == C12000.sentence


def test_speaker_with_party_and_without(book: Any) -> None:
    row = findings_row(book, "f-tech-52-53")
    assert row["A speaker"].value == "Amhaouch (CDA)"
    assert row["B speaker"].value == "Van Engelshoven"


def test_numbers_are_numbers_and_missing_is_empty(book: Any) -> None:
    row = findings_row(book, "f-tech-52-53")
    assert row["confidence"].value == pytest.approx(0.82)
    assert row["A page"].value == 14
    assert row["Analyst verdict"].value == "open"
    assert row["Analyst note"].value is None
    assert row["suppressed"].value is None
    sheet = book["Claims"]
    values = {c.value for c in column(sheet, "value")}
    assert 52.0 in values
    assert 12000.0 in values
    lows = column(sheet, "low")
    assert lows[0].value == pytest.approx(51.5)
    assert lows[CLAIMS.index(C16)].value is None


def test_nan_and_infinity_become_empty_cells(book: Any) -> None:
    assert findings_row(book, "f-nan")["confidence"].value is None


def test_tuple_fields_joined(book: Any) -> None:
    assert column(book["Claims"], "measure_keys")[0].value == "technisch, opgeleid, beroep"


@pytest.mark.parametrize("sentence", [
    "=SUM(A1)",
    "=SUM(A1) procent van de scholen",
    "+31 6 12345678 belde 3 keer",
    "@x noemde 20.000 technici",
    "-5 procent, zei de minister.",
    "=HYPERLINK(\"http://example.org\";\"klik\") 7%",
])
def test_formula_like_text_stays_text(tmp_path: Path, sentence: str) -> None:
    text = sentence.split()[0]
    risky = replace(C52, id=text, text=text, sentence=sentence, measure=sentence)
    path = write(tmp_path, claims=(risky,), findings=(replace(F_TECH, claims=(risky, C53)),))
    book = load(path)
    claims_row = dict(zip(header(book["Claims"]), next(book["Claims"].iter_rows(min_row=2)),
                          strict=True))
    for name in ("id", "text", "sentence", "measure"):
        cell = claims_row[name]
        assert str(cell.value) == (sentence if name in ("sentence", "measure") else text)
        assert cell.data_type == "s"
    assert findings_row(book, F_TECH.id)["A as written"].data_type == "s"
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in archive.read(n) or b"<f " in archive.read(n) for n in sheets)


def test_control_characters_stripped_and_highlight_kept(tmp_path: Path) -> None:
    dirty = replace(C52, sentence="Slechts\x02 52% van de\x0b technisch opgeleiden\ufffe "
                                  "werkt\x00.", speaker="Amhaouch\x1f")
    finding = replace(F_TECH, claims=(dirty, C53))
    book = load(write(tmp_path, claims=(dirty,), findings=(finding,)))
    quote = findings_row(book, F_TECH.id)["A quote"].value
    assert str(quote) == "Slechts 52% van de technisch opgeleiden werkt."
    assert bold_runs(quote) == ["52%"]
    assert findings_row(book, F_TECH.id)["A speaker"].value == "Amhaouch (CDA)"


def test_overlong_text_cut_to_excel_limit(tmp_path: Path) -> None:
    long = replace(C52, sentence="52% " + "lang " * 10_000)
    book = load(write(tmp_path, claims=(long,), findings=()))
    value = column(book["Claims"], "sentence")[0].value
    assert len(str(value)) == 32_767
    assert str(value).endswith("…")


# --- summary --------------------------------------------------------------------------------

def summary_items(book: Any) -> dict[str, Any]:
    sheet = book["Summary"]
    return {row[0].value: row[1].value for row in sheet.iter_rows(min_row=2, max_col=2)
            if row[0].value is not None}


def test_summary_run_identity_and_counts(book: Any) -> None:
    items = summary_items(book)
    assert items["run date"] == datetime.datetime(2024, 5, 1)
    assert items["tool version"] == "0.1.0"
    assert items["rules version"] == "rules-2024.1"
    assert items["input"] == "stukken/"
    assert items["documents: ok"] == 1
    assert items["documents: warning"] == 1
    assert items["documents: failed"] == 1
    assert items["claims"] == len(CLAIMS)
    assert items["findings"] == len(FINDINGS)
    assert items["findings: cross-document"] == 4
    assert items["findings: arithmetic"] == 1
    assert items["findings: within-document"] == 0
    assert items["findings: discrepancy"] == 2
    assert items["findings: inconsistent"] == 1


def test_summary_top_findings_link_to_their_rows(book: Any) -> None:
    sheet = book["Summary"]
    assert [c.value for c in sheet[1][3:8]] == ["id", "verdict", "severity", "explanation",
                                                "Analyst verdict"]
    top = [row for row in sheet.iter_rows(min_row=2, max_row=11, min_col=4, max_col=8)
           if row[0].value]
    assert [r[0].value for r in top] == ["f-arith-communicatie", "f-tech-52-53", "f-tech-low"]
    assert top[0][4].value == "open"
    assert top[0][3].value == F_SUM.explanation
    assert top[1][0].hyperlink.location == "'Findings'!A3"


def test_summary_top_is_at_most_ten(tmp_path: Path) -> None:
    many = tuple(replace(F_TECH, id=f"f-{i:02d}", confidence=i / 20) for i in range(15))
    sheet = load(write(tmp_path, findings=many))["Summary"]
    top = [row[0].value for row in sheet.iter_rows(min_row=2, max_row=11, min_col=4, max_col=4)
           if row[0].value]
    assert top == [f"f-{i:02d}" for i in range(14, 4, -1)]


def test_empty_run_still_writes_a_readable_workbook(tmp_path: Path) -> None:
    path = tmp_path / "leeg.xlsx"
    write_workbook(path, INFO, (), (), ())
    book = load(path)
    assert book.sheetnames == ["Summary", "Findings", "Statements", "Claims", "Documents"]
    assert header(book["Findings"]) == FINDINGS_HEADERS
    assert book["Summary"]["D2"].value == "no discrepancies or inconsistencies found"


# --- JSON -----------------------------------------------------------------------------------

def test_json_round_trips_and_matches_the_workbook(tmp_path: Path) -> None:
    xlsx, target = write(tmp_path), tmp_path / "out" / "factcheck.json"
    write_json(target, INFO, CLAIMS, FINDINGS, DOCUMENTS)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data == json.loads(json.dumps(report_dict(INFO, CLAIMS, FINDINGS, DOCUMENTS)))
    assert list(data) == ["run", "claims", "findings", "documents"]
    book = load(xlsx)
    assert [f["id"] for f in data["findings"]] == [c.value for c in column(book["Findings"], "id")]
    assert [c["id"] for c in data["claims"]] == [c.value for c in column(book["Claims"], "id")]
    assert [d["doc"] for d in data["documents"]] == [
        c.value for c in column(book["Documents"], "doc")]
    items = summary_items(book)
    assert items["claims"] == len(data["claims"])
    for verdict in ("discrepancy", "inconsistent", "consistent"):
        assert items[f"findings: {verdict}"] == sum(
            f["verdict"] == verdict for f in data["findings"])


def test_json_records_are_complete(tmp_path: Path) -> None:
    data = report_dict(INFO, CLAIMS, FINDINGS, DOCUMENTS)
    assert data["run"] == {"run_date": "2024-05-01", "tool_version": "0.1.0",
                           "rules_version": "rules-2024.1", "inputs": ["stukken/"]}
    assert data["claims"][0]["measure_keys"] == ["technisch", "opgeleid", "beroep"]
    first = data["findings"][0]
    assert list(first) == ["id", "kind", "verdict", "severity", "confidence", "measure",
                           "explanation", "difference", "abs_difference", "rel_difference",
                           "statements", "documents", "disagree", "spread", "aliases",
                           "claims"]
    assert [c["id"] for c in first["claims"]] == ["c-debat-16", "c-debat-12000", "c-debat-2000"]
    assert first["claims"][1]["sentence"] == C12000.sentence
    assert data["documents"][2]["pages"] is None


def test_json_is_utf8_strict_and_nan_free(tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    write_json(target, INFO, CLAIMS, FINDINGS, DOCUMENTS)
    raw = target.read_bytes()
    assert "bèta-netwerken".encode() in raw
    assert b"\\u00e8" not in raw
    assert b"2.000 van 12.000 is 16,7%" in raw
    assert b"NaN" not in raw
    assert b"Infinity" not in raw
    assert raw.startswith(b'{\n  "run"')
    nan = next(f for f in json.loads(raw)["findings"] if f["id"] == "f-nan")
    assert nan["confidence"] is None
    assert nan["abs_difference"] is None


# --- writing safely -------------------------------------------------------------------------

def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_parent_folder_created(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "factcheck.xlsx"
    write_workbook(path, INFO, CLAIMS, FINDINGS, DOCUMENTS)
    assert path.is_file()
    assert leftovers(path.parent) == []


def test_parent_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "reports"
    blocker.write_text("not a folder")
    with pytest.raises(OutputError, match="reports") as caught:
        write_workbook(blocker / "factcheck.xlsx", INFO, CLAIMS, FINDINGS, DOCUMENTS)
    assert "\n" not in str(caught.value)
    assert blocker.read_text() == "not a folder"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("writer", [write_workbook, write_json])
def test_folder_as_target(tmp_path: Path, writer: Any) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    with pytest.raises(OutputError, match="is a folder"):
        writer(folder, INFO, CLAIMS, FINDINGS, DOCUMENTS)
    assert list(folder.iterdir()) == []
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="needs POSIX permissions and a non-root user")
def test_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(OutputError, match="cannot write"):
            write_workbook(folder / "x.xlsx", INFO, CLAIMS, FINDINGS, DOCUMENTS)
    finally:
        folder.chmod(0o755)


def test_replace_failure_keeps_old_file_and_removes_temp(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A locked target (Excel on Windows) makes os.replace fail with PermissionError."""
    path = tmp_path / "factcheck.xlsx"
    write_workbook(path, INFO, CLAIMS, FINDINGS, DOCUMENTS)
    old = path.read_bytes()

    def locked(src: Any, dst: Any) -> None:
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(OutputError, match="close the file"):
        write_workbook(path, INFO, CLAIMS, FINDINGS[:2], DOCUMENTS)
    assert path.read_bytes() == old
    assert leftovers(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["factcheck.xlsx"]  # no backup left


def test_existing_file_replaced_only_by_a_complete_workbook(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "factcheck.xlsx"
    write_workbook(path, INFO, CLAIMS, FINDINGS, DOCUMENTS)
    old = path.read_bytes()
    real_replace = os.replace
    seen: list[str] = []

    def checked(src: Any, dst: Any) -> None:
        assert Path(dst).read_bytes() == old  # untouched until the rename
        with open(src, "rb") as handle:  # and the new one is complete
            assert load(handle).sheetnames[0] == "Summary"
        seen.append(Path(src).name)
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", checked)
    write_workbook(path, INFO, CLAIMS, FINDINGS, DOCUMENTS, versions="another rules version")
    assert seen  # (an unchanged run would leave the file alone)
    assert seen[0].startswith(".factcheck.xlsx.")
    assert load(path).sheetnames == ["Summary", "Findings", "Statements", "Claims", "Documents"]
    assert leftovers(tmp_path) == []


def test_failure_while_writing_leaves_old_file(tmp_path: Path) -> None:
    path = tmp_path / "factcheck.json"
    path.write_text("{}")

    def half(handle: Any) -> None:
        handle.write(b'{"run": ')
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        atomic_write(path, half)
    assert path.read_text() == "{}"
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_new_file_gets_normal_permissions_and_keeps_old_ones(tmp_path: Path) -> None:
    path = write(tmp_path)
    mask = os.umask(0o022)
    os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~mask
    path.chmod(0o640)
    write(tmp_path)
    assert path.stat().st_mode & 0o777 == 0o640


# --- other readers --------------------------------------------------------------------------

def test_libreoffice_opens_the_workbook(tmp_path: Path) -> None:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice is not installed")
    path = write(tmp_path)
    out = tmp_path / "converted"
    subprocess.run([office, "--headless", "--convert-to", "csv", "--outdir", str(out),
                    str(path)], check=True, capture_output=True, timeout=180,
                   env={**os.environ, "HOME": str(tmp_path)})
    text = (out / "factcheck.csv").read_text(encoding="utf-8", errors="replace")
    assert "run date" in text
    assert "rules-2024.1" in text


def test_permission_denied_names_the_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs as root too: the refusal is simulated where the temporary file is created."""
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(OutputError, match=r"cannot write .*x\.xlsx: Permission denied — "):
        write_workbook(tmp_path / "x.xlsx", INFO, CLAIMS, FINDINGS, DOCUMENTS)
    assert list(tmp_path.iterdir()) == []


def test_every_sheet_prints_one_a4_page_wide_with_its_header(tmp_path: Path) -> None:
    path = tmp_path / "print.xlsx"
    write_workbook(path, INFO, CLAIMS, FINDINGS, DOCUMENTS)
    workbook = openpyxl.load_workbook(path)
    for sheet in workbook.worksheets:
        assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
        assert sheet.print_title_rows == "$1:$1"
