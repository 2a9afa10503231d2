"""Mission questions in English, Russian and Belarusian find the right records.

Each case names the mission ids expected first among the matches (in order), or
"none" with the ids expected among the nearest listed, or None for a question
that is not about missions at all.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from bot.missions.lookup import MissionDirectory
from corpus.missions_schema import load_missions

MISSIONS_DIR = Path(__file__).resolve().parents[2] / "corpus" / "missions"


@pytest.fixture(scope="module")
def directory() -> MissionDirectory:
    return MissionDirectory(load_missions(MISSIONS_DIR))


# (question, expected first matches)
MATCH_CASES = [
    # Belarus's missions abroad, English
    ("Where is the Belarusian embassy in Germany?", ["by-embassy-germany-berlin"]),
    ("embassy in Germany", ["by-embassy-germany-berlin"]),
    ("Embassy of Belarus in Poland", ["by-embassy-poland-warsaw"]),
    ("embassy in Germny", ["by-embassy-germany-berlin"]),
    ("Belarus embassy in the USA", ["by-embassy-united-states-washington"]),
    ("Belarusian embassy in China phone", ["by-embassy-china-beijing"]),
    ("phone of the consulate in Saint Petersburg", ["by-consulate-general-russia-saint-petersburg"]),
    ("Warsaw", ["by-embassy-poland-warsaw"]),
    ("consulate general in Munich", ["by-consulate-general-germany-munich"]),
    ("Belarusian consulate in Hong Kong", ["by-consulate-general-china-hong-kong"]),
    ("permanent mission to the UN in Geneva", ["by-permanent-mission-un-geneva"]),
    ("Belarus mission to the United Nations in New York", ["by-permanent-mission-un-new-york"]),
    ("honorary consulate in Izmir", ["by-honorary-consulate-turkey-izmir"]),
    ("embassy in Vietnam address", ["by-embassy-vietnam-hanoi"]),
    ("Belarusian embassy in Kazakstan", ["by-embassy-kazakhstan-astana"]),
    # Belarus's missions abroad, Russian and Belarusian, inflected
    ("посольство Беларуси в Китае", ["by-embassy-china-beijing"]),
    ("в Германии посольство", ["by-embassy-germany-berlin"]),
    ("у Германіі пасольства", ["by-embassy-germany-berlin"]),
    ("пасольства Беларусі ў Кітаі", ["by-embassy-china-beijing"]),
    ("генконсульство в Нижнем Новгороде", ["by-consulate-general-russia-nizhny-novgorod"]),
    ("консульство Беларуси в Санкт-Петербурге", ["by-consulate-general-russia-saint-petersburg"]),
    ("телефон консульства в Ливане", ["by-consulate-lebanon-beirut"]),
    ("адрес посольства в Москве", ["by-embassy-russia-moscow"]),
    ("посольство Беларуси в Казахстане", ["by-embassy-kazakhstan-astana"]),
    ("генеральнае консульства ў Алматы", ["by-consulate-general-kazakhstan-almaty"]),
    ("пасольства ў Турцыі", ["by-embassy-turkey-ankara"]),
    ("Варшава", ["by-embassy-poland-warsaw"]),
    ("посольство в Сербии", ["by-embassy-serbia-belgrade"]),
    # foreign missions in Belarus
    ("German embassy in Minsk", ["germany-embassy-minsk"]),
    ("Chinese embassy", ["china-embassy-minsk"]),
    ("Is there a Polish consulate in Brest?", ["poland-consulate-general-brest"]),
    ("US embassy in Minsk", ["united-states-embassy-minsk"]),
    ("Indian embassy phone", ["india-embassy-minsk"]),
    ("Italian embassy in Belarus", ["italy-embassy-minsk"]),
    ("посольство Китая", ["china-embassy-minsk"]),
    ("посольство США в Минске", ["united-states-embassy-minsk"]),
    ("консульство Польши в Гродно", ["poland-consulate-general-grodno"]),
    ("немецкое посольство в Минске", ["germany-embassy-minsk"]),
    ("консульство Латвии в Витебске", ["latvia-consulate-vitebsk"]),
    ("пасольства Японіі ў Мінску", ["japan-embassy-minsk"]),
    ("консульство в Бресте", ["poland-consulate-general-brest", "russia-consulate-general-brest"]),
    ("посольство Швейцарии в Беларуси", ["switzerland-embassy-minsk"]),
    # closed and suspended missions come with the date and where to turn
    ("Belarusian embassy in Canada", ["by-embassy-canada-ottawa"]),
    ("embassy in Australia", ["by-embassy-australia-canberra"]),
    ("посольство в Сирии", ["by-embassy-syria-damascus"]),
    ("Belarus consulate in New York", ["by-consulate-general-united-states-new-york"]),
]

# (question, ids that must be among the nearest listed) for "no such mission"
NONE_CASES = [
    ("Belarusian embassy in New Zealand", ["by-embassy-indonesia-jakarta"]),
    ("embassy in Afghanistan", ["by-embassy-tajikistan-dushanbe"]),
    ("Belarusian embassy in Portugal", []),
    ("пасольства ў Партугаліі", []),
    ("embassy in Brest", ["poland-consulate-general-brest"]),
    ("посольство Польши в Бресте", ["poland-consulate-general-brest"]),
    ("Belarusian embassy in Norway", ["by-embassy-latvia-riga"]),
    ("телефон посольства в Ливане", ["by-consulate-lebanon-beirut"]),
]

NOT_MISSION_QUESTIONS = [
    "What are Belarus's foreign-policy priorities?",
    "How does Belarus see the EU?",
    "Каковы отношения Беларуси с Китаем?",
    "Якія адносіны Беларусі з Германіяй?",
]

# Cases where the closed mission names where to turn instead.
TURN_TO_CASES = [
    ("Belarusian embassy in Canada", "by-embassy-united-states-washington"),
    ("embassy in Australia", "by-embassy-indonesia-jakarta"),
    ("посольство в Сирии", "by-consulate-lebanon-beirut"),
    ("embassy in Iraq", "by-embassy-turkey-ankara"),
]


@pytest.mark.parametrize(("question", "expected"), MATCH_CASES)
def test_lookup_finds_expected_missions_first(
    directory: MissionDirectory, question: str, expected: list[str]
) -> None:
    query = directory.lookup(question)
    assert query is not None
    assert [m.id for m in query.matches[: len(expected)]] == expected


@pytest.mark.parametrize(("question", "nearest"), NONE_CASES)
def test_lookup_reports_no_such_mission_with_nearest(
    directory: MissionDirectory, question: str, nearest: list[str]
) -> None:
    query = directory.lookup(question)
    assert query is not None and query.matches == ()
    assert set(nearest) <= {m.id for m in query.nearest}


@pytest.mark.parametrize("question", NOT_MISSION_QUESTIONS)
def test_lookup_ignores_questions_not_about_missions(directory: MissionDirectory, question: str) -> None:
    assert directory.lookup(question) is None


@pytest.mark.parametrize(("question", "turn_to"), TURN_TO_CASES)
def test_closed_mission_offers_where_to_turn(
    directory: MissionDirectory, question: str, turn_to: str
) -> None:
    query = directory.lookup(question)
    assert query is not None and query.closed
    assert turn_to in [m.id for m in query.nearest]


@pytest.mark.parametrize(
    ("question", "direction"),
    [
        ("embassy in Germany", "belarus_abroad"),
        ("German embassy in Minsk", "foreign_in_belarus"),
        ("посольство Германии", "foreign_in_belarus"),
        ("посольство Беларуси в Германии", "belarus_abroad"),
        ("пасольства Германіі ў Беларусі", "foreign_in_belarus"),
    ],
)
def test_lookup_tells_the_direction(directory: MissionDirectory, question: str, direction: str) -> None:
    query = directory.lookup(question)
    assert query is not None and query.direction == direction


def test_matches_list_working_missions_before_closed_ones(directory: MissionDirectory) -> None:
    query = directory.lookup("consulate in Brest")
    assert query is not None
    states = [m.status.state for m in query.matches]
    assert "closed" in states
    assert states == sorted(states, key=lambda s: s in ("suspended", "closed"))


# (question, all the matches, in order): no extra record may come along.
EXACT_CASES = [
    # Belarusian locatives change the stem: Брэст -> у Брэсце, Рыга -> у Рызе, Прага -> у Празе
    ("ці ёсць польскае консульства ў Брэсце?", ["poland-consulate-general-brest"]),
    (
        "консульства ў Брэсце",
        [
            "poland-consulate-general-brest",
            "russia-consulate-general-brest",
            "ukraine-consulate-general-brest",
        ],
    ),
    ("пасольства ў Рызе", ["by-embassy-latvia-riga"]),
    ("пасольства ў Празе", ["by-embassy-czech-republic-prague"]),
    ("пасольства ў Канадзе", ["by-embassy-canada-ottawa"]),
    # a shared stem beats a name that merely begins the same way (Австрия, not Австралия)
    ("посольство в Австрии", ["by-embassy-austria-vienna"]),
    ("embassy in Austria", ["by-embassy-austria-vienna"]),
    # a closed mission replaced by a matching one is not offered beside it
    ("phone of the consulate in Saint Petersburg", ["by-consulate-general-russia-saint-petersburg"]),
    (
        "консульство в Екатеринбурге",
        ["by-consulate-general-russia-yekaterinburg", "by-honorary-consulate-russia-yekaterinburg"],
    ),
    ("embassy branch in Saint Petersburg", ["by-embassy-branch-russia-saint-petersburg"]),
]


@pytest.mark.parametrize(("question", "expected"), EXACT_CASES)
def test_lookup_finds_exactly_the_expected_missions(
    directory: MissionDirectory, question: str, expected: list[str]
) -> None:
    query = directory.lookup(question)
    assert query is not None
    assert [m.id for m in query.matches] == expected


def test_replaced_mission_still_answers_when_asked_for_by_kind(directory: MissionDirectory) -> None:
    query = directory.lookup("embassy branch in Saint Petersburg")
    assert query is not None and query.closed
    assert "by-consulate-general-russia-saint-petersburg" in [m.id for m in query.nearest]


@pytest.mark.parametrize(
    ("question", "out_of_scope"),
    [("German embassy in Poland", True), ("German embassy in Minsk", False), ("embassy in Portugal", False)],
)
def test_lookup_marks_third_country_missions_out_of_scope(
    directory: MissionDirectory, question: str, out_of_scope: bool
) -> None:
    query = directory.lookup(question)
    assert query is not None and query.out_of_scope is out_of_scope


@pytest.mark.parametrize(("question", "ru"), [("консульство в Бресте", "Брест"), ("Warsaw", "Варшава")])
def test_lookup_carries_the_city_names_of_its_records(
    directory: MissionDirectory, question: str, ru: str
) -> None:
    query = directory.lookup(question)
    assert query is not None and query.city_names is not None and query.city_names.ru == ru


def test_lookup_is_fast(directory: MissionDirectory) -> None:
    questions = [q for q, _ in MATCH_CASES] + [q for q, _ in NONE_CASES]
    for question in questions:  # warm the per-word caches as a running bot would
        directory.lookup(question)
    start = time.perf_counter()
    for question in questions:
        directory.lookup(question)
    per_question = (time.perf_counter() - start) / len(questions)
    assert per_question < 0.002


@pytest.mark.parametrize(
    "question",
    [
        "embassy",
        "Where are the Belarusian embassies?",
        "посольство Беларуси",
        "пасольствы Беларусі",
        "embassy contacts",
    ],
)
def test_mission_words_without_a_place_ask_for_one(directory: MissionDirectory, question: str) -> None:
    query = directory.lookup(question)
    assert query is not None and query.needs_place and query.matches == ()


@pytest.mark.parametrize(
    "question", ["How many embassies does Belarus have?", "What are Belarus's foreign-policy priorities?"]
)
def test_other_questions_about_missions_go_on_to_the_passages(
    directory: MissionDirectory, question: str
) -> None:
    assert directory.lookup(question) is None


@pytest.mark.parametrize(
    ("question", "region"),
    [
        ("какое консульство обслуживает Свердловскую область", "Sverdlovsk Oblast"),
        ("consulate for Bavaria", "Bavaria"),
        ("якое консульства абслугоўвае Пермскі край", "Perm Krai"),
        ("консульство Польши для Брестской области", "Brest Region"),
    ],
)
def test_a_region_finds_the_mission_whose_district_names_it(
    directory: MissionDirectory, question: str, region: str
) -> None:
    query = directory.lookup(question)
    assert query is not None and query.matches
    assert all(any(c.en == region for c in m.covers) for m in query.matches)


@pytest.mark.parametrize("question", ["honorary consulate Atlantis", "какое посольство в Атлантиде"])
def test_a_partial_or_common_word_never_names_an_unrelated_place(
    directory: MissionDirectory, question: str
) -> None:
    query = directory.lookup(question)
    assert query is None or not query.matches


@pytest.mark.parametrize(
    ("question", "covering"),
    [
        ("какое посольство обслуживает Ирак", "by-embassy-turkey-ankara"),
        ("embassy in Panama", "by-embassy-colombia-bogota"),
        ("Belarusian embassy in Slovenia", "by-embassy-austria-vienna"),
        ("посольство Беларуси в Уганде", "by-embassy-kenya-nairobi"),
    ],
)
def test_a_country_without_its_own_mission_gets_the_one_covering_it(
    directory: MissionDirectory, question: str, covering: str
) -> None:
    query = directory.lookup(question)
    assert query is not None
    assert covering in [m.id for m in (*query.matches, *query.nearest)]
    assert all(m.country_code != "CC" for m in (*query.matches, *query.nearest))


@pytest.mark.parametrize(
    ("question", "direction"),
    [
        ("посольство Беларуси в Японии", "belarus_abroad"),
        ("посольство Японии", "foreign_in_belarus"),
        ("embasy of belarus in turky", "belarus_abroad"),
        ("пасольства Японіі ў Мінску", "foreign_in_belarus"),
    ],
)
def test_direction_comes_from_the_words_even_with_typos(
    directory: MissionDirectory, question: str, direction: str
) -> None:
    query = directory.lookup(question)
    assert query is not None and query.direction == direction and query.matches


@pytest.mark.parametrize(
    ("question", "nearest"),
    [
        ("Belarusian embassy in Chile", "by-embassy-brazil-brasilia"),
        ("посольство Беларуси в Мексике", "by-embassy-cuba-havana"),
        ("embassy in Iceland", "by-embassy-united-kingdom-london"),
    ],
)
def test_a_country_nobody_covers_gets_the_nearest_working_embassies(
    directory: MissionDirectory, question: str, nearest: str
) -> None:
    query = directory.lookup(question)
    assert query is not None and not query.matches
    assert query.nearest[0].id == nearest and len(query.nearest) == 2
    assert all(m.status.state == "open" and m.kind == "embassy" for m in query.nearest)
