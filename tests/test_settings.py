"""Settings are validated at start, with messages that name the setting and never echo a secret."""

from __future__ import annotations

from pathlib import Path

import pytest

from config import SettingsError, load_settings

REAL_LOOKING_TOKEN = "123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0"


def test_defaults_need_no_environment(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    settings = load_settings()
    assert settings.telegram_bot_token is None
    assert settings.model_name == "all-MiniLM-L6-v2"
    assert settings.telegram_bot_api_url == "https://api.telegram.org/bot"


def test_environment_overrides_defaults(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", REAL_LOOKING_TOKEN)
    monkeypatch.setenv("BOT_ADMIN_IDS", "42, 7")
    monkeypatch.setenv("TELEGRAM_BOT_API_URL", "http://127.0.0.1:8081/bot")
    settings = load_settings()
    assert settings.telegram_bot_token.get_secret_value() == REAL_LOOKING_TOKEN
    assert settings.admin_id_set == {42, 7}
    assert settings.telegram_bot_api_url == "http://127.0.0.1:8081/bot"


def test_settings_file_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("BOT_RETENTION_DAYS", raising=False)
    path = tmp_path / "bot.env"
    path.write_text("BOT_RETENTION_DAYS=30\nBOT_MODEL=/models/multilingual-e5-small\n")
    settings = load_settings(path)
    assert settings.retention_days == 30
    assert settings.model_name == "/models/multilingual-e5-small"


def test_missing_settings_file_is_a_clear_error(tmp_path: Path):
    with pytest.raises(SettingsError, match="does not exist"):
        load_settings(tmp_path / "nope.env")


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("TELEGRAM_BOT_TOKEN", "123456:short", "TELEGRAM_BOT_TOKEN is malformed"),
        ("TELEGRAM_BOT_API_URL", "ftp://example.org", "TELEGRAM_BOT_API_URL must start with http"),
        ("BOT_ADMIN_IDS", "42,bob", "BOT_ADMIN_IDS must be comma-separated"),
        ("BOT_WEBHOOK_PORT", "99999", "BOT_WEBHOOK_PORT"),
        ("BOT_RETENTION_DAYS", "0", "BOT_RETENTION_DAYS"),
        ("BOT_LOG_LEVEL", "LOUD", "BOT_LOG_LEVEL must be one of"),
    ],
)
def test_invalid_setting_is_named_in_the_error(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, message: str
):
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError, match=message):
        load_settings()


def test_malformed_token_is_never_echoed(monkeypatch: pytest.MonkeyPatch):
    secret = "123456789:this-looks-like-a-token-but-has-a typo"
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", secret)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert "this-looks-like" not in str(caught.value)
    assert "123456789" not in str(caught.value)


def test_token_is_hidden_in_the_settings_repr(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", REAL_LOOKING_TOKEN)
    settings = load_settings()
    assert REAL_LOOKING_TOKEN not in repr(settings) and REAL_LOOKING_TOKEN not in str(settings.model_dump())


def test_example_settings_file_is_valid_and_lists_every_setting():
    from config import PROJECT_ROOT
    from config.settings import _ALIASES

    example = PROJECT_ROOT / "config" / "example.env"
    load_settings(example)
    written = {
        line.split("=", 1)[0]
        for line in example.read_text().splitlines()
        if "=" in line and not line.startswith("#")
    }
    assert set(_ALIASES.values()) <= written


def test_a_bad_value_in_a_settings_file_names_the_file_and_the_setting(tmp_path: Path) -> None:
    path = tmp_path / "bot.env"
    path.write_text("BOT_RETENTION_DAYS=half a year\n", "utf-8")
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    assert str(path) in str(caught.value) and "BOT_RETENTION_DAYS" in str(caught.value)
