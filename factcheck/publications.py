"""One publication, one document: which inputs are copies of another. Pure functions.

A publication often comes in several formats (the PDF, XML, HTML and ODT of
one Kamerstuk), or twice under different names (a press conference saved as
text and as XML, a scan and its OCR'd copy). Counting each copy would link a
publication to itself. Two inputs are one publication when

* their file names carry the same official identifier (``kst-32545-143``,
  ``h-tk-20172018-70-10``; patterns in ``rules/publications.nl.yml``), or
* most statements of the smaller one (a sentence with its figure) are in the
  other as well.

Of each publication the copy in the best format is kept (markup keeps
speakers and metadata). The statement comparison looks only at documents that
share a statement, through an index from statement to documents, so it grows
with the number of shared statements, not with the square of the documents.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

from factcheck.link import statement_key
from factcheck.records import Claim, Document
from factcheck.rules import Publications


def copies_of(extracted: Sequence[tuple[Document, Sequence[Claim]]],
              rules: Publications) -> dict[str, str]:
    """For each input that is a copy of another, the name of the copy that is kept."""
    parent = {document.doc: document.doc for document, _ in extracted}

    def root(name: str) -> str:
        while parent[name] != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    def join(a: str, b: str) -> None:
        parent[root(a)] = root(b)

    by_id: dict[str, str] = {}
    for document, _ in extracted:
        found = rules.publication_id(Path(document.doc).stem)
        if found is not None:
            if found in by_id:
                join(document.doc, by_id[found])
            else:
                by_id[found] = document.doc
    for a, b in _same_statements(extracted, rules):
        join(a, b)
    groups: dict[str, list[Document]] = defaultdict(list)
    for document, _ in extracted:
        groups[root(document.doc)].append(document)
    kept: dict[str, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        best = min(members, key=lambda d: (_rank(d.format, rules), d.doc))
        kept.update({d.doc: best.doc for d in members if d.doc != best.doc})
    return kept


def _rank(fmt: str, rules: Publications) -> int:
    return rules.prefer.index(fmt) if fmt in rules.prefer else len(rules.prefer)


def _same_statements(extracted: Sequence[tuple[Document, Sequence[Claim]]],
                     rules: Publications) -> list[tuple[str, str]]:
    """Pairs of documents that share most of the smaller one's statements."""
    holders: dict[str, set[str]] = defaultdict(set)
    sizes: dict[str, int] = {}
    for document, claims in extracted:
        own = {statement_key(c) for c in claims}
        sizes[document.doc] = len(own)
        for key in own:
            holders[key].add(document.doc)
    shared: Counter[tuple[str, str]] = Counter()
    for docs in holders.values():
        if 1 < len(docs) <= rules.max_holders:
            ordered = sorted(docs)
            for i, a in enumerate(ordered):
                for b in ordered[i + 1:]:
                    shared[(a, b)] += 1
    pairs = []
    for (a, b), count in shared.items():
        smaller = min(sizes[a], sizes[b])
        if smaller >= rules.min_statements and count >= rules.min_shared * smaller:
            pairs.append((a, b))
    return pairs
