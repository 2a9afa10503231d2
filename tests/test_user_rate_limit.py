"""The per-user sliding window allows N questions in any minute, per user."""

from __future__ import annotations

import pytest

from bot.telegram.rate_limit import SlidingWindowLimiter


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def test_allows_up_to_the_limit_then_refuses(clock: FakeClock) -> None:
    limiter = SlidingWindowLimiter(3, 60, clock)
    assert [limiter.try_acquire("u") for _ in range(4)] == [True, True, True, False]


def test_users_have_separate_allowances(clock: FakeClock) -> None:
    limiter = SlidingWindowLimiter(1, 60, clock)
    assert limiter.try_acquire(1) and limiter.try_acquire(2)
    assert not limiter.try_acquire(1)


def test_window_slides_instead_of_resetting(clock: FakeClock) -> None:
    limiter = SlidingWindowLimiter(2, 60, clock)
    limiter.try_acquire("u")
    clock.now += 30
    limiter.try_acquire("u")
    clock.now += 31  # the first question is now older than a minute, the second is not
    assert limiter.try_acquire("u")
    assert not limiter.try_acquire("u")


def test_refused_attempts_do_not_extend_the_wait(clock: FakeClock) -> None:
    limiter = SlidingWindowLimiter(1, 60, clock)
    limiter.try_acquire("u")
    for _ in range(5):
        clock.now += 10
        limiter.try_acquire("u")
    clock.now += 11
    assert limiter.try_acquire("u")


@pytest.mark.parametrize(("elapsed", "expected"), [(0, 60), (15.5, 45), (59.9, 1), (60, 0)])
def test_seconds_until_free_counts_down(clock: FakeClock, elapsed: float, expected: int) -> None:
    limiter = SlidingWindowLimiter(1, 60, clock)
    limiter.try_acquire("u")
    clock.now += elapsed
    assert limiter.seconds_until_free("u") == expected


def test_idle_users_are_forgotten(clock: FakeClock) -> None:
    limiter = SlidingWindowLimiter(5, 60, clock)
    for user in range(100):
        limiter.try_acquire(user)
    clock.now += 61
    limiter.try_acquire("newcomer")
    assert len(limiter) == 1


@pytest.mark.parametrize(("limit", "window"), [(0, 60), (1, 0), (-1, 5)])
def test_rejects_meaningless_limits(limit: int, window: float) -> None:
    with pytest.raises(ValueError, match="limit must be >= 1 and window > 0"):
        SlidingWindowLimiter(limit, window)
