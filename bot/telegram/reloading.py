"""``/reload``: read the corpus again and swap the new engine in while questions keep coming.

The reload runs in a worker thread (``bot.answering.reload``) so the event loop
keeps answering from the current engine; the swap is one assignment to
``bot_data.engine``, made only after the new engine is complete. A question
already being answered holds its own reference to the old engine and finishes
on it. Reloads run one at a time (``bot_data.reload_lock``): two overlapping
builds would write the same index folder.

A malformed corpus (``CorpusError``) or an index that cannot be written
(``RetrievalError``) leaves the current engine serving, and the admin gets the
error, which names the file to fix.
"""

from __future__ import annotations

import asyncio
import logging
from html import escape

from telegram import Update

from bot.answering import ReloadSummary, timed_reload
from bot.i18n import t
from bot.telegram.admin import admin_target
from bot.telegram.context import BotContext
from bot.telegram.languages import ui_language
from bot.telegram.metrics import describe_index
from bot.telegram.sending import send_html
from corpus import CorpusError
from index import RetrievalError

log = logging.getLogger(__name__)


def summary_text(summary: ReloadSummary, lang: str) -> str:
    """What the admin reads after a successful reload."""
    if not summary.changed:
        return t(lang, "press.reload.unchanged", seconds=summary.seconds, passages=summary.passages)
    return t(
        lang,
        "press.reload.done",
        seconds=summary.seconds,
        documents=summary.documents,
        missions=summary.missions,
        passages=summary.passages,
        added=summary.added,
        removed=summary.removed,
    )


async def reload_material(context: BotContext) -> ReloadSummary:
    """Reload under ``reload_lock`` and swap the new engine in; the press desk's changes use it too.

    Raises:
        CorpusError: the material is malformed; the current engine keeps serving.
        RetrievalError: the index cannot be written; the current engine keeps serving.
    """
    async with context.bot_data.reload_lock:
        engine, summary = await asyncio.to_thread(timed_reload, context.engine)
        context.bot_data.engine = engine
        describe_index(engine)
    log.info("material reloaded: %s", summary)
    return summary


async def reload_command(update: Update, context: BotContext) -> None:
    """Reload the material and swap it in atomically; on errors keep the old one and show them."""
    target = await admin_target(update, context)
    if target is None:
        return
    lang = ui_language(context, update.effective_user)
    lock = context.bot_data.reload_lock
    notice = "press.reload.busy" if lock.locked() else "press.reload.started"
    await send_html(context.bot, target, escape(t(lang, notice)))
    try:
        summary = await reload_material(context)
    except (CorpusError, RetrievalError) as exc:
        log.warning("reload refused, the previous material stays in service: %s", exc)
        report = f"{escape(t(lang, 'press.reload.failed'))}\n\n<pre>{escape(str(exc))}</pre>"
        await send_html(context.bot, target, report)
        return
    await send_html(context.bot, target, escape(summary_text(summary, lang)))
