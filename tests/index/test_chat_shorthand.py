"""English chat shorthand is written out before a question is analysed and embedded."""

from __future__ import annotations

import pytest

from index import expand_chat_shorthand


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("do u guys treat every country the same", "do you guys treat every country the same"),
        ("how active r we in the cis n eaeu", "how active are we in the cis and eaeu"),
        ("Y does belarus care abt africa", "why does belarus care about africa"),
    ],
)
def test_chat_shorthand_is_written_out(typed: str, written: str):
    assert expand_chat_shorthand(typed).lower() == written


@pytest.mark.parametrize("text", ["relations with the U.S.", "US and EU", "union state", "Turn-based"])
def test_abbreviations_and_words_that_contain_shorthand_are_left_alone(text: str):
    assert expand_chat_shorthand(text) == text


def test_a_chat_question_with_shorthand_is_answered(engine):
    answer = engine.answer("do u guys treat every country the same or nah")
    assert answer.answered, answer.details
    assert answer.passages[0].passage_id == "policy-priorities#1"
