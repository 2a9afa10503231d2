"""The one typed settings model of the project.

Values come from environment variables and, optionally, from a settings file
in ``.env`` format (``BOT_SETTINGS_FILE`` or ``--settings FILE``). Non-secret
defaults live here; the bot token is read from the environment or the file only
and is never printed: it is a ``SecretStr`` and the validation errors below
never echo its value.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from config.errors import SettingsError
from config.validation import http_url

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS_DIR = PROJECT_ROOT / "corpus"
DEFAULT_DATA_DIR = PROJECT_ROOT / "var"
DEFAULT_MODEL = "all-MiniLM-L6-v2"
# The Ministry's site, named in a reply when the material does not cover a question.
OFFICIAL_SITE_URL = "https://mfa.gov.by/en/"
# The salt's default: fine for a trial, not for production (the adapter warns when it is used).
DEFAULT_USER_HASH_SALT = "change-me"
TELEGRAM_API_URL = "https://api.telegram.org/bot"

# Below DEBUG, and named so an operator must ask for it: the only level at which
# question texts and the libraries' raw update payloads (user ids) are logged.
TRACE_LEVEL = 5
# "typing…" only for an answer not ready within this many seconds: most take milliseconds,
# and a typing action before each would double the requests of a burst (issue 15).
DEFAULT_TYPING_AFTER_SECONDS = 0.5
LOG_LEVELS = ("TRACE", "DEBUG", "INFO", "WARNING", "ERROR")

_TOKEN_PATTERN = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{30,}$")


def _alias(name: str) -> AliasChoices:
    return AliasChoices(name, name.lower())


class Settings(BaseSettings):
    """Everything the bot can be told from outside, validated at start."""

    model_config = SettingsConfigDict(
        env_file=None, extra="ignore", case_sensitive=False, populate_by_name=True
    )

    # --- material and index -------------------------------------------------
    corpus_dir: Path = Field(DEFAULT_CORPUS_DIR, validation_alias=_alias("BOT_CORPUS_DIR"))
    index_dir: Path = Field(DEFAULT_DATA_DIR / "index", validation_alias=_alias("BOT_INDEX_DIR"))
    model_name: str = Field(DEFAULT_MODEL, validation_alias=_alias("BOT_MODEL"))
    query_prefix: str = Field("", validation_alias=_alias("BOT_QUERY_PREFIX"))
    passage_prefix: str = Field("", validation_alias=_alias("BOT_PASSAGE_PREFIX"))
    model_languages: str = Field("en", validation_alias=_alias("BOT_MODEL_LANGUAGES"))
    official_site_url: str = Field(OFFICIAL_SITE_URL, validation_alias=_alias("BOT_OFFICIAL_SITE_URL"))

    # --- Telegram -------------------------------------------------------------
    telegram_bot_token: SecretStr | None = Field(None, validation_alias=_alias("TELEGRAM_BOT_TOKEN"))
    telegram_bot_api_url: str = Field(TELEGRAM_API_URL, validation_alias=_alias("TELEGRAM_BOT_API_URL"))
    telegram_bot_file_url: str | None = Field(None, validation_alias=_alias("TELEGRAM_BOT_FILE_URL"))
    webhook_url: str | None = Field(None, validation_alias=_alias("BOT_WEBHOOK_URL"))
    webhook_listen: str = Field("0.0.0.0", validation_alias=_alias("BOT_WEBHOOK_LISTEN"))
    webhook_port: int = Field(8443, ge=1, le=65535, validation_alias=_alias("BOT_WEBHOOK_PORT"))
    webhook_path: str = Field("telegram", validation_alias=_alias("BOT_WEBHOOK_PATH"))
    webhook_secret: SecretStr | None = Field(None, validation_alias=_alias("BOT_WEBHOOK_SECRET"))
    poll_interval: float = Field(0.0, ge=0, validation_alias=_alias("BOT_POLL_INTERVAL"))
    questions_per_minute: int = Field(20, ge=1, validation_alias=_alias("BOT_QUESTIONS_PER_MINUTE"))
    typing_after_seconds: float = Field(
        DEFAULT_TYPING_AFTER_SECONDS, ge=0, validation_alias=_alias("BOT_TYPING_AFTER_SECONDS")
    )

    # --- press desk -------------------------------------------------------------
    admin_ids: str = Field("", validation_alias=_alias("BOT_ADMIN_IDS"))
    db_path: Path = Field(DEFAULT_DATA_DIR / "questions.sqlite3", validation_alias=_alias("BOT_DB_PATH"))
    # sqlite:///PATH (one process) or postgresql://… (replicas); unset means sqlite:///BOT_DB_PATH.
    database_url: SecretStr | None = Field(None, validation_alias=_alias("BOT_DATABASE_URL"))
    retention_days: int = Field(180, ge=1, validation_alias=_alias("BOT_RETENTION_DAYS"))
    user_hash_salt: SecretStr = Field(
        SecretStr(DEFAULT_USER_HASH_SALT), validation_alias=_alias("BOT_USER_HASH_SALT")
    )
    # The weekly digest to admins (Mondays): the default each admin can change with /digest on|off.
    weekly_digest: bool = Field(False, validation_alias=_alias("BOT_WEEKLY_DIGEST"))

    log_level: str = Field("INFO", validation_alias=_alias("BOT_LOG_LEVEL"))

    # --- replicas and operations (issue 12) ------------------------------------------
    log_format: str = Field("text", validation_alias=_alias("BOT_LOG_FORMAT"))
    replica_name: str = Field("", validation_alias=_alias("BOT_REPLICA_NAME"))
    # Longer than Telegram's 60 s wait, so a live replica's claim is never taken over.
    update_lease_seconds: float = Field(90.0, gt=0, validation_alias=_alias("BOT_UPDATE_LEASE_SECONDS"))
    update_deadline_seconds: float = Field(25.0, gt=0, validation_alias=_alias("BOT_UPDATE_DEADLINE_SECONDS"))

    @field_validator("telegram_bot_token", mode="before")
    @classmethod
    def _token_shape(cls, value: object) -> object:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        text = str(value.get_secret_value() if isinstance(value, SecretStr) else value).strip()
        if not _TOKEN_PATTERN.match(text):
            # Never echo the value: it may be a real token with a typo.
            raise ValueError("is malformed: expected '<digits>:<35 letters>' as given by @BotFather")
        return text

    @field_validator("telegram_bot_api_url", "official_site_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        return http_url(value)

    @field_validator("admin_ids")
    @classmethod
    def _admin_ids_shape(cls, value: str) -> str:
        for part in filter(None, (p.strip() for p in value.split(","))):
            if not (part.isascii() and part.lstrip("-").isdigit()):
                raise ValueError(f"must be comma-separated Telegram user ids, got {part!r}")
        return value

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        level = value.upper()
        if level not in LOG_LEVELS:
            raise ValueError(f"must be one of {', '.join(LOG_LEVELS)}")
        return level

    @field_validator("log_format")
    @classmethod
    def _log_format(cls, value: str) -> str:
        if value.lower() not in {"text", "json"}:
            raise ValueError("must be text or json")
        return value.lower()

    @field_validator("database_url")
    @classmethod
    def _database_scheme(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value().strip():
            return None
        if not value.get_secret_value().startswith(("sqlite:///", "postgresql://", "postgres://")):
            raise ValueError(
                "must start with sqlite:/// or postgresql://"
            )  # never echo: it may hold a password
        return value

    @property
    def store_url(self) -> str:
        """The database to use: ``BOT_DATABASE_URL``, else the SQLite file ``BOT_DB_PATH``."""
        if self.database_url is not None:
            return self.database_url.get_secret_value()
        return f"sqlite:///{self.db_path}"

    @property
    def model_language_list(self) -> list[str]:
        """Languages the embedding model understands ("*" for a multilingual model)."""
        return [part.strip() for part in self.model_languages.split(",") if part.strip()]

    @property
    def admin_id_set(self) -> frozenset[int]:
        """The admins' Telegram user ids as integers."""
        return frozenset(int(p) for p in self.admin_ids.split(",") if p.strip())


_ALIASES = {
    name: (field.validation_alias.choices[0] if isinstance(field.validation_alias, AliasChoices) else name)
    for name, field in Settings.model_fields.items()
}


def load_settings(settings_file: Path | str | None = None, **overrides: Any) -> Settings:  # noqa: ANN401 - any setting; pydantic checks each
    """Read the settings from the environment and an optional ``.env``-style file.

    Raises ``SettingsError`` whose message names each bad setting by its
    environment variable and says what is wrong, without echoing secret values.
    """
    if settings_file is not None and not Path(settings_file).is_file():
        raise SettingsError(f"settings file {settings_file} does not exist")
    try:
        return Settings(_env_file=settings_file, **overrides)  # type: ignore[call-arg]
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            field = str(error["loc"][0]) if error["loc"] else "?"
            name = _ALIASES.get(field, field.upper())
            message = error["msg"].removeprefix("Value error, ")
            problems.append(f"{name} {message}")
        where = f" (environment and {settings_file})" if settings_file is not None else ""
        raise SettingsError(f"invalid settings{where}: " + "; ".join(problems)) from None
