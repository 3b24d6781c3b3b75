"""Word (.docx) → lines, read natively with python-docx, in the structure the ODT reader gives.

The body is read in document order: each paragraph is a line, each table
cell's paragraphs are lines (a merged cell once), as ``text:p`` elements are
for ODT. Footnotes and endnotes follow the body, each as one line opened by its
number, so they are found as footnotes like in plain text. Page headers and
footers are page furniture and are left out (ODT keeps them apart too).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from factcheck.errors import DocumentError
from factcheck.ingest.builder import document_from_text
from factcheck.ingest.normalize import clean_chars
from factcheck.ingest.xml import companion_meta
from factcheck.records import Document
from factcheck.rules import Rules

_NOTE_PARTS = ("word/footnotes.xml", "word/endnotes.xml")
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_NOT_READ = {qn("w:del"), qn("w:txbxContent"), _FALLBACK}  # deleted text; text boxes apart
_SAFE = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def docx_lines(path: Path, data: bytes) -> list[str]:
    """The text lines of a .docx: body paragraphs and table cells in order, then notes."""
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DocumentError(str(path), "not a Word .docx file (no word/document.xml)",
                            "save it again as .docx (Word 2007 or later), or export it as "
                            "PDF") from exc
    lines = [_line(text) for text in _blocks(document.element.body)]
    return [line for line in lines if line] + _notes(data)


def _line(text: str) -> str:
    return clean_chars(" ".join(text.split()))


def _blocks(body: Any) -> Iterator[str]:
    """Paragraph texts of a body or table cell, tables cell by cell, in document order."""
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            for box in _text_boxes(child):  # frames first, as the ODT reader has them
                yield from _blocks(box)
            yield _paragraph_text(child)
        elif child.tag == qn("w:tbl"):
            for row in child.iterchildren(qn("w:tr")):
                for cell in row.iterchildren(qn("w:tc")):
                    if not _continues_merge(cell):
                        yield from _blocks(cell)
        elif child.tag == qn("w:sdt"):  # content controls wrap paragraphs and tables
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _blocks(content)


def _text_boxes(paragraph: Any) -> list[Any]:
    """The text boxes anchored in a paragraph; the fallback copy Word adds is skipped."""
    return [box for box in paragraph.iter(qn("w:txbxContent"))
            if not _hidden(box) and not any(a.tag == qn("w:txbxContent")
                                            for a in box.iterancestors())]


def _hidden(node: Any) -> bool:
    """Inside a compatibility fallback (mc:Fallback): a second copy of what mc:Choice shows."""
    return any(a.tag == _FALLBACK for a in node.iterancestors())


def _continues_merge(cell: Any) -> bool:
    """A cell that continues a vertical merge: its text is in the cell above."""
    merge = cell.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
    return merge is not None and merge.get(qn("w:val")) in (None, "continue")


def _paragraph_text(paragraph: Any) -> str:
    """The text a reader sees in a paragraph: runs, hyperlinks, tabs and breaks as spaces.

    Deleted text (tracked changes) is left out; inserted text is kept. Text
    boxes anchored in the paragraph are read as lines of their own.
    """
    parts: list[str] = []
    for node in paragraph.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"),
                               qn("w:noBreakHyphen"), qn("w:footnoteReference"),
                               qn("w:endnoteReference")):
        if _skipped(node, paragraph):
            continue
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        elif node.tag == qn("w:noBreakHyphen"):
            parts.append("-")
        elif node.tag in (qn("w:footnoteReference"), qn("w:endnoteReference")):
            parts.append(node.get(qn("w:id"), ""))
        else:
            parts.append(" ")
    return "".join(parts)


def _skipped(node: Any, paragraph: Any) -> bool:
    """Whether a node between the paragraph and itself is deleted text, a box or a fallback."""
    for ancestor in node.iterancestors():
        if ancestor is paragraph:
            return False
        if ancestor.tag in _NOT_READ:
            return True
    return False


def _notes(data: bytes) -> list[str]:
    """Footnotes and endnotes, each one line opened by its number, in their order."""
    lines: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in _NOTE_PARTS:
            if name not in archive.namelist():
                continue
            root = etree.fromstring(archive.read(name), _SAFE)
            for note in root:
                number = note.get(qn("w:id"), "")
                if note.get(qn("w:type")) not in (None, "normal") or not number.isdigit():
                    continue  # the separator lines Word keeps as notes
                text = _line(" ".join(_paragraph_text(p) for p in note.iter(qn("w:p"))))
                if text:
                    lines.append(f"{number} {text}")
    return lines


def read_docx(path: Path, data: bytes, sha256: str, rules: Rules) -> Document:
    """Read a .docx into a Document, like an .odt: one paragraph per line."""
    text = "\n\n".join(docx_lines(path, data))
    if not text:
        raise DocumentError(str(path), "no text found", "check that it is a publication")
    return document_from_text(path, "docx", text, sha256, rules, meta=companion_meta(path))
