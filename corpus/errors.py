"""Errors raised while reading the material.

Every error names the file and, where it can, the record and field, so an
operator who edited a file can fix it without reading code.
"""


class CorpusError(Exception):
    """Base of all errors about the material in ``corpus/``."""


class DocumentError(CorpusError):
    """A document file is malformed: the message names the file and the problem."""


class QuestionBankError(CorpusError):
    """A question-bank file is malformed: the message names the file, the entry and the field."""


class TopicError(CorpusError):
    """An out-of-scope topics file is malformed: the message names the file, the topic and the field."""
