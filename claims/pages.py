"""Which rows of a list a command reads, and in what order: shared by the listing services and the
commands that page them, free of SQLAlchemy so that defining a command's options loads nothing."""

from __future__ import annotations

import enum
from dataclasses import dataclass

PAGE_SIZE = 50


class Sort(str, enum.Enum):
    """How a list of claims is ordered; a search is ordered by relevance unless told otherwise."""

    newest = "newest"
    oldest = "oldest"
    score = "score"
    relevance = "relevance"


@dataclass(frozen=True)
class Window:
    """Which rows of a list: LIMIT rows from OFFSET, or every row when LIMIT is None."""

    limit: int | None = None
    offset: int = 0


EVERY_ROW = Window()
