"""The press desk under test: the real bot with an admin, a real SQLite log in tmp_path.

``press_bot`` starts the Application against the fake Bot API with the
session's real engine, ``ALICE`` as the only admin and the question log in the
test's own folder; tests read the log back through the same ``QuestionLog``.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.pressdesk.log import QuestionLog
from bot.pressdesk.records import LoggedQuestion
from tests.fake_bot_api import ALICE, BORIS, RecordedCall
from tests.telegram_fixtures import BotHarness

SALT = "press-desk-test-salt"
ADMIN = ALICE
NOT_ADMIN = BORIS
IN_SCOPE = "What are the priorities of the foreign policy of Belarus?"
IN_SCOPE_RU = "Каковы приоритеты внешней политики Беларуси?"
OUT_OF_SCOPE = "Will it rain in Minsk tomorrow afternoon?"
# A user whose id is long enough that finding it in the database file would mean a leak.
CAROL: dict[str, Any] = {"id": 987_654_321_012, "is_bot": False, "first_name": "Carol", "language_code": "en"}

# Reload tests edit a copy of the shipped material: one sentence of the China passage.
SHIPPED_CORPUS = Path(__file__).resolve().parent.parent / "corpus"
ENGLISH_DOCUMENT = "documents/policy_priorities.en.md"
OLD_SENTENCE = "A new level of cooperation has been achieved"
NEW_SENTENCE = "A new, higher level of cooperation has been achieved"
BROKEN_DOCUMENT = "---\ntitle: x\n---\nA document without its id, language or source.\n"


def copy_corpus(destination: Path) -> Path:
    """The shipped documents and mission records, copied so a test may edit them."""
    for folder in ("documents", "missions"):
        shutil.copytree(SHIPPED_CORPUS / folder, destination / folder)
    return destination


def edit_passage(corpus_dir: Path) -> None:
    """Change one sentence of one English passage."""
    path = corpus_dir / ENGLISH_DOCUMENT
    text = path.read_text(encoding="utf-8")
    assert text.count(OLD_SENTENCE) == 1
    path.write_text(text.replace(OLD_SENTENCE, NEW_SENTENCE), encoding="utf-8")


def break_corpus(corpus_dir: Path) -> None:
    """Add a document whose front matter lacks required fields."""
    (corpus_dir / "documents" / "broken.en.md").write_text(BROKEN_DOCUMENT, encoding="utf-8")


def press_settings(tmp_path: Path, **overrides: Any) -> dict[str, Any]:
    """Setting overrides for a press-desk bot: admin ALICE, the log in ``tmp_path``."""
    return {
        "admin_ids": str(ADMIN["id"]),
        "db_path": tmp_path / "questions.sqlite3",
        "user_hash_salt": SALT,
        **overrides,
    }


def question_log_of(harness: BotHarness) -> QuestionLog:
    """The running bot's own question log."""
    question_log = harness.application.bot_data.question_log
    assert question_log is not None
    return question_log


def logged(harness: BotHarness) -> list[LoggedQuestion]:
    """Every question in the running bot's log, oldest first."""
    now = datetime.now(UTC)
    return question_log_of(harness).questions(now - timedelta(days=3650), now + timedelta(days=1))


async def eventually(check: Callable[[], bool], timeout: float = 10.0) -> None:
    """Wait until ``check()`` holds (for effects that send nothing back to wait on)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not check():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("the condition did not hold in time")
        await asyncio.sleep(0.05)


async def reply_to(harness: BotHarness, user: dict[str, Any], text: str, count: int = 1) -> RecordedCall:
    """Send ``text`` from ``user`` privately and return the ``count``-th message sent back."""
    await harness.api.push_message(text, user=user)
    return (await harness.replies(user["id"], count=count, timeout=30))[-1]


def keyboard(call: RecordedCall) -> list[list[dict[str, Any]]]:
    """The inline keyboard rows a recorded message was sent with (none: empty)."""
    markup = call.params.get("reply_markup") or {}
    return list(markup.get("inline_keyboard", []))


def feedback_rows(call: RecordedCall) -> list[list[dict[str, Any]]]:
    """The rows of a keyboard made of feedback buttons."""
    return [row for row in keyboard(call) if any(b.get("callback_data", "").startswith("fb:") for b in row)]
