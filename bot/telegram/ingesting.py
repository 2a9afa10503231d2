"""``/add URL`` and files sent by an admin: grow the material from Telegram.

An admin sends a web address (``/add https://…``) or a document (PDF,
Word, HTML, Markdown, text) with its public web address in the caption;
``corpus.ingest`` extracts and writes it, then the engine is reloaded
(``bot.answering.reload``) and swapped in as ``/reload`` does, and the admin
reads what was added: title, language, passages. Adding and reloading share
``/reload``'s lock, so two additions never write the corpus at once. With the
press desk's store, the addition is made under its change lock and recorded
in its history (``Curator.add_document``): the other replicas reload at their
next poll, ``/history`` lists it and ``/undo`` takes it back. Anyone else who
sends a document gets the usual "text questions only" hint.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import re
from collections.abc import Callable
from html import escape
from pathlib import Path

from telegram import Update

from bot.answering import timed_reload
from bot.curation import CurationError
from bot.i18n import t
from bot.telegram import private
from bot.telegram.admin import admin_target, is_admin
from bot.telegram.arguments import command_arguments
from bot.telegram.context import BotContext
from bot.telegram.languages import ui_language
from bot.telegram.sending import ReplyTarget, send_html
from corpus import CorpusError
from corpus.ingest import DocumentChange, DocumentFolder, IngestError, SourceFacts, add_bytes, add_url
from index import RetrievalError

log = logging.getLogger(__name__)

# The Bot API lets a bot download files of up to 20 MB.
MAX_FILE_MB = 20
_URL = re.compile(r"https?://\S+")


def _folder(context: BotContext) -> DocumentFolder:
    return DocumentFolder(Path(context.engine.options.corpus_dir) / "documents")


def change_text(change: DocumentChange, seconds: float, lang: str) -> str:
    """What the admin reads after an addition (HTML-escaped)."""
    document = change.document
    values = {
        "title": document.title,
        "language": document.language,
        "passages": change.passages,
        "url": document.source_url,
        "seconds": seconds,
        "changed": change.passages_added,
        "gone": change.passages_removed,
    }
    return escape(t(lang, f"ingest.{change.action}", **values))


Adding = Callable[[DocumentFolder], DocumentChange]


def _add_recorded(context: BotContext, add: Adding, admin_id: int | None) -> DocumentChange:
    """Run ``add`` on the documents folder; with the press desk's store, under its lock and recorded."""
    curator = context.bot_data.curator
    if curator is None:
        return add(_folder(context))
    change, _record = curator.add_document(lambda: add(_folder(context)), admin_id)
    return change


async def _add_and_reload(
    context: BotContext, target: ReplyTarget, lang: str, add: Adding, source: str, admin_id: int | None
) -> None:
    """Run ``add`` (a blocking callable taking the folder) and the reload, under the reload lock."""
    await send_html(context.bot, target, escape(t(lang, "ingest.working", source=source)))
    async with context.bot_data.reload_lock:
        try:
            change = await asyncio.to_thread(_add_recorded, context, add, admin_id)
        except (IngestError, CurationError) as exc:
            await send_html(context.bot, target, escape(t(lang, "ingest.refused", reason=str(exc))))
            return
        if change.action == "unchanged":
            await send_html(context.bot, target, change_text(change, 0.0, lang))
            return
        try:
            engine, summary = await asyncio.to_thread(timed_reload, context.engine)
        except (CorpusError, RetrievalError) as exc:
            log.warning("added %s but the reload failed: %s", change.path.name, exc)
            report = f"{escape(t(lang, 'ingest.reload_failed'))}\n\n<pre>{escape(str(exc))}</pre>"
            await send_html(context.bot, target, report)
            return
        context.bot_data.engine = engine
    log.info("material added from Telegram: %s", change.describe())
    await send_html(context.bot, target, change_text(change, summary.seconds, lang))


async def add_command(update: Update, context: BotContext) -> None:
    """Add the web page after ``/add`` to the material and reload it."""
    target = await admin_target(update, context)
    if target is None:
        return
    lang = ui_language(context, update.effective_user)
    arguments = command_arguments(update)
    if len(arguments) != 1 or not _URL.fullmatch(arguments[0]):
        await send_html(context.bot, target, escape(t(lang, "ingest.usage")))
        return
    url = arguments[0]
    today = dt.date.today()
    user = update.effective_user
    await _add_and_reload(
        context,
        target,
        lang,
        lambda folder: add_url(url, SourceFacts(), folder, today),
        url,
        user.id if user else None,
    )


async def add_document(update: Update, context: BotContext) -> None:
    """Add a file an admin sent (its web address in the caption); others get the text-only hint."""
    message = update.effective_message
    user = update.effective_user
    if message is None or message.document is None or not is_admin(context, user.id if user else None):
        await private.hint_text_only(update, context)
        return
    target = ReplyTarget.replying_to(message)
    lang = ui_language(context, user)
    document = message.document
    caption_url = _URL.search(message.caption or "")
    if caption_url is None:
        await send_html(context.bot, target, escape(t(lang, "ingest.needs_url")))
        return
    size_mb = (document.file_size or 0) / 2**20
    if size_mb > MAX_FILE_MB:
        text = t(lang, "ingest.too_big", size=f"{size_mb:.1f}", limit=MAX_FILE_MB)
        await send_html(context.bot, target, escape(text))
        return
    telegram_file = await context.bot.get_file(document.file_id)
    data = bytes(await telegram_file.download_as_bytearray())
    name = document.file_name or "document"
    facts = SourceFacts(source_url=caption_url.group().rstrip(".,;)"))
    today = dt.date.today()
    await _add_and_reload(
        context,
        target,
        lang,
        lambda folder: add_bytes(data, name, facts, folder, today, content_type=document.mime_type),
        name,
        user.id if user else None,
    )
