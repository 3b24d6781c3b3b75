"""Markdown → the text a reader sees: front matter apart, inline HTML and Markdown syntax gone.

Markdown exported from websites (Hugo, Jekyll, WordPress, CMS exports) opens
with YAML front matter between ``---`` lines (TOML between ``+++``) and mixes
HTML into the text. The front matter gives the document's title and date and
is never read as text: its figures (ids, weights, dates, summaries that repeat
the text) are no claims. HTML comments, scripts and styles vanish; block tags
(``<p>``, ``<div>``, ``<h2>``, ``<li>`` …) end a paragraph, ``<br>`` a line;
other tags leave their text; entities are decoded. Of the Markdown syntax a
reader sees only the words: links keep their text, images and reference
definitions go, emphasis, heading and quote marks and bullets are dropped.
Lines stay lines, as in a plain-text copy (sentences are read across them;
a speaker line stays a line of its own). Ordered list numbers, table rows and
code stay as written.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

import yaml

from factcheck.ingest.structure import iso_date
from factcheck.records import DocumentMeta
from factcheck.rules import Structure

_FRONT = re.compile(r"\A(?:---|\+\+\+)[ \t]*\r?\n")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HIDDEN = re.compile(r"<(script|style|template|noscript|svg)\b[^>]*>.*?</\1\s*>",
                     re.DOTALL | re.IGNORECASE)
_BLOCK_TAGS = ("p|div|h[1-6]|li|ul|ol|table|thead|tbody|tr|td|th|figure|figcaption|"
               "blockquote|section|article|header|footer|aside|nav|main|hr|pre|dl|dt|dd|"
               "details|summary")
_BLOCK_TAG = re.compile(rf"</?(?:{_BLOCK_TAGS})\b[^<>]*>", re.IGNORECASE)
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_IMAGE_TAG = re.compile(r"<img\b[^<>]*>", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\]")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()\s]|\([^)]*\))*(?:\s+\"[^\"]*\")?\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+)>")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_BULLET = re.compile(r"^(\s*)[-*+]\s+")
_ORDERED = re.compile(r"^\s*\d{1,9}[.)]\s+")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_SPACES = re.compile(r"[ \t]+")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", re.DOTALL)
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"
                       r"|(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)", re.DOTALL)
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~", re.DOTALL)
_CODE = re.compile(r"`+([^`]+)`+")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_ESCAPED = 0xE000  # escaped ASCII marks wait in the private use area
_SET_ASIDE = re.compile("[\ue000-\ue07f]")
_HARD_BREAK = re.compile(r"\\$")  # a backslash at a line end: a line break
TITLE_KEYS = ("title", "titel", "headline")
DATE_KEYS = ("date", "datum", "published", "pubdate", "publishdate", "publicationdate",
             "publication_date", "created", "issued")


@dataclass(frozen=True)
class Markdown:
    """What a reader sees of a Markdown file, and what its front matter says."""

    text: str
    meta: DocumentMeta
    warnings: tuple[str, ...] = ()


def read_markdown(source: str, structure: Structure) -> Markdown:
    """Split off the front matter and turn the body into the text a reader sees."""
    body, front, warnings = split_front_matter(source)
    return Markdown(reader_text(body), front_meta(front, structure), warnings)


def split_front_matter(source: str) -> tuple[str, dict[str, Any], tuple[str, ...]]:
    """The body, the front matter's fields and any warning about them."""
    opening = _FRONT.match(source)
    if opening is None:
        return source, {}, ()
    marker = opening.group(0).strip()
    closing = re.compile(rf"^(?:{re.escape(marker)}|\.\.\.)[ \t]*$", re.MULTILINE)
    end = closing.search(source, opening.end())
    if end is None:
        return source, {}, ()
    raw, body = source[opening.end():end.start()], source[end.end():]
    if marker == "+++":
        return body, _toml_fields(raw), ()
    try:
        fields = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        problem = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return body, {}, (f"front matter is not valid YAML ({problem}): title and date "
                          "not read from it",)
    return body, fields if isinstance(fields, dict) else {}, ()


def _toml_fields(raw: str) -> dict[str, Any]:
    """The simple ``key = "value"`` lines of TOML front matter (Hugo)."""
    fields: dict[str, Any] = {}
    for line in raw.splitlines():
        key, sep, value = line.partition("=")
        if sep and key.strip() and not key.strip().startswith("["):
            fields[key.strip()] = value.strip().strip("'\"")
    return fields


def front_meta(fields: dict[str, Any], structure: Structure) -> DocumentMeta:
    """Title and date (ISO) from front matter fields; keys compared in lower case."""
    lowered = {str(k).lower(): v for k, v in fields.items()}
    title = next((str(lowered[k]).strip() for k in TITLE_KEYS if lowered.get(k)), None)
    date = next((d for k in DATE_KEYS if (d := iso_date(lowered.get(k), structure))), None)
    return DocumentMeta(title=title or None, date=date)


def reader_text(body: str) -> str:
    """The body as a reader sees it: paragraphs separated by a blank line."""
    text = _HIDDEN.sub("", _COMMENT.sub("", body.replace("\r\n", "\n")))
    text = _BREAK.sub("\n", _BLOCK_TAG.sub("\n\n", _IMAGE_TAG.sub("", text)))
    paragraphs: list[str] = []
    lines: list[str] = []
    fenced = False
    for raw in text.split("\n"):
        if _FENCE.match(raw):
            fenced = not fenced
            continue
        line = f"`{raw.strip()}`" if fenced else _line(raw)
        if line is None:
            continue
        if not line.strip():
            paragraphs.append(_joined(lines))
            lines = []
        else:
            lines.append(line)
    paragraphs.append(_joined(lines))
    return "\n\n".join(p for p in paragraphs if p.strip())


def _line(raw: str) -> str | None:
    """One line with its block marks gone; None for a line a reader does not see."""
    if _REF_DEF.match(raw) or _RULE.match(raw) or _TABLE_RULE.match(raw) or _SETEXT.match(raw):
        return None if raw.strip() else ""
    line = raw
    while _QUOTE.match(line):
        line = _QUOTE.sub("", line, count=1)
    heading = _HEADING.match(line)
    if heading:
        return heading.group(1)
    return _HARD_BREAK.sub("", _BULLET.sub(r"\1", line, count=1)).strip()


def _inline(line: str) -> str:
    """Links keep their text; images, emphasis marks, code ticks and tags go; entities decoded.

    An escaped mark ("\\*") is set aside first, so it stays a character.
    """
    line = _ESCAPE.sub(lambda m: chr(_ESCAPED + ord(m.group(1))), line)
    line = _IMAGE.sub("", line)
    line = _LINK.sub(r"\1", line)
    line = _REF_LINK.sub(r"\1", line)
    line = _AUTOLINK.sub(r"\1", line)
    line = _CODE.sub(r"\1", line)
    line = _STRONG.sub(r"\2", line)
    line = _STRIKE.sub(r"\1", line)
    line = _EMPHASIS.sub(lambda m: m.group(1) or m.group(2), line)
    line = _TAG.sub("", line)
    line = _SET_ASIDE.sub(lambda m: chr(ord(m.group(0)) - _ESCAPED), line)
    line = html.unescape(line).replace("\u00a0", " ")
    return "\n".join(_SPACES.sub(" ", part).strip() for part in line.split("\n"))


def _joined(lines: list[str]) -> str:
    """The lines of one paragraph, each on its own line as in a plain-text copy.

    Lines stay lines (a speaker line like "De voorzitter:" must stay one);
    sentences are read across them as in plain text. Inline marks are read on
    the whole paragraph, so emphasis may span a line break.
    """
    return _inline("\n".join(lines))
