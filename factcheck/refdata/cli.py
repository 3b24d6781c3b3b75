"""``factcheck refdata pull`` and ``factcheck refdata list``: CBS StatLine snapshots."""

from __future__ import annotations

from pathlib import Path

import click

from factcheck.refdata.pull import pull
from factcheck.refdata.snapshot import Snapshots


@click.group("refdata")
def refdata() -> None:
    """Reference statistics: CBS StatLine snapshots for `check --reference`.

    \b
    Examples:
      factcheck refdata pull 80590ned --filter "Geslacht eq 'T001038'" --into refdata/cbs
      factcheck refdata list refdata/cbs
    """


@refdata.command("pull")
@click.argument("table")
@click.option("--filter", "odata_filter", default=None, metavar="ODATA_FILTER",
              help="Only the observations this OData $filter selects (a slice of the table).")
@click.option("--into", "into", type=click.Path(path_type=Path, file_okay=False),
              required=True, help="The snapshot folder; the table goes into INTO/TABLE.")
def pull_command(table: str, odata_filter: str | None, into: Path) -> int:
    """Download TABLE from the CBS OData v4 API (needs the internet) into the snapshot layout."""
    folder = pull(table, into, odata_filter=odata_filter)
    click.echo(f"factcheck: {table} → {folder}", err=True)
    return 0


@refdata.command("list")
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False))
def list_command(directory: Path) -> int:
    """Show the tables in a snapshot folder: id, title, periods, rows, capture date."""
    snapshots = Snapshots(directory)
    for table_id in snapshots.table_ids:
        table = snapshots.table(table_id)
        if table is None:
            continue
        info = table.info()
        cut = f"  slice: {info.slice}" if info.slice else ""
        click.echo(f"{info.table:10}  {info.captured[:10]}  {info.rows:7d} rows  "
                   f"{info.periods:30}  {info.title}{cut}")
    return 0
