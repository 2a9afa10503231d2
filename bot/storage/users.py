"""How a Telegram user id is stored: never raw, only as a salted hash.

Every store keyed by user (the question log, the preferences) uses this one
function, so a rotated ``BOT_USER_HASH_SALT`` forgets a user everywhere at once.
"""

from __future__ import annotations

import hashlib
import hmac


def hash_user(user_id: int | str, salt: str) -> str:
    """Return the hex HMAC-SHA256 of a Telegram user id (or any other key) keyed with ``salt``.

    A keyed hash, not ``sha256(salt + id)``: the salt is the secret that keeps
    the ~10^10 possible ids from being hashed one by one and matched. An integer
    is hashed as its decimal digits, so ``hash_user(42, s) == hash_user("42", s)``.
    """
    text = str(int(user_id)) if isinstance(user_id, int) else user_id
    return hmac.new(salt.encode("utf-8"), text.encode("utf-8"), hashlib.sha256).hexdigest()
