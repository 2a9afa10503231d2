"""The press desk's change lock holds across store instances and processes, on both back ends.

Each store instance here is what a replica (PostgreSQL) or a second process
(SQLite) would open: its own pool or connection on the same database. The
holder in another process is a real ``python`` process, so the lock is shown
to reach beyond the test's own process, not only its threads.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from bot.storage import ChangeLockTimeoutError, Store, open_store
from config import PROJECT_ROOT

HOLD_S = 0.6
HOLDER = """
import sys
from bot.storage import open_store
store = open_store(sys.argv[1])
with store.change_lock(10.0):
    print("held", flush=True)
    sys.stdin.readline()
store.close()
"""


@pytest.fixture
def two_stores(database_url: str) -> Iterator[tuple[Store, Store]]:
    first, second = open_store(database_url), open_store(database_url)
    yield first, second
    first.close()
    second.close()


def test_a_held_change_lock_makes_another_store_on_the_database_wait_until_it_is_released(
    two_stores: tuple[Store, Store],
) -> None:
    first, second = two_stores
    events: list[str] = []
    taken = threading.Event()

    def hold() -> None:
        with first.change_lock(5.0):
            events.append("first in")
            taken.set()
            time.sleep(HOLD_S)
            events.append("first out")

    holder = threading.Thread(target=hold)
    holder.start()
    assert taken.wait(10)
    started = time.monotonic()
    with second.change_lock(10.0):
        events.append("second in")
        waited = time.monotonic() - started
    holder.join()
    assert events == ["first in", "first out", "second in"]
    assert waited >= HOLD_S / 2


def test_a_change_lock_not_released_in_time_is_refused_with_a_timeout(
    two_stores: tuple[Store, Store],
) -> None:
    first, second = two_stores
    with first.change_lock(5.0):
        started = time.monotonic()
        with (
            pytest.raises(ChangeLockTimeoutError, match="another change held the lock"),
            second.change_lock(0.3),
        ):
            pytest.fail("the lock was taken twice")
        assert time.monotonic() - started < 5
    with second.change_lock(1.0):  # released: taken at once
        pass


def test_the_change_lock_is_released_when_the_block_raises(two_stores: tuple[Store, Store]) -> None:
    first, second = two_stores
    with pytest.raises(RuntimeError, match="the change failed"), first.change_lock(5.0):
        raise RuntimeError("the change failed")
    with second.change_lock(1.0):
        pass


@contextmanager
def lock_holder(database_url: str) -> Iterator[subprocess.Popen[str]]:
    """Another process that opens the database, takes the change lock and holds it until stdin closes."""
    environment = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    with subprocess.Popen(
        [sys.executable, "-c", HOLDER, database_url],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=environment,
    ) as holder:
        assert holder.stdout is not None
        try:
            assert holder.stdout.readline().strip() == "held"
            yield holder
        finally:
            if holder.poll() is None:
                holder.kill()


def test_a_change_lock_held_by_another_process_holds_here_until_that_process_lets_go(
    database_url: str,
) -> None:
    store = open_store(database_url)
    try:
        with lock_holder(database_url) as holder:
            with pytest.raises(ChangeLockTimeoutError), store.change_lock(0.3):
                pytest.fail("the lock was taken while another process held it")
            assert holder.stdin is not None
            holder.stdin.close()  # the holder leaves its block and exits
            with store.change_lock(10.0):
                pass
            assert holder.wait(10) == 0
    finally:
        store.close()


def test_a_change_lock_holder_killed_mid_change_leaves_the_lock_free(database_url: str) -> None:
    store = open_store(database_url)
    try:
        with lock_holder(database_url) as holder:
            holder.kill()  # SIGKILL: no finally, no unlock; the kernel or the server must let go
            holder.wait()
            with store.change_lock(10.0):
                pass
    finally:
        store.close()
