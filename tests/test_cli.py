"""The command line as a user meets it: output, exit codes, and one clear line per bad input."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest

from factcheck.cli import ExitStatus, cli, main

from conftest import EXAMPLES

SEED = str(EXAMPLES / "kamervragen-vakkrachten_2017-07-18.txt")


def test_claims_jsonl_has_every_field(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["claims", SEED, "--format", "jsonl"]) == ExitStatus.OK
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) >= 15
    first = json.loads(lines[0])
    for key in ("id", "doc", "page", "start", "end", "text", "value", "unit", "qualifier",
                "low", "high", "sentence", "speaker"):
        assert key in first
    values = {json.loads(line)["text"]: json.loads(line) for line in lines}
    assert values["53 procent"]["value"] == 53 and values["53 procent"]["unit"] == "percent"
    assert values["circa € 272 miljoen"]["qualifier"] == "approx"


def test_claims_table_is_readable(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["claims", str(EXAMPLES)]) == ExitStatus.OK
    captured = capsys.readouterr()
    header = captured.out.splitlines()[0].split()
    assert header[:4] == ["doc", "page", "speaker", "text"]
    assert "59.900" in captured.out and "Veldman (VVD)" in captured.out
    assert "claims in 2 documents" in captured.err


def _one_error_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.startswith("factcheck: skipped")]
    assert len(lines) == 1, err
    return lines[0]


BAD_INPUTS = {
    # name: (file name or None for a folder, content, what the message says)
    "missing": ("missing.txt", None, "no such file or folder"),
    "empty folder": (None, None, "no supported documents"),
    "empty file": ("empty.txt", b"", "empty"),
    "binary file": ("binary.txt", b"\x00\x01\x02PK\x03\x04" * 50, "binary"),
    "unsupported type": ("notes.doc", b"\xd0\xcf\x11\xe0", "unsupported"),
    "html saved as pdf": ("fake.pdf", b"<html>not a pdf</html>", "not a PDF"),
}


def _make(tmp_path: Path, name: str | None, content: bytes | None) -> Path:
    if name is None:
        (tmp_path / "empty").mkdir()
        return tmp_path / "empty"
    if content is not None:
        (tmp_path / name).write_bytes(content)
    return tmp_path / name


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_a_bad_input_gets_one_line_and_the_batch_goes_on(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str) -> None:
    name, content, expected = BAD_INPUTS[case]
    bad = _make(tmp_path, name, content)
    status = main(["claims", str(bad), SEED, "--format", "jsonl"])
    captured = capsys.readouterr()
    assert status == ExitStatus.INPUT_FAILED
    line = _one_error_line(captured.err)
    assert str(bad) in line and expected.lower() in line.lower()
    assert "—" in line  # the problem, then the fix
    assert len(captured.out.splitlines()) >= 15  # the good file was still read


def test_other_encodings_are_read_with_a_warning(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    sentence = "De bijdrage van € 272 miljoen is ruim 30% hoger dan in één jaar eerder."
    (tmp_path / "cp1252.txt").write_bytes(sentence.encode("cp1252"))
    (tmp_path / "double.txt").write_bytes(sentence.encode("utf-8").decode("cp1252").encode("utf-8"))
    assert main(["claims", str(tmp_path), "--format", "jsonl"]) == ExitStatus.OK
    texts = [json.loads(line)["text"] for line in capsys.readouterr().out.splitlines()]
    assert texts.count("€ 272 miljoen") == 2 and texts.count("ruim 30%") == 2


def test_bad_rules_folder_is_fatal_with_a_clear_message(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["claims", SEED, "--rules", str(tmp_path)]) == ExitStatus.FATAL
    assert "rules file missing" in capsys.readouterr().err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["claims"]) == ExitStatus.USAGE
    assert main(["claims", SEED, "--format", "xml"]) == ExitStatus.USAGE


def test_rules_command_reports_the_folder(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == ExitStatus.OK
    assert "rules version:" in capsys.readouterr().out


@pytest.mark.parametrize("command", list(cli.commands.values()), ids=lambda c: c.name)
def test_every_command_has_help_with_an_example(command: click.Command) -> None:
    assert command.help and "Example" in command.help


def test_check_writes_workbook_and_matching_json(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    import openpyxl

    out, js = tmp_path / "out" / "factcheck.xlsx", tmp_path / "factcheck.json"
    assert main(["check", str(EXAMPLES), "--out", str(out), "--json", str(js)]) == ExitStatus.OK
    summary = capsys.readouterr().err
    assert "2 documents" in summary and "1 discrepancy" in summary and str(out) in summary
    data = json.loads(js.read_text(encoding="utf-8"))
    assert set(data) >= {"claims", "findings", "documents"}
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == ["Summary", "Findings", "Statements", "Claims", "Documents"]
    sheet = workbook["Findings"]
    ids = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(ids) == sorted(f["id"] for f in data["findings"])
    assert workbook["Claims"].max_row - 1 == len(data["claims"])
    finding = next(f for f in data["findings"] if f["verdict"] == "discrepancy")
    assert {"id", "kind", "verdict", "severity", "confidence", "explanation",
            "claims"} <= set(finding)
    assert {c["text"] for c in finding["claims"]} == {"52%", "53 procent"}
    assert all(d["status"] == "ok" for d in data["documents"])


def test_no_workbook_writes_only_the_tables_asked_for(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """A corpus too large for a workbook: --no-workbook writes the CSV tables (every claim)
    and no workbook, leaves one that is there as it was, and refuses to write nothing."""
    out, tables = tmp_path / "factcheck.xlsx", tmp_path / "csv"
    out.write_bytes(b"an analyst's workbook")
    assert main(["check", str(EXAMPLES), "--out", str(out), "--no-workbook",
                 "--csv", str(tables)]) == ExitStatus.OK
    summary = capsys.readouterr().err.strip().splitlines()[-1]
    assert summary.endswith(f"→ {tables}") and "13 findings" in summary
    assert out.read_bytes() == b"an analyst's workbook"
    from factcheck import read_csv_report

    written = read_csv_report(tables)
    assert len(written.claims) == 147 and len(written.findings) == 13
    assert main(["check", str(EXAMPLES), "--no-workbook"]) == ExitStatus.USAGE
    assert "--json FILE or --csv DIR" in capsys.readouterr().err


def test_check_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "f.xlsx"
    assert main(["check", SEED, str(tmp_path / "missing.pdf"), "--out", str(out)]) \
        == ExitStatus.INPUT_FAILED
    assert out.exists()  # the run still wrote what it found
    (tmp_path / "a-file").write_text("x")
    assert main(["check", SEED, "--out", str(tmp_path / "a-file" / "f.xlsx")]) == ExitStatus.FATAL
    assert "f.xlsx" in capsys.readouterr().err
    assert main(["check", SEED, "--out", str(tmp_path / "f.csv")]) == ExitStatus.USAGE


def test_every_file_of_a_folder_is_in_documents(tmp_path: Path) -> None:
    """A metadata companion and a file of another type are listed, with why they were not read."""
    import shutil

    from conftest import DATA

    folder = tmp_path / "stukken"
    folder.mkdir()
    for name in ("kst-32545-143.xml", "kst-32545-143_metadata.xml"):
        shutil.copy(DATA / "ingest" / name, folder / name)
    (folder / "overzicht.tsv").write_text("a\tb\n", encoding="utf-8")
    js = tmp_path / "out.json"
    assert main(["check", str(folder), "--out", str(tmp_path / "o.xlsx"), "--json", str(js),
                 "--no-cache"]) == ExitStatus.OK
    rows = {Path(d["path"]).name: d for d in json.loads(js.read_text("utf-8"))["documents"]}
    assert set(rows) == {"kst-32545-143.xml", "kst-32545-143_metadata.xml", "overzicht.tsv"}
    assert rows["kst-32545-143_metadata.xml"]["status"] == "ok"
    assert "metadata of kst-32545-143" in rows["kst-32545-143_metadata.xml"]["message"]
    assert rows["overzicht.tsv"]["status"] == "warning"
    assert "skipped" in rows["overzicht.tsv"]["message"]
