"""The spaCy pipeline on its own: saved, loaded in a fresh process, piped, serialized.

The claims a loaded pipeline gives are compared, field by field (value, unit,
hedge, interval, measure, population, period …), with what factcheck's own
flow (``extract_claims``, which reads a document window by window) gives for
the same text.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from factcheck.codec import encode
from factcheck.errors import FactcheckError, RulesError
from factcheck.extract import build_pipeline, extract_claims
from factcheck.extract.nlp import PIPE_NAMES
from factcheck.records import Claim, Document
from factcheck.rules import default_rules_dir, load_rules

from conftest import EXAMPLES, ROOT

# Load a saved pipeline in a process that has not imported factcheck: spaCy must find the
# components through the spacy_factories entry points of the installed package.
_LOAD = """
import dataclasses, json, sys
import spacy
assert not [m for m in sys.modules if m.split(".")[0] == "factcheck"], "factcheck imported"
nlp = spacy.load(sys.argv[1])
texts = json.load(sys.stdin)
claims = [[dataclasses.asdict(c) for c in doc._.factcheck_claims] for doc in nlp.pipe(texts)]
rules = {name: nlp.get_pipe(name).rules.directory for name in ("factcheck_sentences",
         "factcheck_quantities", "factcheck_context")}
print(json.dumps({"claims": claims, "rules": rules}))
"""


def _paragraphs(name: str) -> list[str]:
    """The paragraphs with a figure in them, from an example document."""
    text = (EXAMPLES / name).read_text("utf-8")
    return [p.strip() for p in re.split(r"\n\s*\n", text) if re.search(r"\d", p)]


TEXTS = (_paragraphs("kamervragen-vakkrachten_2017-07-18.txt")
         + _paragraphs("techniekpact-debat_2018-06-27.txt"))


def _plain(claims: list[Claim] | None) -> list[dict[str, Any]]:
    """Claims as the JSON a fresh process prints them in (tuples become lists)."""
    assert claims is not None
    data: list[dict[str, Any]] = json.loads(json.dumps([encode(c) for c in claims]))
    return data


def _flow(text: str, nlp: Language) -> list[dict[str, Any]]:
    """What factcheck's own flow finds in a text read as a document of its own."""
    document = Document(doc="<text>", path="<text>", format="txt", text=text, sha256="")
    return _plain(extract_claims(document, nlp))


def _load_fresh(path: Path, texts: list[str]) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-c", _LOAD, str(path)], input=json.dumps(texts),
                          capture_output=True, text=True, timeout=300, cwd=path.parent,
                          check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_the_examples_hold_claims_to_compare() -> None:
    assert len(TEXTS) >= 80
    assert sum(len(t) for t in TEXTS) > 100_000


def test_a_text_through_the_pipeline_gives_the_claims_of_factcheck_s_flow(nlp: Language) -> None:
    for text in TEXTS:
        assert _plain(nlp(text)._.factcheck_claims) == _flow(text, nlp)


def test_a_saved_pipeline_loads_in_a_fresh_process_with_the_same_claims(
        tmp_path: Path, nlp: Language) -> None:
    nlp.to_disk(tmp_path / "pipeline")
    loaded = _load_fresh(tmp_path / "pipeline", TEXTS)
    expected = [_flow(text, nlp) for text in TEXTS]
    assert loaded["claims"] == expected
    claims = [c for per_text in expected for c in per_text]
    assert len(claims) >= 100
    assert {c["qualifier"] for c in claims} >= {"exact", "approx", "less_than", "more_than"}
    assert sum(c["measure"] is not None for c in claims) >= len(claims) // 2
    # Each component read the rules saved in its own folder of the pipeline.
    for name, where in loaded["rules"].items():
        assert Path(where).parent == tmp_path / "pipeline" / name


def test_rules_changed_by_the_analyst_travel_with_the_saved_pipeline(tmp_path: Path) -> None:
    rules_dir = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules_dir)
    hedges = rules_dir / "hedges.nl.yml"
    text = hedges.read_text("utf-8")
    approx = "    qualifier: approx\n    margin: 0.1\n"
    assert text.count(approx) == 1
    hedges.write_text(text.replace(approx, "    qualifier: approx\n    margin: 0.3\n"), "utf-8")
    custom = build_pipeline(str(rules_dir))  # a folder, as a path or a string
    custom.to_disk(tmp_path / "pipeline")
    shutil.rmtree(rules_dir)  # a loaded pipeline reads no rules folder
    sentence = "Het tekort is circa 20.000 technici per jaar."
    loaded = _load_fresh(tmp_path / "pipeline", [sentence])["claims"][0]
    assert [(c["value"], c["qualifier"], c["interval"]["low"], c["interval"]["high"])
            for c in loaded] == [
        (20000.0, "approx", 14000.0, 26000.0)]
    shipped = build_pipeline()(sentence)._.factcheck_claims
    assert shipped is not None and shipped[0].interval.bounds() == (18000.0, 22000.0)


def test_pipe_with_two_processes_gives_the_claims_of_one(nlp: Language) -> None:
    one = [_plain(doc._.factcheck_claims) for doc in nlp.pipe(TEXTS)]
    two = [_plain(doc._.factcheck_claims) for doc in nlp.pipe(TEXTS, n_process=2,
                                                               batch_size=4)]
    assert two == one
    assert sum(len(claims) for claims in one) >= 100


def test_docbin_and_doc_bytes_keep_the_claims_and_quantities(nlp: Language) -> None:
    docs = list(nlp.pipe(TEXTS[:6]))
    stored = DocBin(store_user_data=True, docs=docs).to_bytes()
    back = list(DocBin().from_bytes(stored).get_docs(nlp.vocab))
    assert [d._.factcheck_claims for d in back] == [d._.factcheck_claims for d in docs]
    again = Doc(nlp.vocab).from_bytes(docs[0].to_bytes())
    assert again._.factcheck_claims == docs[0]._.factcheck_claims
    assert again._.factcheck_quantities == docs[0]._.factcheck_quantities
    spans = again.spans["factcheck_quantities"]
    assert [s._.factcheck_quantity.text for s in spans] == [
        q.text for q in docs[0]._.factcheck_quantities or ()]


def test_the_user_data_is_plain_data(nlp: Language) -> None:
    doc = nlp(TEXTS[0])

    def plain(value: Any) -> bool:
        if isinstance(value, dict):
            return all(isinstance(k, str) and plain(v) for k, v in value.items())
        if isinstance(value, list):
            return all(plain(v) for v in value)
        return value is None or isinstance(value, str | int | float | bool)

    assert doc.user_data and all(plain(value) for value in doc.user_data.values())


def test_two_quantities_in_one_token_keep_their_own_values(nlp: Language) -> None:
    """"3+12" is one token and two numbers: each claim has its own (the span is shared)."""
    text = "Het pand Klooster 3+12 te Deventer wordt gehuurd voor € 35k per jaar."
    expected = [(c.text, c.value) for c in extract_claims(
        Document(doc="<text>", path="<text>", format="txt", text=text, sha256=""), nlp)]
    assert expected[:2] == [("3", 3.0), ("12", 12.0)]
    doc = nlp(text)
    assert [(c.text, c.value) for c in doc._.factcheck_claims or ()] == expected


def test_the_source_document_gives_speaker_and_date(nlp: Language, tmp_path: Path) -> None:
    from factcheck.ingest import read_document

    document = read_document(EXAMPLES / "techniekpact-debat_2018-06-27.txt", load_rules())
    doc = nlp.make_doc(document.text)
    doc._.factcheck_source = document
    claims = nlp(doc)._.factcheck_claims
    assert claims == extract_claims(document, nlp, windows=False)
    assert claims and {c.speaker for c in claims} >= {"Veldman", "Moorlag"}
    assert Doc(nlp.vocab).from_bytes(doc.to_bytes())._.factcheck_source == document


def test_a_component_without_rules_says_how_to_give_them() -> None:
    nlp = spacy.blank("nl")
    for name in PIPE_NAMES:
        nlp.add_pipe(name)
    with pytest.raises(FactcheckError, match=r"nlp\.initialize\(\)"):
        nlp("Er zijn 12.000 jongeren.")
    nlp.initialize()  # the shipped rules
    assert [c.value for c in nlp("Er zijn 12.000 jongeren.")._.factcheck_claims or ()] == [
        12000.0]


def test_initialize_takes_a_rules_folder_from_the_config(tmp_path: Path) -> None:
    rules_dir = tmp_path / "my_rules"
    shutil.copytree(default_rules_dir(), rules_dir)
    nlp = spacy.blank("nl")
    for name in PIPE_NAMES:
        nlp.add_pipe(name)
    for name in ("factcheck_sentences", "factcheck_quantities", "factcheck_context"):
        nlp.config["initialize"]["components"][name] = {"rules": str(rules_dir)}
    nlp.initialize()
    assert nlp.get_pipe("factcheck_quantities").rules.directory == str(rules_dir)


def test_build_pipeline_hands_every_component_one_rules_object() -> None:
    rules = load_rules()
    nlp = build_pipeline(rules)
    assert all(nlp.get_pipe(name).rules is rules
               for name in ("factcheck_sentences", "factcheck_quantities", "factcheck_context"))


def test_the_readme_example_runs(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("## Using the spaCy pipeline on its own", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=300, cwd=tmp_path, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.splitlines() == [
        "53 procent 53.0 percent exact 52.5 53.5 van technisch opgeleiden None",
        "circa 20.000 20000.0 count approx 18000.0 22000.0 tekort technici ROA",
        "Interval(low=-inf, high=16.0, low_closed=False, high_closed=False)"]
    assert (tmp_path / "factcheck-nl" / "factcheck_quantities" / "rules.json").is_file()


def test_saved_rules_are_the_rules_exactly(tmp_path: Path, nlp: Language) -> None:
    """Every validated field survives saving: 1/3 stays 0.3333333333333333 (srsly's JSON
    writer would round it to ten digits, and "een derde" would read 33.33333333)."""
    rules = nlp.get_pipe("factcheck_quantities").rules
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    from_bytes = spacy.blank("nl")
    from_bytes.add_pipe("factcheck_context").from_bytes(
        nlp.get_pipe("factcheck_context").to_bytes())
    for component in (*(loaded.get_pipe(n) for n in ("factcheck_sentences",
                                                       "factcheck_quantities",
                                                       "factcheck_context")),
                      from_bytes.get_pipe("factcheck_context")):
        saved = component.rules
        assert saved.version == rules.version
        assert replace(saved, directory=rules.directory) == rules
        assert saved.data == rules.data
    text = "Dit is dan het derde deel van uw tweede interruptie."
    values = [c.value for c in nlp(text)._.factcheck_claims or ()]
    assert values == [pytest.approx(100 / 3, abs=1e-12)]
    assert [c.value for c in loaded(text)._.factcheck_claims or ()] == values


def test_a_damaged_saved_pipeline_names_the_file(tmp_path: Path, nlp: Language) -> None:
    nlp.to_disk(tmp_path / "pipeline")
    (tmp_path / "pipeline" / "factcheck_context" / "rules.json").write_text("{", "utf-8")
    with pytest.raises(RulesError, match=r"factcheck_context/rules\.json.*nlp\.to_disk"):
        spacy.load(tmp_path / "pipeline")
