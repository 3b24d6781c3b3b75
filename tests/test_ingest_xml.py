"""Official XML, HTML, ODT and ParlaMint TEI (factcheck.ingest.xml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.errors import DocumentError
from factcheck.ingest import read_document
from factcheck.rules import Rules
from tests.conftest import DATA

INGEST = DATA / "ingest"


@pytest.mark.parametrize(
    ("quote", "speaker", "party", "role"),
    [
        ("6 doden, 35 ernstig zieken", "Vestering", "PvdD", None),
        ("Dank u wel. Het woord is aan de minister.", "voorzitter", None, "voorzitter"),
    ],
)
def test_handelingen_speakers(rules: Rules, quote: str, speaker: str, party: str | None,
                              role: str | None) -> None:
    doc = read_document(INGEST / "h-tk-20202021-102-4.xml", rules)
    turn = doc.turn_at(doc.text.index(quote))
    assert turn is not None
    assert (turn.speaker, turn.party, turn.role) == (speaker, party, role)
    assert doc.meta.doc_type == "Handelingen"


def test_handelingen_minister(rules: Rules) -> None:
    doc = read_document(INGEST / "h-tk-20202021-102-4.xml", rules)
    roles = {t.role for t in doc.turns}
    assert "Minister" in roles


def test_double_encoded_handelingen_repaired(rules: Rules) -> None:
    doc = read_document(INGEST / "h-tk-20172018-70-4.xml", rules)
    assert "â€" not in doc.text
    assert "Ã" not in doc.text
    assert "\u0080" not in doc.text
    assert any("double-encoded" in w for w in doc.warnings)
    assert len(doc.turns) > 10


@pytest.mark.parametrize("suffix", [".xml", ".html", ".odt"])
def test_aanhangsel_formats(rules: Rules, suffix: str) -> None:
    doc = read_document(INGEST / f"ah-tk-20202021-3235{suffix}", rules)
    answer = doc.section_at(doc.text.index("vastgesteld op 8 procent"), "answer")
    assert answer is not None
    assert answer.number == "3"
    assert doc.meta.date == "2021-06-21"
    assert doc.meta.number == "3235"  # from the _metadata.xml companion
    assert doc.format == suffix.lstrip(".")


def test_tei_speakers(rules: Rules) -> None:
    doc = read_document(INGEST / "ParlaMint-NL_2019-05-16-tweedekamer-11.xml", rules)
    assert doc.format == "tei"
    turn = doc.turn_at(doc.text.index("binnen een straal van 1 kilometer"))
    assert turn is not None
    assert (turn.speaker, turn.party) == ("Laçin", "SP")


def test_malformed_xml_recovers_with_warning(tmp_path: Path, rules: Rules) -> None:
    path = tmp_path / "doc.xml"
    path.write_text("<officiele-publicatie><al>Het gaat om 40 miljard.</al><al>Open",
                    encoding="utf-8")
    doc = read_document(path, rules)
    assert "40 miljard" in doc.text
    assert any("malformed" in w for w in doc.warnings)


def test_unsafe_entities_not_expanded(tmp_path: Path, rules: Rules) -> None:
    path = tmp_path / "doc.xml"
    path.write_text('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                    "<officiele-publicatie><al>Tekst &e; 12%</al></officiele-publicatie>",
                    encoding="utf-8")
    doc = read_document(path, rules)
    assert "root:" not in doc.text
    assert "12%" in doc.text


def test_hopeless_xml(tmp_path: Path, rules: Rules) -> None:
    path = tmp_path / "doc.xml"
    path.write_text("<<<>>>", encoding="utf-8")
    with pytest.raises(DocumentError, match="XML"):
        read_document(path, rules)
