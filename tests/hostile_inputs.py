"""Hostile and broken inputs, built at test time (nothing large is kept in git).

Each builder writes one file (or link, or FIFO) into a folder and returns its
path. ``CASES`` maps a case name to its builder and the status factcheck must
give it, with a word its message must contain. The cases are those of issue 12:
files that used to stop the whole batch, blow up memory, or be read from
outside the input folder.
"""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

Builder = Callable[[Path], Path]

ODT_HEAD = (b'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content '
            b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
            b'<office:text>')
ODT_TAIL = b"</office:text></office:body></office:document-content>"
SENTENCE = ("de vraag naar hbo-geschoolde jongeren is 59.900 groter dan de instroom, slechts "
            "53 procent werkt in een technisch beroep en circa 272 miljoen euro gaat naar het "
            "Techniekpact ")


def _odt(content: bytes, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text",
                         compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, compress_type=method)
    return buffer.getvalue()


def _patch_member(data: bytes, name: bytes, *, method: int | None = None,
                  flags: int | None = None) -> bytes:
    """Set the compression method or flag bits of a member in both zip headers."""
    out = bytearray(data)
    for signature, flag_at, method_at, name_at in ((b"PK\x03\x04", 6, 8, 30),
                                                   (b"PK\x01\x02", 8, 10, 46)):
        at = out.find(signature)
        while at >= 0:
            length = struct.unpack_from("<H", out, at + (26 if name_at == 30 else 28))[0]
            if bytes(out[at + name_at:at + name_at + length]) == name:
                if method is not None:
                    struct.pack_into("<H", out, at + method_at, method)
                if flags is not None:
                    struct.pack_into("<H", out, at + flag_at, flags)
            at = out.find(signature, at + 4)
    return bytes(out)


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def odt_malformed(folder: Path) -> Path:
    return _write(folder, "malformed.odt", _odt(ODT_HEAD + b"<text:p>53 procent"))


def odt_empty_content(folder: Path) -> Path:
    return _write(folder, "empty-content.odt", _odt(b""))


def odt_too_deep(folder: Path) -> Path:
    depth = 100_000
    return _write(folder, "too-deep.odt",
                  _odt(ODT_HEAD + b"<text:span>" * depth + b"53%" + b"</text:span>" * depth
                       + ODT_TAIL))


def odt_unsupported_compression(folder: Path) -> Path:
    data = _odt(ODT_HEAD + b"<text:p>Het is 53 procent.</text:p>" + ODT_TAIL)
    return _write(folder, "deflate64.odt", _patch_member(data, b"content.xml", method=9))


def odt_encrypted(folder: Path) -> Path:
    data = _odt(ODT_HEAD + b"<text:p>Het is 53 procent.</text:p>" + ODT_TAIL)
    return _write(folder, "encrypted.odt", _patch_member(data, b"content.xml", flags=1))


def odt_bomb(folder: Path, gib: float = 1.5) -> Path:
    """An .odt whose content.xml unpacks to ``gib`` GiB (a paragraph of spaces)."""
    block = b" " * (1 << 20)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = [packer.compress(ODT_HEAD + b"<text:p>")]
    size = len(ODT_HEAD) + 8
    for _ in range(int(gib * 1024)):
        body.append(packer.compress(block))
        size += len(block)
    body.append(packer.compress(b"</text:p>" + ODT_TAIL))
    size += 9 + len(ODT_TAIL)
    body.append(packer.flush())
    compressed = b"".join(body)
    crc = zlib.crc32(ODT_HEAD + b"<text:p>")  # of the unpacked content, never held whole
    for _ in range(int(gib * 1024)):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(b"</text:p>" + ODT_TAIL, crc)
    # A zip written by hand: one member holding the raw deflate stream.
    name = b"content.xml"
    zip64 = size >= 0xFFFFFFFF
    extra = struct.pack("<HHQQ", 1, 16, size, len(compressed)) if zip64 else b""
    usize, csize = (0xFFFFFFFF, 0xFFFFFFFF) if zip64 else (size, len(compressed))
    local = struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 45, 0, 8, 0, 0, crc, csize, usize,
                        len(name), len(extra)) + name + extra
    central = struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 45, 45, 0, 8, 0, 0, crc,
                          csize, usize, len(name), len(extra), 0, 0, 0, 0, 0) + name + extra
    offset = len(local) + len(compressed)
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, 1, 1, len(central), offset, 0)
    return _write(folder, "bomb.odt", local + compressed + central + end)


def html_comment_only(folder: Path) -> Path:
    return _write(folder, "comment.html", b"<!-- 53 procent -->")


def xml_instruction_only(folder: Path) -> Path:
    return _write(folder, "instruction.xml",
                  b'<?xml version="1.0"?>\n<?xml-stylesheet href="style.xsl"?>')


def _pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def pdf_page_tree_loop(folder: Path) -> Path:
    """A page tree whose Pages node lists itself among its kids."""
    return _write(folder, "loop.pdf", _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]))


def pdf_stream_bomb(folder: Path, gib: float = 1.0) -> Path:
    """A page whose content stream unpacks to ``gib`` GiB of spaces."""
    packer = zlib.compressobj(9)
    block = b" " * (1 << 20)
    stream = b"".join([*(packer.compress(block) for _ in range(int(gib * 1024))),
                       packer.flush()])
    return _write(folder, "stream-bomb.pdf", _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream
        + b"\nendstream",
    ]))


def pdf_blank_pages(folder: Path, pages: int = 5000) -> Path:
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * pages
    return _write(folder, "blank.pdf", _pdf(objects))


def long_number(folder: Path) -> Path:
    return _write(folder, "long-number.txt",
                  ("Het tekort is " + "7" * 4301 + " euro. Slechts 53 procent werkt in de "
                   "techniek.\n").encode())


def non_utf8_name(folder: Path) -> Path:
    path = Path(os.fsdecode(bytes(folder) + b"/nota-\xe9\xff.txt"))
    path.write_bytes(b"De vraag is 59.900 groter dan de instroom.\n")
    return path


def utf16_text(folder: Path) -> Path:
    return _write(folder, "utf16.txt",
                  "De vraag naar hbo-geschoolde jongeren is 59.900 groter dan de instroom.\n"
                  .encode("utf-16"))


def long_sentence(folder: Path, size: int = 18_944) -> Path:
    """The same sentence over and over without a full stop: 18,5 KB."""
    text = ("De heer Veldman (VVD): " + SENTENCE * (size // len(SENTENCE) + 1))[:size]
    return _write(folder, "long-sentence.txt", text.encode())


def link_out(folder: Path) -> Path:
    """A link in the input folder to a file outside it, with a figure nobody should see."""
    secret = folder.parent / "outside-secret.txt"
    secret.write_text("Het geheime tekort is 123.456 euro.\n", encoding="utf-8")
    link = folder / "link-out.txt"
    link.symlink_to(secret)
    return link


def fifo(folder: Path) -> Path:
    path = folder / "pipe.txt"
    os.mkfifo(path)
    return path


CASES: dict[str, tuple[Builder, str, str]] = {
    # name: (builder, status, a word of the message)
    "odt-malformed": (odt_malformed, "failed", "content.xml"),
    "odt-empty-content": (odt_empty_content, "failed", "content.xml"),
    "odt-too-deep": (odt_too_deep, "failed", "content.xml"),
    "odt-unsupported-compression": (odt_unsupported_compression, "failed", "packed"),
    "odt-encrypted": (odt_encrypted, "failed", "password"),
    "odt-bomb": (odt_bomb, "failed", "unpacked_bytes"),
    "html-comment-only": (html_comment_only, "failed", "no text"),
    "xml-instruction-only": (xml_instruction_only, "failed", "xml"),
    "pdf-page-tree-loop": (pdf_page_tree_loop, "failed", "page"),
    "pdf-stream-bomb": (pdf_stream_bomb, "failed", "pdf_stream_bytes"),
    "pdf-blank-pages": (pdf_blank_pages, "failed", "blank"),
    "long-number": (long_number, "ok", ""),
    "non-utf8-name": (non_utf8_name, "ok", ""),
    "utf16-text": (utf16_text, "ok", ""),
    "long-sentence": (long_sentence, "ok", ""),
    "link-out": (link_out, "warning", "not followed"),
    "fifo": (fifo, "warning", "not a regular file"),
}
