"""Character repair, furniture removal and Dutch dehyphenation (factcheck.ingest.normalize)."""

from __future__ import annotations

import pytest

from factcheck.ingest.normalize import (
    Vocabulary,
    clean_chars,
    collapse_blank_lines,
    dehyphenate,
    drop_furniture,
)
from factcheck.rules import Rules


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("panklare oplos-", "singen zijn", "panklare oplossingen"),
        ("De vraag naar hbo-", "geschoolde jongeren", "De vraag naar hbo-geschoolde"),
        ("nieuwe techno-", "logie en", "nieuwe technologie"),
        ("hun verantwoorde-", "lijkheid nemen", "hun verantwoordelijkheid"),
        ("in Noord-", "Holland en", "in Noord-Holland"),
        ("met 3D-", "printing", "met 3D-printing"),
        ("een zee-", "egel", "een zee-egel"),
        ("de TOZO-", "lening", "de TOZO-lening"),
        ("32 545 Wet-", "en regelgeving", "32 545 Wet- en regelgeving"),
    ],
)
def test_dehyphenate(rules: Rules, first: str, second: str, expected: str) -> None:
    lines = dehyphenate([first, second], rules.layout, Vocabulary.of([]))
    assert lines[0] == expected


def test_dehyphenate_follows_the_documents_own_spelling(rules: Rules) -> None:
    seen = Vocabulary.of(["de Techniekpact-monitor verscheen"])
    assert dehyphenate(["de Techniekpact-", "monitor"], rules.layout, seen)[0] == \
        "de Techniekpact-monitor"
    joined = Vocabulary.of(["het zogenaamde multiplier-effect"])
    assert dehyphenate(["het multiplier-", "effect"], rules.layout, joined)[0] == \
        "het multiplier-effect"


def test_dehyphenate_drops_an_emptied_line(rules: Rules) -> None:
    assert dehyphenate(["geen oplos-", "singen", "meer"], rules.layout, Vocabulary.of([])) == \
        ["geen oplossingen", "meer"]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("ﬁnanciële", "financiële"),
        ("ofﬂine", "offline"),
        ("samen\u00adwerking", "samenwerking"),
        ("otc\ufffe", "otc-"),
        ("oplos\x02", "oplos-"),
        ("€\u00a0100.000", "€ 100.000"),
        ("e\u0301e\u0301n", "één"),
    ],
)
def test_clean_chars(raw: str, clean: str) -> None:
    assert clean_chars(raw) == clean


def test_drop_furniture_joins_an_interrupted_sentence(rules: Rules) -> None:
    lines = ["het is heel goed denkbaar dat", "",
             "Tweede Kamer, vergaderjaar 2017–2018, 32 637, nr. 319 14", "", "", "werk verdwijnt."]
    assert drop_furniture(lines, rules.layout.furniture) == \
        ["het is heel goed denkbaar dat", "werk verdwijnt."]


@pytest.mark.parametrize(
    "line",
    [
        "Tweede Kamer, vergaderjaar 2020–2021, Aanhangsel 1",
        "Tweede Kamer, vergaderjaar 2024–2025, 28 286, nr. 1366 2",
        "Pagina 2 van 15",
        "ISSN 0921 - 7371",
        "’s-Gravenhage 2021",
        "kst-32545-143",
    ],
)
def test_furniture_lines_go(rules: Rules, line: str) -> None:
    assert drop_furniture(["Tekst.", line, "Meer tekst."], rules.layout.furniture) == \
        ["Tekst.", "Meer tekst."]


def test_collapse_blank_lines() -> None:
    assert collapse_blank_lines(["", "a", "", " ", "", "b", ""]) == ["a", "", "b"]
