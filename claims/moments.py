"""Moments as the database gives them, in UTC, and the ISO forms the desk's files and pages use.

Pure: the models, the JSON records and the reports all read moments through here.
"""

from __future__ import annotations

from datetime import UTC, date, datetime


def as_utc(moment: datetime) -> datetime:
    """A moment as the database gave it, in UTC: SQLite keeps UTC without saying so, and a
    PostgreSQL session answers in its own zone (the server's, or PGTZ's)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def timestamp(value: datetime | None) -> str | None:
    return as_utc(value).isoformat(timespec="seconds") if value is not None else None


def day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None
