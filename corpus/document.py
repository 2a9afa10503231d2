"""Documents of the corpus: a YAML front matter block followed by the text.

The front matter says what the text is (title, language, official or
translation, source, date) so that every quote can name its source. The body is
kept exactly as published; lines that are site navigation are listed under
``boilerplate`` and removed only when passages are made.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from config import http_url
from corpus.errors import DocumentError

FRONT_MATTER_FENCE = "---"


class Document(BaseModel):
    """One text of the material with the facts needed to cite it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    title: str = Field(min_length=3)
    language: str = Field(pattern=r"^[a-z]{2}$")
    kind: Literal["official", "translation"]
    source_name: str = Field(min_length=2)
    source_url: str
    date: dt.date
    translation_of: str | None = None
    note: str | None = None
    boilerplate: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    body: str = Field(min_length=1)
    path: str = ""

    @field_validator("source_url")
    @classmethod
    def _url(cls, value: str) -> str:
        return http_url(value)

    @field_validator("translation_of")
    @classmethod
    def _translation_needs_original(cls, value: str | None, info: ValidationInfo) -> str | None:
        if info.data.get("kind") == "translation" and not value:
            raise ValueError("a translation must name the id of its original")
        return value


def parse_document(text: str, path: Path) -> Document:
    """Parse one document file's text; raise ``DocumentError`` naming the file."""
    if not text.startswith(FRONT_MATTER_FENCE):
        raise DocumentError(f"{path}: missing front matter (the file must start with '---')")
    end = text.find(f"\n{FRONT_MATTER_FENCE}", len(FRONT_MATTER_FENCE))
    if end < 0:
        raise DocumentError(f"{path}: front matter is not closed by a '---' line")
    header = text[len(FRONT_MATTER_FENCE) : end]
    body = text[end + len(FRONT_MATTER_FENCE) + 1 :].removeprefix("\n")
    try:
        meta = yaml.safe_load(header) or {}
    except yaml.YAMLError as exc:
        raise DocumentError(f"{path}: front matter is not valid YAML: {exc}") from exc
    if not isinstance(meta, dict):
        raise DocumentError(f"{path}: front matter must be a mapping of fields")
    if "body" in meta or "path" in meta:
        raise DocumentError(f"{path}: 'body' and 'path' are not front-matter fields")
    if not body.strip():
        raise DocumentError(f"{path}: the document has no text after the front matter")
    try:
        return Document(**meta, body=body, path=str(path))
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'front matter'}: {err['msg']}" for err in exc.errors()
        )
        raise DocumentError(f"{path}: {problems}") from None


def read_document(path: Path) -> Document:
    """Read and validate one document file."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DocumentError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except OSError as exc:
        raise DocumentError(f"{path}: cannot be read: {exc.strerror}") from exc
    return parse_document(text, path)
