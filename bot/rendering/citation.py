"""Render an ``Answer`` as copy-ready plain text with full citations: what ``/cite`` sends.

Press staff paste the result into a letter, so it differs from the chat reply
(``bot.rendering.answer``) in three ways: the quote carries no ``*`` mark around the
best sentence, each quote is followed by a citation a reader can check
(title and section, publisher, date, URL) in the answer's language, and
nothing decorative (emoji, buttons, HTML) is added. Mission answers and
declines are already plain text and are rendered as in the chat.
"""

from __future__ import annotations

from bot.answering import Answer, QuotedPassage
from bot.i18n import t
from bot.rendering.answer import MissionLookup, render_answer_text


def citation_line(passage: QuotedPassage, lang: str) -> str:
    """ "Source: Title — Section. Publisher, date. URL" in ``lang``."""
    title = f"{passage.title} — {passage.section}" if passage.section else passage.title
    return t(
        lang,
        "press.cite.citation",
        title=title,
        publisher=passage.source_name,
        date=passage.date,
        url=passage.source_url,
    )


def render_passage_citation(passage: QuotedPassage, lang: str) -> str:
    """The verbatim quote, its citation, and the original's URL for a translation."""
    lines = [f"“{passage.text}”", citation_line(passage, lang)]
    if passage.is_translation and passage.original_url:
        lines.append(t(lang, "reply.translation_note", url=passage.original_url))
    return "\n".join(lines)


def render_citation_text(
    answer: Answer,
    site_url: str,
    mission_lookup: MissionLookup | None = None,
) -> str:
    """The whole ``/cite`` reply as plain text.

    Args:
        answer: the engine's reply.
        site_url: the ministry's site, named when the material does not cover a question.
        mission_lookup: finds a mission by id (``Engine.mission_lookup``), for mission cards.
    """
    if answer.reason == "missions" or not answer.answered:
        return render_answer_text(answer, site_url, mission_lookup)
    parts = [render_passage_citation(passage, answer.lang) for passage in answer.passages]
    if len(parts) > 1:  # the first quote answers; the others follow under "Also relevant"
        parts.insert(1, t(answer.lang, "reply.also_relevant") + ":")
    return "\n\n".join(parts)
