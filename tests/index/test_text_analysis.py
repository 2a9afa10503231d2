"""Passages and questions become the same BM25 terms whatever their inflection or script."""

from __future__ import annotations

import time

import pytest

from index.text_analysis import ANALYZER_VERSION, stem_word, tokenize


@pytest.mark.parametrize(
    ("lang", "forms"),
    [
        ("ru", ("Китай", "Китая", "Китаем", "Китае", "Китаю")),
        ("ru", ("Беларусь", "Беларуси", "Беларусью")),
        ("ru", ("отношения", "отношений", "отношениях")),
        ("ru", ("Америка", "Америки", "Америке")),
        ("be", ("Кітай", "Кітаі", "Кітая", "Кітаем")),
        ("be", ("Беларусь", "Беларусі", "Беларуссю")),
        ("be", ("супрацоўніцтва", "супрацоўніцтве")),
        ("be", ("еўрапейскі", "еўрапейскага")),
        ("en", ("relations", "relation")),
        ("en", ("policy", "policies")),
        ("en", ("priority", "priorities")),
    ],
)
def test_inflected_forms_have_the_same_stem(lang: str, forms: tuple[str, ...]) -> None:
    assert len({stem_word(form.lower(), lang) for form in forms}) == 1


@pytest.mark.parametrize(
    ("lang", "texts", "concept"),
    [
        ("ru", ("КНР", "Китайской", "Китаем", "Китая"), "china"),
        ("ru", ("ЕС", "Евросоюз", "Европейский"), "europe"),
        ("ru", ("США", "Штатами"), "usa"),
        ("be", ("КНР", "Кітайскай", "Кітаем"), "china"),
        ("be", ("ЗША", "Штатамі"), "usa"),
        ("be", ("ЕС", "Еўрасаюз", "Еўрапейскі"), "europe"),
        ("en", ("USA", "US", "Americans"), "usa"),
        ("en", ("EU", "European", "Europe"), "europe"),
        ("en", ("ООН", "UN"), "un"),
        ("ru", ("торговля", "торговым", "торгово"), "trade"),
        ("be", ("гандаль", "гандлёвым"), "trade"),
        ("ru", ("СССР", "постсоветском"), "ussr"),
    ],
)
def test_names_of_one_thing_become_one_concept_term(lang: str, texts: tuple[str, ...], concept: str) -> None:
    assert {tuple(tokenize(text, lang)) for text in texts} == {(f"{concept}:{lang}",)}


@pytest.mark.parametrize(
    ("text", "lang", "terms"),
    [("Москва", "ru", ["москв", "russia:ru"]), ("Beijing", "en", ["beij", "china:en"])],
)
def test_capital_keeps_its_own_term_and_adds_its_country(text: str, lang: str, terms: list[str]) -> None:
    assert tokenize(text, lang) == terms


def test_yo_is_folded_to_ye() -> None:
    assert tokenize("партнёрам", "ru") == tokenize("партнерам", "ru")


@pytest.mark.parametrize("variant", ["сям'я", "сямʼя", "сям`я"])
def test_belarusian_apostrophe_stays_inside_the_word(variant: str) -> None:
    assert tokenize("сям’я", "be") == tokenize(variant, "be")
    assert len(tokenize("сям’я", "be")) == 1


@pytest.mark.parametrize(
    ("text", "lang", "dropped"),
    [
        ("the policy of Belarus", "en", "the"),
        ("политика и дипломатия", "ru", "и"),
        ("палітыка і дыпламатыя", "be", "і"),
    ],
)
def test_stopwords_are_dropped(text: str, lang: str, dropped: str) -> None:
    assert len(tokenize(text, lang)) == 3 - 1
    assert dropped not in tokenize(text, lang)


def test_capitalised_us_is_the_country_and_lowercase_us_a_pronoun() -> None:
    assert "usa:en" in tokenize("relations with the US", "en")
    assert tokenize("show us", "en") == ["show"]


def test_numbers_are_kept() -> None:
    assert "2024" in tokenize("Договор 2024 года", "ru")


def test_latin_word_in_russian_question_gets_english_stemming() -> None:
    assert "polici" in tokenize("Какие policies у Беларуси", "ru")


def test_cyrillic_word_in_english_question_gets_russian_stemming() -> None:
    assert tokenize("relations отношениях", "en") == ["relat", "отношен"]


def test_cyrillic_word_with_belarusian_letters_in_english_question_gets_belarusian_stemming() -> None:
    assert tokenize("адносінах", "en") == tokenize("адносіны", "be") == ["аднасін"]


def test_latin_lookalike_letter_in_cyrillic_word_is_repaired() -> None:
    assert tokenize("Кiтай", "be") == tokenize("Кітай", "be")  # Latin "i" typed inside


def test_hyphenated_compound_becomes_its_parts() -> None:
    assert tokenize("государствами-членами", "ru") == ["государств", "член"]


def test_concept_term_carries_the_language_of_the_text_not_of_the_word() -> None:
    assert tokenize("EU", "ru") == ["europe:ru"]
    assert tokenize("ЕАЭС", "en") == ["eaeu:en"]


@pytest.mark.parametrize(
    ("lang", "forms"), [("ru", ("проблем", "проблемы")), ("be", ("праблем", "праблемы"))]
)
def test_genitive_plural_in_em_keeps_its_stem(lang: str, forms: tuple[str, str]) -> None:
    assert tokenize(forms[0], lang) == tokenize(forms[1], lang)


def test_unknown_language_is_treated_as_english() -> None:
    assert tokenize("foreign policies", "de") == tokenize("foreign policies", "en")


@pytest.mark.parametrize("text", ["", "   ", "!!! ??? …", "🙂🙂"])
def test_text_without_words_gives_no_terms(text: str) -> None:
    assert tokenize(text, "ru") == []


def test_short_question_is_tokenized_within_two_tenths_of_a_millisecond() -> None:
    question = "Какие отношения у Беларуси с Китаем?"
    tokenize(question, "ru")
    durations = []
    for _ in range(51):
        start = time.perf_counter()
        tokenize(question, "ru")
        durations.append(time.perf_counter() - start)
    assert sorted(durations)[25] < 0.0002


def test_analyzer_version_is_recorded_as_text() -> None:
    assert isinstance(ANALYZER_VERSION, str) and ANALYZER_VERSION


def test_the_copied_stop_words_equal_the_bm25_library_s_lists():
    from bm25s.stopwords import STOPWORDS_EN_PLUS, STOPWORDS_RUSSIAN

    from index.stopwords import STOPWORDS_EN_PLUS as COPIED_EN
    from index.stopwords import STOPWORDS_RUSSIAN as COPIED_RU

    assert (COPIED_EN, COPIED_RU) == (STOPWORDS_EN_PLUS, STOPWORDS_RUSSIAN)
