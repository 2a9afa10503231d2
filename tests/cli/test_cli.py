"""``python -m bot`` as a user runs it: ask, ask --json (one and many), chat, index, and clear errors."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from config import PROJECT_ROOT

TOKEN = "123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0"


def run_bot(
    args: list[str], env: dict[str, str], stdin: str = "", timeout: float = 300
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        cwd=PROJECT_ROOT,
        timeout=timeout,
    )


@pytest.fixture(scope="module")
def index_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """An index folder of these tests' own, built once by the ``index`` command."""
    folder = tmp_path_factory.mktemp("cli")
    return {"BOT_INDEX_DIR": str(folder / "index"), "TELEGRAM_BOT_TOKEN": ""}


@pytest.fixture(scope="module")
def index_output(index_env: dict[str, str]) -> subprocess.CompletedProcess:
    return run_bot(["index"], index_env)


@pytest.fixture(scope="module")
def batch(index_env: dict[str, str], index_output) -> list[dict]:
    questions = [
        "What does Belarus think about the European Union?",
        "",
        "Who won the Champions League?",
        "Каковы отношения Беларуси с Китаем?",
        "<b>USA</b>",
    ]
    result = run_bot(["ask", "--json"], index_env, stdin="\n".join(questions) + "\n")
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_index_command_builds_and_reports_the_index(index_output, index_env):
    assert index_output.returncode == 0, index_output.stderr
    assert "passages" in index_output.stdout and "all-MiniLM-L6-v2" in index_output.stdout
    assert (Path(index_env["BOT_INDEX_DIR"]) / "manifest.json").is_file()


def test_ask_json_reads_one_question_per_line(batch: list[dict]):
    assert len(batch) == 5
    for record in batch:
        assert set(record) >= {"question", "answered", "lang", "reply", "passages"}


def test_ask_json_answer_has_passages_with_source_and_score(batch: list[dict]):
    first = batch[0]
    assert first["answered"] is True and first["lang"] == "en"
    passage = first["passages"][0]
    assert "European Union" in passage["text"]
    assert passage["source"].startswith("https://mfa.gov.by/") and passage["title"]
    assert isinstance(passage["score"], float)
    assert passage["text"] in first["reply"].replace("*", "")


def test_ask_json_declines_honestly(batch: list[dict]):
    assert batch[1]["answered"] is False and batch[1]["reason"] == "empty"
    assert batch[2]["answered"] is False and "does not cover" in batch[2]["reply"]


def test_ask_json_answers_in_the_question_language(batch: list[dict]):
    assert batch[3]["lang"] == "ru" and batch[3]["answered"]
    assert "Китайской Народной Республикой" in batch[3]["passages"][0]["text"]
    assert batch[4]["answered"] and "United Stated of America" in batch[4]["passages"][0]["text"]


def test_plain_ask_prints_the_same_reply_as_json(index_env, batch):
    result = run_bot(["ask", batch[0]["question"]], index_env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == batch[0]["reply"].strip()


def test_console_chat_answers_until_quit(index_env):
    result = run_bot(["chat"], index_env, stdin="Is Belarus in the CSTO?\n/topics\n/quit\nnever read\n")
    assert result.returncode == 0, result.stderr
    assert "Collective Security Treaty Organization" in result.stdout
    assert "Multilateral diplomacy" in result.stdout


def test_no_command_without_token_starts_the_console(index_env):
    result = run_bot([], index_env, stdin="")
    assert result.returncode == 0, result.stderr
    assert "Ask about" in result.stdout


def test_malformed_corpus_stops_with_the_file_named(tmp_path: Path, index_env):
    corpus = tmp_path / "corpus"
    shutil.copytree(PROJECT_ROOT / "corpus" / "documents", corpus / "documents")
    (corpus / "documents" / "broken.md").write_text("---\ntitle: [unclosed\n---\nText.\n", "utf-8")
    result = run_bot(["ask", "EU?"], {**index_env, "BOT_CORPUS_DIR": str(corpus)})
    assert result.returncode == 2
    assert "broken.md" in result.stderr and "Traceback" not in result.stderr


def test_bad_settings_stop_with_a_clear_message_and_no_secret(index_env):
    result = run_bot(["ask", "EU?"], {**index_env, "TELEGRAM_BOT_TOKEN": "123456789:secret-but-malformed"})
    assert result.returncode == 2
    assert "TELEGRAM_BOT_TOKEN is malformed" in result.stderr
    assert "secret-but-malformed" not in result.stderr + result.stdout
