"""A per-user sliding-window limit on questions per minute.

Telegram's own flood limits protect Telegram; this protects the bot (and the
other users sharing its two CPU cores) from one person pasting questions in a
loop. A sliding window counts exactly the questions of the last ``window``
seconds, so a user who waits gets their allowance back smoothly, unlike a fixed
per-minute bucket that resets all at once.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable, Hashable


class SlidingWindowLimiter:
    """Allow each key at most ``limit`` events in any ``window`` seconds."""

    def __init__(self, limit: int, window: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("limit must be >= 1 and window > 0")
        self.limit = limit
        self.window = window
        self._clock = clock
        self._events: dict[Hashable, deque[float]] = {}
        self._last_sweep = clock()

    def try_acquire(self, key: Hashable) -> bool:
        """Count one event for ``key`` and return True, or return False if over the limit.

        A refused event is not counted, so a user who keeps trying is not
        locked out for longer than the window.
        """
        now = self._clock()
        events = self._recent(key, now)
        if len(events) >= self.limit:
            return False
        events.append(now)
        return True

    def seconds_until_free(self, key: Hashable) -> int:
        """Whole seconds until ``key`` may ask again (0 when it may ask now)."""
        now = self._clock()
        events = self._recent(key, now)
        if len(events) < self.limit:
            return 0
        return max(1, math.ceil(events[0] + self.window - now))

    def _recent(self, key: Hashable, now: float) -> deque[float]:
        """The key's events inside the window."""
        if now - self._last_sweep > self.window:
            self._forget_idle(now)
        events = self._events.setdefault(key, deque())
        while events and events[0] <= now - self.window:
            events.popleft()
        return events

    def _forget_idle(self, now: float) -> None:
        """Drop keys with no event in the window, so memory follows active users only."""
        self._last_sweep = now
        idle = [k for k, ev in self._events.items() if not ev or ev[-1] <= now - self.window]
        for key in idle:
            del self._events[key]

    def __len__(self) -> int:
        """How many keys are tracked (for tests of memory bounds)."""
        return len(self._events)
