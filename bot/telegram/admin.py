"""Press-desk admin commands: /stats (figures and a chart), /unanswered (with fix buttons), /export.

The admin gate here is shared by /reload, /history, /undo and /digest.

Admins are the Telegram user ids in ``BOT_ADMIN_IDS``. Anyone else gets a
polite refusal, never silence, so a curious user learns the command exists
but is not for them. An admin is answered in a private chat only: the figures
and the exported questions are not for the other members of a group.

Reading the log takes up to seconds on a big file, so every read runs in a
worker thread (``asyncio.to_thread``) while questions keep being answered.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta
from html import escape

from telegram import BotCommand, Update
from telegram.constants import ChatType

from bot.i18n import t
from bot.pressdesk import (
    CHART_DAYS,
    ExportPeriodError,
    ExportRequest,
    QuestionLog,
    QuestionLogError,
    chart_caption,
    daily_series,
    parse_days,
    parse_export_request,
    period_days,
    render_chart_png,
    render_csv,
    render_stats_html,
    render_unanswered_html,
)
from bot.telegram.arguments import command_arguments
from bot.telegram.context import BotContext
from bot.telegram.curation_buttons import unanswered_keyboard
from bot.telegram.languages import ui_language
from bot.telegram.sending import ReplyTarget, send_html

log = logging.getLogger(__name__)

ADMIN_COMMAND_NAMES = ("stats", "unanswered", "export", "reload", "add")
CURATION_COMMAND_NAMES = ("history", "undo", "digest")  # catalogue keys under curation.commands
UNANSWERED_LIMIT = 10


def public_press_commands(lang: str) -> list[BotCommand]:
    """The press-desk commands everyone may use and see in the menu: /cite."""
    return [BotCommand("cite", t(lang, "press.commands.cite"))]


def admin_commands(lang: str) -> list[BotCommand]:
    """The admin commands, shown in the menu of the admins' own chats only."""
    press = [BotCommand(name, t(lang, f"press.commands.{name}")) for name in ADMIN_COMMAND_NAMES]
    return press + [BotCommand(name, t(lang, f"curation.commands.{name}")) for name in CURATION_COMMAND_NAMES]


def is_admin(context: BotContext, user_id: int | None) -> bool:
    """Whether ``user_id`` is listed in ``BOT_ADMIN_IDS``."""
    return user_id is not None and user_id in context.settings.admin_id_set


async def admin_target(update: Update, context: BotContext) -> ReplyTarget | None:
    """Where to answer an admin command, or None after refusing it politely."""
    message = update.effective_message
    if message is None:
        return None
    target = ReplyTarget.replying_to(message)
    user = update.effective_user
    lang = ui_language(context, user)
    if not is_admin(context, user.id if user else None):
        await send_html(context.bot, target, escape(t(lang, "press.admin.refused")))
        return None
    if message.chat.type != ChatType.PRIVATE:
        await send_html(context.bot, target, escape(t(lang, "press.admin.private_only")))
        return None
    return target


async def _log_or_apologise(context: BotContext, target: ReplyTarget, lang: str) -> QuestionLog | None:
    if context.bot_data.question_log is None:
        await send_html(context.bot, target, escape(t(lang, "press.admin.log_unavailable")))
    return context.bot_data.question_log


async def _report_unreadable_log(context: BotContext, target: ReplyTarget, lang: str, exc: Exception) -> None:
    log.error("admin command could not read the question log: %s", exc)
    await send_html(context.bot, target, escape(t(lang, "press.admin.log_unavailable")))


async def stats_command(update: Update, context: BotContext) -> None:
    """Show the questions of the last day and week: answered, languages, ratings, topics."""
    target = await admin_target(update, context)
    if target is None:
        return
    lang = ui_language(context, update.effective_user)
    question_log = await _log_or_apologise(context, target, lang)
    if question_log is None:
        return
    try:
        stats = await asyncio.to_thread(question_log.stats)
    except QuestionLogError as exc:
        await _report_unreadable_log(context, target, lang, exc)
        return
    await send_html(context.bot, target, render_stats_html(stats, lang))
    try:
        chart, caption = await asyncio.to_thread(_chart, question_log, lang)
    except QuestionLogError as exc:
        await _report_unreadable_log(context, target, lang, exc)
        return
    await context.bot.send_photo(target.chat_id, chart, caption=caption, message_thread_id=target.thread_id)


def _chart(question_log: QuestionLog, lang: str) -> tuple[bytes, str]:
    """The /stats chart of the last ``CHART_DAYS`` days and its caption (blocking: a thread)."""
    since, until = period_days(CHART_DAYS, datetime.now(UTC))
    series = daily_series(question_log.questions(since, until), since, until)
    return render_chart_png(series, lang), chart_caption(series, lang)


async def unanswered_command(update: Update, context: BotContext) -> None:
    """List the most frequent declined or "not helpful" questions, near-duplicates grouped."""
    target = await admin_target(update, context)
    if target is None:
        return
    lang = ui_language(context, update.effective_user)
    arguments = command_arguments(update)
    since = None
    if arguments:
        try:
            since = datetime.now(UTC) - timedelta(days=parse_days(arguments[0]))
        except ExportPeriodError:
            await send_html(context.bot, target, escape(t(lang, "press.unanswered.usage")))
            return
    question_log = await _log_or_apologise(context, target, lang)
    if question_log is None:
        return
    curator = context.bot_data.curator
    try:
        settled = curator.store.settled_forms() if curator else None
        groups = await asyncio.to_thread(question_log.unanswered, UNANSWERED_LIMIT, since, settled)
    except QuestionLogError as exc:
        await _report_unreadable_log(context, target, lang, exc)
        return
    user = update.effective_user
    admin_id = user.id if user else 0
    keyboard = unanswered_keyboard(curator.store if curator else None, admin_id, groups, lang)
    await send_html(context.bot, target, render_unanswered_html(groups, lang), keyboard)


def _export(question_log: QuestionLog, request: ExportRequest) -> tuple[bytes, int]:
    rows = question_log.questions(request.since, request.until)
    return render_csv(rows, delimiter=request.delimiter), len(rows)


async def export_command(update: Update, context: BotContext) -> None:
    """Send the question log of a period as a CSV document (default: the last 7 days)."""
    target = await admin_target(update, context)
    if target is None:
        return
    lang = ui_language(context, update.effective_user)
    try:
        request = parse_export_request(command_arguments(update), datetime.now(UTC))
    except ExportPeriodError as exc:
        usage = t(lang, "press.export.usage")
        await send_html(context.bot, target, f"{escape(str(exc))}\n{escape(usage)}")
        return
    question_log = await _log_or_apologise(context, target, lang)
    if question_log is None:
        return
    try:
        document, count = await asyncio.to_thread(_export, question_log, request)
    except QuestionLogError as exc:
        await _report_unreadable_log(context, target, lang, exc)
        return
    period = {"since": f"{request.since:%Y-%m-%d %H:%M}", "until": f"{request.last_moment:%Y-%m-%d %H:%M}"}
    if count == 0:
        await send_html(context.bot, target, escape(t(lang, "press.export.empty", **period)))
        return
    await context.bot.send_document(
        target.chat_id,
        document,
        filename=request.file_name,
        caption=t(lang, "press.export.caption", count=count, **period),
        message_thread_id=target.thread_id,
    )
