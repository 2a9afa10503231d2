"""Errors of the index package."""


class IndexError_(Exception):
    """Base of all index errors."""


class ModelLoadError(IndexError_):
    """The embedding model could not be loaded (wrong name or path, no weights offline)."""


class IndexUnreadableError(IndexError_):
    """The stored index is missing files or its files cannot be read."""
