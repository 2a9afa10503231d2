"""Render an ``Answer`` as plain text: the console chat, ``ask`` and ``/cite`` read this.

The quote is verbatim; the sentence that answers best is wrapped in ``*`` so a
reader sees it without colour or markup.
"""

from __future__ import annotations

from bot.answering import Answer, QuotedPassage
from bot.i18n import t

MARK = "*"


def mark_sentence(text: str, sentence: str | None) -> tuple[str, str, str]:
    """Split ``text`` around the best sentence: (head, sentence, tail); sentence may be empty.

    A passage of one sentence gets no mark: marking all of it would say nothing.
    """
    if sentence and sentence != text and (start := text.find(sentence)) >= 0:
        return text[:start], sentence, text[start + len(sentence) :]
    return text, "", ""


def source_line(passage: QuotedPassage, lang: str) -> str:
    label = t(lang, "reply.source")
    section = f" — {passage.section}" if passage.section else ""
    return f"{label}: {passage.title}{section} ({passage.source_name}, {passage.date}), {passage.source_url}"


def render_passage_text(passage: QuotedPassage, lang: str) -> str:
    head, best, tail = mark_sentence(passage.text, passage.best_sentence)
    quote = f"{head}{MARK}{best}{MARK}{tail}" if best else head
    lines = [f"“{quote}”", f"— {source_line(passage, lang)}"]
    if passage.is_translation and passage.original_url:
        lines.append(t(lang, "reply.translation_note", url=passage.original_url))
    return "\n".join(lines)


def render_refusal_text(answer: Answer, site_url: str) -> str:
    """The message for a question that gets no quote (not covered or not a question)."""
    if answer.reason == "not_covered" and answer.topic is not None:
        topic = answer.topic
        return t(
            answer.lang, f"reply.topic_{topic.reply}", topic=topic.label, url=topic.pointer, site=site_url
        )
    if answer.reason == "not_covered":
        return t(answer.lang, "reply.not_covered", site=site_url)
    if answer.reason == "too_long":
        details = answer.details
        return t(
            answer.lang, "reply.too_long", length=details.get("length", 0), limit=details.get("limit", 0)
        )
    return t(answer.lang, f"reply.{answer.reason}")


def render_answer_text(answer: Answer, site_url: str = "https://mfa.gov.by/en/", mission_lookup=None) -> str:  # noqa: ANN001
    """The whole reply as plain text, exactly what a console or CLI user reads.

    ``mission_lookup`` (``MissionDirectory.get``) lets a closed mission's card
    name the mission to turn to instead.
    """
    if answer.reason == "missions":
        from bot.rendering.mission_cards import render_mission_reply_text  # noqa: PLC0415

        return render_mission_reply_text(answer.missions, answer.lang, mission_lookup)
    if not answer.answered:
        return render_refusal_text(answer, site_url)
    first, *further = answer.passages
    parts = [render_passage_text(first, answer.lang)]
    if further:
        parts.append(t(answer.lang, "reply.also_relevant") + ":")
        parts.extend(render_passage_text(p, answer.lang) for p in further)
    return "\n\n".join(parts)
