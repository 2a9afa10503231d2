"""Summarise logged questions into the figures ``/stats`` shows.

Pure functions over ``LoggedQuestion`` records: the log fetches the rows of a
period once and the counting happens here, where it is easy to test without
a database.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime

from bot.pressdesk.records import Count, Feedback, LoggedQuestion, PeriodStats, TopicCount

DEFAULT_TOP_TOPICS = 5


def _ranked_counts(counter: Counter[str]) -> tuple[Count, ...]:
    ranked = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
    return tuple(Count(label, count) for label, count in ranked)


def _top_topics(rows: Sequence[LoggedQuestion], top: int) -> tuple[TopicCount, ...]:
    # A passage quoted twice in one answer is still one question about it.
    passages: Counter[str] = Counter()
    missions: Counter[str] = Counter()
    for row in rows:
        passages.update(set(row.passages))
        missions.update(set(row.missions))
    topics = [TopicCount("passage", label, count) for label, count in passages.items()]
    topics += [TopicCount("mission", label, count) for label, count in missions.items()]
    topics.sort(key=lambda topic: (-topic.count, topic.label, topic.kind))
    return tuple(topics[:top])


def summarise_period(
    rows: Sequence[LoggedQuestion],
    since: datetime,
    inline_choices: int,
    top_topics: int = DEFAULT_TOP_TOPICS,
) -> PeriodStats:
    """Count the questions in ``rows`` (already limited to the period) into ``PeriodStats``.

    Args:
        rows: the questions asked in the period.
        since: the start of the period, reported back for display.
        inline_choices: chosen inline results in the same period.
        top_topics: how many of the most used passages/missions to keep.
    """
    feedback = Counter(row.feedback for row in rows if row.feedback is not None)
    return PeriodStats(
        since=since,
        questions=len(rows),
        answered=sum(1 for row in rows if row.answered),
        by_language=_ranked_counts(Counter(row.language for row in rows)),
        helpful=feedback[Feedback.HELPFUL],
        not_helpful=feedback[Feedback.NOT_HELPFUL],
        outdated=feedback[Feedback.OUTDATED],
        top_topics=_top_topics(rows, top_topics),
        inline_choices=inline_choices,
    )
