"""Typed records passed between the stages: ingest → extract → link → compare → report.

Every record is a frozen dataclass. Offsets (``start``, ``end``) are character
offsets into :attr:`Document.text`, the document's *normalized* text: the text
after ingestion repaired encoding, removed page furniture and joined
hyphenated line ends. Offsets are half-open, like Python slices.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field, fields
from typing import Any, Literal

from factcheck.interval import Interval

Qualifier = Literal[
    "exact", "approx", "at_most", "less_than", "at_least", "more_than", "range"
]
QUALIFIERS: tuple[Qualifier, ...] = (
    "exact", "approx", "at_most", "less_than", "at_least", "more_than", "range"
)

DocStatus = Literal["ok", "warning", "failed"]
FindingKind = Literal["cross-document", "within-document", "arithmetic"]
Verdict = Literal[
    "consistent", "discrepancy", "different-period", "different-population", "different-basis",
    "inconsistent"
]
Severity = Literal["high", "medium", "low", "info"]
SectionKind = Literal["question", "answer", "footnote"]


@dataclass(frozen=True)
class Page:
    """A page of the source: its number and where its text sits in the document text."""

    number: int
    start: int
    end: int


@dataclass(frozen=True)
class Turn:
    """A stretch of the document spoken or written by one person.

    ``speaker`` is the name as the document gives it ("Veldman", "Van der Lee",
    "Keijzer"); ``party`` the party in brackets ("VVD"); ``role`` the office
    when the document names one ("Staatssecretaris", "Minister", "voorzitter").
    """

    start: int
    end: int
    speaker: str
    party: str | None = None
    role: str | None = None


@dataclass(frozen=True)
class Section:
    """A numbered block: a question, its answer, or a footnote."""

    start: int
    end: int
    kind: SectionKind
    number: str


@dataclass(frozen=True)
class TableCell:
    """A figure in a table cell: where it is in the text and what the table says about it.

    ``scale`` and ``money`` come from the table's unit ("€ '000": 1000 and
    money; "in miljoenen": 1.000.000); ``row_start``/``row_end`` is the row's
    line, whose numbers are read only as cells (never as a range across cells).
    """

    start: int
    end: int
    row_start: int
    row_end: int
    row_label: str | None = None  # "Personeel salarissen"
    column_label: str | None = None  # "Realisatie 2023"
    unit: str | None = None  # the table's unit as written: "€ '000", "x € 1.000"
    scale: float = 1.0
    money: bool = False


@dataclass(frozen=True)
class DocumentMeta:
    """What the document says about itself, where it says it."""

    doc_type: str | None = None  # "Kamerstuk", "Handelingen", "Aanhangsel", "Kamerbrief", ...
    date: str | None = None  # ISO 8601, yyyy-mm-dd
    dossier: str | None = None  # "32637"
    number: str | None = None  # "319"
    title: str | None = None


@dataclass(frozen=True)
class Document:
    """One input file, read and normalized."""

    doc: str  # display name: the file name
    path: str  # the path as given or found
    format: str  # "txt", "md", "pdf", "xml", "tei", "html", "odt"
    text: str  # normalized text; every offset points into it
    sha256: str  # of the source bytes: the cache key and part of every claim id
    pages: tuple[Page, ...] = ()
    turns: tuple[Turn, ...] = ()
    sections: tuple[Section, ...] = ()
    meta: DocumentMeta = field(default_factory=DocumentMeta)
    warnings: tuple[str, ...] = ()
    cells: tuple[TableCell, ...] = ()  # figures in tables (PDF), in text order

    def page_at(self, offset: int) -> int | None:
        """The page number an offset falls on, or None for text without pages.

        Pages and turns are in text order, so a binary search finds them: a
        document of thousands of pages costs no more per claim than one of two.
        """
        k = bisect.bisect_right(self.pages, offset, key=lambda p: p.start) - 1
        if k >= 0 and offset < self.pages[k].end:
            return self.pages[k].number
        return self.pages[-1].number if self.pages and offset >= self.pages[-1].end else None

    def cell_at(self, offset: int) -> TableCell | None:
        """The table cell whose figure starts at or spans an offset, if any."""
        k = bisect.bisect_right(self.cells, offset, key=lambda c: c.start) - 1
        return self.cells[k] if k >= 0 and offset < self.cells[k].end else None

    def turn_at(self, offset: int) -> Turn | None:
        """The speaker turn an offset falls in, if the document has turns."""
        k = bisect.bisect_right(self.turns, offset, key=lambda t: t.start) - 1
        return self.turns[k] if k >= 0 and offset < self.turns[k].end else None

    def section_at(self, offset: int, kind: SectionKind) -> Section | None:
        """The innermost section of a kind that an offset falls in."""
        found = None
        for section in self.sections:
            if section.kind == kind and section.start <= offset < section.end:
                found = section
        return found


@dataclass(frozen=True)
class DocumentReport:
    """One row of the Documents sheet: how reading an input went."""

    doc: str
    path: str
    format: str
    status: DocStatus
    message: str
    pages: int | None
    claims: int
    doc_type: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Quantity:
    """A number as written in running text, normalized; no context beyond its own words.

    ``interval`` is what the wording allows (hedge and rounding), with its
    ends open or closed as the words say (see :mod:`factcheck.interval`).
    """

    start: int
    end: int
    text: str
    value: float
    unit: str
    qualifier: Qualifier
    interval: Interval
    per: str | None = None  # "per week", "per school": what the number is counted per
    # Two quantities said together: "steeg met 13.000 tot 277.000" is a change
    # (link_role "change") and the level it reaches ("level"), "€ 150 of € 175"
    # two alternatives ("alternative"); link_group is the first one's start.
    link_role: str | None = None
    link_group: int | None = None


@dataclass(frozen=True)
class Claim:
    """A numeric claim: a quantity in its sentence, with who said it and where."""

    id: str
    doc: str
    page: int | None
    start: int
    end: int
    text: str
    value: float
    unit: str
    qualifier: Qualifier
    interval: Interval  # the quantity's: what the wording allows
    sentence: str
    speaker: str | None
    per: str | None = None
    party: str | None = None
    role: str | None = None
    question: str | None = None
    # What the number measures, read from its sentence (filled by factcheck.extract.context):
    measure: str | None = None  # "tekort aan hbo'ers techniek"
    measure_keys: tuple[str, ...] = ()  # lemmas and concepts the linker compares
    population: str | None = None  # "mbo-afgestudeerden", "technisch opgeleiden"
    level: str | None = None  # "mbo", "hbo", "wo", "vmbo-basis"
    place: str | None = None  # "Nederland", "Noord-Brabant"
    period: str | None = None  # "2017", "2006/07", "tot en met 2022"
    source: str | None = None  # "ROA", "CBS", "Monitor Techniekpact"
    doc_date: str | None = None  # the document's date (ISO), when known
    # The structure of the measure (filled by factcheck.extract.measure), as the sentence words it:
    counted: str | None = None  # what the number counts or an amount is for: "projecten"
    of: str | None = None  # the whole a share is of: "de technisch opgeleiden"
    # A figure in a table cell (see TableCell): analysts can filter on ``table``.
    table: bool = False
    row_label: str | None = None
    column_label: str | None = None
    table_unit: str | None = None  # "€ '000": the value has the scale applied
    link_role: str | None = None  # "change", "level", "alternative" (see Quantity)
    link_group: int | None = None  # claims said together share it (an offset in the doc)


@dataclass(frozen=True)
class Finding:
    """A checked relation between claims: a linked pair, or an arithmetic recomputation.

    ``claims`` holds the claims involved: the two of a pair; for arithmetic
    the stated (derived) figure first, then the parts it is computed from.
    ``difference`` is the human-readable gap ("1 procentpunt", "+8,3%");
    ``abs_difference`` and ``rel_difference`` the numbers behind it
    (percentage points for percentages).
    """

    id: str
    kind: FindingKind
    verdict: Verdict
    severity: Severity
    confidence: float  # 0..1
    measure: str
    explanation: str  # one plain sentence, in Dutch, for the analyst
    claims: tuple[Claim, ...]
    difference: str | None = None
    abs_difference: float | None = None
    rel_difference: float | None = None
    # A cluster: every statement of one figure. ``claims`` then holds them all (side A
    # first); ``disagree`` the ids of the claims whose figure does not fit the rest.
    statements: int = 2  # distinct statements (copies of one sentence count once)
    documents: int = 0  # documents they stand in
    disagree: tuple[str, ...] = ()
    spread: str | None = None  # the values said, lowest to highest: "52% – 53 procent"
    aliases: tuple[str, ...] = ()  # ids of the pair findings it stands for (verdicts carry over)


CLAIM_FIELDS: tuple[str, ...] = tuple(
    name for f in fields(Claim) for name in (("low", "high") if f.name == "interval" else (f.name,))
)
"""A claim's fields as the outputs (JSON, Claims sheet) name them: the interval as ``low``
and ``high``."""


def claim_fields(claim: Claim) -> dict[str, Any]:
    """A claim's fields by :data:`CLAIM_FIELDS`, in record order: the interval's bounds as
    ``low`` and ``high``, None for an unbounded side (the qualifier says which ends belong)."""
    out: dict[str, Any] = {}
    for f in fields(claim):
        if f.name == "interval":
            out["low"], out["high"] = claim.interval.bounds()
        else:
            out[f.name] = getattr(claim, f.name)
    return out
