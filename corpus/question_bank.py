"""The question bank: for each passage of a document, the questions it answers.

A user's question is compared with these questions as well as with the passage
itself: question to question is far more telling than question to abstract
prose ("relations with the Kremlin" shares no word with "Treaty on the Creation
of a Union State", but shares most with "what does Minsk say about the
Kremlin"). Operators edit the files (``corpus/questions/*.yaml``); the press
desk will add questions from ``/unanswered``.

Validated like the documents, before anything is indexed: an error names the
file, the entry and the field. The questions are part of the corpus hash, so
editing them rebuilds the index.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from corpus.errors import QuestionBankError
from corpus.passage import Passage
from corpus.yaml_text import safe_load

__all__ = ["QUESTION_KIND", "BankQuestion", "bank_passages", "load_question_bank", "parse_question_bank"]

# Passage.kind of a bank question as the index stores it (its own index part).
QUESTION_KIND = "question"

BANK_LANGUAGES = ("en", "ru", "be")
MAX_QUESTION_CHARS = 300


@dataclass(frozen=True)
class BankQuestion:
    """One way of asking what one passage answers."""

    family: str  # id of the original document
    position: int  # the passage's number in that document
    language: str
    text: str

    @property
    def content_hash(self) -> str:
        payload = "\x1f".join([self.family, str(self.position), self.language, self.text])
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    position: int = Field(ge=1)
    about: str | None = None
    questions: dict[str, list[str]]

    @field_validator("questions")
    @classmethod
    def _languages(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        unknown = sorted(set(value) - set(BANK_LANGUAGES))
        if unknown:
            raise ValueError(f"unknown language {unknown[0]!r} (use {', '.join(BANK_LANGUAGES)})")
        if not any(value.values()):
            raise ValueError("lists no question")
        for language, questions in value.items():
            seen: dict[str, int] = {}
            for number, question in enumerate(questions, 1):
                if not isinstance(question, str) or not question.strip():
                    raise ValueError(f"{language} question {number} is empty")
                if len(question) > MAX_QUESTION_CHARS:
                    raise ValueError(
                        f"{language} question {number} is longer than {MAX_QUESTION_CHARS} characters"
                    )
                # A repeat weighs nothing new but hides that a phrasing is missing; say which.
                key = " ".join(question.casefold().strip(" ?!.").split())
                if key in seen:
                    raise ValueError(f"{language} question {number} repeats question {seen[key]}")
                seen[key] = number
        return value


class _BankFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    document: str
    passages: list[_Entry]


def _problem(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    return f"{where}: {first['msg'].removeprefix('Value error, ')}"


def parse_question_bank(text: str, path: Path, passage_counts: dict[str, int]) -> list[BankQuestion]:
    """Parse one bank file; ``passage_counts`` maps each original document id to its number of passages."""
    try:
        data = safe_load(text)
    except yaml.YAMLError as exc:
        raise QuestionBankError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise QuestionBankError(f"{path}: must be a mapping with 'document' and 'passages'")
    try:
        bank = _BankFile.model_validate(data)
    except ValidationError as exc:
        raise QuestionBankError(f"{path}: {_problem(exc)}") from None
    if bank.document not in passage_counts:
        raise QuestionBankError(f"{path}: document '{bank.document}' names no original document")
    questions: list[BankQuestion] = []
    seen: set[int] = set()
    for number, entry in enumerate(bank.passages, 1):
        where = f"{path}: entry {number} (position {entry.position})"
        if entry.position in seen:
            raise QuestionBankError(f"{where}: position is listed twice")
        if entry.position > passage_counts[bank.document]:
            raise QuestionBankError(
                f"{where}: position: the document has {passage_counts[bank.document]} passages"
            )
        seen.add(entry.position)
        for language, texts in entry.questions.items():
            questions.extend(
                BankQuestion(bank.document, entry.position, language, " ".join(q.split())) for q in texts
            )
    return questions


def load_question_bank(directory: Path, passage_counts: dict[str, int]) -> tuple[BankQuestion, ...]:
    """Read every ``*.yaml`` bank file of ``directory`` (none is fine: the bank is optional)."""
    if not directory.is_dir():
        return ()
    questions: list[BankQuestion] = []
    for path in sorted(directory.glob("*.yaml")):
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise QuestionBankError(f"{path}: cannot be read: {exc}") from exc
        questions.extend(parse_question_bank(text, path, passage_counts))
    return tuple(questions)


def bank_passages(questions: tuple[BankQuestion, ...]) -> list[Passage]:
    """The bank questions as index rows: one ``Passage`` of kind ``question`` each, naming its target.

    ``family`` and ``position`` are those of the passage the question is
    answered by, so the search maps a matched question to that passage in the
    asker's language.
    """
    return [
        Passage(
            id=f"question:{q.family}#{q.position}:{q.language}:{number}",
            doc_id=f"question-bank:{q.family}",
            family=q.family,
            position=q.position,
            text=q.text,
            sentences=(q.text,),
            title="",
            section=None,
            language=q.language,
            kind=QUESTION_KIND,
            source_name="",
            source_url="",
            date="",
        )
        for number, q in enumerate(questions, 1)
    ]
