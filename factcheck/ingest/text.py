"""Bytes to text: decoding with repair of the encoding accidents seen in practice.

Plain text from analysts comes as UTF-8 (with or without BOM), as Windows
cp1252 from old Word exports, or as UTF-8 that was read as Latin-1/cp1252 and
saved again ("double-encoded": "—" shows as "â€”", "é" as "Ã©"). The official
Handelingen XML in the corpus has that last problem too. Every repair is
reported as a warning, because offsets and quotes then differ from the bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.errors import DocumentError

BOM = "\ufeff"
# A UTF-8 lead byte (C2–F4) read as one cp1252/Latin-1 character, followed by a
# continuation byte (80–BF) read the same way: the signature of double encoding.
_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030"
    "\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161"
    "\u203a\u0153\u017e\u0178\u00a0]"
)
_BINARY_SAMPLE = 8192


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, with what had to be repaired on the way."""

    text: str
    warnings: tuple[str, ...] = ()


def decode(data: bytes, path: str) -> Decoded:
    """Decode document bytes to text, repairing cp1252 and double-encoded UTF-8.

    Raises DocumentError for empty and binary input: nothing usable is in it.
    """
    if not data.strip():
        raise DocumentError(path, "the file is empty", "check that the right file was given")
    utf16 = _utf16(data)
    if utf16 is not None:
        try:
            text = data.decode(utf16).removeprefix(BOM)
        except UnicodeDecodeError as exc:
            raise DocumentError(path, f"damaged UTF-16 text ({exc.reason})",
                                "save the file again as UTF-8") from exc
        if not text.strip():
            raise DocumentError(path, "the file is empty", "check that the right file was given")
        return Decoded(text, ())
    if b"\x00" in data[:_BINARY_SAMPLE]:
        raise DocumentError(path, "binary content (NUL bytes), not text",
                            "convert it to .txt, .pdf or .xml first, or check the file suffix")
    try:
        text = data.decode("utf-8")
        warnings: list[str] = []
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        warnings = ["not UTF-8: read as Windows cp1252; save the file as UTF-8 to be sure"]
    text = text.removeprefix(BOM)
    repaired = repair_double_encoding(text)
    if repaired != text:
        warnings.append("double-encoded UTF-8 (\"Ã©\" for \"é\") repaired")
    return Decoded(repaired.removeprefix(BOM), tuple(warnings))


def _utf16(data: bytes) -> str | None:
    """The UTF-16 codec of the data, from its byte-order mark or, without one, from the
    zero bytes every Latin character has in its high half; None: not UTF-16."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    sample = data[:_BINARY_SAMPLE - _BINARY_SAMPLE % 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def mojibake_count(text: str) -> int:
    """How many character pairs look like UTF-8 bytes read as cp1252/Latin-1."""
    return len(_MOJIBAKE.findall(text))


def repair_double_encoding(text: str) -> str:
    """Undo UTF-8 → Latin-1/cp1252 → UTF-8 double encoding, if that is what happened.

    The repair is kept only if it removes the mojibake signature and yields
    valid UTF-8; a text with a few genuine "Ã" characters is left alone.
    """
    before = mojibake_count(text)
    if before == 0:
        return text
    for codec in ("latin-1", "cp1252"):
        try:
            candidate = text.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if mojibake_count(candidate) < before:
            return candidate
    return _repair_piecewise(text)


def _repair_piecewise(text: str) -> str:
    """Repair double encoding run by run, for text that mixes it with clean characters."""

    def fix(match: re.Match[str]) -> str:
        piece = match.group(0)
        for codec in ("cp1252", "latin-1"):
            try:
                return piece.encode(codec).decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                continue
        return piece

    return re.sub("(?:" + _MOJIBAKE.pattern + "[\u0080-\u00bf\u20ac\u201a-\u203a]?)+", fix, text)
