"""The press desk closes the loop through the real bot: /unanswered -> a fix -> the next answer; /undo.

Each test serves its own copy of the material (``curation_bot``), so buttons
that write the question bank or the topics never touch the shipped files.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from html import escape, unescape
from pathlib import Path
from typing import Any

import pytest

from bot.answering.engine import Engine
from bot.curation import Curator
from bot.i18n import t
from bot.pressdesk import CurationStore, Phrasing
from bot.rendering.html_split import html_to_text
from bot.telegram.curation_follow import FOLLOW_JOB_NAME
from tests.curation_fixtures import buttons, engine_over, sent_message, snapshot
from tests.fake_bot_api import RecordedCall, private_chat
from tests.press_desk_fixtures import ADMIN, NOT_ADMIN, SALT, press_settings, reply_to
from tests.telegram_fixtures import BotHarness, running_bot

GAP = "Is Belarus part of the Non-Aligned Movement?"
WEATHER = "Will it rain in Minsk tomorrow afternoon?"
DECLINED = t("en", "reply.not_covered", site="")[:40]


@pytest.fixture
async def curation_bot(engine: Engine, tmp_path: Path) -> AsyncIterator[BotHarness]:
    """The bot over its own material copy, ALICE as admin, a fresh question log in ``tmp_path``."""
    served = await engine_over(engine, tmp_path)
    options = served.options
    settings = press_settings(tmp_path, corpus_dir=options.corpus_dir, index_dir=options.index_dir)
    async with running_bot(served, **settings) as harness:
        yield harness


def corpus_of(harness: BotHarness) -> Path:
    return Path(harness.application.bot_data.engine.options.corpus_dir)


async def admin_messages(harness: BotHarness, count: int) -> list[RecordedCall]:
    return await harness.replies(ADMIN["id"], count=count, timeout=120)


async def press(harness: BotHarness, data: str, under: RecordedCall, user: dict[str, Any] = ADMIN) -> None:
    """Press a button with ``data`` under the message ``under`` (in the presser's own chat)."""
    await harness.api.push_callback_query(
        data, {**sent_message(under), "chat": private_chat(user)}, user=user
    )


def replied(call: RecordedCall) -> dict[str, Any]:
    """The bot's message as a reply to it quotes it."""
    return sent_message(call)


def button(call: RecordedCall, starts: str) -> str:
    """The callback data of the first button whose label starts with ``starts``."""
    return next(b["callback_data"] for b in buttons(call) if b["text"].startswith(starts))


async def unanswered_with_gap(harness: BotHarness) -> RecordedCall:
    """Ask GAP (declined), then send /unanswered; return the list with its buttons."""
    declined = await reply_to(harness, ADMIN, GAP)
    assert DECLINED in html_to_text(declined.params["text"])
    return await reply_to(harness, ADMIN, "/unanswered", count=2)


async def test_answer_with_a_passage_then_the_question_gets_it_and_undo_declines_it_again(
    curation_bot: BotHarness,
) -> None:
    listing = await unanswered_with_gap(curation_bot)
    assert f"“{GAP}”" in html_to_text(listing.params["text"])
    await press(curation_bot, button(listing, "1: Answer with a passage"), listing)
    [*_, choices] = await admin_messages(curation_bot, 3)
    assert "policy-priorities" in choices.params["text"]  # candidates are listed with their ids
    chosen = buttons(choices)[0]["callback_data"]
    assert all(len(b["callback_data"].encode()) <= 64 for b in buttons(listing) + buttons(choices))
    with CurationStore(curation_bot.settings.db_path, SALT) as store:
        offer = store.offer(int(chosen.split(":")[1]))
    assert offer is not None and offer.candidates
    await press(curation_bot, chosen, choices)
    [*_, done] = await admin_messages(curation_bot, 4)
    done_text = html_to_text(done.params["text"])
    assert done_text.startswith("Done: 1 question(s) (en) added to the bank of passage") and GAP in done_text
    assert "Material reloaded" in done_text
    bank = (corpus_of(curation_bot) / "questions").glob("*.yaml")
    assert any(GAP in path.read_text("utf-8") for path in bank)
    passage = curation_bot.application.bot_data.engine.passage(offer.candidates[0].passage_id)
    assert passage is not None
    answer = await reply_to(curation_bot, ADMIN, GAP, count=5)
    assert passage.sentences[0] in unescape(answer.params["text"])  # needs the engine to use the bank
    await curation_bot.api.push_message("/undo", user=ADMIN)
    [*_, undone] = await admin_messages(curation_bot, 6)
    assert html_to_text(undone.params["text"]).startswith("Undone: undid change #1")
    again = await reply_to(curation_bot, ADMIN, GAP, count=7)
    assert DECLINED in html_to_text(again.params["text"])


async def test_a_forged_button_from_a_non_admin_changes_nothing(curation_bot: BotHarness) -> None:
    listing = await unanswered_with_gap(curation_bot)
    before = snapshot(corpus_of(curation_bot))
    engine = curation_bot.application.bot_data.engine
    offer_id = button(listing, "1: Answer").split(":")[1]
    for data in (f"cu:{offer_id}:c:0", f"cu:{offer_id}:i", f"cu:{offer_id}:t:0", "cu:1:n"):
        await press(curation_bot, data, listing, user=NOT_ADMIN)
    refusals = await curation_bot.replies(NOT_ADMIN["id"], count=4)
    assert {r.params["text"] for r in refusals} == {escape(t("ru", "press.admin.refused"))}
    assert snapshot(corpus_of(curation_bot)) == before
    assert curation_bot.application.bot_data.engine is engine
    with CurationStore(curation_bot.settings.db_path, SALT) as store:
        assert store.changes() == []


async def test_a_button_naming_no_offer_is_out_of_date_for_an_admin(curation_bot: BotHarness) -> None:
    listing = await unanswered_with_gap(curation_bot)
    await press(curation_bot, "cu:999999:c:0", listing)
    [*_, reply] = await admin_messages(curation_bot, 3)
    assert reply.params["text"] == escape(t("en", "curation.expired"))


async def test_ignore_hides_the_group_and_history_lists_it(curation_bot: BotHarness) -> None:
    listing = await unanswered_with_gap(curation_bot)
    before = snapshot(corpus_of(curation_bot))
    await press(curation_bot, button(listing, "1: Ignore"), listing)
    [*_, ignored] = await admin_messages(curation_bot, 3)
    assert html_to_text(ignored.params["text"]).startswith("Ignored: ignored in /unanswered")
    assert snapshot(corpus_of(curation_bot)) == before
    empty = await reply_to(curation_bot, ADMIN, "/unanswered", count=4)
    assert empty.params["text"] == escape(t("en", "press.unanswered.empty"))
    history = await reply_to(curation_bot, ADMIN, "/history", count=5)
    text = html_to_text(history.params["text"])
    assert "#1 " in text and f"ignored in /unanswered: “{GAP}”" in text and "admin " in text
    await press(curation_bot, button(listing, "1: Ignore"), listing)  # the same button again
    [*_, again] = await admin_messages(curation_bot, 6)
    assert again.params["text"] == escape(t("en", "curation.already", change=1))


async def test_out_of_scope_new_topic_by_reply_is_written_and_a_bad_one_refused(
    curation_bot: BotHarness,
) -> None:
    await reply_to(curation_bot, ADMIN, WEATHER)
    listing = await reply_to(curation_bot, ADMIN, "/unanswered", count=2)
    await press(curation_bot, button(listing, "1: Out of scope"), listing)
    [*_, topics] = await admin_messages(curation_bot, 3)
    labels = [b["text"] for b in buttons(topics)]
    assert "sanctions" in labels and labels[-1] == t("en", "curation.buttons.new_topic")
    await press(curation_bot, buttons(topics)[-1]["callback_data"], topics)
    [*_, prompt] = await admin_messages(curation_bot, 4)
    assert prompt.params["reply_markup"]["force_reply"] is True
    topics_file = corpus_of(curation_bot) / "topics" / "out_of_scope.yaml"
    before = topics_file.read_bytes()
    await curation_bot.api.push_message("weather ftp://nowhere Weather", user=ADMIN, reply_to=replied(prompt))
    [*_, refused] = await admin_messages(curation_bot, 5)
    assert html_to_text(refused.params["text"]).startswith("Nothing was changed: the pointer 'ftp://nowhere'")
    assert topics_file.read_bytes() == before
    await curation_bot.api.push_message(
        "weather https://mfa.gov.by/en/ Weather and climate", user=ADMIN, reply_to=replied(prompt)
    )
    [*_, done] = await admin_messages(curation_bot, 6)
    assert html_to_text(done.params["text"]).startswith("Done: new out-of-scope topic 'weather'")
    written = topics_file.read_text("utf-8")
    assert "id: weather" in written and "Will it rain in tomorrow afternoon?" in written
    assert written.startswith(before.decode("utf-8").split("topics:")[0])  # the header comments stay
    again = await reply_to(curation_bot, ADMIN, WEATHER, count=7)
    assert "does not cover Weather and climate" in html_to_text(again.params["text"])


async def test_a_reply_that_is_not_to_a_topic_prompt_is_answered_as_a_question(
    curation_bot: BotHarness,
) -> None:
    first = await reply_to(curation_bot, ADMIN, GAP)
    question = "What are the priorities of the foreign policy of Belarus?"
    await curation_bot.api.push_message(question, user=ADMIN, reply_to=replied(first))
    [_, answer] = await admin_messages(curation_bot, 2)
    assert "Source" in html_to_text(answer.params["text"])


async def test_stats_sends_a_chart_with_the_figures_as_caption(curation_bot: BotHarness) -> None:
    await reply_to(curation_bot, ADMIN, GAP)
    await reply_to(curation_bot, ADMIN, "What are the priorities of the foreign policy of Belarus?", count=2)
    await curation_bot.api.push_message("/stats", user=ADMIN)
    [photo] = await curation_bot.api.wait_for(
        "sendPhoto", lambda c: c.params["chat_id"] == ADMIN["id"], timeout=60
    )
    assert photo.params["photo"][:8] == b"\x89PNG\r\n\x1a\n"
    assert "2 questions, 1 answered (50%), 1 declined. By language: en 2." in photo.params["caption"]


async def test_digest_on_then_the_weekly_job_sends_counts_gaps_and_worst_rated(
    curation_bot: BotHarness,
) -> None:
    await reply_to(curation_bot, ADMIN, GAP)
    reply = await reply_to(curation_bot, ADMIN, "/digest", count=2)
    assert reply.params["text"] == escape(t("en", "curation.digest.status_off"))
    reply = await reply_to(curation_bot, ADMIN, "/digest on", count=3)
    assert reply.params["text"] == escape(t("en", "curation.digest.turned_on"))
    job_queue = curation_bot.application.job_queue
    assert job_queue is not None
    [job] = job_queue.get_jobs_by_name("weekly-digest")
    await job.run(curation_bot.application)
    [*_, digest] = await admin_messages(curation_bot, 4)
    text = html_to_text(digest.params["text"])
    assert text.startswith(t("en", "curation.digest.header")) and f"1. 1× “{GAP}”" in text
    assert "Last 7 days: 1 questions, 0 answered (0%)" in text


async def test_a_change_survives_a_restart(curation_bot: BotHarness, engine: Engine) -> None:
    listing = await unanswered_with_gap(curation_bot)
    await press(curation_bot, button(listing, "1: Answer with a passage"), listing)
    [*_, choices] = await admin_messages(curation_bot, 3)
    await press(curation_bot, buttons(choices)[0]["callback_data"], choices)
    await admin_messages(curation_bot, 4)
    restarted = Engine.load(curation_bot.application.bot_data.engine.options, engine.embedder)
    answer = restarted.answer(GAP)
    assert answer.answered  # needs the engine to use the bank


async def test_a_change_made_through_another_replica_reaches_this_one_at_its_next_poll(
    curation_bot: BotHarness,
) -> None:
    application = curation_bot.application
    engine = application.bot_data.engine
    assert not engine.answer(GAP).answered
    assert application.job_queue is not None
    [job] = application.job_queue.get_jobs_by_name(FOLLOW_JOB_NAME)
    await job.run(application)
    assert application.bot_data.engine is engine  # no change recorded: no reload
    # Another replica (or `python -m bot teach`): its own store and curator on the same database and files.
    with CurationStore(curation_bot.settings.db_path, SALT) as elsewhere:
        curator = Curator(corpus_of(curation_bot), elsewhere)
        await asyncio.to_thread(curator.teach_passage, [Phrasing(GAP, "en")], "policy-priorities#5")
    await job.run(application)
    served = application.bot_data.engine
    assert served is not engine and served.answer(GAP).answered
    await job.run(application)
    assert application.bot_data.engine is served  # seen: not reloaded again
