"""Errors raised while reading settings.

::

    SettingsError                a setting is missing or invalid (named by its variable)

One class: every settings problem is reported the same way, as one line
naming each bad variable and what is wrong with it.
"""


class SettingsError(Exception):
    """A setting is missing or invalid; the message names it, never its secret value."""
