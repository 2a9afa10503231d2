"""Burst and fault runs through the fake Bot API: the figures of issue 15.

    python scripts/burst.py                 # every run (about five minutes on two cores)
    python scripts/burst.py --only burst    # one run: burst, faults, buttons, inline, index

The real Application (python-telegram-bot's HTTP stack, rate limiter, handlers)
answers with the real engine; ``tests/fake_bot_api.py`` plays Telegram on
loopback. Runs:

- ``burst``: 1,000 questions from 200 users spread evenly over 10 s. Prints the
  time to reply (p50, p95, max), the drain time after the last question, lost
  and duplicated replies, and this process's peak RSS (the fake server and the
  load generator share the process and its two cores with the bot, so the
  figures are conservative).
- ``faults``: 3 × 502 on sendMessage, then the whole Bot API hangs for 20 s,
  while 20 users ask: every reply must arrive exactly once, and no apology.
- ``crash``: kill -9 of ``python -m bot run`` during a burst of 20, then a
  restart: how many questions were lost and how many answered twice.
- ``buttons``: forged and random callback data; every press must be answered.
- ``inline``: inline queries with random offsets; every query must be answered.
- ``index``: one flipped byte in each index file in turn (a copy of the index):
  a rebuild, and the same answers as before.

The pass/fail parts are also tests (``tests/telegram/test_telegram_delivery.py``,
``tests/telegram/test_telegram_hostile_input.py``, ``tests/index/test_index_integrity.py``);
timings live only here, since timed assertions in tests fail on a busy machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import shutil
import statistics
import string
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import contextlib

from bot.answering.engine import Engine
from bot.devtools.benchmark import benchmark_questions
from bot.i18n import t
from bot.rendering import render_answer_html
from bot.rendering.html_split import html_to_text
from bot.telegram import build_application
from config import load_settings
from index.integrity import file_checksums
from tests.fake_bot_api import TEST_TOKEN, FakeBotApi, Fault, RecordedCall, private_chat
from tests.telegram.test_telegram_crash import kill_during_burst_and_restart
from tests.telegram.test_telegram_hostile_input import FORGED_CALLBACK_DATA, HOSTILE_OFFSETS
from tests.telegram_fixtures import TEST_SALT, running_bot, shared_engine, started

RUNS = ("burst", "faults", "crash", "buttons", "inline", "index")


def user(number: int) -> dict[str, Any]:
    return {"id": 100_000 + number, "is_bot": False, "first_name": f"User {number}", "language_code": "en"}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


@dataclass
class Delivery:
    """What each asker received, against what they asked."""

    asked: dict[int, list[float]]  # chat id -> moments of the questions
    received: dict[int, list[float]]  # chat id -> moments of the replies

    @property
    def lost(self) -> int:
        return sum(max(0, len(self.asked[c]) - len(self.received.get(c, []))) for c in self.asked)

    @property
    def duplicated(self) -> int:
        return sum(max(0, len(self.received.get(c, [])) - len(self.asked[c])) for c in self.asked)

    def latencies(self) -> list[float]:
        """Seconds from each question to its reply, the k-th reply of a chat paired with its k-th question."""
        return [
            reply - asked
            for chat, moments in self.asked.items()
            for asked, reply in zip(sorted(moments), sorted(self.received.get(chat, [])), strict=False)
        ]


def replies_by_chat(api: FakeBotApi, chats: set[int]) -> dict[int, list[float]]:
    received: dict[int, list[float]] = {}
    for call in api.calls_of("sendMessage"):
        chat = call.params.get("chat_id")
        if chat in chats:
            received.setdefault(chat, []).append(call.at)
    return received


async def wait_for_replies(api: FakeBotApi, chats: set[int], count: int, timeout: float) -> None:
    def delivered(call: RecordedCall) -> bool:
        return call.params.get("chat_id") in chats

    with contextlib.suppress(AssertionError):  # a timeout: reported as lost replies
        await api.wait_for("sendMessage", delivered, count=count, timeout=timeout)
    await asyncio.sleep(1.0)  # let any duplicate arrive before counting


async def fake_side(plan_file: Path) -> None:
    """The Telegram side of the burst, in a process of its own: serve, push the questions, collect."""
    plan = json.loads(plan_file.read_text("utf-8"))
    api = FakeBotApi()
    await api.start()
    print(api.port, flush=True)
    while not api.get_updates_offsets:  # the bot is polling: start the clock
        await asyncio.sleep(0.05)
    asked: dict[int, list[float]] = {}
    total, seconds = len(plan["questions"]), plan["seconds"]
    started = time.monotonic()
    for number, (asker, question) in enumerate(zip(plan["askers"], plan["questions"], strict=True)):
        due = started + seconds * number / total
        await asyncio.sleep(max(0.0, due - time.monotonic()))
        person = user(asker)
        await api.push_message(question, user=person)
        asked.setdefault(person["id"], []).append(time.monotonic())
    last_sent = time.monotonic()
    await wait_for_replies(api, set(asked), total, timeout=120)
    result = {
        "started": started,
        "last_sent": last_sent,
        "asked": asked,
        "received": replies_by_chat(api, set(asked)),
        "typing": len(api.calls_of("sendChatAction")),
    }
    print(json.dumps(result), flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)  # until the bot has stopped
    await api.close()


async def burst(engine: Engine, users: int, per_user: int, seconds: float) -> None:
    total = users * per_user
    questions = benchmark_questions(engine, total)
    askers = [number % users for number in range(total)]
    random.Random(15).shuffle(askers)
    plan = {
        "askers": askers,
        "questions": [questions[n % len(questions)] for n in range(total)],
        "seconds": seconds,
    }
    with tempfile.TemporaryDirectory(prefix="burst-") as scratch:
        plan_file = Path(scratch) / "plan.json"
        plan_file.write_text(json.dumps(plan), "utf-8")
        child = await asyncio.create_subprocess_exec(
            sys.executable,
            __file__,
            "--fake-side",
            str(plan_file),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
        )
        assert child.stdout is not None
        port = int(await child.stdout.readline())
        settings = load_settings(
            telegram_bot_token=TEST_TOKEN,
            telegram_bot_api_url=f"http://127.0.0.1:{port}/bot",
            db_path=Path(scratch) / "questions.sqlite3",
            user_hash_salt=TEST_SALT,
        )
        application = build_application(settings, lambda _settings: engine)
        cpu_before = cpu_seconds()
        async with started(application):
            line = await child.stdout.readline()
            cpu = cpu_seconds() - cpu_before
        assert child.stdin is not None
        child.stdin.close()
        await child.wait()
    result = json.loads(line)
    asked = {int(chat): moments for chat, moments in result["asked"].items()}
    received = {int(chat): moments for chat, moments in result["received"].items()}
    delivery = Delivery(asked, received)
    latencies = delivery.latencies()
    last_reply = max(moment for moments in received.values() for moment in moments)
    print(f"burst: {total} questions from {users} users over {result['last_sent'] - result['started']:.1f} s")
    print(
        f"  time to reply: p50 {percentile(latencies, 0.5):.2f} s, p95 {percentile(latencies, 0.95):.2f} s, "
        f"max {max(latencies):.2f} s, mean {statistics.fmean(latencies):.2f} s"
    )
    print(f"  drained {max(0.0, last_reply - result['last_sent']):.2f} s after the last question was sent")
    print(f"  lost replies: {delivery.lost}, duplicated replies: {delivery.duplicated}")
    print(f"  typing actions sent: {result['typing']}")
    print(f"  CPU time of the bot's process: {cpu:.1f} s, {1000 * cpu / total:.1f} ms a question")
    print(f"  peak RSS of the bot's process: {peak_rss_mb():.0f} MB (the fake Bot API runs in another)")
    print(f"  load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


async def faults(engine: Engine, askers: int = 20, outage: float = 20.0) -> None:
    questions = benchmark_questions(engine, askers)
    async with running_bot(engine) as harness:
        api = harness.api
        api.fail_with_server_error("sendMessage", times=3)
        api.inject("sendMessage", Fault(outage=outage))
        started = time.monotonic()
        asked: dict[int, list[float]] = {}
        for number in range(askers):
            person = user(number)
            await api.push_message(questions[number], user=person)
            asked[person["id"]] = [time.monotonic()]
            await asyncio.sleep(0.05)
        await wait_for_replies(api, set(asked), askers, timeout=outage + 90)
        delivery = Delivery(asked, replies_by_chat(api, set(asked)))
        failed = Counter(
            c.error_code for c in api.calls_of("sendMessage", include_errors=True) if c.error_code
        )
        apologies = [
            c
            for c in api.calls_of("sendMessage")
            if html_to_text(c.params.get("text", "")) == t("en", "telegram.apology")
        ]
    last = max(m for ms in delivery.received.values() for m in ms) - started if delivery.received else 0.0
    print(f"faults: 3 x 502, then a {outage:.0f} s hang of the whole Bot API; {askers} users ask")
    print(f"  failed attempts seen by the fake: {dict(failed)} (-1 = abandoned during the hang)")
    print(
        f"  delivered exactly once: {sum(len(delivery.received.get(c, [])) == 1 for c in asked)} of {askers}"
    )
    print(f"  lost: {delivery.lost}, duplicated: {delivery.duplicated}, apologies: {len(apologies)}")
    print(f"  last reply {last:.1f} s after the first question")


async def crash(kill_after: int = 3) -> None:
    api = FakeBotApi()
    await api.start()
    try:
        with tempfile.TemporaryDirectory(prefix="burst-crash-") as scratch:
            started_at = time.monotonic()
            counts = await kill_during_burst_and_restart(api, Path(scratch), kill_after)
    finally:
        await api.close()
    lost = sum(received == 0 for received in counts.values())
    repeated = sum(received > 1 for received in counts.values())
    print(
        f"crash: kill -9 of `python -m bot run` after {kill_after} of {len(counts)} replies, then a restart"
    )
    print(
        f"  lost: {lost}, answered twice: {repeated} ({time.monotonic() - started_at:.0f} s with both starts)"
    )


def random_texts(rng: random.Random, count: int, longest: int) -> list[str]:
    alphabet = string.printable + "²①٣éЖ😀\u200b\x00"
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest))) for _ in range(count)]


async def buttons(engine: Engine, random_count: int = 200) -> None:
    data = FORGED_CALLBACK_DATA + random_texts(random.Random(9), random_count, 64)
    async with running_bot(engine) as harness:
        api = harness.api
        message = api.new_message(private_chat(user(0)), user(0), "an old answer")
        ids = [(await api.push_callback_query(item, message, user=user(0)))["id"] for item in data]
        with contextlib.suppress(AssertionError):
            await api.wait_for("answerCallbackQuery", count=len(ids), timeout=60)
        await asyncio.sleep(0.5)
        answered = Counter(c.params["callback_query_id"] for c in api.calls_of("answerCallbackQuery"))
    once = sum(answered[i] == 1 for i in ids)
    print(f"buttons: {len(ids)} forged or random presses; answered exactly once: {once} of {len(ids)}")


async def inline(engine: Engine, random_count: int = 100) -> None:
    rng = random.Random(10)
    offsets = HOSTILE_OFFSETS + random_texts(rng, random_count, 12)
    async with running_bot(engine) as harness:
        api = harness.api
        ids = []
        for number, offset in enumerate(offsets):
            query = await api.push_inline_query(
                ["European Union", "", "embassy in Poland"][number % 3], offset
            )
            ids.append(query["id"])
        with contextlib.suppress(AssertionError):
            await api.wait_for("answerInlineQuery", count=len(ids), timeout=60)
        answered = {c.params["inline_query_id"] for c in api.calls_of("answerInlineQuery")}
    print(f"inline: {len(ids)} queries with hostile or random offsets; answered: {len(answered & set(ids))}")


def flip_a_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    if not data:  # an empty file (an empty part's passages) can only gain a byte
        data.append(0)
    else:
        data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def index(engine: Engine, questions: int = 30) -> None:
    asked = benchmark_questions(engine, questions)

    def answers(current: Engine) -> list[str]:
        site = current.options.official_site_url
        return [render_answer_html(current.answer(q), site, current.mission_lookup) for q in asked]

    expected = answers(engine)
    embedder = engine.embedder
    names = sorted(file_checksums(engine.options.index_dir))
    rebuilt = same = 0
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="burst-index-") as scratch:
        copy = Path(scratch) / "index"
        shutil.copytree(engine.options.index_dir, copy)
        options = replace(engine.options, index_dir=copy)
        for name in names:
            before = (copy / "manifest.json").read_text("utf-8")
            flip_a_byte(copy / name)
            damaged = Engine.load(options, embedder)
            rebuilt += (copy / "manifest.json").read_text("utf-8") != before
            if answers(damaged) == expected:
                same += 1
            else:
                print(f"  different answers after damage to {name}")
    print(f"index: one flipped byte in each of {len(names)} files (the ONNX query model included)")
    print(f"  rebuilt: {rebuilt} of {len(names)}; same {questions} answers as before: {same} of {len(names)}")
    print(f"  {time.monotonic() - started:.0f} s in all")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=RUNS, action="append", help="run only these (repeatable)")
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--per-user", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--fake-side", type=Path, help=argparse.SUPPRESS)  # the burst's Telegram process
    args = parser.parse_args()
    if args.fake_side:
        asyncio.run(fake_side(args.fake_side))
        return
    chosen = args.only or list(RUNS)
    engine = shared_engine()
    for warm_up in ("European Union?", "Европейский союз?", "Еўрапейскі саюз?", "Embassy in Poland"):
        engine.answer(warm_up)  # load the language detectors and caches as a running bot has
    if "burst" in chosen:
        asyncio.run(burst(engine, args.users, args.per_user, args.seconds))
    if "faults" in chosen:
        asyncio.run(faults(engine))
    if "crash" in chosen:
        asyncio.run(crash())
    if "buttons" in chosen:
        asyncio.run(buttons(engine))
    if "inline" in chosen:
        asyncio.run(inline(engine))
    if "index" in chosen:
        index(engine)


if __name__ == "__main__":
    main()
