"""The press desk's curation under test: a bot serving a copy of the whole material from ``tmp_path``.

Curation writes corpus files, so every test gets its own copy of the shipped
material (documents, missions, question bank, topics) and of the index, and
the session's real encoder; the shipped files are never touched.
"""

from __future__ import annotations

import asyncio
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

from bot.answering.engine import Engine
from tests.fake_bot_api import RecordedCall
from tests.press_desk_fixtures import SHIPPED_CORPUS

MATERIAL_FOLDERS = ("documents", "missions", "questions", "topics")


def copy_material(destination: Path) -> Path:
    """Every folder of the shipped material that exists, copied so a test may change it."""
    for folder in MATERIAL_FOLDERS:
        if (SHIPPED_CORPUS / folder).is_dir():
            shutil.copytree(SHIPPED_CORPUS / folder, destination / folder)
    return destination


def snapshot(corpus_dir: Path) -> dict[str, bytes]:
    """Every file of a corpus folder and its bytes, to show that nothing changed."""
    return {
        str(p.relative_to(corpus_dir)): p.read_bytes() for p in sorted(corpus_dir.rglob("*")) if p.is_file()
    }


async def engine_over(telegram_engine: Engine, tmp_path: Path) -> Engine:
    """An engine over a material and index copy in ``tmp_path``, with the session's encoder."""
    corpus_dir = copy_material(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    shutil.copytree(telegram_engine.options.index_dir, index_dir)
    options = replace(telegram_engine.options, corpus_dir=corpus_dir, index_dir=index_dir)
    return await asyncio.to_thread(Engine.load, options, telegram_engine.embedder)


def buttons(call: RecordedCall) -> list[dict[str, Any]]:
    """Every inline button of a recorded message, row after row."""
    markup = call.params.get("reply_markup") or {}
    return [button for row in markup.get("inline_keyboard", []) for button in row]


def sent_message(call: RecordedCall) -> dict[str, Any]:
    """The message object Telegram returned for a recorded send (to press its buttons)."""
    assert isinstance(call.result, dict)
    return call.result
