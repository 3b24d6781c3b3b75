"""Structure of normalized text: speaker turns, question/answer sections, footnotes, date, type.

Pure functions over :attr:`Document.text`, driven by ``rules/structure.nl.yml``
(speakers, sections, dates, document types) and ``rules/layout.nl.yml``
(footnote lines). They are used for plain text and PDF; the XML readers take
the same facts from the markup instead.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from factcheck.records import DocumentMeta, Section, SectionKind, Turn
from factcheck.rules import PatternRule, Structure

_HEAD_CHARS = 6000  # a document names its type and date in its opening
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DUTCH_DATE = re.compile(r"(\d{1,2})\s+([a-z]+)\s+(\d{4})", re.IGNORECASE)


@dataclass(frozen=True)
class Line:
    """One line of the text and where it starts."""

    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def lines_of(text: str) -> Iterator[Line]:
    """Every line of the text with its start offset."""
    start = 0
    for piece in text.split("\n"):
        yield Line(start, piece)
        start += len(piece) + 1


def _group(match: re.Match[str], name: str) -> str | None:
    if name not in match.re.groupindex:
        return None
    value = match.group(name)
    return " ".join(value.split()) if value else None


def speaker_at(line: str, speakers: Sequence[PatternRule]) -> Turn | None:
    """A Turn (with offsets 0) if the stripped line is a speaker line, else None."""
    stripped = line.strip()
    for rule in speakers:
        match = rule.pattern.match(stripped)
        if match:
            role = _group(match, "role")
            name = _group(match, "name") or role or rule.name
            return Turn(0, 0, name, _group(match, "party"), role)
    return None


def find_turns(text: str, structure: Structure) -> tuple[Turn, ...]:
    """Speaker turns: from each speaker line to the next one (or the end of the text)."""
    opened: list[Turn] = []
    for line in lines_of(text):
        found = speaker_at(line.text, structure.speakers)
        if found is not None:
            opened.append(Turn(line.start, line.start, found.speaker, found.party, found.role))
    ends = [turn.start for turn in opened[1:]] + [len(text)] * bool(opened)
    return tuple(Turn(turn.start, end, turn.speaker, turn.party, turn.role)
                 for turn, end in zip(opened, ends, strict=True))


def _person(text: str, structure: Structure, kind: str) -> Turn | None:
    head = text[:_HEAD_CHARS]
    for rule in structure.written_questions:
        match = rule.pattern.search(head) if rule.kind == kind else None
        if match:
            return Turn(0, 0, _group(match, "name") or rule.name, _group(match, "party"),
                        _group(match, "role") or ("lid" if kind == "asker" else None))
    return None


def question_turns(text: str, sections: Sequence[Section],
                   structure: Structure) -> tuple[Turn, ...]:
    """Written questions: each question is the asker's turn, each answer the answerer's."""
    people = {"question": _person(text, structure, "asker"),
              "answer": _person(text, structure, "answerer")}
    turns = []
    for section in sections:
        person = people.get(section.kind)
        if person is not None:
            turns.append(Turn(section.start, section.end, person.speaker, person.party,
                              person.role))
    return tuple(turns)


def find_sections(text: str, structure: Structure) -> tuple[Section, ...]:
    """Question and answer sections: from each "Vraag N"/"Antwoord N" line to the next."""
    opened: list[tuple[int, SectionKind, str]] = []
    for line in lines_of(text):
        for rule in structure.sections:
            match = rule.pattern.match(line.text.strip())
            if match and rule.kind in ("question", "answer"):
                kind: SectionKind = "question" if rule.kind == "question" else "answer"
                opened.append((line.start, kind, match.group("number")))
                break
    ends = [start for start, _, _ in opened[1:]] + [len(text)] * bool(opened)
    return tuple(Section(start, end, kind, number)
                 for (start, kind, number), end in zip(opened, ends, strict=True))


def find_footnotes(text: str, footnote: re.Pattern[str]) -> tuple[Section, ...]:
    """Footnote blocks in plain text: numbered lines that continue the count 1, 2, 3 …

    A footnote starts after a blank line or another footnote, with the next
    expected number; it runs over its continuation lines until a blank line,
    an indented line (a new page in text taken from PDFs) or the next footnote.
    Requiring the count keeps "2017 inzake …" and list items out.
    """
    found: list[Section] = []
    expected, current, previous_blank = 1, None, True
    for line in lines_of(text):
        match = footnote.match(line.text)
        starts = match is not None and int(match.group("number")) == expected
        if starts and match and (previous_blank or current is not None):
            if current is not None:
                found.append(current)
            current = Section(line.start, line.end, "footnote", match.group("number"))
            expected += 1
        elif current is not None and line.text.strip() and not line.text[:1].isspace():
            current = Section(current.start, line.end, "footnote", current.number)
        elif current is not None:
            found.append(current)
            current = None
        previous_blank = not line.text.strip()
    return tuple(found + ([current] if current is not None else []))


def find_date(text: str, structure: Structure) -> str | None:
    """The document's own date (ISO), from the first date rule that matches its opening."""
    head = text[:_HEAD_CHARS]
    months = structure.months or {}
    for rule in structure.dates:
        for match in rule.pattern.finditer(head):
            month = months.get(match.group("month").lower())
            day, year = int(match.group("day")), int(match.group("year"))
            if month is not None and 1 <= day <= 31:
                return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def iso_date(value: object, structure: Structure) -> str | None:
    """A date as yyyy-mm-dd from a YAML date, an ISO timestamp or "17 november 2017"."""
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%Y-%m-%d")
    if not isinstance(value, str):
        return None
    iso = _ISO_DATE.search(value)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
    else:
        dutch = _DUTCH_DATE.search(value)
        month_number = (structure.months or {}).get(dutch.group(2).lower()) if dutch else None
        if dutch is None or month_number is None:
            return None
        day, month, year = int(dutch.group(1)), month_number, int(dutch.group(3))
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def find_doc_type(text: str, structure: Structure) -> str | None:
    """The kind of document, from the first doc_types rule that matches its opening."""
    head = text[:_HEAD_CHARS]
    for rule in structure.doc_types:
        if rule.pattern.search(head):
            return rule.kind
    return None


def find_meta(text: str, structure: Structure) -> DocumentMeta:
    """What the text says about itself: its type and date."""
    return DocumentMeta(doc_type=find_doc_type(text, structure), date=find_date(text, structure))
