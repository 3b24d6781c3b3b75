"""factcheck as a library: the check written once, for notebooks, scripts and the CLI alike.

::

    import factcheck
    report = factcheck.check(["examples/"], factcheck.Settings(jobs=1))
    report.findings[report.findings.verdict == "discrepancy"]
    report.to_csv("reports/csv")
    report.write_workbook("reports/factcheck.xlsx")   # an analyst's verdicts there are kept

:func:`check` reads the documents, extracts the claims, links and judges
them, rechecks the arithmetic and (with ``Settings.reference_dir``) checks
claims against CBS; it returns a :class:`Report`. :func:`read_claims` only
reads and extracts, and returns the claims as a DataFrame.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck import __version__
from factcheck.errors import DocumentError, OutputError, SettingsError
from factcheck.ingest import display
from factcheck.records import Claim, DocumentReport, Finding
from factcheck.settings import Settings

if TYPE_CHECKING:
    import pandas as pd

    from factcheck.engine import Engine
    from factcheck.pipeline import Batch
    from factcheck.refdata.reference import ReferenceCheck
    from factcheck.refdata.snapshot import Snapshots
    from factcheck.report.merge import Merge, Previous
    from factcheck.report.reference_sheet import Reference
    from factcheck.report.summary import RunInfo
    from factcheck.report.tabular import Tables
    from factcheck.rules import Rules

Paths = str | Path | Sequence[str | Path]
"""One path, or several: files and folders."""
Say = Callable[[str], None]
"""Told one line of text (without the "factcheck: " the command line puts before it)."""


@dataclass(frozen=True)
class Records:
    """What a run found, as the typed records of :mod:`factcheck.records`."""

    claims: tuple[Claim, ...]
    findings: tuple[Finding, ...]
    documents: tuple[DocumentReport, ...]
    reference: tuple[ReferenceCheck, ...] | None = None  # None: not checked against CBS


class Report:
    """The outcome of a run: its records, as DataFrames, and the ways to write them.

    ``claims``, ``findings``, ``documents`` (and ``reference`` after a check
    against CBS, else None) are pandas DataFrames with real dtypes (see
    :mod:`factcheck.report.frames`); ``records`` holds the same as typed
    records. ``read`` names the documents that were read; ``notes`` are the lines
    about files in the input folders that were not.
    """

    def __init__(self, run: RunInfo, records: Records, *, read: Sequence[str],
                 notes: Sequence[str] = (), reference: Reference | None = None,
                 previous: Previous | None = None, previous_path: Path | None = None,
                 versions: str = "", judged: bool = True) -> None:
        from factcheck.report.merge import merge_findings

        self.run = run
        self.records = records
        self.read = tuple(read)
        self.notes = tuple(notes)
        self.merge: Merge = merge_findings(previous, records.findings, run.run_date)
        self._reference = reference
        self._previous = previous
        self._previous_path = previous_path
        self._versions = versions
        self.judged = judged  # False: claims only (read), no findings were looked for

    def __repr__(self) -> str:
        return (f"<Report: {len(self.read)} documents read, {len(self.records.claims)} "
                f"claims, {len(self.records.findings)} findings>")

    @property
    def failed(self) -> int:
        """Inputs that could not be read (``failed`` on Documents)."""
        return sum(1 for d in self.records.documents if d.status == "failed")

    @cached_property
    def claims(self) -> pd.DataFrame:
        from factcheck.report.frames import claims_frame

        return claims_frame(self.records.claims)

    @cached_property
    def findings(self) -> pd.DataFrame:
        from factcheck.report.frames import findings_frame

        return findings_frame(self.records.findings, self.merge)

    @cached_property
    def documents(self) -> pd.DataFrame:
        from factcheck.report.frames import documents_frame

        return documents_frame(self.records.documents)

    @cached_property
    def reference(self) -> pd.DataFrame | None:
        from factcheck.report.frames import reference_frame

        return None if self.records.reference is None else reference_frame(
            self.records.reference)

    def frames(self) -> dict[str, pd.DataFrame]:
        """Every table by its file name: findings, claims, documents (and reference)."""
        tables = {"findings": self.findings, "claims": self.claims, "documents": self.documents}
        if self.reference is not None:
            tables["reference"] = self.reference
        return tables

    def write_workbook(self, path: Path | str | None = None, *, allow_retire: bool = False,
                       keep_backups: int = 10) -> Merge:
        """Write the discrepancy workbook, carrying over what analysts typed in the one there.

        ``path`` defaults to the ``previous`` workbook given to :func:`check`.
        The workbook at ``path`` is merged exactly as ``factcheck check --out``
        merges it (verdicts, notes, added columns and sheets, edits, comments);
        a workbook that is open, damaged, not factcheck's or being written by
        another run is refused with an OutputError and left as it was, as is
        one of whose findings more than half would retire for documents not
        read (unless ``allow_retire``). Returns what was carried over.
        """
        from factcheck.report import write_workbook
        from factcheck.report.guard import RunLock, check_writable
        from factcheck.report.previous import read_previous

        target = self._workbook_path(path)
        same = self._previous_path is not None and _same_file(target, self._previous_path)
        if not same:
            check_writable(target)
        elif self._previous is None and target.exists():
            raise OutputError(f"{target} appeared while factcheck ran — run again so that "
                              "nothing in it is lost")
        with RunLock(target):
            previous = self._previous if same else read_previous(target)
            if not same and not allow_retire:
                _refuse_mass_retirement(previous, self.records.findings, self.read)
            merge = write_workbook(target, self.run, self.records.claims, self.records.findings,
                                   self.records.documents, self._reference, previous=previous,
                                   keep_backups=keep_backups, versions=self._versions)
        self._merged(merge)
        return merge

    def _workbook_path(self, path: Path | str | None) -> Path:
        if not self.judged:
            raise OutputError("this report holds claims only, no findings — writing it would "
                              "retire every finding of a workbook: use factcheck.check")
        target = Path(path) if path is not None else self._previous_path
        if target is None:
            raise OutputError("no workbook named — give one, e.g. "
                              "report.write_workbook('reports/factcheck.xlsx')")
        if target.suffix.lower() != ".xlsx":
            raise OutputError(f"{target} does not end in .xlsx — give a workbook name such as "
                              "reports/factcheck.xlsx")
        return target

    def _merged(self, merge: Merge) -> None:
        """After writing: the analyst input now known goes into findings and the JSON."""
        self.merge = merge
        self.__dict__.pop("findings", None)

    def to_json(self, path: Path | str) -> None:
        """Write claims, findings (with the analyst input merged), documents and run as JSON,
        exactly as ``factcheck check --json`` does."""
        from factcheck.report import write_json

        write_json(Path(path), self.run, self.records.claims, self.records.findings,
                   self.records.documents, self.merge, self.records.reference)

    def to_csv(self, folder: Path | str) -> list[Path]:
        """Write findings.csv, claims.csv, documents.csv (and reference.csv) in ``folder``;
        :func:`read_csv_report` reads them back with the same dtypes and values."""
        from factcheck.report.tabular import write_csv

        return write_csv(Path(folder), self.frames())

    def to_parquet(self, folder: Path | str) -> list[Path]:
        """Write the same tables as Parquet files (needs ``pip install 'factcheck[parquet]'``);
        ``pandas.read_parquet`` reads them back with the same dtypes."""
        from factcheck.report.tabular import write_parquet

        return write_parquet(Path(folder), self.frames())


def check(paths: Paths, settings: Settings | None = None, *,
          previous: Path | str | None = None, allow_retire: bool = False,
          outputs: Sequence[Path | str] = (), progress: bool | None = None,
          on_error: Callable[[DocumentError], None] | None = None, on_note: Say | None = None,
          on_stage: Say | None = None) -> Report:
    """Read, extract, link, judge and recheck the documents at ``paths``; the Report.

    ``previous``: the workbook this run continues (``factcheck check --out``).
    Before any document is read it is checked writable, locked against other
    runs, and read (an open, damaged or foreign workbook is refused at once);
    a run that would retire more than half of its findings because their
    documents are not among the inputs is refused (unless ``allow_retire``),
    and ``Report.write_workbook()`` writes it. ``outputs``: other files the
    caller will write (JSON, a CSV folder's ``findings.csv``), checked writable
    before reading too. OutputError when no document could be read.

    ``on_error`` is told each input that could not be read, ``on_note`` the
    files in the folders that were not read, ``on_stage`` each stage of a
    long run; ``progress`` shows a progress bar (None: on a terminal).
    """
    from factcheck.cache import code_fingerprint
    from factcheck.report.guard import RunLock, check_writable
    from factcheck.report.previous import read_previous

    settings = settings or Settings()
    inputs = _inputs(paths)
    rules, snapshots = _rules(settings), _snapshots(settings)
    workbook = None if previous is None else Path(previous)
    for target in (workbook, *(Path(o) for o in outputs)):
        if target is not None:
            check_writable(target)  # before reading anything: a run never ends in "cannot write"
    lock = RunLock(workbook) if workbook is not None else contextlib.nullcontext()
    with lock, _engine(settings, progress) as engine:
        prior = None if workbook is None else read_previous(workbook)
        batch = _read(engine, inputs, settings, rules, progress, on_error)
        notes = _notes(batch, on_note)
        if not batch.extracted:
            kept = (f"{workbook} is left as it was" if workbook is not None and workbook.exists()
                    else "nothing was written")
            raise OutputError(f"no document could be read from {' '.join(inputs)} — check the "
                              f"paths (see the lines above); {kept}")
        if on_stage is not None:
            on_stage(f"linking and comparing {plural(len(batch.claims), 'claim')} …")
        findings = engine.check(batch, rules)
        if not allow_retire:
            _refuse_mass_retirement(prior, findings, (d.doc for d in batch.documents))
        reference = None if snapshots is None else _reference_check(batch, snapshots, rules)
    records = Records(tuple(batch.claims), tuple(findings), tuple(batch.reports),
                      None if reference is None else tuple(reference.checks))
    return Report(_run_info(inputs, rules), records, read=[d.doc for d in batch.documents],
                  notes=notes, reference=reference, previous=prior, previous_path=workbook,
                  versions=f"{code_fingerprint()} {rules.version}")


def read_claims(paths: Paths, settings: Settings | None = None, *,
                progress: bool | None = None) -> pd.DataFrame:
    """Every claim in the documents at ``paths``, one row each, without linking or judging.

    Inputs that cannot be read are left out; to see which, and why, use
    :func:`check` and its ``documents``.
    """
    return read(paths, settings, progress=progress).claims


def read(paths: Paths, settings: Settings | None = None, *, progress: bool | None = None,
         on_error: Callable[[DocumentError], None] | None = None,
         on_note: Say | None = None) -> Report:
    """Read and extract only (``factcheck claims``): a Report without findings."""
    settings = settings or Settings()
    inputs = _inputs(paths)
    rules = _rules(settings)
    with _engine(settings, progress) as engine:
        batch = _read(engine, inputs, settings, rules, progress, on_error)
    notes = _notes(batch, on_note)
    records = Records(tuple(batch.claims), (), tuple(batch.reports))
    return Report(_run_info(inputs, rules), records, read=[d.doc for d in batch.documents],
                  notes=notes, judged=False)


def read_csv_report(folder: Path | str) -> Tables:
    """The tables ``Report.to_csv`` (or ``factcheck check --csv``) wrote to ``folder``, with
    the dtypes and values they had: ``.findings``, ``.claims``, ``.documents``, ``.reference``."""
    from factcheck.report.tabular import read_csv_tables

    return read_csv_tables(folder)


# --- the steps ------------------------------------------------------------------------------

def _inputs(paths: Paths) -> tuple[str, ...]:
    items = [paths] if isinstance(paths, str | Path) else list(paths)
    if not items:
        raise SettingsError("no paths given — name at least one file or folder, "
                            "e.g. check(['stukken/'])")
    return tuple(str(p) for p in items)


def _rules(settings: Settings) -> Rules:
    from factcheck.rules import load_rules

    return load_rules(settings.rules_dir)


def _snapshots(settings: Settings) -> Snapshots | None:
    """The CBS snapshots, opened before any document is read (a bad folder fails early)."""
    if settings.reference_dir is None:
        return None
    from factcheck.refdata.snapshot import Snapshots

    return Snapshots(settings.reference_dir)


def _engine(settings: Settings, progress: bool | None) -> contextlib.AbstractContextManager[
        Engine]:
    """The engine the settings name (:mod:`factcheck.engine`), open for the run."""
    from factcheck.engine import open_engine

    return open_engine(settings, progress=progress)


def _read(engine: Engine, inputs: Sequence[str], settings: Settings, rules: Rules,
          progress: bool | None, on_error: Callable[[DocumentError], None] | None) -> Batch:
    """Read and extract on the engine."""
    from factcheck.extract.nlp import build_pipeline

    nlp = build_pipeline(rules, settings.model, settings.limits.sentence_chars)
    return engine.read_and_extract(inputs, rules, nlp, settings, on_error=on_error,
                                   progress=progress)


def _reference_check(batch: Batch, snapshots: Snapshots, rules: Rules) -> Reference:
    from factcheck.refdata.run import reference_check

    return reference_check(batch, snapshots, rules)


def _run_info(inputs: Sequence[str], rules: Rules) -> RunInfo:
    from factcheck.report.summary import RunInfo

    return RunInfo(run_date=datetime.now().astimezone().isoformat(timespec="seconds"),
                   tool_version=__version__, rules_version=rules.version, inputs=tuple(inputs))


def _refuse_mass_retirement(previous: Previous | None, findings: Iterable[Finding],
                            documents: Iterable[str]) -> None:
    """OutputError when more than half of the previous workbook's findings would retire
    because their documents are not among those read."""
    from factcheck.report.guard import mass_retirement

    if previous is None:
        return
    current = {f.id for f in findings}
    problem = mass_retirement(previous, documents,
                              (fid for fid in previous.rows if fid not in current))
    if problem is not None:
        raise OutputError(problem)


def _same_file(one: Path, other: Path) -> bool:
    return one.resolve() == other.resolve()


def _notes(batch: Batch, on_note: Say | None) -> tuple[str, ...]:
    """The lines about files in the input folders that were not read, each told on_note."""
    notes = tuple(note for note in (_not_documents(batch), _skipped(batch)) if note)
    for note in notes:
        if on_note is not None:
            on_note(note)
    return notes


def _not_documents(batch: Batch) -> str | None:
    """Files in the input folders that were skipped as no documents (README, MANIFEST)."""
    names = batch.not_documents
    if not names:
        return None
    shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    return (f"skipped {plural(len(names), 'file')} by name (a README or MANIFEST is no document; "
            f"--exclude): {shown} — name a file on the command line to read it anyway")


def _skipped(batch: Batch) -> str | None:
    """Files in the input folders that factcheck does not read."""
    skipped = [item for item in batch.aside
               if not item.companion and item.path.name not in batch.not_documents]
    if not skipped:
        return None
    names = ", ".join(display(item.path.name) for item in skipped[:5])
    more = f" and {len(skipped) - 5} more" if len(skipped) > 5 else ""
    word = any(i.path.suffix.lower() in (".doc", ".rtf") for i in skipped)
    hint = (" — convert .doc files first: libreoffice --headless --convert-to docx FILE"
            if word else " — see Documents for why")
    return f"skipped {plural(len(skipped), 'file')} it does not read: {names}{more}{hint}"


def plural(count: int, word: str, plural: str | None = None) -> str:
    """ "1 document", "2 documents" (numbers with Dutch thousands dots, as elsewhere)."""
    shown = f"{count:,}".replace(",", ".")
    return f"{shown} {word if count == 1 else (plural or word + 's')}"

