"""Near-duplicate grouping of unanswered questions, without a database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.pressdesk.grouping import group_questions, normalise_question
from bot.pressdesk.records import ChatType, Feedback, LoggedQuestion

NOW = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)


def _logged(question: str, *, ago_minutes: int = 0, language: str = "en", **fields: object) -> LoggedQuestion:
    values: dict[str, object] = {
        "id": 0,
        "asked_at": NOW - timedelta(minutes=ago_minutes),
        "language": language,
        "chat_type": ChatType.PRIVATE,
        "user_hash": None,
        "question": question,
        "answered": False,
        "reason": "not_covered",
        "passages": (),
        "missions": (),
        "latency_ms": 10,
        "feedback": None,
        "feedback_at": None,
    }
    values.update(fields)
    return LoggedQuestion(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("What is the weather in Minsk?", "what is the weather in minsk"),
        ("  what's   the WEATHER, in minsk!!", "whats the weather in minsk"),
        ("Где ЁЛКА?", "где елка"),
        ("Сям’я і дзеці", "сямя і дзеці"),
        ("?!…", ""),
    ],
)
def test_normalise_question_folds_case_punctuation_and_spacing(text: str, expected: str) -> None:
    assert normalise_question(text) == expected


@pytest.mark.parametrize(
    "variant",
    ["what's the weather in minsk", "WHAT IS THE WEATHER IN MINSK", "What is weather in Minsk"],
)
def test_near_duplicates_fall_into_one_group(variant: str) -> None:
    groups = group_questions([_logged("What is the weather in Minsk?"), _logged(variant)])
    assert [g.count for g in groups] == [2]


def test_short_question_does_not_swallow_longer_specific_one() -> None:
    groups = group_questions([_logged("visa"), _logged("visa for a student going to Germany")])
    assert sorted(g.wording for g in groups) == ["visa", "visa for a student going to Germany"]


def test_group_shows_most_common_wording_and_counts() -> None:
    rows = [
        _logged("what's the weather in minsk", ago_minutes=1, language="en"),
        _logged("What is the weather in Minsk?", ago_minutes=5, language="en"),
        _logged(
            "What is the weather in Minsk?",
            ago_minutes=9,
            language="ru",
            answered=True,
            reason="ok",
            feedback=Feedback.NOT_HELPFUL,
        ),
    ]
    [group] = group_questions(rows)
    assert (group.wording, group.count, group.variants) == ("What is the weather in Minsk?", 3, 2)
    assert (group.declined, group.not_helpful) == (2, 1)
    assert group.language == "en"
    assert group.last_asked == NOW - timedelta(minutes=1)
    assert group.examples == ("what's the weather in minsk",)


def test_groups_are_ordered_by_size_then_recency() -> None:
    rows = [
        _logged("Fishing quotas in the Baltic", ago_minutes=30),
        _logged("Chess tournament dates", ago_minutes=1),
        _logged("Football league sponsors", ago_minutes=60),
        _logged("Football league sponsors", ago_minutes=61),
    ]
    assert [g.wording for g in group_questions(rows)] == [
        "Football league sponsors",
        "Chess tournament dates",
        "Fishing quotas in the Baltic",
    ]


def test_questions_without_words_are_left_out() -> None:
    assert group_questions([_logged("?!"), _logged("   ")]) == []


def test_near_duplicates_group_when_common_words_are_not_used_to_find_candidates() -> None:
    # 60 different "what is the ..." questions make "what", "is" and "the" common words.
    filler = [_logged(f"What is the topic number {n} here") for n in range(60)]
    pair = [_logged("What is the weather in Minsk?"), _logged("what's the weather in minsk")]
    groups = group_questions(filler + pair)
    assert [g.count for g in groups if "insk" in g.wording] == [2]
