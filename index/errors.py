"""Errors of the index package.

::

    RetrievalError                the index or the model behind it cannot be used
    ├── ModelLoadError            the embedding model cannot be loaded (wrong name or path, no weights)
    └── IndexUnreadableError      the stored index is missing files or cannot be read

``IndexError_`` is the old name of ``RetrievalError``, kept importable for now.
"""

from __future__ import annotations


class RetrievalError(Exception):
    """Base of all index errors: the index or the model behind it cannot be used."""


IndexError_ = RetrievalError  # the old name; new code says RetrievalError


class ModelLoadError(RetrievalError):
    """The embedding model could not be loaded (wrong name or path, no weights offline)."""


class IndexUnreadableError(RetrievalError):
    """The stored index is missing files or its files cannot be read."""
