"""The quotable unit: a passage of whole sentences with everything needed to cite it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

# Passage.kind of a passage made from a mission record (documents say "official" or "translation").
RECORD_KIND = "record"


@dataclass(frozen=True)
class Passage:
    """A paragraph or a few whole sentences of one document, ready to be quoted.

    ``family`` is the id of the original document (a translation shares its
    original's family), so retrieval can prefer the asker's language and fall
    back to the original. ``position`` is the passage's order in its document,
    which is also how a translated passage finds its original.
    """

    id: str
    doc_id: str
    family: str
    position: int
    text: str
    sentences: tuple[str, ...]
    title: str
    section: str | None
    language: str
    kind: str
    source_name: str
    source_url: str
    date: str
    mission_id: str | None = None

    @property
    def is_record(self) -> bool:
        return self.kind == RECORD_KIND

    @property
    def is_translation(self) -> bool:
        return self.kind == "translation"

    @property
    def content_hash(self) -> str:
        """Hash of everything that changes what the passage says or cites."""
        payload = "\x1f".join(
            [
                self.id,
                self.text,
                self.title,
                self.section or "",
                self.language,
                self.kind,
                self.source_name,
                self.source_url,
                self.date,
                self.family,
                self.mission_id or "",
            ]
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    def to_dict(self) -> dict[str, object]:
        # Not ``dataclasses.asdict``: its deep copy of every field took 11 s of a
        # one-page update at 100,000 passages (the document cache writes them all).
        data = dict(vars(self))
        data["sentences"] = list(self.sentences)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Passage:
        return cls(**{**data, "sentences": tuple(data["sentences"])})
