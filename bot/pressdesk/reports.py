"""Telegram-HTML reports for the press desk: ``/stats`` and ``/unanswered``.

Pure functions from the question log's records to message text, in the
admin's interface language. Every text from users (questions) and from the
corpus (passage titles) is escaped: a question such as ``<b>`` must reach the
admin as those three characters.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from bot.i18n import t
from bot.pressdesk.records import PeriodStats, Stats, TopicCount, UnansweredGroup


def _share(lang: str, share: float | None) -> str:
    return t(lang, "press.stats.no_share") if share is None else f"{share:.0%}"


def _topic(lang: str, topic: TopicCount) -> str:
    label = t(lang, "press.stats.mission", id=topic.label) if topic.kind == "mission" else topic.label
    return f"• {escape(label)} — {topic.count}"


def _period_lines(lang: str, heading_key: str, period: PeriodStats) -> list[str]:
    languages = ", ".join(f"{c.label} {c.count}" for c in period.by_language) or t(lang, "press.stats.none")
    lines = [
        f"<b>{escape(t(lang, heading_key))}</b>",
        escape(t(lang, "press.stats.questions", count=period.questions)),
        escape(
            t(lang, "press.stats.answered", count=period.answered, share=_share(lang, period.answered_share))
        ),
        escape(
            t(
                lang,
                "press.stats.feedback",
                helpful=period.helpful,
                rated=period.rated,
                share=_share(lang, period.helpful_share),
                not_helpful=period.not_helpful,
                outdated=period.outdated,
            )
        ),
        escape(t(lang, "press.stats.languages", languages=languages)),
        escape(t(lang, "press.stats.inline", count=period.inline_choices)),
    ]
    if period.top_topics:
        lines.append(escape(t(lang, "press.stats.topics")))
        lines.extend(_topic(lang, topic) for topic in period.top_topics)
    return lines


def render_stats_html(stats: Stats, lang: str) -> str:
    """The ``/stats`` message: the last day, then the last week."""
    lines = [f"<b>{escape(t(lang, 'press.stats.header'))}</b>", ""]
    lines += _period_lines(lang, "press.stats.last_day", stats.last_day)
    lines.append("")
    lines += _period_lines(lang, "press.stats.last_week", stats.last_week)
    return "\n".join(lines)


def _group_lines(lang: str, number: int, group: UnansweredGroup) -> list[str]:
    details = t(
        lang,
        "press.unanswered.details",
        declined=group.declined,
        not_helpful=group.not_helpful,
        variants=group.variants,
        language=group.language,
        date=f"{group.last_asked:%Y-%m-%d}",
    )
    lines = [f"{number}. <b>{group.count}×</b> “{escape(group.wording)}”", f"<i>{escape(details)}</i>"]
    if group.examples:
        examples = "; ".join(f"“{example}”" for example in group.examples)
        lines.append(escape(t(lang, "press.unanswered.examples", examples=examples)))
    if group.answered_with:
        lines.append(escape(t(lang, "curation.answered_with", passages="; ".join(group.answered_with))))
    return lines


def render_unanswered_html(groups: Sequence[UnansweredGroup], lang: str) -> str:
    """The ``/unanswered`` message: the most frequent gaps, near-duplicates counted together."""
    if not groups:
        return escape(t(lang, "press.unanswered.empty"))
    lines = [f"<b>{escape(t(lang, 'press.unanswered.header'))}</b>"]
    for number, group in enumerate(groups, start=1):
        lines.append("")
        lines.extend(_group_lines(lang, number, group))
    return "\n".join(lines)
