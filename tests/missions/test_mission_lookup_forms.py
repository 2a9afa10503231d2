"""Declined, plural and short names, Belarusian "ва", regions, and where a closed mission sends people.

Each case is a behaviour of the lookup over the shipped records, phrased the way
people type; the ids are the records' own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.missions.lookup import MissionDirectory
from corpus import OTHER_NAMES_FILE, load_missions, load_other_names

CORPUS_DIR = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture(scope="module")
def directory() -> MissionDirectory:
    return MissionDirectory(
        load_missions(CORPUS_DIR / "missions"), load_other_names(CORPUS_DIR / OTHER_NAMES_FILE)
    )


def _first(directory: MissionDirectory, question: str) -> str | None:
    query = directory.lookup(question)
    if query is None:
        return None
    return (query.matches or query.nearest)[0].id


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # "ва" is Belarusian "in" before у/в: the place, so Belarus's mission there
        ("пасольства ва Украіне", "by-embassy-ukraine-kyiv"),
        ("пасольства ва Угандзе", "by-embassy-kenya-nairobi"),
        # genitive plurals and soft adjectives
        ("посольство Беларуси для Соединённых Штатов", "by-embassy-united-states-washington"),
        ("консульство Беларуси для Нижнего Новгорода", "by-consulate-general-russia-nizhny-novgorod"),
        # a three-letter name, declined
        ("отделение посольства в Уфе", "by-embassy-branch-russia-ufa"),
        # a doubled letter and a "й" before the vowel ending, typed for the name's
        ("пасольства беларусі ў кенніі", "by-embassy-kenya-nairobi"),
        ("пасольства беларусі ў індыйі", "by-embassy-india-new-delhi"),
    ],
)
def test_declined_names_are_found(directory: MissionDirectory, question: str, expected: str) -> None:
    assert _first(directory, question) == expected


def test_region_of_a_consular_district_wins_over_the_iso_region_of_that_name(
    directory: MissionDirectory,
) -> None:
    assert _first(directory, "Which consulate serves Komi?") == "by-consulate-general-russia-saint-petersburg"


@pytest.mark.parametrize(
    "question",
    [
        "Belarusian consulate for Lublin Voivodeship",
        "какое консульство обслуживает Варминско-Мазурское воеводство",
    ],
)
def test_polish_voivodeship_by_its_other_names_gets_belarus_missions_in_poland(
    directory: MissionDirectory, question: str
) -> None:
    query = directory.lookup(question)
    assert query is not None and query.country_code == "PL" and query.direction == "belarus_abroad"
    assert query.region is not None


def test_asked_where_to_turn_in_a_city_whose_mission_closed_the_successor_answers(
    directory: MissionDirectory,
) -> None:
    turn = "в какое консульство обращаться белорусам в Хабаровске"
    assert _first(directory, turn) == "by-consulate-general-russia-vladivostok"
    # asked for the mission itself, the closed branch still answers (its card says where to turn)
    assert _first(directory, "консульство в Хабаровске") == "by-embassy-branch-russia-khabarovsk"


@pytest.mark.parametrize(
    "text",
    [
        "Почему мигранты идут через границу?",  # not "Эмираты"
        "адносіны з краінамі глабальнага поўдня",  # "краінамі" is not Украіна
    ],
)
def test_close_spelling_must_begin_like_the_name(directory: MissionDirectory, text: str) -> None:
    assert directory.country_in(text) is None


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("belarusian embassy office in krasnoyarsk", "by-embassy-branch-russia-krasnoyarsk"),
        # no embassy in Kazan: the embassy's branch there is the embassy asked for
        ("посольство Беларуси в Казани", "by-embassy-branch-russia-kazan"),
    ],
)
def test_embassy_in_a_city_of_its_branch_finds_the_branch(
    directory: MissionDirectory, question: str, expected: str
) -> None:
    assert _first(directory, question) == expected


def test_no_mission_of_the_kind_in_a_city_gets_the_one_whose_district_names_it(
    directory: MissionDirectory,
) -> None:
    query = directory.lookup("якое польскае консульства абслугоўвае жыхароў Мінска")
    assert query is not None and [m.id for m in query.matches] == ["poland-embassy-minsk"]
    # no district names Warsaw: the embassy there is offered, not claimed to be a consulate
    query = directory.lookup("консульство беларуси в варшаве")
    assert query is not None and not query.matches and query.nearest[0].id == "by-embassy-poland-warsaw"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("посольство в Великой Британии", "by-embassy-united-kingdom-london"),
        ("пасольства ў Вялікай Брытаніі", "by-embassy-united-kingdom-london"),
        ("посольство Беларуси в Британии", "by-embassy-united-kingdom-london"),
        ("British embassy", "united-kingdom-embassy-minsk"),
        # Belarusian classical orthography (taraškievica), from the other-names file
        ("пасольства Беларусі ў Турэччыне", "by-embassy-turkey-ankara"),
        ("пасольства ў Бэльгіі", "by-embassy-belgium-brussels"),
    ],
)
def test_britain_and_classical_belarusian_names(
    directory: MissionDirectory, question: str, expected: str
) -> None:
    assert _first(directory, question) == expected


@pytest.mark.parametrize("text", ["индустриальный парк Великий камень", "дзякуй вялікі"])
def test_great_alone_names_no_country(directory: MissionDirectory, text: str) -> None:
    assert directory.country_in(text) is None


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Кто представляет интересы Беларуси в Португалии?", "by-embassy-france-paris"),
        ("Хто прадстаўляе Беларусь у Партугаліі?", "by-embassy-france-paris"),
        # asked where to turn, the working embassy covering the country, not the closed one there
        ("Я гражданин Беларуси в Эквадоре, куда мне обратиться?", "by-embassy-colombia-bogota"),
        # one Belarusian ("беларусу"), not only Belarusians
        ("куды звяртацца беларусу ў Даніі", "by-embassy-germany-berlin"),
    ],
)
def test_who_represents_and_where_to_turn(directory: MissionDirectory, question: str, expected: str) -> None:
    assert _first(directory, question) == expected


def test_asked_for_the_embassy_itself_the_closed_one_answers(directory: MissionDirectory) -> None:
    assert _first(directory, "посольство Беларуси в Эквадоре") == "by-embassy-ecuador-quito"


@pytest.mark.parametrize(
    "question", ["Кто представляет Беларусь в ООН?", "Who represents Belarus at the UN?"]
)
def test_representation_at_an_organisation_is_left_to_the_passages(
    directory: MissionDirectory, question: str
) -> None:
    assert directory.lookup(question) is None
