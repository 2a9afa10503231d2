"""Three webhook replicas on one PostgreSQL, fed by a fake Telegram that delivers like the real one.

Real parts throughout: each replica is a ``python -m bot run`` process with
the real engine, the database is a real PostgreSQL server (restarted in one
test), and the deliverer retries, orders per chat and round-robins as
Telegram's server in front of a balancer would.
"""

from __future__ import annotations

import asyncio
import itertools
import signal
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import aiohttp
import pytest
import pytest_asyncio

from tests.fake_bot_api import private_chat
from tests.fake_telegram import FakeTelegram, WebhookDeliverer
from tests.postgres_server import PostgresServer, drop_schema, new_schema_url
from tests.replica_cluster import (
    WEBHOOK_SECRET,
    ReplicaProcess,
    readyz_status,
    replica_env,
    start_replica,
    stop_replica,
    wait_for_readyz,
)
from tests.telegram_fixtures import free_port

pytestmark = pytest.mark.asyncio(loop_scope="module")

QUESTIONS = (
    "What are the priorities of the foreign policy of Belarus?",
    "How does Belarus cooperate with the European Union?",
    "How does Belarus cooperate with China?",
    "Does Belarus take part in the Eurasian Economic Union?",
    "What does Belarus think about the United Nations?",
)
_USER_IDS = itertools.count(500_001)


@dataclass
class Cluster:
    """The fake Telegram, three replicas and the database they share."""

    api: FakeTelegram
    replicas: list[ReplicaProcess]
    envs: dict[str, dict[str, str]]
    server: PostgresServer

    def targets(self) -> list[str]:
        return [replica.webhook_url for replica in self.replicas]

    async def restart(self, index: int) -> None:
        old = self.replicas[index]
        fresh = await start_replica(old.name, old.port, self.envs[old.name])
        self.replicas[index] = fresh
        await wait_for_readyz(fresh)


def new_user() -> dict[str, Any]:
    return {"id": next(_USER_IDS), "is_bot": False, "first_name": "Tester", "language_code": "en"}


def question_update(api: FakeTelegram, user: dict[str, Any], text: str) -> dict[str, Any]:
    return {
        "update_id": next(api._update_ids) + 10_000,
        "message": api.new_message(private_chat(user), user, text),
    }


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def cluster(postgres_server: PostgresServer, engine: Any) -> AsyncIterator[Cluster]:
    """Three replicas started together (the index is the session's, already built)."""
    api = FakeTelegram()
    await api.start()
    schema, database_url = new_schema_url(postgres_server)
    index_dir = engine.options.index_dir
    envs = {}
    replicas = []
    for number in (1, 2, 3):
        name = f"r{number}"
        port = free_port()
        envs[name] = replica_env(name, port, api.base_url, database_url, index_dir)
        replicas.append(await start_replica(name, port, envs[name]))
    try:
        await asyncio.gather(*(wait_for_readyz(replica) for replica in replicas))
        yield Cluster(api, replicas, envs, postgres_server)
    finally:
        await asyncio.gather(*(stop_replica(replica) for replica in replicas), return_exceptions=True)
        await api.close()
        drop_schema(postgres_server, schema)


async def test_replicas_never_register_the_webhook(cluster: Cluster) -> None:
    assert cluster.api.calls_of("setWebhook") == []
    assert cluster.api.calls_of("getMe")  # they did talk to the Bot API


async def test_questions_across_three_replicas_are_each_answered_once(cluster: Cluster) -> None:
    users = [new_user() for _ in range(8)]
    async with WebhookDeliverer(cluster.targets(), WEBHOOK_SECRET) as telegram:
        for user in users:
            for text in QUESTIONS[:3]:
                telegram.send(question_update(cluster.api, user, text))
        await telegram.wait_acked(timeout=120)
        handled_by = {
            target for d in telegram.deliveries.values() for target, status in d.attempts if status == "200"
        }
    for user in users:
        replies = cluster.api.replies_to(user["id"])
        assert len(replies) == 3, f"user {user['id']} got {len(replies)} replies"
        assert all("<blockquote>" in reply.params["text"] for reply in replies)
    assert handled_by == set(cluster.targets())  # the round-robin reached every replica


async def test_the_same_update_sent_to_two_replicas_gets_one_reply(cluster: Cluster) -> None:
    user = new_user()
    update = question_update(cluster.api, user, QUESTIONS[0])
    headers = {"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET}
    async with aiohttp.ClientSession() as session:

        async def post(replica: ReplicaProcess) -> int:
            async with session.post(replica.webhook_url, json=update, headers=headers) as response:
                return response.status

        first = await asyncio.gather(post(cluster.replicas[0]), post(cluster.replicas[1]))
        # The loser was told to come back later (503) or saw the winner's finished claim (200).
        assert sorted(first) in ([200, 200], [200, 503])
        again = await asyncio.gather(post(cluster.replicas[1]), post(cluster.replicas[2]))
    assert list(again) == [200, 200]  # Telegram's redelivery: acknowledged, not answered again
    await asyncio.sleep(0.5)
    assert len(cluster.api.replies_to(user["id"])) == 1


async def test_a_replica_killed_mid_update_loses_no_question(cluster: Cluster) -> None:
    user = new_user()
    # Killed while "typing": the update is claimed, the reply not yet sent. (Killed after
    # Telegram got the reply but before the acknowledgement, one reply would be sent twice:
    # no Bot API method takes an idempotency key. The README states that window.)
    release = cluster.api.hold("sendChatAction", user["id"])
    async with WebhookDeliverer(cluster.targets(), WEBHOOK_SECRET) as telegram:
        delivery = telegram.send(question_update(cluster.api, user, QUESTIONS[1]))
        for _ in range(200):  # the replica is working on the update
            if cluster.api.held and delivery.in_flight_to:
                break
            await asyncio.sleep(0.05)
        victim = next(i for i, r in enumerate(cluster.replicas) if r.webhook_url == delivery.in_flight_to)
        assert await stop_replica(cluster.replicas[victim], signal.SIGKILL) == -signal.SIGKILL
        release.set()
        await telegram.wait_acked(timeout=60)
    replies = cluster.api.replies_to(user["id"])
    assert len(replies) == 1
    assert "<blockquote>" in replies[0].params["text"]
    assert len(delivery.attempts) >= 2  # the kill cost an attempt; the redelivery was answered
    await cluster.restart(victim)


async def test_postgres_restart_loses_no_question_and_replicas_recover(cluster: Cluster) -> None:
    users = [new_user() for _ in range(6)]
    async with WebhookDeliverer(cluster.targets(), WEBHOOK_SECRET) as telegram:
        for user in users:
            telegram.send(question_update(cluster.api, user, QUESTIONS[2]))
        cluster.server.stop("fast")
        try:
            for user in users:  # questions keep arriving while the database is down
                telegram.send(question_update(cluster.api, user, QUESTIONS[3]))
            statuses = await asyncio.gather(*(readyz_status(r) for r in cluster.replicas))
            assert statuses == [503, 503, 503]
            await asyncio.sleep(1.0)
        finally:
            cluster.server.start()
        await telegram.wait_acked(timeout=120)
    for user in users:
        assert len(cluster.api.replies_to(user["id"])) == 2
    await asyncio.gather(*(wait_for_readyz(r, timeout=30) for r in cluster.replicas))
    assert all(r.process.returncode is None for r in cluster.replicas)  # nobody crashed


async def test_sigterm_finishes_the_update_in_flight_then_exits(cluster: Cluster) -> None:
    user = new_user()
    release = cluster.api.hold("sendMessage", user["id"])
    async with WebhookDeliverer(cluster.targets(), WEBHOOK_SECRET) as telegram:
        delivery = telegram.send(question_update(cluster.api, user, QUESTIONS[4]))
        for _ in range(200):
            if cluster.api.held[-1:] and cluster.api.held[-1].params.get("chat_id") == user["id"]:
                break
            await asyncio.sleep(0.05)
        index = next(i for i, r in enumerate(cluster.replicas) if r.webhook_url == delivery.in_flight_to)
        replica = cluster.replicas[index]
        replica.process.send_signal(signal.SIGTERM)
        await wait_for_readyz(replica, status=503, timeout=10)  # draining: the balancer stops sending
        release.set()
        assert await stop_replica(replica) == 0
        await telegram.wait_acked(timeout=30)
    assert delivery.attempts == [(replica.webhook_url, "200")]  # acknowledged by the draining replica
    assert len(cluster.api.replies_to(user["id"])) == 1
    await cluster.restart(index)
