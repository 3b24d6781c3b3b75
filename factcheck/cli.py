"""The ``factcheck`` command. ``main(argv)`` returns an exit status, so tests can call it."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime
from enum import IntEnum
from pathlib import Path
from typing import Any

import click

from factcheck import __version__
from factcheck.errors import DocumentError, FactcheckError
from factcheck.nlp import build_pipeline
from factcheck.pipeline import Batch, read_and_extract
from factcheck.pipeline import check as run_check
from factcheck.records import Claim, Finding
from factcheck.refdata.cli import refdata
from factcheck.refdata.run import reference_check, reference_summary
from factcheck.refdata.snapshot import Snapshots
from factcheck.report import RunInfo, write_json, write_workbook
from factcheck.rules import load_rules


class ExitStatus(IntEnum):
    OK = 0  # the run completed and every input was read
    INPUT_FAILED = 1  # the run completed but one or more inputs could not be read
    USAGE = 2  # the command line was wrong
    FATAL = 3  # nothing could be done: bad rules, no inputs at all, output not writable


def _say_error(error: DocumentError) -> None:
    click.echo(f"factcheck: skipped {error.path}: {error.problem} — {error.fix}", err=True)


rules_option = click.option(
    "--rules", "rules_dir", type=click.Path(path_type=Path), default=None,
    help="Folder of rules files to use instead of the shipped ones (see `factcheck rules`).")
model_option = click.option(
    "--model", default=None, metavar="NAME",
    help="An installed spaCy pipeline (e.g. nl_core_news_sm) to use for sentences; "
         "by default none is needed.")
ocr_option = click.option(
    "--ocr", is_flag=True, default=False,
    help="OCR scanned PDF pages with ocrmypdf or Tesseract "
         "(apt-get install ocrmypdf tesseract-ocr-nld).")
progress_option = click.option(
    "--progress/--no-progress", default=None,
    help="Show a progress bar with documents/s and the time left (default: only when "
         "writing to a terminal).")
jobs_option = click.option(
    "--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
    help="Read and extract with N processes (default: one per core).")
cache_option = click.option(
    "--cache/--no-cache", "use_cache", default=True, show_default=True,
    help="Reuse what an earlier run read from a file whose content, name, tool and rules "
         "are unchanged.")
exclude_option = click.option(
    "--exclude", "exclude", multiple=True, metavar="GLOB",
    help="Skip files in the input folders whose name matches GLOB (repeatable), e.g. "
         "--exclude '*_concept.pdf'. README and MANIFEST files are skipped already.")
cache_dir_option = click.option(
    "--cache-dir", type=click.Path(path_type=Path, file_okay=False), default=None,
    help="Where the cache lives (default: $FACTCHECK_CACHE, else $XDG_CACHE_HOME/factcheck, "
         "else ~/.cache/factcheck).")


def input_options(command: Any) -> Any:
    """The options both commands take for reading inputs, in the order help shows them."""
    for option in reversed((rules_option, model_option, ocr_option, progress_option,
                            jobs_option, cache_option, cache_dir_option, exclude_option)):
        command = option(command)
    return command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factcheck")
def cli() -> None:
    """Find, normalize and cross-check numeric claims in Dutch parliamentary documents.

    \b
    Examples:
      factcheck check examples/ --out reports/factcheck.xlsx
      factcheck claims debat.pdf --format jsonl > claims.jsonl
      factcheck rules
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--out", "out", type=click.Path(path_type=Path, dir_okay=False),
              default=Path("reports/factcheck.xlsx"), show_default=True,
              help="The workbook to write (.xlsx).")
@click.option("--json", "json_path", type=click.Path(path_type=Path, dir_okay=False),
              default=None, help="Also write claims, findings and documents as JSON here.")
@click.option("--reference", "reference_dir", type=click.Path(path_type=Path, file_okay=False),
              default=None, help="Also check claims against the CBS StatLine snapshots in "
                                 "this folder (see `factcheck refdata`): a Reference sheet.")
@input_options
def check(paths: tuple[str, ...], out: Path, json_path: Path | None,
          reference_dir: Path | None, rules_dir: Path | None,
          model: str | None, ocr: bool, progress: bool | None, jobs: int | None,
          use_cache: bool, cache_dir: Path | None, exclude: tuple[str, ...]) -> int:
    """Cross-check the claims in the documents at PATH and write the discrepancy workbook.

    Claims about the same quantity are compared within and between
    documents (consistent, discrepancy, different-period, different-population),
    and arithmetic stated in the text is recomputed. The workbook has the
    sheets Summary, Findings (with empty "Analyst verdict" and "Analyst note"
    columns), Claims and Documents. The exit status is 0 when the check ran,
    whatever it found; 1 when some inputs could not be read; 3 when the
    output could not be written.

    \b
    Examples:
      factcheck check examples/
      factcheck check kamerstukken/ handelingen/ --out reports/techniek.xlsx
      factcheck check dossier/ --json reports/dossier.json
    """
    if out.suffix.lower() != ".xlsx":
        raise click.BadParameter(f"{out} does not end in .xlsx — give a workbook name such as "
                                 "reports/factcheck.xlsx", param_hint="--out")
    rules = load_rules(rules_dir)
    snapshots = None if reference_dir is None else Snapshots(reference_dir)  # fail early
    nlp = build_pipeline(rules_dir, model)
    batch = read_and_extract(paths, rules, nlp, ocr=ocr, on_error=_say_error, progress=progress,
                             jobs=jobs, cache=use_cache, cache_dir=cache_dir, model=model,
                             exclude=exclude)
    _say_not_documents(batch)
    findings = run_check(batch, rules)
    info = RunInfo(run_date=datetime.now().astimezone().isoformat(timespec="seconds"),
                   tool_version=__version__, rules_version=rules.version, inputs=tuple(paths))
    reference = None if snapshots is None else reference_check(batch, snapshots, rules)
    merge = write_workbook(out, info, batch.claims, findings, batch.reports, reference)
    if json_path is not None:
        write_json(json_path, info, batch.claims, findings, batch.reports, merge,
                   None if reference is None else reference.checks)
    click.echo(_check_summary(batch, findings, out), err=True)
    if reference is not None:
        click.echo(f"factcheck: {reference_summary(reference.checks)}", err=True)
    if merge.merged:
        click.echo(f"factcheck: {merge.describe()}", err=True)
    return _status(batch)


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table",
              show_default=True, help="table: readable columns; jsonl: one JSON object per claim.")
@input_options
def claims(paths: tuple[str, ...], fmt: str, rules_dir: Path | None, model: str | None,
           ocr: bool, progress: bool | None, jobs: int | None, use_cache: bool,
           cache_dir: Path | None, exclude: tuple[str, ...]) -> int:
    """Print every numeric claim in the documents at PATH (files or folders).

    Reads .txt, .md, .pdf, .xml (Kamerstukken, Handelingen, ParlaMint TEI),
    .html, .odt and .docx. A document that cannot be read is reported on stderr and
    skipped; the exit status is 1 if any was.

    \b
    Examples:
      factcheck claims examples/
      factcheck claims kamerstukken/ --format jsonl > claims.jsonl
      factcheck claims brief.pdf --rules my-rules/
    """
    rules = load_rules(rules_dir)
    nlp = build_pipeline(rules_dir, model)
    batch = read_and_extract(paths, rules, nlp, ocr=ocr, on_error=_say_error, progress=progress,
                             jobs=jobs, cache=use_cache, cache_dir=cache_dir, model=model,
                             exclude=exclude)
    _say_not_documents(batch)
    if fmt == "jsonl":
        for claim in batch.claims:
            click.echo(json.dumps(claim_dict(claim), ensure_ascii=False))
    else:
        click.echo(claims_table(batch.claims))
        click.echo(_summary(batch), err=True)
    return _status(batch)


@cli.command("rules")
@rules_option
def rules_command(rules_dir: Path | None) -> int:
    """Check the rules files and say what they hold.

    Every entry is validated when loaded; an error names the file, the entry
    and the bad value. Copy the shipped folder (its path is printed) to start
    your own rules and pass it with --rules.

    \b
    Examples:
      factcheck rules
      factcheck rules --rules my-rules/
    """
    rules = load_rules(rules_dir)
    click.echo(f"rules folder: {rules.directory}")
    click.echo(f"rules version: {rules.version}")
    counts = {
        "hedges": sum(len(h.words) for h in rules.hedges),
        "units": len(rules.units),
        "scale words": sum(len(s.words) for s in rules.scales),
        "number words": len(rules.numbers.units) + len(rules.numbers.tens) + 2,
        "fractions": len(rules.numbers.fractions),
        "non-claim patterns": len(rules.nonclaims),
        "page-furniture patterns": len(rules.layout.furniture),
        "speaker patterns": len(rules.structure.speakers),
        "CBS indicators": len(rules.indicators.indicators),
    }
    for name, count in counts.items():
        click.echo(f"  {count:4d} {name}")
    return ExitStatus.OK


cli.add_command(refdata)


def claim_dict(claim: Claim) -> dict[str, Any]:
    """A claim as JSON-ready data: every field of the record."""
    data = asdict(claim)
    data["measure_keys"] = list(claim.measure_keys)
    return data


def _value(claim: Claim) -> str:
    value = f"{claim.value:,.2f}".rstrip("0").rstrip(".")
    return value.replace(",", "_").replace(".", ",").replace("_", ".")


def claims_table(claims: Sequence[Claim], width: int = 72) -> str:
    """Claims as aligned text columns, one line per claim."""
    header = ("doc", "page", "speaker", "text", "value", "unit", "qualifier", "sentence")
    rows = [header]
    for c in claims:
        sentence = c.sentence if len(c.sentence) <= width else c.sentence[: width - 1] + "…"
        speaker = f"{c.speaker} ({c.party})" if c.speaker and c.party else (c.speaker or "")
        rows.append((c.doc[:40], "" if c.page is None else str(c.page), speaker[:24],
                     c.text[:28], _value(c), c.unit, c.qualifier, sentence))
    widths = [max(len(r[i]) for r in rows) for i in range(len(header) - 1)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row[:-1], widths, strict=True))
             + "  " + row[-1] for row in rows]
    return "\n".join(line.rstrip() for line in lines)


def _check_summary(batch: Batch, findings: Sequence[Finding], out: Path) -> str:
    verdicts: Counter[str] = Counter(f.verdict for f in findings)
    order = ("discrepancy", "inconsistent", "different-period", "different-population",
             "different-basis", "consistent")
    counts = ", ".join(f"{verdicts[v]} {v}" for v in order if verdicts[v])
    read = len(batch.extracted)
    failed = f" ({batch.failed} could not be read)" if batch.failed else ""
    return (f"factcheck: {read} documents{failed}, {len(batch.claims)} claims, "
            f"{len(findings)} findings{': ' + counts if counts else ''} → {out}")


def _summary(batch: Batch) -> str:
    read = len(batch.extracted)
    failed = f", {batch.failed} could not be read" if batch.failed else ""
    return f"factcheck: {len(batch.claims)} claims in {read} documents{failed}"


def _say_not_documents(batch: Batch) -> None:
    """One line for the files in the input folders that were skipped as no documents."""
    names = batch.not_documents
    if names:
        shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
        noun = "file" if len(names) == 1 else "files"
        click.echo(f"factcheck: skipped {len(names)} {noun} by name (a README or MANIFEST is "
                   f"no document; --exclude): {shown} — name a file on the command line to "
                   "read it anyway", err=True)


def _status(batch: Batch) -> int:
    return ExitStatus.INPUT_FAILED if batch.failed else ExitStatus.OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status instead of exiting."""
    try:
        result = cli.main(args=list(argv) if argv is not None else sys.argv[1:],
                          prog_name="factcheck", standalone_mode=False)
    except click.UsageError as exc:
        exc.show()
        return ExitStatus.USAGE
    except click.exceptions.Abort:
        click.echo("factcheck: interrupted", err=True)
        return ExitStatus.FATAL
    except FactcheckError as exc:
        click.echo(f"factcheck: {exc}", err=True)
        return ExitStatus.FATAL
    return int(result) if isinstance(result, int) else ExitStatus.OK
