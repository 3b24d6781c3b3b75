"""Stage 2, extraction: a Document in, its claims out.

The modules follow the data through the stage:

- ``numbers``: Dutch number writing ("1,2 miljoen", "ruim twintig") read into values;
- ``quantities``: a number with its unit, hedge and interval found in the text;
- ``measure``: what the number counts, of what whole, per what base, from the sentence;
- ``context``: population, place, period and source read from the words around it;
- ``pos``: the part-of-speech and lemma lexicon ``measure`` reads sentences with;
- ``components``: the spaCy components (``factcheck_sentences``, ``factcheck_quantities``,
  ``factcheck_claims``, ``factcheck_context``) that run these over a ``Doc``;
- ``nlp``: the pipeline built from them;
- ``windows``: the driver, which tokenizes only the sentences that hold a quantity.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factcheck.extract.nlp import build_pipeline
    from factcheck.extract.windows import extract_claims

__all__ = ["build_pipeline", "extract_claims"]
_HOMES = {"build_pipeline": "factcheck.extract.nlp", "extract_claims": "factcheck.extract.windows"}


def __getattr__(name: str) -> object:
    # Imported on first use, so that ``python -m factcheck.extract.pos`` runs the lexicon
    # tool without first importing the spaCy components that read the lexicon.
    if name in _HOMES:
        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'factcheck.extract' has no attribute {name!r}")
