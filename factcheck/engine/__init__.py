"""Engines: where the check runs. Both give the same claims, findings and reports.

- ``local`` (the default): reading and extraction in a pool of processes on
  this machine (:mod:`factcheck.parallel`), the check in this process
  (:func:`factcheck.pipeline.check`);
- ``dask``: every stage on a Dask cluster (:mod:`factcheck.engine.dask`): a
  ``LocalCluster`` with ``jobs`` workers, or the cluster whose scheduler is at
  ``scheduler``. Dask is imported only when this engine is opened.

Use::

    settings = Settings(engine="dask", jobs=2)
    with open_engine(settings) as engine:
        batch = engine.read_and_extract(paths, rules, nlp, settings)
        findings = engine.check(batch, rules)
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Protocol

from spacy.language import Language

from factcheck.errors import FactcheckError
from factcheck.pipeline import Batch, Reporter, check, read_and_extract
from factcheck.records import Finding
from factcheck.rules import Rules
from factcheck.settings import ENGINES, Settings

__all__ = ["ENGINES", "Engine", "EngineError", "LocalEngine", "open_engine"]


class EngineError(FactcheckError):
    """The engine cannot run: a scheduler out of reach, Dask not installed."""

    code = "FC006"


class Engine(Protocol):
    """Reads and extracts a batch, then checks it: :func:`~factcheck.pipeline.read_and_extract`
    and :func:`~factcheck.pipeline.check`, wherever they run."""

    def read_and_extract(self, paths: Sequence[str], rules: Rules, nlp: Language,
                         settings: Settings, *, on_error: Reporter | None = None,
                         progress: bool | None = None) -> Batch: ...

    def check(self, batch: Batch, rules: Rules) -> list[Finding]: ...


class LocalEngine:
    """The process pool on this machine."""

    def read_and_extract(self, paths: Sequence[str], rules: Rules, nlp: Language,
                         settings: Settings, *, on_error: Reporter | None = None,
                         progress: bool | None = None) -> Batch:
        return read_and_extract(paths, rules, nlp, settings, on_error=on_error,
                                progress=progress)

    def check(self, batch: Batch, rules: Rules) -> list[Finding]:
        return check(batch, rules)


@contextmanager
def open_engine(settings: Settings, *, progress: bool | None = None) -> Iterator[Engine]:
    """The engine ``settings`` name (checked when the Settings were made: a known engine, a
    scheduler only with "dask"); EngineError when it cannot start."""
    if settings.engine == "local":
        yield LocalEngine()
        return
    try:
        from factcheck.engine.dask import DaskEngine
    except ImportError as exc:
        raise EngineError(f"the dask engine needs Dask and pyarrow ({exc.name} is not "
                          "installed) — pip install 'factcheck[dask]'") from exc
    with DaskEngine.connect(settings.scheduler, jobs=settings.jobs,
                            progress=progress) as engine:
        yield engine
