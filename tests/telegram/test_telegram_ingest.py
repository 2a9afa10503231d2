"""Adding material from Telegram: an admin's file or ``/add URL``, through the real bot and a reload."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator
from dataclasses import replace
from html import unescape
from pathlib import Path

import pytest

from bot.answering.engine import Engine
from bot.i18n import t
from bot.rendering.html_split import html_to_text
from tests.ingest_fixtures import (
    PDF_LAST,
    PDF_TITLE,
    make_pdf,
)
from tests.press_desk_fixtures import ADMIN, NOT_ADMIN, copy_corpus, press_settings
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
