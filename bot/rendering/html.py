"""Render an ``Answer`` as Telegram HTML (parse mode HTML).

Every piece of corpus or user text goes through ``html.escape``; only the tags
made here (blockquote, b, i, a) reach Telegram unescaped.
"""

from __future__ import annotations

from html import escape

from bot.answering import Answer, QuotedPassage
from bot.i18n import t
from bot.rendering.text import mark_sentence, render_refusal_text


def link(url: str, label: str) -> str:
    return f'<a href="{escape(url, quote=True)}">{escape(label)}</a>'


def render_passage_html(passage: QuotedPassage, lang: str) -> str:
    """One quote: the passage in a blockquote, the best sentence bold, then its source."""
    head, best, tail = mark_sentence(passage.text, passage.best_sentence)
    quote = f"{escape(head)}<b>{escape(best)}</b>{escape(tail)}" if best else escape(head)
    section = f" — {escape(passage.section)}" if passage.section else ""
    lines = [
        f"<blockquote>{quote}</blockquote>",
        f"<i>{escape(t(lang, 'reply.source'))}:</i> {link(passage.source_url, passage.title)}{section}"
        f" ({escape(passage.source_name)}, {escape(passage.date)})",
    ]
    if passage.is_translation and passage.original_url:
        lines.append(f"<i>{escape(t(lang, 'reply.translation_note', url=passage.original_url))}</i>")
    return "\n".join(lines)


def render_answer_html(answer: Answer, site_url: str = "https://mfa.gov.by/en/", mission_lookup=None) -> str:  # noqa: ANN001
    """The whole reply in Telegram HTML (may exceed 4,096 characters: the adapter splits it)."""
    if answer.reason == "missions":
        from bot.rendering.mission_cards import render_mission_reply_html  # noqa: PLC0415

        return render_mission_reply_html(answer.missions, answer.lang, mission_lookup)
    if not answer.answered:
        return escape(render_refusal_text(answer, site_url))
    first, *further = answer.passages
    parts = [render_passage_html(first, answer.lang)]
    if further:
        parts.append(f"<b>{escape(t(answer.lang, 'reply.also_relevant'))}:</b>")
        parts.extend(render_passage_html(p, answer.lang) for p in further)
    return "\n\n".join(parts)
