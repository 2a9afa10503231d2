"""Diplomatic mission records: the schema, and the loader of ``corpus/missions/*.yaml``.

Operators keep the records by editing two YAML files (``belarus_abroad.yaml`` and
``foreign_in_belarus.yaml``), each a list of records. A bad record must stop the
build with a message that lets the operator fix the file without reading code, so
every validation error names the file, the record (index and id) and the field.

Dates are partial ISO strings ("2021", "2021-10" or "2021-10-21") rather than
``datetime.date``: the sources often give only a month or a year, and padding
them to a day would invent precision the record does not have. They still sort
correctly as strings.

Every contact fact (website, address, phone, e-mail, reception hours) is a
``Contact`` carrying its own source and date, so a card can say where each one
was seen; texts a card shows (status notes, hours, disputes, notices) are
``LocalText`` in English, Russian and Belarusian, and say which language is the
source's own paraphrase, so the others can be marked as translations. The old
flat fields (``address: ...``, ``phones: [...]``) are still accepted from hand-
edited files and become contacts citing the record's own source.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Literal, get_args

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from config import http_url
from corpus.countries import is_country_code
from corpus.errors import CorpusError

Direction = Literal["belarus_abroad", "foreign_in_belarus"]
MissionKind = Literal[
    "embassy",
    "consulate_general",
    "consulate",
    "embassy_branch",
    "permanent_mission",
    "honorary_consulate",
]
MissionState = Literal["open", "suspended", "closed", "planned"]
SourceKind = Literal["official", "agency", "press", "encyclopedia"]
ContactKind = Literal["website", "address", "phone", "email", "hours", "rules"]
Language = Literal["en", "ru", "be"]

DIRECTIONS: tuple[str, ...] = get_args(Direction)
MISSION_KINDS: tuple[str, ...] = get_args(MissionKind)  # also the order cards and lists use

_ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class MissionDataError(CorpusError):
    """A mission file or record is malformed: the message names file, record and field."""


def _partial_date(value: object) -> object:
    """Accept "YYYY", "YYYY-MM", "YYYY-MM-DD", or what YAML makes of them (date, int)."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError(f"must be a date written YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    match = _PARTIAL_DATE.match(value.strip())
    if not match:
        raise ValueError(f"must be a date written YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        dt.date(year or 0, month or 1, day or 1)
    except ValueError:
        raise ValueError(f"is not a real date: {value!r}") from None
    return value.strip()


PartialDate = Annotated[str, BeforeValidator(_partial_date)]
"""An ISO date that may stop at the month or the year; compares correctly as a string."""


WebAddress = Annotated[str, AfterValidator(http_url)]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Names(_Record):
    """The same name in English, Russian and Belarusian; each may be missing."""

    en: str | None = None
    ru: str | None = None
    be: str | None = None

    def get(self, lang: str | None) -> str | None:
        """Return the name in ``lang``, falling back to English, then to any language."""
        by_lang = {"en": self.en, "ru": self.ru, "be": self.be}
        return by_lang.get(lang or "en") or self.en or self.ru or self.be


class LocalText(_Record):
    """A text shown on cards, in English, Russian and Belarusian.

    ``original`` is the language written from the source (a paraphrase, never a
    copied sentence); the other languages are the project's translations of it,
    and cards mark them as such. A language left out is not shown in that
    language: a Russian card never falls back to English text.
    """

    en: str | None = None
    ru: str | None = None
    be: str | None = None
    original: Language = "en"

    def get(self, lang: str) -> str | None:
        """The text in ``lang``, or None: no fallback to another language."""
        return {"en": self.en, "ru": self.ru, "be": self.be}.get(lang)

    def is_translation(self, lang: str) -> bool:
        """Whether the ``lang`` text is our translation rather than the source's wording."""
        return lang != self.original


def _local_text(value: object) -> object:
    """A bare string in a file is an English text (how the first records were written)."""
    return {"en": value} if isinstance(value, str) else value


Text = Annotated[LocalText, BeforeValidator(_local_text)]


def _place_names(value: object) -> object:
    return {"en": value} if isinstance(value, str) else value


class PlaceName(_Record):
    """A covered country or region: its English name (what the lookup and pycountry know)
    and, for regions pycountry cannot translate, its Russian and Belarusian names."""

    en: str = Field(min_length=1)
    ru: str | None = None
    be: str | None = None

    def get(self, lang: str) -> str | None:
        """The name in ``lang`` if the record has it."""
        return {"en": self.en, "ru": self.ru, "be": self.be}.get(lang)


CoveredPlace = Annotated[PlaceName, BeforeValidator(_place_names)]


class Head(_Record):
    """The head of mission as the newest acceptable source named them."""

    name: str = Field(min_length=1)
    title: str | None = None
    as_of: PartialDate | None = None


class Status(_Record):
    """Whether the mission works, since when, and where to turn if it does not.

    ``state`` is None when no acceptable source says whether the mission operates:
    the record then says nothing about it rather than guessing "open".
    ``turn_to`` is either the id of another mission record or a short text.
    """

    state: MissionState | None = None
    since: PartialDate | None = None
    note: Text | None = None
    turn_to: str | None = None


class Source(_Record):
    """Where a fact was seen: a URL or, for print and undated material, a name."""

    url: WebAddress | None = None
    name: str | None = None
    date: PartialDate | None = None
    kind: SourceKind | None = None

    @model_validator(mode="after")
    def _url_or_name(self) -> Source:
        if not self.url and not self.name:
            raise ValueError("needs a url or a name")
        return self

    @property
    def label(self) -> str:
        """What a reply cites: the URL, or the name when there is none."""
        return self.url or self.name or ""


class Contact(_Record):
    """One contact fact and the source it was seen in.

    ``value`` is the fact as the source prints it (URL, address, number, e-mail);
    ``text`` says what it is for ("consular appointments") or, for ``hours`` and
    ``rules`` (how to apply: fees, post, appointments), is the text itself, in
    three languages.
    """

    kind: ContactKind
    value: str | None = None
    text: Text | None = None
    source: Source

    @model_validator(mode="after")
    def _has_content(self) -> Contact:
        if self.kind in ("hours", "rules") and self.text is None:
            raise ValueError(f"text: {self.kind} need a text")
        if self.kind not in ("hours", "rules") and not self.value:
            raise ValueError(f"value: a {self.kind} needs a value")
        if self.kind == "website" and self.value:
            http_url(self.value)
        return self


class Notice(_Record):
    """A general consular fact that applies to this mission (e.g. Edict No. 278)."""

    text: Text
    since: PartialDate | None = None
    source: Source


_LEGACY_CONTACTS = (("website", "website"), ("address", "address"), ("email", "email"), ("hours", "hours"))


class Mission(_Record):
    """One diplomatic mission: of Belarus abroad, or of another state in Belarus.

    ``country`` is the host country for ``belarus_abroad`` and the sending country
    (or organisation, e.g. the European Union) for ``foreign_in_belarus``.
    """

    id: str
    direction: Direction
    kind: MissionKind
    country: str = Field(min_length=1)
    country_code: str | None = None
    organisation: str | None = None
    city: str = Field(min_length=1)
    city_names: Names = Names()
    names: Names = Names()
    contacts: list[Contact] = []
    covers: list[CoveredPlace] = []
    head: Head | None = None
    status: Status = Status()
    notices: list[Notice] = []
    disputes: list[Text] = []
    sources: list[Source] = Field(min_length=1)
    checked: PartialDate
    conflicts: list[str] = []
    notes: list[str] = []
    history: list[str] = []

    @model_validator(mode="before")
    @classmethod
    def _legacy_contact_fields(cls, data: object) -> object:
        """Turn flat ``address:``/``phones:`` fields into contacts citing the record's source."""
        if not isinstance(data, dict) or not any(
            key in data for key in ("address", "phones", "email", "website", "hours")
        ):
            return data
        data = dict(data)
        sources = data.get("sources") or []
        dated = [s for s in sources if isinstance(s, dict) and s.get("date")]
        source = max(dated, key=lambda s: str(s["date"])) if dated else (sources[0] if sources else {})
        contacts = list(data.get("contacts") or [])
        website = data.get("website")
        if website is not None:
            try:
                http_url(str(website))
            except ValueError as exc:
                raise ValueError(f"website: {exc}") from None
        for key, kind in _LEGACY_CONTACTS:
            value = data.pop(key, None)
            if value and kind == "hours":
                contacts.append({"kind": kind, "text": value, "source": source})
            elif value:
                contacts.append({"kind": kind, "value": value, "source": source})
        contacts.extend(
            {"kind": "phone", "value": phone, "source": source} for phone in data.pop("phones", None) or []
        )
        data["contacts"] = contacts
        return data

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not _ID_PATTERN.match(value):
            raise ValueError(f"must be a lower-case slug like 'by-embassy-germany-berlin', got {value!r}")
        return value

    @field_validator("country_code")
    @classmethod
    def _iso_code(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not is_country_code(value):
            raise ValueError(f"must be an ISO 3166-1 alpha-2 code like 'DE', got {value!r}")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Mission:
        if self.kind == "permanent_mission" and not self.organisation:
            raise ValueError("organisation: a permanent mission must name its organisation")
        if self.direction == "belarus_abroad" and self.country_code == "BY":
            raise ValueError("country_code: a mission of Belarus abroad cannot be hosted by Belarus")
        if self.status.since and self.status.state is None:
            raise ValueError("status.since: a date needs a state (open, suspended, closed or planned)")
        newest = max((s.date for s in self.sources if s.date), default=None)
        if newest and self.checked < newest:
            raise ValueError(f"checked: {self.checked} is older than the newest source ({newest})")
        return self

    @property
    def source(self) -> Source:
        """The source a card cites: the newest dated one, else the first listed."""
        dated = [s for s in self.sources if s.date]
        return max(dated, key=lambda s: s.date or "") if dated else self.sources[0]

    def contacts_of(self, kind: str) -> list[Contact]:
        """The contacts of one kind, in the record's order (the converter puts the best first)."""
        return [c for c in self.contacts if c.kind == kind]

    def _first(self, kind: str) -> str | None:
        found = self.contacts_of(kind)
        return found[0].value if found else None

    @property
    def website(self) -> str | None:
        """The mission's official site, when a source confirmed it."""
        return self._first("website")

    @property
    def address(self) -> str | None:
        """The first address (as the source prints it)."""
        return self._first("address")

    @property
    def email(self) -> str | None:
        """The first e-mail address."""
        return self._first("email")

    @property
    def phones(self) -> list[str]:
        """Every phone number, as printed."""
        return [c.value for c in self.contacts_of("phone") if c.value]

    @property
    def hours(self) -> LocalText | None:
        """The first reception rule."""
        found = self.contacts_of("hours")
        return found[0].text if found else None

    @property
    def has_contacts(self) -> bool:
        """Whether the record holds anything a visitor can use to reach the mission."""
        return bool(self.address or self.phones or self.email)


def _describe_location(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc) or "(record)"


def _record_errors(path: Path, index: int, raw: object, exc: ValidationError) -> MissionDataError:
    record_id = raw.get("id") if isinstance(raw, dict) else None
    problems = []
    for error in exc.errors():
        message = error["msg"].removeprefix("Value error, ")
        field = _describe_location(error["loc"])
        if field == "(record)" and ":" in message.split(" ")[0]:
            field, message = message.split(": ", 1)
        problems.append(f"field '{field}': {message}")
    return MissionDataError(f"{path}: record {index} (id {record_id!r}): " + "; ".join(problems))


def _read_file(path: Path) -> list[Mission]:
    try:
        raw_records = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise MissionDataError(f"{path}: not valid YAML: {exc}") from exc
    if raw_records is None:
        return []
    if not isinstance(raw_records, list):
        raise MissionDataError(f"{path}: must be a list of records, got {type(raw_records).__name__}")
    missions = []
    for index, raw in enumerate(raw_records):
        if not isinstance(raw, dict):
            raise MissionDataError(f"{path}: record {index}: must be a mapping of fields")
        try:
            mission = Mission.model_validate(raw)
        except ValidationError as exc:
            raise _record_errors(path, index, raw, exc) from None
        if path.stem in DIRECTIONS and mission.direction != path.stem:
            raise MissionDataError(
                f"{path}: record {index} (id {mission.id!r}): field 'direction': "
                f"must be {path.stem!r} in this file, got {mission.direction!r}"
            )
        missions.append(mission)
    return missions


def load_missions(directory: Path) -> list[Mission]:
    """Read and validate every ``*.yaml`` mission file in ``directory``.

    Args:
        directory: the folder holding the mission files (``corpus/missions``).

    Returns:
        All records, file by file in name order, each file in its own order.

    Raises:
        MissionDataError: a file is missing, unreadable or holds a bad record; the
            message names the file, the record (index and id) and the field.
    """
    paths = sorted(Path(directory).glob("*.yaml"))
    if not paths:
        raise MissionDataError(f"{directory}: no mission files (*.yaml) found")
    missions: list[Mission] = []
    where: dict[str, tuple[Path, int]] = {}
    for path in paths:
        for index, mission in enumerate(_read_file(path)):
            if mission.id in where:
                first_path, first_index = where[mission.id]
                raise MissionDataError(
                    f"{path}: record {index} (id {mission.id!r}): field 'id': "
                    f"already used by record {first_index} of {first_path}"
                )
            where[mission.id] = (path, index)
            missions.append(mission)
    for mission in missions:
        target = mission.status.turn_to
        if target and _ID_PATTERN.match(target) and target not in where:
            path, index = where[mission.id]
            raise MissionDataError(
                f"{path}: record {index} (id {mission.id!r}): field 'status.turn_to': "
                f"no mission has the id {target!r}"
            )
    return missions
