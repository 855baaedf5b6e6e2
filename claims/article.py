"""What an article file says about itself before the story starts."""

from __future__ import annotations

import re
from datetime import date

from claims.errors import InvalidInput
from claims.limits import text_problem

# A news file may open with a metadata line, `date 2021-01-22`, followed by the story's first
# sentence on the same line.
_DATE_HEADER = re.compile(r"\A\s*date[ \t]*:?[ \t]+(\d{4}-\d{2}-\d{2})\b\s*", re.IGNORECASE)


def check_article(text: str) -> str:
    """An article with nothing in it is a mistake worth saying so, not an import of nothing."""
    if not text.strip():
        raise InvalidInput("the article is empty")
    if problem := text_problem(text, limit=None):
        raise InvalidInput(f"the article {problem}")
    return text


def read_header(text: str) -> tuple[date | None, int]:
    """The publication date a leading `date YYYY-MM-DD` gives, and where the story itself begins."""
    match = _DATE_HEADER.match(text)
    if match is None:
        return None, 0
    try:
        published = date.fromisoformat(match.group(1))
    except ValueError:  # refused as --published 2021-02-30 is, rather than read as the story's first words
        raise InvalidInput(f"the article's first line `date {match.group(1)}` is not a date: use YYYY-MM-DD") from None
    return published, match.end()
