"""Errors raised while reading the material.

::

    CorpusError                  the material in corpus/ cannot be used
    ├── DocumentError            a document file (front matter, text, ids, translations)
    ├── MissionDataError         a mission file or record
    ├── QuestionBankError        a question-bank file or entry
    ├── TopicError               an out-of-scope topics file or topic
    └── PlaceNameError           the other names of countries and mission cities

Every error names the file and, where it can, the record and field, so an
operator who edited a file can fix it without reading code. The CLI turns any
``CorpusError`` into one line and exit code 2; ``/reload`` shows it to the admin.
"""


class CorpusError(Exception):
    """Base of all errors about the material in ``corpus/``."""


class DocumentError(CorpusError):
    """A document file is malformed: the message names the file and the problem."""


class MissionDataError(CorpusError):
    """A mission file or record is malformed: the message names file, record and field."""


class QuestionBankError(CorpusError):
    """A question-bank file is malformed: the message names the file, the entry and the field."""


class TopicError(CorpusError):
    """An out-of-scope topics file is malformed: the message names the file, the topic and the field."""


class PlaceNameError(CorpusError):
    """The other-names file of places is malformed: the message names the file, the entry and the problem."""
