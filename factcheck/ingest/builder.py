"""Assemble Document records: from finished text (plain text, PDF) or line by line (XML).

``document_from_text`` finds structure in text with the rules; ``TextBuilder``
is for readers that know the structure from markup and record it as they
append lines, so offsets are right by construction.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from factcheck.ingest.structure import (
    find_footnotes,
    find_meta,
    find_sections,
    find_turns,
    question_turns,
)
from factcheck.records import (
    Document,
    DocumentMeta,
    Page,
    Section,
    SectionKind,
    TableCell,
    Turn,
)
from factcheck.rules import Rules


def merge_meta(found: DocumentMeta, given: DocumentMeta | None) -> DocumentMeta:
    """Fields of ``given`` (from metadata or markup) win over what the text suggested."""
    if given is None:
        return found
    values = {name: getattr(given, name) or getattr(found, name)
              for name in ("doc_type", "date", "dossier", "number", "title")}
    return DocumentMeta(**values)


def document_from_text(path: Path, fmt: str, text: str, sha256: str, rules: Rules, *,
                       pages: tuple[Page, ...] = (), warnings: tuple[str, ...] = (),
                       meta: DocumentMeta | None = None,
                       footnotes: tuple[Section, ...] | None = None,
                       cells: tuple[TableCell, ...] = ()) -> Document:
    """A Document whose turns, sections, footnotes and meta are found in the text itself."""
    if footnotes is None:
        footnotes = (find_footnotes(text, rules.layout.footnote)
                     if rules.layout.footnote is not None else ())
    numbered = find_sections(text, rules.structure)
    sections = tuple(sorted(numbered + footnotes, key=lambda s: (s.start, s.kind)))
    turns = find_turns(text, rules.structure) or question_turns(text, numbered, rules.structure)
    return Document(doc=path.name, path=str(path), format=fmt, text=text, sha256=sha256,
                    pages=pages, turns=turns, sections=sections,
                    meta=merge_meta(find_meta(text, rules.structure), meta),
                    warnings=warnings, cells=cells)


@dataclass
class TextBuilder:
    """Collects lines and the turns and sections that markup marks, with their offsets.

    A paragraph is one line followed by a blank line, as in the other formats.
    """

    parts: list[str] = field(default_factory=list)
    length: int = 0
    turns: list[Turn] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    _open_sections: dict[SectionKind, Section] = field(default_factory=dict)

    def paragraph(self, line: str) -> int:
        """Append one paragraph (one line, then a blank line); return its start offset."""
        line = " ".join(line.split())
        if not line:
            return self.length
        start = self.length
        self.parts.append(line + "\n\n")
        self.length += len(line) + 2
        return start

    def open_turn(self, speaker: str, party: str | None, role: str | None) -> None:
        """A new speaker turn starts at the current end of the text."""
        self.close_turn()
        self.turns.append(Turn(self.length, self.length, speaker, party, role))

    def close_turn(self) -> None:
        if self.turns and self.turns[-1].end == self.turns[-1].start:
            self.turns[-1] = replace(self.turns[-1], end=self.length)

    def open_section(self, kind: SectionKind, number: str) -> None:
        self.close_section(kind)
        self._open_sections[kind] = Section(self.length, self.length, kind, number)

    def close_section(self, kind: SectionKind) -> None:
        section = self._open_sections.pop(kind, None)
        if section is not None and self.length > section.start:
            self.sections.append(replace(section, end=self.length))

    def text(self) -> str:
        return "".join(self.parts).rstrip("\n")

    def finish(self) -> tuple[str, tuple[Turn, ...], tuple[Section, ...]]:
        """The text, turns and sections; open ones end at the end of the text."""
        self.close_turn()
        for kind in list(self._open_sections):
            self.close_section(kind)
        text = self.text()
        turns = tuple(replace(t, end=min(t.end, len(text))) for t in self.turns if t.end > t.start)
        sections = tuple(sorted((replace(s, end=min(s.end, len(text))) for s in self.sections),
                                key=lambda s: (s.start, s.kind)))
        return text, turns, sections
