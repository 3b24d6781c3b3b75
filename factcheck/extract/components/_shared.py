"""What the components share: the extensions, what a doc is read as, and the rules.

Extensions (all prefixed ``factcheck_``) keep plain data in ``doc.user_data``
(dicts, lists, str, numbers), so ``doc.to_bytes``, ``DocBin(store_user_data=True)``
and ``nlp.pipe(texts, n_process=2)`` carry them; their getters rebuild the typed
records (:class:`~factcheck.records.Claim`, :class:`~factcheck.records.Quantity`,
:class:`~factcheck.records.Document`):

- ``doc._.factcheck_claims``: the claims, set by ``factcheck_claims`` and
  ``factcheck_context``;
- ``doc._.factcheck_quantities``: the quantities, one for each span in
  ``doc.spans["factcheck_quantities"]`` and in its order (two quantities in one
  token, "3+12", have one span each); ``span._.factcheck_quantity`` reads a
  span's own;
- ``doc._.factcheck_source``: the document the text comes from (speaker turns,
  pages, questions, date), when the caller sets it; else the doc is all there is;
- ``doc._.factcheck_offset``: where ``doc.text`` starts in the source's text, for
  a doc that holds only part of it.

factcheck's own driver (:mod:`factcheck.extract.windows`) hands the components
typed records directly (a :class:`Reading`) and reads no extension: no record is
encoded or rebuilt on its way.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example

from factcheck.codec import decode, encode
from factcheck.errors import FactcheckError, RulesError
from factcheck.records import Claim, Document, Quantity
from factcheck.rules import Rules, load_rules, rules_data, rules_from_data

QUANTITY_SPANS = "factcheck_quantities"
RULES_FILE = "rules.json"  # in each component's folder of a saved pipeline
_CLAIMS = ("._.", "factcheck_claims", None, None)  # spaCy's own key form: Doc.from_docs keeps it
_SOURCE = ("._.", "factcheck_source", None, None)
_QUANTITIES = ("._.", "factcheck_quantities", None, None)


def register_extensions() -> None:
    """Declare the Doc and Span attributes the components read and write (idempotent)."""
    if not Doc.has_extension("factcheck_claims"):
        Doc.set_extension("factcheck_claims", getter=get_claims, setter=set_claims)
    if not Doc.has_extension("factcheck_source"):
        Doc.set_extension("factcheck_source", getter=get_source, setter=set_source)
    if not Doc.has_extension("factcheck_offset"):
        Doc.set_extension("factcheck_offset", default=None)
    if not Doc.has_extension("factcheck_quantities"):
        Doc.set_extension("factcheck_quantities", getter=get_quantities, setter=set_quantities)
    if not Span.has_extension("factcheck_quantity"):
        Span.set_extension("factcheck_quantity", getter=get_quantity)


def get_claims(doc: Doc) -> list[Claim] | None:
    data = _user_data(doc).get(_CLAIMS)
    return None if data is None else [decode(Claim, item) for item in data]


def set_claims(doc: Doc, claims: Iterable[Claim] | None) -> None:
    _user_data(doc)[_CLAIMS] = None if claims is None else [encode(c) for c in claims]


def get_source(doc: Doc) -> Document | None:
    data = _user_data(doc).get(_SOURCE)
    return None if data is None else cast(Document, decode(Document, data))


def set_source(doc: Doc, document: Document | None) -> None:
    _user_data(doc)[_SOURCE] = None if document is None else encode(document)


def get_quantities(doc: Doc) -> list[Quantity] | None:
    data = _user_data(doc).get(_QUANTITIES)
    return None if data is None else [decode(Quantity, item) for item in data]


def set_quantities(doc: Doc, quantities: Iterable[Quantity] | None) -> None:
    _user_data(doc)[_QUANTITIES] = None if quantities is None else [encode(q) for q in quantities]


def get_quantity(span: Span) -> Quantity | None:
    """The quantity of a span in ``doc.spans["factcheck_quantities"]`` (the first, if two
    share its tokens)."""
    data = _user_data(span.doc).get(_QUANTITIES)
    if data is None or QUANTITY_SPANS not in span.doc.spans:
        return None
    for candidate, item in zip(span.doc.spans[QUANTITY_SPANS], data, strict=False):
        if candidate == span:
            return cast(Quantity, decode(Quantity, item))
    return None


def _user_data(doc: Doc) -> dict[Any, Any]:
    """``doc.user_data``, whose keys are tuples as spaCy's own extensions make them."""
    return cast(dict[Any, Any], doc.user_data)


@dataclass(frozen=True)
class Reading:
    """What the components know of a doc beyond its tokens.

    ``document``: the document the doc's text comes from (None: the doc is all
    there is); ``offset``: where ``doc.text`` starts in ``document.text``;
    ``quantities``: those already found in the whole text, for a doc that is a
    window of it (None: find them in the doc); ``counts``: the (sentence,
    position) pairs seen so far in the document, which claim ids count;
    ``preceding``: the cleaned sentence before a window, read when asked.
    """

    document: Document | None = None
    offset: int = 0
    quantities: Sequence[Quantity] | None = None
    counts: Counter[tuple[str, int]] = field(default_factory=Counter)
    preceding: Callable[[], str | None] | None = None

    def text(self, doc: Doc) -> str:
        """The text offsets refer to: the document's, else ``doc.text`` (read it once:
        spaCy rebuilds it from every token on each access)."""
        return doc.text if self.document is None else self.document.text


def reading_of(doc: Doc) -> Reading:
    """A doc given to ``nlp(...)`` or ``nlp.pipe``, as its extensions describe it."""
    document = doc._.factcheck_source
    offset = doc._.factcheck_offset
    return Reading(document, int(offset) if document is not None and offset else 0)


class RulesComponent:
    """A component that reads the rules: handed in by ``initialize``, saved by ``to_disk``.

    ``initialize(rules=...)`` takes a :class:`~factcheck.rules.Rules` (what
    :func:`factcheck.extract.build_pipeline` hands every component: one object,
    loaded once), a rules folder (a path, as a config's
    ``[initialize.components.NAME] rules = "my_rules"`` gives it), or nothing:
    the shipped rules. ``to_disk`` writes the rules' validated data into the
    component's folder and ``from_disk`` reads it back, so a saved pipeline
    needs no rules folder.
    """

    name: str
    _rules: Rules | None = None

    @property
    def rules(self) -> Rules:
        if self._rules is None:
            raise FactcheckError(
                f"{self.name}: no rules yet — call nlp.initialize() or build the pipeline "
                "with factcheck.extract.build_pipeline")
        return self._rules

    def use(self, rules: Rules) -> None:
        """Read with these rules from now on."""
        self._rules = rules

    def initialize(self, get_examples: Callable[[], Iterable[Example]] | None = None, *,
                   nlp: Language | None = None, rules: Any = None) -> None:
        """Take the rules: a Rules, a rules folder (str or Path), or None for the shipped ones.

        (``rules`` is typed Any: spaCy checks a config's initialize settings
        against this signature with pydantic, which cannot resolve ``Rules``.)
        """
        if isinstance(rules, Rules):
            self.use(rules)
        elif rules is None or isinstance(rules, str | Path):
            self.use(load_rules(Path(rules) if rules is not None else None))
        else:
            raise FactcheckError(f"{self.name}: rules must be a Rules or a rules folder, not "
                                 f"{type(rules).__name__} — pass factcheck.rules.load_rules(DIR)")

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        # The standard library's json: srsly's rounds floats to 10 digits (1/3 → 0.3333333333).
        text = json.dumps(rules_data(self.rules), ensure_ascii=False, indent=1)
        (folder / RULES_FILE).write_text(text + "\n", encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> RulesComponent:
        file = Path(path) / RULES_FILE
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise RulesError(f"{file}: the saved rules cannot be read ({exc}) — save the "
                             "pipeline again with nlp.to_disk") from exc
        self.use(rules_from_data(data, str(file)))
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        data: bytes = srsly.msgpack_dumps(rules_data(self.rules))
        return data

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> RulesComponent:
        self.use(rules_from_data(srsly.msgpack_loads(data), f"{self.name} (bytes)"))
        return self


register_extensions()  # at import, so a spawned worker that unpickles a component has them
