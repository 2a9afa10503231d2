"""Latin-script Russian and Belarusian, typos and the reply language, before retrieval and missions."""

from __future__ import annotations

import pytest

from bot.answering.normalisation import normalise_question
from index.spelling import SpellingCorrector
from index.transliteration import lacinka_to_cyrillic, latin_to_cyrillic


def _nothing_known(_word: str, _lang: str) -> bool:
    return False


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("supracoŭnictva z Kitajem", "супрацоўніцтва з Кітаем"),
        ("handal z Jeŭrasajuzam", "гандаль з Еўрасаюзам"),
        ("Biełaruś u ADKB", "Беларусь у АДКБ"),
        ("sankcyi suprać Biełarusi", "санкцыі супраць Беларусі"),
        ("z’jaŭlajecca", "з'яўляецца"),
    ],
)
def test_lacinka_becomes_belarusian_cyrillic(latin: str, cyrillic: str):
    assert lacinka_to_cyrillic(latin) == cyrillic


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("otnosheniya s rossiey", "ru"),
        ("sotrudnichestvo s kitaem", "ru"),
        ("belarus v odkb", "ru"),
        ("supracoŭnictva z Kitajem", "be"),
    ],
)
def test_latin_script_russian_and_belarusian_are_recognised(question: str, language: str):
    converted = latin_to_cyrillic(question, lambda word, lang: (word, lang) == ("одкб", "ru"))
    assert converted is not None and converted.language == language


@pytest.mark.parametrize(
    ("question", "cyrillic"),
    [
        ("posolstvo v turcii", "в турции"),
        ("posolstvo v turtsii", "в турции"),
        ("konsulstvo v grecii", "в греции"),
        ("posolstvo v shveycarii", "в швейцарии"),
        ("sovetskiy soyuz", "советский союз"),
        ("konsul v germanii", "консул в германии"),
    ],
)
def test_latin_c_and_ts_read_as_tse_only_where_the_dictionary_knows_the_word(question: str, cyrillic: str):
    converted = latin_to_cyrillic(question, _nothing_known)
    assert converted is not None and converted.language == "ru"
    assert cyrillic in converted.text


@pytest.mark.parametrize(
    ("question", "cyrillic"),
    [
        ("posolstvo v kitai", "в китай"),
        ("posolstvo belarusi v shveicarii", "в швейцарии"),
        ("posolstvo v germanii", "в германии"),  # "ii" stays "ии"
    ],
)
def test_latin_i_after_a_vowel_reads_as_short_i_only_where_the_dictionary_knows_the_word(
    question: str, cyrillic: str
):
    converted = latin_to_cyrillic(question, _nothing_known)
    assert converted is not None and cyrillic in converted.text


@pytest.mark.parametrize("typed", ["obshchie podhody", "obschie podhody"])
def test_latin_shch_and_sch_read_as_shcha_where_the_dictionary_knows_the_word(typed: str):
    converted = latin_to_cyrillic(f"kakie {typed} vo vneshnej politike", _nothing_known)
    assert converted is not None and "общие" in converted.text


def test_a_plain_l_in_lacinka_reads_hard_where_only_that_reading_is_a_known_word():
    known = {"ўклад", "глабалную"}  # the engine's check matches Belarusian stems ("глабальную")
    typed = "jaki ŭklad Biełaruś robić u hlabalnuju biaspieku"
    converted = latin_to_cyrillic(typed, lambda word, _lang: word in known)
    assert converted is not None and converted.language == "be"
    assert "ўклад" in converted.text and "глабал" in converted.text
    unknown = latin_to_cyrillic(typed, _nothing_known)
    assert unknown is not None and "ўкляд" in unknown.text  # łacinka's own soft "la"


def test_latin_ia_after_a_consonant_reads_as_ya_where_the_material_knows_the_word():
    converted = latin_to_cyrillic("konsulstvo v biala podlaske", lambda word, lang: word == "бяла")
    assert converted is not None and "бяла" in converted.text


@pytest.mark.parametrize(
    "question",
    ["belarusian consulat in beiroot", "belarusian embasy in tadjikistan", "embassy of belarus in kiev"],
)
def test_english_function_words_keep_misspelt_english_english(question: str):
    assert latin_to_cyrillic(question, _nothing_known) is None


@pytest.mark.parametrize(
    "question", ["relations with russia", "What is the far arc?", "USA", "hello", "qwerty"]
)
def test_english_stays_english(question: str):
    assert latin_to_cyrillic(question, _nothing_known) is None


def test_spelling_is_corrected_towards_the_material_only_for_unknown_words():
    speller = SpellingCorrector({"en": ["multilateralism and China"], "ru": ["многосторонняя дипломатия"]})
    assert speller.correct("belarus chna multilaterlism", "en")[0] == "belarus china multilateralism"
    assert speller.correct("weather", "en") == ("weather", 0)  # a real English word stays
    assert speller.correct("многосторонея дипломатия", "ru")[0] == "многосторонняя дипломатия"
    assert speller.correct("погода", "ru") == ("погода", 0)  # a real Russian word stays


def test_a_latin_script_russian_question_gets_a_russian_reply():
    normalised = normalise_question("otnosheniya s rossiey", None)
    assert normalised.language == "ru" and normalised.transliterated
    assert normalised.text == "отношения с россией"


@pytest.mark.parametrize(
    ("question", "language"),
    [("otnosheniya s rossiey", "ru"), ("adnosiny z ZŠA", "be"), ("posolstvo belarusi v armenii", "ru")],
)
def test_engine_replies_in_the_askers_language_to_latin_script(engine, question: str, language: str):
    assert engine.answer(question).lang == language


def test_engine_answers_latin_script_russian_from_the_russian_translation(engine):
    answer = engine.answer("sotrudnichestvo s kitaem")
    assert answer.answered and answer.passages[0].language == "ru"
    assert "Китайской" in answer.passages[0].text


def test_mission_lookup_sees_the_normalised_question(engine):
    answer = engine.answer("posolstvo belarusi v armenii")
    assert answer.reason == "missions" and answer.missions.matches[0].country == "Armenia"


@pytest.mark.parametrize(
    ("typed", "lang"),
    [
        ("daliokaja duha", "be"),
        ("hlabalny poudzien i bielarus", "be"),
        ("globalnyj yug i belarus", "ru"),
        ("can i get a visa for china", "en"),
    ],
)
def test_plain_latin_belarusian_and_russian_chat_get_their_own_reply_language(engine, typed: str, lang: str):
    assert engine.answer(typed).lang == lang


@pytest.mark.parametrize(
    ("question", "cyrillic"),
    [("chto eto mnogostoronnyaya diplomatiya", "что это"), ("eksport v evropu", "экспорт в европу")],
)
def test_latin_initial_e_reads_as_e_oborotnoe_in_eto_and_where_the_dictionary_knows_the_word(
    question: str, cyrillic: str
):
    converted = latin_to_cyrillic(question, _nothing_known)
    assert converted is not None and converted.text.lower().startswith(cyrillic)


def test_a_long_belarusian_word_is_corrected_by_two_edits_a_short_one_by_one():
    speller = SpellingCorrector({"be": ["інвестыцыйнае супрацоўніцтва", "эканамічныя сувязі"]})
    assert speller.correct_word("інвестыцыное", "be") == "інвестыцыйнае"
    assert speller.correct_word("эканамчныя", "be") == "эканамічныя"
    assert speller.correct_word("суўзсі", "be") is None  # two edits from "сувязі", six letters


def test_a_word_is_never_corrected_into_a_stop_word():
    speller = SpellingCorrector({"be": ["толькі адносіны з Кітаем"]})
    assert speller.correct_word("колькі", "be") is None


def test_a_rare_misspelling_in_the_vocabulary_is_corrected_to_the_frequent_word_beside_it():
    # The question bank spells some questions as people mistype them, so "росией" is a word of it.
    speller = SpellingCorrector({"ru": ["сотрудничество с росией", *["отношения с россией"] * 10]})
    assert speller.correct_word("росией", "ru") == "россией"
    frequent = SpellingCorrector({"ru": [*["сотрудничество с росией"] * 3, *["с россией"] * 40]})
    assert frequent.correct_word("росией", "ru") is None  # seen three times: a word of the material
