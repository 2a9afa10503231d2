"""Replicas follow the press desk's changes made elsewhere: reload when the shared history grows.

A change made through one replica (or ``python -m bot teach`` / ``undo``) is
written to the corpus files and recorded in the shared database; the replica
that made it reloads at once (``curation.report_change``). Every replica also
polls the newest change id every ``FOLLOW_INTERVAL_S`` seconds (one indexed
read) and reloads, the ``/reload`` way, when it grew: with one ``BOT_CORPUS_DIR``
shared by the replicas, all of them answer from a change within that time.
Without a shared folder the reload finds this replica's files as they were.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.pressdesk import QuestionLogError
from bot.telegram.context import BotApplication, BotContext, TelegramSetupError
from bot.telegram.reloading import reload_material
from corpus import CorpusError
from index import RetrievalError

log = logging.getLogger(__name__)

FOLLOW_JOB_NAME = "curation-follow"
FOLLOW_INTERVAL_S = 30.0  # a change reaches every replica within this; the poll is one indexed read


@dataclass
class SeenChange:
    """The newest change this replica's material includes (the job's own state)."""

    change_id: int


async def follow_changes(context: BotContext) -> None:
    """Reload when the shared history holds a change newer than the one this replica last loaded."""
    curator, job = context.bot_data.curator, context.job
    seen = job.data if job is not None else None
    if curator is None or not isinstance(seen, SeenChange):
        return
    try:
        latest = curator.store.latest_change_id()
    except QuestionLogError as exc:
        log.warning("could not read the press-desk history, will retry: %s", exc)
        return
    if latest <= seen.change_id:
        return
    seen.change_id = latest  # also on failure: a broken material is reported once, not every poll
    try:
        summary = await reload_material(context)
    except (CorpusError, RetrievalError) as exc:
        log.warning(
            "press-desk change #%d recorded; reloading failed, the old material stays: %s", latest, exc
        )
        return
    log.info("press-desk change #%d recorded elsewhere; material reloaded: %s", latest, summary)


def start_following_changes(application: BotApplication) -> None:
    """Schedule the poll (from ``post_init``, before the engine loads: a change meanwhile is caught)."""
    curator = application.bot_data.curator
    if curator is None:
        return
    job_queue = application.job_queue
    if job_queue is None:
        raise TelegramSetupError("the job queue is missing: install python-telegram-bot[job-queue]")
    seen = SeenChange(curator.store.latest_change_id())
    job_queue.run_repeating(
        follow_changes, interval=FOLLOW_INTERVAL_S, first=FOLLOW_INTERVAL_S, data=seen, name=FOLLOW_JOB_NAME
    )
