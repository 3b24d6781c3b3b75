"""check --reference: CBS StatLine snapshots, cell matching, verdicts, pull round trip, sheet."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from benchmarks.accuracy_reference import run
from factcheck.cli import main
from factcheck.records import Claim
from factcheck.refdata.pull import pull
from factcheck.refdata.reference import check_claim
from factcheck.refdata.snapshot import Snapshots
from factcheck.rules import Rules

DATA = Path(__file__).parent / "data" / "reference"
CBS = DATA / "cbs"


def claim(sentence: str, text: str, value: float, unit: str, low: float, high: float,
          doc_date: str | None) -> Claim:
    return Claim(id="c1", doc="d.txt", page=None, start=sentence.find(text),
                 end=sentence.find(text) + len(text), text=text, value=value, unit=unit,
                 qualifier="exact", low=low, high=high, sentence=sentence, speaker=None,
                 doc_date=doc_date)


def test_gold_claims_are_matched_to_the_right_cell_and_no_trap_is() -> None:
    score = run(DATA)
    assert score.claims >= 30 and score.traps >= 10
    assert score.recall >= 0.8, score.misses
    assert score.false_differs == 0
    assert score.traps_matched == 0, score.misses


def test_a_final_figure_that_differs_is_called_differs_with_severity(rules: Rules) -> None:
    c = claim("De werkloosheid was in mei 2018 3,9 procent.", "3,9 procent", 3.9, "percent",
              3.85, 3.95, "2026-12-01")
    checked = check_claim(c, Snapshots(CBS), rules)
    assert checked is not None
    assert (checked.table, checked.measure, checked.period) == ("80590ned", "M004210", "2018MM05")
    assert checked.verdict == "differs-from-reference" and checked.severity == "high"
    assert checked.cbs_text == "4,9 %" and checked.status == "Definitief"


def test_a_figure_said_before_the_revision_is_revised_since_never_differs(rules: Rules) -> None:
    c = claim("De werkloosheid was in mei 3,9 procent.", "3,9 procent", 3.9, "percent",
              3.85, 3.95, "2018-06-15")
    checked = check_claim(c, Snapshots(CBS), rules)
    assert checked is not None and checked.period == "2018MM05"
    assert checked.verdict == "revised-since"


def test_a_figure_within_the_published_decimals_matches(rules: Rules) -> None:
    c = claim("De inflatie was in december 2022 9,6 procent.", "9,6 procent", 9.6, "percent",
              9.55, 9.65, "2023-01-06")
    checked = check_claim(c, Snapshots(CBS), rules)
    assert checked is not None and checked.verdict == "matches-reference"


def test_a_period_the_snapshot_lacks_is_no_reference(rules: Rules) -> None:
    c = claim("De inflatie was in december 2012 2,9 procent.", "2,9 procent", 2.9, "percent",
              2.85, 2.95, "2013-01-06")
    checked = check_claim(c, Snapshots(CBS), rules)
    assert checked is not None and checked.verdict == "no-reference"


def test_a_region_or_unknown_indicator_is_not_checked(rules: Rules) -> None:
    region = claim("In Noord-Holland was de werkloosheid in mei 2018 3,9 procent.",
                   "3,9 procent", 3.9, "percent", 3.85, 3.95, "2018-06-15")
    unknown = claim("De vacaturegraad was in mei 2018 3,9 procent.", "3,9 procent", 3.9,
                    "percent", 3.85, 3.95, "2018-06-15")
    assert check_claim(region, Snapshots(CBS), rules) is None
    assert check_claim(unknown, Snapshots(CBS), rules) is None


def test_pull_writes_the_snapshot_layout_exactly(tmp_path: Path) -> None:
    """Replay the API's responses recorded in a snapshot; the pull must write it back."""
    table = "80590ned"
    recorded = CBS / table
    index = json.loads((recorded / "index.json").read_text(encoding="utf-8"))
    source = index["source"]
    responses: dict[str, Any] = {
        f"{source}/Properties": "properties.json", f"{source}/Dimensions": "dimensions.json",
        f"{source}/MeasureCodes": "measure-codes.json"}
    for key, name in index["files"].items():
        if key.startswith("codes-"):
            responses[f"{source}/{key[6:]}Codes"] = name
    asked: list[str] = []

    def fetch(url: str) -> Any:
        asked.append(url)
        if url.startswith(f"{source}/Observations"):
            assert "%24filter=" in url
            return json.loads((recorded / "observations-page-1.json").read_text("utf-8"))
        return json.loads((recorded / responses[url]).read_text(encoding="utf-8"))

    when = datetime.fromisoformat(index["capturedAt"].replace("Z", "+00:00"))
    folder = pull(table, tmp_path, fetch, odata_filter=index["sliceFilter"], now=when,
                  api=source.rsplit("/", 1)[0])
    written = sorted(p.name for p in folder.iterdir())
    assert written == sorted(p.name for p in recorded.iterdir())
    for name in written:
        assert (folder / name).read_bytes() == (recorded / name).read_bytes(), name
    assert Snapshots(tmp_path).table(table) is not None


def test_check_reference_writes_sheet_and_json_and_keeps_analyst_notes(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "brief.txt").write_text(
        (DATA / "docs" / "kst-35925-XV-25.txt").read_text(encoding="utf-8"), encoding="utf-8")
    out, js = tmp_path / "r.xlsx", tmp_path / "r.json"
    args = ["check", str(docs), "--reference", str(CBS), "--out", str(out), "--json", str(js),
            "--no-cache", "--jobs", "1"]
    assert main(args) == 0
    reference = json.loads(js.read_text(encoding="utf-8"))["reference"]
    assert [(r["table"], r["period"], r["verdict"]) for r in reference] == [
        ("86141NED", "2021MM10", "matches-reference")]
    workbook = openpyxl.load_workbook(out)
    sheet = workbook["Reference"]
    header = [c.value for c in sheet[1]]
    note = header.index("Analyst note") + 1
    sheet.cell(row=2, column=note, value="checked with StatLine")
    workbook.save(out)
    assert main(args) == 0
    again = openpyxl.load_workbook(out)["Reference"]
    assert again.cell(row=2, column=note).value == "checked with StatLine"
    assert again.cell(row=2, column=header.index("CBS value") + 1).value == "3,4 %"


@pytest.mark.parametrize("name", ["inflatie", "werkloosheid", "bevolking", "faillissementen"])
def test_each_indicator_names_a_measure_its_table_holds(rules: Rules, name: str) -> None:
    indicator = next(i for i in rules.indicators.indicators if i.name == name)
    table = Snapshots(CBS).table(indicator.table)
    assert table is not None and indicator.measure in table.measures
