"""The storage interface on both back ends: update claims, preferences, migrations, opening."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest

from bot.pressdesk.records import SchemaVersionError
from bot.storage import ClaimOutcome, SQLiteStore, StorageError, Store, open_store, sqlite_url
from bot.storage.postgres_schema import POSTGRES_MIGRATIONS
from bot.storage.postgres_store import PostgresStore
from bot.storage.schema import MIGRATIONS

LEASE = 30.0
NOW = 1_700_000_000.0


def test_a_new_update_is_claimed(store: Store) -> None:
    assert store.claim_update(1001, "r1", NOW, LEASE) is ClaimOutcome.CLAIMED


def test_a_finished_update_is_a_duplicate_for_every_replica(store: Store) -> None:
    store.claim_update(1001, "r1", NOW, LEASE)
    store.finish_update(1001, NOW + 1)
    assert store.claim_update(1001, "r1", NOW + 2, LEASE) is ClaimOutcome.DONE
    assert store.claim_update(1001, "r2", NOW + 2 * LEASE, LEASE) is ClaimOutcome.DONE


def test_a_live_claim_makes_another_replica_wait(store: Store) -> None:
    store.claim_update(1001, "r1", NOW, LEASE)
    assert store.claim_update(1001, "r2", NOW + LEASE - 1, LEASE) is ClaimOutcome.BUSY


def test_a_claim_older_than_the_lease_is_taken_over(store: Store) -> None:
    # The replica that claimed it died mid-update: Telegram redelivers and another takes it.
    store.claim_update(1001, "r1", NOW, LEASE)
    assert store.claim_update(1001, "r2", NOW + LEASE + 1, LEASE) is ClaimOutcome.CLAIMED
    assert store.claim_update(1001, "r3", NOW + LEASE + 2, LEASE) is ClaimOutcome.BUSY


def test_a_released_claim_can_be_claimed_at_once(store: Store) -> None:
    store.claim_update(1001, "r1", NOW, LEASE)
    store.release_update(1001)
    assert store.claim_update(1001, "r2", NOW + 1, LEASE) is ClaimOutcome.CLAIMED


def test_release_never_undoes_a_finished_update(store: Store) -> None:
    store.claim_update(1001, "r1", NOW, LEASE)
    store.finish_update(1001, NOW)
    store.release_update(1001)
    assert store.claim_update(1001, "r2", NOW + 1, LEASE) is ClaimOutcome.DONE


def test_old_update_ids_are_forgotten(store: Store) -> None:
    store.claim_update(1, "r1", NOW, LEASE)
    store.claim_update(2, "r1", NOW + 100, LEASE)
    assert store.purge_updates_before(NOW + 50) == 1
    assert store.claim_update(1, "r1", NOW + 101, LEASE) is ClaimOutcome.CLAIMED


def test_concurrent_claims_of_one_update_give_it_to_exactly_one(store: Store) -> None:
    outcomes: list[ClaimOutcome] = []
    barrier = threading.Barrier(6)

    def claim(owner: str) -> None:
        barrier.wait()
        outcomes.append(store.claim_update(4242, owner, NOW, LEASE))

    threads = [threading.Thread(target=claim, args=(f"r{n}",)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == sorted([ClaimOutcome.CLAIMED] + [ClaimOutcome.BUSY] * 5)


def test_language_choice_round_trips_and_is_forgotten(store: Store) -> None:
    at = datetime(2025, 1, 1, tzinfo=UTC)
    assert store.language_of("h1") is None
    store.set_language("h1", "ru", at)
    store.set_language("h1", "be", at)
    assert store.language_of("h1") == "be"
    store.set_language("h1", None, at)
    assert store.language_of("h1") is None


def test_ping_succeeds_on_an_open_store(store: Store) -> None:
    store.ping()


def test_closed_store_refuses_work(tmp_path: Path) -> None:
    opened = SQLiteStore(tmp_path / "s.sqlite3")
    opened.close()
    opened.close()
    with pytest.raises(StorageError):
        opened.ping()


def test_both_back_ends_have_the_same_number_of_migrations() -> None:
    assert len(POSTGRES_MIGRATIONS) == len(MIGRATIONS)


def test_postgres_schema_is_migrated_once_and_records_its_version(postgres_url: str) -> None:
    with_tables = PostgresStore(postgres_url)
    assert with_tables.schema_version() == len(POSTGRES_MIGRATIONS)
    with_tables.close()
    again = PostgresStore(postgres_url)  # a second replica starting: nothing left to apply
    assert again.schema_version() == len(POSTGRES_MIGRATIONS)
    again.close()
    with psycopg.connect(postgres_url) as conn:
        versions = [row[0] for row in conn.execute("SELECT version FROM schema_migrations ORDER BY 1")]
    assert versions == list(range(1, len(POSTGRES_MIGRATIONS) + 1))


def test_replicas_migrating_together_apply_each_step_once(postgres_url: str) -> None:
    errors: list[BaseException] = []

    def open_and_close() -> None:
        try:
            PostgresStore(postgres_url).close()
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=open_and_close) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_postgres_database_from_a_newer_bot_is_refused(postgres_url: str) -> None:
    PostgresStore(postgres_url).close()
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute("INSERT INTO schema_migrations (version) VALUES (99)")
    with pytest.raises(SchemaVersionError):
        PostgresStore(postgres_url)


def test_open_store_picks_the_back_end_by_url(tmp_path: Path, postgres_url: str) -> None:
    sqlite = open_store(sqlite_url(tmp_path / "a" / "b.sqlite3"))
    postgres = open_store(postgres_url)
    try:
        assert isinstance(sqlite, SQLiteStore)
        assert (tmp_path / "a" / "b.sqlite3").is_file()
        assert isinstance(postgres, PostgresStore)
        assert "password" not in postgres.description
    finally:
        sqlite.close()
        postgres.close()


@pytest.mark.parametrize("url", ["mysql://x", "", "sqlite:///"])
def test_open_store_refuses_an_unknown_url(url: str) -> None:
    with pytest.raises(StorageError, match="BOT_DATABASE_URL"):
        open_store(url)


def test_unreachable_postgres_is_reported_without_the_password() -> None:
    with pytest.raises(StorageError) as caught:
        PostgresStore("postgresql://bot:hunter2-secret@127.0.0.1:1/bot?connect_timeout=1")
    assert "hunter2" not in str(caught.value)
