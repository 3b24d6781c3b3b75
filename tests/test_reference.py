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
from factcheck.interval import Interval
from factcheck.records import Claim
from factcheck.refdata.pull import pull
from factcheck.refdata.reference import check_claim, check_claims
from factcheck.refdata.snapshot import Snapshots
from factcheck.rules import Rules

DATA = Path(__file__).parent / "data" / "reference"
CBS = DATA / "cbs"


def claim(sentence: str, text: str, value: float, unit: str, low: float, high: float,
          doc_date: str | None) -> Claim:
    return Claim(id="c1", doc="d.txt", page=None, start=sentence.find(text),
                 end=sentence.find(text) + len(text), text=text, value=value, unit=unit,
                 qualifier="exact", interval=Interval.rounded(low, high), sentence=sentence,
                 speaker=None,
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
    captured = again.cell(row=2, column=header.index("captured") + 1)
    assert captured.is_date and captured.value.date().isoformat() == reference[0]["captured"]


@pytest.mark.parametrize("name", ["inflatie", "werkloosheid", "bevolking", "faillissementen"])
def test_each_indicator_names_a_measure_its_table_holds(rules: Rules, name: str) -> None:
    indicator = next(i for i in rules.indicators.indicators if i.name == name)
    table = Snapshots(CBS).table(indicator.table)
    assert table is not None and indicator.measure in table.measures


@pytest.mark.parametrize(("sentence", "doc_date", "year_change", "period"), [
    ("De werkloosheid was in april 3,6 procent.", "2022-05-19", False, "2022MM04"),
    ("De werkloosheid was in november 3,6 procent.", "2022-05-19", False, "2021MM11"),
    ("De economie groeide het eerste kwartaal 0,5 procent.", "2023-05-16", False, "2023KW01"),
    ("De inflatie was vorig jaar 2,7 procent.", "2022-01-11", True, "2021JJ00"),
    ("De inflatie was in 2023 3,8 procent.", "2024-01-11", True, "2023JJ00"),
    ("De inflatie stijgt met 3,4% ten opzichte van oktober 2020.", "2021-11-26", True,
     "2021MM10"),
    ("De prijzen zijn 3 procent lager dan in augustus 2008.", "2018-01-01", True, None),
    ("Op 1 januari 2020 telde Nederland 17,4 miljoen inwoners.", "2020-06-01", False,
     "2020JJ00"),
    ("De werkloosheid is nu 3,6 procent.", "2022-05-19", False, None),
])
def test_period_of_a_claim_relative_to_the_document_date(
        rules: Rules, sentence: str, doc_date: str, year_change: bool,
        period: str | None) -> None:
    from factcheck.refdata.periods import claim_period
    offset = next(i for i, ch in enumerate(sentence) if ch.isdigit() and not
                  sentence[i:i + 4].isdigit())
    assert claim_period(sentence, offset, doc_date, year_change, rules) == period


def test_a_sentence_without_indicator_or_period_takes_the_one_before(rules: Rules) -> None:
    text = ("Datum 1 juli 2022\n\nVolgens het CBS was de werkloosheid in juni 3,4 procent. "
            "Een maand eerder ging het om 3,3 procent.")
    sentence = "Een maand eerder ging het om 3,3 procent."
    start = text.index("3,3 procent")
    c = Claim(id="c2", doc="d.txt", page=None, start=start, end=start + 11,
              text="3,3 procent", value=3.3, unit="percent", qualifier="exact",
              interval=Interval.rounded(3.25, 3.35), sentence=sentence, speaker=None,
              doc_date="2022-07-01")
    [checked] = check_claims([c], Snapshots(CBS), rules, {"d.txt": text})
    assert (checked.measure, checked.period, checked.verdict) == (
        "M004210", "2022MM05", "matches-reference")


def test_unadjusted_wording_and_years_use_the_unadjusted_measure(rules: Rules) -> None:
    words = claim("Niet seizoengecorrigeerd was de werkloosheid in mei 2018 4,1 procent.",
                  "4,1 procent", 4.1, "percent", 4.05, 4.15, "2026-12-01")
    year = claim("De werkloosheid was in 2019 3,4 procent.", "3,4 procent", 3.4, "percent",
                 3.35, 3.45, "2026-12-01")
    assert check_claim(words, Snapshots(CBS), rules).measure == "M001906_2"  # type: ignore[union-attr]
    assert check_claim(year, Snapshots(CBS), rules).measure == "M001906_2"  # type: ignore[union-attr]


def test_a_count_in_thousands_is_compared_at_scale(rules: Rules) -> None:
    c = claim("In september 2020 waren 519 duizend mensen werkloos.", "519 duizend", 519000,
              "count", 518500, 519500, "2026-12-01")
    checked = check_claim(c, Snapshots(CBS), rules)
    assert checked is not None and checked.measure == "D001875"
    assert checked.cbs_value == 519000 and checked.verdict == "matches-reference"


def test_each_blocker_example_blocks_an_indicator_of_its_kind(rules: Rules) -> None:
    from factcheck.refdata.reference import blocked
    for blocker in rules.indicators.blockers:
        indicator = next(i for i in rules.indicators.indicators if i.kind in blocker.kinds)
        assert blocked(blocker.rule.example, indicator, rules), blocker.rule.name


def test_a_bad_indicator_entry_is_named(tmp_path: Path) -> None:
    import shutil

    from factcheck.errors import RulesError
    from factcheck.rules import default_rules_dir, load_rules
    folder = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), folder)
    path = folder / "indicators.nl.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("kind: year-change",
                                                              "kind: yearly", 1), "utf-8")
    with pytest.raises(RulesError, match=r"indicators.nl.yml: indicators\[\d\].kind"):
        load_rules(folder)


def test_refdata_list_shows_each_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["refdata", "list", str(CBS)]) == 0
    out = capsys.readouterr().out
    assert "80590ned" in out and "Arbeidsdeelname en werkloosheid per maand" in out
    assert "2026-07-17" in out


def test_a_failed_pull_leaves_no_table_behind(tmp_path: Path) -> None:
    from factcheck.refdata.snapshot import SnapshotError

    def fetch(url: str) -> Any:
        if url.endswith("/Observations"):
            raise SnapshotError(f"{url}: could not be fetched — check the connection")
        return {"value": []}

    with pytest.raises(SnapshotError):
        pull("82242NED", tmp_path, fetch)
    assert list(tmp_path.iterdir()) == []


def test_a_reference_row_with_an_analyst_note_is_kept_when_its_claim_goes(
        tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    source = (DATA / "docs" / "kst-35925-XV-25.txt").read_text(encoding="utf-8")
    (docs / "brief.txt").write_text(source, encoding="utf-8")
    out = tmp_path / "r.xlsx"
    args = ["check", str(docs), "--reference", str(CBS), "--out", str(out), "--no-cache",
            "--jobs", "1"]
    assert main(args) == 0
    workbook = openpyxl.load_workbook(out)
    sheet = workbook["Reference"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=header.index("Analyst verdict") + 1, value="confirmed")
    workbook.save(out)
    (docs / "brief.txt").write_text(source.replace(
        "De inflatie stijgt met 3,4% ten opzichte van oktober 2020. ", ""), "utf-8")
    assert main(args) == 0
    rows = list(openpyxl.load_workbook(out)["Reference"].iter_rows(min_row=2, values_only=True))
    assert [(r[header.index("reference verdict")], r[header.index("Analyst verdict")])
            for r in rows] == [("retired", "confirmed")]


def test_table_rows_and_implausible_figures_are_not_checked(rules: Rules) -> None:
    row = claim("FTE bezetting (per 1000 inwoners) 2021 2022 2023 0,16 0,18 0,21", "0,21",
                0.21, "count", 0.205, 0.215, "2024-05-01")
    tiny = claim("Op 1 januari 2020 telde het dorp 1000 inwoners.", "1000", 1000,
                 "count", 950, 1050, "2021-05-01")
    wild = claim("De inflatie was in december 2022 96 procent.", "96 procent", 96, "percent",
                 95.5, 96.5, "2023-01-06")
    for c in (row, tiny, wild):
        assert check_claim(c, Snapshots(CBS), rules) is None, c.sentence
