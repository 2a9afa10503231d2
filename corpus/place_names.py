"""Other names of countries and mission cities, kept by operators in ``corpus/places/other_names.yaml``.

Why a data file: the ISO catalogues (pycountry) hold each country's official and
common names, and the mission records each city's name in three languages, but
people also write "Persia", "Burma", "Kiev", "Питер", "Нур-Султан" or "КНДР". Those
names change with usage, not with code, so an operator adds one by editing the
file; a bad entry stops the build with a message naming the file and the entry.

The file maps an ISO 3166-1 alpha-2 code (``countries``) or a mission record's
English city name (``cities``) or a region (``regions``: a consular district's region
as the records name it in English, or an ISO 3166-2 region name such as "Lubelskie")
to a list of names in any of the three languages. Cities and regions are checked
against the records when the corpus is loaded (``check_places``): a name for a place
no record has would never be found.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from corpus.countries import is_country_code, subdivision_iso_names
from corpus.errors import PlaceNameError
from corpus.yaml_text import YamlTextError, load_yaml_text

__all__ = ["OTHER_NAMES_FILE", "OtherNames", "load_other_names"]

OTHER_NAMES_FILE = Path("places") / "other_names.yaml"

_Names = list[str]


@dataclass(frozen=True)
class OtherNames:
    """Other names by place: ISO code -> names, and a record's English city name -> names."""

    countries: dict[str, tuple[str, ...]] = field(default_factory=dict)
    cities: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # a consular district's region (its English name in the records) or an ISO 3166-2 region -> names
    regions: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def check_places(
        self, cities: Iterable[str], regions: Iterable[str], where: Path | str = OTHER_NAMES_FILE
    ) -> None:
        """Raise ``PlaceNameError`` for a city or region no record names (its names would never match).

        Args:
            cities: the records' English city names.
            regions: the English names of the regions the records' consular districts cover.
        """
        unknown = sorted(set(self.cities) - set(cities))
        if unknown:
            raise PlaceNameError(
                f"{where}: cities: {unknown[0]!r} is no mission record's city (see corpus/missions/*.yaml)"
            )
        known_regions = set(regions) | subdivision_iso_names()
        unknown = sorted(set(self.regions) - known_regions)
        if unknown:
            raise PlaceNameError(
                f"{where}: regions: {unknown[0]!r} is neither a region a consular district covers "
                "nor an ISO 3166-2 region name (such as Lubelskie)"
            )


class _OtherNamesModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    countries: dict[str, _Names] = Field(default_factory=dict)
    cities: dict[str, _Names] = Field(default_factory=dict)
    regions: dict[str, _Names] = Field(default_factory=dict)

    @field_validator("countries")
    @classmethod
    def _codes(cls, value: dict[str, _Names]) -> dict[str, _Names]:
        for code in value:
            if not is_country_code(code):
                raise ValueError(f"{code!r} is not an ISO 3166-1 alpha-2 code (such as IR, MM)")
        return value

    @field_validator("countries", "cities", "regions")
    @classmethod
    def _names(cls, value: dict[str, _Names]) -> dict[str, _Names]:
        for place, names in value.items():
            if not names or any(not name.strip() for name in names):
                raise ValueError(f"{place!r}: needs a list of non-empty names")
        return value


def load_other_names(path: Path) -> OtherNames:
    """Read and validate the other-names file; an absent file means no other names.

    Raises:
        PlaceNameError: the file is not valid YAML, has an unknown key or code, an
            empty name, or gives one name to two places.
    """
    path = Path(path)
    if not path.is_file():
        return OtherNames()
    try:
        raw = load_yaml_text(path.read_text("utf-8"))
        model = _OtherNamesModel.model_validate(raw or {})
    except (OSError, YamlTextError) as exc:
        raise PlaceNameError(f"{path}: cannot be read: {exc}") from exc
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"])
        raise PlaceNameError(f"{path}: {where}: {error['msg']}") from exc
    owner: dict[str, str] = {}
    for section, places in (
        ("countries", model.countries),
        ("cities", model.cities),
        ("regions", model.regions),
    ):
        for place, names in places.items():
            for name in names:
                key = name.casefold()
                if key in owner and owner[key] != place:
                    raise PlaceNameError(
                        f"{path}: {section}: {place}: {name!r} is already a name of {owner[key]}"
                    )
                owner[key] = place
    return OtherNames(
        countries={code: tuple(names) for code, names in model.countries.items()},
        cities={city: tuple(names) for city, names in model.cities.items()},
        regions={region: tuple(names) for region, names in model.regions.items()},
    )
