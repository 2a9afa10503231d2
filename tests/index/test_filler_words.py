"""Chat fillers are no subject: they are dropped, and never hide an out-of-scope trigger."""

from __future__ import annotations

import pytest

from config import PROJECT_ROOT
from corpus import load_topics
from index import tokenize
from index.filler_words import FILLER_WORDS

TOPICS_DIR = PROJECT_ROOT / "corpus" / "topics"


@pytest.mark.parametrize(
    ("chatty", "plain", "lang"),
    [
        ("so what's the deal with brussels", "brussels", "en"),
        ("как там у нас вообще с брюсселем", "брюссель", "ru"),
        ("что насчёт глобального юга", "глобальный юг", "ru"),
        ("што там наконт Брусэля увогуле", "Брусэль", "be"),
    ],
)
def test_chat_fillers_leave_only_the_subject(chatty: str, plain: str, lang: str) -> None:
    assert tokenize(chatty, lang) == tokenize(plain, lang)


def test_no_filler_word_is_part_of_an_out_of_scope_trigger() -> None:
    fillers = {word.replace("ё", "е") for words in FILLER_WORDS.values() for word in words}
    trigger_words = {
        word.replace("ё", "е")
        for topic in load_topics(TOPICS_DIR)
        for triggers in topic.triggers.values()
        for trigger in triggers
        for word in trigger.lower().split()
    }
    assert not fillers & trigger_words
