"""Figures that say how complete and how fresh the mission records are (``missions check``).

Per direction: how many records, how many open, how many hold each kind of
contact, how many were last checked more than a year ago, how many name a head
"as of" a date older than the set age, and how many carry conflicting sources.
Schema errors are not counted here: loading the records raises them first, and
the CLI turns them into a non-zero exit. Pure: the caller passes today's date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from corpus import DIRECTIONS, Mission

HEAD_MAX_AGE_DAYS = 365
"""A head of mission named "as of" a date older than this is shown as possibly out of date.

One year, the same horizon as the check on ``checked`` dates: heads change every
three to four years, so a year-old statement is still likely true but no longer
safe to present as current without a caveat, and nothing else re-verifies heads.
"""
CHECKED_MAX_AGE_DAYS = 365
"""A record last checked longer ago than this is counted as due for a re-check."""
CONTACT_KINDS: tuple[str, ...] = ("website", "address", "phone", "email", "hours")


def latest_day(partial: str) -> dt.date:
    """The last day a partial ISO date ("2021", "2021-10", "2021-10-21") can mean.

    Ages are measured from it, so a date known only to the year is never called
    older than it can be.
    """
    parts = [int(p) for p in partial.split("-")]
    if len(parts) == 3:
        return dt.date(parts[0], parts[1], parts[2])
    if len(parts) == 2:
        next_month = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return next_month - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31)


def is_older_than(partial: str | None, days: int, today: dt.date) -> bool:
    """Whether a partial date lies more than ``days`` before ``today`` (False when unknown)."""
    return partial is not None and (today - latest_day(partial)).days > days


def head_is_stale(mission: Mission, today: dt.date, max_age_days: int = HEAD_MAX_AGE_DAYS) -> bool:
    """Whether the record's head of mission may be out of date (named as of too long ago)."""
    return mission.head is not None and is_older_than(mission.head.as_of, max_age_days, today)


@dataclass(frozen=True)
class DirectionFigures:
    """The check's figures for one direction (``belarus_abroad`` or ``foreign_in_belarus``)."""

    direction: str
    records: int
    open: int
    with_contact: dict[str, int]  # contact kind -> records holding one (all records)
    open_with_contact: dict[str, int]  # the same among open records
    checked_over_a_year: int
    stale_heads: int
    conflicts: int


def _has(mission: Mission, kind: str) -> bool:
    return bool(mission.contacts_of(kind))


def check_missions(
    missions: Sequence[Mission], today: dt.date, head_max_age_days: int = HEAD_MAX_AGE_DAYS
) -> list[DirectionFigures]:
    """Count, per direction, what the records hold and what is due for a re-check.

    Args:
        missions: all records (``load_missions``).
        today: the date ages are measured to.
        head_max_age_days: the age past which a head counts as possibly out of date.
    """
    figures = []
    for direction in DIRECTIONS:
        records = [m for m in missions if m.direction == direction]
        open_ = [m for m in records if m.status.state == "open"]
        figures.append(
            DirectionFigures(
                direction=direction,
                records=len(records),
                open=len(open_),
                with_contact={k: sum(_has(m, k) for m in records) for k in CONTACT_KINDS},
                open_with_contact={k: sum(_has(m, k) for m in open_) for k in CONTACT_KINDS},
                checked_over_a_year=sum(
                    is_older_than(m.checked, CHECKED_MAX_AGE_DAYS, today) for m in records
                ),
                stale_heads=sum(head_is_stale(m, today, head_max_age_days) for m in records),
                conflicts=sum(bool(m.conflicts or m.disputes) for m in records),
            )
        )
    return figures


def render_check(
    figures: Sequence[DirectionFigures], today: dt.date, head_max_age_days: int = HEAD_MAX_AGE_DAYS
) -> str:
    """The figures as the plain-text table ``missions check`` prints."""
    lines = [
        f"missions check, {today.isoformat()} (heads older than {head_max_age_days} days "
        f"count as possibly out of date)"
    ]
    for f in figures:
        lines.append(f"\n{f.direction}")
        lines.append(f"  records: {f.records}")
        lines.append(f"  open: {f.open}")
        for kind in CONTACT_KINDS:
            lines.append(f"  with {kind}: {f.with_contact[kind]} (open: {f.open_with_contact[kind]})")
        lines.append(f"  last checked over a year ago: {f.checked_over_a_year}")
        lines.append(f"  heads older than the set age: {f.stale_heads}")
        lines.append(f"  with conflicting sources: {f.conflicts}")
    return "\n".join(lines)
