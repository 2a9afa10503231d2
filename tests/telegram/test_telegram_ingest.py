"""Adding material from Telegram: an admin's file or ``/add URL``, through the real bot and a reload."""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
from collections.abc import AsyncIterator
from dataclasses import replace
from html import unescape
from pathlib import Path

import pytest

from bot.answering.engine import Engine
from bot.curation import Curator
from bot.i18n import t
from bot.pressdesk import Action, CurationStore
from bot.rendering.html_split import html_to_text
from bot.telegram.curation_follow import FOLLOW_JOB_NAME
from corpus.ingest import DocumentFolder, SourceFacts, add_file
from tests.ingest_fixtures import (
    PDF_LAST,
    PDF_TITLE,
    make_pdf,
)
from tests.press_desk_fixtures import ADMIN, NOT_ADMIN, SALT, copy_corpus, press_settings
from tests.telegram_fixtures import BotHarness, running_bot

PDF_URL = "https://mfa.gov.by/en/consular/legalisation.pdf"
OUTCOMES = ("Added to the material", "Updated in the material", "Already in the material", "Not added")


@pytest.fixture
async def ingest_bot(engine: Engine, tmp_path: Path) -> AsyncIterator[BotHarness]:
    """The bot serving a corpus copy in ``tmp_path`` (its index copied beside it), ALICE as admin."""
    corpus_dir = copy_corpus(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    shutil.copytree(engine.options.index_dir, index_dir)
    options = replace(engine.options, corpus_dir=corpus_dir, index_dir=index_dir)
    served = await asyncio.to_thread(Engine.load, options, engine.embedder)
    async with running_bot(
        served, **press_settings(tmp_path, corpus_dir=corpus_dir, index_dir=index_dir)
    ) as harness:
        yield harness


async def outcome(harness: BotHarness, user_id: int = ADMIN["id"]) -> str:
    """The plain text of the final reply to an addition."""
    [call] = await harness.api.wait_for(
        "sendMessage",
        lambda c: c.params["chat_id"] == user_id and html_to_text(c.params["text"]).startswith(OUTCOMES),
        timeout=90,
    )
    return html_to_text(call.params["text"])


async def test_admin_sends_a_pdf_and_the_bot_quotes_it_with_its_source(ingest_bot, tmp_path):
    pdf = make_pdf(tmp_path / "legalisation.pdf").read_bytes()
    await ingest_bot.api.push_document(
        ADMIN,
        file_name="legalisation.pdf",
        content=pdf,
        caption=f"Source: {PDF_URL}",
        mime_type="application/pdf",
    )
    reply = await outcome(ingest_bot)
    assert reply.startswith(f"Added to the material: «{PDF_TITLE}» (en), 3 passages, from {PDF_URL}.")
    assert ingest_bot.api.calls_of("getFile")
    engine = ingest_bot.application.bot_data.engine
    assert any(d.source_url == PDF_URL for d in engine.corpus.documents)
    await ingest_bot.api.push_message("Which documents are not legalised?", user=NOT_ADMIN)
    [answer] = await ingest_bot.replies(NOT_ADMIN["id"], timeout=30)
    text = unescape(answer.params["text"])
    assert PDF_LAST in text and PDF_URL in text


async def test_admin_adds_a_page_by_url(ingest_bot, fixture_site):
    url = fixture_site.url("/ru/consular/visa-free/")
    await ingest_bot.api.push_message(f"/add {url}", user=ADMIN)
    reply = await outcome(ingest_bot)
    assert reply.startswith(
        f"Added to the material: «Безвизовый въезд в Республику Беларусь» (ru), 4 passages, from {url}."
    )
    await ingest_bot.api.push_message(f"/add {url}", user=ADMIN)
    [_, again] = await ingest_bot.api.wait_for(
        "sendMessage", lambda c: html_to_text(c.params["text"]).startswith(OUTCOMES), count=2, timeout=60
    )
    assert html_to_text(again.params["text"]).startswith("Already in the material, unchanged")


async def test_add_of_a_page_in_an_unserved_language_is_refused_with_the_reason(ingest_bot, fixture_site):
    await ingest_bot.api.push_message(f"/add {fixture_site.url('/uk/news/')}", user=ADMIN)
    reply = await outcome(ingest_bot)
    assert reply == "Not added: the text is in Ukrainian; the bot serves en, ru, be only"
    corpus_dir = ingest_bot.application.bot_data.engine.options.corpus_dir
    assert len(list((corpus_dir / "documents").glob("*.md"))) == 3


async def test_file_without_a_web_address_in_the_caption_is_not_added(ingest_bot, tmp_path):
    await ingest_bot.api.push_document(
        ADMIN, file_name="a.pdf", content=make_pdf(tmp_path / "a.pdf").read_bytes()
    )
    [reply] = await ingest_bot.replies(ADMIN["id"])
    assert html_to_text(reply.params["text"]) == t("en", "ingest.needs_url")
    assert not ingest_bot.api.calls_of("getFile")


async def test_add_without_an_address_shows_the_usage(ingest_bot):
    await ingest_bot.api.push_message("/add", user=ADMIN)
    [reply] = await ingest_bot.replies(ADMIN["id"])
    assert html_to_text(reply.params["text"]) == t("en", "ingest.usage")


async def test_a_non_admins_document_gets_the_text_only_hint(ingest_bot, tmp_path):
    await ingest_bot.api.push_document(
        NOT_ADMIN, file_name="a.pdf", content=make_pdf(tmp_path / "a.pdf").read_bytes(), caption=PDF_URL
    )
    [reply] = await ingest_bot.replies(NOT_ADMIN["id"])
    assert html_to_text(reply.params["text"]) == t("ru", "telegram.text_only")
    assert not ingest_bot.api.calls_of("getFile")


async def test_a_non_admins_add_command_is_refused(ingest_bot, fixture_site):
    await ingest_bot.api.push_message(f"/add {fixture_site.url('/ru/consular/visa-free/')}", user=NOT_ADMIN)
    [reply] = await ingest_bot.replies(NOT_ADMIN["id"])
    assert html_to_text(reply.params["text"]) == t("ru", "press.admin.refused")
    assert fixture_site.requests_for("/ru/consular/visa-free/") == []


async def test_an_addition_is_in_the_history_and_undo_takes_it_back(ingest_bot, fixture_site):
    url = fixture_site.url("/ru/consular/visa-free/")
    await ingest_bot.api.push_message(f"/add {url}", user=ADMIN)
    await outcome(ingest_bot)
    curator = ingest_bot.application.bot_data.curator
    assert curator is not None
    [change] = curator.history()
    assert change.action == Action.DOCUMENT and change.before is None
    assert change.target == "documents/ru-consular-visa-free.md" and change.admin_hash is not None
    await ingest_bot.api.push_message("/undo", user=ADMIN)
    [undone] = await ingest_bot.api.wait_for(
        "sendMessage", lambda c: "undid change #1" in html_to_text(c.params["text"]), timeout=60
    )
    assert "added: ru-consular-visa-free.md (ru) «Безвизовый въезд" in html_to_text(undone.params["text"])
    engine = ingest_bot.application.bot_data.engine
    assert not (engine.options.corpus_dir / change.target).exists()
    assert all(d.source_url != url for d in engine.corpus.documents)


async def test_a_file_added_beside_the_bot_reaches_it_at_its_next_poll(ingest_bot, tmp_path):
    application = ingest_bot.application
    engine = application.bot_data.engine
    assert application.job_queue is not None
    [job] = application.job_queue.get_jobs_by_name(FOLLOW_JOB_NAME)
    pdf = make_pdf(tmp_path / "legalisation.pdf")
    folder = DocumentFolder(engine.options.corpus_dir / "documents")
    # `python -m bot add` on another machine sharing the folder and the database.
    with CurationStore(ingest_bot.settings.db_path, SALT) as elsewhere:
        curator = Curator(engine.options.corpus_dir, elsewhere)
        facts = SourceFacts(source_url=PDF_URL)
        await asyncio.to_thread(
            curator.add_document, lambda: add_file(pdf, facts, folder, dt.date(2026, 12, 2))
        )
    await job.run(application)
    served = application.bot_data.engine
    assert served is not engine and any(d.source_url == PDF_URL for d in served.corpus.documents)
    answer = served.answer("Which documents are not legalised?")
    assert answer.answered and answer.passages[0].source_url == PDF_URL
