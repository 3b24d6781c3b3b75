"""The cache and the Dask engine's run folder on shared storage, through fsspec URLs:
a URL cache gives what a folder gives, anything doubtful is a miss, an unwritable one
is skipped, a URL that cannot work is one clear line, and a folder never needs fsspec.

``memory://`` is fsspec's in-process filesystem: real reads and writes through the same
calls an object store gets, without a network."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language

from factcheck.cli import ExitStatus, main
from factcheck.engine import partitions as pt
from factcheck.errors import SettingsError
from factcheck.pipeline import Batch, read_and_extract
from factcheck.rules import Rules
from factcheck.settings import Settings

from conftest import EXAMPLES

fsspec = pytest.importorskip("fsspec")

SEEDS = sorted(EXAMPLES.glob("*.txt"))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for seed in SEEDS:
        shutil.copyfile(seed, inputs / seed.name)
    return inputs


@pytest.fixture
def memory_url() -> Iterator[str]:
    """A fresh folder on fsspec's memory filesystem, removed afterwards."""
    name = f"fc-test/{uuid.uuid4().hex}"
    yield f"memory://{name}"
    memory = fsspec.filesystem("memory")
    if memory.exists(f"/{name}"):
        memory.rm(f"/{name}", recursive=True)


def _run(folder: Path, rules: Rules, nlp: Language, cache_dir: Path | str) -> Batch:
    return read_and_extract([str(folder)], rules, nlp,
                            Settings(jobs=1, cache=True, cache_dir=cache_dir))


def _entries(memory_url: str) -> dict[str, bytes]:
    """The files under a memory:// URL, by their name below it."""
    memory, root = fsspec.filesystem("memory"), "/" + memory_url.removeprefix("memory://")
    return {p[len(root) + 1:]: memory.cat_file(p) for p in memory.find(root)}


def test_a_url_cache_gives_the_claims_a_folder_gives_and_serves_the_second_run(
        folder: Path, tmp_path: Path, rules: Rules, nlp: Language, memory_url: str) -> None:
    in_folder = _run(folder, rules, nlp, tmp_path / "cache")
    first = _run(folder, rules, nlp, memory_url)
    second = _run(folder, rules, nlp, memory_url)
    assert len(first.claims) > 20 and len(first.documents) == len(SEEDS) == 2
    assert first.claims == in_folder.claims and first.documents == in_folder.documents
    assert [s.cached for s in first.stats] == [False, False]
    assert [s.cached for s in second.stats] == [True, True]
    assert second.claims == first.claims and second.documents == first.documents
    # the same entries under the same names as in a folder (key[:2]/key.json)
    stored = _entries(memory_url)
    on_disk = {p.relative_to(tmp_path / "cache").as_posix(): p.read_bytes()
               for p in (tmp_path / "cache").rglob("*.json")}
    assert stored == on_disk and len(stored) == 2


@pytest.mark.parametrize("content", [b"", b"not json", b"{}", b'{"key": 1}'])
def test_a_broken_entry_at_a_url_is_a_miss_and_is_rewritten(
        folder: Path, rules: Rules, nlp: Language, memory_url: str, content: bytes) -> None:
    first = _run(folder, rules, nlp, memory_url)
    memory = fsspec.filesystem("memory")
    broken = sorted(_entries(memory_url))[0]
    memory.pipe_file(f"/{memory_url.removeprefix('memory://')}/{broken}", content)
    again = _run(folder, rules, nlp, memory_url)
    assert sorted(s.cached for s in again.stats) == [False, True]
    assert again.claims == first.claims
    assert [s.cached for s in _run(folder, rules, nlp, memory_url).stats] == [True, True]


def test_a_url_cache_that_cannot_be_written_is_skipped(folder: Path, tmp_path: Path,
                                                       rules: Rules, nlp: Language) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("a file where the cache folder would be", encoding="utf-8")
    url = f"file://{blocker}/cache"
    in_folder = _run(folder, rules, nlp, tmp_path / "cache")
    first = _run(folder, rules, nlp, url)
    again = _run(folder, rules, nlp, url)
    assert first.claims == in_folder.claims
    assert [s.cached for s in again.stats] == [False, False]
    assert blocker.read_text(encoding="utf-8").startswith("a file where")


def test_a_file_url_cache_is_the_folder_it_names(folder: Path, tmp_path: Path, rules: Rules,
                                                 nlp: Language) -> None:
    _run(folder, rules, nlp, f"file://{tmp_path}/shared/")
    assert len(list((tmp_path / "shared").glob("??/*.json"))) == 2
    again = _run(folder, rules, nlp, tmp_path / "shared")  # and the folder serves it
    assert [s.cached for s in again.stats] == [True, True]
    assert not list((tmp_path / "shared").rglob("*.tmp"))  # written whole, renamed


def _missing_package() -> tuple[str, str]:
    """A protocol whose package is not installed here (skip when all are)."""
    for protocol, package in (("s3", "s3fs"), ("gcs", "gcsfs"), ("abfs", "adlfs")):
        if importlib.util.find_spec(package) is None:
            return protocol, package
    pytest.skip("s3fs, gcsfs and adlfs are all installed")


def test_a_protocol_whose_package_is_missing_is_one_line_naming_it() -> None:
    protocol, package = _missing_package()
    with pytest.raises(SettingsError) as caught:
        Settings(cache_dir=f"{protocol}://bucket/factcheck-cache")
    message = str(caught.value)
    assert message.startswith(f"[FC002] Settings(cache_dir='{protocol}://bucket/")
    assert f"pip install {package}" in message and "\n" not in message


@pytest.mark.parametrize(("value", "fix"), [
    ("nosuch://bucket/cache", "unknown storage protocol 'nosuch'"),
    ("s3://", "names no bucket or folder"),
    ("memory:///", "names no bucket or folder"),
])
def test_a_url_that_cannot_work_is_one_line(value: str, fix: str) -> None:
    with pytest.raises(SettingsError) as caught:
        Settings(cache_dir=value)
    message = str(caught.value)
    assert message.startswith(f"[FC002] Settings(cache_dir={value!r})") and fix in message
    assert "\n" not in message


def test_without_fsspec_a_url_asks_for_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "fsspec", None)  # import fsspec now fails
    with pytest.raises(SettingsError, match=r"needs the fsspec package — pip install "
                                            r"'factcheck\[dask\]'"):
        Settings(cache_dir="memory://fc-test/cache")
    assert Settings(cache_dir="plain/folder").cache_dir == Path("plain/folder")


def test_settings_keep_a_url_as_text_and_a_folder_as_a_path(memory_url: str) -> None:
    assert Settings(cache_dir=memory_url + "/").cache_dir == memory_url
    assert Settings(cache_dir="cache").cache_dir == Path("cache")
    with pytest.raises(SettingsError, match=r"rules_dir=.*give a local folder"):
        Settings(rules_dir="s3://bucket/rules")


def test_the_command_line_takes_a_url_and_refuses_a_bad_one(
        folder: Path, memory_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["claims", str(folder), "--format", "jsonl", "--jobs", "1"]
    assert main([*args, "--cache-dir", memory_url]) == ExitStatus.OK
    shown = capsys.readouterr().out
    assert len(_entries(memory_url)) == 2 and shown.count("\n") > 20
    assert main([*args, "--cache-dir", "nosuch://bucket/cache"]) == ExitStatus.FATAL
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert "Settings(cache_dir='nosuch://bucket/cache')" in error and "unknown storage" in error


def test_a_url_as_an_input_is_one_line_and_the_rest_is_read(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["claims", "s3://bucket/stukken", str(folder), "--no-cache", "--jobs", "1"])
    shown = capsys.readouterr()
    assert status == ExitStatus.INPUT_FAILED
    lines = [line for line in shown.err.splitlines() if "s3://bucket/stukken" in line]
    assert len(lines) == 1
    assert "inputs must be local files" in lines[0] and "mount the bucket" in lines[0]
    assert SEEDS[0].name in shown.out  # the other inputs were read


def test_a_plain_folder_never_imports_fsspec(folder: Path, tmp_path: Path) -> None:
    code = ("import sys\n"
            "from factcheck import Settings\n"
            "from factcheck.api import read\n"
            "for _ in range(2):\n"
            f"    report = read([{str(folder)!r}], Settings(jobs=1, cache_dir={str(tmp_path)!r}))\n"
            "print(len(report.records.claims), sorted(m for m in sys.modules "
            "if m.split('.')[0] == 'fsspec'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert int(out[0]) > 20 and out[1:] == ["[]"]
    assert len(list(tmp_path.glob("??/*.json"))) == 2  # it did use the cache


def _rows(*tasks: int) -> pt.Rows:
    rows = pt.empty()
    for task in tasks:
        for name, value in zip(pt.SCHEMA.names, (task, 0, f"doc-{task}", "s", 40, 0, ["k"],
                                                 ["u\x1fk"], "{}"), strict=True):
            rows[name].append(value)
    return rows


def test_the_run_folder_at_a_url_is_written_read_and_removed(memory_url: str) -> None:
    folder = pt.RunFolder.under(memory_url + "/", "20261130-run")
    assert folder.root == f"{memory_url}/runs/20261130-run"
    assert pt.write(folder.statement_piece(3, 1), _rows(7, 8)) > 0
    assert pt.write(folder.statement_piece(3, 0), _rows(1)) > 0
    pt.write(folder.statement_piece(3, 1), _rows(9))  # a task run again replaces its file
    assert pt.read(folder.statement_piece(3, 0))["doc"] == ["doc-1"]
    assert pt.read_all(folder.statement_pieces(3))["task"] == [1, 9]  # file by file, in order
    assert pt.read_all(folder.statement_pieces(4)) == pt.empty()
    assert sorted(_entries(memory_url)) == [
        "runs/20261130-run/statement-pieces/bucket=0003/part-00000.parquet",
        "runs/20261130-run/statement-pieces/bucket=0003/part-00001.parquet"]
    folder.remove()
    assert _entries(memory_url) == {}
    folder.remove()  # a second time: nothing there, no error


def test_a_local_run_folder_is_where_it_was(tmp_path: Path) -> None:
    folder = pt.RunFolder.under(tmp_path, "run")
    assert folder.root == str(tmp_path / "runs" / "run")
    size = pt.write(folder.claims(0), _rows(1, 2))
    assert size == (tmp_path / "runs" / "run" / "claims" / "part-00000.parquet").stat().st_size
    assert pt.read_all(str(tmp_path / "runs" / "run" / "claims"))["task"] == [1, 2]
    folder.remove()
    assert not (tmp_path / "runs" / "run").exists()
