"""Reading what an editor typed into the closed vocabularies and dates, with one-line errors.

Free of SQLAlchemy, so that read commands that go through the Core (``claims list``, ``queue``,
``report``) can check their options without loading the ORM and the models.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import date
from typing import TypeVar

from claims.errors import InvalidInput
from claims.vocabulary import ClaimKind, EntityLabel, Stance, Status

Choice = TypeVar("Choice", bound=enum.Enum)


def parse_choice(choices: type[Choice], value: str, *, noun: str, aliases: Mapping[str, str] | None = None) -> Choice:
    """One of a closed set of words, forgiving case, spaces and hyphens; else a one-line error listing them."""
    key = value.strip().lower().replace("-", "_").replace(" ", "_")
    key = (aliases or {}).get(key, key)
    try:
        return choices(key)
    except ValueError:
        listed = ", ".join(str(choice.value) for choice in choices)
        raise InvalidInput(f"unknown {noun} {value!r}; choose one of: {listed}") from None


def parse_status(value: str) -> Status:
    return parse_choice(Status, value, noun="status")


def parse_kind(value: str) -> ClaimKind:
    return parse_choice(ClaimKind, value, noun="kind")


def parse_label(value: str) -> EntityLabel:
    """An entity label; the British spelling an editor may type is accepted too."""
    return parse_choice(EntityLabel, value, noun="entity label", aliases={"organisation": "organization"})


def parse_stance(value: str) -> Stance:
    return parse_choice(Stance, value, noun="stance")


def parse_date(value: str, *, field: str = "date") -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InvalidInput(f"{field} {value!r} is not a date: use YYYY-MM-DD") from None
