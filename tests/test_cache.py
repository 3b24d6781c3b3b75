"""The per-document cache: a hit gives what a read gives, and anything doubtful is a miss."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from spacy.language import Language

from factcheck import cache as cache_module
from factcheck.cache import Cache, default_cache_dir
from factcheck.pipeline import read_and_extract
from factcheck.rules import Rules
from factcheck.settings import Settings

from conftest import EXAMPLES

SEED = EXAMPLES / "kamervragen-vakkrachten_2017-07-18.txt"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copyfile(SEED, inputs / SEED.name)
    return inputs


def _run(folder: Path, rules: Rules, nlp: Language, cache_dir: Path):  # type: ignore[no-untyped-def]
    return read_and_extract([str(folder)], rules, nlp,
                            Settings(jobs=1, cache=True, cache_dir=cache_dir))


def test_second_run_is_a_hit_with_the_same_claims(folder: Path, tmp_path: Path, rules: Rules,
                                                  nlp: Language) -> None:
    first = _run(folder, rules, nlp, tmp_path / "cache")
    second = _run(folder, rules, nlp, tmp_path / "cache")
    assert [s.cached for s in first.stats] == [False]
    assert [s.cached for s in second.stats] == [True]
    assert second.claims == first.claims and second.documents == first.documents


def test_changed_content_is_read_again(folder: Path, tmp_path: Path, rules: Rules,
                                       nlp: Language) -> None:
    _run(folder, rules, nlp, tmp_path / "cache")
    path = folder / SEED.name
    path.write_text(path.read_text(encoding="utf-8").replace("53 procent", "54 procent"),
                    encoding="utf-8")
    again = _run(folder, rules, nlp, tmp_path / "cache")
    assert [s.cached for s in again.stats] == [False]
    assert any(c.text == "54 procent" for c in again.claims)


def test_key_changes_with_rules_version_and_name(folder: Path, tmp_path: Path) -> None:
    path = folder / SEED.name
    one = Cache(tmp_path, "rules-1").key(path, path.name)
    assert one == Cache(tmp_path, "rules-1").key(path, path.name)
    assert one != Cache(tmp_path, "rules-2").key(path, path.name)
    assert one != Cache(tmp_path, "rules-1").key(path, "other.txt")
    assert one != Cache(tmp_path, "rules-1", model="nl_core_news_sm").key(path, path.name)
    assert Cache(tmp_path, "rules-1").key(folder / "missing.txt", "missing.txt") is None


def test_rules_version_change_is_a_miss(folder: Path, tmp_path: Path, rules: Rules,
                                        nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    _run(folder, rules, nlp, tmp_path / "cache")
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "another tool version")
    again = _run(folder, rules, nlp, tmp_path / "cache")
    assert [s.cached for s in again.stats] == [False]


@pytest.mark.parametrize("content", [b"", b"not json", b"\x80\x05K\x01.", b"{}",
                                     b'{"key": 1, "document": [], "claims": {}}'])
def test_corrupt_entry_is_a_miss_and_is_rewritten(folder: Path, tmp_path: Path, rules: Rules,
                                                  nlp: Language, content: bytes) -> None:
    first = _run(folder, rules, nlp, tmp_path / "cache")
    entries = list((tmp_path / "cache").rglob("*.json"))
    assert len(entries) == 1
    entries[0].write_bytes(content)
    again = _run(folder, rules, nlp, tmp_path / "cache")
    assert again.claims == first.claims
    assert _run(folder, rules, nlp, tmp_path / "cache").stats[0].cached


def test_same_content_elsewhere_keeps_its_own_path(folder: Path, tmp_path: Path, rules: Rules,
                                                   nlp: Language) -> None:
    first = _run(folder, rules, nlp, tmp_path / "cache")
    moved = tmp_path / "moved"
    shutil.copytree(folder, moved)
    again = _run(moved, rules, nlp, tmp_path / "cache")
    assert again.stats[0].cached
    assert again.documents[0].path == str(moved / SEED.name)
    assert again.claims == first.claims


def test_cache_location_follows_the_environment(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTCHECK_CACHE", str(tmp_path / "explicit"))
    assert default_cache_dir() == tmp_path / "explicit"
    monkeypatch.delenv("FACTCHECK_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "factcheck"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert default_cache_dir() == Path.home() / ".cache" / "factcheck"
