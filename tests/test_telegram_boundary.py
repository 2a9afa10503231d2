"""Only the Telegram adapter (``bot/telegram/``) imports python-telegram-bot."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from config import PROJECT_ROOT

CORE_PACKAGES = ("bot", "index", "corpus", "config")
CORE_MODULES = sorted(
    path.relative_to(PROJECT_ROOT)
    for package in CORE_PACKAGES
    for path in (PROJECT_ROOT / package).rglob("*.py")
    if path.relative_to(PROJECT_ROOT).parts[:2] != ("bot", "telegram")
)


def imported_modules(source: str) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
    return modules


@pytest.mark.parametrize("module", CORE_MODULES, ids=str)
def test_core_module_does_not_import_telegram(module: Path) -> None:
    imported = imported_modules((PROJECT_ROOT / module).read_text(encoding="utf-8"))
    assert not {m for m in imported if m == "telegram" or m.startswith("telegram.")}


def test_the_check_sees_a_telegram_import() -> None:
    assert imported_modules("from telegram.ext import Application\nimport os") == {"telegram.ext", "os"}


# Dependencies run one way: config <- corpus <- index <- bot.
FORBIDDEN = {"config": ("corpus", "index", "bot"), "corpus": ("index", "bot"), "index": ("bot",)}
LAYERED_MODULES = sorted(
    path.relative_to(PROJECT_ROOT) for package in FORBIDDEN for path in (PROJECT_ROOT / package).rglob("*.py")
)


@pytest.mark.parametrize("module", LAYERED_MODULES, ids=str)
def test_lower_layers_never_import_higher_ones(module: Path):
    package = module.parts[0]
    imported = imported_modules((PROJECT_ROOT / module).read_text("utf-8"))
    upward = {name for name in imported if name.split(".")[0] in FORBIDDEN[package]}
    assert not upward, f"{module} imports {sorted(upward)}"


# The one seam per heavy dependency.
SEAMS = {"sentence_transformers": "index/encoder.py", "faiss": "index/dense.py", "bm25s": "index/lexical.py"}


@pytest.mark.parametrize("library", sorted(SEAMS))
def test_each_heavy_library_is_imported_by_one_module_only(library: str):
    importers = [
        str(path.relative_to(PROJECT_ROOT))
        for package in CORE_PACKAGES
        for path in (PROJECT_ROOT / package).rglob("*.py")
        if any(name.split(".")[0] == library for name in imported_modules(path.read_text("utf-8")))
    ]
    assert importers == [SEAMS[library]]
