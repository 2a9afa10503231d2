"""Read the period and format of ``/export`` from its arguments.

``/export`` alone covers the last seven days; ``/export 30`` the last thirty;
``/export 2026-11-01 2026-11-28`` those calendar days in UTC, both included
(a press officer counting "November 1 to 28" means the 28th too). A ``;``
among the arguments asks for semicolon-separated CSV, which Excel on a
Russian or Belarusian Windows opens into columns (see ``bot.pressdesk.export``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from bot.pressdesk.records import PressDeskError

DEFAULT_EXPORT_DAYS = 7
MAX_EXPORT_DAYS = 3660  # ten years: beyond any retention period, short of datetime overflow
SEMICOLON_WORDS = frozenset({";", "semicolon"})


class ExportPeriodError(PressDeskError, ValueError):
    """The arguments of ``/export`` name no period it understands."""


@dataclass(frozen=True)
class ExportRequest:
    """Questions asked in ``[since, until)``, as CSV separated by ``delimiter``."""

    since: datetime
    until: datetime
    delimiter: str = ","

    @property
    def last_moment(self) -> datetime:
        """The last instant included, for showing the period ("to 2026-11-28 23:59")."""
        return self.until - timedelta(microseconds=1)

    @property
    def file_name(self) -> str:
        """A file name saying the period: ``questions_2026-11-01_2026-11-28.csv``."""
        return f"questions_{self.since:%Y-%m-%d}_{self.last_moment:%Y-%m-%d}.csv"


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ExportPeriodError(f"{text!r} is not a date like 2026-11-28") from None


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


def parse_days(word: str) -> int:
    """A number of days from 1 to ``MAX_EXPORT_DAYS`` (``/export 30``, ``/unanswered 30``).

    Raises:
        ExportPeriodError: not a whole number in that range.
    """
    if not word.isdigit() or not 1 <= int(word) <= MAX_EXPORT_DAYS:
        raise ExportPeriodError(f"the number of days must be a whole number from 1 to {MAX_EXPORT_DAYS}")
    return int(word)


def parse_export_request(arguments: Sequence[str], now: datetime) -> ExportRequest:
    """Turn ``/export``'s arguments into an ``ExportRequest`` ending at ``now`` or at a date.

    Raises:
        ExportPeriodError: not a number of days, not two dates, dates in the
            wrong order, or a number of days out of range.
    """
    delimiter = ";" if any(a.lower() in SEMICOLON_WORDS for a in arguments) else ","
    words = [a for a in arguments if a.lower() not in SEMICOLON_WORDS]
    if not words:
        return ExportRequest(now - timedelta(days=DEFAULT_EXPORT_DAYS), now, delimiter)
    if len(words) == 1 and words[0].isdigit():
        return ExportRequest(now - timedelta(days=parse_days(words[0])), now, delimiter)
    if len(words) == 2:
        first, last = _day(words[0]), _day(words[1])
        if last < first:
            raise ExportPeriodError("the first date must not be after the second")
        return ExportRequest(_start_of(first), _start_of(last + timedelta(days=1)), delimiter)
    raise ExportPeriodError("give a number of days or two dates")
