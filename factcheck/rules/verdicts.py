"""``verdicts.nl.yml``: how a compared pair of claims is explained to the analyst."""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass

from factcheck.rules._file import RuleFile

VERDICTS = ("discrepancy", "consistent", "different-period", "different-population",
            "different-basis")
_FIELDS = {"a", "b", "difference", "period_a", "period_b", "population_a", "population_b",
           "per_a", "per_b"}


@dataclass(frozen=True)
class Explanations:
    """One sentence template per verdict, and the words they are built with."""

    verdicts: Mapping[str, str]
    everyone: str
    page: str
    copies: str
    cluster: str  # "{count} keer, in {documents}"
    document: tuple[str, str]  # the word for one document, and for more
    disagree: str  # who disagrees in a cluster
    unstated: str  # a period, group or basis stated on one side only


def load_explanations(f: RuleFile) -> Explanations:
    f.check_keys("top level", f.data, ["verdicts", "words"])
    verdicts = f.mapping("verdicts", [*VERDICTS, "example"])
    words = f.mapping("words", ["everyone", "page", "copies", "cluster", "document", "disagree",
                                "unstated", "example"])
    for key in ("verdicts", "words"):
        f.text(key, f.section(key), "example")
    for verdict in VERDICTS:
        _template(f, "verdicts", verdicts, verdict, _FIELDS, required={"a", "b"})
    return Explanations(
        {v: f.text("verdicts", verdicts, v) for v in VERDICTS},
        f.text("words", words, "everyone"),
        _template(f, "words", words, "page", {"page"}, required={"page"}),
        _template(f, "words", words, "copies", {"count"}, required={"count"}),
        _template(f, "words", words, "cluster", {"count", "documents"},
                  required={"count", "documents"}),
        _document_words(f, words),
        _template(f, "words", words, "disagree", {"claims"}, required={"claims"}),
        f.text("words", words, "unstated"),
    )


def _template(f: RuleFile, section: str, entry: Mapping[str, object], key: str,
              allowed: set[str], required: set[str]) -> str:
    """A text with {placeholders}: only ``allowed`` ones, and every ``required`` one."""
    text = f.text(section, entry, key)
    try:
        used = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as exc:
        raise f.fail(f"{section}.{key}", f"unbalanced braces ({exc})", text) from exc
    unknown = used - allowed
    if unknown:
        raise f.fail(f"{section}.{key}", f"unknown placeholder {{{sorted(unknown)[0]}}}; "
                     f"allowed: {', '.join(sorted(allowed))}", text)
    missing = required - used
    if missing:
        raise f.fail(f"{section}.{key}", f"missing placeholder {{{sorted(missing)[0]}}}", text)
    return text


def _document_words(f: RuleFile, words: Mapping[str, object]) -> tuple[str, str]:
    found = f.words("words", words, "document")
    if len(found) != 2:
        raise f.fail("words.document", "expected two words: for one document, and for more",
                     list(found))
    return found[0], found[1]
