"""The Belarusian stemmer brings the case and verb forms of a word to one stem."""

from __future__ import annotations

import pytest

from index.belarusian_stemmer import stem_belarusian

SAME_STEM = [
    ("Беларусь", "Беларусі", "Беларуссю"),
    ("Кітай", "Кітаі", "Кітая", "Кітаю", "Кітаем"),
    ("супрацоўніцтва", "супрацоўніцтве", "супрацоўніцтвам", "супрацоўніцтву"),
    ("еўрапейскі", "еўрапейскага", "еўрапейскай", "еўрапейская", "Еўрапейскім"),
    ("Расія", "Расіі", "Расію", "Расіяй"),
    ("Амерыка", "Амерыкі", "Амерыцы", "Амерыкай"),
    ("палітыка", "палітыкі", "палітыцы", "палітыкай"),
    (
        "развіваць",
        "развівае",
        "развіваюцца",
        "развіваецца",
        "развіваючы",
        "развіваюць",
        "развіваліся",
        "развівала",
    ),
    ("імкнецца", "імкнуліся", "імкнулася"),
    ("з'яўляецца", "з’яўляючыся", "з'яўляцца"),
    ("адносіны", "адносін", "адносінах", "адносінамі"),
    ("дыпламатыя", "дыпламатыі", "дыпламатыяй"),
    ("арганізацыя", "арганізацыі", "арганізацый", "арганізацыямі"),
    ("краіна", "краіны", "краінах", "краін", "краінамі"),
    ("саюз", "саюза", "саюзе", "саюзам", "саюзаў"),
    ("партнёр", "партнёрам", "партнёраў", "партнёры", "партнер"),
    ("маладосць", "маладосці", "маладосцю"),
    ("сям'я", "сям’і", "сямʼёй", "сямя"),
    ("пытанне", "пытанні", "пытанняў"),
    ("развіццё", "развіцця"),
    ("Прага", "Празе"),
    ("Захад", "Захадзе"),
    ("Кіеў", "Кіева", "Кіеве"),
    ("ўзровень", "узровень"),
    ("горад", "гарады", "горадзе"),
    ("дыялог", "дыялогу", "дыялогам"),
    # the classical spelling's soft sign before a consonant (and łacinka's "ńn" converted)
    ("значэнне", "значэньне", "значэння"),
    ("свет", "сьвет", "сьвеце"),
]


@pytest.mark.parametrize("forms", SAME_STEM, ids=lambda forms: forms[0])
def test_inflected_forms_share_one_stem(forms: tuple[str, ...]) -> None:
    assert {stem_belarusian(form) for form in forms} == {stem_belarusian(forms[0])}


@pytest.mark.parametrize(
    ("abbreviation", "stem"), [("ЗША", "зша"), ("СНД", "снд"), ("ААН", "аан"), ("АДКБ", "адкб"), ("ЕС", "ес")]
)
def test_abbreviations_are_only_lowercased(abbreviation: str, stem: str) -> None:
    assert stem_belarusian(abbreviation) == stem


@pytest.mark.parametrize(
    ("first", "second"),
    [("Кітай", "Расія"), ("краіна", "кіраўнік"), ("саюз", "сусед"), ("дзяржава", "дыпламатыя")],
)
def test_different_words_keep_different_stems(first: str, second: str) -> None:
    assert stem_belarusian(first) != stem_belarusian(second)


def test_stem_is_shorter_than_an_inflected_word() -> None:
    assert stem_belarusian("супрацоўніцтвам") == "супрацауніцтв"
