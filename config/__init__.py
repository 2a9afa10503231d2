"""Typed settings: environment variables and an optional settings file."""

from config.errors import SettingsError
from config.settings import (
    DEFAULT_MODEL,
    DEFAULT_TYPING_AFTER_SECONDS,
    DEFAULT_USER_HASH_SALT,
    LOG_LEVELS,
    OFFICIAL_SITE_URL,
    PROJECT_ROOT,
    TRACE_LEVEL,
    Settings,
    load_settings,
)
from config.validation import HTTP_SCHEMES, http_url

__all__ = [
    "DEFAULT_MODEL",
    "DEFAULT_TYPING_AFTER_SECONDS",
    "DEFAULT_USER_HASH_SALT",
    "HTTP_SCHEMES",
    "LOG_LEVELS",
    "OFFICIAL_SITE_URL",
    "PROJECT_ROOT",
    "TRACE_LEVEL",
    "Settings",
    "SettingsError",
    "http_url",
    "load_settings",
]
