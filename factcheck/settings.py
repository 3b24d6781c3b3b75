"""Settings: every knob of a run in one frozen, validated record.

The command line builds one from its options; a notebook builds one by hand::

    from factcheck import Settings, check
    report = check(["stukken/"], Settings(jobs=2, exclude=("*_concept.pdf",)))

A setting that cannot work is refused when the record is made, with one line
naming the setting and the fix (:class:`~factcheck.errors.SettingsError`),
not half-way through a batch. Whether a folder exists is checked when it is
used (the rules when they are loaded, the CBS snapshots when they are opened).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from factcheck.errors import SettingsError
from factcheck.limits import DEFAULT_LIMITS, Limits

ENGINES = ("local", "dask")
"""Where the stages run: processes on this machine, or a Dask cluster (issue 15)."""


@dataclass(frozen=True)
class Settings:
    """How to read and check a batch. Every field has a default that works out of the box.

    A ``str`` is taken wherever a path is asked for.
    """

    jobs: int | None = None
    """Processes that read and extract (None: one per core; small batches use one)."""
    cache: bool = True
    """Reuse what an earlier run read from a file whose content, name, tool and rules are
    unchanged."""
    cache_dir: Path | str | None = None
    """Where the cache lives (None: $FACTCHECK_CACHE, else $XDG_CACHE_HOME/factcheck, else
    ~/.cache/factcheck): a folder (a Path), or an fsspec URL (a str with ``://``, such as
    ``s3://bucket/factcheck-cache``) that every worker of a cluster sees; the Dask engine's
    run folder is there as well."""
    rules_dir: Path | None = None
    """A folder of rules files to use instead of the shipped ones."""
    model: str | None = None
    """An installed spaCy pipeline to use for sentences (None: none is needed)."""
    ocr: bool = False
    """OCR scanned PDF pages (needs ocrmypdf or Tesseract)."""
    limits: Limits = DEFAULT_LIMITS
    """What one document may cost (see :mod:`factcheck.limits`)."""
    exclude: tuple[str, ...] = ()
    """Glob patterns of file names in the input folders to skip."""
    follow_links: bool = False
    """Read files that symbolic links in the input folders point to outside them."""
    reference_dir: Path | None = None
    """A folder of CBS StatLine snapshots to check claims against (None: no check)."""
    engine: str = "local"
    """Where the stages run: "local" (processes on this machine) or "dask"."""
    scheduler: str | None = None
    """With engine "dask": the scheduler's address (None: a cluster on this machine)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "cache_dir", _location("cache_dir", self.cache_dir))
        for name in ("rules_dir", "reference_dir"):
            object.__setattr__(self, name, _path(name, getattr(self, name)))
        object.__setattr__(self, "exclude", _patterns(self.exclude))
        _check_jobs(self.jobs)
        for name in ("cache", "ocr", "follow_links"):
            _check_flag(name, getattr(self, name))
        _check_limits(self.limits)
        _check_name("model", self.model, "an installed spaCy pipeline such as 'nl_core_news_sm'")
        _check_engine(self.engine, self.scheduler)


def _refuse(name: str, value: Any, fix: str) -> SettingsError:
    return SettingsError(f"Settings({name}={value!r}): {fix}")


def _location(name: str, value: Any) -> Path | str | None:
    """A folder as a Path, or a URL as a str, whose protocol's package is installed."""
    if isinstance(value, str) and "://" in value:
        from factcheck.cache import url_problem

        problem = url_problem(value.strip())
        if problem is not None:
            raise _refuse(name, value, problem)
        return value.strip().rstrip("/")
    return _path(name, value)


def _path(name: str, value: Any) -> Path | None:
    if value is None or isinstance(value, Path):
        return value
    if isinstance(value, str) and "://" in value:
        raise _refuse(name, value, "give a local folder (only cache_dir may be a URL) — "
                                   "mount the bucket or copy the files here")
    if isinstance(value, str) and value.strip():
        return Path(value)
    if isinstance(value, os.PathLike):
        return Path(value)
    raise _refuse(name, value, "give a folder as a path or a str, or None")


def _patterns(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        raise _refuse("exclude", value, f"give a list of glob patterns, e.g. exclude=[{value!r}]")
    try:
        patterns = tuple(value)
    except TypeError:
        raise _refuse("exclude", value, "give a list of glob patterns, e.g. "
                                        "exclude=['*_concept.pdf']") from None
    for pattern in patterns:
        if not isinstance(pattern, str) or not pattern:
            raise _refuse("exclude", value, "every pattern must be a non-empty str, e.g. "
                                            "'*_concept.pdf'")
    return patterns


def _check_jobs(jobs: Any) -> None:
    if jobs is None:
        return
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise _refuse("jobs", jobs, "give a whole number of processes of at least 1, "
                                    "or None for one per core")


def _check_flag(name: str, value: Any) -> None:
    if not isinstance(value, bool):
        raise _refuse(name, value, "give True or False")


def _check_limits(limits: Any) -> None:
    if not isinstance(limits, Limits):
        raise _refuse("limits", limits, "give a factcheck.limits.Limits, e.g. "
                                        "Limits(sentence_chars=2000)")
    for item in fields(limits):
        value = getattr(limits, item.name)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            default = getattr(DEFAULT_LIMITS, item.name)
            raise SettingsError(f"Settings(limits=...): {item.name}={value!r} — give a whole "
                                f"number above 0, e.g. Limits({item.name}={default})")


def _check_name(name: str, value: Any, example: str) -> None:
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise _refuse(name, value, f"give {example}, or None")


def _check_engine(engine: Any, scheduler: Any) -> None:
    if engine not in ENGINES:
        raise _refuse("engine", engine, "give one of " + ", ".join(repr(e) for e in ENGINES))
    _check_name("scheduler", scheduler, "the address of a Dask scheduler such as "
                                        "'tcp://scheduler.example:8786'")
    if scheduler is not None and engine != "dask":
        raise _refuse("scheduler", scheduler, "a scheduler is for engine='dask' — "
                                              "add engine='dask' or leave scheduler out")
