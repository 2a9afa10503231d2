"""The press desk's fixes from Telegram: the buttons under /unanswered, the new-topic reply, /history, /undo.

A handler takes the press, checks the presser is an admin (anyone else gets
the polite refusal and nothing changes), reads the offer the button names
from the database, calls one ``Curator`` method in a worker thread, reloads
the material the way ``/reload`` does (``reloading.reload_material``: the new
engine is swapped in whole) and tells the admin what changed.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from telegram import ForceReply, Update, User
from telegram.constants import ParseMode

from bot.curation import CurationError, Curator, passage_candidates
from bot.i18n import t
from bot.pressdesk import Change, Offer
from bot.telegram import asking
from bot.telegram.admin import admin_target, is_admin
from bot.telegram.answer_buttons import Press, acknowledge_press
from bot.telegram.context import BotContext
from bot.telegram.curation_buttons import (
    CANDIDATE,
    CURATION_PATTERN,
    IGNORE,
    NEW_TOPIC,
    SHOW_PASSAGES,
    SHOW_TOPICS,
    TOPIC,
    candidate_keyboard,
    topic_keyboard,
)
from bot.telegram.languages import ui_language
from bot.telegram.reloading import reload_material, summary_text
from bot.telegram.sending import ReplyTarget, send_html
from corpus import CorpusError
from index import RetrievalError

log = logging.getLogger(__name__)

HISTORY_LIMIT = 10


async def _say(context: BotContext, target: ReplyTarget, lang: str, key: str, **values: object) -> None:
    await send_html(context.bot, target, escape(t(lang, key, **values)))


@dataclass(frozen=True, slots=True)
class CuratorRequest:
    """An admin's press-desk command: where to reply, who asked, in which language, the curator."""

    target: ReplyTarget
    user: User
    lang: str
    curator: Curator


async def curator_request(update: Update, context: BotContext) -> CuratorRequest | None:
    """The admin's request, or None (a non-admin is told by ``admin_target``; a closed log is said)."""
    target = await admin_target(update, context)
    user = update.effective_user
    if target is None or user is None:
        return None
    lang = ui_language(context, user)
    curator = context.bot_data.curator
    if curator is None:
        await _say(context, target, lang, "curation.unavailable")
        return None
    return CuratorRequest(target, user, lang, curator)


async def report_change(
    context: BotContext, target: ReplyTarget, lang: str, change: Change, key: str
) -> None:
    """Reload when a file changed, then tell the admin what changed (and what the reload did)."""
    text = escape(t(lang, key, summary=change.summary))
    if change.target:
        try:
            summary = await reload_material(context)
        except (CorpusError, RetrievalError) as exc:
            log.warning("curation change %d written, reload failed: %s", change.id, exc)
            failed = escape(t(lang, "curation.reload_failed"))
            await send_html(context.bot, target, f"{text}\n\n{failed}\n<pre>{escape(str(exc))}</pre>")
            return
        text += "\n\n" + escape(summary_text(summary, lang))
    await send_html(context.bot, target, text)


async def _apply(
    context: BotContext, target: ReplyTarget, lang: str, call: Callable[..., Change], *args: object
) -> None:
    """Run one ``Curator`` change in a worker thread and report it, or the reason it was refused."""
    try:
        change = await asyncio.to_thread(call, *args)
    except CurationError as exc:
        await _say(context, target, lang, "curation.refused", reason=str(exc))
        return
    key = "curation.ignored" if not change.target else "curation.done"
    await report_change(context, target, lang, change, key)


async def _show_passages(
    context: BotContext, press: Press, lang: str, curator: Curator, offer: Offer
) -> None:
    candidates = await asyncio.to_thread(passage_candidates, context.engine, offer.wording, offer.language)
    if not candidates:
        await _say(context, press.target, lang, "curation.no_candidates", question=offer.wording)
        return
    curator.store.set_choices(offer.id, candidates=candidates)
    lines = [escape(t(lang, "curation.choose_passage", question=offer.wording)), ""]
    lines += [
        escape(t(lang, "curation.candidate", number=n, title=c.title, id=c.passage_id, opening=c.opening))
        for n, c in enumerate(candidates, 1)
    ]
    await send_html(context.bot, press.target, "\n".join(lines), candidate_keyboard(offer.id, candidates))


async def _show_topics(context: BotContext, press: Press, lang: str, curator: Curator, offer: Offer) -> None:
    try:
        topics = await asyncio.to_thread(curator.topics, lang)
    except CurationError as exc:
        await _say(context, press.target, lang, "curation.refused", reason=str(exc))
        return
    curator.store.set_choices(offer.id, topics=topics)
    text = escape(t(lang, "curation.choose_topic", question=offer.wording))
    await send_html(context.bot, press.target, text, topic_keyboard(offer.id, topics, lang))


async def _ask_for_topic(
    context: BotContext, press: Press, lang: str, curator: Curator, offer: Offer
) -> None:
    prompt = await context.bot.send_message(
        press.target.chat_id,
        escape(t(lang, "curation.new_topic_prompt")),
        parse_mode=ParseMode.HTML,
        reply_markup=ForceReply(input_field_placeholder="id https://… name"),
    )
    curator.store.await_reply(offer.id, press.user.id, prompt.message_id)


async def curation_button(update: Update, context: BotContext) -> None:
    """Answer a press on a curation button: show choices, or apply the chosen change."""
    press = await acknowledge_press(update, CURATION_PATTERN)
    if press is None:
        return
    lang = ui_language(context, press.user)
    if not is_admin(context, press.user.id):
        log.warning("a curation button was pressed by a non-admin; nothing changed")
        await _say(context, press.target, lang, "press.admin.refused")
        return
    curator = context.bot_data.curator
    if curator is None:
        await _say(context, press.target, lang, "curation.unavailable")
        return
    offer_id, action, number = int(press.match.group(1)), press.match.group(2), press.match.group(3)
    offer = curator.store.offer(offer_id)
    if offer is None:
        await _say(context, press.target, lang, "curation.expired")
        return
    if offer.change_id is not None:
        await _say(context, press.target, lang, "curation.already", change=offer.change_id)
        return
    admin_id = press.user.id
    if action == SHOW_PASSAGES:
        await _show_passages(context, press, lang, curator, offer)
    elif action == SHOW_TOPICS:
        await _show_topics(context, press, lang, curator, offer)
    elif action == NEW_TOPIC:
        await _ask_for_topic(context, press, lang, curator, offer)
    elif action == IGNORE:
        await _apply(context, press.target, lang, curator.ignore, offer.phrasings, admin_id, offer.id)
    else:
        await _apply_choice(context, press, lang, curator, offer, action, number)


async def _apply_choice(
    context: BotContext,
    press: Press,
    lang: str,
    curator: Curator,
    offer: Offer,
    action: str,
    number: str | None,
) -> None:
    """Apply the listed candidate passage or topic number ``number`` the admin chose."""
    position = int(number) if number is not None else -1
    admin_id = press.user.id
    if action == CANDIDATE and 0 <= position < len(offer.candidates):
        passage_id = offer.candidates[position].passage_id
        await _apply(
            context,
            press.target,
            lang,
            curator.teach_passage,
            offer.phrasings,
            passage_id,
            admin_id,
            offer.id,
        )
    elif action == TOPIC and 0 <= position < len(offer.topics):
        topic_id = offer.topics[position].id
        await _apply(
            context,
            press.target,
            lang,
            curator.file_out_of_scope,
            offer.phrasings,
            topic_id,
            admin_id,
            offer.id,
        )
    else:  # a number the offer never listed: an old or forged button
        await _say(context, press.target, lang, "curation.expired")


async def reply_or_answer(update: Update, context: BotContext) -> None:
    """An admin's reply naming a new out-of-scope topic; any other private text is a question."""
    message = update.effective_message
    user = update.effective_user
    curator = context.bot_data.curator
    prompt = message.reply_to_message if message else None
    offer = None
    if message and user and prompt and curator and is_admin(context, user.id):
        offer = curator.store.offer_awaiting_reply(user.id, prompt.message_id)
    if message is None or user is None or curator is None or offer is None:
        await asking.answer_message(update, context)
        return
    target = ReplyTarget.replying_to(message)
    lang = ui_language(context, user)
    parts = (message.text or "").split(maxsplit=2)
    if len(parts) < 3:
        await _say(context, target, lang, "curation.new_topic_usage")
        return
    topic_id, pointer, label = parts
    await _apply(
        context, target, lang, curator.add_topic, offer.phrasings, topic_id, pointer, label, user.id, offer.id
    )


def _history_html(changes: list[Change], lang: str) -> str:
    if not changes:
        return escape(t(lang, "curation.history.empty"))
    lines = [f"<b>{escape(t(lang, 'curation.history.header'))}</b>"]
    for change in changes:
        who = (
            t(lang, "curation.history.cli")
            if change.admin_hash is None
            else t(lang, "curation.history.admin", hash=change.admin_hash[:8])
        )
        undone = f" {t(lang, 'curation.history.undone')}" if change.undone else ""
        lines.append(
            f"#{change.id} {change.changed_at:%Y-%m-%d %H:%M} UTC, {escape(who)}{escape(undone)}: "
            f"{escape(change.summary)}"
        )
    return "\n".join(lines)


async def history_command(update: Update, context: BotContext) -> None:
    """List the latest press-desk changes, newest first."""
    request = await curator_request(update, context)
    if request is None:
        return
    changes = await asyncio.to_thread(request.curator.history, HISTORY_LIMIT)
    await send_html(context.bot, request.target, _history_html(changes, request.lang))


async def undo_command(update: Update, context: BotContext) -> None:
    """Revert the latest press-desk change, reload, and say what was undone."""
    request = await curator_request(update, context)
    if request is None:
        return
    target, user, lang, curator = request.target, request.user, request.lang, request.curator
    try:
        _undone, record = await asyncio.to_thread(curator.undo, user.id)
    except CurationError as exc:
        await _say(context, target, lang, "curation.refused", reason=str(exc))
        return
    await report_change(context, target, lang, record, "curation.undo.done")
