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
    ("embassy in Brest", ["poland-consulate-general-brest"]),
    ("посольство Польши в Бресте", ["poland-consulate-general-brest"]),
    ("Belarusian embassy in Norway", ["by-embassy-latvia-riga"]),
    ("телефон посольства в Ливане", ["by-consulate-lebanon-beirut"]),
]

NOT_MISSION_QUESTIONS = [
    # a reason or a forecast: the directory holds neither
    "will the us embassy in minsk reopen",
    "why did the embassy in Warsaw close",
    "откроется ли снова посольство США в Минске",
    "ці адкрыецца зноў амбасада ЗША ў Мінску",
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
        ("embassy in Afghanistan", "by-embassy-tajikistan-dushanbe"),
        ("Belarusian embassy in Portugal", "by-embassy-france-paris"),
        ("пасольства ў Партугаліі", "by-embassy-france-paris"),
        ("Which Belarusian embassy serves Luxembourg?", "by-embassy-belgium-brussels"),
        ("какое посольство Беларуси отвечает за Кипр", "by-embassy-bulgaria-sofia"),
        ("якое пасольства абслугоўвае Нікарагуа", "by-embassy-colombia-bogota"),
        ("Belarus embassy Uganda", "by-embassy-kenya-nairobi"),
    ],
)
def test_a_covered_country_is_answered_by_the_mission_accredited_to_it(
    directory: MissionDirectory, question: str, covering: str
) -> None:
    query = directory.lookup(question)
    assert query is not None and query.covering
    assert [m.id for m in query.matches] == [covering]


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


@pytest.mark.parametrize(
    "question",
    [
        "Do children pay the consular fee?",
        "Ці плацяць дзеці консульскі збор?",
        "Who is responsible for relations with China?",
        "Кто отвечает за отношения с Китаем?",
        "Who serves the Union State?",
        "Where can Belarusians in Germany apply for a passport?",
    ],
)
def test_a_question_with_place_like_words_is_not_claimed_without_a_strong_place(
    directory: MissionDirectory, question: str
) -> None:
    assert directory.lookup(question) is None


@pytest.mark.parametrize(
    ("question", "first"),
    [
        # a close spelling of one name beats a name the word merely begins (Швеция)
        ("посольство беларуси в швецарии", "by-embassy-switzerland-bern"),
        # Latin-typed Russian comes back with е for э
        ("посольство беларуси в естонии", "by-embassy-estonia-tallinn"),
        # a vowel the name drops when inflected: Египет -> в Египте, Египта
        ("посольство Беларуси в Египте", "by-embassy-egypt-cairo"),
        ("посольство Египта в Минске телефон", "egypt-embassy-minsk"),
        # a name of several words, the last of them also an adjective stem
        ("посольство в Объединённых Арабских Эмиратах", "by-embassy-united-arab-emirates-abu-dhabi"),
        # "Region" beside a name that is also a city: the region's district
        ("Which Polish consulate serves Gomel Region?", "poland-embassy-minsk"),
        ("какое польское консульство обслуживает Гомельскую область", "poland-embassy-minsk"),
        ("Belarus embassy England", "by-embassy-united-kingdom-london"),
        ("embassy of belarus in holland", "by-embassy-netherlands-the-hague"),
    ],
)
def test_names_are_resolved_through_typos_inflection_and_transliteration(
    directory: MissionDirectory, question: str, first: str
) -> None:
    query = directory.lookup(question)
    assert query is not None and query.matches and query.matches[0].id == first


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("Кто обслуживает белорусов в Непале?", "by-embassy-india-new-delhi"),
        ("куды звяртацца беларусам у Партугаліі", "by-embassy-france-paris"),
        ("I live in Slovenia, who serves me?", "by-embassy-austria-vienna"),
        # asked who serves it, a country whose own embassy is closed gets the working one covering it
        ("Which embassy handles Ecuador?", "by-embassy-colombia-bogota"),
        ("какое посольство обслуживает Эквадор", "by-embassy-colombia-bogota"),
    ],
)
def test_who_serves_me_is_answered_without_a_mission_word(
    directory: MissionDirectory, question: str, first: str
) -> None:
    query = directory.lookup(question)
    assert query is not None and query.covering and query.matches[0].id == first


def test_belarusians_named_as_people_ask_for_belarus_missions(directory: MissionDirectory) -> None:
    query = directory.lookup("embassy for Belarusians living in Ireland")
    assert query is not None and query.direction == "belarus_abroad" and not query.matches
    assert query.nearest[0].id == "by-embassy-united-kingdom-london"


@pytest.mark.parametrize(
    ("question", "region"),
    [
        ("Which Belarusian consulate serves Podlaskie Voivodeship?", "Podlaskie"),
        ("консульство Беларуси для Люблинского воеводства", "Lubelskie"),
        ("консульства Беларусі ў Мазавецкім ваяводстве", "Mazowieckie"),
    ],
)
def test_a_region_no_district_names_lists_its_country_missions_without_inventing_one(
    directory: MissionDirectory, question: str, region: str
) -> None:
    query = directory.lookup(question)
    assert query is not None and query.region is not None and query.region.en == region
    assert query.matches and {m.country_code for m in query.matches} == {"PL"}
    assert not any(any(c.en == region for c in m.covers) for m in query.matches)


@pytest.mark.parametrize("question", ["Belarusian embassy in Rome", "посольство Беларуси в Риме"])
def test_a_city_of_two_records_opens_the_working_mission_first(
    directory: MissionDirectory, question: str
) -> None:
    query = directory.lookup(question)
    assert query is not None and query.matches[0].id == "by-embassy-italy-rome"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("How do I renew a passport in Germany?", "DE"),
        ("Как получить справку в Польше?", "PL"),
        ("Як атрымаць даведку ў Мюнхене?", "DE"),
        ("Do children pay the consular fee?", None),
        ("What does Belarus think about the EU?", None),
    ],
)
def test_country_in_names_only_a_clearly_named_foreign_country(
    directory: MissionDirectory, text: str, code: str | None
) -> None:
    assert directory.country_in(text) == code


@pytest.mark.parametrize(
    ("code", "first"),
    [
        ("DE", "by-embassy-germany-berlin"),  # its own, embassy first
        ("LU", "by-embassy-belgium-brussels"),  # accredited from abroad
        ("CL", "by-embassy-brazil-brasilia"),  # nobody covers it: the nearest embassy
    ],
)
def test_serving_names_the_missions_a_citizen_turns_to(
    directory: MissionDirectory, code: str, first: str
) -> None:
    serving = directory.serving(code)
    assert serving[0].id == first
    assert all(m.status.state not in ("closed", "suspended", "planned") for m in serving)


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("Kazakh embassy", "kazakhstan-embassy-minsk"),
        ("Swedish embassy in Minsk", "sweden-embassy-minsk"),
        ("North Korean embassy", "north-korea-embassy-minsk"),
        ("индийское посольство в Минске", "india-embassy-minsk"),
        ("індыйскае пасольства ў Мінску", "india-embassy-minsk"),
    ],
)
def test_an_adjective_of_any_form_names_the_country_whose_mission_is_in_minsk(
    directory: MissionDirectory, question: str, first: str
) -> None:
    query = directory.lookup(question)
    assert query is not None and query.direction == "foreign_in_belarus" and query.matches[0].id == first


def test_russia_by_its_short_belarusian_name(directory: MissionDirectory) -> None:
    query = directory.lookup("пасольства Беларусі ў Расіі")
    assert query is not None and query.matches[0].id == "by-embassy-russia-moscow"


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("пасольства Беларусі ў Вугоршчыне", "by-embassy-hungary-budapest"),
        ("пасольства Беларусі ў Нямеччыне", "by-embassy-germany-berlin"),
        ("пасольства Беларусі ў ПАР", "by-embassy-south-africa-pretoria"),
        ("посольство Беларуси в ЮАР", "by-embassy-south-africa-pretoria"),
    ],
)
def test_common_names_the_catalogue_lacks_still_name_the_country(
    directory: MissionDirectory, question: str, first: str
) -> None:
    query = directory.lookup(question)
    assert query is not None and query.matches[0].id == first


def test_nearest_offers_working_missions_before_suspended_ones(directory: MissionDirectory) -> None:
    query = directory.lookup("Belarusian embassy in Norway")
    assert query is not None and not query.matches
    states = [m.status.state for m in query.nearest]
    assert states == sorted(states, key=lambda s: s in ("closed", "suspended", "planned"))


def test_almost_is_no_email(directory: MissionDirectory) -> None:
    question = (
        "Читал, что Минск и Вашингтон почти не общаются. Какая официальная позиция насчет диалога с США?"
    )
    assert directory.lookup(question) is None


@pytest.mark.parametrize(
    ("question", "first"),
    [("embassy in Chian", "by-embassy-china-beijing"), ("посольство в Итлаии", "by-embassy-italy-rome")],
)
def test_two_swapped_letters_are_a_typo_even_in_a_short_name(
    directory: MissionDirectory, question: str, first: str
) -> None:
    query = directory.lookup(question)
    assert query is not None and query.matches[0].id == first


def test_lower_case_us_before_a_mission_word_is_the_united_states(directory: MissionDirectory) -> None:
    query = directory.lookup("phone of the us embassy in minsk")
    assert query is not None and query.matches[0].id == "united-states-embassy-minsk"
