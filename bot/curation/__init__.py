"""The press desk's curation: unanswered questions become question-bank or topic changes, undoably.

No Telegram and no SQL here: the adapters (``bot.telegram.curation``,
``bot.cli.curation``) call ``Curator``, which edits the corpus files
(validated, atomic) and records each change in the press desk's
``CurationStore``, whose records (``Change``, ``Offer``...) live in ``bot.pressdesk``.
"""

from bot.curation.candidates import passage_candidates, passage_label
from bot.curation.records import (
    ChangeRefusedError,
    CurationError,
    NothingToChangeError,
    UndoError,
    UnknownPassageError,
    UnknownTopicError,
)
from bot.curation.service import Curator

__all__ = [
    "ChangeRefusedError",
    "CurationError",
    "Curator",
    "NothingToChangeError",
    "UndoError",
    "UnknownPassageError",
    "UnknownTopicError",
    "passage_candidates",
    "passage_label",
]
