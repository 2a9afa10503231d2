"""Which mission? Questions about embassies and consulates, answered from the records alone.

``MissionDirectory.lookup`` recognises a question about a mission (a kind and a
place) and returns a ``MissionQuery`` with the matching records; ``places``
finds countries and cities in a question, in three languages and with typos.
No index is involved: the records are few and their names are the evidence.
"""

from bot.missions.lookup import MissionDirectory, MissionQuery
from bot.missions.places import Place, PlaceIndex, PlaceMention

__all__ = ["MissionDirectory", "MissionQuery", "Place", "PlaceIndex", "PlaceMention"]
