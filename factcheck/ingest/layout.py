"""Reading order of a PDF page from text boxes: rows, columns, footnote rows.

Pure geometry on boxes in PDF points (origin bottom left). The input is
pdfium's text rectangles (a few per line, cheap to get); the output is rows in
reading order, each a box to extract text from. The PDF's internal text order
is never trusted.

Columns are found as gutters: vertical strips wider than ``min_gutter`` that
few rows cross. Rows that do cross (headings, running footers) split the page
into bands; within a band the left column is read before the right one.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.rules import PdfGeometry


@dataclass(frozen=True)
class Box:
    """A rectangle on the page: left, bottom, right, top (y grows upwards)."""

    left: float
    bottom: float
    right: float
    top: float

    @property
    def height(self) -> float:
        return self.top - self.bottom

    @property
    def width(self) -> float:
        return self.right - self.left

    def union(self, other: Box) -> Box:
        return Box(min(self.left, other.left), min(self.bottom, other.bottom),
                   max(self.right, other.right), max(self.top, other.top))

    def same_row(self, other: Box) -> bool:
        """Whether two boxes share a text line: most of the lower one overlaps the other."""
        overlap = min(self.top, other.top) - max(self.bottom, other.bottom)
        return overlap >= 0.5 * min(self.height, other.height)


def rows(boxes: Sequence[Box], min_gap: float) -> list[Box]:
    """Merge boxes into row segments: same line and less than ``min_gap`` apart.

    Boxes on one line further apart than ``min_gap`` stay separate segments, so
    a column gutter is never bridged.
    """
    merged: list[Box] = []
    for line in _bands(boxes):
        for box in sorted(line, key=lambda b: b.left):
            if merged and merged[-1].same_row(box) and box.left - merged[-1].right < min_gap:
                merged[-1] = merged[-1].union(box)
            else:
                merged.append(box)
    return merged


def _bands(boxes: Sequence[Box]) -> list[list[Box]]:
    """Boxes grouped into text lines, top to bottom."""
    bands: list[tuple[Box, list[Box]]] = []
    for box in sorted(boxes, key=lambda b: -b.top):
        for index in range(len(bands) - 1, max(-1, len(bands) - 4), -1):
            extent, members = bands[index]
            if extent.same_row(box) and all(m.same_row(box) or m.right < box.left
                                            or m.left > box.right for m in members):
                bands[index] = (extent.union(box), [*members, box])
                break
        else:
            bands.append((box, [box]))
    return [members for _, members in bands]


def _gutters(segments: Sequence[Box], geometry: PdfGeometry) -> list[tuple[float, float]]:
    """Vertical strips wider than min_gutter between text, crossed by few segments."""
    allowed = int(geometry.max_spanning_share * len(segments))
    edges = sorted({round(b.left, 1) for b in segments} | {round(b.right, 1) for b in segments})
    found: list[tuple[float, float]] = []
    for low, high in itertools.pairwise(edges):
        if high - low < geometry.min_gutter:
            continue
        crossing = sum(1 for b in segments if b.left < high and b.right > low)
        if crossing <= allowed:
            found.append((low, high))
    return _widest_first(found)


def _widest_first(strips: list[tuple[float, float]]) -> list[tuple[float, float]]:
    return sorted(strips, key=lambda strip: strip[0] - strip[1])


def _is_column(side: Sequence[Box], geometry: PdfGeometry) -> bool:
    return len(side) >= 2 and statistics.median(b.width for b in side) >= \
        geometry.min_column_width


def _split(segments: Sequence[Box], geometry: PdfGeometry) -> tuple[float, float] | None:
    """The widest gutter with text columns (not table cells) on both sides, if any."""
    for low, high in _gutters(segments, geometry):
        left = [b for b in segments if b.right <= low]
        right = [b for b in segments if b.left >= high]
        if _is_column(left, geometry) and _is_column(right, geometry):
            return low, high
    return None


def reading_order(segments: Sequence[Box], geometry: PdfGeometry, depth: int = 0) -> list[Box]:
    """Segments in reading order: bands top to bottom, columns left to right within a band."""
    ordered = sorted(segments, key=lambda b: (-b.top, b.left))
    gutter = _split(ordered, geometry) if depth < 4 else None
    if gutter is None:
        return _lines(ordered)
    low, high = gutter
    out: list[Box] = []
    band: list[Box] = []
    for box in ordered:
        if box.left < high and box.right > low:  # crosses the gutter: ends the band
            out.extend(_read_band(band, low, geometry, depth))
            out.append(box)
            band = []
        else:
            band.append(box)
    out.extend(_read_band(band, low, geometry, depth))
    return out


def _read_band(band: Sequence[Box], gutter: float, geometry: PdfGeometry,
               depth: int) -> list[Box]:
    left = [b for b in band if b.right <= gutter]
    right = [b for b in band if b.right > gutter]
    return reading_order(left, geometry, depth + 1) + reading_order(right, geometry, depth + 1)


def _lines(segments: Sequence[Box]) -> list[Box]:
    """Segments of one column grouped into lines, top to bottom."""
    lines: list[Box] = []
    for box in segments:
        if lines and lines[-1].same_row(box):
            lines[-1] = lines[-1].union(box)
        else:
            lines.append(box)
    return lines


def body_height(lines: Sequence[Box]) -> float:
    """The usual line height of the page: the median, weighted by line width."""
    weighted = sorted((b.height, b.width) for b in lines)
    total = sum(width for _, width in weighted)
    running = 0.0
    for height, width in weighted:
        running += width
        if running >= total / 2:
            return height
    return 0.0
