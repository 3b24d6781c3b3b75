"""Build the spaCy pipeline: a blank Dutch pipeline (or an installed model) plus our components."""

from __future__ import annotations

from pathlib import Path
from typing import cast

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer

import factcheck.extract.components  # noqa: F401  (registers the factcheck_* factories)
from factcheck.errors import FactcheckError
from factcheck.extract.components._shared import RulesComponent
from factcheck.limits import DEFAULT_LIMITS
from factcheck.rules import Rules, load_rules

PIPE_NAMES = ("factcheck_sentences", "factcheck_quantities", "factcheck_claims",
              "factcheck_context")


def build_pipeline(rules: Rules | str | Path | None = None, model: str | None = None,
                   max_sentence_chars: int = DEFAULT_LIMITS.sentence_chars) -> Language:
    """``spacy.blank("nl")`` with the factcheck components; ``model`` loads an installed one.

    ``rules``: the rules every component reads — a loaded :class:`Rules` (one
    object, handed to each component's ``initialize``), a rules folder, or
    None for the shipped rules. ``nlp.to_disk`` saves them with the pipeline.
    A sentence longer than ``max_sentence_chars`` is cut at clause boundaries.

    With a trained model (``nl_core_news_sm`` …) its parser decides the
    sentences and ``factcheck_sentences`` stands aside.
    """
    if not isinstance(rules, Rules):
        rules = load_rules(Path(rules) if rules is not None else None)
    nlp = _base(model)
    nlp.add_pipe("factcheck_sentences", config={"max_chars": max_sentence_chars})
    for name in PIPE_NAMES[1:]:
        nlp.add_pipe(name)
    for name in PIPE_NAMES:  # not nlp.initialize(): it would reset a trained model's weights
        component = nlp.get_pipe(name)
        if isinstance(component, RulesComponent):
            component.initialize(nlp=nlp, rules=rules)
    return nlp


def _base(model: str | None) -> Language:
    if model is None:
        nlp = spacy.blank("nl")
    else:
        try:
            nlp = spacy.load(model, exclude=["ner", "lemmatizer", "tagger", "morphologizer"])
        except OSError as exc:
            raise FactcheckError(
                f"spaCy model {model!r} is not installed — leave out --model to use the "
                "built-in pipeline, or install the model package"
            ) from exc
    tokenizer = cast(Tokenizer, nlp.tokenizer)
    for form in ("zo'n", "zo’n"):  # keep the hedge whole: spaCy splits the curly form
        tokenizer.add_special_case(form, [{"ORTH": form}])
    nlp.max_length = max(nlp.max_length, 50_000_000)
    return nlp
