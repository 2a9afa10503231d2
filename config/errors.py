"""Errors raised while reading settings."""


class SettingsError(Exception):
    """A setting is missing or invalid; the message names it, never its secret value."""
