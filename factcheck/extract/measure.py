"""What a number measures, read from the structure of its sentence. Pure functions.

Three slots, each a short phrase of the sentence and the lemma of its head:

* ``counted`` — what the number counts, or what an amount is for:
  "18.000 **projecten**", "een tekort van 40.000 **plekken**",
  "40 miljard **aan export**", "€ 100 miljoen **voor het vmbo**";
* ``of`` — the whole a share is of: "53 procent **van de technisch
  opgeleiden**", "**Van de technisch opgeleiden** werkt 53 procent";
* ``name`` — the noun the number is the value of: "een **tekort** van
  40.000", "de **werkloosheid** steeg naar 3,3 procent".

(The base of a rate, ``per``, is read with the quantity: "per week", "per 100
werklozen".) The slots come from the words' parts of speech
(:mod:`factcheck.extract.pos`) and a handful of function words in
``rules/measures.nl.yml`` (``phrases``), not from topic word lists, so they work
in any policy domain. Linking compares the heads' lemmas; a compound's last
part is its head ("asielplekken" is a kind of "plekken").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

import simplemma

from factcheck import measure_keys as mk
from factcheck.extract.context import lemma
from factcheck.extract.pos import compound_head, lexicon, noun_lemma, tag
from factcheck.rules import Phrases

_TOKEN = re.compile(r"[^\W\d_][\w'’]*(?:-[\w'’]+)*|\d[\d.,]*|[^\w\s]")
_NOMINAL = frozenset({"NOUN", "PROPN", "ADJ", "X"})
_HEAD = frozenset({"NOUN", "PROPN", "X"})
_BRIDGE = frozenset({"ADV", "AUX", "VERB", "ADP", "PRON"})
MIN_HEAD = 4  # letters in the last part of a compound that counts as its head
MIN_MODIFIER = 3  # letters before it


@dataclass(frozen=True)
class Slot:
    """A phrase of the sentence and the lemma of its head noun."""

    phrase: str
    head: str

    @property
    def kind(self) -> str:
        """The head's last part when it is a compound ("asielplek" → "plek"), else the head."""
        return compound_kind(self.head)


@dataclass(frozen=True)
class Measure:
    counted: Slot | None = None
    of: Slot | None = None
    name: Slot | None = None


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int
    tag: str


@lru_cache(maxsize=64)
def tokens(text: str) -> tuple[_Token, ...]:
    """The sentence's words, numbers and signs with their tags; read once per sentence, not
    once per number in it."""
    return tuple(_Token(m.group(), m.start(), m.end(), _tag(m.group()))
                 for m in _TOKEN.finditer(text))


@lru_cache(maxsize=64)
def _ends(text: str) -> tuple[int, ...]:
    return tuple(t.end for t in tokens(text))


def _tag(word: str) -> str:
    if word[0].isdigit():
        return "NUM"
    if not word[0].isalpha():
        return "PUNCT"
    return tag(word)


def read_measure(sentence: str, start: int, end: int, unit: str, phrases: Phrases) -> Measure:
    """The measure of the number written at ``sentence[start:end]`` (hedge and unit included)."""
    words = tokens(sentence)
    ends = _ends(sentence)
    before = list(words[:bisect.bisect_right(ends, start)])
    after = list(words[bisect.bisect_left(ends, end + 1):])
    after = after[1:] if after and after[0].start < end else after
    if len(after) > 1 and after[0].tag in ("ADJ", "ADV") and \
            after[1].text.lower() in phrases.than_words:
        return Measure()  # "32.200 lager dan de vraag": a gap between two named quantities
    counted = _counted(after, phrases, unit)
    of = _of_after(after, phrases) if unit in phrases.share_units else None
    if of is None and unit in phrases.share_units:
        of = _of_before(before, phrases)
    verb_after = (bool(after) and after[0].tag in ("VERB", "AUX")) or (
        len(after) > 1 and after[0].tag in ("ADV", "ADJ") and after[1].tag in ("VERB", "AUX"))
    return Measure(counted, of, _name(before, phrases, verb_after))


def _nominal(seq: list[_Token], phrases: Phrases, after_article: bool = False) -> Slot | None:
    """The noun phrase at the start of ``seq`` (articles skipped): its words and head.

    A Dutch noun phrase is adjectives, then its noun ("nieuwe projecten"); a
    name may run on ("Monitor Techniekpact"). After an article a word on -en
    is a noun whatever the lexicon says: "de werklozen", "de technisch
    opgeleiden".
    """
    i = 0
    while i < len(seq) and seq[i].text.lower() in phrases.articles:
        i += 1
    article = i > 0 or after_article
    words: list[_Token] = []
    head: _Token | None = None
    for t in seq[i:i + phrases.max_words]:
        low = t.text.lower()
        if low in phrases.stop or low in phrases.articles:
            break
        if head is not None and not (head.tag == "PROPN" and t.tag == "PROPN"):
            break
        nominalized = article and low.endswith("en") and t.tag in ("VERB", "ADJ") and \
            len(low) > 4
        following = seq[i + len(words) + 1] if i + len(words) + 1 < len(seq) else None
        # "geïnteresseerde bedrijven": a participle before a noun is an adjective
        attributive = _attributive(t, following)
        if (t.tag in _HEAD or nominalized) and not attributive:
            head = t
        elif t.tag != "ADJ" and not attributive:
            break
        words.append(t)
    if head is None:
        return None
    low = head.text.lower()
    nominal = article and head.tag in ("VERB", "ADJ") and low.endswith("en")
    # "de afgestudeerden": a nominalized participle or adjective, "afgestudeerde" one of them
    found = low[:-1] if nominal else _measured(head_lemma(head.text), phrases)
    slot = Slot(" ".join(t.text for t in words[:words.index(head) + 1]),
                phrases.synonyms.get(found, found))
    if slot.head in phrases.stop:
        return None
    if slot.head in phrases.generic:  # "het aantal werklozen": what follows says it
        rest = seq[i + len(words):]
        if rest and rest[0].text.lower() in phrases.of_words:
            return _nominal(rest[1:], phrases) or slot
        if rest and (rest[0].tag in _NOMINAL or rest[0].text.lower().endswith("en")):
            # "het aantal werklozen": a participle or adjective on -en after it is a noun
            return _nominal(rest, phrases, after_article=True) or slot
    return slot


def _attributive(t: _Token, following: _Token | None) -> bool:
    """A participle or unknown word on -e before a noun: "geïnteresseerde bedrijven"."""
    return (t.text.endswith("e") and t.tag in ("VERB", "ADV", "X") and following is not None
            and following.tag == "NOUN")


def _counted(after: list[_Token], phrases: Phrases, unit: str) -> Slot | None:
    """What follows the number: "18.000 projecten", "40 miljard aan export"."""
    if not after:
        return None
    if after[0].text.lower() in phrases.for_words:
        return _nominal(after[1:], phrases)
    if after[0].tag in _NOMINAL or _attributive(after[0], after[1] if len(after) > 1 else None):
        found = _nominal(after, phrases)
        # "Eikenstraat 20, Zwolle", "artikel 15 Bbz": a name after a number is no count
        return None if found is not None and _is_name(found, after) else found
    return None


def _is_name(slot: Slot, after: list[_Token]) -> bool:
    last = slot.phrase.split()[-1]
    return any(t.text == last and t.tag == "PROPN" for t in after[:4])


def _of_after(after: list[_Token], phrases: Phrases) -> Slot | None:
    """"53 procent van de technisch opgeleiden"; also after a verb: "53% werkt (...)"."""
    for k, t in enumerate(after[:phrases.reach]):
        if t.tag in ("PUNCT", "NUM") or t.text.lower() in phrases.clause_words:
            return None
        if t.text.lower() in phrases.of_words:
            return _nominal(after[k + 1:], phrases)
        if k == 0 and t.tag in _NOMINAL:
            return None  # "16% huurwoningen": what it counts, not what it is of
    return None


def _of_before(before: list[_Token], phrases: Phrases) -> Slot | None:
    """"Van de technisch opgeleiden werkt slechts 53 procent": "van" opens the clause."""
    start = len(before)
    while start > 0 and before[start - 1].tag != "PUNCT" and \
            before[start - 1].text.lower() not in phrases.clause_words:
        start -= 1
    clause = before[start:]
    if clause and clause[0].text.lower() in phrases.of_words:
        return _nominal(clause[1:], phrases)
    return None


def _name(before: list[_Token], phrases: Phrases, verb_after: bool = False) -> Slot | None:
    """The noun the number is the value of, bound to it by "van" or by a verb:
    "een tekort van (zo'n) 40.000", "de werkloosheid steeg naar 3,3 procent",
    "het aantal vacatures in de techniek is gestegen tot 60.000", and with the
    verb after the number: "waarom het rentepercentage voor de Tozo op 2% is
    gesteld". Hedges, adverbs and prepositions may stand between, and a
    phrase like "in de techniek" is passed over; an adjective or another noun
    may not ("in het regeerakkoord structureel 100 miljoen" names nothing)."""
    k = len(before) - 1
    bound = verb_after
    steps = 0  # words looked at; a phrase passed over counts as one
    while k >= 0 and steps <= phrases.reach + 4:
        steps += 1
        t = before[k]
        low = t.text.lower()
        if low in phrases.of_words:
            k -= 1
            while k > 0 and before[k].tag in ("DET", "ADV"):
                k -= 1
            bound = True  # "van" binds as a verb does
            break
        if t.tag in ("VERB", "AUX"):
            bound = True
        elif t.tag in ("NUM", "PUNCT") and k > 0 and before[k - 1].tag in ("ADP", "NUM"):
            pass  # "steeg met 13.000 tot 277.000": the change stands between name and level
        elif t.tag in _HEAD:
            start = _phrase_start(before, k)
            if _in_phrase(before, start, phrases):
                k = start - 2  # "in de techniek": the noun the phrase belongs to is before it
                continue
            if start >= 2 and before[start - 1].text.lower() in phrases.of_words and \
                    before[start - 2].tag in _HEAD:
                # "de hoogte van de rente … bedraagt 8%": the name is the noun before "van"
                # (its complement says more), unless that noun stands in a phrase itself
                # ("op grond van het Bbz")
                outer = _phrase_start(before, start - 2)
                if _in_phrase(before, outer, phrases):
                    k = outer - 2
                    continue
                k = start - 2
            break
        elif not (t.tag in ("ADV", "ADP", "ADJ") or low in phrases.stop):
            break  # an adjective may stand as an adverb: "wettelijk vastgesteld op 8 procent"
        k -= 1
    if not bound or k < 0 or before[k].tag not in _HEAD or \
            before[k].text.lower() in phrases.stop:
        return None
    return _nominal(before[_phrase_start(before, k):], phrases)


def _in_phrase(before: list[_Token], start: int, phrases: Phrases) -> bool:
    """Does a preposition other than "van" open the noun phrase starting at ``start``?"""
    return start > 0 and before[start - 1].tag == "ADP" and \
        before[start - 1].text.lower() not in phrases.of_words


def _phrase_start(before: list[_Token], k: int) -> int:
    """Where the noun phrase ending at ``k`` starts (its adjectives and article)."""
    start = k
    while start > 0 and (before[start - 1].tag == "ADJ"
                         or _attributive(before[start - 1], before[start])):
        start -= 1
    if start > 0 and before[start - 1].tag == "DET":
        start -= 1
    return start


def _measured(head: str, phrases: Phrases) -> str:
    """A compound on a generic head is about its first part: "rentepercentage" is the
    percentage of the rente, "werkloosheidspercentage" of the werkloosheid."""
    parts = compound_parts(head)
    if parts is None or parts[1] not in phrases.generic:
        return head
    return noun_lemma(parts[0]) or parts[0]


def head_lemma(word: str) -> str:
    """A noun's lemma: the treebanks' where they hold the word ("projecten" → "project");
    for a compound they lack, its first part and its last part's lemma ("asielplekken"
    → "asielplek"); else the lemmatizer's."""
    low = word.lower()
    known = noun_lemma(low)
    if known is not None or low in lexicon():
        return known or low
    part = compound_head(low)
    if part is not None:
        return low[: len(low) - len(part)] + (noun_lemma(part) or part)
    return lemma(word)


@lru_cache(maxsize=65536)
def known(word: str) -> bool:
    """A Dutch word: in the treebank lexicon or in the lemmatizer's dictionary."""
    return word in lexicon() or bool(simplemma.is_known(word, lang="nl"))


@lru_cache(maxsize=65536)
def compound_parts(word: str) -> tuple[str, str] | None:
    """A compound's first part (as a known word, its linking -s-, -e- or -en- taken off)
    and its last part's lemma: "studentenwoning" → ("student", "woning"), when both are
    known words and the last a noun; "investering" is no "investe" + "ring"."""
    lex = lexicon()
    for start in range(MIN_MODIFIER, len(word) - MIN_HEAD + 1):
        part = word[start:].lstrip("-")
        if lex.get(part) != "NOUN" and lex.get(lemma(part)) != "NOUN":
            continue
        for modifier in _modifiers(word[:start].rstrip("-")):
            if len(modifier) >= MIN_MODIFIER and known(modifier):
                return modifier, noun_lemma(part) or lemma(part)
    return None


def compound_kind(word: str) -> str:
    """The last part of a compound, else the word: "asielplek" → "plek"."""
    parts = compound_parts(word)
    return parts[1] if parts else word


def _modifiers(modifier: str) -> tuple[str, ...]:
    """The first part of a compound, as written and without a linking sound."""
    found = [modifier]
    for link in ("en", "s", "e"):
        if modifier.endswith(link):
            found.append(modifier[: -len(link)])
    return tuple(found)


def keys(measure: Measure) -> tuple[str, ...]:
    """The linking keys of a measure (see :mod:`factcheck.measure_keys`): "what:<counted
    head>", "kind:<its compound head>", "name:<head>", "of:<head>"."""
    found: set[str] = set()
    if measure.counted is not None:
        found.add(mk.key(mk.WHAT, measure.counted.head))
        found.add(mk.key(mk.KIND, measure.counted.kind))
    if measure.name is not None:
        found.add(mk.key(mk.NAME, measure.name.head))
    if measure.of is not None:
        found.add(mk.key(mk.OF, measure.of.head))
    return tuple(sorted(found))
