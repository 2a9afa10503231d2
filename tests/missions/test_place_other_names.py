"""Other names of places (corpus/places/other_names.yaml), Belarusian "ў"/"в" and typos in inflected names.

The names come from a data file operators edit, so the tests check the mechanism
with names made up for the test as well as the shipped file's entries.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.missions.lookup import MissionDirectory
from corpus import OTHER_NAMES_FILE, OtherNames, load_missions, load_other_names

CORPUS_DIR = Path(__file__).resolve().parents[2] / "corpus"
MISSIONS = load_missions(CORPUS_DIR / "missions")


@pytest.fixture(scope="module")
def directory() -> MissionDirectory:
    return MissionDirectory(MISSIONS, load_other_names(CORPUS_DIR / OTHER_NAMES_FILE))


def _first(directory: MissionDirectory, question: str) -> str | None:
    query = directory.lookup(question)
    if query is None:
        return None
    return (query.matches or query.nearest)[0].id


def test_other_name_of_a_country_finds_its_missions() -> None:
    names = OtherNames(countries={"IR": ("Farsland", "Фарсландия")})
    with_names = MissionDirectory(MISSIONS, names)
    assert _first(with_names, "Belarusian embassy in Farsland") == "by-embassy-iran-tehran"
    assert _first(with_names, "посольство Беларуси в Фарсландии") == "by-embassy-iran-tehran"
    assert MissionDirectory(MISSIONS).lookup("Belarusian embassy in Farsland") is None


def test_other_name_of_a_city_finds_its_missions() -> None:
    names = OtherNames(cities={"Munich": ("Minga",)})
    assert _first(MissionDirectory(MISSIONS, names), "consulate in Minga") == (
        "by-consulate-general-germany-munich"
    )


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Where is the Belarusian embassy in Kiev?", "by-embassy-ukraine-kyiv"),
        ("посольство Беларуси в Персии", "by-embassy-iran-tehran"),
        ("консульство рб в питере", "by-consulate-general-russia-saint-petersburg"),
        ("Belarus consulate in Bombay", "by-consulate-general-india-mumbai"),
        ("посольство КНДР в Минске", "north-korea-embassy-minsk"),
        # "Нур-Султан" is Astana's old name, not the Sultanate of Oman
        ("посольство в Нур-Султане", "by-embassy-kazakhstan-astana"),
        # "America" is the United States, not American Samoa
        ("Belarus embassy in America", "by-embassy-united-states-washington"),
        # no mission in Myanmar: the nearest embassy by capital distance
        ("Belarus embassy in Burma", "by-embassy-vietnam-hanoi"),
    ],
)
def test_shipped_other_names_answer(directory: MissionDirectory, question: str, expected: str) -> None:
    assert _first(directory, question) == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("пасольства ў Кіеве", "by-embassy-ukraine-kyiv"),
        ("консульства ў Харкаве", "by-honorary-consulate-ukraine-kharkiv"),
        ("пасольства Беларусі ў Кішынёве", "by-embassy-moldova-chisinau"),
    ],
)
def test_belarusian_name_ending_in_short_u_is_found_declined(
    directory: MissionDirectory, question: str, expected: str
) -> None:
    assert _first(directory, question) == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("консульство в мюнхине", "by-consulate-general-germany-munich"),
        ("посольство в израеле", "by-embassy-israel-tel-aviv"),
        ("посольство беларуси в варшве", "by-embassy-poland-warsaw"),
    ],
)
def test_typo_in_an_inflected_name_is_found(
    directory: MissionDirectory, question: str, expected: str
) -> None:
    assert _first(directory, question) == expected


@pytest.mark.parametrize(
    "text", ["который час", "о принципах сотрудничества", "европейский выбор", "Kremlin"]
)
def test_dictionary_words_are_not_read_as_misspelt_names(directory: MissionDirectory, text: str) -> None:
    assert directory.country_in(text) is None


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("как зовут посла Беларуси в Армении", "by-embassy-armenia-yerevan"),
        ("хто пасол Беларусі ў Кітаі", "by-embassy-china-beijing"),
        ("Что изменилось после визита в Германию?", None),
        ("послание президента о Китае", None),
    ],
)
def test_declined_ambassador_asks_for_the_embassy(
    directory: MissionDirectory, question: str, expected: str | None
) -> None:
    assert _first(directory, question) == expected
