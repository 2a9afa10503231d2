"""The manifest that says which corpus and model an index was built from."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from index.errors import IndexUnreadableError

# 7: a third part, the question bank; 8: checksums of every file (``files``);
# 9: each passage's analysed terms (``lexical/doc_terms_*``) and ``lexical_keys.json``;
# 10: passages column by column (``passage_*``, not ``passages.jsonl``) and ``words.json``
SCHEMA_VERSION = 10
MANIFEST_FILE = "manifest.json"


@dataclass(frozen=True)
class IndexManifest:
    """What made an index: compared with the current corpus and model at start."""

    schema_version: int
    model_name: str
    dimension: int
    corpus_hash: str
    analyzer_version: str
    passage_count: int
    vector_count: int
    built_at: str
    build_seconds: float
    files: dict[str, str] = field(default_factory=dict)  # relative path -> SHA-256 (index.integrity)

    def save(self, directory: Path) -> None:
        (directory / MANIFEST_FILE).write_text(json.dumps(asdict(self), indent=2) + "\n", "utf-8")

    @classmethod
    def load(cls, directory: Path) -> IndexManifest:
        path = directory / MANIFEST_FILE
        try:
            return cls(**json.loads(path.read_text("utf-8")))
        except FileNotFoundError as exc:
            raise IndexUnreadableError(f"{directory}: no index here (missing {MANIFEST_FILE})") from exc
        except (OSError, ValueError, TypeError) as exc:
            raise IndexUnreadableError(f"{path}: unreadable manifest ({exc})") from exc

    def staleness(self, corpus_hash: str, model_name: str, analyzer_version: str) -> str | None:
        """Why this index does not fit the given corpus and model, or None when it does."""
        if self.schema_version != SCHEMA_VERSION:
            return f"index schema {self.schema_version} is not the current {SCHEMA_VERSION}"
        if self.model_name != model_name:
            return f"built with model '{self.model_name}', configured model is '{model_name}'"
        if self.analyzer_version != analyzer_version:
            return "the lexical analyzer changed since the index was built"
        if self.corpus_hash != corpus_hash:
            return "the corpus changed since the index was built"
        return None
