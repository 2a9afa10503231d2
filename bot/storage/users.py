"""How a Telegram user id is stored: never raw, only as a salted hash.

Every store keyed by user (the question log, the preferences) uses this one
function, so a rotated ``BOT_USER_HASH_SALT`` forgets a user everywhere at once.
"""

from __future__ import annotations

import hashlib
import hmac


def hash_user(user_id: int, salt: str) -> str:
    """Return the hex HMAC-SHA256 of a Telegram user id keyed with ``salt``.

    A keyed hash, not ``sha256(salt + id)``: the salt is the secret that keeps
    the ~10^10 possible ids from being hashed one by one and matched.
    """
    return hmac.new(salt.encode("utf-8"), str(int(user_id)).encode("ascii"), hashlib.sha256).hexdigest()
