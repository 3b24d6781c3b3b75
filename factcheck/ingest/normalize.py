"""Pure text clean-up shared by every input format.

Text arrives here as lines: one source line per list item. Nothing in this
module reads files or knows about formats; each function takes text or lines
and returns new ones, so the steps can be tested one by one:

* :func:`clean_chars` repairs characters (NFC, ligatures, soft hyphens,
  pdfium's line-end markers, exotic spaces) within a line.
* :func:`drop_furniture` removes running headers, footers, page numbers and
  imprint lines named in ``rules/layout.nl.yml``.
* :func:`dehyphenate` joins words broken at a line end, keeping real hyphens.
* :func:`collapse_blank_lines` leaves at most one blank line between paragraphs.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from factcheck.rules import Layout, PatternRule

LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
# pdfium marks a hyphen it removed at a line end with U+FFFE or \x02.
LINE_END_HYPHENS = "\ufffe\x02\u2010\u00ad"
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\x00-\x08\x0e-\x1f\x7f]")
_WORD = re.compile(r"\w+(?:[-\u2011]\w+)*")
_TRAILING_PART = re.compile(r"(\w+)-$")
_LEADING_WORD = re.compile(r"^(\w+)")


def clean_chars(line: str) -> str:
    """Repair the characters of one line without changing its words.

    Line-end hyphen marks (soft hyphen, U+FFFE, \\x02) become "-" so that
    :func:`dehyphenate` can judge them; soft hyphens inside a line vanish.
    """
    line = unicodedata.normalize("NFC", line.rstrip("\r\n"))
    for ligature, letters in LIGATURES.items():
        line = line.replace(ligature, letters)
    line = _SPACES.sub(" ", line).rstrip()
    if line and line[-1] in LINE_END_HYPHENS:
        line = line.rstrip(LINE_END_HYPHENS) + "-"
    line = line.replace("\u00ad", "").replace("\ufffe", "-").replace("\u2011", "-")
    return _INVISIBLE.sub("", line)


def is_furniture(line: str, furniture: Sequence[PatternRule]) -> bool:
    """Whether a whole line is page furniture: a running footer, page number, imprint."""
    stripped = line.strip()
    return bool(stripped) and any(rule.pattern.search(stripped) for rule in furniture)


def drop_furniture(lines: Sequence[str], furniture: Sequence[PatternRule]) -> list[str]:
    """Remove furniture lines, and the blank lines that framed them.

    When the furniture interrupted a sentence (the line before does not end a
    sentence and the line after starts in lower case) the two halves are
    joined without a paragraph break.
    """
    out: list[str] = []
    index = 0
    while index < len(lines):
        if not is_furniture(lines[index], furniture):
            out.append(lines[index])
            index += 1
            continue
        index = _skip_furniture(lines, index, furniture)
        if _continues_sentence(out, lines, index):
            while out and not out[-1].strip():
                out.pop()
            while index < len(lines) and not lines[index].strip():
                index += 1
    return out


def _skip_furniture(lines: Sequence[str], index: int, furniture: Sequence[PatternRule]) -> int:
    """The index after a run of furniture lines (blank lines in between included)."""
    while index < len(lines) and (not lines[index].strip()
                                  or is_furniture(lines[index], furniture)):
        if not lines[index].strip() and not _more_furniture(lines, index, furniture):
            return index
        index += 1
    return index


def _more_furniture(lines: Sequence[str], index: int, furniture: Sequence[PatternRule]) -> bool:
    following = next((line for line in lines[index:] if line.strip()), "")
    return is_furniture(following, furniture)


def _continues_sentence(before: Sequence[str], after: Sequence[str], index: int) -> bool:
    previous = next((line.strip() for line in reversed(before) if line.strip()), "")
    following = next((line.strip() for line in after[index:] if line.strip()), "")
    return (bool(previous) and bool(following) and previous[-1] not in ".!?:;»\"'"
            and following[0].islower())


@dataclass(frozen=True)
class Vocabulary:
    """The words of one document, lower-cased: the evidence for dehyphenation."""

    words: frozenset[str]

    @classmethod
    def of(cls, lines: Iterable[str]) -> Vocabulary:
        found: set[str] = set()
        for line in lines:
            found.update(word.lower() for word in _WORD.findall(line))
        return cls(frozenset(found))


def keeps_hyphen(before: str, after: str, layout: Layout, vocabulary: Vocabulary) -> bool:
    """Whether "before-" at a line end and "after" on the next line keep their hyphen.

    ``before`` is the word part just before the hyphen, ``after`` the first
    word of the next line. The document's own spelling decides first; then
    capitals, digits, abbreviations, known prefixes and vowel clashes.
    """
    joined = (before + after).lower()
    hyphenated = f"{before}-{after}".lower()
    if hyphenated in vocabulary.words and joined not in vocabulary.words:
        return True
    if joined in vocabulary.words:
        return False
    return (after[:1].isupper() or any(c.isdigit() for c in before + after[:1])
            or (before.isupper() and len(before) > 1)
            or before.lower() in layout.keep_hyphen_prefixes
            or (before[-1:] + after[:1]).lower() in layout.vowel_clash)


def dehyphenate(lines: Sequence[str], layout: Layout, vocabulary: Vocabulary) -> list[str]:
    """Join words broken at line ends: "oplos-" + "singen" → "oplossingen".

    The first word of the next line moves up to the broken line, so every
    other line keeps its place. A real hyphen stays ("hbo-geschoolde"); before
    a conjunction it becomes an elision ("Wet- en regelgeving").
    """
    out: list[str | None] = list(lines)
    for index in range(len(out) - 1):
        current, following = out[index], (out[index + 1] or "").lstrip()
        match = _TRAILING_PART.search(current or "")
        word = _LEADING_WORD.match(following)
        if current is None or not match or not word:
            continue
        if word.group(1).lower() in layout.conjunctions:
            out[index], out[index + 1] = f"{current} {following}", None
            continue
        glue = "-" if keeps_hyphen(match.group(1), word.group(1), layout, vocabulary) else ""
        head, _, rest = following.partition(" ")
        out[index] = current[:-1] + glue + head
        out[index + 1] = rest or None  # an emptied line is no paragraph break
    return [line for line in out if line is not None]


def collapse_blank_lines(lines: Sequence[str]) -> list[str]:
    """At most one blank line in a row, none at the start or the end."""
    out: list[str] = []
    for line in lines:
        if line.strip() or (out and out[-1].strip()):
            out.append(line if line.strip() else "")
    while out and not out[-1].strip():
        out.pop()
    return out


def normalize_lines(lines: Sequence[str], layout: Layout,
                    vocabulary: Vocabulary | None = None) -> list[str]:
    """All steps in order: characters, furniture, hyphenation, blank lines."""
    cleaned = [clean_chars(line) for line in lines]
    kept = drop_furniture(cleaned, layout.furniture)
    words = vocabulary if vocabulary is not None else Vocabulary.of(kept)
    return collapse_blank_lines(dehyphenate(kept, layout, words))
