"""Quantities in real Dutch sentences: value, unit, hedge, interval — and what is no claim."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from factcheck.extract.quantities import find_cores, find_quantities, grammar, stretches
from factcheck.rules import Rules

CLAIMS = [
    # sentence, text as written, value, unit, qualifier
    ("De vraag naar hbo-geschoolde jongeren is 59.900 groter dan de instroom in het hbo.",
     "59.900", 59900, "count", "exact"),
    ("Slechts 53 procent werkt in een technisch beroep.", "53 procent", 53, "percent", "exact"),
    ("De instroom bleef gelijk op 29%.", "29%", 29, "percent", "exact"),
    ("Dat zal oplopen tot bijna 60.000.", "bijna 60.000", 60000, "count", "less_than"),
    ("Er is 3,2% meer instroom.", "3,2%", 3.2, "percent", "exact"),
    ("Een bedrag van 1.200,50 euro.", "1.200,50 euro", 1200.5, "EUR", "exact"),
    ("Het kost 1,2 miljoen per jaar.", "1,2 miljoen", 1_200_000, "EUR", "exact"),
    ("De regeling kost 1,2 mln. per jaar.", "1,2 mln.", 1_200_000, "EUR", "exact"),
    ("Elk departement betaalt zo’n drie ton per jaar.", "zo’n drie ton", 300_000, "EUR", "approx"),
    ("Er is € 272 miljoen geïnvesteerd.", "€ 272 miljoen", 272_000_000, "EUR", "exact"),
    ("Er is 100 miljoen euro beschikbaar.", "100 miljoen euro", 100_000_000, "EUR", "exact"),
    ("Er is een bezuiniging van 7 miljoen aangekondigd op praktijkleren.", "7 miljoen",
     7_000_000, "EUR", "exact"),
    ("Het gaat om 17 miljoen mensen.", "17 miljoen", 17_000_000, "count", "exact"),
    ("Er zou 350 miljoen pond per week naar de NHS gaan.", "350 miljoen pond", 350_000_000,
     "GBP", "exact"),
    ("Het fonds is 2 miljard dollar waard.", "2 miljard dollar", 2_000_000_000, "USD", "exact"),
    ("De export bedraagt 40 miljard.", "40 miljard", 40_000_000_000, "EUR", "exact"),
    ("Het aandeel steeg met 2,5 procentpunt.", "2,5 procentpunt", 2.5, "pp", "exact"),
    ("Er zijn twaalf doelen in het Techniekpact.", "twaalf", 12, "count", "exact"),
    ("Wij zien vijfenveertig nieuwe netwerken.", "vijfenveertig", 45, "count", "exact"),
    ("Er kwamen honderdvijftig bedrijven.", "honderdvijftig", 150, "count", "exact"),
    ("Er is anderhalf miljoen euro nodig.", "anderhalf miljoen euro", 1_500_000, "EUR", "exact"),
    ("De helft van de leerlingen kiest techniek.", "De helft", 50, "percent", "exact"),
    ("Een kwart van de studenten stopt.", "Een kwart", 25, "percent", "exact"),
    ("Twee derde van de vacatures is moeilijk vervulbaar.", "Twee derde", 66.6667, "percent",
     "exact"),
    ("Bijna de helft van de leerlingen kiest techniek.", "Bijna de helft", 50, "percent",
     "less_than"),
    ("Een tekort van zo’n 5% à 10% is reëel.", "zo’n 5% à 10%", 7.5, "percent", "range"),
    ("Dat leidt tot een verlies van tussen de 18.000 en 73.000 banen.",
     "tussen de 18.000 en 73.000", 45500, "count", "range"),
    ("Er zijn 100.000 tot 125.000 extra technici nodig.", "100.000 tot 125.000", 112_500,
     "count", "range"),
    ("De kosten van 2,2 tot 7,8 miljoen euro per jaar.", "2,2 tot 7,8 miljoen euro",
     5_000_000, "EUR", "range"),
    ("Circa 100.000 Oekraïners verblijven in gemeentelijke opvang.", "Circa 100.000", 100_000,
     "count", "approx"),
    ("Van de ruim 200 geïnteresseerde bedrijven.", "ruim 200", 200, "count", "more_than"),
    ("Meer dan 50% van de bedrijven ziet risico’s.", "Meer dan 50%", 50, "percent",
     "more_than"),
    ("Nog geen 10% van de docenten is technicus.", "Nog geen 10%", 10, "percent", "less_than"),
    ("De bijdrage is maximaal 5 procent.", "maximaal 5 procent", 5, "percent", "at_most"),
    ("Het gaat om minstens 3 procentpunt.", "minstens 3 procentpunt", 3, "pp", "at_least"),
    ("Er zijn ten minste 400 plekken.", "ten minste 400", 400, "count", "at_least"),
    ("Er zijn zelfs tot 120.000 nieuwe medewerkers nodig.", "tot 120.000", 120_000, "count",
     "at_most"),
    ("Er waren een twintigtal heren aanwezig.", "een twintigtal", 20, "count", "approx"),
    ("Het derde exportland, met zo'n 39 miljard aan goederen.", "zo'n 39 miljard",
     39_000_000_000, "EUR", "approx"),  # "exportland": a compound of a money word
    # issue 11: ratio words, cents, physical units, "ton" by context, hedges
    ("Bijna een op de twintig scholen heeft geen conciërge.", "Bijna een op de twintig", 5,
     "percent", "less_than"),
    ("Zo'n 8,5%, één op de elf, kiest voor Nederland.", "één op de elf", 9.0909, "percent",
     "exact"),
    ("Een op de twaalf kinderen groeit op in armoede.", "Een op de twaalf", 8.3333, "percent",
     "exact"),
    ("En uiteindelijk een kwart bij de overheid.", "een kwart", 25, "percent", "exact"),
    ("Driekwart van de patiënten krijgt een uitkering.", "Driekwart", 75, "percent", "exact"),
    ("Een liter melk kost zo'n 20 cent meer.", "zo'n 20 cent", 0.2, "EUR", "approx"),
    ("De gemeente geeft acht ton subsidie.", "acht ton", 800_000, "EUR", "exact"),
    ("De uitstoot is acht ton CO2 per jaar.", "acht ton", 8, "t", "exact"),
    ("Een opslag groter dan of gelijk aan 10.000 kg.", "groter dan of gelijk aan 10.000 kg",
     10_000, "kg", "at_least"),
    ("Er komt 2.500 hectare natuur bij.", "2.500 hectare", 2_500, "ha", "exact"),
    ("Het windpark van 700 MW levert 300 GWh.", "700 MW", 700, "MW", "exact"),
    ("Het windpark van 700 MW levert 300 GWh.", "300 GWh", 300, "GWh", "exact"),
    ("Er worden 940 fte toegevoegd aan de douane.", "940 fte", 940, "fte", "exact"),
    ("De dijk wordt over 800 meter verhoogd.", "800 meter", 800, "m", "exact"),
    ("De regeling geldt tot een maximum van € 750 miljoen.",
     "tot een maximum van € 750 miljoen", 750_000_000, "EUR", "at_most"),
    ("Ik heb bijna drie kwartier geluisterd.", "bijna drie kwartier", 45, "minute", "less_than"),
    ("Voor de komende drieënhalf jaar.", "drieënhalf jaar", 3.5, "year", "exact"),
    # "tot" after a verb of change states the level reached, not a bound
    ("Het aantal werklozen steeg tot 277.000.", "277.000", 277_000, "count", "exact"),
    ("De kosten zijn opgelopen tot 10 miljard euro.", "10 miljard euro", 10e9, "EUR", "exact"),
    ("Het aantal nam toe tot 5.000.", "5.000", 5_000, "count", "exact"),
    ("Het tekort kan oplopen tot 730 miljoen euro.", "oplopen tot 730 miljoen euro", 730e6,
     "EUR", "at_most"),
    ("De inspectie duurde 30 maanden.", "30 maanden", 30, "month", "exact"),
]


@pytest.mark.parametrize(("sentence", "text", "value", "unit", "qualifier"), CLAIMS)
def test_quantity_is_read_as_a_dutch_reader_reads_it(sentence: str, text: str, value: float,
                                                     unit: str, qualifier: str,
                                                     rules: Rules) -> None:
    found = [q for q in find_quantities(sentence, rules) if q.text == text]
    assert found, f"{text!r} not found; got {[q.text for q in find_quantities(sentence, rules)]}"
    quantity = found[0]
    assert quantity.value == pytest.approx(value, rel=1e-4)
    assert (quantity.unit, quantity.qualifier) == (unit, qualifier)


NOT_CLAIMS = [
    "Aanvang 19.03 uur.",
    "De vergadering wordt van 19.44 uur tot 20.00 uur geschorst.",
    "We schorsen tot acht uur.",
    "De commissies hebben op 27 juni 2018 overleg gevoerd.",
    "In 2013 sloot de rijksoverheid het Techniekpact.",
    "In het schooljaar 2006/07 begon de regeling.",
    "Tweede Kamer, vergaderjaar 2017–2018, 32 637, nr. 319 14",
    "Zie de brief (Kamerstuk 32 637, nr. 285).",
    "Het besluit staat in Staatsblad 2020, 118.",
    "Het Besluit bekostiging WHW 2004 is gewijzigd.",
    "De fractie van D66 steunt de motie.",
    "De uitstoot van CO2 en 3D-printing.",
    "Vraag 3",
    "Zie het antwoord op vraag 5.",
    "Studenten op niveau 3 en leerlingen in 4 havo.",
    "Het is twee voor twaalf voor de techniek.",
    "De rapportage is naar uw Kamer gestuurd.3 In deze documenten",
    "Kent u de berichten «Vakkracht blijft schaars»?12",
    "Dat is mijn eerste punt. Eén. De Staatssecretaris ziet het niet.",
    "Ten derde vindt het CDA het belangrijk.",
    "Het derde punt wordt gevormd door betere combi’s.",
    "De deadline is 11-10-2024.",
    "Pagina 3 van 15",
    "ISSN 0921 - 7371",
    "De rapportagegrens van artikel 13, lid 2.",
]


@pytest.mark.parametrize("sentence", NOT_CLAIMS)
def test_no_claim_is_found_in_references_dates_and_labels(sentence: str, rules: Rules) -> None:
    assert [q.text for q in find_quantities(sentence, rules)] == []


def test_hedged_intervals_point_the_right_way(rules: Rules) -> None:
    (bijna,) = find_quantities("De vraag is bijna 60.000 groter.", rules)
    assert bijna.interval.high == 60000 and -math.inf < bijna.interval.low < 60000
    (ruim,) = find_quantities("Er zijn ruim 200 bedrijven.", rules)
    assert ruim.interval.low == 200 and 200 < ruim.interval.high < math.inf
    (meer,) = find_quantities("Meer dan 50% van de bedrijven.", rules)
    assert meer.interval.bounds() == (50, None)
    (hooguit,) = find_quantities("Dat is hooguit 5 procent.", rules)
    assert hooguit.interval.bounds() == (None, 5)


@pytest.mark.parametrize(("sentence", "low_closed", "high_closed"), [
    ("Het zijn maximaal 12.000 leerlingen.", False, True),  # the bound said belongs to it
    ("Het zijn minstens 12.000 leerlingen.", True, False),
    ("Het zijn minder dan 12.000 leerlingen.", False, False),  # "minder dan": it does not
    ("Het zijn meer dan 12.000 leerlingen.", False, False),
    ("Het zijn tussen de 10.000 en 12.000 leerlingen.", True, True),  # a range holds its ends
    ("Het zijn 12.000 leerlingen.", False, False),  # rounding ends are shared with neighbours
])
def test_the_words_say_which_ends_belong(rules: Rules, sentence: str, low_closed: bool,
                                         high_closed: bool) -> None:
    (found,) = find_quantities(sentence, rules)
    assert (found.interval.low_closed, found.interval.high_closed) == (low_closed, high_closed)


def test_per_unit_is_kept(rules: Rules) -> None:
    (quantity,) = find_quantities("Er zou 350 miljoen pond per week naar de NHS gaan.", rules)
    assert quantity.per == "week"


def test_nonclaim_patterns_see_the_reach_around_a_number(rules: Rules) -> None:
    """A reference word 20 characters before the number masks it; out of reach it cannot."""
    sentence = "Zie Kamerstuk over de voortgang 32 637 van vorig jaar."
    assert rules.nonclaim_reach >= 20
    assert find_quantities(sentence, rules) == []
    near = replace(rules, nonclaim_reach=5)
    assert [q.text for q in find_quantities(sentence, near)] == ["32", "637"]


def test_stretches_are_widened_to_whole_words_and_merged(rules: Rules) -> None:
    text = ("Dat kost 5 procent van het budget, staat in een lange zin die verder gaat, "
            "zie https://example.org/rapport-2019/tabel-7 voor meer.")
    digits = [c for c in find_cores(text, grammar(rules)) if not c.is_word]
    assert [text[a:b] for a, b in stretches(text, digits, 8)] == [
        "Dat kost 5 procent", "https://example.org/rapport-2019/tabel-7 voor meer."]
    assert stretches("x" * 50 + "12" + "y" * 50, digits[:0], 8) == []


def test_small_number_words_that_could_be_claims_are_still_masked(rules: Rules) -> None:
    """Lone "een"s get no stretch to mask in; "een uur", "een miljoen" … do."""
    assert find_quantities("We schorsen tot een uur.", rules) == []  # a clock time
    text = "We schorsen tot een uur en praten daarna nog twee uur over een miljoen euro."
    assert [q.text for q in find_quantities(text, rules)] == ["twee uur", "een miljoen euro"]
    text = "Een van de leden vroeg om een miljoen voor een of twee procent van de scholen."
    # "een of twee procent": two alternatives, the first taking the unit of the second
    found = find_quantities(text, rules)
    assert [(q.text, q.value, q.unit) for q in found] == [
        ("een miljoen", 1_000_000, "count"), ("een", 1, "percent"), ("twee procent", 2, "percent")]


def test_a_rate_keeps_its_base_and_the_base_is_no_claim(rules: Rules) -> None:
    found = find_quantities("De spanning steeg door naar 88 per 100 werklozen.", rules)
    assert [(q.text, q.value, q.unit, q.per) for q in found] == [
        ("88", 88, "count", "100 werklozen")]
    found = find_quantities("De premie is € 12 per inwoner en 3 uur per maand.", rules)
    assert [(q.value, q.unit, q.per) for q in found] == [(12, "EUR", "inwoner"),
                                                         (3, "hour", "maand")]


def test_a_change_and_the_level_it_reaches_are_two_linked_claims(rules: Rules) -> None:
    found = find_quantities("Het aantal werklozen steeg met 13.000 tot 277.000.", rules)
    assert [(q.text, q.value, q.qualifier, q.link_role) for q in found] == [
        ("13.000", 13_000, "exact", "change"), ("277.000", 277_000, "exact", "level")]
    assert found[0].link_group == found[1].link_group == found[0].start
    # without "met" before it, "X tot Y" stays a range
    found = find_quantities("Er zijn 100.000 tot 125.000 technici nodig.", rules)
    assert [(q.qualifier, q.link_role) for q in found] == [("range", None)]


def test_alternatives_are_two_claims_sharing_unit_scale_and_base(rules: Rules) -> None:
    found = find_quantities("Dan komt het neer op € 150 of € 175 per werkplek.", rules)
    assert [(q.text, q.value, q.unit, q.per, q.link_role) for q in found] == [
        ("€ 150", 150, "EUR", "werkplek", "alternative"),
        ("€ 175", 175, "EUR", "werkplek", "alternative")]
    found = find_quantities("Het kost 5 of 6 miljoen euro.", rules)
    assert [(q.value, q.unit) for q in found] == [(5_000_000, "EUR"), (6_000_000, "EUR")]


def test_a_passage_about_money_makes_its_bare_amounts_money(rules: Rules) -> None:
    text = ("Het VK is het derde exportland voor Nederland, met zo'n 39 miljard aan goederen "
            "en nog eens zo'n 22 miljard aan diensten. Denk aan een export van 6 miljard, "
            "vlees en vleesproducten, 1,4 miljard, groente en fruit, 2 miljard.")
    found = find_quantities(text, rules)
    assert [(q.value, q.unit) for q in found] == [
        (39e9, "EUR"), (22e9, "EUR"), (6e9, "EUR"), (1.4e9, "EUR"), (2e9, "EUR")]
    # a counted noun after the amount keeps it a count, money passage or not
    found = find_quantities("Er gaat 40 miljard euro naar de zorg, voor 17 miljoen mensen.",
                            rules)
    assert [(q.value, q.unit) for q in found] == [(40e9, "EUR"), (17e6, "count")]
    # the currency does not cross a paragraph
    found = find_quantities("Er gaat € 40 miljard naar de zorg, en 2 miljard aan de rest.\n\n"
                            "En 2 miljard aan de rest.", rules)
    assert [q.unit for q in found] == ["EUR", "EUR", "count"]


ISSUE_11_NOT_CLAIMS = [
    "Ja, serieus: 2–0 verloren van Zuid-Korea.",
    "Gemeente Emmen, Raadhuisplein 1, Postbus 30001, 7800 RA Emmen.",
    "Er is zelfs een telefoonnummer voor: 0800 - 0235327.",
    "Bel t. 14 0591 of f. 0591 377602.",
    "Zie de vragen van Bisschop (2022D22285) en Westerveld (2022Z10723).",
    "Zaaknummer 361437-2024:912495, kenmerk 5687928/11.",
    "De commissie besprak agendapunt 6, 14 en 24.",
    "Rapport Vastgoed universiteiten; Deel 1: Financieel toezicht.",
    "1. Agendapunt: Situatie in Libië",
    "Zie Kamerstuk 21 501-02, nr. 2498.",
    "BORGMAN (RADIO 1) vroeg het de minister.",
    "De 60-plusmaatregel geldt niet voor 18-21 jarigen.",
    "Vraag 7, 8, 9 10 en 11",
    "de artikelen 3:10 en 3:17 Wet op het financieel toezicht",
    "Tweeminutendebat Armoede- en schuldenbeleid (CD 08/02)",
    "' Vergaderjaar 2019-2020, 24 515 nr. 544",
    "de huurverlaging (36 281) geldt alleen",
    "Hier ben ik het 100% mee eens; we staan in de top tien.",
    "Retouradres Postbus 20301 2500 EH Den Haag, Schedeldoekshaven 100.",
    "tijdens de COVID-19 lockdown",
]


@pytest.mark.parametrize("sentence", ISSUE_11_NOT_CLAIMS)
def test_scores_addresses_numbers_and_names_are_no_claims(sentence: str, rules: Rules) -> None:
    assert [q.text for q in find_quantities(sentence, rules)] == []


def test_numbers_next_to_nonclaims_are_still_claims(rules: Rules) -> None:
    """The new patterns do not eat real figures near them."""
    text = ("Het duurde 45 minuten; 17 miljoen mensen en EUR 100 per jaar. "
            "Het CDA kreeg 15 zetels. De 40 jaar oude regeling.")
    assert [q.text for q in find_quantities(text, rules)] == [
        "45 minuten", "17 miljoen", "EUR 100", "15", "40 jaar"]
