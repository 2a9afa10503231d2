"""Checksums of the index files: a damaged file is found before it is read, never used.

FAISS reads a file with a page of random bytes in it without complaint and
then ranks by the damaged vectors, so the bot would quote other passages with
nothing in any log (issue 15). The manifest therefore lists a SHA-256 of every
file of the index; ``open_index`` compares them before loading and rebuilds
on any difference, after deleting the damaged files so that the rebuild does
not reuse anything from them (stored vectors, the exported query model).
SHA-256 because hashlib has it built in and the threat is damage, not an attacker.

Hashing every file at every start cost 0.6 s of a 7 s start at 100,000
passages (~800 MB), so a file is hashed once per version of it on disk: after
a file matched its checksum, its stamp (size, inode, modification and change
times in nanoseconds) is remembered in ``INDEX-verified.json`` beside the index
folder (not in it: the artifact is immutable and every file in it is
checksummed), and a later start hashes only files whose stamp differs. Any
write to a file changes its change time (``st_ctime_ns``), which no ordinary
call can set back, so a flipped byte, a truncation or a copy is hashed again
and caught; what a stamp cannot see is damage below the file system (a disk
that flips bits without the kernel knowing), which ``load_index(verify=True)``
(a full hash: ``python -m bot index --verify``) is for. A build records the stamps of
the files it has just hashed, so the first start after it hashes nothing.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path

from index.manifest import MANIFEST_FILE

__all__ = ["damaged_files", "file_checksums", "record_verified", "verified_stamps_path"]

log = logging.getLogger(__name__)

_STAMPS_VERSION = 1


def _digest(path: Path) -> str:
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def _stamp(status: os.stat_result) -> str:
    return f"{status.st_size}:{status.st_ino}:{status.st_mtime_ns}:{status.st_ctime_ns}"


def verified_stamps_path(directory: Path) -> Path:
    """Where the stamps of the index in ``directory`` that matched their checksums are kept: beside it."""
    directory = Path(directory)
    return directory.with_name(f"{directory.name}-verified.json")


def _read_stamps(directory: Path) -> dict[str, list[str]]:
    """name -> [stamp, checksum] of files found intact before; anything unreadable counts as nothing."""
    try:
        stored = json.loads(verified_stamps_path(directory).read_text("utf-8"))
        if stored.get("version") != _STAMPS_VERSION or not isinstance(stored.get("files"), dict):
            return {}
        return {
            name: entry
            for name, entry in stored["files"].items()
            if isinstance(entry, list) and len(entry) == 2 and all(isinstance(x, str) for x in entry)
        }
    except (OSError, ValueError, AttributeError):
        return {}


def _write_stamps(directory: Path, stamps: dict[str, list[str]]) -> None:
    """Replace the stamps file atomically; a read-only deployment only loses the shortcut."""
    path = verified_stamps_path(directory)
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    try:
        partial.write_text(json.dumps({"version": _STAMPS_VERSION, "files": stamps}), "utf-8")
        partial.replace(path)
    except OSError as exc:
        log.warning("index stamps %s not written: %s", path, exc.strerror)
        partial.unlink(missing_ok=True)


def file_checksums(directory: Path) -> dict[str, str]:
    """SHA-256 of every file under ``directory`` but the manifest, by POSIX path relative to it."""
    return {
        path.relative_to(directory).as_posix(): _digest(path)
        for path in sorted(Path(directory).rglob("*"))
        if path.is_file() and path.name != MANIFEST_FILE
    }


def record_verified(directory: Path, checksums: dict[str, str]) -> None:
    """Remember the current stamps of files just hashed to ``checksums`` (a build's own files)."""
    stamps: dict[str, list[str]] = {}
    for name, checksum in checksums.items():
        try:
            stamps[name] = [_stamp((Path(directory) / name).stat()), checksum]
        except OSError:
            continue
    _write_stamps(directory, stamps)


def damaged_files(directory: Path, expected: dict[str, str], *, trust_stamps: bool = True) -> dict[str, str]:
    """The files of ``expected`` that are missing, unreadable or changed, each with what is wrong.

    A file whose stamp is the one remembered when it last matched this checksum
    is not read again unless ``trust_stamps`` is False (a full verification).
    """
    directory = Path(directory)
    known = _read_stamps(directory) if trust_stamps else {}
    verified: dict[str, list[str]] = {}
    damaged: dict[str, str] = {}
    for name, checksum in expected.items():
        path = directory / name
        try:
            stamp = _stamp(path.stat())
            if known.get(name) == [stamp, checksum]:
                verified[name] = [stamp, checksum]
                continue
            actual = _digest(path)
        except FileNotFoundError:
            damaged[name] = "missing"
            continue
        except OSError as exc:
            damaged[name] = f"unreadable ({exc.strerror})"
            continue
        if actual != checksum:
            damaged[name] = "checksum differs from the manifest"
        else:
            verified[name] = [stamp, checksum]
    if not damaged and verified != known:
        _write_stamps(directory, verified)
    return damaged
