"""The salted user hash: the only form in which a Telegram user id reaches any database."""

from __future__ import annotations

import hashlib
import hmac

__all__ = ["hash_user"]


def hash_user(user_id: int | str, salt: str) -> str:
    """Return the hex HMAC-SHA256 of a Telegram user id (or any key) keyed with ``salt``.

    A keyed hash, not ``sha256(salt + id)``: the salt is the secret that keeps
    the ~10^10 possible ids from being hashed one by one and matched. Integers
    are hashed as their decimal digits, so ``hash_user(42, s) == hash_user("42", s)``.
    """
    text = str(int(user_id)) if isinstance(user_id, int) else str(user_id)
    return hmac.new(salt.encode("utf-8"), text.encode("utf-8"), hashlib.sha256).hexdigest()
