"""Checksums of the index files: a damaged file is found before it is read, never used.

FAISS reads a file with a page of random bytes in it without complaint and
then ranks by the damaged vectors, so the bot would quote other passages with
nothing in any log (issue 15). The manifest therefore lists a SHA-256 of every
file of the index; ``open_index`` compares them before loading and rebuilds
on any difference, after deleting the damaged files so that the rebuild does
not reuse anything from them (stored vectors, the exported query model).
SHA-256 because hashlib has it built in and it reads ~90 MB (the ONNX query
model included) in well under a second; the threat is damage, not an attacker.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from index.manifest import MANIFEST_FILE

__all__ = ["damaged_files", "file_checksums"]


def _digest(path: Path) -> str:
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def file_checksums(directory: Path) -> dict[str, str]:
    """SHA-256 of every file under ``directory`` but the manifest, by POSIX path relative to it."""
    return {
        path.relative_to(directory).as_posix(): _digest(path)
        for path in sorted(Path(directory).rglob("*"))
        if path.is_file() and path.name != MANIFEST_FILE
    }


def damaged_files(directory: Path, expected: dict[str, str]) -> dict[str, str]:
    """The files of ``expected`` that are missing, unreadable or changed, each with what is wrong."""
    damaged: dict[str, str] = {}
    for name, checksum in expected.items():
        path = Path(directory) / name
        try:
            actual = _digest(path)
        except FileNotFoundError:
            damaged[name] = "missing"
            continue
        except OSError as exc:
            damaged[name] = f"unreadable ({exc.strerror})"
            continue
        if actual != checksum:
            damaged[name] = "checksum differs from the manifest"
    return damaged
