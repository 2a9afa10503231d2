"""Typed settings: environment variables and an optional settings file."""

from config.errors import SettingsError
from config.settings import (
    DEFAULT_MODEL,
    DEFAULT_USER_HASH_SALT,
    OFFICIAL_SITE_URL,
    PROJECT_ROOT,
    Settings,
    load_settings,
)
from config.validation import HTTP_SCHEMES, http_url

__all__ = [
    "DEFAULT_MODEL",
    "DEFAULT_USER_HASH_SALT",
    "HTTP_SCHEMES",
    "OFFICIAL_SITE_URL",
    "PROJECT_ROOT",
    "Settings",
    "SettingsError",
    "http_url",
    "load_settings",
]
