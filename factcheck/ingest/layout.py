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

import bisect
import itertools
import statistics
from collections.abc import Sequence
from typing import NamedTuple

from factcheck.rules import PdfGeometry


class Box(NamedTuple):
    """A rectangle on the page: left, bottom, right, top (y grows upwards).

    ``members`` are the ids of the input boxes merged into this one, so that a
    caller can tell which text rectangles make up each line.
    """

    left: float
    bottom: float
    right: float
    top: float
    members: tuple[int, ...] = ()

    @property
    def height(self) -> float:
        return self.top - self.bottom

    @property
    def width(self) -> float:
        return self.right - self.left

    def union(self, other: Box) -> Box:
        return Box(min(self.left, other.left), min(self.bottom, other.bottom),
                   max(self.right, other.right), max(self.top, other.top),
                   self.members + other.members)

    def same_row(self, other: Box) -> bool:
        """Whether two boxes share a text line: most of the lower one overlaps the other."""
        overlap = min(self.top, other.top) - max(self.bottom, other.bottom)
        return overlap >= 0.5 * min(self.top - self.bottom, other.top - other.bottom)


def rows(boxes: Sequence[Box], min_gap: float) -> list[Box]:
    """Merge boxes into row segments: same line and less than ``min_gap`` apart.

    Boxes on one line further apart than ``min_gap`` stay separate segments, so
    a column gutter is never bridged.
    """
    merged: list[Box] = []
    for line in _bands(boxes):
        line.sort(key=_left)
        for box in line:
            if merged and box.left - merged[-1].right < min_gap and merged[-1].same_row(box):
                merged[-1] = merged[-1].union(box)
            else:
                merged.append(box)
    return merged


def _left(box: Box) -> float:
    return box.left


def _bands(boxes: Sequence[Box]) -> list[list[Box]]:
    """Boxes grouped into text lines, top to bottom.

    A box joins one of the last three lines when it shares that line's height
    and, of the boxes already there, overlaps only those it shares a row with.
    """
    bands: list[list[Box]] = []
    spans: list[tuple[float, float]] = []  # bottom and top of each line
    for box in sorted(boxes, key=lambda b: -b.top):
        left, bottom, right, top = box.left, box.bottom, box.right, box.top
        height = top - bottom
        for index in range(len(bands) - 1, max(-1, len(bands) - 4), -1):
            low, high = spans[index]
            if min(high, top) - max(low, bottom) < 0.5 * min(high - low, height):
                continue
            if all(m.right < left or m.left > right
                   or min(m.top, top) - max(m.bottom, bottom) >= 0.5 * min(m.top - m.bottom,
                                                                         height)
                   for m in bands[index]):
                spans[index] = (min(low, bottom), max(high, top))
                bands[index].append(box)
                break
        else:
            bands.append([box])
            spans.append((bottom, top))
    return bands


_Segment = tuple[Box, float, float]  # a box with its left and right edge to 0.1 pt


def _gutters(segments: Sequence[_Segment],
             geometry: PdfGeometry) -> list[tuple[float, float]]:
    """Vertical strips wider than min_gutter between text, crossed by few segments.

    Edges are taken to 0.1 pt, so that a column's ragged edge gives one
    candidate, and every test against a gutter uses those same values.
    """
    allowed = int(geometry.max_spanning_share * len(segments))
    lefts = sorted(left for _, left, _ in segments)
    rights = sorted(right for _, _, right in segments)
    edges = sorted({*lefts, *rights})
    # A segment ending left of a strip starts left of it too, so the crossing ones are those
    # starting left of its right edge less those ending left of its left edge.
    normal = all(left <= right for _, left, right in segments)
    found: list[tuple[float, float]] = []
    for low, high in itertools.pairwise(edges):
        if high - low < geometry.min_gutter:
            continue
        if normal:
            crossing = bisect.bisect_left(lefts, high) - bisect.bisect_right(rights, low)
        else:
            crossing = sum(1 for _, left, right in segments if left < high and right > low)
        if crossing <= allowed:
            found.append((low, high))
    return _widest_first(found)


def _widest_first(strips: list[tuple[float, float]]) -> list[tuple[float, float]]:
    return sorted(strips, key=lambda strip: strip[0] - strip[1])


def _is_column(side: Sequence[Box], geometry: PdfGeometry) -> bool:
    return len(side) >= 2 and statistics.median(b.width for b in side) >= \
        geometry.min_column_width


def _split(segments: Sequence[_Segment], geometry: PdfGeometry) -> tuple[float, float] | None:
    """The widest gutter with text columns (not table cells) on both sides, if any."""
    for low, high in _gutters(segments, geometry):
        left = [box for box, _, right in segments if right <= low]
        right = [box for box, left, _ in segments if left >= high]
        if _is_column(left, geometry) and _is_column(right, geometry):
            return low, high
    return None


def reading_order(segments: Sequence[Box], geometry: PdfGeometry, depth: int = 0) -> list[Box]:
    """Segments in reading order: bands top to bottom, columns left to right within a band."""
    return _order([(b, round(b.left, 1), round(b.right, 1)) for b in segments], geometry, depth)


def _top_left(segment: _Segment) -> tuple[float, float]:
    return -segment[0].top, segment[0].left


def _order(segments: Sequence[_Segment], geometry: PdfGeometry, depth: int) -> list[Box]:
    ordered = sorted(segments, key=_top_left)
    gutter = _split(ordered, geometry) if depth < 4 else None
    if gutter is None:
        return _lines([box for box, _, _ in ordered])
    low, high = gutter
    out: list[Box] = []
    band: list[_Segment] = []
    for segment in ordered:
        if segment[1] < high and segment[2] > low:  # crosses the gutter: ends the band
            out.extend(_read_band(band, low, geometry, depth))
            out.append(segment[0])
            band = []
        else:
            band.append(segment)
    out.extend(_read_band(band, low, geometry, depth))
    return out


def _read_band(band: Sequence[_Segment], gutter: float, geometry: PdfGeometry,
               depth: int) -> list[Box]:
    left = [s for s in band if s[2] <= gutter]
    right = [s for s in band if s[2] > gutter]
    return _order(left, geometry, depth + 1) + _order(right, geometry, depth + 1)


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
