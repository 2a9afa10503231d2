"""The one entry point, ``python -m bot``: ask, chat, index, run, eval, calibrate, bench, missions.

With no command it starts the Telegram bot when a token is configured and the
console chat otherwise, so the README's single run command does the right thing.
Errors in settings, corpus or index become one clear line and exit code 2;
tracebacks are for bugs only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from bot.answering import Engine
from bot.cli import curation as _press_desk
from bot.cli.ingest import add_parsers as _ingest_parsers
from bot.cli.logs import configure_logging
from bot.i18n import SUPPORTED_LANGUAGES
from bot.rendering import missions_json, render_answer_text
from bot.wiring import engine_options, load_engine
from config import Settings, SettingsError, load_settings
from corpus import CorpusError, load_corpus
from index import Embedder, RetrievalError, build_index, document_cache_path, open_index

__all__ = ["COMMANDS", "answer_record", "configure_logging", "main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__.splitlines()[0])
    parser.add_argument("--settings", type=Path, help="settings file in .env format (optional)")
    commands = parser.add_subparsers(dest="command")
    ask = commands.add_parser("ask", help="answer one question (or one per stdin line with --json)")
    ask.add_argument("question", nargs="?", help="the question; omit with --json to read stdin lines")
    ask.add_argument("--json", action="store_true", help="print JSON objects instead of the reply text")
    ask.add_argument("--lang", choices=SUPPORTED_LANGUAGES, help="answer in this language")
    commands.add_parser("chat", help="console chat")
    index = commands.add_parser("index", help="build or refresh the index")
    index.add_argument("--force", action="store_true", help="rebuild even if the index is current")
    index.add_argument(
        "--verify", action="store_true", help="hash every index file (a start hashes only changed files)"
    )
    commands.add_parser("run", help="start the Telegram bot (a webhook replica when BOT_WEBHOOK_URL is set)")
    set_webhook = commands.add_parser(
        "set-webhook", help="register BOT_WEBHOOK_URL with Telegram (once per deploy)"
    )
    set_webhook.add_argument("--force", action="store_true", help="call setWebhook even if nothing differs")
    evaluate = commands.add_parser("eval", help="retrieval quality on the golden sets")
    evaluate.add_argument("--golden", type=Path, help="folder of golden-set files (default tests/golden)")
    evaluate.add_argument("--verbose", action="store_true", help="list every miss of the dev part")
    evaluate.add_argument(
        "--part",
        choices=("dev", "test", "both"),
        default="both",
        help="which golden part(s) to score (default both)",
    )
    evaluate.add_argument(
        "--without",
        default="",
        help=(
            "comma-separated steps to switch off, to measure them: transliteration, spelling, bank, "
            "topics, figures, names, margin, story, views"
        ),
    )
    calibrate = commands.add_parser(
        "calibrate", help="re-fit the answer-or-decline thresholds on the dev part"
    )
    calibrate.add_argument("--golden", type=Path, help="folder of golden-set parts (default tests/golden)")
    calibrate.add_argument("--folds", type=int, default=5, help="cross-validation folds (default 5)")
    calibrate.add_argument(
        "--dry-run", action="store_true", help="print the fit, do not write thresholds.json"
    )
    bench = commands.add_parser("bench", help="speed and memory figures")
    bench.add_argument("--questions", type=int, default=300, help="timed questions (default 300)")
    bench.add_argument("--synthetic", type=int, default=50_000, help="synthetic passages (0 to skip)")
    missions = commands.add_parser("missions", help="mission records: completeness and freshness")
    missions_commands = missions.add_subparsers(dest="missions_command", required=True)
    check = missions_commands.add_parser(
        "check", help="per direction: records, open, contacts, old checks and heads, conflicts"
    )
    check.add_argument("--dir", type=Path, help="mission files folder (default: the corpus's missions/)")
    check.add_argument("--today", type=_date, help="measure ages to this date, YYYY-MM-DD (default today)")
    check.add_argument(
        "--head-max-age-days", type=int, default=None, help="age past which a head may be out of date"
    )
    bench.add_argument("--corpus", type=Path, help="measure over this corpus folder of real text instead")
    bench.add_argument("--index-dir", type=Path, help="its index folder (default: beside it, DIR/../index)")
    COMMANDS.update(_ingest_parsers(commands))
    _press_desk.add_parsers(commands)  # teach, unanswered, history, undo, stats
    return parser


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date written YYYY-MM-DD: {text!r}") from None


def answer_record(engine: Engine, question: str, lang: str | None) -> dict[str, object]:
    """The JSON object ``ask --json`` prints for one question."""
    answer = engine.answer(question, lang=lang)
    record: dict[str, object] = {
        "question": question,
        "answered": answer.answered,
        "lang": answer.lang,
        "reason": answer.reason,
        "reply": render_answer_text(answer, engine.options.official_site_url, engine.mission_lookup),
        "passages": [
            {
                "id": p.passage_id,
                "text": p.text,
                "title": p.title,
                "source": p.source_url,
                "source_name": p.source_name,
                "score": p.score,
                "best_sentence": p.best_sentence,
            }
            for p in answer.passages
        ],
        "latency_ms": answer.latency_ms,
    }
    if answer.missions is not None:
        record["missions"] = missions_json(answer.missions)
    return record


def _ask(settings: Settings, args: argparse.Namespace) -> int:
    engine = load_engine(settings)
    if args.question is None and not args.json:
        print("ask: give a QUESTION, or use --json to read questions from stdin", file=sys.stderr)
        return 2
    if args.question is not None:
        if args.json:
            print(json.dumps(answer_record(engine, args.question, args.lang), ensure_ascii=False))
        else:
            print(
                render_answer_text(
                    engine.answer(args.question, lang=args.lang),
                    engine.options.official_site_url,
                    engine.mission_lookup,
                )
            )
        return 0
    for line in sys.stdin:
        question = line.rstrip("\n")
        print(json.dumps(answer_record(engine, question, args.lang), ensure_ascii=False), flush=True)
    return 0


def _index(settings: Settings, args: argparse.Namespace) -> int:
    corpus = load_corpus(settings.corpus_dir, cache=document_cache_path(settings.index_dir))
    embedder = Embedder.for_index(
        settings.model_name, settings.index_dir, settings.query_prefix, settings.passage_prefix
    )
    passages, corpus_hash = corpus.indexed_passages, corpus.content_hash
    if args.force:
        index = build_index(
            passages, corpus_hash, embedder.passages, settings.index_dir, embedder.export_query_model
        )
    else:
        index = open_index(
            passages,
            corpus_hash,
            embedder.passages,
            settings.index_dir,
            embedder.export_query_model,
            verify=args.verify,
        )
    manifest = index.manifest
    print(
        f"index at {settings.index_dir}: {manifest.passage_count} passages, {manifest.vector_count} vectors, "
        f"model {manifest.model_name} ({manifest.dimension} d), built {manifest.built_at} "
        f"in {manifest.build_seconds:.2f} s"
    )
    return 0


def _chat(settings: Settings, _args: argparse.Namespace) -> int:
    from bot.cli.console import run_console  # noqa: PLC0415

    engine = load_engine(settings)
    # Built while the user types the first question (Engine.warm), not during its answer.
    threading.Thread(target=engine.warm, name="warm", daemon=True).start()
    return run_console(engine)


def _run(settings: Settings, _args: argparse.Namespace) -> int:
    from bot.telegram import run  # noqa: PLC0415 - keeps python-telegram-bot out of ask/chat

    run(settings, load_engine)
    return 0


def _set_webhook(settings: Settings, args: argparse.Namespace) -> int:
    import asyncio  # noqa: PLC0415

    from bot.telegram import register_webhook  # noqa: PLC0415 - python-telegram-bot on demand

    print(asyncio.run(register_webhook(settings, force=args.force)))
    return 0


def _eval(settings: Settings, args: argparse.Namespace) -> int:
    from bot.devtools import print_report, run_evaluation  # noqa: PLC0415

    parts = ("dev", "test") if args.part == "both" else (args.part,)
    engine = load_engine(settings)
    steps = {step.strip() for step in args.without.split(",") if step.strip()}
    unknown = steps - {
        "transliteration",
        "spelling",
        "bank",
        "topics",
        "figures",
        "names",
        "margin",
        "story",
        "views",
    }
    if unknown:
        print(f"eval: unknown step(s) for --without: {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    engine.without(steps)
    report = run_evaluation(engine, args.golden, parts)
    print_report(report, verbose=args.verbose)
    return 0


def _bench(settings: Settings, args: argparse.Namespace) -> int:
    if args.corpus is not None:
        from bot.devtools import run_corpus_benchmark  # noqa: PLC0415

        index_dir = args.index_dir or args.corpus.resolve().parent / "index"
        run_corpus_benchmark(settings, engine_options(settings), args.corpus, index_dir, args.questions)
        return 0
    from bot.devtools import run_benchmark  # noqa: PLC0415

    run_benchmark(settings, engine_options(settings), questions=args.questions, synthetic=args.synthetic)
    return 0


def _calibrate(settings: Settings, args: argparse.Namespace) -> int:
    from bot.devtools import calibrate  # noqa: PLC0415

    calibrate(load_engine(settings), args.golden, folds=args.folds, write=not args.dry_run)
    return 0


def _missions(settings: Settings, args: argparse.Namespace) -> int:
    """``missions check``: print the figures; a schema error exits 2 (via CorpusError), nothing else does."""
    from bot.missions import HEAD_MAX_AGE_DAYS, check_missions, render_check  # noqa: PLC0415
    from corpus import MISSIONS_DIR, OTHER_NAMES_FILE, load_missions, load_other_names  # noqa: PLC0415

    missions = load_missions(args.dir or settings.corpus_dir / MISSIONS_DIR)
    other_names = settings.corpus_dir / OTHER_NAMES_FILE  # the lookup's other names of places
    names = load_other_names(other_names)
    if args.dir is None:  # the shipped records: every city named there must be one of theirs
        names.check_places(
            {m.city for m in missions}, {c.en for m in missions for c in m.covers}, other_names
        )
    today = args.today or dt.date.today()
    max_age = args.head_max_age_days if args.head_max_age_days is not None else HEAD_MAX_AGE_DAYS
    print(render_check(check_missions(missions, today, max_age), today, max_age))
    return 0


COMMANDS = {
    "ask": _ask,
    "index": _index,
    "chat": _chat,
    "run": _run,
    "set-webhook": _set_webhook,
    "eval": _eval,
    "bench": _bench,
    "calibrate": _calibrate,
    "missions": _missions,
}
COMMANDS.update(_press_desk.COMMANDS)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command (``python -m bot --help`` lists them); return the exit code."""
    args = _parser().parse_args(argv)

    try:
        settings = load_settings(args.settings)
        configure_logging(settings.log_level, settings.log_format, settings.replica_name)
        command = args.command or ("run" if settings.telegram_bot_token else "chat")
        return COMMANDS[command](settings, args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if not isinstance(exc, _users_to_fix()):
            raise  # a bug: the traceback is wanted
        print(f"error: {exc}", file=sys.stderr)
        return 2


def _users_to_fix() -> tuple[type[Exception], ...]:
    """Errors the user fixes (settings, material, index, the bot's start): one line and exit code 2.

    The Telegram adapter's start-up error counts once the adapter is loaded; the
    CLI does not import python-telegram-bot just to name it (``ask`` stays light).
    """
    errors: list[type[Exception]] = [SettingsError, CorpusError, RetrievalError]
    adapter = sys.modules.get("bot.telegram.context")
    if adapter is not None:
        errors.append(adapter.TelegramSetupError)
    return tuple(errors)
