"""Known out-of-scope topics: what people ask that the material does not cover, and where to turn.

A declined question still gets somewhere to go (like GOV.UK Chat's routing
labels): visas and passports go to the consular pages and the nearest mission;
sanctions, NATO, elections, named officials or history get "the official
material I quote does not cover this" and where the ministry publishes on it;
a greeting gets a short how-to-ask. The topics are data
(``corpus/topics/*.yaml``), validated before anything is indexed, and part of
the corpus hash.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from corpus.errors import TopicError
from corpus.yaml_text import safe_load

__all__ = ["Topic", "TopicReply", "load_topics", "parse_topics"]

TOPIC_LANGUAGES = ("en", "ru", "be")
TopicReply = Literal["consular", "uncovered", "greeting"]


@dataclass(frozen=True)
class Topic:
    """One out-of-scope topic: its reply, its name per language, its pointer and trigger phrases."""

    id: str
    reply: TopicReply
    label: dict[str, str]
    pointer: str
    triggers: dict[str, tuple[str, ...]]
    whole: bool = False  # the question must consist of trigger words (greetings)
    aside: bool = False  # gives way when the question also names a subject the material covers

    @property
    def content_hash(self) -> str:
        payload = json.dumps(
            [self.id, self.reply, self.label, self.pointer, self.triggers, self.whole, self.aside],
            ensure_ascii=False,
            sort_keys=True,
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class _TopicModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1, pattern=r"^[a-z0-9_]+$")
    reply: TopicReply
    label: dict[str, str]
    pointer: str
    whole: bool = False
    aside: bool = False
    triggers: dict[str, list[str | int]]

    @field_validator("pointer")
    @classmethod
    def _url(cls, value: str) -> str:
        if not value.startswith("https://"):
            raise ValueError("must be an https URL of the ministry's site")
        return value

    @field_validator("label", "triggers")
    @classmethod
    def _all_languages(cls, value: dict) -> dict:  # type: ignore[type-arg]
        missing = [lang for lang in TOPIC_LANGUAGES if not value.get(lang)]
        if missing:
            raise ValueError(f"needs an entry for every language; missing {', '.join(missing)}")
        unknown = sorted(set(value) - set(TOPIC_LANGUAGES))
        if unknown:
            raise ValueError(f"unknown language {unknown[0]!r}")
        return value


def parse_topics(text: str, path: Path) -> list[Topic]:
    """Parse one topics file; raise ``TopicError`` naming the file, the topic and the field."""
    try:
        data = safe_load(text)
    except yaml.YAMLError as exc:
        raise TopicError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("topics"), list):
        raise TopicError(f"{path}: must be a mapping with a 'topics' list")
    topics: list[Topic] = []
    for number, raw in enumerate(data["topics"], 1):
        name = raw.get("id", "?") if isinstance(raw, dict) else "?"
        try:
            model = _TopicModel.model_validate(raw)
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(part) for part in first["loc"]) or "topic"
            raise TopicError(
                f"{path}: topic {number} ({name}): {field}: {first['msg'].removeprefix('Value error, ')}"
            ) from None
        triggers = {lang: tuple(str(t) for t in words) for lang, words in model.triggers.items()}
        topics.append(
            Topic(model.id, model.reply, dict(model.label), model.pointer, triggers, model.whole, model.aside)
        )
    return topics


def load_topics(directory: Path) -> tuple[Topic, ...]:
    """Read every ``*.yaml`` topics file of ``directory`` (none is fine); ids must be unique."""
    if not directory.is_dir():
        return ()
    topics: list[Topic] = []
    for path in sorted(directory.glob("*.yaml")):
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise TopicError(f"{path}: cannot be read: {exc}") from exc
        topics.extend(parse_topics(text, path))
    seen: set[str] = set()
    for topic in topics:
        if topic.id in seen:
            raise TopicError(f"{directory}: topic id '{topic.id}' is used twice")
        seen.add(topic.id)
    return tuple(topics)
