"""Count logged questions per day: the series ``/stats`` draws.

Pure functions over ``LoggedQuestion`` records, like ``bot.pressdesk.stats``:
days are UTC calendar days, every day of the period is present (a quiet day
is a zero, not a gap in the chart), and languages are ranked by volume.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from bot.pressdesk.records import LoggedQuestion, as_utc

CHART_DAYS = 7  # /stats draws a week, like its "last 7 days" figures
MAX_CHART_DAYS = 366


@dataclass(frozen=True, slots=True)
class LanguageSeries:
    """Questions per day in one language."""

    language: str
    counts: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class DailySeries:
    """Questions per day of a period: answered, declined, and by language."""

    days: tuple[date, ...]
    answered: tuple[int, ...]
    declined: tuple[int, ...]
    by_language: tuple[LanguageSeries, ...]

    @property
    def total(self) -> int:
        """Questions in the whole period."""
        return sum(self.answered) + sum(self.declined)

    @property
    def answered_share(self) -> float | None:
        """Answered / asked over the period, or None when nobody asked."""
        return sum(self.answered) / self.total if self.total else None


def period_days(days: int, now: datetime) -> tuple[datetime, datetime]:
    """The ``days`` UTC calendar days ending with ``now``'s: ``[since, until)``."""
    if not 1 <= days <= MAX_CHART_DAYS:
        raise ValueError(f"the period must be 1 to {MAX_CHART_DAYS} days, got {days}")
    today = as_utc(now).date()
    since = datetime.combine(today - timedelta(days=days - 1), time(), UTC)
    return since, datetime.combine(today + timedelta(days=1), time(), UTC)


def daily_series(rows: Sequence[LoggedQuestion], since: datetime, until: datetime) -> DailySeries:
    """Count ``rows`` per UTC day of ``[since, until)`` (rows outside are ignored)."""
    first, end = as_utc(since).date(), as_utc(until).date()
    days = tuple(first + timedelta(days=n) for n in range((end - first).days))
    slot = {day: n for n, day in enumerate(days)}
    answered, declined = [0] * len(days), [0] * len(days)
    languages: dict[str, list[int]] = {}
    volume: Counter[str] = Counter()
    for row in rows:
        n = slot.get(as_utc(row.asked_at).date())
        if n is None:
            continue
        (answered if row.answered else declined)[n] += 1
        languages.setdefault(row.language, [0] * len(days))[n] += 1
        volume[row.language] += 1
    ranked = sorted(languages, key=lambda lang: (-volume[lang], lang))
    return DailySeries(
        days=days,
        answered=tuple(answered),
        declined=tuple(declined),
        by_language=tuple(LanguageSeries(lang, tuple(languages[lang])) for lang in ranked),
    )
