"""A mistyped corpus value is reported with file, record and field through every path.

The paths: loading the corpus, the CLI, the Telegram bot's start, and /reload
(which also keeps the previous material in service).
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bot.answering.engine import Engine
from bot.i18n import t
from bot.rendering.html_split import html_to_text
from bot.telegram import build_application
from bot.wiring import load_engine
from corpus import CorpusError, load_corpus
from tests.cli.test_cli import run_bot
from tests.fake_bot_api import FakeBotApi
from tests.press_desk_fixtures import ADMIN, copy_corpus, press_settings
from tests.telegram.test_telegram_run import start_bot
from tests.telegram_fixtures import bot_settings, running_bot

IMPOSSIBLE_DATE = "2026-13-45"


def mistype_document_date(corpus_dir: Path) -> tuple[str, ...]:
    """Give the English policy document an impossible date; return what the error must name."""
    path = corpus_dir / "documents" / "policy_priorities.en.md"
    text = path.read_text("utf-8")
    path.write_text(text.replace("date: 2026-11-28", f"date: {IMPOSSIBLE_DATE}", 1), "utf-8")
    return ("policy_priorities.en.md", "date")


def mistype_mission_date(corpus_dir: Path) -> tuple[str, ...]:
    """Give the first mission record an impossible, unquoted "checked" date."""
    path = corpus_dir / "missions" / "belarus_abroad.yaml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("checked: '2022-02-09'", f"checked: {IMPOSSIBLE_DATE}", 1), "utf-8")
    return ("belarus_abroad.yaml", "record 0", "checked")


MISTAKES: dict[str, Callable[[Path], tuple[str, ...]]] = {
    "document-date": mistype_document_date,
    "mission-date": mistype_mission_date,
}


@pytest.fixture(params=sorted(MISTAKES))
def broken_corpus(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, tuple[str, ...]]:
    """A copy of the shipped corpus with one impossible date, and the words its error must contain."""
    corpus_dir = copy_corpus(tmp_path / "corpus")
    return corpus_dir, MISTAKES[request.param](corpus_dir)


def assert_names(message: str, names: tuple[str, ...]) -> None:
    assert all(name in message for name in names), message
    assert IMPOSSIBLE_DATE in message or "month value is outside" in message, message


def test_loading_the_corpus_names_file_record_and_field(broken_corpus: tuple[Path, tuple[str, ...]]) -> None:
    corpus_dir, names = broken_corpus
    with pytest.raises(CorpusError) as caught:
        load_corpus(corpus_dir)
    assert_names(str(caught.value), names)


def test_the_cli_names_file_record_and_field_without_a_traceback(
    broken_corpus: tuple[Path, tuple[str, ...]], tmp_path: Path
) -> None:
    corpus_dir, names = broken_corpus
    env = {
        "BOT_CORPUS_DIR": str(corpus_dir),
        "BOT_INDEX_DIR": str(tmp_path / "index"),
        "TELEGRAM_BOT_TOKEN": "",
    }
    result = run_bot(["ask", "EU?"], env)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert_names(result.stderr, names)


async def test_the_telegram_start_names_file_record_and_field(
    broken_corpus: tuple[Path, tuple[str, ...]], fake_api: FakeBotApi
) -> None:
    corpus_dir, names = broken_corpus
    settings = bot_settings(fake_api, corpus_dir=corpus_dir)
    application = build_application(settings, load_engine)
    await application.initialize()
    try:
        assert application.post_init is not None
        with pytest.raises(CorpusError) as caught:
            await application.post_init(application)
    finally:
        await application.shutdown()
        assert application.post_shutdown is not None
        await application.post_shutdown(application)
    assert_names(str(caught.value), names)


async def test_reload_shows_the_admin_the_error_and_keeps_the_old_material(
    broken_corpus: tuple[Path, tuple[str, ...]], engine: Engine, tmp_path: Path
) -> None:
    corpus_dir, names = broken_corpus
    index_dir = tmp_path / "index"
    shutil.copytree(engine.options.index_dir, index_dir)
    shipped = replace(engine.options, index_dir=index_dir)
    serving = await asyncio.to_thread(Engine.load, shipped, engine.embedder)
    # The engine reloads from its options: point them at the broken copy after loading the good one.
    serving.options = replace(serving.options, corpus_dir=corpus_dir)
    settings: dict[str, Any] = press_settings(tmp_path, corpus_dir=corpus_dir, index_dir=index_dir)
    async with running_bot(serving, **settings) as harness:
        await harness.api.push_message("/reload", user=ADMIN)
        replies = await harness.replies(ADMIN["id"], count=2, timeout=60)
        report = html_to_text(replies[-1].params["text"])
        assert report.startswith(t("en", "press.reload.failed"))
        assert_names(report, names)
        assert harness.application.bot_data.engine is serving


async def test_python_m_bot_run_stops_with_the_message_and_no_traceback(
    broken_corpus: tuple[Path, tuple[str, ...]], fake_api: FakeBotApi, tmp_path: Path
) -> None:
    corpus_dir, names = broken_corpus
    log_file = tmp_path / "bot.log"
    process = await start_bot(fake_api, log_file, BOT_CORPUS_DIR=str(corpus_dir), BOT_LOG_LEVEL="INFO")
    try:
        code = await asyncio.wait_for(process.wait(), 120)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    output = log_file.read_text("utf-8", errors="replace")
    assert code == 2, output
    assert "Traceback" not in output
    assert_names(output, names)
