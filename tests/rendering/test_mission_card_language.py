"""A Russian or Belarusian mission card is Russian or Belarusian throughout.

Every card of every record is rendered in both languages and scanned for an
English sentence: a run of Latin-script words holding an English function word
("the", "of", "is", ...). Proper names the sources print in Latin letters (a
head's name, a street address, a URL) have no such words and may stay.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.missions import MissionDirectory
from bot.rendering.mission_cards import render_card_html, render_card_text, render_mission_reply_text
from corpus.missions_schema import Mission, load_missions

MISSIONS = load_missions(Path(__file__).resolve().parents[2] / "corpus" / "missions")
DIRECTORY = MissionDirectory(MISSIONS)

_LINKS = re.compile(r"<[^>]+>|\S+://\S+|\S+@\S+|\b[\w.-]+\.(?:by|com|org|ru|net|gov|int|info)\b\S*")
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:[\s,;:()]+[A-Za-z][A-Za-z'’-]*){2,}")
_ENGLISH_FUNCTION_WORDS = frozenset(
    [
        "the",
        "of",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "and",
        "or",
        "for",
        "to",
        "in",
        "on",
        "at",
        "by",
        "with",
        "from",
        "since",
        "it",
        "its",
        "this",
        "that",
        "these",
        "not",
        "no",
        "there",
        "which",
        "who",
        "will",
        "can",
        "may",
        "also",
    ]
)


def english_sentences(text: str) -> list[str]:
    """Latin-script runs of three words or more that hold an English function word."""
    found = []
    for run in _LATIN_RUN.findall(_LINKS.sub(" ", text)):
        words = {w.lower() for w in re.findall(r"[A-Za-z']+", run)}
        if words & _ENGLISH_FUNCTION_WORDS:
            found.append(run)
    return found


def test_the_scan_finds_an_english_sentence_and_passes_a_street_address() -> None:
    assert english_sentences("Статус: The embassy is closed since 2021.") == ["The embassy is closed since"]
    assert english_sentences("Адрес: Megrelidze St, Saburtalo district, Tbilisi") == []


@pytest.mark.parametrize("lang", ["ru", "be"])
@pytest.mark.parametrize("mission", MISSIONS, ids=lambda m: m.id)
def test_a_card_in_russian_or_belarusian_holds_no_english_sentence(mission: Mission, lang: str) -> None:
    for card in (
        render_card_text(mission, lang, DIRECTORY.get),
        render_card_html(mission, lang, DIRECTORY.get),
    ):
        assert english_sentences(card) == [], card


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("посольство Беларуси в Люксембурге", "ru"),
        ("пасольства Беларусі ў Партугаліі", "be"),
        ("посольство Беларуси в Чили", "ru"),
        ("пасольства Беларусі ў Канадзе", "be"),
        ("консульства ў Брэсце", "be"),
    ],
)
def test_a_mission_reply_in_russian_or_belarusian_holds_no_english_sentence(question: str, lang: str) -> None:
    query = DIRECTORY.lookup(question)
    assert query is not None
    assert english_sentences(render_mission_reply_text(query, lang, DIRECTORY.get)) == []
