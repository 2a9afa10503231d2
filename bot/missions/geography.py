"""Where countries lie, to offer the nearest listed mission when a country has none.

The one module importing ``countryinfo``: it ships each country's coordinates
(its capital's, and a centre point) inside the package, so nothing is fetched at
run time. Chosen over a hand-made table because it covers every ISO country and
is maintained; pycountry, which the project already uses, has no coordinates.
Distances are great-circle (haversine) distances between capitals, which is what
"nearest" means to someone deciding where to travel or send a letter.
"""

from __future__ import annotations

import math
from functools import lru_cache

from countryinfo import CountryInfo, CountryNotFoundError

EARTH_RADIUS_KM = 6371.0


@lru_cache(maxsize=512)
def country_position(code: str) -> tuple[float, float] | None:
    """The (latitude, longitude) of the country's capital, else of its centre; None if unknown."""
    try:
        info = CountryInfo(code)
        point = info.capital_latlng() or info.latlng()
    except (CountryNotFoundError, KeyError, ValueError):
        return None
    if not point or len(point) != 2:
        return None
    return float(point[0]), float(point[1])


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance by the haversine formula."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))
