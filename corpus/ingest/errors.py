"""Errors of ingestion: each says what was wrong with the source, so the operator can act."""

from __future__ import annotations

from corpus import CorpusError


class IngestError(CorpusError):
    """A source could not become a corpus document; nothing was written."""


class UnreadableSourceError(IngestError):
    """The file or page cannot be read or is of a kind that is not handled."""


class NoTextError(IngestError):
    """The source was read but yields no quotable text (a scan, an empty page, only navigation)."""


class UnservedLanguageError(IngestError):
    """The text is in a language the bot does not serve."""


class DuplicateError(IngestError):
    """The same text is already in the corpus under another source."""


class FetchError(IngestError):
    """A web page or site map could not be fetched (network error, HTTP error, not allowed)."""
