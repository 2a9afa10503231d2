"""The question log against both back ends: a real SQLite file and a real PostgreSQL schema.

Tests that look at the SQLite file itself (WAL, migrations by ``user_version``,
bytes on disk) use ``sqlite_log``; every other test runs on both stores.
"""

from __future__ import annotations

import asyncio
import csv
import hashlib
import hmac
import io
import sqlite3
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.answering.records import Answer, QuotedPassage
from bot.missions import MissionQuery
from bot.pressdesk.log import QuestionLog, hash_user
from bot.pressdesk.records import (
    ChatType,
    Count,
    Feedback,
    QuestionLogError,
    QuestionRecord,
    SchemaVersionError,
    TopicCount,
)
from bot.storage import Store
from bot.storage.schema import MIGRATIONS, apply_migrations, schema_version
from corpus import Mission

SALT = "test-salt"
ASKER_ID = 987654321012
OTHER_ID = 123123123123
NOW = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)


def _question(
    question: str = "What are Belarus's foreign-policy priorities?",
    *,
    ago: timedelta = timedelta(minutes=5),
    **fields: object,
) -> QuestionRecord:
    values: dict[str, object] = {
        "language": "en",
        "chat_type": ChatType.PRIVATE,
        "answered": True,
        "reason": "ok",
        "user_id": ASKER_ID,
        "passages": ("Foreign policy priorities",),
        "latency_ms": 120,
        "asked_at": NOW - ago,
    }
    values.update(fields)
    return QuestionRecord(question=question, **values)  # type: ignore[arg-type]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "var" / "nested" / "questions.sqlite3"


@pytest.fixture
def log(store: Store) -> Iterator[QuestionLog]:
    with QuestionLog(store, SALT) as opened:
        yield opened


@pytest.fixture
def sqlite_log(db_path: Path) -> Iterator[QuestionLog]:
    with QuestionLog(db_path, SALT) as opened:
        yield opened


def _raw(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _file_bytes(directory: Path) -> bytes:
    # The main file plus any -wal / -shm next to it.
    return b"".join(path.read_bytes() for path in sorted(directory.iterdir()) if path.is_file())


def _week_of_questions(log: QuestionLog) -> None:
    log.record(_question("Priorities?", ago=timedelta(hours=2), passages=("Priorities", "EU")))
    log.record(_question("Priorities again", ago=timedelta(hours=3), language="ru", passages=("Priorities",)))
    log.record(_question("Embassy in Berlin?", ago=timedelta(days=2), passages=(), missions=("de-berlin",)))
    log.record(
        _question("Weather?", ago=timedelta(days=3), answered=False, reason="not_covered", passages=())
    )
    log.record(_question("Too old", ago=timedelta(days=8), language="be"))


# --- opening, WAL, migrations ---------------------------------------------------


def test_open_creates_parent_directories_and_database_file(sqlite_log: QuestionLog, db_path: Path) -> None:
    assert db_path.is_file()
    assert sqlite_log.path == db_path


def test_database_is_in_wal_mode(sqlite_log: QuestionLog, db_path: Path) -> None:
    assert _raw(db_path, "PRAGMA journal_mode") == [("wal",)]


def test_fresh_file_is_migrated_to_latest_schema(sqlite_log: QuestionLog, db_path: Path) -> None:
    tables = {name for (name,) in _raw(db_path, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"questions", "inline_choices"} <= tables
    assert _raw(db_path, "PRAGMA user_version") == [(len(MIGRATIONS),)]


def test_reopening_keeps_rows_and_schema_version(db_path: Path) -> None:
    with QuestionLog(db_path, SALT) as first:
        row_id = first.record(_question())
    with QuestionLog(db_path, SALT) as second:
        stored = second.questions(NOW - timedelta(days=1), NOW)
    assert [q.id for q in stored] == [row_id]
    assert _raw(db_path, "PRAGMA user_version") == [(len(MIGRATIONS),)]


def test_migration_appended_later_runs_once_on_existing_file(sqlite_log: QuestionLog, db_path: Path) -> None:
    calls: list[int] = []

    def add_topic_column(conn: sqlite3.Connection) -> None:
        calls.append(1)
        conn.execute("ALTER TABLE questions ADD COLUMN topic TEXT")

    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        extended = (*MIGRATIONS, add_topic_column)
        assert apply_migrations(conn, extended) == len(MIGRATIONS) + 1
        assert apply_migrations(conn, extended) == len(MIGRATIONS) + 1
        columns = {row[1] for row in conn.execute("PRAGMA table_info(questions)")}
        assert schema_version(conn) == len(MIGRATIONS) + 1
    finally:
        conn.close()
    assert calls == [1]
    assert "topic" in columns


def test_failing_migration_leaves_previous_version(db_path: Path) -> None:
    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("boom")

    db_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        with pytest.raises(RuntimeError):
            apply_migrations(conn, (*MIGRATIONS, broken))
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        assert schema_version(conn) == len(MIGRATIONS)
    finally:
        conn.close()
    assert "half_done" not in tables


def test_database_from_a_newer_bot_is_refused(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    _raw(db_path, "PRAGMA user_version = 99")
    with pytest.raises(SchemaVersionError, match="version 99"):
        QuestionLog(db_path, SALT)


def test_empty_salt_is_refused(db_path: Path) -> None:
    with pytest.raises(QuestionLogError, match="salt"):
        QuestionLog(db_path, "")


def test_closed_log_refuses_writes_and_reads(db_path: Path) -> None:
    log = QuestionLog(db_path, SALT)
    log.close()
    log.close()  # twice is fine
    with pytest.raises(QuestionLogError, match="closed"):
        log.record(_question())
    with pytest.raises(QuestionLogError, match="closed"):
        log.stats(now=NOW)


# --- recording and hashing --------------------------------------------------------


def test_record_stores_every_field(log: QuestionLog) -> None:
    row_id = log.record(
        _question(
            "Где посольство?",
            language="ru",
            chat_type="supergroup",
            answered=True,
            reason="ok",
            passages=["Посольства"],
            missions=["de-berlin", "pl-warsaw"],
            latency_ms=345,
        )
    )
    [stored] = log.questions(NOW - timedelta(hours=1), NOW)
    assert stored.id == row_id
    assert stored.asked_at == NOW - timedelta(minutes=5)
    assert (stored.language, stored.chat_type) == ("ru", ChatType.SUPERGROUP)
    assert stored.question == "Где посольство?"
    assert (stored.answered, stored.reason, stored.latency_ms) == (True, "ok", 345)
    assert stored.passages == ("Посольства",)
    assert stored.missions == ("de-berlin", "pl-warsaw")
    assert stored.user_hash == hash_user(ASKER_ID, SALT)
    assert (stored.feedback, stored.feedback_at) == (None, None)


def test_record_without_time_uses_now(log: QuestionLog) -> None:
    before = datetime.now(UTC)
    log.record(_question(asked_at=None))
    [stored] = log.questions(before - timedelta(seconds=1), datetime.now(UTC) + timedelta(seconds=1))
    assert stored.asked_at >= before.replace(microsecond=0)


def _embassy_query(mission_id: str) -> MissionQuery:
    """A mission answer matching one (real, validated) embassy record."""
    mission = Mission.model_validate(
        {
            "id": mission_id,
            "direction": "belarus_abroad",
            "kind": "embassy",
            "country": "Germany",
            "country_code": "DE",
            "city": "Berlin",
            "sources": [{"url": "https://germany.mfa.gov.by", "date": "2025-01-02"}],
            "checked": "2025-01-02",
        }
    )
    return MissionQuery("belarus_abroad", "Germany", "DE", "Berlin", "embassy", None, (mission,), (), ())


def _quoted(title: str, section: str | None) -> QuotedPassage:
    return QuotedPassage(
        passage_id=f"{title}-{section}",
        text="...",
        sentences=(),
        best_sentence=None,
        title=title,
        section=section,
        source_name="MFA",
        source_url="https://mfa.gov.by/",
        date="2025-01-01",
        language="en",
        is_translation=False,
        original_passage_id=None,
        original_url=None,
        score=1.0,
    )


def test_record_from_engine_answer_keeps_what_the_log_needs(log: QuestionLog) -> None:
    answer = Answer(
        question="Embassy in Berlin and priorities?",
        lang="en",
        answered=True,
        reason="ok",
        passages=(_quoted("Priorities", "Europe"), _quoted("Priorities", "Europe"), _quoted("EU", None)),
        missions=_embassy_query("de-berlin"),
        latency_ms=12.6,
    )
    log.record(QuestionRecord.from_answer(answer, "private", ASKER_ID, asked_at=NOW))
    [stored] = log.questions(NOW, NOW + timedelta(seconds=1))
    assert stored.passages == ("Priorities § Europe", "EU")
    assert stored.missions == ("de-berlin",)
    assert (stored.question, stored.reason, stored.latency_ms) == (answer.question, "ok", 13)


def test_cli_question_has_no_user_hash(log: QuestionLog) -> None:
    log.record(_question(chat_type=ChatType.CLI, user_id=None))
    [stored] = log.questions(NOW - timedelta(hours=1), NOW)
    assert stored.user_hash is None


def test_naive_time_is_refused() -> None:
    with pytest.raises(ValueError, match="time zone"):
        _question(asked_at=datetime(2025, 1, 1, 12, 0))


def test_unknown_chat_type_is_refused() -> None:
    with pytest.raises(ValueError, match="channel"):
        _question(chat_type="channel")


def test_raw_user_id_never_reaches_the_database_files(sqlite_log: QuestionLog, db_path: Path) -> None:
    row_id = sqlite_log.record(_question())
    sqlite_log.set_feedback(row_id, ASKER_ID, Feedback.HELPFUL, now=NOW)
    sqlite_log.record_inline_choice("passage-7", "priorities", ASKER_ID, now=NOW)
    while_open = _file_bytes(db_path.parent)
    sqlite_log.close()
    after_close = _file_bytes(db_path.parent)
    hashed = hash_user(ASKER_ID, SALT).encode()
    assert hashed in while_open + after_close  # the hash is what was written...
    assert str(ASKER_ID).encode() not in while_open  # ...never the id itself
    assert str(ASKER_ID).encode() not in after_close


@pytest.mark.parametrize(
    ("first", "second"),
    [((ASKER_ID, "salt-a"), (ASKER_ID, "salt-b")), ((ASKER_ID, "salt-a"), (OTHER_ID, "salt-a"))],
    ids=["salt-changes-hash", "id-changes-hash"],
)
def test_hash_user_differs_when_salt_or_id_differs(first: tuple[int, str], second: tuple[int, str]) -> None:
    assert hash_user(*first) != hash_user(*second)


def test_hash_user_is_hmac_sha256_keyed_with_salt() -> None:
    expected = hmac.new(SALT.encode(), str(ASKER_ID).encode(), hashlib.sha256).hexdigest()
    assert hash_user(ASKER_ID, SALT) == expected


def test_log_with_another_salt_stores_another_hash(tmp_path: Path) -> None:
    hashes = []
    for salt in ("salt-a", "salt-b"):
        with QuestionLog(tmp_path / f"{salt}.sqlite3", salt) as log:
            log.record(_question())
            hashes.append(log.questions(NOW - timedelta(hours=1), NOW)[0].user_hash)
    assert hashes[0] != hashes[1]


# --- feedback and inline choices ----------------------------------------------------


def test_feedback_from_the_asker_is_stored(log: QuestionLog) -> None:
    row_id = log.record(_question())
    assert log.set_feedback(row_id, ASKER_ID, "not_helpful", now=NOW) is True
    [stored] = log.questions(NOW - timedelta(hours=1), NOW)
    assert (stored.feedback, stored.feedback_at) == (Feedback.NOT_HELPFUL, NOW)


def test_last_feedback_press_wins(log: QuestionLog) -> None:
    row_id = log.record(_question())
    log.set_feedback(row_id, ASKER_ID, Feedback.HELPFUL, now=NOW)
    log.set_feedback(row_id, ASKER_ID, Feedback.OUTDATED, now=NOW)
    assert log.questions(NOW - timedelta(hours=1), NOW)[0].feedback is Feedback.OUTDATED


@pytest.mark.parametrize(
    ("user_id", "known_row"),
    [(OTHER_ID, True), (ASKER_ID, False)],
    ids=["someone-else", "unknown-row"],
)
def test_feedback_is_refused_for_other_users_and_unknown_rows(
    log: QuestionLog, user_id: int, known_row: bool
) -> None:
    row_id = log.record(_question())
    target = row_id if known_row else row_id + 1000
    assert log.set_feedback(target, user_id, Feedback.HELPFUL, now=NOW) is False
    assert log.questions(NOW - timedelta(hours=1), NOW)[0].feedback is None


def test_unknown_feedback_value_raises(log: QuestionLog) -> None:
    row_id = log.record(_question())
    with pytest.raises(QuestionLogError, match="feedback"):
        log.set_feedback(row_id, ASKER_ID, "meh")


def test_inline_choice_is_recorded_with_hashed_user(sqlite_log: QuestionLog, db_path: Path) -> None:
    row_id = sqlite_log.record_inline_choice("passage-7", "priorities", ASKER_ID, now=NOW)
    rows = _raw(db_path, "SELECT id, chosen_at, user_hash, result_id, query FROM inline_choices")
    user_hash = hash_user(ASKER_ID, SALT)
    assert rows == [(row_id, "2025-03-10T12:00:00.000000Z", user_hash, "passage-7", "priorities")]


# --- retention -------------------------------------------------------------------------


def test_purge_removes_old_rows_and_keeps_recent_ones(log: QuestionLog) -> None:
    log.record(_question("old question", ago=timedelta(days=31)))
    kept = log.record(_question("recent question", ago=timedelta(days=29)))
    log.record_inline_choice("r1", "old", ASKER_ID, now=NOW - timedelta(days=40))
    log.record_inline_choice("r2", "new", ASKER_ID, now=NOW - timedelta(days=1))
    assert log.purge_older_than(30, now=NOW) == 2
    assert [q.id for q in log.questions(NOW - timedelta(days=365), NOW)] == [kept]
    assert log.stats(now=NOW).last_week.inline_choices == 1


def test_purged_question_text_is_overwritten_on_disk(sqlite_log: QuestionLog, db_path: Path) -> None:
    sqlite_log.record(_question("zanzibar-secret-question", ago=timedelta(days=400)))
    sqlite_log.record(_question("recent", ago=timedelta(days=1)))
    sqlite_log.purge_older_than(180, now=NOW)
    sqlite_log.close()
    assert b"zanzibar-secret-question" not in _file_bytes(db_path.parent)


def test_purge_refuses_less_than_a_day(log: QuestionLog) -> None:
    with pytest.raises(ValueError, match="at least one day"):
        log.purge_older_than(0, now=NOW)


def test_row_ids_are_not_reused_after_purge(log: QuestionLog) -> None:
    first = log.record(_question(ago=timedelta(days=40)))
    log.purge_older_than(30, now=NOW)
    assert log.record(_question()) > first


# --- stats -------------------------------------------------------------------------------


def test_stats_count_questions_in_last_day_and_week(log: QuestionLog) -> None:
    _week_of_questions(log)
    stats = log.stats(now=NOW)
    assert (stats.last_day.questions, stats.last_week.questions) == (2, 4)
    assert stats.generated_at == NOW
    assert stats.last_week.since == NOW - timedelta(days=7)


def test_stats_answered_share_and_languages(log: QuestionLog) -> None:
    _week_of_questions(log)
    week = log.stats(now=NOW).last_week
    assert week.answered_share == pytest.approx(3 / 4)
    assert week.by_language == (Count("en", 3), Count("ru", 1))


def test_stats_helpful_share_among_rated(log: QuestionLog) -> None:
    ids = [log.record(_question(f"q{i}")) for i in range(4)]
    log.set_feedback(ids[0], ASKER_ID, Feedback.HELPFUL, now=NOW)
    log.set_feedback(ids[1], ASKER_ID, Feedback.HELPFUL, now=NOW)
    log.set_feedback(ids[2], ASKER_ID, Feedback.OUTDATED, now=NOW)
    day = log.stats(now=NOW).last_day
    assert (day.helpful, day.not_helpful, day.outdated, day.rated) == (2, 0, 1, 3)
    assert day.helpful_share == pytest.approx(2 / 3)


def test_stats_most_asked_topics(log: QuestionLog) -> None:
    _week_of_questions(log)
    topics = log.stats(now=NOW, top_topics=3).last_week.top_topics
    assert topics == (
        TopicCount("passage", "Priorities", 2),
        TopicCount("passage", "EU", 1),
        TopicCount("mission", "de-berlin", 1),
    )


def test_stats_of_empty_log_have_no_shares(log: QuestionLog) -> None:
    week = log.stats(now=NOW).last_week
    assert (week.questions, week.answered_share, week.helpful_share) == (0, None, None)


# --- unanswered ----------------------------------------------------------------------------


def _declined(question: str, **fields: Any) -> QuestionRecord:
    return _question(question, answered=False, reason="not_covered", passages=(), **fields)


def test_unanswered_groups_near_duplicates(log: QuestionLog) -> None:
    log.record(_declined("What is the weather in Minsk?"))
    log.record(_declined("what's the weather in minsk"))
    log.record(_declined("What is the weather in Minsk?"))
    log.record(_declined("How do I get a visa to Brazil?"))
    groups = log.unanswered()
    assert [(g.wording, g.count, g.variants) for g in groups] == [
        ("What is the weather in Minsk?", 3, 2),
        ("How do I get a visa to Brazil?", 1, 1),
    ]
    assert groups[0].examples == ("what's the weather in minsk",)


def test_unanswered_counts_not_helpful_answers(log: QuestionLog) -> None:
    rated = log.record(_question("Visa-free entry for 30 days?"))
    log.set_feedback(rated, ASKER_ID, Feedback.NOT_HELPFUL, now=NOW)
    log.record(_declined("visa free entry for 30 days"))
    log.record(_question("Answered and liked"))
    [group] = log.unanswered()
    assert (group.count, group.declined, group.not_helpful) == (2, 1, 1)


@pytest.mark.parametrize("reason", ["empty", "too_long", "no_words", "unreadable"])
def test_unanswered_skips_declines_no_corpus_edit_fixes(log: QuestionLog, reason: str) -> None:
    log.record(_question("!!!", answered=False, reason=reason))
    assert log.unanswered() == []


def test_unanswered_respects_limit_and_since(log: QuestionLog) -> None:
    log.record(_declined("Old gap about fishing quotas", ago=timedelta(days=20)))
    log.record(_declined("Recent gap about football"))
    log.record(_declined("Recent gap about chess tournaments"))
    recent = log.unanswered(since=NOW - timedelta(days=7))
    assert {g.wording for g in recent} == {"Recent gap about football", "Recent gap about chess tournaments"}
    assert len(log.unanswered(limit=1)) == 1


# --- export ---------------------------------------------------------------------------------


def _parse_csv(data: bytes, delimiter: str = ",") -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter))


def test_export_csv_has_the_rows_of_the_period(log: QuestionLog) -> None:
    _week_of_questions(log)
    data = log.export_csv(NOW - timedelta(days=2, hours=1), NOW - timedelta(hours=2) + timedelta(seconds=1))
    rows = _parse_csv(data)
    assert [row["question"] for row in rows] == ["Embassy in Berlin?", "Priorities again", "Priorities?"]
    assert rows[0] == {
        "time_utc": "2025-03-08 12:00:00",
        "language": "en",
        "chat_type": "private",
        "answered": "yes",
        "reason": "ok",
        "question": "Embassy in Berlin?",
        "passages": "",
        "missions": "de-berlin",
        "latency_ms": "120",
        "feedback": "",
    }
    assert rows[2]["passages"] == "Priorities | EU"


def test_export_csv_is_utf8_with_bom_and_keeps_cyrillic(log: QuestionLog) -> None:
    log.record(_question("Дзе амбасада ў Берліне?", language="be"))
    data = log.export_csv(NOW - timedelta(days=1), NOW)
    assert data.startswith(b"\xef\xbb\xbf")
    assert _parse_csv(data)[0]["question"] == "Дзе амбасада ў Берліне?"


def test_export_csv_omits_user_hash(log: QuestionLog) -> None:
    log.record(_question())
    data = log.export_csv(NOW - timedelta(days=1), NOW)
    assert hash_user(ASKER_ID, SALT).encode() not in data
    assert "user_hash" not in _parse_csv(data)[0]


@pytest.mark.parametrize("payload", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1"])
def test_export_csv_neutralises_formulas(log: QuestionLog, payload: str) -> None:
    log.record(_question(payload))
    [row] = _parse_csv(log.export_csv(NOW - timedelta(days=1), NOW))
    assert row["question"] == "'" + payload


def test_export_csv_with_semicolons_for_excel_on_comma_decimal_locales(log: QuestionLog) -> None:
    log.record(_question("One; two, three"))
    [row] = _parse_csv(log.export_csv(NOW - timedelta(days=1), NOW, delimiter=";"), delimiter=";")
    assert row["question"] == "One; two, three"


# --- concurrency ------------------------------------------------------------------------------


def _record_from_threads(make_log: Callable[[], QuestionLog], threads: int, per_thread: int) -> None:
    barrier = threading.Barrier(threads)
    errors: list[BaseException] = []

    def work(worker: int) -> None:
        try:
            barrier.wait()
            log = make_log()
            for n in range(per_thread):
                log.record(_question(f"worker {worker} question {n}"))
        except BaseException as exc:
            errors.append(exc)

    pool = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    assert errors == []


def test_concurrent_writes_through_one_log_lose_nothing(log: QuestionLog) -> None:
    _record_from_threads(lambda: log, threads=8, per_thread=50)
    stored = log.questions(NOW - timedelta(days=1), NOW)
    assert len(stored) == 400
    assert len({q.question for q in stored}) == 400


def test_concurrent_writes_through_separate_connections_lose_nothing(db_path: Path) -> None:
    opened: list[QuestionLog] = []
    lock = threading.Lock()

    def make_log() -> QuestionLog:
        # Each "process" opens (and migrates) the same fresh file at once.
        new = QuestionLog(db_path, SALT)
        with lock:
            opened.append(new)
        return new

    try:
        _record_from_threads(make_log, threads=4, per_thread=50)
        assert len(opened[0].questions(NOW - timedelta(days=1), NOW)) == 200
    finally:
        for each in opened:
            each.close()


async def test_recording_continues_while_admin_reads_run_in_threads(log: QuestionLog) -> None:
    _week_of_questions(log)

    async def ask(n: int) -> int:
        await asyncio.sleep(0)
        return log.record(_question(f"async question {n}"))

    results = await asyncio.gather(
        *(ask(n) for n in range(100)),
        asyncio.to_thread(log.export_csv, NOW - timedelta(days=30), NOW),
        asyncio.to_thread(log.stats, NOW),
        asyncio.to_thread(log.unanswered),
    )
    assert len(set(results[:100])) == 100
    assert len(log.questions(NOW - timedelta(days=30), NOW)) == 105
