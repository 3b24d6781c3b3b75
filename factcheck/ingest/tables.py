"""Tables in PDFs: pdfplumber finds the cells, this module reads them as rows and columns.

pdfplumber is slow (~5 pages/s) but strong on table structure, so it is asked
only about pages that look like they hold a table: several lines that end in
two or more figures (:func:`looks_like_table`, on the lines pypdfium2 already
read). Running text stays pypdfium2's.

A table becomes one line per row, its cells joined by " | " ("Personeel
salarissen | -3.076 | -3.431 | -3.226"), each row a paragraph of its own, so
the figures of one row never form a range. Every figure becomes a
:class:`~factcheck.records.TableCell` that knows its row label, its column
header (the header rows above it, nearest by position: "Realisatie 2023") and
the table's unit from ``table_units`` in ``rules/layout.nl.yml`` ("€ '000").
:func:`cell_quantity` then keeps the figure's sign and applies that unit.

Example::

    grid = [[GridCell("Baten", 70, 200), GridCell("2023", 210, 250)],
            [GridCell("Lasten", 70, 200), GridCell("-704", 210, 250)]]
    table = read_table(grid, "Bedragen x € 1.000", rules.layout.table_units)
    table.text   # "Baten | 2023\\n\\nLasten | -704"
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from factcheck.ingest.normalize import clean_chars
from factcheck.interval import Interval
from factcheck.records import Qualifier, Quantity, TableCell
from factcheck.rules import TableUnit

# A cell that holds one figure: sign, comparison, currency, digits, percent; "(704)" is -704.
_FIGURE = re.compile(r"\(?\s*[-−–+]?\s*(?:[<>≤≥]\s*)?(?:€\s*)?[-−–]?\s*\d[\d.,]*\s*%?\s*\)?")
_NEGATIVE = re.compile(r"^\s*(?:[-−–]|\(\s*[-−–]?\s*(?:€\s*)?\d)")
_OPEN_GROUP = re.compile(r"\d\.\d{0,2}$")  # "237.06", "1.172.": a figure cut by a line break
_BROKEN_WORD = re.compile(r"[a-zà-ÿ]-$")
_YEAR = re.compile(r"(?:19|20)\d\d(?:[/-]\d{2,4})?")
# A line that ends in two figures, as rows of figures do.
_CELL = r"(?:[-−–]?\(?€?\s?\d(?:[\d.,]*\d)?%?\)?)"
_TABLE_LINE = re.compile(rf"\s{_CELL}\s{_CELL}\s*$")
_COMPARED = re.compile(r"^\s*\(?\s*([<>≤≥])")
_COMPARISONS: dict[str, Qualifier] = {"<": "less_than", "≤": "at_most", ">": "more_than",
                                      "≥": "at_least"}
CELL_SEPARATOR = " | "
_LAST_FIGURE = re.compile(rf"\S\s+({_CELL})\s*$")
MIN_TABLE_LINES = 3  # lines ending in two figures on a page before pdfplumber is asked
MIN_TABLE_RUN = 4  # or this many lines in a row that end in a right-aligned figure
ALIGNED = 2.0  # points: right edges this close are one column
_FIGURE_ENDS = frozenset("0123456789%)")
TAIL = 48  # characters at a line's end that may hold its figures


@dataclass(frozen=True)
class GridCell:
    """A cell as pdfplumber found it: its text and its left and right edge."""

    text: str
    left: float
    right: float

    @property
    def center(self) -> float:
        return (self.left + self.right) / 2


@dataclass(frozen=True)
class Table:
    """A table as text (one row a paragraph) and its figures, offsets into ``text``."""

    text: str
    cells: tuple[TableCell, ...]


def looks_like_table(lines: Sequence[str], rights: Sequence[float]) -> bool:
    """Whether a page's lines hold rows of figures: the cheap test before pdfplumber.

    Several lines that end in two figures, or a run of lines that each end in
    one figure (not a year) right-aligned with the line before (a two-column
    table; ``rights`` are the lines' right edges), make a page worth asking.
    """
    count = run = 0
    previous = None
    for full, right in zip(lines, rights, strict=True):
        line = full.rstrip()[-TAIL:]  # figures at the end: the rest of a line is never read
        if not line or line[-1] not in _FIGURE_ENDS:  # most lines of prose: no regex asked
            run, previous = 0, None
            continue
        if _TABLE_LINE.search(line):
            count += 1
        last = _LAST_FIGURE.search(line)
        aligned = previous is not None and abs(right - previous) <= ALIGNED
        run = (run + 1 if aligned else 1) if last and not is_year(last.group(1)) else 0
        previous = right if last else None
        if count >= MIN_TABLE_LINES or run >= MIN_TABLE_RUN:
            return True
    return False


def is_figure(text: str) -> bool:
    return _FIGURE.fullmatch(text.strip()) is not None


def is_year(text: str) -> bool:
    return _YEAR.fullmatch(text.strip()) is not None


def grid_of(table: Any) -> list[list[GridCell]]:
    """The cells of a pdfplumber table, row by row, empty ones left out."""
    grid = []
    for row, texts in zip(table.rows, table.extract(), strict=False):
        cells = []
        for box, text in zip(row.cells, texts, strict=False):
            if box is None or not text:
                continue
            cleaned = cell_text(text.split("\n"))
            if cleaned:
                cells.append(GridCell(cleaned, float(box[0]), float(box[2])))
        if cells:
            grid.append(cells)
    return grid


def cell_text(lines: Sequence[str]) -> str:
    """The lines of one cell as one text; a figure wrapped in a narrow cell is joined again.

    "237.06" + "2" is "237.062": a group of fewer than three digits after a
    thousands point cannot end a Dutch figure. Other lines are joined by a space.
    """
    out = ""
    for line in (clean_chars(part).strip() for part in lines):
        if not line:
            continue
        if out and _OPEN_GROUP.search(out) and line[:1].isdigit():
            out += line
        else:
            out = f"{out} {line}" if out else line
    return out


def is_data_table(grid: Sequence[Sequence[GridCell]]) -> bool:
    """At least two rows with a label and a figure that is not a year: not text in a frame."""
    rows = 0
    for row in grid:
        figures = [c for c in row if is_figure(c.text) and not is_year(c.text)]
        if figures and len(row) >= 2:
            rows += 1
    return rows >= 2


@dataclass(frozen=True)
class _Row:
    cells: tuple[GridCell, ...]
    label: tuple[GridCell, ...]  # the cells before the first figure
    figures: tuple[GridCell, ...]

    @property
    def is_data(self) -> bool:
        return any(not is_year(c.text) for c in self.figures)


def _row(cells: Sequence[GridCell]) -> _Row:
    ordered = tuple(sorted(cells, key=lambda c: c.left))
    first = next((i for i, c in enumerate(ordered) if is_figure(c.text)), len(ordered))
    figures = tuple(c for c in ordered[first:] if is_figure(c.text))
    return _Row(ordered, ordered[:first], figures)


def table_unit(text: str, units: Sequence[TableUnit]) -> TableUnit | None:
    """The first unit rule that matches a table's header text."""
    for unit in units:
        if unit.pattern.search(text):
            return unit
    return None


def _column_label(cell: GridCell, headers: Sequence[_Row], value_left: float) -> str | None:
    """The header text above a figure: in each header row, the nearest header cell."""
    parts: list[str] = []
    for header in headers:
        candidates = [h for h in header.cells if h.right > value_left]
        if not candidates:
            continue
        nearest = min(candidates, key=lambda h: (max(h.left - cell.right, cell.left - h.right, 0),
                                                  abs(h.center - cell.center)))
        if not parts or parts[-1] != nearest.text:
            parts.append(nearest.text)
    label = ""
    for part in parts:  # "Afschrij-" over "vingen" is one word
        if _BROKEN_WORD.search(label) and part[:1].isalpha():
            label = label[:-1] + part[:1].lower() + part[1:]
        else:
            label = f"{label} {part}" if label else part
    return label or None


def read_table(grid: Sequence[Sequence[GridCell]], caption: str,
               units: Sequence[TableUnit]) -> Table:
    """A grid of cells as text and figures with their labels and the table's unit.

    Rows above the first row of figures, and rows without figures (or only
    years) that follow figures, are header rows: a new header block starts a
    new part of the table with its own column headers and unit. ``caption``
    is the line above the table, where the unit is often stated.
    """
    rows = [_row(cells) for cells in grid if cells]
    lefts = [c.left for r in rows if r.is_data for c in r.figures]
    value_left = min(lefts) if lefts else 0.0
    fallback = table_unit(caption, units)
    headers: list[_Row] = []
    unit = fallback
    after_data = False
    parts: list[str] = []
    cells: list[TableCell] = []
    length = 0
    for row in rows:
        if not row.is_data and len(row.cells) >= 2:
            if after_data:
                headers, after_data = [], False
            headers.append(row)
            unit = table_unit(" ".join(c.text for h in headers for c in h.cells), units) \
                or fallback
        line, spans = _render(row)
        if parts:
            length += 2
        if row.is_data:
            after_data = True
            label = " ".join(c.text for c in row.label) or None
            for cell, (start, end) in spans:
                if is_year(cell.text) or not any(ch.isdigit() for ch in cell.text):
                    continue
                cells.append(TableCell(
                    length + start, length + end, length, length + len(line), label,
                    _column_label(cell, headers, value_left),
                    _unit_text(unit, headers, caption), unit.scale if unit else 1.0,
                    unit.money if unit else False))
        parts.append(line)
        length += len(line)
    return Table("\n\n".join(parts), tuple(cells))


def _unit_text(unit: TableUnit | None, headers: Sequence[_Row], caption: str) -> str | None:
    if unit is None:
        return None
    for text in [c.text for h in headers for c in h.cells] + [caption]:
        found = unit.pattern.search(text)
        if found:
            return found.group(0).strip(" ()")
    return None


def _render(row: _Row) -> tuple[str, list[tuple[GridCell, tuple[int, int]]]]:
    """A row as "label | cell | cell" and where each figure sits in it."""
    pieces: list[str] = []
    spans: list[tuple[GridCell, tuple[int, int]]] = []
    label = " ".join(c.text for c in row.label)
    line = label
    figures = set(row.figures)
    for cell in row.cells[len(row.label):]:
        if line:
            line += CELL_SEPARATOR
        if cell in figures:
            spans.append((cell, (len(line), len(line) + len(cell.text))))
        line += cell.text
        pieces.append(cell.text)
    return line, spans


def shift(cells: Sequence[TableCell], by: int) -> tuple[TableCell, ...]:
    """Cells with their offsets moved by ``by`` characters."""
    return tuple(replace(c, start=c.start + by, end=c.end + by, row_start=c.row_start + by,
                         row_end=c.row_end + by) for c in cells)


def cell_quantity(cell: TableCell, text: str, found: Quantity) -> Quantity:
    """The quantity of a table figure: the whole cell, its sign kept, the table's unit applied.

    ``text`` is the cell's text; ``found`` the quantity read from it alone.
    A figure with a unit of its own ("58%") keeps it and is not scaled.
    """
    sign = -1.0 if _NEGATIVE.match(text) and found.value > 0 else 1.0
    scale, unit = 1.0, found.unit
    if found.unit == "count" and (cell.scale != 1.0 or cell.money):
        scale, unit = cell.scale, ("EUR" if cell.money else "count")
    elif found.unit == "EUR":
        scale = cell.scale

    value = found.value * scale * sign
    allowed = found.interval.scaled(scale * sign)
    qualifier = found.qualifier
    compared = _COMPARED.match(text)
    if compared and qualifier == "exact":  # "< 0" in a table of ratios
        qualifier = _COMPARISONS[compared.group(1)]
        below = qualifier in ("less_than", "at_most")
        allowed = Interval.stated(None if below else value, value if below else None, qualifier)
    return Quantity(cell.start, cell.end, text, value, unit, qualifier, allowed, found.per)


def with_cells(text: str, cells: Sequence[TableCell], quantities: Sequence[Quantity],
               find: Callable[[str], list[Quantity]]) -> list[Quantity]:
    """The quantities of a text with its table rows read cell by cell.

    Quantities found in a table row are dropped (they may join two cells into
    a range, or lose a sign); each cell's figure is read alone with ``find``
    and becomes a quantity of the whole cell (:func:`cell_quantity`).
    """
    if not cells:
        return list(quantities)
    rows = sorted({(c.row_start, c.row_end) for c in cells})
    row_starts = [start for start, _ in rows]

    def in_row(offset: int) -> bool:
        k = bisect.bisect_right(row_starts, offset) - 1
        return k >= 0 and offset < rows[k][1]

    out = [q for q in quantities if not in_row(q.start)]
    for cell in cells:
        cell_text = text[cell.start:cell.end]
        found = find(cell_text)
        if len(found) == 1:
            out.append(cell_quantity(cell, cell_text, found[0]))
    return sorted(out, key=lambda q: (q.start, q.end))
