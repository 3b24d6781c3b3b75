"""Nothing breaks, nothing is lost (issue 12): hostile inputs and the analyst's workbook.

The hostile files are built at test time (:mod:`hostile_inputs`); one
``factcheck check`` over all of them runs in its own process, so that its
wall time and peak memory are those of a user's run.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import hostile_inputs
import openpyxl
import pytest
from openpyxl.comments import Comment
from spacy.language import Language

from factcheck import ingest
from factcheck.cli import ExitStatus, main
from factcheck.errors import FactcheckError
from factcheck.extract import extract_claims
from factcheck.ingest import discover, read_document
from factcheck.limits import DEFAULT_LIMITS, parse_limits
from factcheck.report.guard import lock_path
from factcheck.rules import Rules

from conftest import EXAMPLES

SEED = EXAMPLES / "kamervragen-vakkrachten_2017-07-18.txt"
OTHER = EXAMPLES / "techniekpact-debat_2018-06-27.txt"
MAX_SECONDS = 60.0
MAX_PEAK_MB = 1536.0


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    """Every hostile case and one good document in a folder, checked in one run."""
    folder = tmp_path_factory.mktemp("hostile") / "in"
    folder.mkdir()
    shutil.copyfile(SEED, folder / SEED.name)
    names = {name: build(folder).name for name, (build, _, _) in hostile_inputs.CASES.items()}
    out = folder.parent / "out"
    command = [sys.executable, "-c", "import sys; from factcheck.cli import main; "
               "sys.exit(main())", "check", str(folder), "--out", str(out / "fc.xlsx"),
               "--json", str(out / "fc.json"), "--no-cache", "--jobs", "1", "--no-progress"]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, timeout=300, check=False)
    seconds = time.perf_counter() - started
    # The largest of this process's children so far: at least the run's own peak.
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    report = json.loads((out / "fc.json").read_text(encoding="utf-8"))
    return folder, {"names": names, "status": done.returncode, "seconds": seconds,
                    "peak_mb": peak, "stderr": done.stderr.decode("utf-8", "replace"),
                    "report": report}


def _row(result: dict[str, object], name: str) -> dict[str, object]:
    names = result["names"]
    assert isinstance(names, dict)
    wanted = ingest.display(names[name])
    report = result["report"]
    assert isinstance(report, dict)
    rows = [d for d in report["documents"] if d["doc"] == wanted]
    assert len(rows) == 1, f"{name}: {wanted} not listed once in Documents"
    row: dict[str, object] = rows[0]
    return row


@pytest.mark.issue(12)
@pytest.mark.parametrize("case", list(hostile_inputs.CASES))
def test_each_hostile_case_gets_its_true_status(hostile: tuple[Path, dict[str, object]],
                                               case: str) -> None:
    _, result = hostile
    _, status, word = hostile_inputs.CASES[case]
    row = _row(result, case)
    assert row["status"] == status, row
    assert word.lower() in str(row["message"]).lower()
    assert "\n" not in str(row["message"])  # one line


@pytest.mark.issue(12)
def test_the_batch_survives_them_all_in_time_and_memory(
        hostile: tuple[Path, dict[str, object]]) -> None:
    _, result = hostile
    stderr = str(result["stderr"])
    assert "Traceback" not in stderr
    assert result["status"] == ExitStatus.INPUT_FAILED  # some could not be read; no crash
    assert float(str(result["seconds"])) < MAX_SECONDS
    assert float(str(result["peak_mb"])) < MAX_PEAK_MB
    report = result["report"]
    assert isinstance(report, dict)
    texts = {c["text"] for c in report["claims"]}
    assert "53 procent" in texts  # the good document, the long number's and the long sentence's
    assert "123.456" not in " ".join(c["sentence"] for c in report["claims"])  # the link out
    assert _row(result, "utf16-text")["claims"] == 1
    assert _row(result, "long-number")["claims"] == 1  # its 53 procent, not the 4.301 digits
    assert "�" in str(_row(result, "non-utf8-name")["doc"])
    assert "skipped 2 files it does not read" in stderr


@pytest.mark.issue(12)
def test_the_long_sentence_is_cut_and_read_in_under_two_seconds(
        tmp_path: Path, rules: Rules, nlp: Language) -> None:
    path = hostile_inputs.long_sentence(tmp_path)
    extract_claims(read_document(SEED, rules), nlp)  # warm: the lemma dictionary is loaded
    started = time.perf_counter()
    claims = extract_claims(read_document(path, rules), nlp)
    assert time.perf_counter() - started < 2.0
    assert len(claims) >= 300
    assert max(len(c.sentence) for c in claims) <= DEFAULT_LIMITS.sentence_chars
    assert all(c.sentence[0] != " " for c in claims)


@pytest.mark.issue(12)
def test_claims_per_document_and_characters_are_limited(tmp_path: Path, rules: Rules,
                                                        nlp: Language) -> None:
    limits = parse_limits(["document_chars=2000"])
    document = read_document(SEED, rules, limits=limits)
    assert len(document.text) <= 2000 and "document_chars" in document.warnings[-1]
    assert main(["claims", str(SEED), "--limit", "document_claims=3", "--format", "jsonl",
                 "--no-cache"]) == ExitStatus.OK
    with pytest.raises(FactcheckError, match="unknown limit"):
        parse_limits(["pages=3"])


@pytest.mark.issue(12)
def test_an_unreadable_folder_is_listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "open").mkdir()
    (tmp_path / "closed").mkdir()
    shutil.copyfile(SEED, tmp_path / "open" / SEED.name)
    real = os.scandir

    def scandir(path: object) -> object:
        if str(path).endswith("closed"):
            raise PermissionError(13, "Permission denied")
        return real(path)  # type: ignore[call-overload]
    monkeypatch.setattr(ingest.os, "scandir", scandir)
    files, errors = discover([str(tmp_path)])
    assert files == [tmp_path / "open" / SEED.name]
    assert [e.path for e in errors] == [str(tmp_path / "closed")]
    assert "Permission denied" in errors[0].problem


# --- the analyst's workbook -------------------------------------------------------------------

@pytest.fixture
def dossier(tmp_path: Path) -> Path:
    folder = tmp_path / "rt" / "in"
    folder.mkdir(parents=True)
    shutil.copyfile(SEED, folder / SEED.name)
    shutil.copyfile(OTHER, folder / OTHER.name)
    return folder


@pytest.fixture
def workbook(dossier: Path) -> Path:
    out = dossier.parent / "out" / "fc.xlsx"
    assert main(["check", str(dossier), "--out", str(out), "--no-cache"]) == ExitStatus.OK
    return out


def _typo(dossier: Path) -> list[str]:
    return [str(dossier.parent / "inn")]


def _empty(dossier: Path) -> list[str]:
    (dossier.parent / "leeg").mkdir()
    return [str(dossier.parent / "leeg")]


def _lock_file(dossier: Path) -> list[str]:
    (dossier.parent / "out" / "~$fc.xlsx").write_text("x")
    return [str(dossier)]


def _damaged(dossier: Path) -> list[str]:
    out = dossier.parent / "out" / "fc.xlsx"
    out.write_bytes(out.read_bytes()[: len(out.read_bytes()) // 2])
    return [str(dossier)]


def _other_run(dossier: Path) -> list[str]:
    lock_path(dossier.parent / "out" / "fc.xlsx").write_text(str(os.getpid()))
    return [str(dossier)]


def _read_only(dossier: Path) -> list[str]:
    (dossier.parent / "out" / "fc.xlsx").chmod(0o444)
    return [str(dossier)]


@pytest.mark.issue(12)
@pytest.mark.parametrize("make", [_typo, _empty, _lock_file, _damaged, _other_run, _read_only])
def test_a_run_that_cannot_do_its_job_exits_3_and_leaves_the_workbook(
        workbook: Path, dossier: Path, make: object, capsys: pytest.CaptureFixture[str]) -> None:
    assert callable(make)
    paths = make(dossier)
    before = workbook.read_bytes()
    capsys.readouterr()
    started = time.perf_counter()
    assert main(["check", *paths, "--out", str(workbook), "--no-cache"]) == ExitStatus.FATAL
    err = capsys.readouterr().err
    assert workbook.read_bytes() == before
    assert "Traceback" not in err and err.strip().splitlines()[-1].startswith("factcheck: [FC")
    assert not list(workbook.parent.glob("fc.2*.xlsx"))  # no backup either
    if make not in (_typo, _empty):
        assert "claims" not in err  # refused before reading any document
        assert time.perf_counter() - started < 30


@pytest.mark.issue(12)
def test_a_nonexistent_path_exits_3_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out" / "fc.xlsx"
    assert main(["check", str(tmp_path / "nergens"), "--out", str(out)]) == ExitStatus.FATAL
    assert not out.exists()


@pytest.mark.issue(12)
def test_retiring_most_findings_for_missing_documents_needs_allow_retire(
        workbook: Path, dossier: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = workbook.read_bytes()
    one = [str(dossier / SEED.name)]
    assert main(["check", *one, "--out", str(workbook), "--no-cache"]) == ExitStatus.FATAL
    assert "--allow-retire" in capsys.readouterr().err
    assert workbook.read_bytes() == before
    assert main(["check", *one, "--out", str(workbook), "--no-cache",
                 "--allow-retire"]) == ExitStatus.OK
    assert "Retired" in openpyxl.load_workbook(workbook).sheetnames


@pytest.mark.issue(12)
def test_analyst_sheet_comment_claims_edits_and_typed_verdict_survive(
        workbook: Path, dossier: Path) -> None:
    book = openpyxl.load_workbook(workbook)
    findings, claims = book["Findings"], book["Claims"]
    header = [c.value for c in findings[1]]
    finding_id = findings.cell(row=2, column=1).value
    findings.cell(row=2, column=header.index("Analyst verdict") + 1).value = 1
    note_cell = findings.cell(row=2, column=header.index("Analyst note") + 1)
    note_cell.comment = Comment("bron nagevraagd bij CBS", "analist")
    claim_header = [c.value for c in claims[1]]
    claim_id = claims.cell(row=3, column=1).value
    claims.cell(row=3, column=claim_header.index("speaker") + 1).value = "Iemand Anders"
    claims.cell(row=1, column=len(claim_header) + 1).value = "gecontroleerd"
    claims.cell(row=3, column=len(claim_header) + 1).value = "ja"
    added = book.create_sheet("Mijn notities")
    added["A1"], added["B2"] = "te doen", 42
    book.save(workbook)
    shutil.copyfile(SEED, dossier / "kopie.txt")  # the next run finds more
    assert main(["check", str(dossier), "--out", str(workbook), "--no-cache"]) == ExitStatus.OK
    again = openpyxl.load_workbook(workbook)
    assert again["Mijn notities"]["A1"].value == "te doen"
    assert again["Mijn notities"]["B2"].value == 42
    findings = again["Findings"]
    header = [c.value for c in findings[1]]
    row = next(r for r in range(2, findings.max_row + 1)
               if findings.cell(row=r, column=1).value == finding_id)
    verdict = findings.cell(row=row, column=header.index("Analyst verdict") + 1).value
    assert verdict == 1 and isinstance(verdict, int)
    comment = findings.cell(row=row, column=header.index("Analyst note") + 1).comment
    assert comment is not None and "bron nagevraagd" in comment.text
    claims = again["Claims"]
    claim_header = [c.value for c in claims[1]]
    row = next(r for r in range(2, claims.max_row + 1)
               if claims.cell(row=r, column=1).value == claim_id)
    assert claims.cell(row=row, column=claim_header.index("speaker") + 1).value == "Iemand Anders"
    assert claims.cell(row=row, column=claim_header.index("gecontroleerd") + 1).value == "ja"


@pytest.mark.issue(12)
def test_an_unchanged_rerun_leaves_the_workbook_and_backups_are_pruned(
        workbook: Path, dossier: Path) -> None:
    before = workbook.read_bytes()
    assert main(["check", str(dossier), "--out", str(workbook), "--no-cache"]) == ExitStatus.OK
    assert workbook.read_bytes() == before
    assert not list(workbook.parent.glob("fc.2*.xlsx"))
    for number in range(3):
        (dossier / f"kopie-{number}.txt").write_bytes(SEED.read_bytes())
        assert main(["check", str(dossier), "--out", str(workbook), "--no-cache",
                     "--keep-backups", "2"]) == ExitStatus.OK
    assert len(list(workbook.parent.glob("fc.2*.xlsx"))) == 2
