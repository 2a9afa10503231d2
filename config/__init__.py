"""Typed settings: environment variables and an optional settings file."""

from config.errors import SettingsError
from config.settings import DEFAULT_MODEL, LOG_LEVELS, PROJECT_ROOT, TRACE_LEVEL, Settings, load_settings

__all__ = [
    "DEFAULT_MODEL",
    "LOG_LEVELS",
    "PROJECT_ROOT",
    "TRACE_LEVEL",
    "Settings",
    "SettingsError",
    "load_settings",
]
