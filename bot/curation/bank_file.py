"""Add questions to a passage's entry in the question bank (``corpus/questions/*.yaml``).

The bank's format is the answer-quality work's (``corpus.question_bank``): one
file per original document (``document: <id>``), one entry per passage
``position``, questions listed per language. A translation shares its
original's family and position, so teaching through the Russian version of a
passage fills the same entry as through the English one; the question goes
under the language it was asked in.

Only the text is edited here; ``bot.curation.files`` validates the result
against the whole corpus before anything is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from bot.curation.records import ChangeRefusedError, NothingToChangeError
from bot.curation.yaml_text import dump_yaml, load_yaml
from bot.pressdesk import FileEdit, Phrasing, normalise_question

QUESTIONS_DIR = "questions"
BANK_LANGUAGES = ("en", "ru", "be")  # the bank loader's languages
MAX_QUESTION_CHARS = 300  # the bank loader's limit per question
_NEW_FILE_HEADER = (
    "# Question bank of document {family}: for each passage (its position in the document),\n"
    "# the questions it answers, per language. Started by the press desk; edit freely.\n"
)


def bank_path(corpus_dir: Path, family: str) -> str:
    """The bank file (relative to the corpus) whose ``document`` is ``family``; a new name if none."""
    for path in sorted((corpus_dir / QUESTIONS_DIR).glob("*.yaml")):
        data = load_yaml(path.read_text("utf-8"), str(path))
        if isinstance(data, dict) and data.get("document") == family:
            return f"{QUESTIONS_DIR}/{path.name}"
    return f"{QUESTIONS_DIR}/{family.replace('-', '_')}.yaml"


def _new_bank(family: str) -> object:
    return load_yaml(_NEW_FILE_HEADER.format(family=family) + f"document: {family}\npassages: []\n", family)


def _entry(passages: list[dict[str, object]], position: int) -> dict[str, object]:
    for entry in passages:
        if entry.get("position") == position:
            return entry
    entry = CommentedMap([("position", position), ("questions", CommentedMap())])
    # Keep entries in document order, as people write them.
    later = (i for i, e in enumerate(passages) if int(str(e.get("position", 0))) > position)
    index = next(later, len(passages))
    passages.insert(index, entry)
    return entry


def _check(phrasing: Phrasing) -> None:
    if phrasing.language not in BANK_LANGUAGES:
        raise ChangeRefusedError(
            f"“{phrasing.text}” is in {phrasing.language!r}; "
            f"the question bank takes {', '.join(BANK_LANGUAGES)}"
        )
    if len(phrasing.text) > MAX_QUESTION_CHARS:
        raise ChangeRefusedError(
            f"“{phrasing.text[:40]}…” is longer than the bank's {MAX_QUESTION_CHARS} characters"
        )


def add_bank_questions(
    corpus_dir: Path, family: str, position: int, passage_label: str, phrasings: Sequence[Phrasing]
) -> FileEdit:
    """The bank file with ``phrasings`` added to the entry of passage ``position`` of ``family``.

    A phrasing the entry already lists (compared as ``/unanswered`` compares
    questions) is skipped.

    Raises:
        ChangeRefusedError: a phrasing is too long or in a language the bank does not take.
        NothingToChangeError: every phrasing is in the entry already.
    """
    relative = bank_path(corpus_dir, family)
    path = corpus_dir / relative
    before = path.read_text("utf-8") if path.is_file() else None
    data = load_yaml(before, str(path)) if before is not None else _new_bank(family)
    if not isinstance(data, dict) or not isinstance(data.get("passages"), list):
        raise ChangeRefusedError(f"{path}: must be a mapping with 'document' and 'passages'")
    entry = _entry(data["passages"], position)
    questions = entry.setdefault("questions", CommentedMap())
    assert isinstance(questions, dict)  # the loader's schema; a wrong shape fails validation later
    added: list[Phrasing] = []
    for phrasing in phrasings:
        _check(phrasing)
        listed = questions.setdefault(phrasing.language, CommentedSeq())
        if normalise_question(phrasing.text) in {normalise_question(str(q)) for q in listed}:
            continue
        listed.append(" ".join(phrasing.text.split()))
        added.append(phrasing)
    if not added:
        raise NothingToChangeError(f"the question bank of {passage_label} already lists these questions")
    languages = ", ".join(dict.fromkeys(p.language for p in added))
    summary = (
        f"{len(added)} question(s) ({languages}) added to the bank of passage {passage_label}: "
        + "; ".join(f"“{p.text}”" for p in added)
    )
    return FileEdit(relative, before, dump_yaml(data), summary)
