"""The press desk from the command line: teach, unanswered, history, undo, stats --chart.

For operators and scripts, the same core as the Telegram buttons
(``bot.curation.Curator``) and the same database (``BOT_DATABASE_URL``, else
the ``BOT_DB_PATH`` file): a change made here shows in ``/history`` on every
replica and ``/undo`` reverts it, and the other way round; the change lock is
the replicas' too. Changes from here are recorded with no admin (the command line).
Registered in ``bot.cli`` by ``add_parsers`` and ``COMMANDS``.

Exit codes: 0 done, 1 refused (unknown passage or topic, invalid change,
nothing to undo; the message says why and no file changed), 2 settings,
corpus or database errors.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.curation import CurationError, Curator, passage_candidates
from bot.pressdesk import (
    CurationStore,
    Phrasing,
    QuestionLog,
    QuestionLogError,
    chart_caption,
    daily_series,
    period_days,
    render_chart_png,
)
from bot.storage import StorageError, Store, open_store
from config import Settings

Handler = Callable[[Settings, argparse.Namespace], int]
REFUSED = 1
BROKEN = 2


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the press-desk sub-commands to ``python -m bot``'s parser."""
    teach = commands.add_parser("teach", help="answer a question with a passage, or file it as out of scope")
    teach.add_argument("question", help="the question as people ask it")
    target = teach.add_mutually_exclusive_group(required=True)
    target.add_argument("--passage", metavar="PASSAGE_ID", help="add it to this passage's question bank")
    target.add_argument("--out-of-scope", metavar="TOPIC", help="add it to this out-of-scope topic")
    teach.add_argument(
        "--lang", choices=["en", "ru", "be"], help="the question's language (default: detected)"
    )
    unanswered = commands.add_parser(
        "unanswered", help="unanswered questions, grouped, with candidate passages"
    )
    unanswered.add_argument(
        "--days", type=int, help="only the last DAYS days (default: every logged question)"
    )
    unanswered.add_argument("--limit", type=int, default=10, help="groups to list (default 10)")
    history = commands.add_parser("history", help="the latest press-desk changes")
    history.add_argument("--limit", type=int, default=10, help="changes to list (default 10)")
    commands.add_parser("undo", help="revert the latest press-desk change")
    stats = commands.add_parser("stats", help="question figures; --chart writes the /stats chart")
    stats.add_argument("--chart", type=Path, metavar="FILE", help="write the chart PNG to FILE")
    stats.add_argument("--days", type=int, default=7, help="days in the chart (default 7)")
    stats.add_argument("--lang", choices=["en", "ru", "be"], default="en", help="chart labels (default en)")


@contextmanager
def _database(settings: Settings) -> Iterator[Store]:
    database = open_store(settings.store_url)
    try:
        yield database
    finally:
        database.close()


@contextmanager
def curation_store(settings: Settings) -> Iterator[CurationStore]:
    """The press desk's curation tables in the bot's database (also ``add`` and ``sync``'s history)."""
    with _database(settings) as database:
        yield CurationStore(database, settings.user_hash_salt.get_secret_value())


@contextmanager
def _question_log(settings: Settings) -> Iterator[QuestionLog]:
    with _database(settings) as database:
        yield QuestionLog(database, settings.user_hash_salt.get_secret_value())


def refused(exc: Exception) -> int:
    """Print why a change was refused; exit code 1 (nothing changed)."""
    print(f"error: {exc}", file=sys.stderr)
    return REFUSED


def _teach(settings: Settings, args: argparse.Namespace) -> int:
    from bot.answering import detect_language  # noqa: PLC0415 - loads lingua, teach only

    question = " ".join(str(args.question).split())
    if not question:
        return refused(ValueError("the question is empty"))
    phrasing = Phrasing(question, args.lang or detect_language(question))
    with curation_store(settings) as store:
        curator = Curator(settings.corpus_dir, store)
        try:
            if args.passage:
                change = curator.teach_passage([phrasing], args.passage)
            else:
                change = curator.file_out_of_scope([phrasing], args.out_of_scope)
        except CurationError as exc:
            return refused(exc)
    print(f"change #{change.id}: {change.summary}")
    print("The next start of the bot (or /reload) answers from it; `python -m bot undo` reverts it.")
    return 0


def _unanswered(settings: Settings, args: argparse.Namespace) -> int:
    from bot.wiring import load_engine  # noqa: PLC0415 - the model is loaded for this command only

    since = datetime.now(UTC) - timedelta(days=args.days) if args.days else None
    salt = settings.user_hash_salt.get_secret_value()
    with _database(settings) as database:
        settled = CurationStore(database, salt).settled_forms()
        groups = QuestionLog(database, salt).unanswered(args.limit, since, settled)
    if not groups:
        print("No declined or 'not helpful' questions to fix.")
        return 0
    engine = load_engine(settings)
    for number, group in enumerate(groups, 1):
        print(
            f'{number}. {group.count}x "{group.wording}" ({group.language}; declined {group.declined}, '
            f"not helpful {group.not_helpful}; last asked {group.last_asked:%Y-%m-%d})"
        )
        for phrasing in group.phrasings[1:]:
            print(f'     also: "{phrasing.text}"')
        if group.answered_with:
            print(f"     rated not helpful, answered with: {'; '.join(group.answered_with)}")
        for candidate in passage_candidates(engine, group.wording, group.language):
            print(f"   candidate {candidate.passage_id}: {candidate.title}: {candidate.opening}")
    print('\nTeach one: python -m bot teach "QUESTION" --passage PASSAGE_ID (or --out-of-scope TOPIC)')
    return 0


def _history(settings: Settings, args: argparse.Namespace) -> int:
    with curation_store(settings) as store:
        changes = store.changes(args.limit)
    if not changes:
        print("No press-desk changes yet.")
    for change in changes:
        who = "command line" if change.admin_hash is None else f"admin {change.admin_hash[:8]}"
        undone = " (undone)" if change.undone else ""
        when = f"{change.changed_at:%Y-%m-%d %H:%M} UTC"
        print(f"#{change.id} {when}, {who}, {change.action}{undone}: {change.summary}")
    return 0


def _undo(settings: Settings, _args: argparse.Namespace) -> int:
    with curation_store(settings) as store:
        try:
            _undone, record = Curator(settings.corpus_dir, store).undo()
        except CurationError as exc:
            return refused(exc)
    print(f"change #{record.id}: {record.summary}")
    return 0


def _stats(settings: Settings, args: argparse.Namespace) -> int:
    try:
        since, until = period_days(args.days, datetime.now(UTC))
    except ValueError as exc:
        return refused(exc)
    with _question_log(settings) as question_log:
        series = daily_series(question_log.questions(since, until), since, until)
    print(chart_caption(series, args.lang))
    if args.chart:
        args.chart.parent.mkdir(parents=True, exist_ok=True)
        args.chart.write_bytes(render_chart_png(series, args.lang))
        print(f"chart written to {args.chart}")
    return 0


def guarded(handler: Handler) -> Handler:
    """``handler`` with an unreachable or broken database reported in one line (exit code 2)."""

    def run(settings: Settings, args: argparse.Namespace) -> int:
        try:
            return handler(settings, args)
        except (QuestionLogError, StorageError) as exc:  # never a password: stores name only host and db
            print(f"error: {exc}", file=sys.stderr)
            return BROKEN

    return run


COMMANDS: dict[str, Handler] = {
    name: guarded(handler)
    for name, handler in (
        ("teach", _teach),
        ("unanswered", _unanswered),
        ("history", _history),
        ("undo", _undo),
        ("stats", _stats),
    )
}
