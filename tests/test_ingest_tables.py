"""Tables in PDFs (factcheck.ingest.tables): cells with their sign, row, column and unit.

The real test document is three pages of the Collectie Overijssel annual
accounts 2023 (pages 5, 16 and 19 of the corpus PDF, cut out unchanged), the
document whose cells were read as positive and as ranges before.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from factcheck.cli import ExitStatus, main
from factcheck.extract import extract_claims
from factcheck.extract.quantities import find_quantities
from factcheck.ingest import read_document
from factcheck.ingest.tables import (
    GridCell,
    cell_quantity,
    cell_text,
    is_data_table,
    looks_like_table,
    read_table,
)
from factcheck.records import Claim, TableCell
from factcheck.rules import Rules
from tests.conftest import DATA, corpus_path

ACCOUNTS = DATA / "tables" / "collectie-overijssel_jaarstukken-2023_p5-16-19.pdf"


@pytest.fixture(scope="module")
def accounts(rules: Rules, nlp: Language) -> list[Claim]:
    return extract_claims(read_document(ACCOUNTS, rules), nlp)


def cell(claims: list[Claim], row: str, column: str) -> Claim:
    found = [c for c in claims if c.row_label == row and c.column_label == column]
    assert len(found) == 1, (row, column, found)
    return found[0]


@pytest.mark.issue(11)
def test_negative_cells_keep_their_sign_and_the_tables_unit(accounts: list[Claim]) -> None:
    subsidies = cell(accounts, "Projectkosten subsidies", "Realisatie 2023")
    assert (subsidies.text, subsidies.value, subsidies.unit) == ("-704", -704_000, "EUR")
    assert subsidies.table and subsidies.table_unit == "€ '000"
    assert -math.inf < subsidies.interval.low < -704_000 < subsidies.interval.high < math.inf
    assert cell(accounts, "Organisatie projecten", "Begroting 2023").value == -1_350_000
    assert cell(accounts, "Resultaat exploitatie", "Begroting 2023").value == -611_000
    assert cell(accounts, "Resultaat exploitatie", "Realisatie 2022").value == 287_000


@pytest.mark.issue(11)
def test_two_negative_cells_in_one_row_are_two_claims_not_a_range(accounts: list[Claim]) -> None:
    row = [c for c in accounts if c.row_label == "Mutatie reserves"]
    assert [(c.text, c.value, c.qualifier) for c in row] == [
        ("-137", -137_000, "exact"), ("-287", -287_000, "exact")]
    assert [c.column_label for c in row] == ["Realisatie 2023", "Realisatie 2022"]
    assert not [c for c in accounts if c.table and c.qualifier == "range"]


def test_every_figure_of_the_tables_is_one_cell_claim(accounts: list[Claim]) -> None:
    table = [c for c in accounts if c.table]
    assert len(table) >= 150
    assert sum(c.value < 0 for c in table) == sum(c.text.startswith("-") for c in table) >= 40
    assert all(c.row_label for c in table)
    # the sentence of a cell is its row, so the analyst sees the neighbours
    salaries = cell(accounts, "Personeel salarissen", "Realisatie 2022")
    assert salaries.sentence == "Personeel salarissen | -3.076 | -3.431 | -3.226"
    assert salaries.value == -3_226_000


def test_percentages_and_unstated_units_are_not_scaled(accounts: list[Claim]) -> None:
    solvency = [c for c in accounts if c.row_label == "Solvabiliteit"]
    assert [(c.value, c.unit, c.column_label) for c in solvency] == [
        (58, "percent", "2023"), (53, "percent", "2022")]
    # "Personeel 2023 2022" states no unit: staff counts stay counts
    staff = cell(accounts, "Aantal medewerkers, jaareinde", "2023")
    assert (staff.value, staff.unit, staff.table_unit) == (57, "count", None)


def test_column_headers_over_two_lines_are_joined(accounts: list[Claim]) -> None:
    write_off = cell(accounts, "Gebouwen", "Afschrijvingen")
    assert (write_off.value, write_off.unit) == (-12_000, "EUR")


def test_claims_output_carries_the_table_fields(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["claims", str(ACCOUNTS), "--format", "jsonl", "--no-cache"]) == ExitStatus.OK
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    cells = [r for r in rows if r["table"]]
    assert cells and all({"row_label", "column_label", "table_unit"} <= set(r) for r in rows)
    first = next(r for r in cells if r["row_label"] == "Lasten")
    assert (first["column_label"], first["table_unit"]) == ("Realisatie 2023", "€ '000")


@pytest.mark.corpus
def test_annual_accounts_in_the_corpus(rules: Rules, nlp: Language) -> None:
    document = read_document(
        corpus_path("pdf/decentraal/collectie-overijssel_jaarstukken-2023.pdf"), rules)
    claims = extract_claims(document, nlp)
    table = [c for c in claims if c.table]
    signed = [c for c in document.cells if document.text[c.start:c.end].startswith("-")]
    assert len(signed) >= 44
    assert sum(c.value < 0 for c in table) == len(signed)
    # one table continues from page 19 to 20 without its header: its two cells have no label
    assert sum(bool(c.row_label) for c in table) >= 0.99 * len(table)
    assert sum(bool(c.column_label) for c in table) >= 0.9 * len(table)


# --- the pure parts --------------------------------------------------------------------------

def grid(*rows: tuple[str, ...]) -> list[list[GridCell]]:
    """Rows of cells 100 points apart, the first cell the label column."""
    return [[GridCell(text, 100.0 * i, 100.0 * i + 80) for i, text in enumerate(row) if text]
            for row in rows]


def test_header_rows_name_columns_and_a_new_header_block_resets_them(rules: Rules) -> None:
    table = read_table(grid(("Uitgaven (x € 1.000)", "Raming", "Realisatie"),
                            ("", "2024", "2024"),
                            ("Subsidies", "1.200", "(150)"),
                            ("Personeel", "Aantal", "fte"),
                            ("Medewerkers", "57", "49")), "", rules.layout.table_units)
    assert table.text.split("\n\n")[2] == "Subsidies | 1.200 | (150)"
    labels = [(c.row_label, c.column_label, c.unit, c.scale, c.money) for c in table.cells]
    assert labels == [("Subsidies", "Raming 2024", "x € 1.000", 1000, True),
                      ("Subsidies", "Realisatie 2024", "x € 1.000", 1000, True),
                      ("Medewerkers", "Aantal", None, 1, False),
                      ("Medewerkers", "fte", None, 1, False)]


@pytest.mark.parametrize(
    ("caption", "unit", "scale"),
    [("Tabel 3 Uitgaven (bedragen in miljoenen euro)", "EUR", 1e6),
     ("Bedragen x € 1.000", "EUR", 1e3),
     ("Aantal woningen (x 1.000)", "count", 1e3),
     ("Tabel 1 Inkomsten (in miljarden euro)", "EUR", 1e9),
     ("Kerncijfers", "count", 1)])
def test_the_unit_stated_above_a_table(rules: Rules, caption: str, unit: str,
                                       scale: float) -> None:
    table = read_table(grid(("", "2023"), ("Totaal", "-12,5"), ("Wonen", "3")), caption,
                       rules.layout.table_units)
    first = table.cells[0]
    quantity = cell_quantity(first, table.text[first.start:first.end],
                             find_quantities("12,5", rules)[0])
    assert (quantity.value, quantity.unit) == (pytest.approx(-12.5 * scale), unit)


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "low", "high"),
    [("-704", -704_000, "exact", -704_500, -703_500),
     ("(704)", -704_000, "exact", -704_500, -703_500),
     ("− 1.350", -1_350_000, "exact", -1_355_000, -1_345_000),
     ("< 0", 0, "less_than", None, 0)])
def test_cell_quantity_keeps_the_sign(rules: Rules, text: str, value: float, qualifier: str,
                                      low: float | None, high: float | None) -> None:
    found = find_quantities(text, rules)
    assert len(found) == 1
    quantity = cell_quantity(TableCell(0, len(text), 0, len(text), "Rente", "2023", "€ '000",
                                       1000, True), text, found[0])
    assert (quantity.value, quantity.qualifier) == (value, qualifier)
    assert quantity.interval.bounds() == (
        pytest.approx(low) if low is not None else None,
        pytest.approx(high) if high is not None else None)


def test_figures_wrapped_in_a_narrow_cell_are_joined_again() -> None:
    assert cell_text(["237.06", "2"]) == "237.062"
    assert cell_text(["1.172.", "914"]) == "1.172.914"
    assert cell_text(["Realisatie", "2023"]) == "Realisatie 2023"
    assert cell_text(["58,5", "12"]) == "58,5 12"


def test_text_in_a_frame_is_no_data_table() -> None:
    assert not is_data_table(grid(("vlottende schulden. Er werd aldus",),
                                  ("kasgeldlimiet (vlottende schulden)",)))
    assert not is_data_table(grid(("Balans", "2023", "2022"), ("Eigen vermogen", "-", "-")))
    assert is_data_table(grid(("Baten", "6.918"), ("Lasten", "-6.781")))


@pytest.mark.parametrize(
    ("lines", "rights", "expected"),
    [(["Baten GR Rijk 2.247 2.207 2.084", "Baten Overig 420 386 160", "Rente 150 - -1",
       "Lasten -6.781 -7.439 -6.051"], [400.0] * 4, True),
     (["Beschikking 223", "Besteed – Personeel -67", "Besteed – Huren -89", "Saldo 0"],
      [300.0, 300.5, 300.2, 300.0], True),
     (["JUST i.v.m. agendapunt 6, 9, 13, 20", "OCW i.v.m. agendapunt 6, 14, 24",
       "Pres i.v.m. agendapunt 24", "FIN i.v.m. agendapunt 19"], [210.0, 190.0, 150.0, 160.0],
      False),
     (["gemeente - 30569", "gemeenten Arcen en Velden en Venlo - 31818",
       "De werkloosheid daalde in 2017 tot 4,4 procent en in", "2018 tot 3,8 procent."],
      [300.0, 400.0, 500.0, 200.0], False)])
def test_only_pages_with_rows_of_figures_are_asked_of_pdfplumber(
        lines: list[str], rights: list[float], expected: bool) -> None:
    assert looks_like_table(lines, rights) is expected


def test_pages_without_tables_never_open_pdfplumber(rules: Rules,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[Any] = []
    import factcheck.ingest.pdf as pdf

    monkeypatch.setattr(pdf.pdfplumber, "open", lambda *a, **k: opened.append(a))
    document = read_document(DATA / "ingest" / "ah-tk-20202021-3235.pdf", rules)
    assert document.text and not document.cells and opened == []


def test_a_pdf_without_tables_reads_as_before(rules: Rules) -> None:
    document = read_document(Path(DATA / "ingest" / "kst-28286-1366.pdf"), rules)
    assert " | " not in document.text


def test_a_page_pdfplumber_cannot_parse_is_read_as_running_text(
        rules: Rules, monkeypatch: pytest.MonkeyPatch) -> None:
    import factcheck.ingest.pdf as pdf

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise KeyError("pdfminer: no /Resources")

    monkeypatch.setattr(pdf.pdfplumber, "open", broken)
    document = read_document(ACCOUNTS, rules)
    assert not document.cells and "Projectkosten subsidies -704 -671 -551" in document.text
