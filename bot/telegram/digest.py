"""The weekly digest to admins (job queue, opt-in) and ``/digest on|off``.

Off unless ``BOT_WEEKLY_DIGEST`` is true or an admin says ``/digest on``; each
admin's choice is stored (hashed) in the curation tables and outlives a
restart. The job runs on Mondays at ``DIGEST_TIME_UTC`` and sends each admin
who wants it the week's figures, the top unanswered groups and the
worst-rated answers, in the language they chose with /lang (else English).
Every replica runs the job; each admin's week is claimed in the shared
database first (``CurationStore.claim_digest``), so one replica sends it.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, time
from html import escape

from telegram import Update
from telegram.error import TelegramError

from bot.i18n import t
from bot.pressdesk import CurationStore, QuestionLogError, digest_week, weekly_digest_html
from bot.telegram.arguments import command_arguments
from bot.telegram.context import BotApplication, BotContext
from bot.telegram.curation import curator_request
from bot.telegram.languages import DEFAULT_LANGUAGE, preferences_of
from bot.telegram.sending import ReplyTarget, send_html

log = logging.getLogger(__name__)

DIGEST_JOB_NAME = "weekly-digest"
DIGEST_TIME_UTC = time(7, 0)  # 10:00 in Minsk, the start of the press office's Monday
MONDAY = 1  # python-telegram-bot counts days of the week from Sunday = 0, as cron does


async def send_weekly_digest(context: BotContext) -> None:
    """Send the digest to every admin who wants it (the weekly job; also callable by hand)."""
    question_log, curator = context.bot_data.question_log, context.bot_data.curator
    if question_log is None or curator is None:
        log.warning("weekly digest skipped: the question log is not open")
        return
    default = context.settings.weekly_digest
    preferences = preferences_of(context)
    week = digest_week(datetime.now(UTC))
    store = curator.store
    for admin_id in sorted(context.settings.admin_id_set):
        try:
            if not store.digest_enabled(admin_id, default) or not store.claim_digest(admin_id, week):
                continue  # not wanted, or another replica has it
            lang = (preferences.language_of(admin_id) if preferences else None) or DEFAULT_LANGUAGE
            settled = store.settled_forms()
            text = await asyncio.to_thread(weekly_digest_html, question_log, settled, lang)
            await send_html(context.bot, ReplyTarget(admin_id, chat_type="private"), text)
        except (QuestionLogError, TelegramError) as exc:  # one admin's failure must not stop the others
            log.error("could not send the weekly digest to an admin: %s", exc)
            _give_back(store, admin_id, week)


def _give_back(store: CurationStore, admin_id: int, week: str) -> None:
    try:
        store.release_digest(admin_id, week)
    except QuestionLogError as exc:
        log.error("could not release the weekly digest claim: %s", exc)


def start_digest(application: BotApplication) -> None:
    """Schedule the weekly digest (from ``post_init``); it decides per admin whether to send."""
    job_queue = application.job_queue
    if job_queue is None:
        raise RuntimeError("the job queue is missing: install python-telegram-bot[job-queue]")
    job_queue.run_daily(send_weekly_digest, time=DIGEST_TIME_UTC, days=(MONDAY,), name=DIGEST_JOB_NAME)


async def digest_command(update: Update, context: BotContext) -> None:
    """Turn the weekly digest on or off for this admin, or say whether it is on."""
    request = await curator_request(update, context)
    if request is None:
        return
    target, user, lang, curator = request.target, request.user, request.lang, request.curator
    arguments = [word.lower() for word in command_arguments(update)]
    if arguments in (["on"], ["off"]):
        enabled = arguments == ["on"]
        curator.store.set_digest(user.id, enabled)
        key = "curation.digest.turned_on" if enabled else "curation.digest.turned_off"
    elif not arguments:
        enabled = curator.store.digest_enabled(user.id, context.settings.weekly_digest)
        key = "curation.digest.status_on" if enabled else "curation.digest.status_off"
    else:
        key = "curation.digest.usage"
    await send_html(context.bot, target, escape(t(lang, key)))
