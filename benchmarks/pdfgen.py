"""A small two-column PDF writer: real text, known reading order.

The pages use the standard Helvetica font (no embedding) with WinAnsi
encoding, two columns per page, no hyphenation, so the lines in reading
order are known exactly: :func:`two_column_pdf` returns them with the file,
and the benchmark checks that a reader gives them back column by column.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

PAGE_W, PAGE_H = 595, 842
MARGIN, GUTTER, LEADING, SIZE = 56, 28, 11, 9
COLUMN_CHARS = 50  # about what a 9pt Helvetica column of 241pt holds
LINES_PER_COLUMN = (PAGE_H - 2 * MARGIN) // LEADING


def wrap(text: str) -> list[str]:
    """Paragraphs (separated by blank lines) wrapped to the column, a blank line between."""
    lines: list[str] = []
    for paragraph in text.split("\n\n"):
        words = " ".join(paragraph.split())
        if words:
            lines.extend(textwrap.wrap(words, COLUMN_CHARS, break_on_hyphens=False,
                                       break_long_words=False))
            lines.append("")
    return lines


def _escape(line: str) -> bytes:
    data = line.encode("cp1252", errors="replace")
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _column(lines: Sequence[str], x: int) -> bytes:
    out = [b"BT /F1 %d Tf %d TL %d %d Td" % (SIZE, LEADING, x, PAGE_H - MARGIN)]
    out.extend(b"(" + _escape(line) + b") Tj T*" for line in lines)
    out.append(b"ET")
    return b"\n".join(out)


def _page_streams(lines: Sequence[str]) -> list[bytes]:
    per_page = 2 * LINES_PER_COLUMN
    right_x = MARGIN + (PAGE_W - 2 * MARGIN + GUTTER) // 2
    streams = []
    for first in range(0, len(lines), per_page):
        left = lines[first:first + LINES_PER_COLUMN]
        right = lines[first + LINES_PER_COLUMN:first + per_page]
        streams.append(_column(left, MARGIN) + b"\n" + _column(right, right_x))
    return streams


def _serialize(objects: Sequence[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def two_column_pdf(text: str) -> tuple[bytes, list[list[str]]]:
    """The PDF and, per page, its non-empty lines in reading order (left column first)."""
    lines = wrap(text)
    streams = _page_streams(lines)
    first_page = 4  # objects: 1 catalog, 2 pages, 3 font, then page/content pairs
    kids = b" ".join(b"%d 0 R" % (first_page + 2 * i) for i in range(len(streams)))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(streams)),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
               b"/Encoding /WinAnsiEncoding >>"]
    for i, stream in enumerate(streams):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
                       b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>"
                       % (PAGE_W, PAGE_H, first_page + 2 * i + 1))
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    per_page = 2 * LINES_PER_COLUMN
    pages = [[line for line in lines[i:i + per_page] if line]
             for i in range(0, len(lines), per_page)]
    return _serialize(objects), pages
