"""Mission records as passages, so free questions ("Belarus embassy phone Berlin") can find them.

A recognised mission question is answered from the records directly (see
``bot.missions.lookup``); these passages are the way in for everything the
lookup does not recognise. The text states the record's facts in plain English
and nothing else, so a quote of it never says more than the record.
"""

from __future__ import annotations

from corpus.missions_schema import Mission
from corpus.passage import RECORD_KIND, Passage

_KIND_NAMES = {
    "embassy": "Embassy",
    "consulate_general": "Consulate General",
    "consulate": "Consulate",
    "embassy_branch": "Embassy branch office",
    "permanent_mission": "Permanent Mission",
    "honorary_consulate": "Honorary Consulate",
}
MISSIONS_SOURCE_NAME = "Diplomatic missions records"


def _english_title(mission: Mission) -> str:
    """The mission's English name, or one made from its kind and place."""
    if mission.names.en:
        return mission.names.en
    kind = _KIND_NAMES[mission.kind]
    if mission.direction == "belarus_abroad":
        target = f" to the {mission.organisation}" if mission.organisation else ""
        return f"{kind} of the Republic of Belarus{target} in {mission.city}, {mission.country}"
    return f"{kind} of {mission.country} in {mission.city}, Belarus"


def _sentences(mission: Mission) -> list[str]:
    facts = [f"{_english_title(mission)}."]
    if mission.address:
        facts.append(f"Address: {mission.address}.")
    if mission.phones:
        facts.append(f"Phone: {', '.join(mission.phones)}.")
    if mission.email:
        facts.append(f"E-mail: {mission.email}.")
    if mission.website:
        facts.append(f"Website: {mission.website}.")
    if mission.covers:
        facts.append(f"Also covers: {', '.join(place.en for place in mission.covers)}.")
    if mission.head:
        title = f", {mission.head.title}" if mission.head.title else ""
        as_of = f" (as of {mission.head.as_of})" if mission.head.as_of else ""
        facts.append(f"Head of mission: {mission.head.name}{title}{as_of}.")
    if mission.status.state and mission.status.state != "open":
        since = f" since {mission.status.since}" if mission.status.since else ""
        facts.append(f"Status: {mission.status.state}{since}.")
    return facts


def mission_passage(mission: Mission) -> Passage:
    """One passage holding a mission record's facts, citing the record's newest source."""
    sentences = tuple(_sentences(mission))
    source = mission.source
    return Passage(
        id=f"mission:{mission.id}",
        doc_id=f"mission:{mission.id}",
        family=f"mission:{mission.id}",
        position=1,
        text=" ".join(sentences),
        sentences=sentences,
        title=_english_title(mission),
        section=mission.country,
        language="en",
        kind=RECORD_KIND,
        source_name=source.name or MISSIONS_SOURCE_NAME,
        source_url=source.url or "",
        date=str(mission.checked),
        mission_id=mission.id,
    )
