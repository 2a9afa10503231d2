"""A per-user sliding-window limit on questions per minute, kept in the shared store.

Telegram's own flood limits protect Telegram; this protects the bot (and the
other users sharing its CPU cores) from one person pasting questions in a loop.
A sliding window counts exactly the questions of the last ``window`` seconds,
so a user who waits gets their allowance back smoothly, unlike a fixed
per-minute bucket that resets all at once.

The events live in the ``Store``, not in this process: with three replicas a
per-process counter would give each user three times the limit. Users are
keyed by the salted hash, and wall-clock seconds are used because every
replica must agree on them.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Hashable

from bot.storage import Store, hash_user


class SlidingWindowLimiter:
    """Allow each key at most ``limit`` events in any ``window`` seconds, across every replica."""

    def __init__(
        self,
        store: Store,
        salt: str,
        limit: int,
        window: float = 60.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("limit must be >= 1 and window > 0")
        self.limit = limit
        self.window = window
        self._store = store
        self._salt = salt
        self._clock = clock
        self._last_sweep = clock()

    def _key(self, key: Hashable) -> str:
        return hash_user(str(key), self._salt)

    def try_acquire(self, key: Hashable) -> bool:
        """Count one event for ``key`` and return True, or return False if over the limit.

        A refused event is not counted, so a user who keeps trying is not
        locked out for longer than the window.

        Raises:
            StorageError: the store failed (the caller decides whether to answer anyway).
        """
        now = self._clock()
        if now - self._last_sweep > self.window:
            self._last_sweep = now
            self._store.purge_rate_events_before(now - self.window)
        return self._store.rate_acquire(self._key(key), now, self.limit, self.window) == 0.0

    def seconds_until_free(self, key: Hashable) -> int:
        """Whole seconds until ``key`` may ask again (0 when it may ask now)."""
        wait = self._store.rate_wait(self._key(key), self._clock(), self.limit, self.window)
        return 0 if wait == 0.0 else max(1, math.ceil(wait))

    def tracked_keys(self) -> int:
        """How many keys have events stored (for tests of memory bounds)."""
        return self._store.rate_tracked_keys()
