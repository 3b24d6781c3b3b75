"""Decoding plain text files and finding their structure (factcheck.ingest.text, .structure)."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.errors import DocumentError
from factcheck.ingest import discover, read_document
from factcheck.ingest.text import repair_double_encoding
from factcheck.rules import Rules
from tests.conftest import EXAMPLES

SENTENCE = "Het tekort is 59.900 — één op de vijf café’s."


@pytest.mark.parametrize(
    ("data", "warned"),
    [
        (SENTENCE.encode("utf-8"), False),
        (SENTENCE.encode("utf-8-sig"), False),
        (SENTENCE.replace("’", "'").replace("—", "-").encode("cp1252"), True),
        (SENTENCE.encode("utf-8").decode("cp1252").encode("utf-8"), True),
    ],
    ids=["utf-8", "bom", "cp1252", "double-encoded"],
)
def test_encodings(tmp_path: Path, rules: Rules, data: bytes, warned: bool) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    doc = read_document(path, rules)
    assert doc.text.startswith("Het tekort is 59.900")
    assert "één" in doc.text
    assert "\ufeff" not in doc.text
    assert bool(doc.warnings) == warned


@pytest.mark.parametrize(
    ("data", "problem"),
    [(b"", "empty"), (b"  \n\n", "empty"), (b"PK\x03\x04\x00\x00binary", "binary")],
)
def test_unusable_text(tmp_path: Path, rules: Rules, data: bytes, problem: str) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    with pytest.raises(DocumentError, match=problem):
        read_document(path, rules)


def test_double_encoded_xml_dash() -> None:
    assert repair_double_encoding("2017\u00e2\u0080\u00942018") == "2017—2018"
    assert repair_double_encoding("Ã\u00a9Ã\u00a9n") == "één"
    assert repair_double_encoding("Ãngel") == "Ãngel"


def test_discover(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.pdf").write_bytes(b"%PDF")
    (tmp_path / "sub" / "b_metadata.xml").write_text("<x/>")
    (tmp_path / ".hidden.txt").write_text("x")
    (tmp_path / "empty").mkdir()
    (tmp_path / "notes.doc").write_text("x")
    found, errors = discover([str(tmp_path), str(tmp_path / "empty"), str(tmp_path / "nope"),
                              str(tmp_path / "notes.doc")])
    assert [p.name for p in found] == ["a.txt", "b.pdf"]
    assert [e.problem.split()[0] for e in errors] == ["no", "no", "unsupported"]


@pytest.fixture(scope="module")
def debate(rules: Rules):  # type: ignore[no-untyped-def]
    return read_document(EXAMPLES / "techniekpact-debat_2018-06-27.txt", rules)


@pytest.mark.parametrize(
    ("quote", "speaker", "party", "role"),
    [
        ("is 59.900 groter", "Veldman", "VVD", None),
        ("Dit was geen vraag, dus ik ga verder", "Keijzer", None, "Staatssecretaris"),
        ("Ik open het algemeen overleg", "voorzitter", None, "voorzitter"),
    ],
)
def test_debate_speakers(debate, quote: str, speaker: str, party: str | None,  # type: ignore[no-untyped-def]
                         role: str | None) -> None:
    turn = debate.turn_at(debate.text.index(quote))
    assert turn is not None
    assert (turn.speaker, turn.party, turn.role) == (speaker, party, role)


def test_debate_footer_and_meta(debate) -> None:  # type: ignore[no-untyped-def]
    assert "vergaderjaar 2017–2018, 32 637" not in debate.text
    assert "panklare oplossingen" in debate.text
    assert "hbo-geschoolde" in debate.text
    assert (debate.meta.date, debate.meta.doc_type) == ("2018-06-27", "Kamerstuk")


def test_questions_answers_and_footnotes(rules: Rules) -> None:
    doc = read_document(EXAMPLES / "kamervragen-vakkrachten_2017-07-18.txt", rules)
    assert doc.meta.date == "2017-07-18"
    answer = doc.section_at(doc.text.index("In 2013 sloot de rijksoverheid"), "answer")
    question = doc.section_at(doc.text.index("Kent u de berichten"), "question")
    assert answer is not None
    assert answer.number == "2"
    assert question is not None
    assert question.number == "1"
    notes = [s for s in doc.sections if s.kind == "footnote"]
    assert [s.number for s in notes] == [str(n) for n in range(1, 16)]
    assert doc.text[notes[3].start:notes[3].end] == "4 Kamerstuk 32 847, nr. 299."
    assert doc.section_at(doc.text.index("gestuurd.3"), "footnote") is None
