"""The question bank and the out-of-scope topics: validated like documents, part of the corpus hash."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.answering.topics import TopicMatcher
from bot.rendering import render_answer_text
from config import PROJECT_ROOT
from corpus import QuestionBankError, TopicError, load_corpus, parse_question_bank, parse_topics

COUNTS = {"policy-priorities": 7}


def test_shipped_bank_asks_every_passage_in_every_language():
    corpus = load_corpus(PROJECT_ROOT / "corpus")
    asked = {(q.position, q.language) for q in corpus.questions}
    assert asked == {(position, lang) for position in range(1, 8) for lang in ("en", "ru", "be")}
    assert len(corpus.questions) >= 1100


def test_shipped_bank_asks_each_passage_many_ways_in_each_language():
    corpus = load_corpus(PROJECT_ROOT / "corpus")
    counts: dict[tuple[int, str], int] = {}
    for question in corpus.questions:
        counts[(question.position, question.language)] = (
            counts.get((question.position, question.language), 0) + 1
        )
    assert min(counts.values()) >= 35


def test_shipped_bank_holds_no_dev_golden_question():
    """A golden question copied into the bank would make the figures measure memory."""
    golden = yaml.safe_load((PROJECT_ROOT / "tests" / "golden" / "dev" / "policy.yaml").read_text("utf-8"))
    asked = {_plain(item["q"]) for item in golden}
    corpus = load_corpus(PROJECT_ROOT / "corpus")
    assert not [q.text for q in corpus.questions if _plain(q.text) in asked]


def _plain(text: str) -> str:
    return " ".join(text.casefold().replace("ё", "е").strip(" ?!.").split())


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("document: nothing\npassages: []", "names no original document"),
        (
            "document: policy-priorities\npassages:\n  - position: 9\n    questions: {en: [Why]}",
            "entry 1 (position 9): position",
        ),
        (
            "document: policy-priorities\npassages:\n  - position: 1\n    questions: {xx: [Why]}",
            "unknown language 'xx'",
        ),
        (
            "document: policy-priorities\npassages:\n  - position: 1\n    questions: {en: ['']}",
            "en question 1 is empty",
        ),
        (
            "document: policy-priorities\npassages:\n"
            "  - position: 1\n    questions: {en: [A]}\n  - position: 1\n    questions: {en: [B]}",
            "listed twice",
        ),
        (
            "document: policy-priorities\npassages:\n  - position: 1\n    question: {en: [A]}",
            "passages.0.question",
        ),
        (
            "document: policy-priorities\npassages:\n  - position: 1\n    questions: {ru: [Кто, Где, кто]}",
            "ru question 3 repeats question 1",
        ),
    ],
)
def test_bank_errors_name_the_file_entry_and_field(text: str, message: str):
    with pytest.raises(QuestionBankError) as raised:
        parse_question_bank(text, Path("questions/bad.yaml"), COUNTS)
    assert "questions/bad.yaml" in str(raised.value) and message in str(raised.value)


def test_topic_errors_name_the_file_topic_and_field():
    text = (
        "topics:\n  - {id: nato, reply: uncovered, label: {en: NATO, ru: НАТО}, pointer: https://mfa.gov.by/en/,"
        " triggers: {en: [NATO], ru: [НАТО], be: [НАТА]}}"
    )
    with pytest.raises(TopicError) as raised:
        parse_topics(text, Path("topics/bad.yaml"))
    assert "topics/bad.yaml: topic 1 (nato): label" in str(raised.value) and "be" in str(raised.value)


def test_topic_pointer_must_be_an_https_page():
    text = (
        "topics:\n  - {id: x, reply: uncovered, label: {en: a, ru: b, be: c}, pointer: ftp://x,"
        " triggers: {en: [a], ru: [b], be: [c]}}"
    )
    with pytest.raises(TopicError, match="pointer"):
        parse_topics(text, Path("t.yaml"))


def test_editing_the_bank_changes_the_corpus_hash(tmp_path: Path):
    source = PROJECT_ROOT / "corpus"
    for folder in ("documents", "questions", "topics"):
        (tmp_path / folder).mkdir()
        for path in (source / folder).iterdir():
            (tmp_path / folder / path.name).write_bytes(path.read_bytes())
    before = load_corpus(tmp_path).content_hash
    bank = tmp_path / "questions" / "policy_priorities.yaml"
    bank.write_text(
        bank.read_text("utf-8").replace("foreign policy priorities", "foreign-policy priorities"), "utf-8"
    )
    assert load_corpus(tmp_path).content_hash != before


@pytest.mark.parametrize(
    ("question", "language", "topic"),
    [
        ("Какова позиция по НАТО?", "ru", "nato"),
        ("почему ввели санкции", "ru", "sanctions"),
        ("вступит ли в евросоюз", "ru", "accession"),
        ("Will Belarus and Russia merge into one country?", "en", "accession"),
        ("Объединятся ли Беларусь и Россия в одно государство?", "ru", "accession"),
        ("Ці аб'яднаюцца Беларусь і Расія ў адну дзяржаву?", "be", "accession"),
        ("Does Belarus sell weapons to African states?", "en", "sectors"),
        ("Сотрудничает ли Беларусь с Россией в космосе?", "ru", "sectors"),
        ("кто победил на президентских выборах", "ru", "elections"),
        ("how do I get a visa", "en", "consular"),
        ("thanks a lot", "en", "greeting"),
    ],
)
def test_topics_match_inflected_triggers(question: str, language: str, topic: str):
    corpus = load_corpus(PROJECT_ROOT / "corpus")
    matched = TopicMatcher(corpus.topics).match(
        question, language, lambda term: term in {"china:en", "relat"}
    )
    assert matched is not None and matched.id == topic


@pytest.mark.parametrize("question", ["hello, what about China?", "relations with Russia", "Беларусь и ЕС"])
def test_questions_the_material_answers_match_no_topic(question: str):
    corpus = load_corpus(PROJECT_ROOT / "corpus")
    known = {"china:en", "relat", "russia:en", "europe:ru"}
    lang = "ru" if question[0] == "Б" else "en"
    assert TopicMatcher(corpus.topics).match(question, lang, lambda term: term in known) is None


def test_a_declined_topic_question_gets_its_pointer_in_the_askers_language(engine):
    answer = engine.answer("Какова позиция Беларуси по НАТО?")
    assert not answer.answered and answer.topic is not None and answer.topic.id == "nato"
    text = render_answer_text(answer, engine.options.official_site_url, engine.mission_lookup)
    assert "НАТО" in text and answer.topic.pointer in text and "Официальные материалы" in text


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("relations with Poland", "other_countries"),
        ("I export furniture to Poland and Germany: how does the government see the EU?", None),
    ],
)
def test_a_country_topic_gives_way_to_a_subject_the_material_covers(question: str, topic: str | None):
    corpus = load_corpus(PROJECT_ROOT / "corpus")
    matched = TopicMatcher(corpus.topics).match(question, "en", lambda term: term in {"europe:en", "relat"})
    assert (matched.id if matched else None) == topic


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("беларусь і арганізацыя аб'яднаных нацый", "be"),  # "нацый" is no form of "НАТА"
        ("в чем главная идея выбора партнеров", "ru"),  # a choice, not an election
        ("Are Belarus and Russia one state?", "en"),  # the Union State paragraph, not a merger
    ],
)
def test_a_word_that_only_looks_like_a_trigger_matches_no_topic(question: str, language: str):
    corpus = load_corpus(PROJECT_ROOT / "corpus")
    assert TopicMatcher(corpus.topics).match(question, language, lambda term: True) is None
