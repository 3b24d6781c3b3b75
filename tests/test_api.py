"""The Python API (issue 13): check, read_claims, Settings, Report and its tables.

The README's example is run as it stands there; the tables a run writes as
CSV (from the API and from ``factcheck check --csv``) and as Parquet are read
back and compared with the DataFrames, dtypes and values alike.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from pandas.api.types import CategoricalDtype

import factcheck
from factcheck import Settings
from factcheck.cli import ExitStatus, main
from factcheck.errors import OutputError, SettingsError
from factcheck.limits import Limits

from conftest import DATA, EXAMPLES, ROOT

SEED = EXAMPLES / "kamervragen-vakkrachten_2017-07-18.txt"
SERIAL = Settings(jobs=1, cache=False)


@pytest.fixture(scope="module")
def report() -> factcheck.Report:
    return factcheck.check(EXAMPLES, SERIAL)


def _readme_example() -> str:
    """The first python block under the README's "Python API" heading."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Python API\n", 1)[1].split("\n## ", 1)[0]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match is not None, "the README's Python API section has no python example"
    return match.group(1)


def _dtypes_are_real(report: factcheck.Report) -> None:
    findings, claims, documents = report.findings, report.claims, report.documents
    for frame, column in ((findings, "verdict"), (findings, "kind"), (claims, "unit"),
                          (claims, "qualifier"), (findings, "a_unit"), (documents, "status")):
        assert isinstance(frame[column].dtype, CategoricalDtype), column
    assert findings["severity"].cat.ordered
    assert list(findings["severity"].cat.categories) == ["info", "low", "medium", "high"]
    for frame, column in ((findings, "confidence"), (findings, "abs_difference"),
                          (findings, "a_value"), (claims, "value"), (claims, "low")):
        assert frame[column].dtype == "float64", column
    for frame, column in ((claims, "doc_date"), (findings, "a_doc_date"), (documents, "date")):
        assert frame[column].dtype == "datetime64[ns]", column
    assert claims["page"].dtype == "Int64" and documents["pages"].dtype == "Int64"
    assert claims["start"].dtype == "int64" and claims["table"].dtype == bool
    assert claims["sentence"].dtype == "string" and findings["explanation"].dtype == "string"


@pytest.mark.issue(13)
def test_the_readme_example_runs_and_returns_typed_frames(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "examples").symlink_to(EXAMPLES)
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, Any] = {}
    exec(compile(_readme_example(), "README.md", "exec"), namespace)
    report = namespace["report"]
    _dtypes_are_real(report)
    discrepancies = namespace["discrepancies"]
    assert len(discrepancies) == 1 and set(discrepancies["verdict"]) == {"discrepancy"}
    assert {discrepancies.iloc[0]["a_text"], discrepancies.iloc[0]["b_text"]} == \
        {"53 procent", "52%"}
    assert set(namespace["serious"]["severity"]) <= {"medium", "high"}
    assert "EUR" in namespace["per_unit"].index
    printed = capsys.readouterr().out
    assert "<Report: 2 documents read, 147 claims, 13 findings>" in printed
    assert "53 procent" in printed and "52%" in printed
    assert {p.name for p in (tmp_path / "reports" / "csv").iterdir()} == \
        {"findings.csv", "claims.csv", "documents.csv"}


@pytest.mark.issue(13)
def test_frames_hold_the_records(report: factcheck.Report) -> None:
    findings, claims = report.findings, report.claims
    assert len(claims) == len(report.records.claims) == 147
    assert list(claims["id"]) == [c.id for c in report.records.claims]
    assert len(findings) == len(report.records.findings) == 13
    assert findings["severity"].is_monotonic_decreasing  # the workbook's order: most severe first
    row = findings[findings.verdict == "discrepancy"].iloc[0]
    assert (row["a_value"], row["b_value"]) == (53.0, 52.0)
    assert row["a_doc_date"] == pd.Timestamp("2017-07-18") and row["a_unit"] == "percent"
    assert row["abs_difference"] == -1.0 and row["b_page"] is pd.NA
    ids = set(claims["id"])
    assert all(set(cell.split()) <= ids for cell in findings["claim_ids"])
    assert pd.isna(claims["speaker"]).sum() == sum(1 for c in report.records.claims
                                                   if not c.speaker)
    assert set(report.documents["status"]) == {"ok"} and report.reference is None


@pytest.mark.issue(13)
def test_csv_round_trip_is_exact(report: factcheck.Report, tmp_path: Path) -> None:
    written = report.to_csv(tmp_path / "csv")
    assert sorted(p.name for p in written) == ["claims.csv", "documents.csv", "findings.csv"]
    tables = factcheck.read_csv_report(tmp_path / "csv")
    for name in ("findings", "claims", "documents"):
        pd.testing.assert_frame_equal(getattr(tables, name), getattr(report, name),
                                      check_exact=True)
    assert tables.reference is None
    # plain pandas reads the same values (as the README says)
    plain = pd.read_csv(tmp_path / "csv" / "claims.csv", keep_default_na=False,
                        na_values=[""], dtype=str)
    assert list(plain["sentence"]) == list(report.claims["sentence"].fillna(""))  # newlines too
    assert [float(v) for v in plain["value"]] == list(report.claims["value"])


@pytest.mark.issue(13)
def test_text_that_looks_like_a_number_or_missing_stays_text(tmp_path: Path) -> None:
    from factcheck.report.frames import claims_frame
    from factcheck.report.tabular import read_csv_table, write_csv

    claim = factcheck.check(SEED, SERIAL).records.claims[0]
    texts = ("NA", "null", "007", "1e5", " spatie ", "=SUM(A1)", "regel\neen\r\ntwee",
             '"quote", komma', "")
    odd = [dataclasses.replace(claim, id=f"x{k}", speaker=text, question=text, value=k / 3)
           for k, text in enumerate(texts)]
    frame = claims_frame(odd)
    assert list(frame["question"][:-1]) == list(texts[:-1]) and frame["speaker"].iloc[-1] is pd.NA
    write_csv(tmp_path, {"claims": frame})
    pd.testing.assert_frame_equal(read_csv_table(tmp_path / "claims.csv", "claims"), frame,
                                  check_exact=True)


@pytest.mark.issue(13)
def test_parquet_round_trip_keeps_the_dtypes(report: factcheck.Report, tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    report.to_parquet(tmp_path)
    for name in ("findings", "claims", "documents"):
        pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / f"{name}.parquet"),
                                      getattr(report, name), check_exact=True)


@pytest.mark.issue(13)
def test_check_csv_writes_tables_that_pandas_reads_back_unchanged(
        report: factcheck.Report, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, folder = tmp_path / "fc.xlsx", tmp_path / "tables"
    assert main(["check", str(EXAMPLES), "--out", str(out), "--csv", str(folder),
                 "--no-cache", "--jobs", "1"]) == ExitStatus.OK
    tables = factcheck.read_csv_report(folder)
    for name in ("findings", "claims", "documents"):
        pd.testing.assert_frame_equal(getattr(tables, name), getattr(report, name),
                                      check_exact=True)
    assert "13 findings" in capsys.readouterr().err


@pytest.mark.issue(13)
def test_csv_into_a_file_is_refused_before_reading(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "taken").write_text("x")
    status = main(["check", SEED.as_posix(), "--out", str(tmp_path / "fc.xlsx"),
                   "--csv", str(tmp_path / "taken"), "--no-cache"])
    err = capsys.readouterr().err
    assert status == ExitStatus.FATAL and "claims" not in err and "a file is in the way" in err
    assert not (tmp_path / "fc.xlsx").exists()


@pytest.mark.issue(13)
def test_to_json_is_what_check_json_writes(report: factcheck.Report, tmp_path: Path) -> None:
    cli_json = tmp_path / "cli.json"
    assert main(["check", str(EXAMPLES), "--out", str(tmp_path / "fc.xlsx"), "--json",
                 str(cli_json), "--no-cache", "--jobs", "1"]) == ExitStatus.OK
    report.to_json(tmp_path / "api.json")
    ours, theirs = (json.loads(p.read_text(encoding="utf-8"))
                    for p in (tmp_path / "api.json", cli_json))
    for data in (ours, theirs):
        data["run"].pop("run_date")
        data["run"]["inputs"] = [Path(p).name for p in data["run"]["inputs"]]
    assert ours == theirs


@pytest.mark.issue(13)
def test_write_workbook_keeps_the_analysts_verdicts(tmp_path: Path) -> None:
    out = tmp_path / "fc.xlsx"
    first = factcheck.check(EXAMPLES, SERIAL, previous=out)
    assert first.write_workbook().merged is False
    book = openpyxl.load_workbook(out)
    sheet = book["Findings"]
    header = [c.value for c in sheet[1]]
    finding_id = sheet.cell(row=2, column=1).value
    sheet.cell(row=2, column=header.index("Analyst verdict") + 1).value = "confirmed"
    sheet.cell(row=2, column=header.index("Analyst note") + 1).value = "nagevraagd"
    book.save(out)
    again = factcheck.check(EXAMPLES, SERIAL, previous=out)
    row = again.findings.set_index("id").loc[finding_id]
    assert (row["analyst_verdict"], row["analyst_note"]) == ("confirmed", "nagevraagd")
    elsewhere = tmp_path / "copy.xlsx"
    out_bytes = out.read_bytes()
    elsewhere.write_bytes(out_bytes)
    merge = factcheck.check(EXAMPLES, SERIAL).write_workbook(elsewhere)  # read when written
    assert merge.merged and merge.carried == 1
    again.to_json(tmp_path / "fc.json")
    data = json.loads((tmp_path / "fc.json").read_text(encoding="utf-8"))
    noted = [f for f in data["findings"] if f.get("analyst_note") == "nagevraagd"]
    assert [f["id"] for f in noted] == [finding_id]


@pytest.mark.issue(13)
def test_a_workbook_that_is_not_ours_is_refused_before_reading(tmp_path: Path) -> None:
    out = tmp_path / "fc.xlsx"
    foreign = openpyxl.Workbook()
    foreign.active["A1"] = "begroting"
    foreign.save(out)
    before = out.read_bytes()
    with pytest.raises(OutputError, match=r"fc\.xlsx"):
        factcheck.check(EXAMPLES, SERIAL, previous=out)
    with pytest.raises(OutputError, match=r"fc\.xlsx"):
        factcheck.check(EXAMPLES, SERIAL).write_workbook(out)
    assert out.read_bytes() == before


@pytest.mark.issue(13)
def test_nothing_readable_is_an_error_and_read_claims_is_a_frame(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="no document could be read"):
        factcheck.check(tmp_path / "nergens", SERIAL)
    claims = factcheck.read_claims([SEED, tmp_path / "nergens"], SERIAL)
    assert isinstance(claims, pd.DataFrame) and len(claims) == 20
    assert set(claims["doc"]) == {SEED.name}


BAD_SETTINGS = [
    ({"jobs": 0}, "jobs=0", "at least 1"),
    ({"jobs": 1.5}, "jobs=1.5", "whole number"),
    ({"jobs": True}, "jobs=True", "whole number"),
    ({"cache": "no"}, "cache='no'", "True or False"),
    ({"ocr": 1}, "ocr=1", "True or False"),
    ({"exclude": "*.pdf"}, "exclude='*.pdf'", "exclude=['*.pdf']"),
    ({"exclude": ["*.pdf", ""]}, "exclude=", "non-empty"),
    ({"limits": {"sentence_chars": 5}}, "limits=", "Limits(sentence_chars=2000)"),
    ({"limits": Limits(sentence_chars=0)}, "sentence_chars=0", "above 0"),
    ({"rules_dir": 3}, "rules_dir=3", "path"),
    ({"model": ""}, "model=''", "spaCy"),
    ({"engine": "ray"}, "engine='ray'", "'local', 'dask'"),
    ({"scheduler": "tcp://x:8786"}, "scheduler=", "engine='dask'"),
]


@pytest.mark.issue(13)
@pytest.mark.parametrize(("given", "named", "fix"), BAD_SETTINGS)
def test_a_bad_setting_is_one_line_naming_it_and_the_fix(given: dict[str, Any], named: str,
                                                         fix: str) -> None:
    with pytest.raises(SettingsError) as caught:
        Settings(**given)
    message = str(caught.value)
    assert message.startswith("[FC002] Settings(") and named in message and fix in message
    assert "\n" not in message


@pytest.mark.issue(13)
def test_settings_are_frozen_and_take_paths_as_text() -> None:
    settings = Settings(cache_dir="cache", rules_dir=DATA, exclude=["*.pdf"],
                        engine="dask", scheduler="tcp://scheduler.example:8786")
    assert settings.cache_dir == Path("cache") and settings.exclude == ("*.pdf",)
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.jobs = 2  # type: ignore[misc]
    assert Settings() == Settings(jobs=None, cache=True, engine="local")


@pytest.mark.issue(13)
def test_importing_factcheck_is_cheap() -> None:
    code = ("import sys, factcheck; heavy = [m for m in ('spacy', 'pandas', 'openpyxl') "
            "if m in sys.modules]; print(heavy, sorted(factcheck.__all__))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.stdout.split("] ")[0] == "["
    for name in ("check", "read_claims", "Settings", "Report", "__version__"):
        assert name in done.stdout


@pytest.mark.issue(13)
def test_reference_checks_are_a_typed_frame_that_round_trips(tmp_path: Path) -> None:
    folder = DATA / "reference"
    settings = Settings(jobs=1, cache=False, reference_dir=str(folder / "cbs"))
    checked = factcheck.check(folder / "docs", settings)
    reference = checked.reference
    assert reference is not None and checked.records.reference is not None
    assert len(reference) == len(checked.records.reference) >= 30
    assert isinstance(reference["verdict"].dtype, CategoricalDtype)
    assert set(reference["verdict"]) >= {"matches-reference", "revised-since"}
    assert reference["cbs_value"].dtype == "float64"
    assert reference["captured"].dtype == "datetime64[ns]" and reference["captured"].notna().all()
    inflation = reference[(reference.table == "86141NED") & (reference.period == "2021MM10")]
    assert set(inflation["cbs_text"]) == {"3,4 %"} and "kst-35925-XV-25.txt" in set(inflation.doc)
    assert inflation[inflation.doc == "kst-35925-XV-25.txt"]["claim_value"].tolist() == [3.4]
    checked.to_csv(tmp_path)
    back = factcheck.read_csv_report(tmp_path).reference
    assert back is not None
    pd.testing.assert_frame_equal(back, reference, check_exact=True)


@pytest.mark.issue(13)
def test_a_workbook_is_never_emptied_by_a_partial_or_claims_only_report(tmp_path: Path) -> None:
    out = tmp_path / "fc.xlsx"
    factcheck.check(EXAMPLES, SERIAL).write_workbook(out)
    before = out.read_bytes()
    from factcheck.api import read

    with pytest.raises(OutputError, match="claims only"):
        read(EXAMPLES, SERIAL).write_workbook(out)
    one = factcheck.check(SEED, SERIAL)  # most findings need the other document
    with pytest.raises(OutputError, match="allow-retire"):
        one.write_workbook(out)
    assert out.read_bytes() == before
    assert one.write_workbook(out, allow_retire=True).newly_retired > 0


@pytest.mark.issue(13)
def test_side_b_is_the_statement_furthest_from_a(report: factcheck.Report) -> None:
    from factcheck.report.frames import findings_frame

    cluster = next(f for f in report.records.findings if f.statements > 2)
    first, second, *rest = cluster.claims
    assert rest
    far = dataclasses.replace(rest[0], value=first.value * 3 + 7)
    odd = dataclasses.replace(cluster, verdict="discrepancy", disagree=(far.id,),
                              claims=(first, second, *rest[1:], far))
    row = findings_frame([odd]).iloc[0]
    assert (row["a_id"], row["b_id"], row["b_value"]) == (first.id, far.id, far.value)
    assert row["statements"] == cluster.statements
    assert row["claim_ids"].split() == [c.id for c in odd.claims]
    pair = next(f for f in report.records.findings if len(f.claims) == 2)
    row = findings_frame([pair]).iloc[0]
    assert (row["a_id"], row["b_id"]) == (pair.claims[0].id, pair.claims[1].id)
    arithmetic = next(f for f in report.records.findings if f.kind == "arithmetic")
    row = findings_frame([arithmetic]).iloc[0]
    assert (row["a_text"], row["b_text"]) == (arithmetic.claims[0].text, arithmetic.claims[1].text)


@pytest.mark.issue(13)
def test_the_dask_engine_is_chosen_by_settings_and_finds_the_same(report: factcheck.Report
                                                                   ) -> None:
    pytest.importorskip("distributed")
    on_dask = factcheck.check(EXAMPLES, Settings(jobs=1, cache=False, engine="dask"))
    assert on_dask.records == report.records
