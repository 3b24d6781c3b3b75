"""The keys a claim's measure is compared on (``Claim.measure_keys``): their one spelling.

A key is a measure word's lemma ("tekort"), or a word with a prefix that says
what it is: a concept from ``rules/measures.nl.yml`` ("concept:groei"), the
population ("population:mbo"), or a part of the sentence's structure — the head
of what is counted ("what:project"), its last part as a compound ("kind:plek"),
the noun the figure is the value of ("name:tekort"), the whole a share is of
("of:leerling"). Extraction writes them (``factcheck.extract.context``,
``factcheck.extract.measure``); the linker and the totals check read them.

>>> key(CONCEPT, "groei")
'concept:groei'
>>> sorted(values({"concept:groei", "tekort"}, CONCEPT))
['groei']
"""

from __future__ import annotations

from collections.abc import Iterable

CONCEPT = "concept:"
POPULATION = "population:"
WHAT = "what:"
KIND = "kind:"
NAME = "name:"
OF = "of:"
PREFIXES = (CONCEPT, POPULATION, WHAT, KIND, NAME, OF)
"""A key starting with one of these is no measure word."""


def key(prefix: str, value: str) -> str:
    """The key of a value of one kind: ``key(CONCEPT, "groei")`` is "concept:groei"."""
    return prefix + value


def values(keys: Iterable[str], prefix: str) -> frozenset[str]:
    """The values of the keys of one kind."""
    return frozenset(k.removeprefix(prefix) for k in keys if k.startswith(prefix))
