"""The shape of the house, checked: layers, which package may import which, surfaces, seams.

- Dependencies run one way: ``config`` <- ``corpus`` <- ``index`` <- ``bot``.
- Inside ``bot`` the core (``answering``, ``rendering``) never imports storage,
  the press desk or an adapter; only ``bot/telegram`` imports ``telegram``;
  nothing but ``bot/cli`` reaches the development tools.
- Outside a package, code imports from the package (its ``__init__``), never
  from one of its modules; each package's ``__all__`` is exactly its public names.
- Each heavy library is imported by one module only (its seam).
- Nothing outside ``bot/storage`` knows a SQL dialect: no database driver, no SQL text.

Every import counts, including the lazy ones inside functions and those under
``TYPE_CHECKING``: a dependency is a dependency.
"""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

from config import PROJECT_ROOT

TOP_LEVEL = ("config", "corpus", "index", "bot")
PACKAGES = (
    "bot.answering",
    "bot.cli",
    "bot.devtools",
    "bot.i18n",
    "bot.missions",
    "bot.pressdesk",
    "bot.rendering",
    "bot.storage",
    "bot.telegram",
    "config",
    "corpus",
    "corpus.ingest",
    "index",
)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PROJECT_ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


SOURCE = {module_name(path): path for top in TOP_LEVEL for path in sorted((PROJECT_ROOT / top).rglob("*.py"))}


def imports_of(source: str) -> list[tuple[str, tuple[str, ...]]]:
    """Every absolute import in ``source``: (module, names imported from it); ``import x`` gives ()."""
    found: list[tuple[str, tuple[str, ...]]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend((alias.name, ()) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, tuple(alias.name for alias in node.names)))
    return found


def imported_modules(source: str) -> set[str]:
    return {module for module, _ in imports_of(source)}


def package_of(module: str) -> str | None:
    """The package of ``PACKAGES`` that ``module`` belongs to (the longest match)."""
    owners = [p for p in PACKAGES if module == p or module.startswith(p + ".")]
    return max(owners, key=len) if owners else None


def within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


# --- layers -------------------------------------------------------------------------------------------

LOWER_LAYERS_MUST_NOT_IMPORT = {
    "config": ("corpus", "index", "bot"),
    "corpus": ("index", "bot"),
    "index": ("bot",),
}


@pytest.mark.parametrize(
    "module", [m for m in SOURCE if m.split(".")[0] in LOWER_LAYERS_MUST_NOT_IMPORT], ids=str
)
def test_lower_layers_never_import_higher_ones(module: str) -> None:
    forbidden = LOWER_LAYERS_MUST_NOT_IMPORT[module.split(".")[0]]
    upward = {
        name
        for name in imported_modules(SOURCE[module].read_text("utf-8"))
        if name.split(".")[0] in forbidden
    }
    assert not upward, f"{module} imports {sorted(upward)}"


@pytest.mark.parametrize("module", [m for m in SOURCE if not within(m, "bot.telegram")], ids=str)
def test_only_the_telegram_adapter_imports_telegram(module: str) -> None:
    imported = imported_modules(SOURCE[module].read_text("utf-8"))
    assert not {m for m in imported if within(m, "telegram")}


# --- packages inside bot ------------------------------------------------------------------------------

BOT_PACKAGES = tuple(p for p in PACKAGES if p.startswith("bot."))
# What each package of bot/ must not import (besides itself).
MUST_NOT_IMPORT = {
    "bot.answering": (
        "bot.rendering",
        "bot.storage",
        "bot.pressdesk",
        "bot.cli",
        "bot.telegram",
        "bot.devtools",
        "bot.wiring",
    ),
    "bot.rendering": (
        "bot.storage",
        "bot.pressdesk",
        "bot.cli",
        "bot.telegram",
        "bot.devtools",
        "bot.wiring",
    ),
    "bot.pressdesk": (
        "bot.rendering",
        "bot.missions",
        "bot.cli",
        "bot.telegram",
        "bot.devtools",
        "bot.wiring",
    ),
    "bot.storage": (
        "bot.answering",
        "bot.rendering",
        "bot.pressdesk",
        "bot.missions",
        "bot.cli",
        "bot.telegram",
    ),
    "bot.missions": (
        "bot.answering",
        "bot.rendering",
        "bot.storage",
        "bot.pressdesk",
        "bot.cli",
        "bot.telegram",
    ),
    "bot.curation": (  # the press desk's fixes: the core and the press desk's records, no adapter
        "bot.rendering",
        "bot.storage",
        "bot.missions",
        "bot.cli",
        "bot.telegram",
        "bot.devtools",
        "bot.wiring",
    ),
    "bot.i18n": tuple(p for p in BOT_PACKAGES if p != "bot.i18n"),
    "bot.telegram": ("bot.cli", "bot.devtools"),
    "bot.devtools": ("bot.cli", "bot.telegram", "bot.storage", "bot.pressdesk"),
}
# Where a package may use only the records of another (names, not the whole package).
RECORDS_ONLY = {
    ("bot.rendering", "bot.answering"): {"Answer", "QuotedPassage", "Reason"},
    ("bot.pressdesk", "bot.answering"): {"Answer", "QuotedPassage", "Reason"},
}


def bot_imports() -> list[tuple[str, str, tuple[str, ...]]]:
    return [
        (module, imported, names)
        for module, path in SOURCE.items()
        if module.startswith("bot.")
        for imported, names in imports_of(path.read_text("utf-8"))
    ]


@pytest.mark.parametrize("package", sorted(MUST_NOT_IMPORT))
def test_each_bot_package_imports_only_what_it_may(package: str) -> None:
    wrong = sorted(
        f"{module} imports {imported}"
        for module, imported, _ in bot_imports()
        if within(module, package)
        and any(within(imported, other) for other in MUST_NOT_IMPORT[package] if other != package)
    )
    assert not wrong


@pytest.mark.parametrize(("importer", "package"), sorted(RECORDS_ONLY))
def test_records_only_packages_use_only_the_records(importer: str, package: str) -> None:
    allowed = RECORDS_ONLY[(importer, package)]
    wrong = sorted(
        f"{module} imports {sorted(set(names) - allowed)} from {imported}"
        for module, imported, names in bot_imports()
        if within(module, importer) and within(imported, package) and set(names) - allowed
    )
    assert not wrong


def test_nothing_but_the_cli_imports_the_development_tools() -> None:
    importers = sorted(
        {
            module
            for module, imported, _ in bot_imports()
            if within(imported, "bot.devtools") and not within(module, "bot.devtools")
        }
    )
    assert importers == ["bot.cli"]


# --- public surfaces ----------------------------------------------------------------------------------


@pytest.mark.parametrize("module", sorted(SOURCE), ids=str)
def test_other_packages_are_imported_through_their_init(module: str) -> None:
    mine = package_of(module)
    bypassing = sorted(
        imported
        for imported, _ in imports_of(SOURCE[module].read_text("utf-8"))
        if (owner := package_of(imported)) is not None and owner != mine and imported != owner
    )
    assert not bypassing, f"{module} reaches into {bypassing}; import from the package instead"


def public_names(package: str) -> set[str]:
    """Names a package offers: defined in its ``__init__`` or imported there from its own modules.

    Names it imports from elsewhere (``Path``, ``Settings``) are used, not offered;
    ``if TYPE_CHECKING:`` imports count (a lazy surface declares its names there).
    """
    tree = ast.parse(SOURCE[package].read_text("utf-8"))
    statements = list(tree.body)
    statements += [inner for node in tree.body if isinstance(node, ast.If) for inner in node.body]
    names: set[str] = set()
    for node in statements:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(t.id for t in targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.ImportFrom) and node.module and within(node.module, package):
            names.update(alias.asname or alias.name for alias in node.names)
    return {name for name in names if not name.startswith("_")}


@pytest.mark.parametrize("package", PACKAGES)
def test_all_is_exactly_the_public_names(package: str) -> None:
    module = importlib.import_module(package)
    assert sorted(module.__all__) == sorted(set(module.__all__)), "__all__ lists a name twice"
    assert set(module.__all__) == public_names(package)


@pytest.mark.parametrize("package", PACKAGES)
def test_every_name_in_all_is_importable(package: str) -> None:
    module = importlib.import_module(package)
    missing = [name for name in module.__all__ if not hasattr(module, name)]
    assert not missing


# --- one seam per heavy library -----------------------------------------------------------------------

SEAMS = {
    "sentence_transformers": "index.encoder",
    "torch": "index.encoder",
    "faiss": "index.dense",
    "bm25s": "index.lexical",
    "onnxruntime": "index.query_model",
    "tokenizers": "index.query_model",
    # Two jobs, two layers: questions among the served languages (bot), whole documents
    # among their neighbours too, to refuse an unserved one (corpus.ingest, below bot).
    "lingua": ("bot.answering.language", "corpus.ingest.language"),
    "rapidfuzz": "bot.fuzzy",
    "pycountry": "corpus.countries",
    "cyrtranslit": "index.transliteration",
    "pymorphy3": "index.russian_morphology",
    "symspellpy": "index.spelling",
    "countryinfo": "bot.missions.geography",
    "psycopg": "bot.storage.postgres_store",
    "psycopg_pool": "bot.storage.postgres_store",
    "prometheus_client": "bot.telegram.metrics",
}


@pytest.mark.parametrize("library", sorted(SEAMS))
def test_each_heavy_library_is_imported_by_one_module_only(library: str) -> None:
    importers = [
        module
        for module, path in SOURCE.items()
        if any(name.split(".")[0] == library for name in imported_modules(path.read_text("utf-8")))
    ]
    seams = SEAMS[library]
    assert sorted(importers) == sorted([seams] if isinstance(seams, str) else seams)


# --- SQL stays in the storage ---------------------------------------------------------------------------

DATABASE_DRIVERS = ("sqlite3", "psycopg", "psycopg_pool")
SQL_TEXT = re.compile(
    r"^\s*(SELECT\s|INSERT\s+INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s|CREATE\s+(TABLE|INDEX)\s|PRAGMA\s|BEGIN\b)",
)  # upper case, as every statement of the house is written; prose ("Select a passage") passes


def sql_literals(source: str) -> list[str]:
    """String constants in ``source`` that begin like a SQL statement."""
    return [
        node.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL_TEXT.match(node.value)
    ]


OUTSIDE_STORAGE = [m for m in SOURCE if not within(m, "bot.storage")]


@pytest.mark.parametrize("module", OUTSIDE_STORAGE, ids=str)
def test_only_the_storage_imports_a_database_driver(module: str) -> None:
    imported = imported_modules(SOURCE[module].read_text("utf-8"))
    assert not {m for m in imported if m.split(".")[0] in DATABASE_DRIVERS}


@pytest.mark.parametrize("module", OUTSIDE_STORAGE, ids=str)
def test_no_sql_is_written_outside_the_storage(module: str) -> None:
    assert sql_literals(SOURCE[module].read_text("utf-8")) == []


def test_the_sql_check_sees_statements_and_passes_prose() -> None:
    source = 'a = "SELECT 1"\nb = "DELETE FROM t WHERE x = ?"\nc = "Select a passage to answer with"\n'
    assert sql_literals(source) == ["SELECT 1", "DELETE FROM t WHERE x = ?"]


# --- the checks see what they should ------------------------------------------------------------------


def test_the_check_sees_imports_inside_functions_and_type_checking_blocks() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from bot.pressdesk.log import QuestionLog\n"
        "def f():\n    import telegram.ext\n"
    )
    assert imported_modules(source) == {"typing", "bot.pressdesk.log", "telegram.ext"}


def test_a_submodule_import_from_outside_is_seen_as_bypassing_the_surface() -> None:
    assert package_of("bot.pressdesk.log") == "bot.pressdesk"
    assert package_of("bot.pressdesk") == "bot.pressdesk"
    assert package_of("bot.wiring") is None
