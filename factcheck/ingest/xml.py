"""Markup → Document: officielebekendmakingen XML, ParlaMint TEI, HTML and ODT.

XML is parsed safely (no entities, no network, no DTD, no huge trees). The
official XML is the cleanest source: speakers (``<spreker>``), questions and
answers (``<vraag>``/``<antwoord>``) and footnotes (``<noot>``) are taken from
the markup. HTML and ODT give lines; their structure is found in the text
like for plain text. A ``NAME_metadata.xml`` next to the file supplies type,
date, dossier and number.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from factcheck.errors import DocumentError
from factcheck.ingest.builder import TextBuilder, document_from_text, merge_meta
from factcheck.ingest.normalize import clean_chars
from factcheck.ingest.structure import find_meta, iso_date, speaker_at
from factcheck.ingest.text import decode
from factcheck.records import Document, DocumentMeta, SectionKind
from factcheck.rules import Rules

BLOCKS = {"al", "titel", "item-titel", "tekstregel", "kamervraagomschrijving", "li",
          "datumtekst", "kamervraagnummer", "dossiernummer", "stuknr", "nr", "tussenkop",
          "dagtekening", "ondertekening", "slotformulering", "motie-info", "seg"}
SKIP = {"metadata", "meta", "noot", "teiHeader"}
NOTES = {"noot", "voetnoot"}
HTML_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dt", "dd")
TEI_NS = "{http://www.tei-c.org/ns/1.0}"
ODT_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_NUMBER = re.compile(r"\d+[a-z]?")


def _parse(path: Path, data: bytes) -> tuple[etree._Element, tuple[str, ...]]:
    """Parse XML safely; malformed XML is retried in recover mode with a warning."""
    decoded = decode(data, str(path))
    body = re.sub(r"^\s*<\?xml[^>]*\?>", "", decoded.text.lstrip()).encode("utf-8")
    strict = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    try:
        return etree.fromstring(body, strict), decoded.warnings
    except etree.XMLSyntaxError as exc:
        lenient = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                                  huge_tree=False, recover=True)
        root = etree.fromstring(body, lenient)
        if root is None or not _raw_text(root).strip():
            raise DocumentError(str(path), f"malformed XML ({exc})",
                                "check the file is complete; download it again") from exc
        return root, (*decoded.warnings, f"malformed XML read in recovery mode ({exc}); "
                      "text may be missing")


def _text(element: etree._Element) -> str:
    """The text of an element without its footnotes, whitespace collapsed."""
    return clean_chars(" ".join(_raw_text(element).split()))


def _raw_text(element: etree._Element) -> str:
    parts = [element.text or ""]
    for child in element:
        if not (isinstance(child.tag, str) and _local(child.tag) in NOTES):
            parts.append(_raw_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


class _Walker:
    """Walks official XML or TEI, writing paragraphs, turns, sections and footnotes."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self.out = TextBuilder()
        self.notes: list[tuple[str, str]] = []

    def visit(self, element: etree._Element) -> None:
        if not isinstance(element.tag, str):
            return
        tag = _local(element.tag)
        if tag in NOTES:
            self.notes.append((element.get("nr") or str(len(self.notes) + 1), _text(element)))
        elif tag == "spreker" or (tag == "note" and element.get("type") == "speaker"):
            self.speaker(_text(element).rstrip(":") + ":", element)
        elif tag in ("vraag", "antwoord"):
            self.section(element, "question" if tag == "vraag" else "answer")
        elif tag in BLOCKS or tag == "note":
            self.out.paragraph(_text(element))
        elif tag not in SKIP:
            for child in element:
                self.visit(child)
        self._notes_inside(element, tag)

    def _notes_inside(self, element: etree._Element, tag: str) -> None:
        if tag in BLOCKS or tag == "spreker":
            for note in element.iter():
                if isinstance(note.tag, str) and _local(note.tag) in NOTES:
                    self.notes.append((note.get("nr") or str(len(self.notes) + 1), _text(note)))

    def speaker(self, line: str, element: etree._Element) -> None:
        """Open a turn at a speaker line; the rules read it, the markup is the fallback."""
        line = re.sub(r"\(\s+", "(", re.sub(r"\s+([:)])", r"\1", line))
        found = speaker_at(line, self.rules.structure.speakers)
        if found is not None:
            self.out.open_turn(found.speaker, found.party, found.role)
        else:
            name = element.findtext(".//achternaam") or line.rstrip(":")
            self.out.open_turn(" ".join(name.split()), element.findtext(".//politiek"), None)
        self.out.paragraph(line)

    def section(self, element: etree._Element, kind: str) -> None:
        number = _NUMBER.search(element.findtext("nr") or "")
        section_kind: SectionKind = "question" if kind == "question" else "answer"
        self.out.open_section(section_kind, number.group(0) if number else "?")
        for child in element:
            self.visit(child)
        self.out.close_section(section_kind)

    def footnotes(self) -> None:
        for number, text in self.notes:
            self.out.open_section("footnote", number)
            self.out.paragraph(f"{number} {text}")
            self.out.close_section("footnote")


def companion_meta(path: Path) -> DocumentMeta | None:
    """Metadata from NAME_metadata.xml next to the file (officielebekendmakingen)."""
    companion = path.with_name(path.stem + "_metadata.xml")
    if not companion.is_file():
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(companion.read_bytes(), parser)
    except etree.XMLSyntaxError:
        return None
    values: dict[str, str] = {}
    for meta in root.iter("metadata"):
        key = f"{meta.get('name')}|{meta.get('scheme')}"
        values.setdefault(key, meta.get("content") or "")
    return DocumentMeta(
        doc_type=values.get("DC.type|OVERHEIDop.Parlementair")
        or values.get("OVERHEIDop.publicationName|"),
        date=values.get("DCTERMS.issued|DCTERMS.W3CDTF"),
        dossier=values.get("OVERHEIDop.dossiernummer|"),
        number=values.get("OVERHEIDop.ondernummer|") or values.get("OVERHEIDop.aanhangselNummer|"),
        title=values.get("DC.title|") or values.get("OVERHEIDop.documenttitel|"))


# Where official XML states its date: its own <meta> records, then date elements.
META_DATES = ("DCTERMS.issued", "OVERHEIDop.datumVergadering", "DCTERMS.created",
              "DCTERMS.available")
DATE_ELEMENTS = ("vergaderdatum", "datum", "dagtekening")
# TEI: the sitting's date (source, setting), not the date the corpus was published.
TEI_DATES = (f".//{TEI_NS}sourceDesc//{TEI_NS}date", f".//{TEI_NS}settingDesc//{TEI_NS}date")


def markup_meta(root: etree._Element, is_tei: bool, rules: Rules) -> DocumentMeta:
    """Type and date the markup states: TEI header dates, official XML meta and date elements."""
    if is_tei:
        for path in TEI_DATES:
            found = root.find(path)
            date = iso_date(found.get("when") or found.text, rules.structure) \
                if found is not None else None
            if date:
                return DocumentMeta(date=date)
        return DocumentMeta()
    doc_type = "Handelingen" if root.find(".//handelingen") is not None else None
    metas = {m.get("name"): m.get("content") for m in root.iter("meta")}
    dates = [metas.get(name) for name in META_DATES]
    dates += [_text(e) for name in DATE_ELEMENTS for e in root.iter(name)]
    date = next((d for d in (iso_date(v, rules.structure) for v in dates) if d), None)
    return DocumentMeta(doc_type=doc_type, date=date)


def _read_xml(path: Path, data: bytes, sha256: str, rules: Rules) -> Document:
    root, warnings = _parse(path, data)
    is_tei = _local(str(root.tag)) == "TEI"
    walker = _Walker(rules)
    for child in root.iter(f"{TEI_NS}body") if is_tei else [root]:
        walker.visit(child)
    walker.footnotes()
    if not walker.out.parts:
        for line in _loose_lines(root):
            walker.out.paragraph(line)
    text, turns, sections = walker.out.finish()
    if not text.strip():
        raise DocumentError(str(path), "no text in this XML", "check that it is a publication")
    given = merge_meta(markup_meta(root, is_tei, rules), companion_meta(path))
    meta = merge_meta(find_meta(text, rules.structure), given)
    return Document(doc=path.name, path=str(path), format="tei" if is_tei else "xml", text=text,
                    sha256=sha256, turns=turns, sections=sections, meta=meta,
                    warnings=warnings)


def _loose_lines(root: etree._Element) -> list[str]:
    """Text of an XML of unknown vocabulary: every text node; escaped HTML is parsed."""
    lines = []
    for node in root.iter():
        text = (node.text or "").strip() if isinstance(node.tag, str) else ""
        if text.startswith("<"):
            lines.extend(_html_blocks(lxml_html.fragment_fromstring(text, create_parent="div")))
        elif text:
            lines.append(_text(node))
    return lines


def _html_blocks(tree: lxml_html.HtmlElement) -> list[str]:
    """One line per innermost block element (paragraph, heading, list item, cell)."""
    blocks = [b for b in tree.iter(*HTML_BLOCKS) if isinstance(b, etree._Element)]
    return [_text(b) for b in blocks
            if not any(inner is not b for inner in b.iter("p", "li", "td"))]


def _html_lines(path: Path, data: bytes) -> list[str]:
    decoded = decode(data, str(path))
    try:
        tree = lxml_html.fromstring(decoded.text.encode("utf-8"),
                                    parser=lxml_html.HTMLParser(encoding="utf-8",
                                                                no_network=True))
    except etree.ParserError as exc:  # only comments, or nothing lxml calls a document
        raise DocumentError(str(path), "no text found (no HTML elements)",
                            "check that it is a publication") from exc
    for junk in list(tree.iter("script", "style", "head", "nav")):
        parent = junk.getparent()
        if parent is not None:
            parent.remove(junk)
    return _html_blocks(tree)


def _odt_lines(path: Path, data: bytes, unpacked_bytes: int = 100_000_000) -> list[str]:
    content = _odt_content(path, data, unpacked_bytes)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(content, parser)
    except etree.XMLSyntaxError as exc:
        raise DocumentError(str(path), f"its content.xml is not valid XML ({exc})",
                            "open and save it again in LibreOffice, or export it as PDF") from exc
    return [_text(e) for e in root.iter(f"{ODT_TEXT}p", f"{ODT_TEXT}h")]


def _odt_content(path: Path, data: bytes, limit: int) -> bytes:
    """content.xml of an .odt, unpacked no further than ``limit`` bytes (zip bombs)."""
    fix = "save it again as .odt, or export it as PDF"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("content.xml")
            if info.flag_bits & 0x1:
                raise DocumentError(str(path), "password-protected (encrypted)",
                                    "save a copy without a password and check that")
            if info.file_size > limit:
                raise DocumentError(str(path), _unpacked(info.file_size, limit), _FIX_LIMIT)
            with archive.open(info) as member:
                content = member.read(limit + 1)  # the header may lie about the size
    except (zipfile.BadZipFile, KeyError) as exc:
        raise DocumentError(str(path), "not an OpenDocument file (no content.xml)", fix) from exc
    except NotImplementedError as exc:
        raise DocumentError(str(path), f"packed in a way factcheck cannot unpack ({exc})",
                            fix) from exc
    except (RuntimeError, OSError, EOFError, zlib.error) as exc:
        raise DocumentError(str(path), f"damaged archive ({exc})", fix) from exc
    if len(content) > limit:
        raise DocumentError(str(path), _unpacked(len(content), limit), _FIX_LIMIT)
    return content


_FIX_LIMIT = ("check the file; if it is genuine, raise the limit with "
              "--limit unpacked_bytes=N")


def _unpacked(size: int, limit: int) -> str:
    return (f"its content.xml unpacks to more than {limit:,} bytes ({size:,}+; limit "
            "unpacked_bytes)")


def read_markup(path: Path, data: bytes, sha256: str, rules: Rules, *,
                unpacked_bytes: int = 100_000_000) -> Document:
    """Read .xml (official XML or TEI), .html/.htm or .odt into a Document.

    ``unpacked_bytes``: how far the content of an .odt may unpack.
    """
    suffix = path.suffix.lower()
    if suffix == ".xml":
        return _read_xml(path, data, sha256, rules)
    lines = (_odt_lines(path, data, unpacked_bytes) if suffix == ".odt"
             else _html_lines(path, data))
    text = "\n\n".join(line for line in lines if line)
    if not text:
        raise DocumentError(str(path), "no text found", "check that it is a publication")
    fmt = "odt" if suffix == ".odt" else "html"
    return document_from_text(path, fmt, text, sha256, rules, meta=companion_meta(path))
