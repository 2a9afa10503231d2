"""The image's torch-free install changes the material and answers from the change.

The Docker image uninstalls torch, transformers and sentence-transformers. No
container engine runs on this machine, so these tests run the real CLI in a
subprocess where importing those packages fails as if they were not installed
(a ``sitecustomize`` on ``PYTHONPATH`` puts a finder first on ``sys.meta_path``
that raises ``ModuleNotFoundError`` for them). The index folder starts with
only the ONNX export of the model, which is what the image's build stage leaves
there; everything else is embedded by ``OnnxPassageEncoder``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.answering import Engine
from config.settings import PROJECT_ROOT
from index import QUERY_MODEL_DIR
from tests.cli.test_cli_curation import GAP, PASSAGE
from tests.curation_fixtures import copy_material
from tests.ingest_fixtures import PDF_LAST, make_pdf
from tests.sample_log import SAMPLE_SALT

UNINSTALLED = ("torch", "transformers", "sentence_transformers")
ONNX_CHOSEN = "embedding passages with onnxruntime: sentence-transformers is not installed"
BLOCKER = f'''"""Make {", ".join(UNINSTALLED)} unimportable, as in the image."""
import sys

UNINSTALLED = {UNINSTALLED!r}


class _Uninstalled:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in UNINSTALLED:
            raise ModuleNotFoundError(f"No module named {{name!r}} (not in the image)", name=name)
        return None


sys.meta_path.insert(0, _Uninstalled())
'''
PDF_URL = "https://mfa.gov.by/en/consular/legalisation.pdf"
PDF_QUESTION = "Which documents are not legalised?"


def run_torch_free(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        cwd=PROJECT_ROOT,
        timeout=600,
    )


@pytest.fixture(scope="module")
def built(
    tmp_path_factory: pytest.TempPathFactory, engine: Engine
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """A material copy indexed without torch, from an index folder holding only the ONNX export."""
    root = tmp_path_factory.mktemp("torch-free")
    (root / "blocker").mkdir()
    (root / "blocker" / "sitecustomize.py").write_text(BLOCKER, encoding="utf-8")
    copy_material(root / "corpus")
    shutil.copytree(engine.options.index_dir / QUERY_MODEL_DIR, root / "index" / QUERY_MODEL_DIR)
    return root, run_torch_free(["index"], _env(root))


def _env(root: Path) -> dict[str, str]:
    return {
        "PYTHONPATH": os.pathsep.join([str(root / "blocker"), str(PROJECT_ROOT)]),
        "BOT_CORPUS_DIR": str(root / "corpus"),
        "BOT_INDEX_DIR": str(root / "index"),
        "BOT_DB_PATH": str(root / "questions.sqlite3"),
        "BOT_USER_HASH_SALT": SAMPLE_SALT,
        "BOT_LOG_LEVEL": "INFO",
        "TELEGRAM_BOT_TOKEN": "",
        "HF_HUB_OFFLINE": "1",
    }


@pytest.fixture
def torch_free_env(built: tuple[Path, subprocess.CompletedProcess[str]], tmp_path: Path) -> dict[str, str]:
    """This test's own copy of the torch-free material and index."""
    root, indexed = built
    assert indexed.returncode == 0, indexed.stderr
    (tmp_path / "blocker").mkdir()
    shutil.copy(root / "blocker" / "sitecustomize.py", tmp_path / "blocker")
    shutil.copytree(root / "corpus", tmp_path / "corpus")
    shutil.copytree(root / "index", tmp_path / "index")
    return _env(tmp_path)


def ask(env: dict[str, str], question: str) -> dict[str, object]:
    result = run_torch_free(["ask", "--json", question], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_blocker_makes_torch_and_sentence_transformers_unimportable(
    built: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    root, _ = built
    probe = subprocess.run(
        [sys.executable, "-c", "import sentence_transformers"],
        capture_output=True,
        text=True,
        env={**os.environ, **_env(root)},
        timeout=60,
    )
    assert probe.returncode == 1 and "not in the image" in probe.stderr


def test_index_builds_without_torch_from_the_onnx_export_alone(
    built: tuple[Path, subprocess.CompletedProcess[str]], engine: Engine
) -> None:
    _, indexed = built
    assert indexed.returncode == 0, indexed.stderr
    assert ONNX_CHOSEN in indexed.stderr
    vectors = engine.searcher.index.manifest.vector_count
    assert f"{engine.searcher.index.manifest.passage_count} passages, {vectors} vectors" in indexed.stdout


def test_add_then_ask_without_torch_quotes_the_added_document(
    torch_free_env: dict[str, str], tmp_path: Path
) -> None:
    assert PDF_LAST not in json.dumps(ask(torch_free_env, PDF_QUESTION), ensure_ascii=False)
    added = run_torch_free(
        ["add", str(make_pdf(tmp_path / "legalisation.pdf")), "--url", PDF_URL], torch_free_env
    )
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith("added: ") and ONNX_CHOSEN in added.stderr
    answer = ask(torch_free_env, PDF_QUESTION)
    assert answer["answered"] is True
    quoted = answer["passages"][0]  # type: ignore[index]
    assert PDF_LAST in quoted["text"] and quoted["source"] == PDF_URL


def test_teach_then_ask_without_torch_answers_from_the_edited_bank(torch_free_env: dict[str, str]) -> None:
    assert ask(torch_free_env, GAP)["answered"] is False
    taught = run_torch_free(["teach", GAP, "--passage", PASSAGE], torch_free_env)
    assert taught.returncode == 0, taught.stderr
    answer = ask(torch_free_env, GAP)
    assert answer["answered"] is True
    assert answer["passages"][0]["id"] == PASSAGE  # type: ignore[index]
