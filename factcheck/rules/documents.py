"""Rules for reading documents: page layout and structure (speakers, questions, dates)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from factcheck.rules._file import (
    PatternRule,
    RuleFile,
    int_table,
    pattern_rules,
    single_pattern,
)


@dataclass(frozen=True)
class PdfGeometry:
    """Page geometry, in PDF points, for finding columns and footnotes."""

    min_gutter: float  # a text-free vertical strip this wide may separate columns
    min_column_width: float  # median line width each side of a gutter; narrower is a table
    max_spanning_share: float  # share of lines that may cross a gutter (headings)
    footnote_height_ratio: float  # footnote lines are lower than this share of body lines
    min_letter_share: float  # below this share of letters a text layer is garbage


@dataclass(frozen=True)
class TableUnit:
    """How a table states the unit of its figures ("€ '000": times 1000, in euro)."""

    name: str
    pattern: re.Pattern[str]
    scale: float
    money: bool
    example: str


@dataclass(frozen=True)
class Layout:
    furniture: tuple[PatternRule, ...]  # whole lines that are page furniture
    keep_hyphen_prefixes: tuple[str, ...]  # "hbo-" at a line end stays "hbo-"
    keep_hyphen_example: str
    vowel_clash: frozenset[str] = frozenset()  # "zee-\negel": "ee" keeps the hyphen
    conjunctions: frozenset[str] = frozenset()  # "Wet-\nen regelgeving" → "Wet- en"
    footnote: re.Pattern[str] | None = None  # first line of a footnote; group "number"
    pdf: PdfGeometry | None = None
    table_units: tuple[TableUnit, ...] = ()  # the first that matches a table's header wins


@dataclass(frozen=True)
class Structure:
    speakers: tuple[PatternRule, ...]  # a line that opens a speaker turn
    sections: tuple[PatternRule, ...]  # "Vraag 3", "Antwoord 3"
    dates: tuple[PatternRule, ...] = ()  # where a document states its date; groups day/month/year
    months: Mapping[str, int] | None = None  # "juni" → 6
    doc_types: tuple[PatternRule, ...] = ()  # a phrase naming the document type (kind)
    titles: frozenset[str] = frozenset()  # "mr.", "dr.": a dot that ends no sentence
    written_questions: tuple[PatternRule, ...] = ()  # who asks and who answers (Aanhangsel)
    heading_max_chars: int = 60  # a short line without punctuation is a heading


def load_layout(f: RuleFile) -> Layout:
    keep = f.mapping("keep_hyphen", ["prefixes", "example"], ["vowel_clash", "conjunctions"])
    example = f.text("keep_hyphen", keep, "example")
    return Layout(pattern_rules(f, "furniture"),
                  tuple(w.lower() for w in f.words("keep_hyphen", keep, "prefixes", {})),
                  example,
                  frozenset(w.lower() for w in f.words("keep_hyphen", keep, "vowel_clash", {})),
                  frozenset(w.lower() for w in f.words("keep_hyphen", keep, "conjunctions", {})),
                  single_pattern(f, "footnote", "number"), load_pdf_geometry(f),
                  load_table_units(f) if "table_units" in f.data else ())


def load_table_units(f: RuleFile) -> tuple[TableUnit, ...]:
    out, names = [], set()
    for where, entry in f.entries("table_units"):
        f.check_keys(where, entry, ["name", "pattern", "scale", "money", "example"])
        name = f.text(where, entry, "name")
        if name in names:
            raise f.fail(where, "duplicate name", name)
        names.add(name)
        money = entry.get("money")
        if not isinstance(money, bool):
            raise f.fail(f"{where}.money", "expected true or false", money)
        unit = TableUnit(name, f.pattern(where, entry, "pattern"),
                         f.number(where, entry, "scale", minimum=1, maximum=1e12), money,
                         f.text(where, entry, "example"))
        if not unit.pattern.search(unit.example):
            raise f.fail(f"{where}.example", f"the pattern of {name!r} does not match its own "
                         "example", unit.example)
        out.append(unit)
    return tuple(out)


def load_pdf_geometry(f: RuleFile) -> PdfGeometry:
    names = ["min_gutter", "min_column_width", "max_spanning_share", "footnote_height_ratio",
             "min_letter_share"]
    entry = f.mapping("pdf", [*names, "example"])
    f.text("pdf", entry, "example")
    limits = {"min_gutter": 200.0, "min_column_width": 400.0}
    return PdfGeometry(*(f.number("pdf", entry, name, minimum=0, maximum=limits.get(name, 1.0))
                         for name in names))


def load_structure(f: RuleFile) -> Structure:
    dates = pattern_rules(f, "dates")
    for rule in dates:
        missing = {"day", "month", "year"} - set(rule.pattern.groupindex)
        if missing:
            raise f.fail(f"dates {rule.name!r}", f"needs the named group {sorted(missing)[0]!r}")
    months = f.mapping("months", ["names", "example"])
    f.text("months", months, "example")
    titles = f.mapping("titles", ["words", "example"])
    return Structure(pattern_rules(f, "speakers"), pattern_rules(f, "sections"), dates,
                     int_table(RuleFile(f.name, months), "names"), pattern_rules(f, "doc_types"),
                     frozenset(w.lower() for w in f.words("titles", titles, "words")),
                     pattern_rules(f, "written_questions"), load_heading_max_chars(f))


def load_heading_max_chars(f: RuleFile) -> int:
    entry = f.mapping("headings", ["max_chars", "example"])
    return int(f.number("headings", entry, "max_chars", minimum=10, maximum=200))
