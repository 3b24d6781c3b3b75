"""The ``factcheck`` command. ``main(argv)`` returns an exit status, so tests can call it."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from enum import IntEnum
from pathlib import Path
from typing import Any

import click
from tqdm import tqdm

from factcheck import __version__, api
from factcheck.errors import DocumentError, FactcheckError
from factcheck.limits import parse_limits
from factcheck.records import Claim
from factcheck.refdata.cli import refdata
from factcheck.refdata.run import reference_summary
from factcheck.report.jsonout import claim_dict
from factcheck.rules import load_rules
from factcheck.settings import ENGINES, Settings


class ExitStatus(IntEnum):
    OK = 0  # the run completed and every input was read
    INPUT_FAILED = 1  # the run completed but one or more inputs could not be read
    USAGE = 2  # the command line was wrong
    FATAL = 3  # stopped before writing anything: bad rules or settings, no readable input,
    # an output that cannot be written, is open, damaged or locked, or a mass retirement


def _say_error(error: DocumentError) -> None:
    """One line per unreadable input, through the progress bar's writer (the bar stays whole)."""
    tqdm.write(f"factcheck: skipped {error.path}: {error.problem} — {error.fix}",
               file=sys.stderr)


_plural = api.plural


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
limit_option = click.option(
    "--limit", "limit_settings", multiple=True, metavar="NAME=VALUE",
    help="Raise or lower one of the limits on what one document may cost (see README, "
         "\"Limits\"), e.g. --limit sentence_chars=2000.")
follow_links_option = click.option(
    "--follow-links", is_flag=True, default=False,
    help="Read files that symbolic links in the input folders point to outside them.")
cache_dir_option = click.option(
    "--cache-dir", type=click.Path(file_okay=False), default=None, metavar="FOLDER|URL",
    help="Where the cache lives (default: $FACTCHECK_CACHE, else $XDG_CACHE_HOME/factcheck, "
         "else ~/.cache/factcheck): a folder, or a URL every worker of a cluster sees, e.g. "
         "s3://bucket/factcheck-cache (pip install s3fs); the Dask engine's run folder is "
         "there too.")


def input_options(command: Any) -> Any:
    """The options both commands take for reading inputs, in the order help shows them."""
    for option in reversed((rules_option, model_option, ocr_option, progress_option,
                            jobs_option, cache_option, cache_dir_option, exclude_option,
                            limit_option, follow_links_option)):
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
@click.option("--csv", "csv_dir", type=click.Path(path_type=Path), default=None,
              metavar="DIR", help="Also write findings.csv, claims.csv and documents.csv in "
                                 "this folder (read them back with factcheck.read_csv_report).")
@click.option("--no-workbook", is_flag=True, default=False,
              help="Write no workbook, only --json and/or --csv: for a corpus whose workbook "
                   "would be too large to build (about 15 KB of memory per claim).")
@click.option("--reference", "reference_dir", type=click.Path(path_type=Path, file_okay=False),
              default=None, help="Also check claims against the CBS StatLine snapshots in "
                                 "this folder (see `factcheck refdata`): a Reference sheet.")
@click.option("--allow-retire", is_flag=True, default=False,
              help="Write the workbook even when more than half of its findings would retire "
                   "because their documents are not among the inputs.")
@click.option("--keep-backups", type=click.IntRange(min=0), default=10, show_default=True,
              metavar="N", help="How many timestamped backups of the workbook to keep.")
@click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True,
              help="local: processes on this machine; dask: every stage on a Dask cluster "
                   "(pip install 'factcheck[dask]'), by default one of --jobs workers here.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="With --engine dask: the scheduler of your cluster, e.g. "
                   "tcp://scheduler.example:8786 (default: a cluster on this machine).")
@input_options
def check(paths: tuple[str, ...], out: Path, json_path: Path | None, csv_dir: Path | None,
          no_workbook: bool, reference_dir: Path | None, allow_retire: bool, keep_backups: int,
          engine: str, scheduler: str | None,
          rules_dir: Path | None, model: str | None, ocr: bool, progress: bool | None,
          jobs: int | None, use_cache: bool, cache_dir: str | None, exclude: tuple[str, ...],
          limit_settings: tuple[str, ...], follow_links: bool) -> int:
    """Cross-check the claims in the documents at PATH and write the discrepancy workbook.

    Claims about the same quantity are compared within and between
    documents (consistent, discrepancy, different-period, different-population),
    and arithmetic stated in the text is recomputed. The workbook has the
    sheets Summary, Findings (with empty "Analyst verdict" and "Analyst note"
    columns), Claims and Documents. The exit status is 0 when every input was
    read; 1 when some could not be; 2 for a command-line mistake; 3 when the
    run stopped with nothing written (see README, "Exit status").

    \b
    Examples:
      factcheck check examples/
      factcheck check kamerstukken/ handelingen/ --out reports/techniek.xlsx
      factcheck check dossier/ --json reports/dossier.json --csv reports/dossier-csv
      factcheck check /archive --engine dask --no-workbook --csv reports/archive-csv
    """
    if no_workbook and json_path is None and csv_dir is None:
        raise click.BadParameter("with --no-workbook nothing would be written — add "
                                 "--json FILE or --csv DIR", param_hint="--no-workbook")
    if out.suffix.lower() != ".xlsx":
        raise click.BadParameter(f"{out} does not end in .xlsx — give a workbook name such as "
                                 "reports/factcheck.xlsx", param_hint="--out")
    if scheduler is not None and engine != "dask":
        raise click.BadParameter("a scheduler address needs --engine dask",
                                 param_hint="--scheduler")
    settings = Settings(jobs=jobs, cache=use_cache, cache_dir=cache_dir, rules_dir=rules_dir,
                        model=model, ocr=ocr, limits=parse_limits(limit_settings),
                        exclude=exclude, follow_links=follow_links, reference_dir=reference_dir,
                        engine=engine, scheduler=scheduler)
    outputs = [p for p in (json_path, None if csv_dir is None else csv_dir / "findings.csv")
               if p is not None]
    stage = _stage_line(progress)
    report = api.check(paths, settings, previous=None if no_workbook else out,
                       allow_retire=allow_retire,
                       outputs=outputs, progress=progress, on_error=_say_error,
                       on_note=_say, on_stage=stage)
    merge = None
    if not no_workbook:
        stage(f"writing {out} …")
        merge = report.write_workbook(out, keep_backups=keep_backups)
    if json_path is not None:
        report.to_json(json_path)
    if csv_dir is not None:
        report.to_csv(csv_dir)
    written = [p for p in (json_path, csv_dir) if p is not None] if no_workbook else [out]
    click.echo(_check_summary(report, written), err=True)
    if report.records.reference is not None:
        click.echo(f"factcheck: {reference_summary(report.records.reference)}", err=True)
    if merge is not None and merge.merged:
        click.echo(f"factcheck: {merge.describe()}", err=True)
    return _status(report)


def _stage_line(progress: bool | None) -> Callable[[str], None]:
    """Say what stage a long run is in, when its progress is shown."""
    shown = sys.stderr.isatty() if progress is None else progress

    def say(text: str) -> None:
        if shown:
            click.echo(f"factcheck: {text}", err=True)
    return say


def _say(text: str) -> None:
    click.echo(f"factcheck: {text}", err=True)


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table",
              show_default=True, help="table: readable columns; jsonl: one JSON object per claim.")
@input_options
def claims(paths: tuple[str, ...], fmt: str, rules_dir: Path | None, model: str | None,
           ocr: bool, progress: bool | None, jobs: int | None, use_cache: bool,
           cache_dir: str | None, exclude: tuple[str, ...], limit_settings: tuple[str, ...],
           follow_links: bool) -> int:
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
    settings = Settings(jobs=jobs, cache=use_cache, cache_dir=cache_dir, rules_dir=rules_dir,
                        model=model, ocr=ocr, limits=parse_limits(limit_settings),
                        exclude=exclude, follow_links=follow_links)
    report = api.read(paths, settings, progress=progress, on_error=_say_error, on_note=_say)
    if fmt == "jsonl":
        for claim in report.records.claims:
            click.echo(json.dumps(claim_dict(claim), ensure_ascii=False))
    else:
        click.echo(claims_table(report.records.claims))
        click.echo(_summary(report), err=True)
    return _status(report)


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


def _check_summary(report: api.Report, written: Sequence[Path]) -> str:
    verdicts: Counter[str] = Counter(f.verdict for f in report.records.findings)
    order = ("discrepancy", "inconsistent", "different-period", "different-population",
             "different-basis", "consistent")
    counts = ", ".join(f"{verdicts[v]} {v}" for v in order if verdicts[v])
    failed = f" ({report.failed} could not be read)" if report.failed else ""
    return (f"factcheck: {_plural(len(report.read), 'document')}{failed}, "
            f"{_plural(len(report.records.claims), 'claim')}, "
            f"{_plural(len(report.records.findings), 'finding')}"
            f"{': ' + counts if counts else ''} → {', '.join(str(p) for p in written)}")


def _summary(report: api.Report) -> str:
    failed = f", {report.failed} could not be read" if report.failed else ""
    return (f"factcheck: {_plural(len(report.records.claims), 'claim')} in "
            f"{_plural(len(report.read), 'document')}{failed}")


def _status(report: api.Report) -> int:
    return ExitStatus.INPUT_FAILED if report.failed else ExitStatus.OK


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
