"""Webhook replicas as real processes (``python -m bot run``) for the multi-replica tests.

Each replica is its own Python process, so SIGKILL and SIGTERM mean what they
mean in production. They share one PostgreSQL schema and one prebuilt index
directory (the session's, so no replica builds an index), and talk to the
test's ``FakeTelegram``.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import aiohttp

from config.settings import PROJECT_ROOT
from tests.fake_bot_api import TEST_TOKEN

WEBHOOK_SECRET = "replica_test-secret"
WEBHOOK_PATH = "telegram"
START_TIMEOUT_S = 90.0


@dataclass
class ReplicaProcess:
    """One running replica."""

    name: str
    port: int
    process: asyncio.subprocess.Process
    log_path: Path

    @property
    def webhook_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/{WEBHOOK_PATH}"

    def ops_url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path.lstrip('/')}"

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


def replica_env(
    name: str,
    port: int,
    api_base_url: str,
    database_url: str,
    index_dir: Path,
    lease_seconds: float = 3.0,
) -> dict[str, str]:
    """The environment of one replica (inherits the test run's, e.g. PATH and PYTHONPATH)."""
    env = dict(os.environ)
    env.update(
        {
            "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH")])),
            "TELEGRAM_BOT_TOKEN": TEST_TOKEN,
            "TELEGRAM_BOT_API_URL": api_base_url,
            "BOT_WEBHOOK_URL": "https://bot.example.org",
            "BOT_WEBHOOK_SECRET": WEBHOOK_SECRET,
            "BOT_WEBHOOK_PATH": WEBHOOK_PATH,
            "BOT_WEBHOOK_LISTEN": "127.0.0.1",
            "BOT_WEBHOOK_PORT": str(port),
            "BOT_DATABASE_URL": database_url,
            "BOT_INDEX_DIR": str(index_dir),
            "BOT_REPLICA_NAME": name,
            "BOT_UPDATE_LEASE_SECONDS": str(lease_seconds),
            "BOT_USER_HASH_SALT": "replica-test-salt",
            "BOT_LOG_FORMAT": "json",
            "BOT_QUESTIONS_PER_MINUTE": "1000",
        }
    )
    return env


async def start_replica(name: str, port: int, env: dict[str, str]) -> ReplicaProcess:
    """Start ``python -m bot run`` as a webhook replica; its log goes to a temporary file."""
    log_path = Path(tempfile.mkstemp(prefix=f"replica-{name}-", suffix=".log")[1])
    with log_path.open("wb") as log_file:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            env=env,
            cwd=str(PROJECT_ROOT),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=log_file,
            stderr=log_file,
        )
    return ReplicaProcess(name, port, process, log_path)


async def readyz_status(replica: ReplicaProcess) -> int | None:
    """The status of the replica's /readyz, or None when nothing answers."""
    try:
        async with (
            aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5)) as session,
            session.get(replica.ops_url("readyz")) as response,
        ):
            return response.status
    except (aiohttp.ClientError, TimeoutError):
        return None


async def wait_for_readyz(
    replica: ReplicaProcess, status: int = 200, timeout: float = START_TIMEOUT_S
) -> None:
    """Poll /readyz until it answers ``status``; fail with the replica's log if it exits or times out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if replica.process.returncode is not None:
            raise AssertionError(f"replica {replica.name} exited:\n{replica.log_tail()}")
        if await readyz_status(replica) == status:
            return
        await asyncio.sleep(0.2)
    raise AssertionError(f"replica {replica.name} /readyz never answered {status}:\n{replica.log_tail()}")


async def stop_replica(replica: ReplicaProcess, signum: int = signal.SIGTERM, timeout: float = 40.0) -> int:
    """Send ``signum`` and wait for the exit; return the exit code."""
    if replica.process.returncode is None:
        replica.process.send_signal(signum)
    try:
        return await asyncio.wait_for(replica.process.wait(), timeout)
    except TimeoutError:
        replica.process.kill()
        await replica.process.wait()
        raise AssertionError(f"replica {replica.name} did not stop:\n{replica.log_tail()}") from None
