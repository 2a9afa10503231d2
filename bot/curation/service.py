"""The press desk's curation: turn an unanswered question into a change of the material, and undo it.

``Curator`` is what both adapters call: the Telegram buttons and ``/undo``,
and ``python -m bot teach`` / ``undo``. Each change is validated against the
whole corpus and written atomically (``bot.curation.files``), then recorded
with the file before and after (``bot.pressdesk.CurationStore``, in the bot's
shared database), so ``undo`` can restore it exactly. Reloading the engine is
the caller's part: the bot swaps a new engine in (``/reload``'s way), the
command line simply starts afresh.

One change at a time, everywhere: each change and undo runs under the store's
change lock (``CurationStore.change_lock``: an advisory lock across every
replica on PostgreSQL, a file lock across processes on SQLite), so two admins
pressing at once, on one replica or two, cannot both read the old file and
have the second write lose the first's edit, and ``undo`` always reverts the
newest change recorded anywhere.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from bot.curation.bank_file import add_bank_questions
from bot.curation.candidates import passage_label
from bot.curation.files import apply_edit, read_text
from bot.curation.records import ChangeRefusedError, CurationError, UndoError, UnknownPassageError
from bot.curation.topics_file import add_new_topic, add_topic_triggers, known_topics
from bot.pressdesk import (
    Action,
    Change,
    ChangeInProgressError,
    CurationStore,
    FileEdit,
    Phrasing,
    TopicChoice,
    normalise_question,
)
from corpus import CorpusError, Passage, load_corpus

if TYPE_CHECKING:  # corpus.ingest pulls in the extractors; only its record type is needed here
    from corpus.ingest import DocumentChange

HISTORY_LIMIT = 10


def _forms(phrasings: Sequence[Phrasing]) -> list[str]:
    return [normalise_question(p.text) for p in phrasings]


class Curator:
    """Applies, records and undoes the press desk's changes to one corpus folder.

    Args:
        corpus_dir: the material (``BOT_CORPUS_DIR``).
        store: the curation tables, in the bot's database (shared by the replicas).
    """

    def __init__(self, corpus_dir: Path, store: CurationStore) -> None:
        self.corpus_dir = Path(corpus_dir)
        self.store = store

    @contextmanager
    def _one_change_at_a_time(self) -> Iterator[None]:
        """The store's change lock; a wait too long becomes a refusal the admin can retry."""
        try:
            with self.store.change_lock():
                yield
        except ChangeInProgressError as exc:
            raise CurationError(f"another change is being made; try again in a moment ({exc})") from exc

    def find_passage(self, passage_id: str) -> Passage:
        """The document passage ``passage_id`` names, read from the files as they are now.

        Raises:
            UnknownPassageError: no such passage, or it is a mission record (no bank).
        """
        try:
            passages = {p.id: p for p in load_corpus(self.corpus_dir).passages}
        except CorpusError as exc:
            raise ChangeRefusedError(f"the material has errors; fix them first: {exc}") from exc
        passage = passages.get(passage_id)
        if passage is None:
            close = difflib.get_close_matches(passage_id, [p for p in passages if "#" in p], n=3)
            hint = f" Did you mean {', '.join(close)}?" if close else ""
            raise UnknownPassageError(
                f"unknown passage id '{passage_id}'.{hint} `python -m bot unanswered` lists candidate "
                "passages with their ids (a document passage id looks like policy-priorities#3)."
            )
        if passage.is_record:
            raise UnknownPassageError(
                f"'{passage_id}' is a mission record; only document passages have a question bank"
            )
        return passage

    def topics(self, lang: str = "en") -> list[TopicChoice]:
        """The out-of-scope topics a group may be filed under."""
        return known_topics(self.corpus_dir, lang)

    def _apply(
        self,
        action: Action,
        edit: FileEdit,
        phrasings: Sequence[Phrasing],
        admin_id: int | None,
        offer_id: int | None,
    ) -> Change:
        if edit.path:
            apply_edit(self.corpus_dir, edit)
        return self.store.record_change(admin_id, action, edit, _forms(phrasings), offer_id)

    def teach_passage(
        self,
        phrasings: Sequence[Phrasing],
        passage_id: str,
        admin_id: int | None = None,
        offer_id: int | None = None,
    ) -> Change:
        """Add ``phrasings`` to the question bank of passage ``passage_id``.

        Raises:
            UnknownPassageError: the id names no document passage.
            CurationError: the change is refused (the message says why); nothing was written.
        """
        with self._one_change_at_a_time():
            passage = self.find_passage(passage_id)
            label = f"{passage.family}#{passage.position} ({passage_label(passage)})"
            edit = add_bank_questions(self.corpus_dir, passage.family, passage.position, label, phrasings)
            return self._apply(Action.PASSAGE, edit, phrasings, admin_id, offer_id)

    def file_out_of_scope(
        self,
        phrasings: Sequence[Phrasing],
        topic_id: str,
        admin_id: int | None = None,
        offer_id: int | None = None,
    ) -> Change:
        """Add ``phrasings`` to the triggers of the known out-of-scope topic ``topic_id``."""
        with self._one_change_at_a_time():
            edit = add_topic_triggers(self.corpus_dir, topic_id, phrasings)
            return self._apply(Action.TOPIC, edit, phrasings, admin_id, offer_id)

    def add_topic(
        self,
        phrasings: Sequence[Phrasing],
        topic_id: str,
        pointer: str,
        label: str,
        admin_id: int | None = None,
        offer_id: int | None = None,
    ) -> Change:
        """Create out-of-scope topic ``topic_id`` pointing at ``pointer`` for ``phrasings``."""
        with self._one_change_at_a_time():
            edit = add_new_topic(self.corpus_dir, topic_id, pointer, label, phrasings)
            return self._apply(Action.NEW_TOPIC, edit, phrasings, admin_id, offer_id)

    def ignore(
        self, phrasings: Sequence[Phrasing], admin_id: int | None = None, offer_id: int | None = None
    ) -> Change:
        """Hide the group from ``/unanswered`` (until it is asked again); no file changes."""
        if not phrasings:
            raise CurationError("there is no question to ignore")
        summary = f"ignored in /unanswered: “{phrasings[0].text}”" + (
            f" and {len(phrasings) - 1} other wording(s)" if len(phrasings) > 1 else ""
        )
        with self._one_change_at_a_time():
            return self._apply(
                Action.IGNORE, FileEdit("", None, None, summary), phrasings, admin_id, offer_id
            )

    def add_document(
        self, add: Callable[[], DocumentChange], admin_id: int | None = None
    ) -> tuple[DocumentChange, Change | None]:
        """Run ``add`` (it writes one document) under the change lock and record what it did.

        Recorded like the other changes (the file before and after), an addition
        made through one replica or ``python -m bot add`` reaches every replica at
        its next poll, is listed by ``/history`` and can be undone. An unchanged
        document records nothing (None).
        """
        with self._one_change_at_a_time():
            change = add()
            records = self._record_documents([change], admin_id)
            return change, (records[0] if records else None)

    def record_documents(
        self, changes: Iterable[DocumentChange], admin_id: int | None = None
    ) -> list[Change]:
        """Record documents already written (a ``sync`` run): one change per document that changed."""
        with self._one_change_at_a_time():
            return self._record_documents(changes, admin_id)

    def _record_documents(self, changes: Iterable[DocumentChange], admin_id: int | None) -> list[Change]:
        records = []
        for change in changes:
            if change.action == "unchanged":
                continue
            try:
                relative = change.path.resolve().relative_to(self.corpus_dir.resolve()).as_posix()
            except ValueError as exc:
                raise CurationError(f"{change.path} is not in the material folder {self.corpus_dir}") from exc
            edit = FileEdit(relative, change.before, change.after, change.describe())
            records.append(self.store.record_change(admin_id, Action.DOCUMENT, edit))
        return records

    def undo(self, admin_id: int | None = None) -> tuple[Change, Change]:
        """Revert the newest change that is not undone yet; return it and the undo's own record.

        Raises:
            UndoError: nothing to undo, or its file was edited since (undo by hand then).
            CurationError: the restored file would not validate; nothing was written.
        """
        with self._one_change_at_a_time():
            change = self.store.last_undoable()
            if change is None:
                raise UndoError("there is no change to undo")
            summary = f"undid change #{change.id}: {change.summary}"
            edit = FileEdit(change.target, change.after, change.before, summary)
            if change.target:
                if read_text(self.corpus_dir, change.target) != change.after:
                    raise UndoError(
                        f"{change.target} was edited after change #{change.id}; "
                        "undo it by editing the file, then /reload"
                    )
                apply_edit(self.corpus_dir, edit)
            return change, self.store.record_undo(admin_id, change, edit)

    def history(self, limit: int = HISTORY_LIMIT) -> list[Change]:
        """The latest changes, newest first."""
        return self.store.changes(limit)
