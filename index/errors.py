"""Errors of the index package."""


class IndexError_(Exception):
    """Base of all index errors."""


class ModelLoadError(IndexError_):
    """The embedding model could not be loaded (wrong name or path, no weights offline)."""


class IndexUnreadableError(IndexError_):
    """The stored index is missing files or its files cannot be read."""


class IndexDamagedError(IndexUnreadableError):
    """Files of the stored index differ from the checksums in its manifest (or are missing)."""

    def __init__(self, directory: object, files: dict[str, str]) -> None:
        self.files = sorted(files)
        listed = "; ".join(f"{name}: {problem}" for name, problem in sorted(files.items()))
        super().__init__(f"{directory}: damaged index files ({listed})")
