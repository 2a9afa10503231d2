"""The per-user language choice in SQLite: hashed keys, the shared file, and its schema."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.pressdesk.log import QuestionLog, hash_user
from bot.storage.preferences import UserPreferences, UserPreferencesError
from bot.storage.schema import MIGRATIONS

SALT = "unit-test-salt"
USER_ID = 731_955_208_466  # long and distinctive, so finding its digits in the file means a leak


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "nested" / "bot.sqlite3"


def _rows(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT user_hash, language FROM user_preferences").fetchall()


def test_a_user_without_a_choice_has_none(db_path: Path) -> None:
    with UserPreferences(db_path, SALT) as store:
        assert store.language_of(USER_ID) is None


@pytest.mark.parametrize("language", ["en", "ru", "be"])
def test_a_choice_is_stored_under_the_salted_hash(db_path: Path, language: str) -> None:
    with UserPreferences(db_path, SALT) as store:
        store.set_language(USER_ID, language)
        assert store.language_of(USER_ID) == language
    assert _rows(db_path) == [(hash_user(USER_ID, SALT), language)]


def test_the_last_choice_wins_and_automatic_forgets_it(db_path: Path) -> None:
    with UserPreferences(db_path, SALT) as store:
        store.set_language(USER_ID, "ru")
        store.set_language(USER_ID, "be")
        assert store.language_of(USER_ID) == "be"
        store.set_language(USER_ID, None)
        assert store.language_of(USER_ID) is None
    assert _rows(db_path) == []


def test_an_unserved_language_is_refused(db_path: Path) -> None:
    with UserPreferences(db_path, SALT) as store, pytest.raises(UserPreferencesError, match="uk"):
        store.set_language(USER_ID, "uk")


def test_the_raw_user_id_never_reaches_the_file(db_path: Path) -> None:
    with UserPreferences(db_path, SALT) as store:
        store.set_language(USER_ID, "be")
    stored = b"".join(p.read_bytes() for p in db_path.parent.iterdir())
    assert hash_user(USER_ID, SALT).encode() in stored
    assert str(USER_ID).encode() not in stored
    assert USER_ID.to_bytes(8, "big") not in stored


def test_a_choice_survives_reopening_but_not_a_new_salt(db_path: Path) -> None:
    with UserPreferences(db_path, SALT) as store:
        store.set_language(USER_ID, "ru")
    with UserPreferences(db_path, SALT) as store:
        assert store.language_of(USER_ID) == "ru"
    with UserPreferences(db_path, "rotated-salt") as store:
        assert store.language_of(USER_ID) is None


def test_preferences_share_the_question_logs_file_and_schema(db_path: Path) -> None:
    with QuestionLog(db_path, SALT), UserPreferences(db_path, SALT) as store:
        store.set_language(USER_ID, "be")
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"questions", "user_preferences"} <= tables


def test_an_empty_salt_is_refused(db_path: Path) -> None:
    with pytest.raises(UserPreferencesError, match="BOT_USER_HASH_SALT"):
        UserPreferences(db_path, "")


def test_a_closed_store_refuses_reads(db_path: Path) -> None:
    store = UserPreferences(db_path, SALT)
    store.close()
    store.close()  # twice is fine
    with pytest.raises(UserPreferencesError, match="closed"):
        store.language_of(USER_ID)
