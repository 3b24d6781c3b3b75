"""CBS StatLine snapshots on disk: one folder per table, as the OData v4 API serves it.

Layout (written by :mod:`factcheck.refdata.pull`, read here)::

    <dir>/<table id>/index.json              how and when it was captured, the files
    <dir>/<table id>/properties.json         title, description, status notes, modified date
    <dir>/<table id>/dimensions.json         the dimensions (Perioden, Geslacht, RegioS …)
    <dir>/<table id>/measure-codes.json      the measures: Identifier, Title, Unit, Decimals
    <dir>/<table id>/codes-<Dimension>.json  each dimension's codes (Perioden with a Status)
    <dir>/<table id>/observations-page-N.json  one row per measure × codes: Value, ValueAttribute

A table is read lazily and once; a damaged snapshot raises :class:`SnapshotError`
naming the file and the fix.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from factcheck.errors import FactcheckError

STATLINE_URL = "https://opendata.cbs.nl/statline/#/CBS/nl/dataset/{table}/table"


class SnapshotError(FactcheckError):
    """A snapshot folder or file that cannot be read or written."""

    code = "FC005"


@dataclass(frozen=True)
class Measure:
    identifier: str
    title: str
    unit: str
    decimals: int


@dataclass(frozen=True)
class Cell:
    """One observation: a measure for one combination of dimension codes."""

    value: float | None
    attribute: str  # "None" for an ordinary value; "Impossible", "Unknown" … otherwise


@dataclass(frozen=True)
class SnapshotInfo:
    table: str
    title: str
    captured: str  # ISO date-time of the capture
    rows: int
    periods: str  # first – last period title
    slice: str | None


def read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise SnapshotError(f"{path}: missing from the snapshot — pull the table again with "
                             "`factcheck refdata pull`") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SnapshotError(f"{path}: not a readable JSON file ({type(exc).__name__}) — pull "
                             "the table again with `factcheck refdata pull`") from exc


class Table:
    """One table's snapshot; each file is read on first use."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.index: Mapping[str, Any] = read_json(folder / "index.json")
        self.id = str(self.index.get("tableId") or folder.name)
        self._codes: dict[str, Mapping[str, Mapping[str, Any]]] = {}

    def _file(self, key: str) -> Any:
        files = self.index.get("files") or {}
        return read_json(self.folder / str(files.get(key, f"{key}.json")))

    @cached_property
    def properties(self) -> Mapping[str, Any]:
        data: Mapping[str, Any] = self._file("properties")
        return data

    @property
    def title(self) -> str:
        return str(self.properties.get("Title") or self.id).strip()

    @property
    def captured(self) -> str:
        return str(self.index.get("capturedAt") or "")

    @property
    def link(self) -> str:
        return STATLINE_URL.format(table=self.id)

    @cached_property
    def notes(self) -> str:
        """Everything the table says about itself: descriptions and related sources."""
        p = self.properties
        related = " ".join(str(r.get("Title", "")) for r in p.get("RelatedSources") or ())
        return "\n".join(str(p.get(k) or "") for k in ("Description", "LongDescription",
                                                      "VersionNotes")) + "\n" + related

    @cached_property
    def measures(self) -> Mapping[str, Measure]:
        return {str(m["Identifier"]): Measure(str(m["Identifier"]), str(m["Title"]).strip(),
                                              str(m.get("Unit") or ""), int(m.get("Decimals") or 0))
                for m in self._file("measure-codes").get("value", ())}

    @cached_property
    def dimensions(self) -> tuple[str, ...]:
        return tuple(str(d["Identifier"]) for d in self._file("dimensions").get("value", ()))

    def codes(self, dimension: str) -> Mapping[str, Mapping[str, Any]]:
        if dimension not in self._codes:
            self._codes[dimension] = {str(c["Identifier"]): c for c in
                                      self._file(f"codes-{dimension}").get("value", ())}
        return self._codes[dimension]

    def period_status(self, period: str) -> str | None:
        code = self.codes("Perioden").get(period)
        return str(code["Status"]) if code and code.get("Status") else None

    def has_period(self, period: str) -> bool:
        return period in self.codes("Perioden")

    @cached_property
    def _cells(self) -> dict[tuple[str, tuple[tuple[str, str], ...]], Cell]:
        cells = {}
        for row in self._observations():
            key = tuple(sorted((d, str(row.get(d))) for d in self.dimensions))
            value = row.get("Value")
            cells[(str(row.get("Measure")), key)] = Cell(
                float(value) if isinstance(value, int | float) else None,
                str(row.get("ValueAttribute") or "None"))
        return cells

    def _observations(self) -> Iterator[Mapping[str, Any]]:
        for page in self.index.get("observationPages") or ():
            yield from read_json(self.folder / str(page)).get("value", ())

    def cell(self, measure: str, codes: Mapping[str, str]) -> Cell | None:
        """The cell of a measure at these codes (every dimension, Perioden included)."""
        return self._cells.get((measure, tuple(sorted(codes.items()))))

    def series(self, measure: str, codes: Mapping[str, str]) -> list[float]:
        """Every value of a measure at these codes (Perioden left free), in no order."""
        key = self._series_index.get((measure, tuple(sorted(codes.items()))))
        return list(key or ())

    @cached_property
    def _series_index(self) -> dict[tuple[str, tuple[tuple[str, str], ...]], list[float]]:
        index: dict[tuple[str, tuple[tuple[str, str], ...]], list[float]] = {}
        for (measure, codes), cell in self._cells.items():
            if cell.value is not None:
                rest = tuple((k, v) for k, v in codes if k != "Perioden")
                index.setdefault((measure, rest), []).append(cell.value)
        return index

    def info(self) -> SnapshotInfo:
        periods = list(self.codes("Perioden").values()) if "Perioden" in self.dimensions else []
        span = f"{periods[0]['Title']} – {periods[-1]['Title']}" if periods else ""
        return SnapshotInfo(self.id, self.title, self.captured,
                            int(self.index.get("observationRows") or 0), span,
                            self.index.get("sliceFilter"))


class Snapshots:
    """All tables in a snapshot folder, by table id (case-insensitive)."""

    def __init__(self, directory: Path) -> None:
        directory = Path(directory)
        if not directory.is_dir():
            raise SnapshotError(f"{directory}: not a folder of CBS snapshots — pull tables "
                                 "into it with `factcheck refdata pull TABLE --into DIR`")
        self.directory = directory
        self._folders = {p.name.lower(): p for p in sorted(directory.iterdir())
                         if (p / "index.json").is_file()}
        self._tables: dict[str, Table] = {}

    @property
    def table_ids(self) -> tuple[str, ...]:
        return tuple(p.name for p in self._folders.values())

    def table(self, table_id: str) -> Table | None:
        key = table_id.lower()
        if key not in self._folders:
            return None
        if key not in self._tables:
            self._tables[key] = Table(self._folders[key])
        return self._tables[key]
