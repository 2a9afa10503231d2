"""The press desk's curation: unanswered questions become question-bank or topic changes, undoably.

No Telegram and no SQL here: the adapters (``bot.telegram.curation``,
``bot.cli.curation``) call ``Curator``, which edits the corpus files
(validated, atomic) and records each change through ``bot.storage.curation``.
"""

from bot.curation.candidates import passage_candidates, passage_label
from bot.curation.records import (
    Action,
    Candidate,
    Change,
    ChangeRefusedError,
    CurationError,
    FileEdit,
    NothingToChangeError,
    Offer,
    TopicChoice,
    UndoError,
    UnknownPassageError,
    UnknownTopicError,
)
from bot.curation.service import Curator

__all__ = [
    "Action",
    "Candidate",
    "Change",
    "ChangeRefusedError",
    "CurationError",
    "Curator",
    "FileEdit",
    "NothingToChangeError",
    "Offer",
    "TopicChoice",
    "UndoError",
    "UnknownPassageError",
    "UnknownTopicError",
    "passage_candidates",
    "passage_label",
]
