"""The press desk's pure parts: /export's period, and the /stats and /unanswered texts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.pressdesk.period import (
    DEFAULT_EXPORT_DAYS,
    ExportPeriodError,
    ExportRequest,
    parse_days,
    parse_export_request,
)
from bot.pressdesk.records import Count, PeriodStats, Stats, TopicCount, UnansweredGroup
from bot.pressdesk.reports import render_stats_html, render_unanswered_html
from bot.rendering.html_split import html_to_text
from tests.html_assertions import assert_well_formed_html

NOW = datetime(2026, 11, 28, 15, 45, tzinfo=UTC)


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ([], ExportRequest(NOW - timedelta(days=DEFAULT_EXPORT_DAYS), NOW)),
        (["30"], ExportRequest(NOW - timedelta(days=30), NOW)),
        (
            ["2026-11-01", "2026-11-28"],
            ExportRequest(datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 11, 29, tzinfo=UTC)),
        ),
        (
            ["2026-11-05", "2026-11-05"],
            ExportRequest(datetime(2026, 11, 5, tzinfo=UTC), datetime(2026, 11, 6, tzinfo=UTC)),
        ),
        (["7", ";"], ExportRequest(NOW - timedelta(days=7), NOW, ";")),
        (["semicolon"], ExportRequest(NOW - timedelta(days=7), NOW, ";")),
    ],
    ids=["default", "days", "dates", "one-day", "days-semicolon", "semicolon-word"],
)
def test_export_arguments_name_a_period(arguments: list[str], expected: ExportRequest) -> None:
    assert parse_export_request(arguments, NOW) == expected


@pytest.mark.parametrize(
    "arguments",
    [
        ["0"],
        ["-3"],
        ["99999"],
        ["week"],
        ["2026-11-28", "2026-11-01"],
        ["2026-02-30", "2026-03-01"],
        ["2026-11-01"],
        ["1", "2", "3"],
    ],
    ids=["zero", "negative", "too-many-days", "word", "reversed", "no-such-day", "one-date", "three"],
)
def test_export_arguments_it_cannot_read_are_refused(arguments: list[str]) -> None:
    with pytest.raises(ExportPeriodError):
        parse_export_request(arguments, NOW)


def test_export_file_name_and_last_moment_show_the_inclusive_end() -> None:
    request = parse_export_request(["2026-11-01", "2026-11-28"], NOW)
    assert request.file_name == "questions_2026-11-01_2026-11-28.csv"
    assert f"{request.last_moment:%Y-%m-%d %H:%M}" == "2026-11-28 23:59"


@pytest.mark.parametrize(("word", "days"), [("1", 1), ("30", 30), ("3660", 3660)])
def test_days_are_whole_numbers_in_range(word: str, days: int) -> None:
    assert parse_days(word) == days


def _period(since: datetime, **figures: object) -> PeriodStats:
    values: dict[str, object] = {
        "since": since,
        "questions": 0,
        "answered": 0,
        "by_language": (),
        "helpful": 0,
        "not_helpful": 0,
        "outdated": 0,
        "top_topics": (),
        "inline_choices": 0,
    }
    values.update(figures)
    return PeriodStats(**values)  # type: ignore[arg-type]


def test_stats_text_escapes_topic_labels_and_shows_shares() -> None:
    week = _period(
        NOW - timedelta(days=7),
        questions=8,
        answered=6,
        by_language=(Count("en", 5), Count("ru", 3)),
        helpful=3,
        not_helpful=1,
        outdated=0,
        inline_choices=2,
        top_topics=(TopicCount("passage", "EU <trade> & investment", 4), TopicCount("mission", "by-de", 2)),
    )
    html = render_stats_html(Stats(NOW, _period(NOW - timedelta(days=1)), week), "en")
    text = html_to_text(html)
    assert_well_formed_html(html)
    assert "&lt;trade&gt; &amp; investment" in html
    assert "Answered: 6 (75%)" in text and "Rated helpful: 3 of 4 rated (75%)" in text
    assert "By language: en 5, ru 3" in text and "• mission by-de — 2" in text
    assert "Answered: 0 (n/a)" in text and "By language: none" in text


def test_unanswered_text_escapes_questions_and_lists_other_wordings() -> None:
    group = UnansweredGroup(
        wording="Is <b>this</b> covered?",
        count=4,
        declined=3,
        not_helpful=1,
        variants=2,
        language="en",
        last_asked=NOW,
        examples=("is this covered",),
    )
    html = render_unanswered_html([group], "ru")
    text = html_to_text(html)
    assert_well_formed_html(html)
    assert "&lt;b&gt;this&lt;/b&gt;" in html
    assert "1. 4× “Is <b>this</b> covered?”" in text
    assert "без ответа: 3, «не помогло»: 1; формулировок: 2; язык: en; последний раз 2026-11-28" in text
    assert "Также спрашивали: “is this covered”" in text
