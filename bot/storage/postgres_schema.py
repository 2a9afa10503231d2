"""Versioned migrations of the PostgreSQL back end, tracked in ``schema_migrations``.

The SQLite file counts its steps in ``PRAGMA user_version`` (``bot.storage.schema``);
PostgreSQL keeps one row per applied step. To change the schema, append a step
to ``POSTGRES_MIGRATIONS`` (never edit or reorder a shipped one) and the matching
function to SQLite's list, so both back ends stay at the same version number.
Replicas starting together are serialised by a transaction-level advisory lock,
and DDL is transactional in PostgreSQL, so a step applies completely or not at all.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["MIGRATION_LOCK_KEY", "POSTGRES_MIGRATIONS"]

# Any constant shared by every replica of this bot: the advisory lock taken while migrating.
MIGRATION_LOCK_KEY = 0x6D666162  # "mfab"

POSTGRES_MIGRATIONS: tuple[Sequence[str], ...] = (
    (
        # BIGSERIAL ids are never handed out again, even after a purge: feedback
        # buttons carry the id, and an old button must not rate a newer question.
        """
        CREATE TABLE questions (
            id          BIGSERIAL PRIMARY KEY,
            asked_at    TIMESTAMPTZ NOT NULL,
            language    TEXT        NOT NULL,
            chat_type   TEXT        NOT NULL,
            user_hash   TEXT,
            question    TEXT        NOT NULL,
            answered    SMALLINT    NOT NULL CHECK (answered IN (0, 1)),
            reason      TEXT        NOT NULL,
            passages    TEXT        NOT NULL DEFAULT '[]',
            missions    TEXT        NOT NULL DEFAULT '[]',
            latency_ms  INTEGER,
            feedback    TEXT,
            feedback_at TIMESTAMPTZ
        )
        """,
        "CREATE INDEX questions_by_time ON questions (asked_at)",
        """
        CREATE TABLE inline_choices (
            id        BIGSERIAL PRIMARY KEY,
            chosen_at TIMESTAMPTZ NOT NULL,
            user_hash TEXT,
            result_id TEXT NOT NULL,
            query     TEXT NOT NULL
        )
        """,
        "CREATE INDEX inline_choices_by_time ON inline_choices (chosen_at)",
    ),
    (
        """
        CREATE TABLE user_preferences (
            user_hash  TEXT PRIMARY KEY,
            language   TEXT NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL
        )
        """,
    ),
    (
        "CREATE TABLE rate_events (user_key TEXT NOT NULL, at DOUBLE PRECISION NOT NULL)",
        "CREATE INDEX rate_events_by_key ON rate_events (user_key, at)",
        """
        CREATE TABLE processed_updates (
            update_id  BIGINT PRIMARY KEY,
            owner      TEXT NOT NULL,
            claimed_at DOUBLE PRECISION NOT NULL,
            done_at    DOUBLE PRECISION
        )
        """,
    ),
    (
        # The press desk's curation (issue 13), as in SQLite's ``_create_curation_tables``:
        # shared by every replica (``bot.storage.curation_sql`` writes and reads them).
        """
        CREATE TABLE curation_offers (
            id                BIGSERIAL PRIMARY KEY,
            created_at        TIMESTAMPTZ NOT NULL,
            admin_hash        TEXT,
            payload           TEXT        NOT NULL,
            prompt_message_id BIGINT,
            change_id         BIGINT
        )
        """,
        "CREATE INDEX curation_offers_by_prompt ON curation_offers (admin_hash, prompt_message_id)",
        """
        CREATE TABLE curation_changes (
            id         BIGSERIAL PRIMARY KEY,
            changed_at TIMESTAMPTZ NOT NULL,
            admin_hash TEXT,
            action     TEXT        NOT NULL,
            summary    TEXT        NOT NULL,
            target     TEXT        NOT NULL,
            before     TEXT,
            after      TEXT,
            undone_at  TIMESTAMPTZ,
            undo_of    BIGINT REFERENCES curation_changes (id)
        )
        """,
        """
        CREATE TABLE curation_settled (
            form       TEXT        NOT NULL,
            change_id  BIGINT      NOT NULL REFERENCES curation_changes (id),
            settled_at TIMESTAMPTZ NOT NULL,
            PRIMARY KEY (form, change_id)
        )
        """,
        """
        CREATE TABLE admin_digest (
            admin_hash TEXT PRIMARY KEY,
            enabled    SMALLINT    NOT NULL CHECK (enabled IN (0, 1)),
            updated_at TIMESTAMPTZ NOT NULL
        )
        """,
    ),
    (
        # As SQLite's ``_create_digest_sends``: one weekly digest per admin, whichever replica sends it.
        """
        CREATE TABLE digest_sends (
            admin_hash TEXT        NOT NULL,
            period     TEXT        NOT NULL,
            claimed_at TIMESTAMPTZ NOT NULL,
            PRIMARY KEY (admin_hash, period)
        )
        """,
    ),
)
