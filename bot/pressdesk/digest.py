"""The weekly digest for admins: the week's counts, the top unanswered groups, the worst-rated answers.

Pure functions from the log's records to Telegram HTML, like
``bot.pressdesk.reports``; every question and passage title is escaped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from html import escape
from typing import TYPE_CHECKING

from bot.i18n import t
from bot.pressdesk.daily import DailySeries
from bot.pressdesk.records import Feedback, LoggedQuestion, PeriodStats, UnansweredGroup

if TYPE_CHECKING:  # the log imports nothing from here; the annotation only
    from bot.pressdesk.log import QuestionLog

DIGEST_GROUPS = 5
DIGEST_WORST = 5
_BAD = (Feedback.NOT_HELPFUL, Feedback.OUTDATED)


def digest_week(moment: datetime) -> str:
    """The ISO week a digest sent at ``moment`` (UTC) covers, as ``"2026-W49"``: the claim key."""
    year, week, _day = moment.astimezone(UTC).isocalendar()
    return f"{year}-W{week:02d}"


@dataclass(frozen=True, slots=True)
class RatedPassage:
    """How one quoted passage was rated: bad ratings (not helpful, outdated) of all ratings."""

    label: str
    bad: int
    rated: int
    example: str  # a question whose answer got a bad rating


def worst_rated(rows: Sequence[LoggedQuestion], limit: int = DIGEST_WORST) -> list[RatedPassage]:
    """The passages whose answers were rated badly most often (the first passage quoted counts)."""
    bad: Counter[str] = Counter()
    rated: Counter[str] = Counter()
    example: dict[str, str] = {}
    for row in rows:
        if row.feedback is None or not row.passages:
            continue
        label = row.passages[0]
        rated[label] += 1
        if row.feedback in _BAD:
            bad[label] += 1
            example.setdefault(label, row.question)
    ranked = sorted(bad, key=lambda label: (-bad[label], -rated[label], label))[:limit]
    return [RatedPassage(label, bad[label], rated[label], example[label]) for label in ranked]


def chart_caption(series: DailySeries, lang: str) -> str:
    """The chart's figures in words (plain text: a photo caption)."""
    share = "—" if series.answered_share is None else f"{series.answered_share:.0%}"
    languages = ", ".join(f"{s.language} {sum(s.counts)}" for s in series.by_language) or "—"
    return t(
        lang,
        "curation.chart.caption",
        since=f"{series.days[0]:%Y-%m-%d}" if series.days else "",
        until=f"{series.days[-1]:%Y-%m-%d}" if series.days else "",
        total=series.total,
        answered=sum(series.answered),
        share=share,
        declined=sum(series.declined),
        languages=languages,
    )


def render_digest_html(
    week: PeriodStats,
    groups: Sequence[UnansweredGroup],
    worst: Sequence[RatedPassage],
    lang: str,
) -> str:
    """The digest message: the week in figures, then what to fix first."""
    share = "—" if week.answered_share is None else f"{week.answered_share:.0%}"
    lines = [
        f"<b>{escape(t(lang, 'curation.digest.header'))}</b>",
        escape(
            t(
                lang,
                "curation.digest.counts",
                questions=week.questions,
                answered=week.answered,
                share=share,
                helpful=week.helpful,
                not_helpful=week.not_helpful + week.outdated,
            )
        ),
        "",
        f"<b>{escape(t(lang, 'curation.digest.unanswered'))}</b>",
    ]
    lines += [f"{n}. {group.count}× “{escape(group.wording)}”" for n, group in enumerate(groups, 1)] or [
        escape(t(lang, "curation.digest.none"))
    ]
    lines += ["", f"<b>{escape(t(lang, 'curation.digest.worst'))}</b>"]
    lines += [
        f"{n}. {escape(item.label)} — {item.bad}/{item.rated} "
        f"({escape(t(lang, 'curation.digest.example', question=item.example))})"
        for n, item in enumerate(worst, 1)
    ] or [escape(t(lang, "curation.digest.none"))]
    lines += ["", escape(t(lang, "curation.digest.footer"))]
    return "\n".join(lines)


def weekly_digest_html(
    question_log: QuestionLog,
    settled: Mapping[str, datetime] | None,
    lang: str,
    now: datetime | None = None,
) -> str:
    """Read the last seven days from ``question_log`` and render the digest (blocking: a thread)."""
    moment = now or datetime.now(UTC)
    week_start = moment - timedelta(days=7)
    stats = question_log.stats(moment)
    groups = question_log.unanswered(DIGEST_GROUPS, week_start, settled)
    worst = worst_rated(question_log.questions(week_start, moment))
    return render_digest_html(stats.last_week, groups, worst, lang)
