"""PDF → Document with pypdfium2: text per line box, in reading order, page by page.

Why pypdfium2 and not pdfplumber: it extracts 300+ pages/s against ~5, and its
text rectangles (a few per line) are enough to find columns. The page text is
read once; each rectangle is a known run of its characters, so every line box
gets its characters in our order, not the PDF's, joined as ``get_text_bounded``
would join them (which scans the whole page on each call, so calling it per
line costs the square of the characters per page). Broken, encrypted, scanned
and garbled files are told apart and each gets a DocumentError or a warning
that says what to do.
"""

from __future__ import annotations

import ctypes
import io
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2
import pypdfium2.raw as pdfium_c

from factcheck.errors import DocumentError
from factcheck.ingest.builder import document_from_text
from factcheck.ingest.layout import Box, body_height, reading_order, rows
from factcheck.ingest.normalize import (
    Vocabulary,
    clean_chars,
    collapse_blank_lines,
    dehyphenate,
    drop_furniture,
)
from factcheck.ingest.ocr import INSTALL, find_tools, ocrmypdf_layer, tesseract_page
from factcheck.ingest.structure import find_doc_type
from factcheck.ingest.tables import (
    Table,
    grid_of,
    is_data_table,
    looks_like_table,
    read_table,
    shift,
)
from factcheck.limits import DEFAULT_LIMITS, Limits
from factcheck.records import Document, DocumentMeta, Page, Section, TableCell
from factcheck.rules import Layout, PdfGeometry, Rules, TableUnit

_CID = re.compile(r"\(cid:\d+\)")
_REPEATS = re.compile(r"(\S)\1{2,}")
_NOT_ALNUM = re.compile(r"[\W_]")  # \w is exactly str.isalnum() plus the underscore
OCR_HINT = (f"pass --ocr to read it with OCR (needs: {INSTALL}), or add a text layer "
            "first: ocrmypdf -l nld in.pdf out.pdf")
# --ocr reads pages without text; a garbage text layer must be replaced as a whole
GARBLED_FIX = ("print it to a new PDF, or replace its text layer by OCR: ocrmypdf -l nld "
               f"--force-ocr in.pdf out.pdf (needs: {INSTALL})")
OCR_FOUND_NOTHING = ("OCR found no text (handwriting, a photo or an empty page?)",
                     "check the scan; OCR reads a clean scan of 300 dpi or more best")


@dataclass(frozen=True)
class RawPage:
    """One page as extracted: body lines, footnote lines (each list starts a footnote)."""

    number: int
    body: tuple[str, ...]
    footnotes: tuple[tuple[str, ...], ...] = ()
    scanned: bool = False
    garbled: bool = False
    tables: tuple[tuple[int, Table], ...] = ()  # (body line it stands before, table)


def open_problem(message: str, data: bytes) -> tuple[str, str]:
    """Problem and fix for a PDF that pdfium refuses to open."""
    if "password" in message.lower() or b"/Encrypt" in data:
        return ("encrypted: the PDF needs a password",
                "remove the password, e.g. qpdf --decrypt --password=… in.pdf out.pdf")
    if not data.lstrip()[:1024].startswith(b"%PDF"):
        return ("not a PDF (no %PDF header; maybe an HTML page saved as .pdf)",
                "download the file again, or give it its real suffix")
    if b"%%EOF" not in data[-2048:]:
        return ("truncated: the file ends before the PDF does",
                "download or copy the file again; repair attempts: qpdf in.pdf out.pdf")
    return (f"damaged PDF ({message})", "repair it, e.g. qpdf in.pdf out.pdf, or print to PDF")


def _open(path: Path, data: bytes) -> pypdfium2.PdfDocument:
    try:
        return pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        problem, fix = open_problem(str(exc), data)
        raise DocumentError(str(path), problem, fix) from exc


def letter_share(text: str) -> float:
    """Share of letters and digits among the visible characters: low for broken fonts.

    Broken ToUnicode maps give control characters, punctuation soup
    ("!"#$!#%&#") or "(cid:3)" codes. Runs of one character (dot leaders in a
    table of contents) count once, so such pages stay readable.
    """
    text = _REPEATS.sub(r"\1", _CID.sub("\x00", text))
    visible = sum(map(len, text.split()))
    if not visible:
        return 1.0
    return len(_NOT_ALNUM.sub("", text)) / visible


def _has_image(page: pypdfium2.PdfPage) -> bool:
    return any(obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects())


def _bounded_texts(textpage: pypdfium2.PdfTextPage, lines: list[Box]) -> list[str]:
    """Text of each line box with ``get_text_bounded``: one scan of the page per line.

    Only for pages whose text does not map one to one onto pdfium's characters.
    """
    out = []
    for box in lines:
        text = textpage.get_text_bounded(box.left - 0.5, box.bottom - 0.5, box.right + 0.5,
                                         box.top + 0.5)
        out.append(text.replace("\r\n", " ").replace("\n", " ").strip())
    return out


@dataclass(frozen=True)
class _Chunk:
    """Characters ``start:end`` of the page text between two of pdfium's line breaks."""

    start: int
    end: int
    pieces: range  # ids of its text rectangles, in character order


def _chunks(textpage: pypdfium2.PdfTextPage, text: str) -> tuple[list[_Chunk], list[Box]]:
    """The page text cut at pdfium's line breaks, and the text rectangles of each part.

    A rectangle is a run of characters of one text object (pdfium's own
    ``count_rects``), so its characters are known without asking for the box
    of every character. Each rectangle's id is its place in the list returned.
    """
    chunks: list[_Chunk] = []
    boxes: list[Box] = []
    count_rects, get_rect = pdfium_c.FPDFText_CountRects, pdfium_c.FPDFText_GetRect
    handle = textpage.raw
    left, top, right, bottom = (ctypes.c_double() for _ in range(4))
    out = (ctypes.byref(left), ctypes.byref(top), ctypes.byref(right), ctypes.byref(bottom))
    start, size = 0, len(text)
    while start < size:
        end = text.find("\r\n", start)
        end = size if end < 0 else end
        if end > start:
            first = len(boxes)
            for index in range(count_rects(handle, start, end - start)):
                get_rect(handle, index, *out)
                if right.value > left.value and top.value > bottom.value:  # not empty
                    boxes.append(Box(left.value, bottom.value, right.value, top.value,
                                     (len(boxes),)))
            chunks.append(_Chunk(start, end, range(first, len(boxes))))
        start = end + 2
    return chunks, boxes


def _piece_starts(textpage: pypdfium2.PdfTextPage, chunk: _Chunk) -> list[int]:
    """First character of each rectangle of a chunk after the first (binary search).

    ``count_rects(start, k)`` counts the rectangles that begin in the first k
    characters, so rectangle j begins where that count first exceeds j.
    """
    starts = []
    low = 1
    for j in range(1, len(chunk.pieces)):
        high = chunk.end - chunk.start
        while low < high:
            middle = (low + high) // 2
            if textpage.count_rects(chunk.start, middle) > j:
                high = middle
            else:
                low = middle + 1
        starts.append(chunk.start + low - 1)
    return starts


def _line_ranges(textpage: pypdfium2.PdfTextPage, chunks: list[_Chunk], owner: list[int],
                 count: int) -> list[list[tuple[int, int]]]:
    """The character ranges of each line, in character order."""
    ranges: list[list[tuple[int, int]]] = [[] for _ in range(count)]
    for chunk in chunks:
        owners = [owner[piece] for piece in chunk.pieces]
        if not owners:
            continue
        if all(o == owners[0] for o in owners):
            ranges[owners[0]].append((chunk.start, chunk.end))
            continue
        bounds = [chunk.start, *_piece_starts(textpage, chunk), chunk.end]
        for line, start, end in zip(owners, bounds, bounds[1:], strict=False):
            if end > start:
                ranges[line].append((start, end))
    for spans in ranges:
        spans.sort()
    return ranges


def _origin_y(textpage: pypdfium2.PdfTextPage, index: int) -> float:
    x, y = ctypes.c_double(), ctypes.c_double()
    pdfium_c.FPDFText_GetCharOrigin(textpage, index, x, y)
    return float(y.value)


def _joined(textpage: pypdfium2.PdfTextPage, text: str, spans: list[tuple[int, int]],
            first_visible: int) -> str:
    """The text of one line from its character ranges, as ``get_text_bounded`` joins it.

    pdfium's rule (CPDF_TextPage::GetTextByPredicate): a space that follows the
    line's text is kept; other characters in between make a line break (here a
    space) when the next character of the line has another baseline than the
    last one that started a line.
    """
    parts: list[str] = []
    baseline: int | None = spans[0][0] if spans and first_visible < spans[0][0] else None
    end = -1
    for start, stop in spans:
        if end >= 0 and start > end:
            gap = text[end:start]
            if gap[0] == " ":
                parts.append(" ")
            if gap.strip(" "):
                y = _origin_y(textpage, start)
                if y != (0.0 if baseline is None else _origin_y(textpage, baseline)):
                    parts.append(" ")
                    baseline = start
        parts.append(text[start:stop])
        end = stop
    return "".join(parts).replace("\r\n", " ").replace("\n", " ").strip()


def _page_lines(textpage: pypdfium2.PdfTextPage,
                geometry: PdfGeometry) -> tuple[list[Box], list[str]]:
    """Line boxes in reading order and their text, reading the page text once."""
    # pdfium's text marks a line-end hyphen U+FFFE, its characters (and get_text_bounded) \x02;
    # an explicit count makes pypdfium2 4.x use FPDFText_GetText too
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count).replace("\ufffe", "\x02")
    if len(text) != count:  # text and characters out of step: slow path
        boxes = [Box(*textpage.get_rect(i)) for i in range(textpage.count_rects())]
        lines = reading_order(rows(boxes, geometry.min_gutter), geometry)
        return lines, _bounded_texts(textpage, lines)
    chunks, boxes = _chunks(textpage, text)
    lines = reading_order(rows(boxes, geometry.min_gutter), geometry)
    owner = [0] * len(boxes)
    for number, line in enumerate(lines):
        for piece in line.members:
            owner[piece] = number
    ranges = _line_ranges(textpage, chunks, owner, len(lines))
    first_visible = len(text) - len(text.lstrip(" "))
    return lines, [_joined(textpage, text, spans, first_visible) for spans in ranges]


def split_footnotes(lines: list[Box], texts: list[str], layout: Layout,
                    geometry: PdfGeometry) -> tuple[list[str], list[list[str]]]:
    """Body lines and footnotes: the trailing run of small lines opened by a marker.

    Lines below ``footnote_height_ratio`` of the body height at the end of
    the page (furniture such as the running footer may follow) are footnotes
    when the first of them starts with a footnote number.
    """
    limit = body_height(lines) * geometry.footnote_height_ratio
    start = len(lines)
    while start > 0 and (lines[start - 1].height < limit or _furniture(texts[start - 1], layout)):
        start -= 1
    while start < len(lines) and not _opens_footnote(texts[start], layout):
        start += 1
    footnotes: list[list[str]] = []
    for text in texts[start:]:
        if _opens_footnote(text, layout) or not footnotes:
            footnotes.append([text])
        else:
            footnotes[-1].append(text)
    return texts[:start], footnotes


def _furniture(text: str, layout: Layout) -> bool:
    return any(rule.pattern.search(text.strip()) for rule in layout.furniture)


def _opens_footnote(text: str, layout: Layout) -> bool:
    return layout.footnote is not None and layout.footnote.match(text.strip()) is not None


PlumberPage = Callable[[int], Any]  # page index → a pdfplumber page, opened when first asked


def extract_page(page: pypdfium2.PdfPage, number: int, rules: Rules,
                 plumber: PlumberPage | None = None) -> RawPage:
    """Lines of one page in reading order, with footnotes and tables apart.

    ``plumber`` gives the pdfplumber page; it is asked only when the lines
    look like rows of figures (see :mod:`factcheck.ingest.tables`).
    """
    geometry = rules.layout.pdf or PdfGeometry(12, 40, 0.25, 0.9, 0.5)
    textpage = page.get_textpage()
    if textpage.count_chars() == 0:
        return RawPage(number, (), scanned=_has_image(page))
    lines, texts = _page_lines(textpage, geometry)
    garbled = letter_share("".join(texts)) < geometry.min_letter_share
    placed: list[tuple[int, Table]] = []
    rights = [box.right for box in lines]
    if plumber is not None and not garbled and looks_like_table(texts, rights):
        try:
            plumber_page = plumber(number - 1)
            try:
                lines, texts, placed = take_tables(plumber_page, lines, texts,
                                                   rules.layout.table_units)
            finally:
                plumber_page.close()  # its characters are not kept for the next page
        except Exception:  # pdfminer's many parse errors: the page is read as running text
            placed = []
    body, footnotes = split_footnotes(lines, texts, rules.layout, geometry)
    return RawPage(number, tuple(body), tuple(tuple(f) for f in footnotes), garbled=garbled,
                   tables=tuple((min(at, len(body)), table) for at, table in placed))


def take_tables(plumber_page: Any, lines: list[Box], texts: list[str], units: tuple[TableUnit, ...]
                ) -> tuple[list[Box], list[str], list[tuple[int, Table]]]:
    """Replace the lines inside each data table pdfplumber finds by the table's rows.

    Returns the remaining lines and texts, and each table with the index of
    the remaining line it stands before. pdfplumber's y grows downwards.
    """
    height = float(plumber_page.height)
    starts: dict[int, Table] = {}
    taken: set[int] = set()
    for found in plumber_page.find_tables():
        grid = grid_of(found)
        if not is_data_table(grid):
            continue
        x0, top, x1, bottom = (float(v) for v in found.bbox)
        inside = [i for i, box in enumerate(lines) if i not in taken
                  and height - bottom - 1 <= (box.bottom + box.top) / 2 <= height - top + 1
                  and x0 - 1 <= (box.left + box.right) / 2 <= x1 + 1]
        if not inside:
            continue
        caption = texts[inside[0] - 1] if inside[0] > 0 else ""
        starts[inside[0]] = read_table(grid, caption, units)
        taken.update(inside)
    kept_lines: list[Box] = []
    kept_texts: list[str] = []
    placed: list[tuple[int, Table]] = []
    for i, (box, text) in enumerate(zip(lines, texts, strict=True)):
        if i in starts:
            placed.append((len(kept_lines), starts[i]))
        if i not in taken:
            kept_lines.append(box)
            kept_texts.append(text)
    return kept_lines, kept_texts, placed


def _body_text(lines: tuple[str, ...], layout: Layout, vocabulary: Vocabulary) -> str:
    body = [clean_chars(line) for line in lines]
    return "\n".join(collapse_blank_lines(dehyphenate(drop_furniture(body, layout.furniture),
                                                      layout, vocabulary))).strip("\n")


def _page_text(raw: RawPage, layout: Layout, vocabulary: Vocabulary
               ) -> tuple[str, list[tuple[int, int, str]], tuple[TableCell, ...]]:
    """Normalized text of a page, its footnotes as (start, end, number) and its table cells.

    Each table stands as its own paragraphs between the body lines around it;
    its rows are not normalized as prose (a "-" at a row's end is a nil figure).
    """
    pieces: list[str | Table] = []
    at = 0
    for index, table in raw.tables:
        pieces += [_body_text(raw.body[at:index], layout, vocabulary), table]
        at = index
    pieces.append(_body_text(raw.body[at:], layout, vocabulary))
    text, cells = "", list[TableCell]()
    for piece in pieces:
        part = piece.text if isinstance(piece, Table) else piece
        if not part:
            continue
        text += "\n\n" if text else ""
        if isinstance(piece, Table):
            cells += shift(piece.cells, len(text))
        text += part
    spans = []
    for footnote in raw.footnotes:
        cleaned = collapse_blank_lines(dehyphenate([clean_chars(x) for x in footnote], layout,
                                                   vocabulary))
        marker = layout.footnote.match(cleaned[0]) if layout.footnote and cleaned else None
        text += "\n\n" if text else ""
        spans.append((len(text), len(text) + len("\n".join(cleaned)),
                      marker.group("number") if marker else "?"))
        text += "\n".join(cleaned)
    return text, spans, tuple(cells)


def _problems(path: Path, pages: list[RawPage], ocr: bool) -> list[str]:
    """Warnings for partly scanned or garbled files; an error when nothing is left.

    ``ocr``: whether OCR has been run on the scanned pages (so more OCR will not help).
    A page without text is a scan only when it holds an image; without one it
    is blank (a separator page, or an empty file), which needs no OCR.
    """
    empty = [p for p in pages if not p.body and not p.footnotes]
    scanned = [p.number for p in empty if p.scanned]
    garbled = [p.number for p in pages if p.garbled]
    if len(empty) == len(pages) and not scanned:
        raise DocumentError(str(path), f"no text: all {len(pages)} page"
                            f"{'' if len(pages) == 1 else 's'} read are blank",
                            "check that this is the right file")
    if len(empty) == len(pages):
        if ocr:
            raise DocumentError(str(path), "no text layer: scanned, and " + OCR_FOUND_NOTHING[0],
                                OCR_FOUND_NOTHING[1])
        raise DocumentError(str(path), "no text layer: scanned", OCR_HINT)
    if len(garbled) + len(empty) >= len(pages):
        raise DocumentError(str(path), "broken font encoding: the text layer is garbage "
                            "(e.g. (cid:3) or /1/2/3)", GARBLED_FIX)
    warnings = []
    if scanned and ocr:
        warnings.append(f"no text on page(s) {_numbers(scanned)}: " + OCR_FOUND_NOTHING[0])
    elif scanned:
        warnings.append(f"no text on page(s) {_numbers(scanned)} (scanned?): " + OCR_HINT)
    if garbled:
        warnings.append(f"broken font encoding on page(s) {_numbers(garbled)}: text skipped")
    return warnings


_STREAM = re.compile(rb"(?<!end)stream\r?\n")
_STREAM_CHUNK = 1 << 20


def check_streams(path: Path, data: bytes, budget: int) -> None:
    """Refuse a PDF whose compressed streams unpack to more than ``budget`` bytes together.

    pdfium unpacks a content stream whole in memory: a 1 MB file can hold a
    stream of gigabytes. Each Flate stream is unpacked here a chunk at a
    time, counted and dropped, so the check itself needs little memory.
    """
    total = 0
    for match in _STREAM.finditer(data):
        header = data[max(0, match.start() - 512):match.start()]
        if b"/FlateDecode" not in header[header.rfind(b"<<"):]:
            continue
        total += _unpacked_size(data, match.end(), budget - total + 1)
        if total > budget:
            raise DocumentError(str(path), f"its streams unpack to more than {budget:,} "
                                "bytes (limit pdf_stream_bytes)",
                                "check the file; if it is genuine, raise the limit with "
                                "--limit pdf_stream_bytes=N")


def _unpacked_size(data: bytes, start: int, most: int) -> int:
    """How many bytes the Flate stream at ``start`` unpacks to, counting up to ``most``."""
    end = data.find(b"endstream", start)
    view = memoryview(data)[start:end if end >= 0 else len(data)]
    inflater = zlib.decompressobj()
    size = 0
    try:
        for position in range(0, len(view), _STREAM_CHUNK):
            pending = bytes(view[position:position + _STREAM_CHUNK])
            while pending and size < most and not inflater.eof:
                size += len(inflater.decompress(pending, _STREAM_CHUNK))
                pending = inflater.unconsumed_tail
            if size >= most or inflater.eof:
                break
    except zlib.error:
        pass  # damaged or encrypted: pdfium decides what to make of it
    return size


def _numbers(pages: list[int]) -> str:
    return ", ".join(str(n) for n in pages)


class _Plumber:
    """pdfplumber on the same bytes, opened only when a page looks like it holds a table."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pdf: Any = None

    def page(self, index: int) -> Any:
        if self.pdf is None:
            self.pdf = pdfplumber.open(io.BytesIO(self.data))
        return self.pdf.pages[index]

    def close(self) -> None:
        if self.pdf is not None:
            self.pdf.close()


def _read_pages(path: Path, document: pypdfium2.PdfDocument, rules: Rules, data: bytes,
                tesseract: str | None = None,
                max_pages: int = DEFAULT_LIMITS.pdf_pages) -> list[RawPage]:
    """The first ``max_pages`` pages' lines; scanned pages read by ``tesseract`` when given."""
    plumber = _Plumber(data)
    pages = []
    try:
        for index in range(min(len(document), max_pages)):
            try:
                page = document[index]
            except pypdfium2.PdfiumError as exc:
                raise DocumentError(str(path), f"page {index + 1} cannot be loaded (a broken "
                                    "page tree?)", "repair it with qpdf in.pdf out.pdf, or "
                                    "print it to a new PDF") from exc
            raw = extract_page(page, index + 1, rules, plumber.page if data else None)
            if raw.scanned and tesseract:
                raw = RawPage(index + 1, tuple(tesseract_page(page, tesseract)),
                              scanned=True)
            pages.append(raw)
    finally:
        plumber.close()
    return pages


def _extract(path: Path, data: bytes, rules: Rules, tesseract: str | None = None,
             max_pages: int = DEFAULT_LIMITS.pdf_pages) -> list[RawPage]:
    document = _open(path, data)
    try:
        if len(document) == 0:
            raise DocumentError(str(path), "the PDF has no pages (or a broken page tree)",
                                "check that it opens in a PDF viewer; repair it with "
                                "qpdf in.pdf out.pdf")
        return _read_pages(path, document, rules, data, tesseract, max_pages)
    finally:
        document.close()


def _page_count(path: Path, data: bytes) -> int:
    document = _open(path, data)
    try:
        return len(document)
    finally:
        document.close()


def _with_ocr(path: Path, data: bytes, rules: Rules,
              pages: list[RawPage]) -> tuple[list[RawPage], list[str]]:
    """The pages again with OCR on the scanned ones, or a warning why OCR could not run.

    When no page has text and OCR cannot run, the error says how to install it.
    """
    tools = find_tools()
    if tools.problem is not None:
        if all(p.scanned or not (p.body or p.footnotes) for p in pages):
            raise DocumentError(str(path), "no text layer: scanned, and " + tools.problem,
                                tools.fix + ", then run again with --ocr")
        return pages, [tools.warning]
    if tools.ocrmypdf is not None:
        layered = ocrmypdf_layer(data, tools.ocrmypdf, len(pages))
        if layered is not None:
            return _extract(path, layered, rules), []
    return _extract(path, data, rules, tools.tesseract), []


def read_pdf(path: Path, data: bytes, sha256: str, rules: Rules, *, ocr: bool = False,
             limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read a PDF into a Document with one Page record per physical page.

    Within ``limits``: the streams may unpack to ``pdf_stream_bytes`` together
    (checked before pdfium sees the file), and ``pdf_pages`` pages are read.
    """
    check_streams(path, data, limits.pdf_stream_bytes)
    raw_pages = _extract(path, data, rules, max_pages=limits.pdf_pages)
    ocr_warnings: list[str] = []
    ocr_ran = False
    if ocr and any(p.scanned for p in raw_pages):
        raw_pages, ocr_warnings = _with_ocr(path, data, rules, raw_pages)
        ocr_ran = not ocr_warnings
    warnings = _problems(path, raw_pages, ocr_ran) + ocr_warnings
    if len(raw_pages) == limits.pdf_pages and _page_count(path, data) > limits.pdf_pages:
        warnings.append(f"only the first {limits.pdf_pages:,} of {_page_count(path, data):,} "
                        "pages read (limit pdf_pages) — split it (qpdf --split-pages) or raise "
                        "it with --limit pdf_pages=N")
    usable = [p if not p.garbled else RawPage(p.number, ()) for p in raw_pages]
    vocabulary = Vocabulary.of(line for p in usable for line in p.body)
    text, pages, footnotes, cells = "", [], [], list[TableCell]()
    for raw in usable:
        page_text, spans, page_cells = _page_text(raw, rules.layout, vocabulary)
        text += "\n\n" if text and page_text else ""
        start = len(text)
        footnotes += [Section(start + a, start + b, "footnote", n) for a, b, n in spans]
        cells += shift(page_cells, start)
        text += page_text
        pages.append(Page(raw.number, start, len(text)))
    first = next((text[p.start:p.end] for p in pages if p.end > p.start), "")
    meta = DocumentMeta(doc_type=find_doc_type(first, rules.structure))  # its first page says
    return document_from_text(path, "pdf", text, sha256, rules, pages=tuple(pages), meta=meta,
                              warnings=tuple(warnings), footnotes=tuple(footnotes),
                              cells=tuple(cells))
