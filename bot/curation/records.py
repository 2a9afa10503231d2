"""The curation's errors: each says why a change was refused, in words an admin can act on."""

from __future__ import annotations


class CurationError(Exception):
    """A curation step was refused; the message says why, in words an admin can act on."""


class UnknownPassageError(CurationError):
    """The passage id names no passage of the material."""


class UnknownTopicError(CurationError):
    """The topic id names no out-of-scope topic."""


class ChangeRefusedError(CurationError):
    """The change would leave the material invalid; nothing was written."""


class NothingToChangeError(CurationError):
    """The change is already in the material (every phrasing is there)."""


class UndoError(CurationError):
    """There is nothing to undo, or the file was edited since the change."""
