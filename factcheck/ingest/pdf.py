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
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

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
from factcheck.records import Document, Page, Section
from factcheck.rules import Layout, PdfGeometry, Rules

_CID = re.compile(r"\(cid:\d+\)")
_REPEATS = re.compile(r"(\S)\1{2,}")
_NOT_ALNUM = re.compile(r"[\W_]")  # \w is exactly str.isalnum() plus the underscore
OCR_HINT = ("run OCR first (e.g. ocrmypdf -l nld in.pdf out.pdf) or pass --ocr with "
            "tesseract-ocr-nld installed")


@dataclass(frozen=True)
class RawPage:
    """One page as extracted: body lines, footnote lines (each list starts a footnote)."""

    number: int
    body: tuple[str, ...]
    footnotes: tuple[tuple[str, ...], ...] = ()
    scanned: bool = False
    garbled: bool = False


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


def extract_page(page: pypdfium2.PdfPage, number: int, rules: Rules) -> RawPage:
    """Lines of one page in reading order, with footnotes apart."""
    geometry = rules.layout.pdf or PdfGeometry(12, 40, 0.25, 0.9, 0.5)
    textpage = page.get_textpage()
    if textpage.count_chars() == 0:
        return RawPage(number, (), scanned=_has_image(page))
    lines, texts = _page_lines(textpage, geometry)
    garbled = letter_share("".join(texts)) < geometry.min_letter_share
    body, footnotes = split_footnotes(lines, texts, rules.layout, geometry)
    return RawPage(number, tuple(body), tuple(tuple(f) for f in footnotes), garbled=garbled)


def ocr_page(page: pypdfium2.PdfPage, tesseract: str) -> list[str]:
    """Text lines of a scanned page from the tesseract binary (Dutch model)."""
    bitmap = page.render(scale=300 / 72, grayscale=True)
    width, height, stride = bitmap.width, bitmap.height, bitmap.stride
    pixels = bytes(bitmap.buffer)
    rows_ = b"".join(pixels[y * stride:y * stride + width] for y in range(height))
    with tempfile.TemporaryDirectory() as folder:
        image = Path(folder) / "page.pgm"
        image.write_bytes(b"P5 %d %d 255\n" % (width, height) + rows_)
        result = subprocess.run([tesseract, str(image), "stdout", "-l", "nld"],
                                capture_output=True, text=True, timeout=300, check=False)
    return result.stdout.splitlines() if result.returncode == 0 else []


def _page_text(raw: RawPage, layout: Layout,
               vocabulary: Vocabulary) -> tuple[str, list[tuple[int, int, str]]]:
    """Normalized text of a page and its footnotes as (start, end, number) in that text."""
    body = [clean_chars(line) for line in raw.body]
    lines = collapse_blank_lines(dehyphenate(drop_furniture(body, layout.furniture), layout,
                                             vocabulary))
    text = "\n".join(lines)
    spans = []
    for footnote in raw.footnotes:
        cleaned = collapse_blank_lines(dehyphenate([clean_chars(x) for x in footnote], layout,
                                                   vocabulary))
        marker = layout.footnote.match(cleaned[0]) if layout.footnote and cleaned else None
        text += "\n\n" if text else ""
        spans.append((len(text), len(text) + len("\n".join(cleaned)),
                      marker.group("number") if marker else "?"))
        text += "\n".join(cleaned)
    return text, spans


def _problems(path: Path, pages: list[RawPage], ocr: bool) -> list[str]:
    """Warnings for partly scanned or garbled files; an error when nothing is left."""
    scanned = [p.number for p in pages if not p.body and not p.footnotes]
    garbled = [p.number for p in pages if p.garbled]
    if len(scanned) == len(pages):
        raise DocumentError(str(path), "no text layer: scanned", OCR_HINT)
    if len(garbled) + len(scanned) >= len(pages):
        raise DocumentError(str(path), "broken font encoding: the text layer is garbage "
                            "(e.g. (cid:3) or /1/2/3)", "print it to a new PDF or " + OCR_HINT)
    warnings = []
    if scanned:
        warnings.append(f"no text on page(s) {_numbers(scanned)} (scanned?): " + OCR_HINT)
    if garbled:
        warnings.append(f"broken font encoding on page(s) {_numbers(garbled)}: text skipped")
    return warnings


def _numbers(pages: list[int]) -> str:
    return ", ".join(str(n) for n in pages)


def _read_pages(path: Path, document: pypdfium2.PdfDocument, rules: Rules,
                ocr: bool) -> list[RawPage]:
    tesseract = shutil.which("tesseract") if ocr else None
    pages = []
    for index in range(len(document)):
        page = document[index]
        raw = extract_page(page, index + 1, rules)
        if raw.scanned and tesseract:
            raw = RawPage(index + 1, tuple(ocr_page(page, tesseract)))
        pages.append(raw)
    return pages


def read_pdf(path: Path, data: bytes, sha256: str, rules: Rules, *, ocr: bool = False) -> Document:
    """Read a PDF into a Document with one Page record per physical page."""
    document = _open(path, data)
    try:
        raw_pages = _read_pages(path, document, rules, ocr)
    finally:
        document.close()
    warnings = _problems(path, raw_pages, ocr)
    if ocr and not shutil.which("tesseract") and any(p.scanned for p in raw_pages):
        warnings.append("--ocr asked but tesseract is not installed: apt install tesseract-ocr-nld")
    usable = [p if not p.garbled else RawPage(p.number, ()) for p in raw_pages]
    vocabulary = Vocabulary.of(line for p in usable for line in p.body)
    text, pages, footnotes = "", [], []
    for raw in usable:
        page_text, spans = _page_text(raw, rules.layout, vocabulary)
        text += "\n\n" if text and page_text else ""
        start = len(text)
        footnotes += [Section(start + a, start + b, "footnote", n) for a, b, n in spans]
        text += page_text
        pages.append(Page(raw.number, start, len(text)))
    return document_from_text(path, "pdf", text, sha256, rules, pages=tuple(pages),
                              warnings=tuple(warnings), footnotes=tuple(footnotes))
