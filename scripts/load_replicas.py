"""Load run through the fake Telegram: N questions from M users across webhook replicas.

    PYTHONPATH=. python scripts/load_replicas.py   # 1,000 questions, 200 users: 3 replicas, then 1
    PYTHONPATH=. python scripts/load_replicas.py --questions 200 --users 40 --replicas 3

Everything runs on loopback: a PostgreSQL server (``BOT_TEST_DATABASE_URL`` from
``scripts/start_postgres.sh``, or a scratch one started here), the fake
Telegram from ``tests/`` (it delivers like the real one: per-chat order, up to
40 connections, retries) with a round-robin over the replicas, and each replica
a real ``python -m bot run`` process with the real engine and index. Prints
questions per second, p50/p95/max time to reply (from the moment the chat's
update is first delivered to the arrival of the reply at "Telegram"), and lost
and duplicated replies. Figures, not a test: the targets are 0 lost, 0 duplicated.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from config import load_settings
from tests.fake_bot_api import private_chat
from tests.fake_telegram import FakeTelegram, WebhookDeliverer
from tests.postgres_server import (
    drop_schema,
    new_schema_url,
    remove_scratch_server,
    server_from_environment,
    start_scratch_server,
)
from tests.replica_cluster import WEBHOOK_SECRET, replica_env, start_replica, stop_replica, wait_for_readyz
from tests.telegram_fixtures import free_port

# Questions the corpus answers in one message each, so one question means one sendMessage.
QUESTIONS = (
    "What are the priorities of the foreign policy of Belarus?",
    "How does Belarus cooperate with the European Union?",
    "How does Belarus cooperate with China?",
    "Does Belarus take part in the Eurasian Economic Union?",
    "What does Belarus think about the United Nations?",
)


@dataclass
class RunFigures:
    replicas: int
    questions: int
    seconds: float
    p50: float
    p95: float
    worst: float
    lost: int
    duplicated: int

    @property
    def per_second(self) -> float:
        return self.questions / self.seconds

    def line(self) -> str:
        return (
            f"{self.replicas} replica(s): {self.questions} questions in {self.seconds:.1f} s = "
            f"{self.per_second:.1f} questions/s; time to reply p50 {self.p50 * 1000:.0f} ms, "
            f"p95 {self.p95 * 1000:.0f} ms, max {self.worst * 1000:.0f} ms; "
            f"lost {self.lost}, duplicated {self.duplicated}"
        )


async def one_run(database_url: str, replicas: int, questions: int, users: int) -> RunFigures:
    api = FakeTelegram()
    await api.start()
    index_dir = load_settings().index_dir
    procs = []
    try:
        for number in range(1, replicas + 1):
            port = free_port()
            env = replica_env(f"load{number}", port, api.base_url, database_url, index_dir, lease_seconds=90)
            procs.append(await start_replica(f"load{number}", port, env))
        await asyncio.gather(*(wait_for_readyz(p) for p in procs))
        people = [
            {"id": 700_000 + n, "is_bot": False, "first_name": f"U{n}", "language_code": "en"}
            for n in range(users)
        ]
        asked: dict[int, list[int]] = defaultdict(list)  # chat -> update ids in order
        async with WebhookDeliverer([p.webhook_url for p in procs], WEBHOOK_SECRET) as telegram:
            started = time.monotonic()
            for n in range(questions):
                user = people[n % users]
                update_id = 1_000_000 + n
                message = api.new_message(private_chat(user), user, QUESTIONS[n % len(QUESTIONS)])
                telegram.send({"update_id": update_id, "message": message})
                asked[user["id"]].append(update_id)
            await telegram.wait_acked(timeout=1800)
            await asyncio.sleep(1.0)  # any late duplicate would arrive now
            deliveries = telegram.deliveries
        replies: dict[int, list[float]] = defaultdict(list)
        for call, at in zip(api.calls, api.arrived_at, strict=True):
            if call.method == "sendMessage" and call.error_code is None:
                replies[int(call.params["chat_id"])].append(at)
        waits, lost, duplicated, last = [], 0, 0, started
        for chat, update_ids in asked.items():
            got = replies.get(chat, [])
            lost += max(0, len(update_ids) - len(got))
            duplicated += max(0, len(got) - len(update_ids))
            for update_id, replied_at in zip(update_ids, got, strict=False):
                first = deliveries[update_id].started_at or started
                waits.append(replied_at - first)
                last = max(last, replied_at)
        waits.sort()
        return RunFigures(
            replicas=replicas,
            questions=questions,
            seconds=last - started,
            p50=statistics.median(waits),
            p95=waits[int(0.95 * (len(waits) - 1))],
            worst=waits[-1],
            lost=lost,
            duplicated=duplicated,
        )
    finally:
        await asyncio.gather(*(stop_replica(p) for p in procs), return_exceptions=True)
        await api.close()


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=1000)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument(
        "--replicas", type=int, default=3, help="replicas of the first run (the second has 1)"
    )
    parser.add_argument("--no-single", action="store_true", help="skip the one-replica run")
    args = parser.parse_args()
    server = server_from_environment()
    scratch = server is None
    if server is None:
        server = start_scratch_server(free_port())
    figures = []
    try:
        for replicas in [args.replicas] + ([] if args.no_single else [1]):
            schema, url = new_schema_url(server)
            try:
                figures.append(await one_run(url, replicas, args.questions, args.users))
                print(figures[-1].line(), flush=True)
            finally:
                drop_schema(server, schema)
    finally:
        if scratch:
            remove_scratch_server(server)
    if len(figures) == 2:
        ratio = figures[0].per_second / figures[1].per_second
        print(f"throughput ratio {figures[0].replicas} replicas / 1 replica: {ratio:.2f}")
    return 0 if all(f.lost == 0 and f.duplicated == 0 for f in figures) else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
