"""The benchmark corpus: N documents made from the bundled examples and test files.

Every document is a real one, varied so that no two are the same file:

- the test PDFs, with a comment appended after ``%%EOF`` (other bytes, the same pages);
- the examples as two-column PDFs (:mod:`benchmarks.pdfgen`) and as text, with
  their figures changed per copy, so that claims differ and linking has work;
- the XML and HTML test files, with a comment appended.

Nothing is written outside the folder the caller gives.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.pdfgen import two_column_pdf

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
INGEST = ROOT / "tests" / "data" / "ingest"
_NUMBER = re.compile(r"(?<![\d.,])\d[\d.]*\d(?![\d])")


@dataclass
class Corpus:
    """The files made, and for the two-column PDFs the lines of each page in reading order."""

    folder: Path
    files: list[Path] = field(default_factory=list)
    reading_order: dict[str, list[list[str]]] = field(default_factory=dict)

    @property
    def pdfs(self) -> list[Path]:
        return [f for f in self.files if f.suffix == ".pdf"]


def vary_numbers(text: str, variant: int) -> str:
    """Change the last digit of multi-digit figures that are not years; keep the rest."""
    def change(match: re.Match[str]) -> str:
        figure = match.group()
        if variant == 0 or (len(figure) == 4 and figure[:2] in ("19", "20")):
            return figure
        return figure[:-1] + str((int(figure[-1]) + variant) % 10)
    return _NUMBER.sub(change, text)


Maker = Callable[[Path, int], Path]


def _appended(source: Path, comment: bytes) -> Maker:
    def make(target: Path, variant: int) -> Path:
        out = target.with_name(f"{target.name}_{source.name}")
        out.write_bytes(source.read_bytes() + comment % variant)
        companion = source.with_name(source.stem + "_metadata.xml")
        if companion.exists():
            shutil.copyfile(companion, out.with_name(out.stem + "_metadata.xml"))
        return out
    return make


def _text(source: Path) -> Maker:
    def make(target: Path, variant: int) -> Path:
        out = target.with_name(f"{target.name}_{source.name}")
        out.write_text(vary_numbers(source.read_text(encoding="utf-8"), variant),
                       encoding="utf-8")
        return out
    return make


def _makers(corpus: Corpus) -> list[Maker]:
    def two_column(source: Path) -> Maker:
        def make(target: Path, variant: int) -> Path:
            out = target.with_name(f"{target.name}_{source.stem}.pdf")
            text = vary_numbers(source.read_text(encoding="utf-8"), variant)
            data, pages = two_column_pdf(text)
            out.write_bytes(data)
            corpus.reading_order[out.name] = pages
            return out
        return make

    pdfs = [p for p in sorted(INGEST.glob("*.pdf")) if "zonder-tekstlaag" not in p.name]
    markup = [p for p in sorted(INGEST.glob("*.xml")) + sorted(INGEST.glob("*.html"))
              if not p.name.endswith("_metadata.xml")]
    examples = sorted(EXAMPLES.glob("*.txt"))
    return ([_appended(p, b"\n%% benchmark copy %d\n") for p in pdfs]
            + [two_column(p) for p in examples]
            + [_text(p) for p in examples]
            + [_appended(p, b"\n<!-- benchmark copy %d -->\n") for p in markup])


def build(folder: Path, docs: int) -> Corpus:
    """``docs`` documents in ``folder``, cycling through the sources, each copy varied."""
    corpus = Corpus(folder)
    makers = _makers(corpus)
    for i in range(docs):
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        make = makers[i % len(makers)]
        corpus.files.append(make(sub / f"d{i:05d}", 1 + i // len(makers)))
    return corpus


def change(corpus: Corpus, count: int) -> list[Path]:
    """Rewrite ``count`` documents spread over the corpus (new bytes, same kind)."""
    step = max(1, len(corpus.files) // max(count, 1))
    changed = corpus.files[::step][:count]
    for path in changed:
        with path.open("ab") as out:
            out.write(b"\n" if path.suffix != ".pdf" else b"\n% changed\n")
    return changed
