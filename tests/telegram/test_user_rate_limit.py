"""The per-user sliding window allows N questions in any minute, per user, in both stores."""

from __future__ import annotations

import pytest

from bot.storage import Store
from bot.telegram.rate_limit import SlidingWindowLimiter

SALT = "limit-salt"


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def test_allows_up_to_the_limit_then_refuses(store: Store, clock: FakeClock) -> None:
    limiter = SlidingWindowLimiter(store, SALT, 3, 60, clock)
    assert [limiter.try_acquire("u") for _ in range(4)] == [True, True, True, False]


def test_users_have_separate_allowances(store: Store, clock: FakeClock) -> None:
    limiter = SlidingWindowLimiter(store, SALT, 1, 60, clock)
    assert limiter.try_acquire(1) and limiter.try_acquire(2)
    assert not limiter.try_acquire(1)


def test_window_slides_instead_of_resetting(store: Store, clock: FakeClock) -> None:
    limiter = SlidingWindowLimiter(store, SALT, 2, 60, clock)
    limiter.try_acquire("u")
    clock.now += 30
    limiter.try_acquire("u")
    clock.now += 31  # the first question is now older than a minute, the second is not
    assert limiter.try_acquire("u")
    assert not limiter.try_acquire("u")


def test_refused_attempts_do_not_extend_the_wait(store: Store, clock: FakeClock) -> None:
    limiter = SlidingWindowLimiter(store, SALT, 1, 60, clock)
    limiter.try_acquire("u")
    for _ in range(5):
        clock.now += 10
        limiter.try_acquire("u")
    clock.now += 11
    assert limiter.try_acquire("u")


@pytest.mark.parametrize(("elapsed", "expected"), [(0, 60), (15.5, 45), (59.9, 1), (60, 0)])
def test_seconds_until_free_counts_down(
    store: Store, clock: FakeClock, elapsed: float, expected: int
) -> None:
    limiter = SlidingWindowLimiter(store, SALT, 1, 60, clock)
    limiter.try_acquire("u")
    clock.now += elapsed
    assert limiter.seconds_until_free("u") == expected


def test_idle_users_are_forgotten(store: Store, clock: FakeClock) -> None:
    limiter = SlidingWindowLimiter(store, SALT, 5, 60, clock)
    for user in range(100):
        limiter.try_acquire(user)
    clock.now += 61
    limiter.try_acquire("newcomer")
    assert limiter.tracked_keys() == 1


@pytest.mark.parametrize(("limit", "window"), [(0, 60), (1, 0), (-1, 5)])
def test_rejects_meaningless_limits(store: Store, limit: int, window: float) -> None:
    with pytest.raises(ValueError, match="limit must be >= 1 and window > 0"):
        SlidingWindowLimiter(store, SALT, limit, window)


def test_two_limiters_on_one_store_share_the_allowance(store: Store, clock: FakeClock) -> None:
    # Two replicas, one database: the limit holds per user, not per process.
    first = SlidingWindowLimiter(store, SALT, 2, 60, clock)
    second = SlidingWindowLimiter(store, SALT, 2, 60, clock)
    assert [first.try_acquire(7), second.try_acquire(7), first.try_acquire(7), second.try_acquire(7)] == [
        True,
        True,
        False,
        False,
    ]
    assert second.seconds_until_free(7) == 60
