"""Inline mode: ``@bot query`` in any chat, answered from retrieval alone.

Built like rules-bot's ``inlinequeries.py``: map search hits to articles, ten a
page with ``next_offset``. No slow steps run here — the engine's
``search_passages`` is retrieval only, in its own thread pool, so an inline
query is answered well within a second even while questions are being answered.
"""

from __future__ import annotations

import hashlib
from html import escape

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    Update,
)
from telegram.constants import ParseMode

from bot.answering import QuotedPassage
from bot.i18n import t
from bot.rendering import render_passage_html, split_html
from bot.telegram.asking import run_blocking, topics_in
from bot.telegram.context import BotContext
from bot.telegram.languages import SUPPORTED_LANGUAGES, ui_language
from bot.telegram.missions import inline_mission_articles, reply_language
from bot.telegram.sending import NO_PREVIEW

PAGE_SIZE = 10
# Results depend on the material, which changes rarely; five minutes matches
# Telegram's default and keeps repeated keystrokes off the engine.
CACHE_SECONDS = 300
DEEP_LINK_PARAMETER = "inline"
DESCRIPTION_CHARS = 120
RESULT_ID_BYTES = 64


def _result_id(kind: str, key: str) -> str:
    """A stable result id within Telegram's 64 bytes."""
    candidate = f"{kind}:{key}"
    if len(candidate.encode()) <= RESULT_ID_BYTES:
        return candidate
    return f"{kind}:{hashlib.sha1(key.encode()).hexdigest()}"


def _shorten(text: str, limit: int = DESCRIPTION_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


def _html_content(text_html: str) -> InputTextMessageContent:
    return InputTextMessageContent(text_html, parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW)


def passage_article(passage: QuotedPassage, lang: str) -> InlineQueryResultArticle:
    """An article quoting ``passage``: title = source and section, description = snippet."""
    labels = passage.language if passage.language in SUPPORTED_LANGUAGES else lang
    title = " — ".join(filter(None, [passage.source_name, passage.section or passage.title]))
    message = split_html(render_passage_html(passage, labels))[0]  # one message: a passage fits
    return InlineQueryResultArticle(
        id=_result_id("p", passage.passage_id),
        title=title,
        description=_shorten(passage.best_sentence or passage.text),
        input_message_content=_html_content(message),
    )


def topic_article(topic: str, lang: str) -> InlineQueryResultArticle:
    """An article naming a topic, with a button that searches it inline."""
    search = InlineKeyboardButton(
        t(lang, "telegram.inline.search_topic"), switch_inline_query_current_chat=topic
    )
    return InlineQueryResultArticle(
        id=_result_id("t", topic),
        title=topic,
        description=t(lang, "telegram.inline.topic_description"),
        input_message_content=_html_content(f"<b>{escape(topic)}</b>"),
        reply_markup=InlineKeyboardMarkup([[search]]),
    )


def not_covered_article(lang: str, site_url: str) -> InlineQueryResultArticle:
    """The one article for a query the material does not answer, linking the official site."""
    site = InlineKeyboardButton(t(lang, "telegram.inline.official_site"), url=site_url)
    return InlineQueryResultArticle(
        id="not-covered",
        title=t(lang, "telegram.inline.not_covered_title"),
        description=t(lang, "telegram.inline.not_covered_description"),
        input_message_content=_html_content(escape(t(lang, "reply.not_covered", site=site_url))),
        reply_markup=InlineKeyboardMarkup([[site]]),
    )


def parse_offset(offset: str) -> int:
    """The position Telegram asks for; anything unexpected starts from the top."""
    return int(offset) if offset.isdigit() else 0


async def answer_inline_query(update: Update, context: BotContext) -> None:
    """Answer an inline query with quotes, the topics (empty query) or an honest "not covered"."""
    query = update.inline_query
    if query is None:
        return
    lang = ui_language(context, query.from_user)
    offset = parse_offset(query.offset)
    text = query.query.strip()
    results: list[InlineQueryResultArticle]
    if not text:
        topics = topics_in(context, lang)
        results = [topic_article(topic, lang) for topic in topics[offset : offset + PAGE_SIZE]]
        has_more = len(topics) > offset + PAGE_SIZE
    else:
        # A mission question's cards come first, then the passages, as one paged list.
        asked_in = reply_language(context, query.from_user, text)
        cards = await run_blocking(
            context.bot_data.inline_pool, inline_mission_articles, context, text, asked_in
        )
        results = cards[offset : offset + PAGE_SIZE]
        wanted = PAGE_SIZE - len(results)
        # One extra passage tells whether another page exists without a second search.
        passages = await run_blocking(
            context.bot_data.inline_pool,
            context.engine.search_passages,
            text,
            asked_in,
            wanted + 1,
            max(0, offset - len(cards)),
        )
        has_more = len(cards) > offset + PAGE_SIZE or len(passages) > wanted
        if cards:  # the cards answer from the records; their passage copies would repeat them
            passages = [p for p in passages if p.mission_id is None]
        results += [passage_article(p, lang) for p in passages[:wanted]]
        if not results and offset == 0:
            results = [not_covered_article(lang, context.settings.official_site_url)]
    await query.answer(
        results,
        cache_time=CACHE_SECONDS,
        is_personal=True,  # labels and the button follow the user's language
        next_offset=str(offset + PAGE_SIZE) if has_more else "",
        button=InlineQueryResultsButton(
            text=t(lang, "telegram.inline.open_private_chat"), start_parameter=DEEP_LINK_PARAMETER
        ),
    )
