"""``python -m bot teach / unanswered / history / undo / stats --chart`` as an operator runs them.

Every test works on its own copy of the material and an index copied from the
session's, so ``ask`` after ``teach`` re-embeds only the new bank question.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bot.pressdesk import Action, CurationStore
from bot.storage import open_store
from tests.cli.test_cli import run_bot
from tests.curation_fixtures import copy_material, snapshot
from tests.sample_log import SAMPLE_SALT, fill

GAP = "Is Belarus part of the Non-Aligned Movement?"
PASSAGE = "policy-priorities#5"


@pytest.fixture
def cli_env(tmp_path: Path, engine: object) -> dict[str, str]:
    """Settings for a CLI run over a material copy, its own index copy and question log."""
    corpus_dir = copy_material(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    shutil.copytree(engine.options.index_dir, index_dir)  # type: ignore[attr-defined]
    return {
        "BOT_CORPUS_DIR": str(corpus_dir),
        "BOT_INDEX_DIR": str(index_dir),
        "BOT_DB_PATH": str(tmp_path / "questions.sqlite3"),
        "BOT_USER_HASH_SALT": SAMPLE_SALT,
        "TELEGRAM_BOT_TOKEN": "",
    }


def ask(env: dict[str, str], question: str) -> dict[str, object]:
    result = run_bot(["ask", "--json", question], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_teach_with_an_unknown_passage_exits_non_zero_and_changes_no_file(cli_env: dict[str, str]) -> None:
    corpus_dir = Path(cli_env["BOT_CORPUS_DIR"])
    before = snapshot(corpus_dir)
    result = run_bot(["teach", GAP, "--passage", "policy-priorities#99"], cli_env)
    assert result.returncode == 1
    assert "unknown passage id 'policy-priorities#99'" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(corpus_dir) == before


def test_teach_with_an_unknown_topic_names_the_known_ones(cli_env: dict[str, str]) -> None:
    result = run_bot(["teach", GAP, "--out-of-scope", "weather"], cli_env)
    assert result.returncode == 1 and "known: consular" in result.stderr


def test_teach_then_ask_answers_with_the_chosen_passage_and_undo_declines_it_again(
    cli_env: dict[str, str],
) -> None:
    assert ask(cli_env, GAP)["answered"] is False
    taught = run_bot(["teach", GAP, "--passage", PASSAGE], cli_env)
    assert taught.returncode == 0, taught.stderr
    assert taught.stdout.startswith(f"change #1: 1 question(s) (en) added to the bank of passage {PASSAGE}")
    answer = ask(cli_env, GAP)
    assert answer["answered"] is True
    assert answer["passages"][0]["id"] == PASSAGE  # type: ignore[index]  # needs the engine to use the bank
    history = run_bot(["history"], cli_env)
    assert "#1 " in history.stdout and "command line, passage" in history.stdout
    undone = run_bot(["undo"], cli_env)
    assert undone.returncode == 0 and undone.stdout.startswith("change #2: undid change #1")
    assert ask(cli_env, GAP)["answered"] is False
    assert run_bot(["undo"], cli_env).returncode == 1  # nothing left to undo


def test_stats_chart_writes_a_png_of_a_few_hundred_questions(cli_env: dict[str, str], tmp_path: Path) -> None:
    fill(Path(cli_env["BOT_DB_PATH"]), questions=400, days=14, seed=13)
    chart = tmp_path / "chart.png"
    result = run_bot(["stats", "--chart", str(chart), "--days", "14"], cli_env)
    assert result.returncode == 0, result.stderr
    assert "400 questions" in result.stdout and "By language: en" in result.stdout
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and chart.stat().st_size > 20_000


def test_unanswered_lists_groups_with_candidate_passage_ids(cli_env: dict[str, str]) -> None:
    fill(Path(cli_env["BOT_DB_PATH"]), questions=60, days=3, seed=5)
    result = run_bot(["unanswered", "--limit", "3"], cli_env)
    assert result.returncode == 0, result.stderr
    assert "1. " in result.stdout and "candidate policy-priorities" in result.stdout


def test_teach_and_undo_on_postgres_record_in_the_database_the_replicas_share(
    cli_env: dict[str, str], postgres_url: str
) -> None:
    env = {**cli_env, "BOT_DATABASE_URL": postgres_url}
    taught = run_bot(["teach", GAP, "--passage", PASSAGE, "--lang", "en"], env)
    assert taught.returncode == 0, taught.stderr
    database = open_store(postgres_url)
    try:
        [change] = CurationStore(database, SAMPLE_SALT).changes()
        assert change.action is Action.PASSAGE and change.admin_hash is None  # the command line
        assert run_bot(["undo"], env).returncode == 0
        assert [c.action for c in CurationStore(database, SAMPLE_SALT).changes()] == [
            Action.UNDO,
            Action.PASSAGE,
        ]
    finally:
        database.close()
    assert not Path(cli_env["BOT_DB_PATH"]).exists()  # nothing went to the local file
