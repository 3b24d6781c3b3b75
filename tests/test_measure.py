"""What a number measures, from the structure of its sentence (factcheck.extract.measure, pos)."""

from __future__ import annotations

import pytest

from factcheck.extract.measure import compound_kind, keys, read_measure
from factcheck.extract.pos import tag
from factcheck.rules import Rules


def _measure(rules: Rules, sentence: str, number: str, unit: str) -> dict[str, str | None]:
    at = sentence.index(number)
    m = read_measure(sentence, at, at + len(number), unit, rules.phrases)
    return {"counted": m.counted.head if m.counted else None,
            "of": m.of.head if m.of else None,
            "name": m.name.head if m.name else None}


@pytest.mark.parametrize(("sentence", "number", "unit", "counted", "of", "name"), [
    # what the number counts: the noun phrase after it, its head as a lemma
    ("Er liggen zo'n 18.000 projecten stil.", "zo'n 18.000", "count", "project", None, None),
    ("De NFIA had contact met ruim 200 geïnteresseerde bedrijven.", "ruim 200", "count",
     "bedrijf", None, None),
    ("Er dreigen 40.000 asielplekken verloren te gaan.", "40.000", "count", "asielplek", None,
     None),
    # what an amount is for
    ("Voor Nederland gaat het om 40 miljard aan export.", "40 miljard", "EUR", "export", None,
     None),
    # whose value it is: bound by "van" or by a verb, across a prepositional phrase
    ("Er ontstaat een tekort van 40.000 plekken.", "40.000", "count", "plek", None, "tekort"),
    ("De werkloosheid steeg naar 3,3 procent.", "3,3 procent", "percent", None, None,
     "werkloosheid"),
    ("Het aantal vacatures in de techniek is gestegen tot bijna 60.000.", "bijna 60.000",
     "count", None, None, "vacature"),
    ("Het aantal werklozen steeg met 13.000 tot 277.000.", "277.000", "count", None, None,
     "werkloze"),
    ("De hoogte van de rente op leningen op grond van het Bbz bedraagt in alle gevallen 8%.",
     "8%", "percent", None, None, "rente"),
    ("Bij Bbz-kredieten is de hoogte van de rente wettelijk vastgesteld op 8 procent.",
     "8 procent", "percent", None, None, "rente"),
    # a compound on a generic head is about its first part; the verb may follow the number
    ("Waarom is het rentepercentage voor de Tozo op 2% gesteld?", "2%", "percent", None, None,
     "rente"),
    # what a share is of, after it or opening its clause; a nominalized participle
    ("Nu doet 52% van de afgestudeerden dat.", "52%", "percent", None, "afgestudeerde", None),
    ("Van de technisch opgeleiden werkt slechts 53 procent in een technisch beroep.",
     "53 procent", "percent", None, "afgestudeerde", None),
    ("Slechts 16% van de huurwoningen heeft zonnepanelen.", "16%", "percent", None,
     "huurwoning", None),
    # no slot where the sentence gives none
    ("In het regeerakkoord staat structureel 100 miljoen euro.", "100 miljoen euro", "EUR",
     None, None, None),
    ("De instroom is 32.200 lager dan de vraag.", "32.200", "count", None, None, None),
    # a name after a number is no count: "Eikenstraat 20 Zwolle" counts no Zwolles
    ("Ons kantoor: Eikenstraat 20 Zwolle.", "20", "count", None, None, None),
])
def test_slots(rules: Rules, sentence: str, number: str, unit: str, counted: str | None,
               of: str | None, name: str | None) -> None:
    assert _measure(rules, sentence, number, unit) == {"counted": counted, "of": of,
                                                        "name": name}


def test_keys_say_what_linking_compares(rules: Rules) -> None:
    sentence = "Er ontstaat een tekort van 40.000 asielplekken."
    at = sentence.index("40.000")
    m = read_measure(sentence, at, at + 6, "count", rules.phrases)
    assert keys(m) == ("kind:plek", "name:tekort", "what:asielplek")


@pytest.mark.parametrize(("word", "kind"), [
    ("asielplek", "plek"), ("studentenwoning", "woning"), ("gezondheidszorg", "zorg"),
    ("investering", "investering"),  # no "investe" + "ring"
    ("tekort", "tekort"), ("export", "export"),
])
def test_compound_kind(word: str, kind: str) -> None:
    assert compound_kind(word) == kind


@pytest.mark.parametrize(("word", "expected"), [
    ("projecten", "NOUN"), ("werkt", "VERB"), ("technisch", "ADJ"), ("van", "ADP"),
    ("de", "DET"), ("asielplekken", "NOUN"),  # unknown compound: its last part decides
])
def test_pos_lexicon(word: str, expected: str) -> None:
    assert tag(word) == expected
