"""Typed settings: environment variables and an optional settings file."""

from config.errors import SettingsError
from config.settings import DEFAULT_MODEL, PROJECT_ROOT, Settings, load_settings

__all__ = ["DEFAULT_MODEL", "PROJECT_ROOT", "Settings", "SettingsError", "load_settings"]
