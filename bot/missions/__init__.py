"""Which mission? Questions about embassies and consulates, answered from the records alone.

``MissionDirectory.lookup`` recognises a question about a mission (a kind and a
place) and returns a ``MissionQuery`` with the matching records; ``places``
finds countries and cities in a question, in three languages and with typos.
No index is involved: the records are few and their names are the evidence.
``check`` counts how complete and fresh the records are (``missions check``).
"""

from bot.missions.check import (
    HEAD_MAX_AGE_DAYS,
    DirectionFigures,
    check_missions,
    head_is_stale,
    render_check,
)
from bot.missions.lookup import MissionDirectory, MissionQuery
from bot.missions.places import Place, PlaceIndex, PlaceMention

__all__ = [
    "HEAD_MAX_AGE_DAYS",
    "DirectionFigures",
    "MissionDirectory",
    "MissionQuery",
    "Place",
    "PlaceIndex",
    "PlaceMention",
    "check_missions",
    "head_is_stale",
    "render_check",
]
